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

    if _is_command_line(arguments, cli.command_names()):
        return cli.run(arguments)

    from review_labeler.gui.app import run_app

    return run_app(arguments)


def _is_command_line(arguments: list[str], commands: set[str]) -> bool:
    """Return True when ``arguments`` ask for a sub-command or the help, after any global options.

    ``review-labeler --lang ko predict …`` and ``review-labeler --lang ko --help`` go to the
    command line; ``review-labeler reviews.csv`` opens the window.
    """
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in {"-h", "--help"} or argument in commands:
            return True
        if argument == "--lang":
            position += 2
        elif argument.startswith("--lang=") or argument in {"-v", "--verbose"}:
            position += 1
        else:
            return False
    return False


if __name__ == "__main__":
    raise SystemExit(main())
