"""Status-bar widgets of fine-tuning: the progress with its cancel button, and the changed-rows toggle.

Both live in the status bar, so the table stays usable while a fine-tune runs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from . import locale_format
from .document import ReviewDocument
from .index_proxy import IndexProxyModel


class FinetuneProgress(QWidget):
    """Step/total, loss and time left of the running fine-tune, with a cancel button.

    ``cancelRequested`` is emitted when the user presses cancel; the owner stops the job.
    """

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finetuneProgress")
        self.title_label = QLabel(self.tr("Fine-tuning"))
        self.title_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.bar = QProgressBar()
        self.bar.setObjectName("finetuneProgressBar")
        self.bar.setFixedWidth(140)
        self.bar.setRange(0, 0)
        self.text_label = QLabel()
        self.text_label.setObjectName("finetuneProgressLabel")
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("finetuneCancelButton")
        self.cancel_button.setText(self.tr("Cancel fine-tuning"))
        self.cancel_button.setToolTip(self.tr("Stop before the next training step; nothing is saved and the current model stays active"))
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.text_label)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    @Slot(str)
    def begin(self, text: str) -> None:
        self.bar.setRange(0, 0)
        self.text_label.setText(text)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    @Slot(int, int, int, int, float, float)
    def update_progress(self, step: int, total: int, epoch: int, epochs: int, loss: float, eta_seconds: float) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(step, total))
        parts = [
            self.tr("Step {step} / {total}").format(step=locale_format.count(step), total=locale_format.count(total)),
            self.tr("epoch {epoch} / {epochs}").format(epoch=epoch, epochs=epochs),
            self.tr("loss {loss}").format(loss=locale_format.decimal(loss, 3)),
        ]
        if eta_seconds >= 0 and step < total:
            parts.append(self.tr("about {time} left").format(time=self.format_duration(eta_seconds)))
        self.text_label.setText(" · ".join(parts))

    @Slot(str)
    def show_phase(self, text: str) -> None:
        """Show a step without a step count (checking, saving): a busy bar and ``text``."""
        self.bar.setRange(0, 0)
        self.text_label.setText(text)

    @Slot()
    def end(self) -> None:
        self.setVisible(False)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.text_label.setText(self.tr("Stopping after the current step…"))
        self.cancelRequested.emit()

    def format_duration(self, seconds: float) -> str:
        return locale_format.duration(seconds)


class ChangedRowsButton(QToolButton):
    """A checkable button that shows only the rows whose prediction changed with the activated version.

    It applies ``document.changed_rows`` through ``proxy.set_row_mask``. A filter bar that owns
    the row mask should offer the same rows as one of its filters and replace this button.
    """

    def __init__(self, document: ReviewDocument, proxy: IndexProxyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showChangedRowsButton")
        self.setCheckable(True)
        self.setToolTip(self.tr("Show only the rows whose prediction changed when the model version was activated"))
        self._document = document
        self._proxy = proxy
        self.toggled.connect(self._on_toggled)
        document.changedRowsChanged.connect(self._on_changed_rows)
        document.tableReplaced.connect(self._on_changed_rows)
        self._on_changed_rows()

    @Slot()
    def _on_changed_rows(self) -> None:
        mask = self._document.changed_rows
        if self.isChecked():
            # Untoggling clears the old mask before the new one is offered.
            self.setChecked(False)
        if mask is None:
            self.setVisible(False)
            return
        self.setText(self.tr("Changed rows: {count}").format(count=locale_format.count(np.count_nonzero(mask))))
        self.setVisible(True)

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        mask = self._document.changed_rows
        if checked and mask is not None and len(mask) == self._document.row_count:
            self._proxy.set_row_mask(mask)
        else:
            self._proxy.set_row_mask(None)
