"""Headless command line: ``review-labeler predict|export|finetune ...``.

The desktop launcher hands every argument list that starts with a sub-command to :func:`run`,
so servers can run the same jobs without a display and without importing Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from . import cli_export, cli_finetune, cli_predict
from .cli_help import LocalizedArgumentParser
from .errors import ReviewLabelerError
from .messages import SUPPORTED_LANGUAGES, get_language, set_language, text

log = logging.getLogger(__name__)

# Each module adds one sub-command: register(subparsers) -> None and sets func=handler.
COMMAND_MODULES = [cli_predict, cli_finetune, cli_export]


def command_names() -> set[str]:
    """Return the sub-command names, so the launcher can tell them from file paths."""
    return {module.COMMAND for module in COMMAND_MODULES}


def build_parser() -> argparse.ArgumentParser:
    korean = get_language() == "ko"
    parser = LocalizedArgumentParser(
        prog="review-labeler",
        description=(
            "리뷰 라벨러: 리뷰 표의 감성을 BERT 모델로 분류하고 교정하는 도구입니다. 인자 없이 실행하면 창이 열립니다."
            if korean
            else "Review Labeler: classify and correct the sentiment of review tables with a BERT model. "
            "Run without arguments to open the window."
        ),
    )
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="message language" if not korean else "메시지 언어")
    parser.add_argument("--verbose", "-v", action="store_true", help="log details to stderr" if not korean else "자세한 로그 출력")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers, korean)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one sub-command and return the process exit code."""
    argv = list(argv)
    # The language is set before the parser is built, so that --help is already in it.
    if "--lang" in argv:
        position = argv.index("--lang")
        if position + 1 < len(argv) and argv[position + 1] in SUPPORTED_LANGUAGES:
            set_language(argv[position + 1])
    for argument in argv:
        if argument.startswith("--lang=") and argument.removeprefix("--lang=") in SUPPORTED_LANGUAGES:
            set_language(argument.removeprefix("--lang="))

    parser = build_parser()
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if arguments.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    handler: Callable[[argparse.Namespace], int] = arguments.func
    try:
        return handler(arguments)
    except ReviewLabelerError as error:
        sys.stderr.write(f"review-labeler: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"review-labeler: {text('cli.interrupted')}\n")
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
