"""Capture and restore what the table view shows: filters, sort, selection, current row, column widths.

The state is a JSON-serialisable dict stored in the project file. Rows are stored as source
rows and columns by their :class:`Column` name, so the state survives a different column set
(a known-label column added or removed) and a different filter.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from .review_view import ReviewTableView
from .row_filters import FilterSpec
from .table_filters import TableFilters
from .table_model import Column

log = logging.getLogger(__name__)

STATE_VERSION = 1
# A selection of more separate runs than this is stored only up to this many (a rare Ctrl+click marathon).
MAX_SELECTION_RUNS = 2000
LIKELY_ERRORS_SORT = "likely_errors"


def selection_runs(rows: np.ndarray) -> list[list[int]]:
    """Compress sorted unique rows into [first, last] runs."""
    rows = np.unique(np.asarray(rows, dtype=np.int64))
    if len(rows) == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(rows) - 1]))
    return [[int(rows[start]), int(rows[end])] for start, end in zip(starts, ends)]


def rows_of_runs(runs: Any, row_count: int) -> np.ndarray:
    """Expand stored runs, dropping malformed ones and rows outside the table."""
    parts = []
    if isinstance(runs, list):
        for run in runs[:MAX_SELECTION_RUNS]:
            if (isinstance(run, list) and len(run) == 2 and all(isinstance(value, int) for value in run)
                    and 0 <= run[0] <= run[1] < row_count):
                parts.append(np.arange(run[0], run[1] + 1, dtype=np.int64))
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def capture_view_state(view: ReviewTableView, filters: TableFilters) -> dict[str, Any]:
    """Return the view's state as a JSON-serialisable dict."""
    proxy = view.proxy()
    model = view.table_model()
    columns = model.columns()

    if proxy.has_custom_sort():
        sort: dict[str, Any] = {"custom": LIKELY_ERRORS_SORT}
    elif proxy.sort_column() >= 0:
        descending = proxy.sort_order() == Qt.SortOrder.DescendingOrder
        sort = {"column": columns[proxy.sort_column()].value, "descending": descending}
    else:
        sort = {}

    current = view.currentIndex()
    current_row = proxy.source_row(current.row()) if current.isValid() else None
    widths = view.column_widths()
    runs = selection_runs(view.selected_source_rows()) if view.selectionModel().hasSelection() else []
    return {
        "version": STATE_VERSION,
        "filters": filters.spec.to_dict(),
        "sort": sort,
        "selection": runs[:MAX_SELECTION_RUNS],
        "current_row": current_row,
        "column_widths": widths,
    }


def restore_view_state(state: dict[str, Any], view: ReviewTableView, filters: TableFilters) -> None:
    """Apply a state from :func:`capture_view_state`; anything missing or invalid is skipped."""
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return
    model = view.table_model()
    columns = model.columns()
    proxy = view.proxy()
    row_count = model.rowCount()

    view.restore_column_widths(state.get("column_widths"))
    _restore_sort(state.get("sort"), view, columns)
    filters.set_spec(FilterSpec.from_dict(state.get("filters")))

    selected = rows_of_runs(state.get("selection"), row_count)
    current_row = state.get("current_row")
    if not (isinstance(current_row, int) and 0 <= current_row < row_count):
        current_row = None
    _restore_selection(view, proxy, selected, current_row)


def _restore_sort(sort: Any, view: ReviewTableView, columns: list[Column]) -> None:
    # The likely-error order is rebuilt by the filter itself when its filter is restored.
    if not isinstance(sort, dict) or "column" not in sort:
        return
    names = [column.value for column in columns]
    if sort["column"] not in names:
        return
    order = Qt.SortOrder.DescendingOrder if sort.get("descending") is True else Qt.SortOrder.AscendingOrder
    view.sortByColumn(names.index(sort["column"]), order)


def _restore_selection(view: ReviewTableView, proxy, rows: np.ndarray, current_row: int | None) -> None:
    selection_model = view.selectionModel()
    last_column = proxy.columnCount() - 1
    if last_column < 0:
        return
    view_rows = proxy.proxy_rows(rows)
    view_rows = np.sort(view_rows[view_rows >= 0])
    selection = QItemSelection()
    for first, last in selection_runs(view_rows):
        selection.select(proxy.index(first, 0), proxy.index(last, last_column))
    selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    if current_row is not None and proxy.proxy_row(current_row) >= 0:
        index = proxy.index(proxy.proxy_row(current_row), 0)
        selection_model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        view.scrollTo(index, view.ScrollHint.PositionAtCenter)
