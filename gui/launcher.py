"""Entry point of ``review-labeler``: sub-commands run headless, anything else opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)

    # Imported here so that the headless paths never load Qt.
    if "--self-test" in arguments:
        from review_labeler.core import self_test

        return self_test.main(arguments)

    from review_labeler.core import cli

    if arguments and (arguments[0] in cli.command_names() or arguments[0] in {"-h", "--help"}):
        return cli.run(arguments)

    from review_labeler.gui.app import run_app

    return run_app(arguments)


if __name__ == "__main__":
    raise SystemExit(main())
