"""A proxy model whose row order is a numpy index array.

Sorting computes the order with ``np.lexsort`` over one key array from the source model, so it
never calls Python per row and never moves the data. A boolean row mask (for a filter bar)
removes rows from the order. Every proxy row maps to exactly one source row, so anything written
by source row, such as streamed predictions, lands on the right row whatever the view shows.

The source model must provide ``sort_keys(column) -> np.ndarray`` with one float per source row,
NaN for an empty cell. Empty cells sort last in both directions.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt, Slot

log = logging.getLogger(__name__)


def stable_order(keys: np.ndarray, descending: bool = False) -> np.ndarray:
    """Return row positions sorted by ``keys``; ties keep source order and NaN goes last."""
    keys = np.asarray(keys, dtype=np.float64)
    missing = np.isnan(keys)
    values = np.where(missing, 0.0, keys)
    if descending:
        values = -values
    # lexsort sorts by the last key first and is stable, so ties stay in source order.
    return np.lexsort((values, missing)).astype(np.int64)


class IndexProxyModel(QAbstractProxyModel):
    """Sorted and filtered view of a flat table model, addressed through an order array."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._order = np.zeros(0, dtype=np.int64)
        self._inverse = np.zeros(0, dtype=np.int64)
        self._row_mask: np.ndarray | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._connections: list = []

    # --- source model -----------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections:
                signal.disconnect(slot)
        super().setSourceModel(model)
        self._connections = [
            (model.dataChanged, self._on_source_data_changed),
            (model.headerDataChanged, self._on_source_header_changed),
            (model.modelAboutToBeReset, self._on_source_about_to_reset),
            (model.modelReset, self._on_source_reset),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._rebuild_order()
        self.endResetModel()

    def _source_rows(self) -> int:
        model = self.sourceModel()
        return model.rowCount() if model is not None else 0

    def _rebuild_order(self) -> None:
        count = self._source_rows()
        if self._row_mask is not None and len(self._row_mask) != count:
            log.info("Dropping a row filter of %d rows for a table of %d rows", len(self._row_mask), count)
            self._row_mask = None
        if 0 <= self._sort_column < (self.sourceModel().columnCount() if self.sourceModel() else 0):
            order = stable_order(self.sourceModel().sort_keys(self._sort_column), self._sort_order == Qt.SortOrder.DescendingOrder)
        else:
            self._sort_column = -1
            order = np.arange(count, dtype=np.int64)
        if self._row_mask is not None:
            order = order[self._row_mask[order]]
        self._set_order(order, count)

    def _set_order(self, order: np.ndarray, source_count: int) -> None:
        self._order = order
        self._inverse = np.full(source_count, -1, dtype=np.int64)
        self._inverse[order] = np.arange(len(order), dtype=np.int64)

    # --- mapping ----------------------------------------------------------------------------

    def source_row(self, proxy_row: int) -> int:
        return int(self._order[proxy_row])

    def proxy_row(self, source_row: int) -> int:
        """Return the view row of ``source_row``, or -1 when a filter hides it."""
        return int(self._inverse[source_row])

    def source_rows(self, proxy_rows: np.ndarray) -> np.ndarray:
        return self._order[np.asarray(proxy_rows, dtype=np.int64)]

    def mapToSource(self, proxy_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not proxy_index.isValid() or self.sourceModel() is None:
            return QModelIndex()
        return self.sourceModel().index(int(self._order[proxy_index.row()]), proxy_index.column())

    def mapFromSource(self, source_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = int(self._inverse[source_index.row()])
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._order)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child=None) -> QModelIndex:  # noqa: ARG002 - a flat table has no parents
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._order) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        model = self.sourceModel()
        if model is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return model.headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._order):
            return str(section + 1)
        return None

    # --- sorting and filtering --------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        self.resort()

    def sort_column(self) -> int:
        return self._sort_column

    def resort(self) -> None:
        """Recompute the order with the current sort keys; selection and current row follow their rows.

        Call it after the keys changed, for example when a run finished. Edits and streamed
        results do not re-sort on their own, so rows stay put while the analyst works on them.
        """
        if self.sourceModel() is None:
            return
        self.layoutAboutToBeChanged.emit()
        old_order = self._order
        persistent = self.persistentIndexList()
        self._rebuild_order()
        updated = []
        for index in persistent:
            source_row = int(old_order[index.row()])
            new_row = int(self._inverse[source_row])
            updated.append(self.index(new_row, index.column()) if new_row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, updated)
        self.layoutChanged.emit()

    def set_row_mask(self, mask: np.ndarray | None) -> None:
        """Show only source rows where ``mask`` is True (None shows all); keeps the sort order."""
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            if len(mask) != self._source_rows():
                raise ValueError(f"row mask has {len(mask)} entries for a table of {self._source_rows()} rows")
        self.beginResetModel()
        self._row_mask = mask
        self._rebuild_order()
        self.endResetModel()

    # --- source signals ---------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex, list)
    def _on_source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        rows = self._inverse[top_left.row() : bottom_right.row() + 1]
        rows = rows[rows >= 0]
        if len(rows) == 0:
            return
        # One signal over the span of the mapped rows: a view repaints only what is visible.
        first, last = int(rows.min()), int(rows.max())
        self.dataChanged.emit(self.index(first, top_left.column()), self.index(last, bottom_right.column()), roles)

    @Slot(Qt.Orientation, int, int)
    def _on_source_header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)

    @Slot()
    def _on_source_about_to_reset(self) -> None:
        self.beginResetModel()

    @Slot()
    def _on_source_reset(self) -> None:
        self._rebuild_order()
        self.endResetModel()
