"""A non-modal bar above the table with a message and a few buttons (project offers, read-only notice)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

INFO, WARNING = "info", "warning"
_STYLES = {
    INFO: "background: #e8f1fb; border: 1px solid #9dbfe3; border-radius: 4px;",
    WARNING: "background: #fff4ce; border: 1px solid #e0c97a; border-radius: 4px;",
}


class InfoBar(QFrame):
    """Shows one message with buttons; each button runs its callback and may hide the bar."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.text_label = QLabel()
        self.text_label.setObjectName(f"{name}Text")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 4, 4)
        self._layout.addWidget(self.text_label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.setVisible(False)

    def show_message(self, text: str, buttons: Sequence[tuple[str, str, Callable[[], None]]] = (),
                     kind: str = INFO) -> None:
        """Show ``text`` with buttons given as (text, objectName, callback)."""
        self.setStyleSheet(f"#{self.objectName()} {{ {_STYLES[kind]} }} #{self.objectName()} QLabel {{ color: #1f2a36; }}")
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.text_label.setText(text)
        for button_text, name, callback in buttons:
            button = QPushButton(button_text)
            button.setObjectName(name)
            button.clicked.connect(callback)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons[name] = button
        self.setVisible(True)

    def clear(self) -> None:
        self.setVisible(False)
        self.text_label.clear()
