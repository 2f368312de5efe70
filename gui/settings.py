"""Application identity and the QSettings keys that the window stores between sessions."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "ReviewLabeler"
APPLICATION = "Review Labeler"
# Folder and file names on disk, where spaces only get in the way.
APPLICATION_SLUG = "review-labeler"

LANGUAGE = "ui/language"
WINDOW_GEOMETRY = "ui/window_geometry"
# JSON object of review-table column name to width in pixels; a project's own widths win.
COLUMN_WIDTHS = "ui/column_widths"
LAST_FOLDER = "files/last_folder"
RECENT_FILES = "files/recent"
MODEL_CHOICE = "model/choice"
MODEL_FOLDERS = "model/recent_folders"
HUB_ID = "model/hub_id"
DEVICE = "model/device"
BATCH_SIZE = "model/batch_size"
RECENT_PROJECTS = "projects/recent"
# "ask", "always" or "never": whether opening a data file offers to create a project for it.
PROJECT_OFFER = "projects/offer"

MAX_RECENT_MODEL_FOLDERS = 8
MAX_RECENT_PROJECTS = 8
MAX_RECENT_FILES = 8


def app_settings() -> QSettings:
    """Return the user's settings store.

    The INI format is used on every platform so that tests can redirect it with
    ``QSettings.setPath`` and users can read it.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def read_string(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default


def read_int(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def read_string_list(settings: QSettings, key: str) -> list[str]:
    """Return a stored list; QSettings returns a bare string for a one-item list in INI files."""
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return []
