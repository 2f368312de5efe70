"""Open a project file: check its source file, read the table as recorded, load the saved work.

The steps, with the user in the loop wherever rows could end up attached to other reviews:

1. Open the project (read-only when the file is write-protected) and validate it.
2. In the background, compare the recorded source file with the file on disk and, when it is
   there, read it with the recorded read options.
3. Unchanged: load predictions and corrections. Changed: show how many rows still have the same
   text and offer to re-match by position or stop. Missing or unreadable: show the recorded
   path and let the user locate the file, which is then checked the same way.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import ColumnError, ProjectError
from review_labeler.core.project_store import ProjectStore, RowMatchReport, SourceCheck, SourceStatus

from . import dialogs, locale_format
from .background import BackgroundTask
from .document import OpenedTable
from .error_dialog import show_error
from .error_report import ErrorReport
from .file_opening import OPENABLE_SUFFIXES, read_and_guess

log = logging.getLogger(__name__)

# pyside6-lupdate extracts strings from calls written as translate("Context", "text").
translate = QCoreApplication.translate


@dataclass
class OpenedProject:
    """A project whose table was read and whose saved work fits it."""

    store: ProjectStore
    opened: OpenedTable
    annotations: Annotations
    rematch: RowMatchReport | None = None


@dataclass
class _SourceRead:
    check: SourceCheck
    opened: OpenedTable | None


def _check_and_read(store: ProjectStore, source: Path | None) -> _SourceRead:
    """Runs in a worker thread: fingerprint the source and read it when it is there."""
    check = store.source_status(source)
    if check.status not in (SourceStatus.UNCHANGED, SourceStatus.CHANGED):
        return _SourceRead(check, None)
    info = store.info
    opened = read_and_guess(check.path, store.read_options(), info.review_column, info.label_column)
    return _SourceRead(check, opened)


def confirm_rematch(parent: QWidget | None, check: SourceCheck, report: RowMatchReport) -> bool:
    """Ask whether to re-match a changed source file by position; True to re-match, False to stop."""
    compared = min(report.project_rows, report.table_rows)
    message = translate(
        "ProjectOpener",
        "The file {file} has changed since this project was made.\n\n"
        "{matching} of the {compared} rows compared still have the same review text. "
        "The project has {project_rows} rows, the file now has {table_rows}."
    ).format(
        file=str(check.path), matching=locale_format.count(report.matching_rows), compared=locale_format.count(compared),
        project_rows=locale_format.count(report.project_rows), table_rows=locale_format.count(report.table_rows),
    )
    box = QMessageBox(QMessageBox.Icon.Warning, translate("ProjectOpener", "Source file changed"), message, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("rematchBox")
    box.setInformativeText(translate(
        "ProjectOpener",
        "Re-matching attaches the saved labels to the rows at the same positions, which is only right "
        "if rows were edited in place, not inserted, deleted or re-sorted."
    ))
    rematch = box.addButton(translate("ProjectOpener", "Re-match by position"), QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton(translate("ProjectOpener", "Stop"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.exec()
    return box.clickedButton() is rematch


def pick_source_file(parent: QWidget | None, recorded: Path) -> Path | None:
    """Let the user choose the moved source file, starting in the recorded folder when it exists."""
    start = recorded.parent if recorded.parent.is_dir() else Path.home()
    patterns = " ".join(f"*{suffix}" for suffix in OPENABLE_SUFFIXES)
    path, _filter = QFileDialog.getOpenFileName(
        parent, translate("ProjectOpener", "Locate the source file"), str(start),
        translate("ProjectOpener", "Review tables ({patterns});;All files (*)").format(patterns=patterns),
    )
    return Path(path) if path else None


class ProjectOpener(QObject):
    """Runs the opening steps; ``ready(OpenedProject)`` at the end, ``failed()`` when stopped or failed.

    Errors and questions are shown to the user here. The caller installs the opened project.
    """

    ready = Signal(object)
    failed = Signal()
    busyChanged = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._task = BackgroundTask("project-reading", self)
        self._task.busyChanged.connect(self.busyChanged)

    def is_busy(self) -> bool:
        return self._task.is_pending()

    def open(self, path: str | Path) -> None:
        """Open the project at ``path``; the result arrives through ``ready`` or ``failed``."""
        store = self._open_store(Path(path))
        if store is None:
            self.failed.emit()
            return
        self._read_source(store, None)

    def shutdown(self) -> None:
        self._task.shutdown()

    # --- steps ------------------------------------------------------------------------------

    def _open_store(self, path: Path) -> ProjectStore | None:
        read_only = path.is_file() and not os.access(path, os.W_OK)
        try:
            return ProjectStore.open(path, read_only=read_only)
        except ProjectError as error:
            if not read_only:
                # A writable file in a folder where SQLite cannot create its WAL files.
                try:
                    store = ProjectStore.open(path, read_only=True)
                except ProjectError:
                    pass
                else:
                    log.warning("Opened %s read-only because it could not be opened for writing: %s", path, error)
                    return store
            show_error(self._window, translate("ProjectOpener", "Could not open the project"), ErrorReport.from_exception(error))
            return None

    def _read_source(self, store: ProjectStore, source: Path | None) -> None:
        log.info("Checking the source file of project %s", store.path)
        self._task.start(
            lambda: _check_and_read(store, source),
            lambda result: self._on_source_read(store, source, result),
            lambda report: self._stop(store, report, translate("ProjectOpener", "Could not read the source file")),
        )

    def _on_source_read(self, store: ProjectStore, source: Path | None, result: _SourceRead) -> None:
        check = result.check
        if check.status in (SourceStatus.MISSING, SourceStatus.UNREADABLE):
            self._locate(store, check)
            return
        try:
            opened_project = self._load(store, source, check, result.opened)
        except (ProjectError, ColumnError) as error:
            self._stop(store, ErrorReport.from_exception(error), translate("ProjectOpener", "Could not open the project"))
            return
        if opened_project is None:
            log.info("Opening project %s stopped at the changed-source question", store.path)
            store.close()
            self.failed.emit()
            return
        self.ready.emit(opened_project)

    def _load(self, store: ProjectStore, source: Path | None, check: SourceCheck,
              opened: OpenedTable) -> OpenedProject | None:
        row_count = opened.table.row_count
        if check.status == SourceStatus.CHANGED:
            report = store.compare_rows(opened.table)
            if not confirm_rematch(self._window, check, report):
                return None
            if store.read_only:
                annotations = store.load_annotations_by_position(row_count)
            else:
                store.reattach_source(opened.table)
                annotations = store.load_annotations(row_count)
            return OpenedProject(store, opened, annotations, report)

        if source is not None and not store.read_only and Path(store.info.source_path) != check.path.resolve():
            # The same content at a new place: record where the file is now.
            store.reattach_source(opened.table)
        return OpenedProject(store, opened, store.load_annotations(row_count))

    def _locate(self, store: ProjectStore, check: SourceCheck) -> None:
        if check.status == SourceStatus.MISSING:
            question = translate("ProjectOpener", "The source file of this project was not found:\n{file}\n\nLocate it?")
        else:
            question = translate("ProjectOpener", "The source file of this project could not be read:\n{file}\n({detail})\n\nLocate it?")
        question = question.format(file=str(check.path), detail=check.detail)
        if not dialogs.ask_yes_no(self._window, translate("ProjectOpener", "Source file not found"), question, default_yes=True):
            store.close()
            self.failed.emit()
            return
        chosen = pick_source_file(self._window, check.path)
        if chosen is None:
            store.close()
            self.failed.emit()
            return
        self._read_source(store, chosen)

    def _stop(self, store: ProjectStore, report: ErrorReport, title: str) -> None:
        store.close()
        show_error(self._window, title, report)
        self.failed.emit()
