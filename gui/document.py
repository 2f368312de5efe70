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

    # The table was replaced (new file, sheet or encoding): every view must reset.
    tableReplaced = Signal()
    # The review or known-label column changed.
    columnsChanged = Signal()
    # Annotations of these source rows changed (numpy int64 array).
    rowsChanged = Signal(object)
    # Annotations of every row changed at once (a run started, finished or was reset).
    annotationsReplaced = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: ReviewTable | None = None
        self.read_options = ReadOptions()
        self.review_column: str | None = None
        self.label_column: str | None = None
        self.annotations = Annotations.empty(0, [])
        # Corrections made since the file was opened or last exported.
        self.has_unexported_edits = False

    @property
    def row_count(self) -> int:
        return self.table.row_count if self.table is not None else 0

    @property
    def label_names(self) -> list[str]:
        return list(self.annotations.label_names)

    def set_table(self, opened: OpenedTable) -> None:
        """Replace the table; predictions and corrections start empty."""
        self.table = opened.table
        self.read_options = opened.options
        self.review_column = opened.review_column
        self.label_column = opened.label_column
        self.annotations = Annotations.empty(opened.table.row_count, self.annotations.label_names)
        self.has_unexported_edits = False
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
        self.annotationsReplaced.emit()

    def clear_predictions(self) -> None:
        empty = ClassificationResult.empty(self.row_count, self.annotations.label_names)
        self.annotations.apply_result(empty)
        self.annotationsReplaced.emit()

    def apply_batch(self, batch: BatchResult) -> None:
        self.annotations.apply_batch(batch)
        self.rowsChanged.emit(batch.positions)

    def apply_result(self, result: ClassificationResult) -> None:
        """Write a whole (possibly partial) run result; rows it did not reach stay "not classified"."""
        self.annotations.apply_result(result)
        self.annotationsReplaced.emit()

    def notify_rows_changed(self, rows: np.ndarray) -> None:
        self.rowsChanged.emit(rows)
