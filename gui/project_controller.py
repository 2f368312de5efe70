"""Connects project files to the window: offer, create, open, save during runs, restore the view.

* Opening a data file shows a bar that offers a project beside it (or opens the one already
  there). The choice "always" or "never" is kept in the settings.
* A project needs the model's label names, so when none is known yet the file is created when
  the first classification starts.
* Predictions are saved every ``PREDICTION_SAVE_INTERVAL_MS`` during a run and once at its end.
  Each save is one transaction, so a crash mid-run loses at most the last interval of
  predictions and never damages the file. Corrections are committed by the undo commands.
* Opening a project installs its table, predictions, corrections, label mapping and display
  names, then restores filters, sort, selection and column widths.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow

from review_labeler.core.annotations import ReviewState
from review_labeler.core.errors import ColumnError, LabelError, ProjectError
from review_labeler.core.project_store import PROJECT_SUFFIX

from . import dialogs, locale_format
from . import settings as keys
from .document import OpenedTable
from .error_dialog import show_error
from .error_report import ErrorReport
from .info_bar import WARNING, InfoBar
from .known_labels import KnownLabelsFlow, project_label_mapping
from .project_creation import create_project, default_project_path, free_project_path, with_project_suffix
from .project_opening import OpenedProject, ProjectOpener
from .project_session import ProjectSession
from .recent_projects import remember_project
from .table_filters import TableFilters
from .undo_commands import EditHistory
from .view_state import capture_view_state, restore_view_state

log = logging.getLogger(__name__)

PREDICTION_SAVE_INTERVAL_MS = 10_000
ASK, ALWAYS, NEVER = "ask", "always", "never"


class ProjectController(QObject):
    """The window's project behaviour; ``projectInstalled()`` after a project's table is shown."""

    projectInstalled = Signal()

    def __init__(self, window: QMainWindow, session: ProjectSession, history: EditHistory, filters: TableFilters,
                 known_labels: KnownLabelsFlow, offer_bar: InfoBar, notice_bar: InfoBar) -> None:
        super().__init__(window)
        self._window = window
        self._document = window.document
        self.session = session
        self._history = history
        self._filters = filters
        self._known_labels = known_labels
        self.offer_bar = offer_bar
        self.notice_bar = notice_bar
        self.opener = ProjectOpener(window)
        self._installing = False
        # Where to create the project once the model's labels are known, or None.
        self.pending_path: Path | None = None
        self._unsaved_rows: list[np.ndarray] = []
        self._save_timer = QTimer(self)
        self._save_timer.setInterval(PREDICTION_SAVE_INTERVAL_MS)
        self._save_timer.timeout.connect(self._save_streamed_predictions)

        session.view_state_source = lambda: capture_view_state(window.table_view, filters)
        self._connect()

    def _connect(self) -> None:
        window = self._window
        document = self._document
        self.opener.ready.connect(self._install)
        window.opener.opened.connect(self._on_plain_file_opened)
        document.tableAboutToBeReplaced.connect(self._on_table_about_to_be_replaced)
        document.rowsChanged.connect(self._on_rows_changed)
        window.flow.job.runningChanged.connect(self._on_running_changed)
        window.flow.runFinished.connect(self._on_run_finished)
        self.session.saveFailed.connect(self._on_save_failed)
        self.session.changed.connect(self._update_history_block)

        view = window.table_view
        self._filters.applied.connect(self.session.schedule_view_state_save)
        window.proxy.layoutChanged.connect(self.session.schedule_view_state_save)
        view.horizontalHeader().sectionResized.connect(self.session.schedule_view_state_save)
        view.selectionModel().selectionChanged.connect(self.session.schedule_view_state_save)
        view.selectionModel().currentChanged.connect(self.session.schedule_view_state_save)

    # --- opening ----------------------------------------------------------------------------

    def choose_project(self) -> None:
        folder = keys.read_string(keys.app_settings(), keys.LAST_FOLDER, str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(
            self._window, self.tr("Open a project"), folder,
            self.tr("Review Labeler projects (*{suffix});;All files (*)").format(suffix=PROJECT_SUFFIX),
        )
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        """Open the project at ``path``; returns False when the user kept the current table."""
        if self.opener.is_busy() or not self._window._confirm_replacing_table():
            return False
        keys.app_settings().setValue(keys.LAST_FOLDER, str(Path(path).parent))
        log.info("Opening project %s", path)
        self.opener.open(path)
        return True

    @Slot(object)
    def _install(self, project: OpenedProject) -> None:
        window = self._window
        document = self._document
        store = project.store
        if window.flow.is_active():
            window.flow.discard()
        self._close_project()

        self._installing = True
        try:
            window._on_opened(project.opened)
        finally:
            self._installing = False
        document.replace_annotations(project.annotations)
        shown = [name if name != model_name else "" for name, model_name in zip(store.display_names(), store.label_names)]
        document.set_display_names(shown)
        mapping = project_label_mapping(store, document.label_column)
        if mapping is not None:
            document.set_label_mapping(mapping)
        document.has_unexported_edits = False
        self.session.attach(store)
        self._history.clear()

        restore_view_state(store.ui_state(), window.table_view, self._filters)
        self._show_project_notices(project)
        remember_project(store.path)
        window.setWindowTitle(self.tr("{project} – Review Labeler").format(project=store.path.name))
        reviewed = int((project.annotations.review_state != ReviewState.UNREVIEWED).sum())
        window._show_status(self.tr("Opened project {project}: {rows} rows, {reviewed} reviewed.").format(
            project=store.path.name, rows=locale_format.count(store.row_count), reviewed=locale_format.count(reviewed)))
        self.projectInstalled.emit()
        self._known_labels.offer(automatic=True)

    def _show_project_notices(self, project: OpenedProject) -> None:
        self.offer_bar.clear()
        if project.store.read_only:
            self.notice_bar.show_message(
                self.tr("{project} is write-protected, so it was opened read-only: you can browse, filter and "
                        "export, but labels cannot be changed.").format(project=project.store.path.name),
                kind=WARNING,
            )
        elif project.rematch is not None:
            report = project.rematch
            self.notice_bar.show_message(
                self.tr("The source file had changed. The saved labels were re-matched by position; {matching} of "
                        "{rows} rows still have the same text.").format(
                    matching=locale_format.count(report.matching_rows), rows=locale_format.count(min(report.project_rows, report.table_rows))),
                [(self.tr("Hide"), "hideNoticeButton", self.notice_bar.clear)],
                kind=WARNING,
            )
        else:
            self.notice_bar.clear()

    @Slot()
    def _update_history_block(self) -> None:
        self._history.blocked_reason = (
            self.tr("This project is open read-only; labels cannot be changed.") if self.session.read_only else None
        )

    # --- offering and creating --------------------------------------------------------------

    @Slot(object)
    def _on_plain_file_opened(self, opened: OpenedTable) -> None:
        self.notice_bar.clear()
        source = Path(opened.table.source_path)
        existing = default_project_path(source)
        preference = keys.read_string(keys.app_settings(), keys.PROJECT_OFFER, ASK)
        if existing.is_file():
            self.offer_bar.show_message(
                self.tr("A project for this file exists: {project}. Open it to continue where you left off?").format(
                    project=existing.name),
                [
                    (self.tr("Open project"), "openExistingProjectButton", lambda: self.open_project(existing)),
                    (self.tr("Not now"), "dismissOfferButton", self.offer_bar.clear),
                ],
            )
            return
        if preference == NEVER:
            self.offer_bar.clear()
            return
        suggested = free_project_path(source)
        if preference == ALWAYS:
            self.request_creation(suggested)
            return
        self.offer_bar.show_message(
            self.tr("Keep this work in a project file? Predictions and corrections are saved as you make them, "
                    "so you can close the app and continue later. It would be saved as {project} beside the data "
                    "file.").format(project=suggested.name),
            [
                (self.tr("Create project"), "createProjectButton", lambda: self.request_creation(suggested)),
                (self.tr("Choose location…"), "chooseProjectLocationButton", self.choose_creation_path),
                (self.tr("Always create"), "alwaysCreateProjectButton", lambda: self._remember_offer(ALWAYS, suggested)),
                (self.tr("Not now"), "dismissOfferButton", self.offer_bar.clear),
                (self.tr("Never ask"), "neverAskProjectButton", lambda: self._remember_offer(NEVER, None)),
            ],
        )

    def _remember_offer(self, preference: str, path: Path | None) -> None:
        keys.app_settings().setValue(keys.PROJECT_OFFER, preference)
        log.info("Project offer preference set to %s", preference)
        if path is not None:
            self.request_creation(path)
        else:
            self.offer_bar.clear()

    def choose_creation_path(self) -> None:
        """Ask where to save the project ("Save as project…"), then create it there."""
        table = self._document.table
        if table is None:
            return
        suggested = free_project_path(table.source_path)
        path, _filter = QFileDialog.getSaveFileName(
            self._window, self.tr("Save as project"), str(suggested),
            self.tr("Review Labeler projects (*{suffix})").format(suffix=PROJECT_SUFFIX),
        )
        if path:
            self.request_creation(with_project_suffix(path))

    def request_creation(self, path: str | Path) -> bool:
        """Create the project at ``path`` now, or when the first run starts if no labels are known yet.

        Returns True when the project was created now.
        """
        path = Path(path)
        document = self._document
        if document.table is None or self.session.is_open:
            return False
        if document.review_column is None:
            dialogs.show_notice(self._window, self.tr("Project"), self.tr("Choose the column that holds the review text first."))
            return False
        loaded = self._window.flow.model_session.loaded
        if document.label_names and loaded is not None and list(loaded.label_names) == document.label_names:
            return self._create_now(path, loaded.source)
        self.pending_path = path
        self.offer_bar.show_message(
            self.tr("The project {project} will be created when the classification starts, because it needs the "
                    "model's labels.").format(project=path.name),
            [(self.tr("Cancel"), "cancelPendingProjectButton", self._cancel_pending)],
        )
        return False

    def _cancel_pending(self) -> None:
        self.pending_path = None
        self.offer_bar.clear()

    def _create_now(self, path: Path, model_ref: str) -> bool:
        try:
            store = create_project(self._document, path, model_ref)
        except (ProjectError, ColumnError, LabelError) as error:
            log.error("Creating project %s failed: %s", path, error)
            show_error(self._window, self.tr("Could not create the project"), ErrorReport.from_exception(error))
            return False
        self.pending_path = None
        self._document.has_unexported_edits = False
        self.session.attach(store)
        remember_project(store.path)
        self.offer_bar.clear()
        self._window.setWindowTitle(self.tr("{project} – Review Labeler").format(project=store.path.name))
        # The name only: the status bar cuts long messages, and the window title shows the project too.
        self._window._show_status(self.tr("Created project {project}; every correction is saved in it.").format(
            project=store.path.name))
        return True

    # --- runs -------------------------------------------------------------------------------

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if not running:
            # A cancelled or discarded run may end without runFinished; keep what it streamed.
            if self._save_timer.isActive():
                self._save_timer.stop()
                self._save_streamed_predictions()
            return
        loaded = self._window.flow.model_session.loaded
        if loaded is None:
            return
        if self.pending_path is not None and not self.session.is_open:
            self._create_now(self.pending_path, loaded.source)
        elif self.session.writable:
            self._record_model(loaded.source, list(loaded.label_names))
        self._unsaved_rows = []
        if self.session.writable:
            self._save_timer.start()

    def _record_model(self, model_ref: str, label_names: list[str]) -> None:
        """Record a model with other labels than the project's.

        A model with the same labels is left to the fine-tuning versions, which record the
        base model and the active version id themselves.
        """
        store = self.session.store
        if label_names == store.label_names:
            return
        try:
            # The run cleared the corrections of the old labels (the user agreed); log that
            # before the store accepts other labels.
            saved = store.load_annotations(store.row_count)
            touched = np.flatnonzero(saved.review_state != ReviewState.UNREVIEWED)
            if len(touched):
                store.record_edit(touched, None, ReviewState.UNREVIEWED)
            store.set_model(model_ref, None, label_names)
        except (ProjectError, LabelError) as error:
            log.error("Recording the model in %s failed: %s", store.path, error)
            show_error(self._window, self.tr("Could not update the project"), ErrorReport.from_exception(error))
            return
        self._history.clear()

    @Slot(object)
    def _on_rows_changed(self, rows: np.ndarray) -> None:
        if self._save_timer.isActive():
            self._unsaved_rows.append(np.asarray(rows, dtype=np.int64))

    @Slot()
    def _save_streamed_predictions(self) -> None:
        if not self._unsaved_rows:
            return
        rows = np.unique(np.concatenate(self._unsaved_rows))
        self._unsaved_rows = []
        self.session.save_predictions(self._document.annotations, rows)

    @Slot(str, object)
    def _on_run_finished(self, _outcome: str, _result) -> None:
        self._save_timer.stop()
        self._unsaved_rows = []
        if self.session.writable and self._document.table is not None:
            self.session.save_predictions(self._document.annotations)

    # --- guards and closing -----------------------------------------------------------------

    def allows_review_column(self, review_column: str | None) -> bool:
        """Return False, after a notice with the reason, when the open project is tied to another review column."""
        store = self.session.store
        if store is None or review_column == store.info.review_column:
            return True
        dialogs.show_notice(
            self._window, self.tr("Project"),
            self.tr("This project keeps the predictions and corrections of the column \"{column}\". To classify "
                    "another column, open the data file without the project.").format(column=store.info.review_column),
        )
        return False

    @Slot()
    def _on_table_about_to_be_replaced(self) -> None:
        if self._installing:
            return
        self.offer_bar.clear()
        self.notice_bar.clear()
        self._close_project()

    def _close_project(self) -> None:
        """Save what a run streamed into the open project, then close it."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_streamed_predictions()
        self._unsaved_rows = []
        self.pending_path = None
        self.session.detach()

    @Slot(object)
    def _on_save_failed(self, report: ErrorReport) -> None:
        show_error(self._window, self.tr("Could not save to the project"), report)

    def keeps_edits(self) -> bool:
        """True when corrections are saved in a project, so closing loses nothing."""
        return self.session.writable

    def shutdown(self) -> None:
        """Save streamed predictions and the view state, close the project, wait for background work."""
        self.opener.shutdown()
        self._close_project()

