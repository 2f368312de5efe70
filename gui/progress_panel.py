"""Progress bar with ETA text, shown only when work lasts longer than a moment."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from . import locale_format

# Work that ends sooner than this never shows the bar, so quick runs do not flicker.
SHOW_DELAY_MS = 500


class ProgressPanel(QWidget):
    """A status-bar widget: a determinate bar for runs, a busy bar for reading and loading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.bar = QProgressBar()
        self.bar.setObjectName("progressBar")
        self.bar.setFixedWidth(240)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.text_label = QLabel()
        self.text_label.setObjectName("progressLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_label)
        layout.addWidget(self.bar)

        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_DELAY_MS)
        self._show_timer.timeout.connect(self._reveal)
        self._active = False
        self.setVisible(False)

    def begin(self, text: str, *, busy: bool = False) -> None:
        """Start showing progress after the delay; ``busy`` shows a bar without a percentage."""
        self._active = True
        self.text_label.setText(text)
        if busy:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(0)
        if not self.isVisible() and not self._show_timer.isActive():
            self._show_timer.start()

    def update_progress(self, done_rows: int, total_rows: int, fraction: float, eta_seconds: float) -> None:
        value = int(round(min(max(fraction, 0.0), 1.0) * 1000))
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1000)
        if value != self.bar.value():
            self.bar.setValue(value)
        self.bar.setFormat(locale_format.percent(value / 1000, 0))
        text = self.tr("{done} / {total} rows").format(done=locale_format.count(done_rows), total=locale_format.count(total_rows))
        if eta_seconds >= 0:
            text += " · " + self.tr("about {time} left").format(time=self.format_duration(eta_seconds))
        self.text_label.setText(text)

    def end(self) -> None:
        self._active = False
        self._show_timer.stop()
        self.setVisible(False)

    def is_active(self) -> bool:
        return self._active

    @Slot()
    def _reveal(self) -> None:
        if self._active:
            self.setVisible(True)

    def format_duration(self, seconds: float) -> str:
        return locale_format.duration(seconds)
