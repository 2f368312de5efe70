"""Icons: the app icon drawn for this project and Qt's standard icons for toolbar actions."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

APP_ICON_FILE = "review_labeler.svg"


def icons_dir() -> Path:
    return Path(str(resources.files("review_labeler.resources").joinpath("icons")))


def app_icon() -> QIcon:
    return QIcon(str(icons_dir() / APP_ICON_FILE))


def standard_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    return QApplication.style().standardIcon(pixmap)
