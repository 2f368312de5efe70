"""Table model over a :class:`ReviewDocument`: one row per source row, cells built in ``data()``.

The model stores no cells. ``data()`` reads numpy arrays and a cached list of review texts by
position, so each call costs the same for 200 rows or 200,000. Sorting is left to
:class:`~review_labeler.gui.index_proxy.IndexProxyModel`, which calls :meth:`sort_keys` for one
numpy key array per column.
"""

from __future__ import annotations

import enum
import html
import logging
from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from review_labeler.core.annotations import ReviewState
from review_labeler.core.inference import RowStatus

from . import locale_format
from .document import ReviewDocument

log = logging.getLogger(__name__)

# Characters of review text shown in a cell; the view elides further, the tooltip shows more.
DISPLAY_CHARS = 300
TOOLTIP_CHARS = 3000
# Above this many separate row runs in one update, one dataChanged over their span is cheaper.
MAX_CHANGED_RUNS = 64
SOURCE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(enum.Enum):
    ROW = "row"
    REVIEW = "review"
    PREDICTED = "predicted"
    CONFIDENCE = "confidence"
    CORRECTED = "corrected"
    FINAL = "final"
    KNOWN = "known"
    STATUS = "status"


ANNOTATION_COLUMNS = (Column.PREDICTED, Column.CONFIDENCE, Column.CORRECTED, Column.FINAL, Column.STATUS)
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _contiguous_runs(rows: np.ndarray) -> list[tuple[int, int]]:
    """Return (first, last) pairs covering the sorted unique ``rows``."""
    if len(rows) == 0:
        return []
    rows = np.unique(rows)
    breaks = np.flatnonzero(np.diff(rows) != 1)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(rows) - 1]))
    return [(int(rows[start]), int(rows[end])) for start, end in zip(starts, ends)]


