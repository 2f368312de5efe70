"""Logging for the desktop app: a rotating file in the user's log folder, warnings on stderr.

Qt's own warnings are routed into the same log, so a user can send one file that holds both.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs
from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from .settings import APPLICATION_SLUG, ORGANIZATION

LOG_FILE_NAME = f"{APPLICATION_SLUG}.log"
MAX_LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

_qt_log = logging.getLogger("qt")
_current_log_file: Path | None = None
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_directory() -> Path:
    return Path(platformdirs.user_log_dir(APPLICATION_SLUG, ORGANIZATION))


def configure_logging(folder: Path | None = None) -> Path:
    """Attach a rotating file handler and a stderr handler to the root logger; return the log file."""
    folder = folder or log_directory()
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / LOG_FILE_NAME

    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.setLevel(logging.INFO)

    # stderr keeps warnings visible when the app is started from a terminal.
    stream_handler = logging.StreamHandler()
    stream_handler.setFormatter(logging.Formatter(_FORMAT))
    stream_handler.setLevel(logging.WARNING)

    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(file_handler)
    root.addHandler(stream_handler)

    qInstallMessageHandler(_forward_qt_message)
    global _current_log_file
    _current_log_file = log_file
    return log_file


def current_log_file() -> Path | None:
    """Return the file that :func:`configure_logging` set up, or None before it ran (as in tests)."""
    return _current_log_file


def _forward_qt_message(message_type: QtMsgType, context, message: str) -> None:
    _qt_log.log(_QT_LEVELS.get(message_type, logging.WARNING), "%s", message)
