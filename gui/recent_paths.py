"""Lists of recently opened files and projects, kept in the user's settings, and their File submenus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QMenu, QWidget

from . import settings as keys


class RecentPaths:
    """Absolute paths stored under one settings key, newest first, at most ``limit`` of them."""

    def __init__(self, key: str, limit: int) -> None:
        self.key = key
        self.limit = limit

    def entries(self) -> list[str]:
        return keys.read_string_list(keys.app_settings(), self.key)

    def remember(self, path: str | Path) -> None:
        """Put ``path`` first and remove an older entry for the same file."""
        path = str(Path(path).resolve())
        entries = [path] + [entry for entry in self.entries() if entry != path]
        keys.app_settings().setValue(self.key, entries[: self.limit])

    def forget(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        keys.app_settings().setValue(self.key, [entry for entry in self.entries() if entry != path])

    def clear(self) -> None:
        keys.app_settings().setValue(self.key, [])


RECENT_FILES = RecentPaths(keys.RECENT_FILES, keys.MAX_RECENT_FILES)
RECENT_PROJECTS = RecentPaths(keys.RECENT_PROJECTS, keys.MAX_RECENT_PROJECTS)


class RecentPathsMenu(QMenu):
    """Lists the entries of ``paths`` when opened and emits ``pathChosen(path)`` when one is clicked.

    Entries are numbered with mnemonics (&1 … &8), so that the keyboard opens them with one
    key. ``action_prefix`` names the actions for scripted tests: ``recentProject_1``, ….
    """

    pathChosen = Signal(str)

    def __init__(self, title: str, paths: RecentPaths, action_prefix: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._paths = paths
        self._prefix = action_prefix
        self._empty_text = empty_text
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    @Slot()
    def rebuild(self) -> None:
        self.clear()
        entries = self._paths.entries()
        for number, path in enumerate(entries, start=1):
            action = self.addAction(f"&{number}  {Path(path).name}")
            action.setObjectName(f"{self._prefix}_{number}")
            # The full path is shown, so the user sees which file a click opens.
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, chosen=path: self.pathChosen.emit(chosen))
        if not entries:
            empty = self.addAction(self._empty_text)
            empty.setEnabled(False)
            return
        self.addSeparator()
        clear = self.addAction(self.tr("Clear list"))
        # "recentProject" names the action clearRecentProjects.
        clear.setObjectName(f"clear{self._prefix[:1].upper()}{self._prefix[1:]}s")
        clear.triggered.connect(self._clear)

    @Slot()
    def _clear(self) -> None:
        self._paths.clear()
        self.rebuild()
