"""When to ask for the known-label mapping, and where the accepted mapping goes.

The mapping dialog opens by itself the first time a known-label column is chosen once the
model's labels are known (after a run, or when a column is chosen after one), and again from
the Edit menu. Values that already are the model's label names are mapped without asking.
The accepted mapping is kept in the document and, with a writable project, in the project file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from review_labeler.core.errors import ProjectError
from review_labeler.core.label_mapping import LabelMapping, ScaleKind, suggest_label_mapping
from review_labeler.core.project_store import ProjectStore

from . import dialogs
from .document import ReviewDocument
from .error_dialog import show_error
from .error_report import ErrorReport
from .label_mapping_dialog import LabelMappingDialog
from .project_session import ProjectSession

log = logging.getLogger(__name__)


class KnownLabelsFlow(QObject):
    """Offers the mapping dialog and stores the result; ``dialogOpened(dialog)`` helps tests and screenshots."""

    dialogOpened = Signal(object)

    def __init__(self, document: ReviewDocument, session: ProjectSession, window: QWidget) -> None:
        super().__init__(window)
        self._document = document
        self._session = session
        self._window = window
        self.dialog: LabelMappingDialog | None = None
        # (file, column, labels) already offered automatically, so a cancelled dialog stays closed.
        self._offered: set[tuple[str, str, tuple[str, ...]]] = set()

        document.columnsChanged.connect(self._on_columns_changed)

    @Slot()
    def _on_columns_changed(self) -> None:
        if self._document.label_column is None:
            self._store(None, None)
            return
        self.offer(automatic=True)

    @Slot(str, object)
    def on_run_finished(self, _outcome: str, result) -> None:
        if result is not None:
            self.offer(automatic=True)

    def offer(self, automatic: bool = False) -> None:
        """Open the mapping dialog for the current known-label column (``automatic``: only the first time)."""
        document = self._document
        column = document.label_column
        names = document.label_names
        if column is None or not names:
            if not automatic:
                message = (self.tr("Choose a known-label column above first.") if column is None
                           else self.tr("Run a classification first, so that the model's labels are known."))
                dialogs.show_notice(self._window, self.tr("Map known labels"), message)
            return
        if automatic and document.known_label_ids() is not None:
            return
        key = (str(document.table.source_path), column, tuple(names))
        if automatic and key in self._offered:
            return

        suggestion = suggest_label_mapping(document.known_labels() or [], names)
        if automatic and suggestion.scale == ScaleKind.LABEL_NAMES and suggestion.unmapped_rows == 0:
            log.info("Known-label column %r contains the label names; mapped without the dialog", column)
            self.apply(suggestion)
            return
        self._offered.add(key)
        current = document.label_mapping if document.known_label_ids() is not None else suggestion
        self._open_dialog(column, current, suggestion)

    def _open_dialog(self, column: str, current: LabelMapping, suggestion: LabelMapping) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = LabelMappingDialog(column, current, suggestion, self._document.display_names, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply(dialog.mapping()))
        dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog
        # open() is window-modal without blocking, so a running classification keeps reporting.
        dialog.open()
        self.dialogOpened.emit(dialog)

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    def apply(self, mapping: LabelMapping) -> None:
        """Use ``mapping`` for the current known-label column and save it in the project."""
        column = self._document.label_column
        if column is None:
            return
        self._document.set_label_mapping(mapping)
        self._store(column, mapping)
        log.info("Known-label mapping for %r: %d rows mapped, %d not", column, mapping.mapped_rows, mapping.unmapped_rows)

    def _store(self, column: str | None, mapping: LabelMapping | None) -> None:
        store = self._session.store
        if not self._session.writable:
            return
        if column is None and store.info.label_column is None:
            return
        try:
            store.set_label_mapping(column, mapping)
        except (ProjectError, ValueError) as error:
            log.error("Could not save the label mapping to %s: %s", store.path, error)
            show_error(self._window, self.tr("Could not save the label mapping"), ErrorReport.from_exception(error))


def project_label_mapping(store: ProjectStore, column: str | None) -> LabelMapping | None:
    """Return the mapping stored in ``store`` for ``column``, or None."""
    if column is None or store.info.label_column != column:
        return None
    try:
        return store.label_mapping()
    except ProjectError as error:
        log.warning("Ignoring the label mapping of %s: %s", Path(store.path).name, error)
        return None
