"""The File menu's list of recently opened projects, kept in the user's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .recent_paths import RECENT_FILES, RECENT_PROJECTS, RecentPathsMenu

# pyside6-lupdate extracts calls written as translate("Context", "text").
translate = QCoreApplication.translate


def recent_projects() -> list[str]:
    return RECENT_PROJECTS.entries()


def remember_project(path: str | Path) -> None:
    """Put ``path`` first in the list of recent projects."""
    RECENT_PROJECTS.remember(path)


def forget_project(path: str | Path) -> None:
    RECENT_PROJECTS.forget(path)


def recent_files() -> list[str]:
    return RECENT_FILES.entries()


def remember_file(path: str | Path) -> None:
    """Put ``path`` first in the list of recently opened data files."""
    RECENT_FILES.remember(path)


def recent_projects_menu(parent: QWidget | None = None) -> RecentPathsMenu:
    """Return the File menu's "Recent projects" submenu (objectName ``recentProjectsMenu``)."""
    menu = RecentPathsMenu(translate("RecentProjectsMenu", "&Recent projects"), RECENT_PROJECTS, "recentProject",
                           translate("RecentProjectsMenu", "No recent projects"), parent)
    menu.setObjectName("recentProjectsMenu")
    return menu


def recent_files_menu(parent: QWidget | None = None) -> RecentPathsMenu:
    """Return the File menu's "Recent files" submenu (objectName ``recentFilesMenu``)."""
    menu = RecentPathsMenu(translate("RecentProjectsMenu", "Recent f&iles"), RECENT_FILES, "recentFile",
                           translate("RecentProjectsMenu", "No recent files"), parent)
    menu.setObjectName("recentFilesMenu")
    return menu
