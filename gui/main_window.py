"""The main window: assembles the panels and routes actions to the flows that do the work.

The correcting features (undo stack, project file, filter bar, bulk edits, summary panel,
known-label mapping) live in :class:`~review_labeler.gui.correction_workspace.CorrectionWorkspace`,
created last as ``self.workspace``. The window calls it where a project changes what happens:
opening a ``.rlproj``, choosing another review column, and asking about unexported corrections.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSize, QStandardPaths, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from review_labeler.core.errors import LabelError
from review_labeler.core.project_store import PROJECT_SUFFIX
from review_labeler.core.self_test import sample_file_path
from review_labeler.core.table_reader import ReadOptions
from review_labeler.core.text_encoding import ENCODING_CHOICES

from . import dialogs, i18n, locale_format
from . import settings as keys
from .classification_flow import ClassificationFlow
from .correction_workspace import CorrectionWorkspace
from .document import OpenedTable, ReviewDocument
from .error_dialog import show_error
from .error_report import ErrorReport
from .export_flow import ExportFlow
from .file_opening import OPENABLE_SUFFIXES, FileOpener
from .finetune_flow import FinetuneFlow
from .icons import app_icon
from .index_proxy import IndexProxyModel
from .label_delegate import LabelComboDelegate
from .label_edits import LabelEditor
from .message_banner import MessageBanner
from .model_menu import ModelMenu
from .progress_panel import ProgressPanel
from .recent_projects import remember_file
from .review_view import ReviewTableView
from .source_panel import SourcePanel
from .start_screen import StartScreen
from .table_model import Column, ReviewTableModel
from .window_actions import build_actions

log = logging.getLogger(__name__)

# Size of a first start (no saved geometry), shrunk to fit smaller screens.
DEFAULT_WINDOW_SIZE = QSize(1280, 800)
# A saved geometry smaller than this (for example from a run without a window manager) is
# replaced by the default size.
MIN_RESTORED_SIZE = QSize(800, 500)


class MainWindow(QMainWindow):
    """Open a review file, classify it, correct labels and export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Review Labeler"))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._settings = keys.app_settings()

        self.document = ReviewDocument(self)
        self.label_editor = LabelEditor(self.document, self)
        self.opener = FileOpener(self)
        self.source_panel = SourcePanel()
        self.flow = ClassificationFlow(self.document, self.source_panel, self)
        self.finetune_flow = FinetuneFlow(self.document, self.source_panel, self.flow, self)
        self.export_flow = ExportFlow(self.document, self)
        self.table_model = ReviewTableModel(self.document, self)
        self.table_model.label_setter = self._set_label
        self.proxy = IndexProxyModel(self)
        self.proxy.setSourceModel(self.table_model)

        self._build_central_widget()
        self.progress_panel = ProgressPanel()
        self.statusBar().addPermanentWidget(self.progress_panel)
        language_setting = keys.read_string(self._settings, keys.LANGUAGE, i18n.SYSTEM_LANGUAGE)
        self.actions = build_actions(self, language_setting)
        self.model_menu = ModelMenu(self, self.finetune_flow, self.document, self.proxy)
        self._connect()
        # Created after _connect, so that its slots run after the window's own for shared signals.
        self.workspace = CorrectionWorkspace(self)
        self._restore_geometry()
        self._update_actions()

    def _build_central_widget(self) -> None:
        self.banner = MessageBanner()
        self.table_view = ReviewTableView()
        self.table_view.setModel(self.proxy)
        self.label_delegate = LabelComboDelegate(lambda: self.document.display_names, self.table_view)
        self.start_screen = StartScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_screen)
        self.stack.addWidget(self.table_view)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.source_panel)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        actions = self.actions
        actions.open.triggered.connect(self.choose_file)
        actions.export.triggered.connect(self.export_flow.export)
        actions.run.triggered.connect(self.flow.start)
        actions.cancel.triggered.connect(self.flow.cancel)
        actions.quit.triggered.connect(self.close)
        actions.languages.triggered.connect(self._on_language_chosen)

        self.start_screen.openFileRequested.connect(self.choose_file)
        self.start_screen.openSampleRequested.connect(self.open_sample)
        self.start_screen.pathChosen.connect(self.open_file)

        self.opener.opened.connect(self._on_opened)
        self.opener.opened.connect(self._remember_opened_file)
        self.opener.busyChanged.connect(self._on_reading_changed)
        self.opener.failed.connect(self._refresh_source_panel)
        self.source_panel.sheetChosen.connect(self._on_sheet_chosen)
        self.source_panel.encodingChosen.connect(self._on_encoding_chosen)
        self.source_panel.columnsChosen.connect(self._on_columns_chosen)

        self.flow.activeChanged.connect(self._update_actions)
        self.flow.progressStarted.connect(self._on_progress_started)
        self.flow.progressed.connect(self.progress_panel.update_progress)
        self.flow.progressEnded.connect(self._on_progress_ended)
        self.flow.statusMessage.connect(self._show_status)
        self.flow.runFinished.connect(self._on_run_finished)
        self.finetune_flow.activeChanged.connect(self._update_actions)
        self.export_flow.busyChanged.connect(self._update_actions)
        self.export_flow.statusMessage.connect(self._show_status)

        self.table_view.labelRequested.connect(self._on_label_requested)
        self.table_model.modelReset.connect(self._on_table_reset)
        self.document.annotationsReplaced.connect(self._on_labels_maybe_changed)

    # --- opening ----------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        folder = keys.read_string(self._settings, keys.LAST_FOLDER, str(Path.home()))
        patterns = " ".join(f"*{suffix}" for suffix in OPENABLE_SUFFIXES)
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a review file"), folder,
            self.tr("Review tables ({patterns});;All files (*)").format(patterns=patterns),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path, options: ReadOptions | None = None) -> bool:
        """Read ``path`` in the background; returns False when the user kept the current file.

        A project file (``.rlproj``) is opened as a project.
        """
        if Path(path).suffix.lower() == PROJECT_SUFFIX:
            return self.workspace.projects.open_project(path)
        if not self._confirm_replacing_table():
            return False
        self._settings.setValue(keys.LAST_FOLDER, str(Path(path).parent))
        self.opener.open(path, options)
        return True

    @Slot()
    def open_sample(self) -> None:
        """Open a copy of the sample table of invented reviews that ships with the app.

        The copy lives in the user's data folder, so that a project can be created beside it
        (the installed original may be read-only).
        """
        original = sample_file_path()
        copy = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))
        copy = copy / "samples" / original.name
        try:
            if not copy.exists() or copy.stat().st_size != original.stat().st_size:
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(original, copy)
        except OSError as error:
            log.warning("Could not copy the sample file to %s (%s); opening the original", copy, error)
            copy = original
        self.open_file(copy)

    @Slot(object)
    def _remember_opened_file(self, opened: OpenedTable) -> None:
        remember_file(opened.table.source_path)

    def _reread(self, options: ReadOptions) -> None:
        if self.document.table is None or not self._confirm_replacing_table():
            self._refresh_source_panel()
            return
        self.opener.open(self.document.table.source_path, options, self.document.review_column, self.document.label_column)

    def _confirm_replacing_table(self) -> bool:
        if self.finetune_flow.is_active():
            question = self.tr("Fine-tuning is running. Stop it and open another table? The current model stays active.")
            if not dialogs.ask_yes_no(self, self.tr("Fine-tuning running"), question):
                return False
        if self.flow.is_active():
            question = self.tr("Classification is running. Stop it and open another table?")
            if not dialogs.ask_yes_no(self, self.tr("Classification running"), question):
                return False
        if self.document.has_unexported_edits and not self.workspace.keeps_edits():
            question = self.tr("Your corrected labels have not been exported. Discard them?")
            if not dialogs.ask_yes_no(self, self.tr("Unexported corrections"), question):
                return False
        return True

    @Slot(object, object)
    def _on_columns_chosen(self, review_column: str | None, label_column: str | None) -> None:
        if not self.workspace.projects.allows_review_column(review_column):
            self._refresh_source_panel()
            return
        self.document.set_columns(review_column, label_column)

    @Slot(str)
    def _on_sheet_chosen(self, sheet: str) -> None:
        options = ReadOptions(sheet=sheet)
        self._reread(options)

    @Slot(object)
    def _on_encoding_chosen(self, codec: str | None) -> None:
        options = ReadOptions(encoding=codec, sheet=self.document.read_options.sheet)
        self._reread(options)

    @Slot(object)
    def _on_opened(self, opened: OpenedTable) -> None:
        if self.flow.is_active():
            self.flow.discard()
        self.document.set_table(opened)
        self._refresh_source_panel()
        self.banner.show_messages(opened.table.warnings)
        self.stack.setCurrentWidget(self.table_view)
        self.setWindowTitle(self.tr("{file} – Review Labeler").format(file=Path(opened.table.source_path).name))
        self._show_status(self._table_summary(opened))
        self._update_actions()

    def _table_summary(self, opened: OpenedTable) -> str:
        table = opened.table
        text = self.tr("{rows} rows").format(rows=locale_format.count(table.row_count))
        if table.encoding:
            names = {codec: name for name, codec in ENCODING_CHOICES.items()}
            text += " · " + names.get(table.encoding, table.encoding)
        if opened.review_column is None:
            text += " · " + self.tr("no column with review text was found; choose one above")
        return text

    def _refresh_source_panel(self) -> None:
        document = self.document
        self.source_panel.show_table(
            document.table, document.review_column, document.label_column, document.read_options.encoding
        )

    @Slot(bool)
    def _on_reading_changed(self, reading: bool) -> None:
        if reading:
            self.progress_panel.begin(self.tr("Reading the file…"), busy=True)
        elif not self.flow.is_active():
            self.progress_panel.end()
        self._update_actions()

    # --- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(urls[0].toLocalFile())

    # --- classification and labels ----------------------------------------------------------

    @Slot(str, bool)
    def _on_progress_started(self, text: str, busy: bool) -> None:
        self.progress_panel.begin(text, busy=busy)

    @Slot()
    def _on_progress_ended(self) -> None:
        self.progress_panel.end()

    @Slot(str, object)
    def _on_run_finished(self, _outcome: str, _result) -> None:
        # Streamed results do not re-sort the view; the finished run does, once.
        self.proxy.resort()

    def _set_label(self, rows, label_id: int | None) -> None:
        try:
            self.label_editor.set_label(rows, label_id)
        except LabelError as error:
            show_error(self, self.tr("Invalid label"), ErrorReport.from_exception(error))

    @Slot(object, int)
    def _on_label_requested(self, rows: np.ndarray, label_id: int) -> None:
        self._set_label(rows, label_id if label_id >= 0 else None)

    @Slot()
    def _on_table_reset(self) -> None:
        self.table_view.apply_column_widths()
        self._restore_column_widths()
        self.table_view.setItemDelegateForColumn(self.table_model.column_of(Column.CORRECTED), self.label_delegate)
        self._on_labels_maybe_changed()

    @Slot()
    def _on_labels_maybe_changed(self) -> None:
        self.table_view.label_count = len(self.document.label_names)

    @Slot(str)
    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def _update_actions(self) -> None:
        has_table = self.document.table is not None
        running = self.flow.is_active()
        reading = self.opener.is_busy()
        exporting = self.export_flow.is_busy()
        # Classification and fine-tuning both use the model, so only one of them runs at a time.
        finetuning = self.finetune_flow.is_active()
        self.actions.open.setEnabled(not reading)
        self.actions.run.setEnabled(has_table and not running and not reading and not finetuning)
        self.actions.cancel.setEnabled(running)
        self.actions.export.setEnabled(has_table and not running and not exporting)
        self.source_panel.setEnabled(not running and not reading and not finetuning)
        self.model_menu.update_actions(has_table=has_table, other_job_running=running or reading)

    # --- settings and closing ---------------------------------------------------------------

    def _on_language_chosen(self, action) -> None:
        self._settings.setValue(keys.LANGUAGE, action.data())
        dialogs.show_notice(self, self.tr("Language"), self.tr("The new language applies after a restart."))

    def _restore_geometry(self) -> None:
        available = self.screen().availableGeometry().size() if self.screen() else None
        geometry = self._settings.value(keys.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            # restoreGeometry fits the window into a smaller screen, which must not count as too small.
            smallest = MIN_RESTORED_SIZE if available is None else MIN_RESTORED_SIZE.boundedTo(available * 0.9)
            if self.width() >= smallest.width() and self.height() >= smallest.height():
                return
        self.resize(default_window_size(available))

    def _restore_column_widths(self) -> None:
        """Apply the column widths the user last chose; an open project's own widths are applied after."""
        try:
            widths = json.loads(keys.read_string(self._settings, keys.COLUMN_WIDTHS, "{}"))
        except ValueError:
            return
        self.table_view.restore_column_widths(widths)

    def _save_column_widths(self) -> None:
        if self.document.table is not None:
            self._settings.setValue(keys.COLUMN_WIDTHS, json.dumps(self.table_view.column_widths()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.finetune_flow.is_active():
            question = self.tr("Fine-tuning is running. Stop it and quit? The current model stays active and nothing is saved.")
            if not dialogs.ask_yes_no(self, self.tr("Fine-tuning running"), question):
                event.ignore()
                return
        elif self.flow.is_active():
            question = self.tr("Classification is running. Stop it and quit?")
            if not dialogs.ask_yes_no(self, self.tr("Classification running"), question):
                event.ignore()
                return
        elif self.document.has_unexported_edits and not self.workspace.keeps_edits():
            question = self.tr("Your corrected labels have not been exported. Quit anyway?")
            if not dialogs.ask_yes_no(self, self.tr("Unexported corrections"), question):
                event.ignore()
                return
        self._settings.setValue(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self._save_column_widths()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Cancel every job and wait for all worker threads; safe to call more than once."""
        log.info("Shutting down: waiting for worker threads")
        self.finetune_flow.shutdown()
        self.flow.shutdown()
        self.opener.shutdown()
        self.export_flow.shutdown()
        self.workspace.shutdown()


def default_window_size(available: QSize | None) -> QSize:
    """Return the first-start window size: 1280×800, or the free area of a smaller screen."""
    if available is None or available.isEmpty():
        return QSize(DEFAULT_WINDOW_SIZE)
    return DEFAULT_WINDOW_SIZE.boundedTo(available)
