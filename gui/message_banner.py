"""A non-modal banner above the table for warnings about the file that was read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

# Warnings listed in full; the rest are counted so that the banner stays a few lines high.
MAX_SHOWN_WARNINGS = 4


class MessageBanner(QFrame):
    """Lists warnings with an icon and a close button; hidden while there are no warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBanner")
        self.setStyleSheet(
            "#warningBanner { background: #fff4ce; border: 1px solid #e0c97a; border-radius: 4px; }"
            "#warningBanner QLabel { color: #3d3000; }"
        )
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel()
        self.text_label.setObjectName("warningBannerText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setObjectName("warningBannerClose")
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip(self.tr("Hide these warnings"))
        # The button shows only an icon, so screen readers need its name.
        close.setAccessibleName(self.tr("Hide these warnings"))
        close.clicked.connect(self.hide)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.addWidget(icon)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.messages: list[str] = []
        self.setVisible(False)

    def show_messages(self, messages: list[str]) -> None:
        self.messages = list(messages)
        if not messages:
            self.setVisible(False)
            return
        lines = ["• " + message for message in messages[:MAX_SHOWN_WARNINGS]]
        if len(messages) > MAX_SHOWN_WARNINGS:
            lines.append(self.tr("… and {count} more").format(count=len(messages) - MAX_SHOWN_WARNINGS))
        self.text_label.setText("\n".join(lines))
        self.text_label.setToolTip("\n".join(messages))
        self.setVisible(True)
