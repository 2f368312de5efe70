"""A row of two widget groups that stacks them when the window is too narrow for both."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class WrappingRow(QWidget):
    """Shows ``leading`` and ``trailing`` side by side, or ``trailing`` below ``leading``.

    Long English labels, a docked summary panel or 200% scaling can make a row wider than the
    window. Wrapping keeps every control visible, so the window never grows past the screen.
    """

    def __init__(self, leading: QWidget, trailing: QWidget, spacing: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leading = leading
        self.trailing = trailing

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._first_row = QHBoxLayout()
        self._first_row.setSpacing(spacing)
        outer.addLayout(self._first_row)
        self._first_row.addWidget(leading, 1)
        self._first_row.addWidget(trailing, 0)
        self._one_row = True
        self.update_minimum_width()

    def update_minimum_width(self) -> None:
        """Recompute the minimum width after a group gained or lost widgets."""
        # An explicit minimum keeps the layout from demanding the one-row width, so a narrow
        # window gets two rows instead of growing.
        self.setMinimumWidth(max(self.leading.minimumSizeHint().width(), self.trailing.minimumSizeHint().width()))

    def one_row_width(self) -> int:
        """Return the width the row needs to show both groups side by side."""
        return self.leading.sizeHint().width() + self.trailing.sizeHint().width() + self._first_row.spacing()

    def is_one_row(self) -> bool:
        return self._one_row

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fits = event.size().width() >= self.one_row_width()
        if fits and not self._one_row:
            self._first_row.addWidget(self.trailing, 0)
            self._one_row = True
        elif not fits and self._one_row:
            self.layout().addWidget(self.trailing)
            self._one_row = False
