"""Start the desktop app: QApplication, logging, excepthook, language and the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from . import i18n
from . import settings as keys
from .error_dialog import ExceptionHook
from .icons import app_icon
from .log_setup import configure_logging

log = logging.getLogger(__name__)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="review-labeler", description="Label the sentiment of review tables.")
    parser.add_argument("file", nargs="?", help="review file (CSV, TSV, TXT or XLSX) to open at start")
    parser.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES,
                        help="interface language for this run (default: the one chosen in Settings, else the system's)")
    # Qt options such as -platform reach QApplication untouched.
    arguments, _qt_arguments = parser.parse_known_args(list(argv))
    return arguments


def create_application(argv: Sequence[str]) -> QApplication:
    """Return the QApplication, creating it with the app's name and organisation for QSettings."""
    QCoreApplication.setOrganizationName(keys.ORGANIZATION)
    QCoreApplication.setApplicationName(keys.APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationDisplayName(keys.APPLICATION)
    # Matches packaging/linux/review-labeler.desktop, so that Wayland and task bars show its icon.
    QGuiApplication.setDesktopFileName(keys.APPLICATION_SLUG)
    app.setWindowIcon(app_icon())
    return app


def run_app(argv: Sequence[str]) -> int:
    """Run the window until it closes; ``argv`` may name a file to open. Returns the exit code."""
    arguments = parse_arguments(argv)
    app = create_application(argv)
    log_file = configure_logging()
    hook = ExceptionHook()
    hook.install()

    language = arguments.lang or i18n.chosen_language(keys.app_settings())
    # Held until the app exits: Qt drops a translator once Python collects it.
    translators = i18n.install_translators(app, language)
    log.info("Review Labeler starting (language %s, log %s)", language, log_file)

    # Imported after the translators are installed, so that nothing is translated too early.
    from .main_window import MainWindow

    window = MainWindow()
    # Also covers quitting without closing the window (for example from the session manager).
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    if arguments.file:
        window.open_file(arguments.file)

    exit_code = app.exec()
    window.shutdown()
    hook.uninstall()
    log.info("Review Labeler exiting with code %d", exit_code)
    return exit_code
