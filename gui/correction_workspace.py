"""Everything the window adds for correcting at speed, assembled in one place.

Undo history, project file, filter bar, bulk edits, status counts, known-label mapping, label
names and the summary panel are separate modules. This one creates them for a
:class:`MainWindow`, puts their widgets into it and connects them. The window calls
:meth:`CorrectionWorkspace.shutdown` before it closes.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMainWindow, QWidget

from review_labeler.core.errors import ProjectError

from . import dialogs
from .bulk_edit import BulkEditor
from .error_dialog import show_error
from .error_report import ErrorReport
from .filter_bar import FilterBar
from .info_bar import InfoBar
from .known_labels import KnownLabelsFlow
from .label_names_dialog import LabelNamesDialog
from .project_controller import ProjectController
from .project_session import ProjectSession
from .review_actions import build_review_actions
from .row_filters import FilterSpec
from .status_counts import StatusCounts
from .summary_panel import SummaryPanel
from .table_filters import TableFilters
from .undo_commands import EditHistory

log = logging.getLogger(__name__)


class CorrectionWorkspace(QObject):
    """Owns the correcting features of one window; see the module docstring."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        document = window.document

        self.history = EditHistory(document, self)
        self.history.install(window.label_editor)
        self.session = ProjectSession(self)
        self.history.commit = self.session.commit_edit

        self.filters = TableFilters(document, window.proxy, window.table_view, self)
        self.filter_bar = FilterBar(document, self.filters)
        self.bulk = BulkEditor(document, window.label_editor, self._selected_rows, self._shown_rows, window)
        self.filter_bar.add_trailing_widget(self.bulk.button)
        self.status_counts = StatusCounts(document, window.proxy)
        self.summary_panel = SummaryPanel(document, window)
        self.known_labels = KnownLabelsFlow(document, self.session, window)
        self.offer_bar = InfoBar("projectOfferBar")
        self.notice_bar = InfoBar("projectNoticeBar")
        self.projects = ProjectController(window, self.session, self.history, self.filters, self.known_labels,
                                          self.offer_bar, self.notice_bar)

        # The fine-tuning flow keeps its model versions beside the open project.
        finetune_flow = getattr(window, "finetune_flow", None)
        if finetune_flow is not None and hasattr(finetune_flow, "attach_project_session"):
            finetune_flow.attach_project_session(self.session)

        self._place_widgets()
        self.actions = build_review_actions(window, self.history.stack, self.summary_panel.toggleViewAction())
        self._connect()
        self._adopt_changed_rows_button()
        self._update_enabled()

    def _place_widgets(self) -> None:
        window = self._window
        layout = window.centralWidget().layout()
        position = layout.indexOf(window.stack)
        for offset, widget in enumerate((self.offer_bar, self.notice_bar, self.filter_bar)):
            layout.insertWidget(position + offset, widget)
        window.statusBar().insertPermanentWidget(0, self.status_counts)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary_panel)
        self.summary_panel.hide()
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Make Tab follow the window from top to bottom: source panel, filter bar, start screen or table.

        Qt's default order is the order in which widgets joined the window, which puts the
        filter bar (created here, last) after the table. Tab skips hidden widgets.
        """
        window = self._window
        chain = [*window.source_panel.focus_chain(), *self.filter_bar.focus_chain(),
                 *window.start_screen.focus_chain(), window.table_view]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        window = self._window
        document = window.document
        actions = self.actions
        window.table_view.acceptRequested.connect(self.accept_rows)
        window.flow.runFinished.connect(self.known_labels.on_run_finished)
        document.tableReplaced.connect(self.history.clear)
        document.tableReplaced.connect(self._update_enabled)
        document.annotationsReplaced.connect(self._update_enabled)
        self.session.changed.connect(self._update_enabled)
        self.history.editRefused.connect(window._show_status)
        self.history.commitFailed.connect(self._on_commit_failed)
        self.summary_panel.showLikelyErrors.connect(self.show_likely_errors)

        actions.accept.triggered.connect(lambda: self.accept_rows(window.table_view.selected_source_rows()))
        actions.label_names.triggered.connect(self.edit_label_names)
        actions.label_mapping.triggered.connect(lambda: self.known_labels.offer(automatic=False))
        actions.find.triggered.connect(self.filter_bar.focus_search)
        actions.clear_filters.triggered.connect(self.filters.clear)
        actions.least_confident.triggered.connect(self.filters.sort_least_confident_first)
        actions.open_project.triggered.connect(self.projects.choose_project)
        actions.save_project.triggered.connect(self.projects.choose_creation_path)
        actions.recent_projects.pathChosen.connect(self.projects.open_project)
        actions.recent_files.pathChosen.connect(window.open_file)

    def _adopt_changed_rows_button(self) -> None:
        """Route the fine-tuning "changed rows" button through the filters.

        The button sets the proxy's row mask by itself, which would replace the filter bar's
        mask; as a filter it combines with the others instead.
        """
        button = getattr(getattr(self._window, "model_menu", None), "changed_rows_button", None)
        if button is None:
            return
        button.toggled.disconnect()
        button.toggled.connect(lambda checked: self.filters.set_spec(replace(self.filters.spec, changed_by_model=checked)))

        def show_state(spec: FilterSpec) -> None:
            button.blockSignals(True)
            button.setChecked(spec.changed_by_model)
            button.blockSignals(False)

        self.filters.specChanged.connect(show_state)

    # --- rows -------------------------------------------------------------------------------

    def _selected_rows(self) -> np.ndarray:
        return self._window.table_view.selected_source_rows()

    def _shown_rows(self) -> np.ndarray:
        self.filter_bar.apply_pending()
        return self._window.proxy.shown_source_rows()

    @Slot(object)
    def accept_rows(self, rows: np.ndarray) -> None:
        self._window.label_editor.accept_predictions(rows)

    @Slot()
    def show_likely_errors(self) -> None:
        spec = FilterSpec(likely_errors=True)
        self.filters.set_spec(spec)

    # --- label names ------------------------------------------------------------------------

    def edit_label_names(self) -> None:
        document = self._window.document
        if not document.label_names:
            dialogs.show_notice(self._window, self.tr("Label names"),
                                self.tr("Run a classification first, so that the model's labels are known."))
            return
        dialog = LabelNamesDialog(document.label_names, document.display_names, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_display_names(dialog.names()))
        dialog.open()

    def set_display_names(self, names: list[str]) -> None:
        """Show ``names`` for the labels ("" keeps the model's name) and save them in the project."""
        document = self._window.document
        document.set_display_names(names)
        if self.session.writable:
            try:
                self.session.store.set_display_names(dict(enumerate(names)))
            except ProjectError as error:
                show_error(self._window, self.tr("Could not save the label names"), ErrorReport.from_exception(error))

    # --- state ------------------------------------------------------------------------------

    @Slot()
    def _update_enabled(self) -> None:
        document = self._window.document
        has_table = document.table is not None
        has_labels = bool(document.label_names)
        actions = self.actions
        actions.save_project.setEnabled(has_table and not self.session.is_open)
        actions.accept.setEnabled(has_table and has_labels and not self.session.read_only)
        actions.label_names.setEnabled(has_labels)
        actions.label_mapping.setEnabled(has_table)
        self.bulk.button.setEnabled(has_table and has_labels and not self.session.read_only)
        self.filter_bar.setEnabled(has_table)
        # Without a table the filter bar is hidden, so the start screen is all the window shows.
        self.filter_bar.setVisible(has_table)

    @Slot(object)
    def _on_commit_failed(self, report: ErrorReport) -> None:
        show_error(self._window, self.tr("The correction was not saved"), report)

    def keeps_edits(self) -> bool:
        """True when corrections are saved in a project as they are made."""
        return self.projects.keeps_edits()

    def shutdown(self) -> None:
        """Save the view state and close the project; safe to call more than once."""
        self.projects.shutdown()
