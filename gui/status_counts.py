"""Row counts in the status bar: rows, shown, reviewed and corrected."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from review_labeler.core.annotations import ReviewState

from . import locale_format
from .document import ReviewDocument
from .index_proxy import IndexProxyModel

# Counts are refreshed this long after the last change, so a streamed run or a burst of key
# presses recounts once.
REFRESH_DELAY_MS = 60


class StatusCounts(QLabel):
    """Shows "rows · shown · reviewed · corrected"; objectName ``statusCounts``."""

    def __init__(self, document: ReviewDocument, proxy: IndexProxyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusCounts")
        self._document = document
        self._proxy = proxy
        self.counts: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        document.tableReplaced.connect(self.schedule_refresh)
        document.annotationsReplaced.connect(self.schedule_refresh)
        document.rowsChanged.connect(self.schedule_refresh)
        proxy.modelReset.connect(self.schedule_refresh)
        proxy.layoutChanged.connect(self.schedule_refresh)
        self.refresh()

    @Slot()
    def schedule_refresh(self) -> None:
        self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Count now and show the counts."""
        self._timer.stop()
        states = self._document.annotations.review_state
        self.counts = {
            "rows": self._document.row_count,
            "shown": self._proxy.rowCount(),
            "reviewed": int((states != ReviewState.UNREVIEWED).sum()),
            "corrected": int((states == ReviewState.CORRECTED).sum()),
        }
        if self._document.table is None:
            self.setText("")
            return
        self.setText(
            self.tr("{rows} rows · {shown} shown · {reviewed} reviewed · {corrected} corrected").format(
                **{key: locale_format.count(value) for key, value in self.counts.items()}
            )
        )
