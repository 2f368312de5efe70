"""The numpy-ordered proxy: stable sorting, NaN last, masks, mapping and selection after sorts."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt

from review_labeler.gui.index_proxy import IndexProxyModel, stable_order


class KeyedModel(QAbstractTableModel):
    """A one-column model whose cells are the source row numbers and whose sort keys are given."""

    def __init__(self, keys: np.ndarray) -> None:
        super().__init__()
        self.keys = np.asarray(keys, dtype=np.float64)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return index.row()
        return None

    def sort_keys(self, column):
        return self.keys

    def set_key(self, row: int, value: float) -> None:
        self.keys[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))


def _view_rows(proxy) -> list[int]:
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_ascending_order_stable_nan_last():
    keys = np.array([2.0, np.nan, 1.0, 2.0, 1.0, np.nan])
    assert stable_order(keys).tolist() == [2, 4, 0, 3, 1, 5]


def test_descending_order_stable_nan_last():
    keys = np.array([2.0, np.nan, 1.0, 2.0, 1.0, np.nan])
    assert stable_order(keys, descending=True).tolist() == [0, 3, 2, 4, 1, 5]


def test_proxy_sorts_by_keys_without_moving_source():
    source = KeyedModel([0.5, 0.9, np.nan, 0.1])
    proxy = IndexProxyModel()
    proxy.setSourceModel(source)

    proxy.sort(0, Qt.SortOrder.DescendingOrder)

    assert _view_rows(proxy) == [1, 0, 3, 2]
    assert proxy.mapToSource(proxy.index(0, 0)).row() == 1
    assert proxy.mapFromSource(source.index(3, 0)).row() == 2
    assert source.keys.tolist()[:2] == [0.5, 0.9]


def test_source_change_reaches_mapped_proxy_row():
    source = KeyedModel([0.5, 0.9, 0.1])
    proxy = IndexProxyModel()
    proxy.setSourceModel(source)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    changed = []
    proxy.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), bottom.row())))

    source.set_key(1, 0.0)

    # Source row 1 sits at view row 2 until the next sort.
    assert changed == [(2, 2)]
    proxy.resort()
    assert _view_rows(proxy) == [1, 2, 0]


def test_resort_keeps_selection_on_same_source_rows(qtbot):
    from PySide6.QtWidgets import QTableView

    source = KeyedModel([3.0, 1.0, 2.0, 0.0])
    proxy = IndexProxyModel()
    proxy.setSourceModel(source)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectionModel().select(proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select)

    proxy.sort(0, Qt.SortOrder.AscendingOrder)

    selected = [proxy.mapToSource(index).row() for index in view.selectionModel().selectedIndexes()]
    assert selected == [0]
    assert view.selectionModel().selectedIndexes()[0].row() == 3


def test_row_mask_filters_and_keeps_order():
    source = KeyedModel([4.0, 3.0, 2.0, 1.0, 0.0])
    proxy = IndexProxyModel()
    proxy.setSourceModel(source)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)

    proxy.set_row_mask(np.array([True, False, True, False, True]))

    assert _view_rows(proxy) == [4, 2, 0]
    assert proxy.proxy_row(1) == -1
    assert not proxy.mapFromSource(source.index(1, 0)).isValid()
    proxy.set_row_mask(None)
    assert proxy.rowCount() == 5


def test_row_mask_of_wrong_length_is_rejected():
    proxy = IndexProxyModel()
    proxy.setSourceModel(KeyedModel([1.0, 2.0]))
    with pytest.raises(ValueError, match="3 entries for a table of 2 rows"):
        proxy.set_row_mask(np.array([True, False, True]))


def test_sort_of_200k_rows_maps_every_row_once():
    rng = np.random.default_rng(0)
    keys = rng.random(200_000)
    keys[rng.integers(0, 200_000, 5_000)] = np.nan
    proxy = IndexProxyModel()
    proxy.setSourceModel(KeyedModel(keys))

    proxy.sort(0, Qt.SortOrder.DescendingOrder)

    order = proxy.source_rows(np.arange(proxy.rowCount()))
    assert sorted(order.tolist()) == list(range(200_000))
    ordered = keys[order]
    finite = ordered[~np.isnan(ordered)]
    assert (np.diff(finite) <= 0).all()
    assert np.isnan(ordered[-5:]).all()
