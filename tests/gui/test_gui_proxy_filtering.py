"""The proxy's filtered order: mask then sort, a reused sort while keys stay, sort keys given with a mask."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from review_labeler.gui.index_proxy import IndexProxyModel, stable_order


class KeyModel(QAbstractTableModel):
    """One column whose sort keys are a numpy array the test can change, counting sort_keys calls."""

    def __init__(self, keys) -> None:
        super().__init__()
        self.keys = np.asarray(keys, dtype=np.float64)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return float(self.keys[index.row()]) if role == Qt.ItemDataRole.DisplayRole else None

    def sort_keys(self, column: int) -> np.ndarray:
        return self.keys


def _proxy(keys) -> tuple[IndexProxyModel, KeyModel]:
    model = KeyModel(keys)
    proxy = IndexProxyModel()
    proxy.setSourceModel(model)
    return proxy, model


def test_filtered_sorted_order_matches_sorting_then_masking():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 5, size=500).astype(np.float64)
    keys[::7] = np.nan
    mask = rng.random(500) < 0.3
    proxy, _model = _proxy(keys)

    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(0, order)
        proxy.set_row_mask(mask)
        full = stable_order(keys, order == Qt.SortOrder.DescendingOrder)
        np.testing.assert_array_equal(proxy.shown_source_rows(), full[mask[full]])
        proxy.set_row_mask(None)
        np.testing.assert_array_equal(proxy.shown_source_rows(), full)


def test_unsorted_mask_keeps_source_order():
    proxy, _model = _proxy([3.0, 1.0, 2.0, 0.0])
    proxy.set_row_mask(np.array([True, False, True, True]))
    assert proxy.shown_source_rows().tolist() == [0, 2, 3]
    assert proxy.proxy_rows(np.array([0, 1, 3])).tolist() == [0, -1, 2]


def test_changed_keys_are_sorted_again_on_filter_change():
    proxy, model = _proxy([3.0, 1.0, 2.0, 0.0])
    proxy.sort(0)
    assert proxy.shown_source_rows().tolist() == [3, 1, 2, 0]

    # The model changes its array in place, as a table model's cached keys never do but could.
    model.keys[0] = -1.0
    proxy.set_row_mask(np.array([True, True, True, False]))

    assert proxy.shown_source_rows().tolist() == [0, 1, 2]


def test_mask_with_sort_keys_orders_by_them_until_header_sort():
    proxy, _model = _proxy([3.0, 1.0, 2.0, 0.0])
    proxy.sort(0)

    proxy.set_row_mask(np.array([True, True, True, False]), sort_keys=np.array([0.5, np.nan, 0.1, 0.2]))

    assert proxy.has_custom_sort()
    assert proxy.sort_column() == -1
    assert proxy.shown_source_rows().tolist() == [2, 0, 1]
    proxy.sort(0)
    assert not proxy.has_custom_sort()
    assert proxy.shown_source_rows().tolist() == [1, 2, 0]
