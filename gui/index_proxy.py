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

# Full sort orders remembered for reuse; each costs two arrays of the row count (3 MB at 200,000 rows).
ORDER_CACHE_SIZE = 4


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
        # Sort keys that no column shows (for example a likely-label-error score), or None.
        self._custom_keys: np.ndarray | None = None
        # (sort column or "custom", keys, descending, full order) of recent sorts, newest first.
        self._order_cache: list[tuple[object, np.ndarray, bool, np.ndarray]] = []
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
        if self._custom_keys is not None and len(self._custom_keys) != count:
            self._custom_keys = None
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        mask = self._row_mask
        if self._custom_keys is not None:
            keys, sort_id = self._custom_keys, "custom"
        elif 0 <= self._sort_column < (self.sourceModel().columnCount() if self.sourceModel() else 0):
            keys, sort_id = self.sourceModel().sort_keys(self._sort_column), self._sort_column
        else:
            self._sort_column = -1
            keys, sort_id = None, None

        if keys is None:
            order = np.flatnonzero(mask) if mask is not None else np.arange(count, dtype=np.int64)
        else:
            keys = np.asarray(keys, dtype=np.float64)
            cached = self._cached_order(sort_id, keys, descending)
            if cached is not None:
                order = cached[mask[cached]] if mask is not None else cached
            elif mask is not None:
                # Sorting only the shown rows is cheaper. A stable sort of rows taken in source
                # order gives the same order as sorting everything and then filtering.
                shown = np.flatnonzero(mask)
                order = shown[stable_order(keys[shown], descending)]
            else:
                order = stable_order(keys, descending)
                self._remember_order(sort_id, keys, descending, order)
        self._set_order(order.astype(np.int64, copy=False), count)

    def _cached_order(self, sort_id, keys: np.ndarray, descending: bool) -> np.ndarray | None:
        """Return the full order remembered for these exact keys, or None.

        A filter change, or switching back to a column sorted before, keeps the keys, so one
        comparison pass spares a full sort.
        """
        for cached_id, cached_keys, cached_descending, order in self._order_cache:
            if (cached_id == sort_id and cached_descending == descending and cached_keys.shape == keys.shape
                    and np.array_equal(cached_keys, keys, equal_nan=True)):
                return order
        return None

    def _remember_order(self, sort_id, keys: np.ndarray, descending: bool, order: np.ndarray) -> None:
        # A copy of the keys, because a source model may update its key array in place.
        entries = [entry for entry in self._order_cache if not (entry[0] == sort_id and entry[2] == descending)]
        self._order_cache = [(sort_id, keys.copy(), descending, order), *entries][:ORDER_CACHE_SIZE]

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

    def proxy_rows(self, source_rows: np.ndarray) -> np.ndarray:
        """Return the view row of every source row, -1 where a filter hides it."""
        return self._inverse[np.asarray(source_rows, dtype=np.int64)]

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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        model = self.sourceModel()
        if model is None or not index.isValid():
            return None
        source_row = int(self._order[index.row()])
        # A source model with cell_data() is read without building a source index per cell.
        cell_data = getattr(model, "cell_data", None)
        if cell_data is not None:
            return cell_data(source_row, index.column(), role)
        return model.data(model.index(source_row, index.column()), role)

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
        self._custom_keys = None
        self.resort()

    def sort_column(self) -> int:
        """Return the sorted column, or -1 when unsorted or sorted by custom keys."""
        return -1 if self._custom_keys is not None else self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort_by_keys(self, keys: np.ndarray, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order rows by ``keys`` (one float per source row, NaN last) until the next :meth:`sort`."""
        keys = np.asarray(keys, dtype=np.float64)
        if len(keys) != self._source_rows():
            raise ValueError(f"sort keys have {len(keys)} entries for a table of {self._source_rows()} rows")
        self._custom_keys = keys
        self._sort_column = -1
        self._sort_order = order
        self.resort()

    def has_custom_sort(self) -> bool:
        return self._custom_keys is not None

    def shown_source_rows(self) -> np.ndarray:
        """Return the source row of every view row, in view order."""
        return self._order.copy()

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

    def set_row_mask(self, mask: np.ndarray | None, sort_keys: np.ndarray | None = None) -> None:
        """Show only source rows where ``mask`` is True (None shows all).

        The sort order stays, unless ``sort_keys`` are given: then the rows are ordered by them
        as :meth:`sort_by_keys` does, in the same rebuild.
        """
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            if len(mask) != self._source_rows():
                raise ValueError(f"row mask has {len(mask)} entries for a table of {self._source_rows()} rows")
        if sort_keys is not None:
            sort_keys = np.asarray(sort_keys, dtype=np.float64)
            if len(sort_keys) != self._source_rows():
                raise ValueError(f"sort keys have {len(sort_keys)} entries for a table of {self._source_rows()} rows")
        self.beginResetModel()
        self._row_mask = mask
        if sort_keys is not None:
            self._custom_keys = sort_keys
            self._sort_column = -1
            self._sort_order = Qt.SortOrder.AscendingOrder
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
        # A new table or column set: remembered orders belong to the old one.
        self._order_cache = []
        self._rebuild_order()
        self.endResetModel()
