"""The review table view: uniform rows, fixed column widths, number keys for labelling."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .index_proxy import IndexProxyModel
from .table_model import Column, ReviewTableModel

_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{digit}"): digit for digit in range(10)}
_CLEAR_KEYS = {Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
_ACCEPT_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
# Stored column widths outside this range (pixels) are ignored as damaged.
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 10, 2000
# Column widths in widths of the digit "0"; the review column takes the remaining space. The
# font's average character width is not used, because with a CJK interface font (a Korean
# desktop) it is the width of a Hangul syllable, twice as wide, and would squeeze the review column.
_COLUMN_CHARS = {
    Column.PREDICTED: 12,
    Column.CONFIDENCE: 9,
    Column.CORRECTED: 12,
    Column.FINAL: 12,
    Column.KNOWN: 12,
}


class ReviewTableView(QTableView):
    """Shows the proxy over a :class:`ReviewTableModel`.

    Keys 1..9 request label 1..9 for every selected row, and 0, Delete and Backspace request
    clearing. Enter requests accepting the predictions. All of them then move to the row below
    the selection. The view only emits ``labelRequested`` and ``acceptRequested``, and the
    window routes them through the label editor.
    """

    # Source rows (numpy int64 array) and a label id, or -1 to clear.
    labelRequested = Signal(object, int)
    # Source rows (numpy int64 array) whose predictions the analyst accepts.
    acceptRequested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTable")
        self.label_count = 0
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        # Uniform row heights: the view never measures rows, whatever their count.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.setVisible(False)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSortIndicatorShown(True)

    def proxy(self) -> IndexProxyModel:
        return self.model()

    def table_model(self) -> ReviewTableModel:
        return self.proxy().sourceModel()

    def apply_column_widths(self) -> None:
        """Size columns from the font, never from their contents (which would read every row)."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        # The row column fits the widest row number, which has as many digits as the row count.
        row_digits = "0" * (len(str(max(self.model().rowCount(), 1))) + 1)
        for section, column in enumerate(self.table_model().columns()):
            if column is Column.REVIEW:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
            title = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
            if column is Column.ROW:
                content = metrics.horizontalAdvance(row_digits)
            elif column is Column.STATUS:
                content = max(metrics.horizontalAdvance(word) for word in self.table_model().status_words())
            else:
                content = _COLUMN_CHARS.get(column, 10) * metrics.horizontalAdvance("0")
            # Room for the sort indicator next to the title.
            header.resizeSection(section, max(content, metrics.horizontalAdvance(title) + 28) + 12)

    def column_widths(self) -> dict[str, int]:
        """Return the width of every column but the stretched review column, by column name."""
        header = self.horizontalHeader()
        return {column.value: header.sectionSize(section)
                for section, column in enumerate(self.table_model().columns()) if column is not Column.REVIEW}

    def restore_column_widths(self, widths: object) -> None:
        """Apply widths from :meth:`column_widths`; unknown columns and implausible widths are skipped."""
        if not isinstance(widths, dict):
            return
        header = self.horizontalHeader()
        for section, column in enumerate(self.table_model().columns()):
            width = widths.get(column.value)
            if column is not Column.REVIEW and isinstance(width, int) and MIN_COLUMN_WIDTH <= width <= MAX_COLUMN_WIDTH:
                header.resizeSection(section, width)

    def selected_source_rows(self) -> np.ndarray:
        """Return the source rows of the selection, read range by range (fast for Ctrl+A)."""
        ranges = self.selectionModel().selection() if self.selectionModel() else []
        parts = [np.arange(span.top(), span.bottom() + 1, dtype=np.int64) for span in ranges]
        if not parts:
            current = self.currentIndex()
            if not current.isValid():
                return np.zeros(0, dtype=np.int64)
            parts = [np.array([current.row()], dtype=np.int64)]
        proxy_rows = np.unique(np.concatenate(parts))
        return self.proxy().source_rows(proxy_rows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and not editing and (key in _NUMBER_KEYS or key in _CLEAR_KEYS):
            self._request_label(key)
            event.accept()
            return
        if plain and not editing and key in _ACCEPT_KEYS:
            self._request_accept()
            event.accept()
            return
        super().keyPressEvent(event)

    def _request_label(self, key: Qt.Key) -> None:
        if key in _CLEAR_KEYS:
            label_id = -1
        else:
            number = _NUMBER_KEYS[key]
            if number > self.label_count:
                return
            label_id = number - 1
        rows = self.selected_source_rows()
        if len(rows) == 0:
            return
        self.labelRequested.emit(rows, label_id)
        self._move_below_selection()

    def _request_accept(self) -> None:
        rows = self.selected_source_rows()
        if len(rows) == 0:
            return
        self.acceptRequested.emit(rows)
        self._move_below_selection()

    def _move_below_selection(self) -> None:
        ranges = self.selectionModel().selection()
        last = max((span.bottom() for span in ranges), default=self.currentIndex().row())
        target = min(last + 1, self.model().rowCount() - 1)
        if target < 0:
            return
        column = max(self.currentIndex().column(), 0)
        index = self.model().index(target, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