class ReviewTableModel(QAbstractTableModel):
    """Rows of the open file with prediction, confidence, corrected and final labels and status."""

    def __init__(self, document: ReviewDocument, parent=None) -> None:
        super().__init__(parent)
        self._document = document
        self._columns: list[Column] = []
        self._texts: list[str] = []
        self._known: list[str] | None = None
        # Mapped label id of every known-label value (-1 unmapped), None without a mapping.
        self._known_ids: np.ndarray | None = None
        self._names: list[str] = []
        self._static_keys: dict[Column, np.ndarray] = {}
        # Set by the window: applies a corrected label to source rows (the LabelEditor).
        self.label_setter: Callable[[list[int], int | None], object] | None = None

        document.tableReplaced.connect(self._reload)
        document.columnsChanged.connect(self._reload)
        document.annotationsReplaced.connect(self._on_annotations_replaced)
        document.rowsChanged.connect(self._on_rows_changed)
        document.displayNamesChanged.connect(self._on_label_names_changed)
        document.labelMappingChanged.connect(self._on_label_names_changed)
        self._reload()

    # --- structure --------------------------------------------------------------------------

    def columns(self) -> list[Column]:
        return list(self._columns)

    def column_of(self, column: Column) -> int:
        """Return the section of ``column``, or -1 when it is not shown."""
        return self._columns.index(column) if column in self._columns else -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    @Slot()
    def _reload(self) -> None:
        self.beginResetModel()
        document = self._document
        self._texts = document.review_texts() if document.table is not None else []
        if document.table is not None and not self._texts:
            # No review column chosen: keep one empty text per row so rows still show.
            self._texts = [""] * document.row_count
        self._known = document.known_labels()
        self._known_ids = document.known_label_ids()
        self._names = document.display_names
        self._columns = [Column.ROW, Column.REVIEW, Column.PREDICTED, Column.CONFIDENCE, Column.CORRECTED, Column.FINAL]
        if self._known is not None:
            self._columns.append(Column.KNOWN)
        self._columns.append(Column.STATUS)
        self._static_keys = {}
        self.endResetModel()

    # --- updates ----------------------------------------------------------------------------

    @Slot()
    def _on_annotations_replaced(self) -> None:
        self._names = self._document.display_names
        self._known_ids = self._document.known_label_ids()
        self._emit_annotation_change(0, self.rowCount() - 1)

    @Slot()
    def _on_label_names_changed(self) -> None:
        self._names = self._document.display_names
        self._known_ids = self._document.known_label_ids()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @Slot(object)
    def _on_rows_changed(self, rows: np.ndarray) -> None:
        runs = _contiguous_runs(np.asarray(rows, dtype=np.int64))
        if len(runs) > MAX_CHANGED_RUNS:
            runs = [(runs[0][0], runs[-1][1])]
        for first, last in runs:
            self._emit_annotation_change(first, last)

    def _emit_annotation_change(self, first: int, last: int) -> None:
        if last < first:
            return
        left = self.column_of(Column.PREDICTED)
        right = self.column_of(Column.STATUS)
        self.dataChanged.emit(self.index(first, left), self.index(last, right))

    # --- cells ------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_text(column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.KNOWN:
            return self.tr("Labels from the column \"{column}\" of the file").format(column=self._document.label_column)
        return None

    def _header_text(self, column: Column) -> str:
        if column is Column.ROW:
            return self.tr("Row")
        if column is Column.REVIEW:
            return self.tr("Review")
        if column is Column.PREDICTED:
            return self.tr("Predicted label")
        if column is Column.CONFIDENCE:
            return self.tr("Confidence")
        if column is Column.CORRECTED:
            return self.tr("Corrected label")
        if column is Column.FINAL:
            return self.tr("Final label")
        if column is Column.KNOWN:
            return self.tr("Known label")
        return self.tr("Status")

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._columns[index.column()] is Column.CORRECTED and self._document.annotations.num_labels:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, row: int, section: int, role: int = Qt.ItemDataRole.DisplayRole):
        """Return ``data()`` of the cell at ``row``, ``section`` without building a model index.

        The proxy calls this for every painted cell, so that a repaint makes one Python call
        per cell and role instead of three.
        """
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, row)
        if role == Qt.ItemDataRole.EditRole and column is Column.CORRECTED:
            return int(self._document.annotations.corrected[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ROW, Column.CONFIDENCE):
            return _RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(column, row)
        if role == Qt.ItemDataRole.BackgroundRole and column is Column.CORRECTED:
            return self._correction_background(row)
        if role == SOURCE_ROW_ROLE:
            return row
        return None

    def _label_name(self, label_id: int) -> str:
        names = self._names
        return names[label_id] if 0 <= label_id < len(names) else ""

    def _display(self, column: Column, row: int) -> str:
        annotations = self._document.annotations
        if column is Column.ROW:
            return str(row + 1)
        if column is Column.REVIEW:
            text = self._texts[row]
            return " ".join(text[:DISPLAY_CHARS].split())
        if column is Column.PREDICTED:
            return self._label_name(int(annotations.predicted[row]))
        if column is Column.CONFIDENCE:
            label_id = int(annotations.predicted[row])
            if label_id < 0:
                return ""
            return locale_format.percent(float(annotations.probabilities[row, label_id]))
        if column is Column.CORRECTED:
            return self._label_name(int(annotations.corrected[row]))
        if column is Column.FINAL:
            corrected = int(annotations.corrected[row])
            return self._label_name(corrected if corrected >= 0 else int(annotations.predicted[row]))
        if column is Column.KNOWN:
            return self._known_display(row)
        return self._status_text(row)

    def _known_display(self, row: int) -> str:
        """Return the mapped label of the known-label cell, or its value from the file when unmapped."""
        if self._known is None:
            return ""
        if self._known_ids is not None and self._known_ids[row] >= 0:
            return self._label_name(int(self._known_ids[row]))
        return self._known[row]

    def status_words(self) -> list[str]:
        """Return every text the status column can show (for sizing the column)."""
        return [self.tr("No text"), self.tr("Not classified"), self.tr("Failed"), self.tr("Truncated")]

    def _status_text(self, row: int) -> str:
        annotations = self._document.annotations
        status = int(annotations.status[row])
        if status == RowStatus.NO_TEXT:
            return self.tr("No text")
        if status == RowStatus.PENDING:
            return self.tr("Not classified")
        if status == RowStatus.FAILED:
            return self.tr("Failed")
        if annotations.truncated[row]:
            return self.tr("Truncated")
        return ""

    def _tooltip(self, column: Column, row: int) -> str | None:
        if column is Column.REVIEW:
            text = self._texts[row]
            if not text:
                return None
            shown = text[:TOOLTIP_CHARS] + (" …" if len(text) > TOOLTIP_CHARS else "")
            # Rich text makes Qt wrap long reviews instead of drawing one screen-wide line.
            return "<p style='white-space:pre-wrap'>" + html.escape(shown) + "</p>"
        if column is Column.STATUS and self._document.annotations.truncated[row]:
            return self.tr("The review is longer than the model's maximum length; only its beginning was classified.")
        if column is Column.CONFIDENCE:
            return self._probabilities_tooltip(row)
        if column is Column.KNOWN and self._known is not None and self._known_ids is not None:
            return self.tr("Value in the file: {value}").format(value=self._known[row])
        return None

    def _probabilities_tooltip(self, row: int) -> str | None:
        annotations = self._document.annotations
        if annotations.predicted[row] < 0:
            return None
        parts = [
            f"{name}: {locale_format.percent(float(probability))}"
            for name, probability in zip(self._names, annotations.probabilities[row])
        ]
        return "\n".join(parts)

    def _foreground(self, column: Column, row: int) -> QBrush | None:
        if column is Column.STATUS or (column is Column.ROW):
            return QApplication.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        if column is Column.KNOWN and self._known_ids is not None and self._known_ids[row] < 0:
            # An unmapped value is shown as read from the file, greyed out.
            return QApplication.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        return None

    def _correction_background(self, row: int) -> QColor | None:
        state = int(self._document.annotations.review_state[row])
        if state == ReviewState.CORRECTED:
            return QColor(255, 236, 179)
        if state == ReviewState.ACCEPTED:
            return QColor(220, 237, 200)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.label_setter is None:
            return False
        if self._columns[index.column()] is not Column.CORRECTED:
            return False
        label_id = int(value) if value is not None else -1
        # The setter emits the document's rowsChanged, which repaints the row.
        self.label_setter([index.row()], label_id if label_id >= 0 else None)
        return True

    # --- sorting ----------------------------------------------------------------------------

    def sort_keys(self, section: int) -> np.ndarray:
        """Return one float key per source row for ``section``; NaN marks an empty cell.

        Keys of the file's own columns are cached, because they never change while it is open.
        """
        column = self._columns[section]
        if column in self._static_keys:
            return self._static_keys[column]

        annotations = self._document.annotations
        if column is Column.ROW:
            keys = np.arange(self.rowCount(), dtype=np.float64)
        elif column is Column.REVIEW:
            keys = self._text_keys(self._texts)
        elif column is Column.KNOWN:
            keys = self._text_keys(self._known or [])
        elif column is Column.CONFIDENCE:
            keys = annotations.confidence.astype(np.float64)
        elif column is Column.PREDICTED:
            keys = self._label_keys(annotations.predicted)
        elif column is Column.CORRECTED:
            keys = self._label_keys(annotations.corrected)
        elif column is Column.FINAL:
            keys = self._label_keys(annotations.final)
        else:
            keys = self._status_keys()

        if column in (Column.ROW, Column.REVIEW, Column.KNOWN):
            self._static_keys[column] = keys
        return keys

    @staticmethod
    def _text_keys(values: list[str]) -> np.ndarray:
        series = pd.Series(values, dtype=object)
        codes, _uniques = pd.factorize(series, sort=True)
        keys = codes.astype(np.float64)
        keys[(series == "").to_numpy()] = np.nan
        return keys

    def _label_keys(self, label_ids: np.ndarray) -> np.ndarray:
        names = self._names
        # Rank of each label by name, so that the column sorts alphabetically.
        rank = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"), kind="stable").astype(np.float64)
        keys = np.full(len(label_ids), np.nan)
        known = label_ids >= 0
        keys[known] = rank[label_ids[known]]
        return keys

    def _status_keys(self) -> np.ndarray:
        annotations = self._document.annotations
        keys = annotations.status.astype(np.float64)
        keys[annotations.truncated] = 10.0
        keys[keys == RowStatus.CLASSIFIED] = np.nan
        return keys
