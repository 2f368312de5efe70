"""Read a review file in the background and guess its columns; offer a lossy read when decoding fails."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from review_labeler.core.column_guess import guess_label_column, guess_review_column
from review_labeler.core.table_reader import ReadOptions, read_table

from . import dialogs
from .background import BackgroundTask
from .document import OpenedTable
from .error_dialog import show_error
from .error_report import ErrorReport

log = logging.getLogger(__name__)

OPENABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".xlsx", ".xlsm")


def read_and_guess(path: Path, options: ReadOptions, keep_review: str | None = None,
                   keep_label: str | None = None) -> OpenedTable:
    """Read ``path`` and pick its columns; ``keep_*`` columns win when the new table has them.

    Runs in a worker thread.
    """
    table = read_table(path, options)
    review_column = keep_review if keep_review in table.columns else guess_review_column(table)
    if keep_review in table.columns:
        label_column = keep_label if keep_label in table.columns else None
    else:
        label_column = guess_label_column(table, review_column)
    return OpenedTable(table=table, options=options, review_column=review_column, label_column=label_column)


class FileOpener(QObject):
    """Opens files for the window; the newest request wins over older ones still being read.

    ``opened(OpenedTable)`` is emitted in the GUI thread. Failures are shown to the user here and
    then reported by ``failed()``, so that the window can show the table it still has.
    """

    opened = Signal(object)
    failed = Signal()
    busyChanged = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._task = BackgroundTask("file-reading", self)
        self._task.busyChanged.connect(self.busyChanged)

    def is_busy(self) -> bool:
        """Return True while a file is being read for the window (superseded reads do not count)."""
        return self._task.is_pending()

    def open(self, path: str | Path, options: ReadOptions | None = None,
             keep_review: str | None = None, keep_label: str | None = None) -> None:
        path = Path(path)
        options = options or ReadOptions()
        log.info("Reading %s with %s", path, options)
        self._task.start(
            lambda: read_and_guess(path, options, keep_review, keep_label),
            self.opened.emit,
            lambda report: self._on_failed(path, options, report, keep_review, keep_label),
        )

    def _on_failed(self, path: Path, options: ReadOptions, report: ErrorReport,
                   keep_review: str | None, keep_label: str | None) -> None:
        if report.error_type == "EncodingDetectionError" and not options.lossy:
            question = self.tr(
                "{message}\n\nOpen the file anyway, replacing the bytes that cannot be decoded with �? "
                "The affected rows are listed after opening."
            ).format(message=report.summary)
            if dialogs.ask_yes_no(self._window, self.tr("Encoding problem"), question):
                self.open(path, dataclasses.replace(options, lossy=True), keep_review, keep_label)
                return
        else:
            show_error(self._window, self.tr("Could not open the file"), report)
        self.failed.emit()

    def shutdown(self) -> None:
        self._task.shutdown()
