"""The File menu's list of recently opened projects, kept in the user's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QMenu, QWidget

from . import settings as keys


def recent_projects() -> list[str]:
    return keys.read_string_list(keys.app_settings(), keys.RECENT_PROJECTS)


def remember_project(path: str | Path) -> None:
    """Put ``path`` first in the list of recent projects."""
    path = str(Path(path).resolve())
    entries = [path] + [entry for entry in recent_projects() if entry != path]
    keys.app_settings().setValue(keys.RECENT_PROJECTS, entries[: keys.MAX_RECENT_PROJECTS])


def forget_project(path: str | Path) -> None:
    path = str(Path(path).resolve())
    keys.app_settings().setValue(keys.RECENT_PROJECTS, [entry for entry in recent_projects() if entry != path])


class RecentProjectsMenu(QMenu):
    """Lists recent projects when opened; ``projectChosen(path)`` when one is clicked."""

    projectChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Recent projects"), parent)
        self.setObjectName("recentProjectsMenu")
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    @Slot()
    def rebuild(self) -> None:
        self.clear()
        entries = recent_projects()
        for number, path in enumerate(entries, start=1):
            action = self.addAction(f"&{number}  {Path(path).name}")
            action.setObjectName(f"recentProject_{number}")
            # The full path is shown, so the user sees which file a click opens.
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, chosen=path: self.projectChosen.emit(chosen))
        if not entries:
            empty = self.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)
        else:
            self.addSeparator()
            clear = self.addAction(self.tr("Clear list"))
            clear.setObjectName("clearRecentProjects")
            clear.triggered.connect(self._clear)
        self.setToolTipsVisible(True)

    @Slot()
    def _clear(self) -> None:
        keys.app_settings().setValue(keys.RECENT_PROJECTS, [])
        self.rebuild()
