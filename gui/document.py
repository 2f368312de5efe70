"""The open review file in the window: table, chosen columns and per-row annotations.

Everything is addressed by source row position. Views, the sort proxy, edits and the
classification job go through this object, so it is the one place to hook in a project-file
save (listen to ``rowsChanged`` and ``annotationsReplaced``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from review_labeler.core.annotations import Annotations
from review_labeler.core.inference import BatchResult, ClassificationResult
from review_labeler.core.label_mapping import LabelMapping
from review_labeler.core.review_table import ReviewTable
from review_labeler.core.table_reader import ReadOptions

log = logging.getLogger(__name__)


@dataclass
class OpenedTable:
    """A table read in the background, with the columns guessed for it."""

    table: ReviewTable
    options: ReadOptions
    review_column: str | None
    label_column: str | None


class ReviewDocument(QObject):
    """Holds one table and its :class:`Annotations`; emits what changed, by source row."""

    # The table is about to be replaced: the last moment to read the old table's view state.
    tableAboutToBeReplaced = Signal()
    # The table was replaced (new file, sheet or encoding): every view must reset.
    tableReplaced = Signal()
    # The review or known-label column changed.
    columnsChanged = Signal()
    # Annotations of these source rows changed (numpy int64 array).
    rowsChanged = Signal(object)
    # Annotations of every row changed at once (a run started, finished or was reset).
    annotationsReplaced = Signal()
    # The user's display names of the labels changed.
    displayNamesChanged = Signal()
    # The mapping of known-label values to label ids changed (or was removed).
    labelMappingChanged = Signal()
    # ``changed_rows`` was set or cleared (after a model version was activated and re-run).
    changedRowsChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: ReviewTable | None = None
        self.read_options = ReadOptions()
        self.review_column: str | None = None
        self.label_column: str | None = None
        self.annotations = Annotations.empty(0, [])
        # Corrections made since the file was opened or last exported.
        self.has_unexported_edits = False
        self._display_names: list[str] = []
        self.label_mapping: LabelMapping | None = None
        self._known_label_ids: np.ndarray | None = None
        # Increases whenever predictions change, so derived figures know when to recompute.
        self.prediction_version = 0
        # Boolean per source row: the prediction changed when another model version was
        # activated. None until a version is activated; a filter bar offers it as a row mask.
        self.changed_rows: np.ndarray | None = None

    @property
    def row_count(self) -> int:
        return self.table.row_count if self.table is not None else 0

    @property
    def label_names(self) -> list[str]:
        return list(self.annotations.label_names)

    @property
    def display_names(self) -> list[str]:
        """Return the name to show for every label: the user's display name, else the model's name."""
        names = self.annotations.label_names
        if len(self._display_names) != len(names):
            return list(names)
        return [shown or name for shown, name in zip(self._display_names, names)]

    def set_display_names(self, names: list[str]) -> None:
        """Set the shown name of every label ("" keeps the model's name)."""
        self._display_names = [str(name or "").strip() for name in names]
        self.displayNamesChanged.emit()

    def set_label_mapping(self, mapping: LabelMapping | None) -> None:
        """Map the known-label column's values to label ids (None removes the mapping)."""
        self.label_mapping = mapping
        self._known_label_ids = None
        self.labelMappingChanged.emit()

    def known_label_ids(self) -> np.ndarray | None:
        """Return the mapped label id of every row (-1 where unmapped), or None without a mapping.

        The array is cached until the mapping, the columns or the table change.
        """
        mapping = self.label_mapping
        if self.table is None or self.label_column is None or mapping is None:
            return None
        if list(mapping.label_names) != self.annotations.label_names:
            return None
        if self._known_label_ids is None:
            self._known_label_ids = mapping.known_label_ids(self.known_labels())
        return self._known_label_ids

    def set_table(self, opened: OpenedTable) -> None:
        """Replace the table; predictions and corrections start empty."""
        self.tableAboutToBeReplaced.emit()
        self.table = opened.table
        self.read_options = opened.options
        self.review_column = opened.review_column
        self.label_column = opened.label_column
        self.annotations = Annotations.empty(opened.table.row_count, self.annotations.label_names)
        self.has_unexported_edits = False
        self.changed_rows = None
        self.label_mapping = None
        self._known_label_ids = None
        self.prediction_version += 1
        log.info(
            "Opened %s: %d rows, review column %r, label column %r",
            opened.table.source_path, opened.table.row_count, opened.review_column, opened.label_column,
        )
        self.tableReplaced.emit()

    def set_columns(self, review_column: str | None, label_column: str | None) -> None:
        """Choose the review and known-label columns.

        Predictions belong to the texts of the old review column, so choosing another one
        clears them; corrections stay with their rows.
        """
        if review_column == self.review_column and label_column == self.label_column:
            return
        review_changed = review_column != self.review_column
        self.review_column = review_column
        if label_column != self.label_column:
            self.label_mapping = None
            self._known_label_ids = None
        self.label_column = label_column
        if review_changed:
            self.clear_predictions()
        self.columnsChanged.emit()

    def review_texts(self) -> list[str]:
        if self.table is None or self.review_column is None:
            return []
        return self.table.column_values(self.review_column)

    def known_labels(self) -> list[str] | None:
        if self.table is None or self.label_column is None:
            return None
        return self.table.column_values(self.label_column)

    def has_corrections(self) -> bool:
        return bool((self.annotations.corrected >= 0).any())

    def has_predictions(self) -> bool:
        return bool((self.annotations.predicted >= 0).any())

    def prepare_run(self, label_names: list[str]) -> None:
        """Reset predictions to "not classified" before a run with a model of ``label_names``.

        Corrections are kept when the label names are the same. With other labels the
        corrections are dropped, so the caller must ask the user first.
        """
        if list(label_names) == self.annotations.label_names:
            self.clear_predictions()
            return
        self.annotations = Annotations.empty(self.row_count, list(label_names))
        # Display names and the mapping belong to the old labels.
        self._display_names = []
        self.label_mapping = None
        self._known_label_ids = None
        self.prediction_version += 1
        self.annotationsReplaced.emit()

    def clear_predictions(self) -> None:
        empty = ClassificationResult.empty(self.row_count, self.annotations.label_names)
        self.annotations.apply_result(empty)
        self.prediction_version += 1
        self.annotationsReplaced.emit()

    def apply_batch(self, batch: BatchResult) -> None:
        self.annotations.apply_batch(batch)
        self.prediction_version += 1
        self.rowsChanged.emit(batch.positions)

    def apply_result(self, result: ClassificationResult) -> None:
        """Write a whole (possibly partial) run result; rows it did not reach stay "not classified"."""
        self.annotations.apply_result(result)
        self.prediction_version += 1
        self.annotationsReplaced.emit()

    def replace_annotations(self, annotations: Annotations) -> None:
        """Install annotations loaded from elsewhere (a project file); they must have one entry per row."""
        if len(annotations) != self.row_count:
            raise ValueError(f"annotations have {len(annotations)} rows, the table {self.row_count}")
        self.annotations = annotations
        self._known_label_ids = None
        self.prediction_version += 1
        self.annotationsReplaced.emit()

    def notify_rows_changed(self, rows: np.ndarray) -> None:
        self.rowsChanged.emit(rows)

    def set_changed_rows(self, mask: np.ndarray | None) -> None:
        """Record which rows changed prediction with the newly activated model (None clears it)."""
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            if len(mask) != self.row_count:
                raise ValueError(f"changed-rows mask has {len(mask)} rows, the table has {self.row_count}")
        self.changed_rows = mask
        self.changedRowsChanged.emit()
