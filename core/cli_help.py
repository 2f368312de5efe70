"""argparse parsers whose own words (usage, section titles, -h) follow the message language.

argparse writes "usage:", "positional arguments", "options" and the help of ``-h`` in English
whatever the locale; the sub-commands' help texts are already in both languages. Messages that
argparse produces for invalid arguments stay in English.
"""

from __future__ import annotations

import argparse

from .messages import text


class LocalizedHelpFormatter(argparse.HelpFormatter):
    """Writes the "usage: " prefix in the message language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, text("cli.help.usage") if prefix is None else prefix)


class LocalizedArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser with section titles and ``-h`` help in the message language.

    Sub-parsers made with ``add_subparsers()`` are of this class too.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", LocalizedHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = text("cli.help.positionals")
        self._optionals.title = text("cli.help.options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=text("cli.help.help"))

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", LocalizedArgumentParser)
        return super().add_subparsers(**kwargs)
