"""Owns the classification thread and writes what the worker reports into the document.

Lives in the GUI thread. One run at a time: a start while a cancelled run is still finishing its
last batch waits for that thread to end, so the model is never used by two runs at once. A
generation counter drops signals of any older run.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from review_labeler.core.errors import InferenceError
from review_labeler.core.inference import BatchResult, ClassificationResult, check_result_matches
from review_labeler.core.model_loading import LoadedModel

from .classification_worker import ClassificationWorker
from .document import ReviewDocument
from .error_report import ErrorReport
from .threaded_job import CANCELLED, COMPLETED, FAILED, ThreadedJob

log = logging.getLogger(__name__)


@dataclass
class _RunRequest:
    loaded: LoadedModel
    texts: Sequence[str | None]
    batch_size: int


class ClassificationJob(ThreadedJob):
    """Starts, cancels and waits for classification runs.

    Signals for the window:

    * ``runningChanged(bool)``: True from start until the thread has ended.
    * ``progressed(done_rows, total_rows, fraction, eta_seconds)``, as the worker sends them.
    * ``finished(outcome, result)``: outcome is "completed", "cancelled" or "failed". The result
      is the ``ClassificationResult`` written into the document. It is partial after a cancel or
      failure, and None when nothing usable came back.
    * ``failed(report)``: an ``ErrorReport`` for the user, emitted before ``finished``.
    """

    progressed = Signal(int, int, float, float)
    finished = Signal(str, object)
    failed = Signal(object)
    job_name = "classification run"

    def __init__(self, document: ReviewDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._queued: _RunRequest | None = None
        self._row_count = 0

    def is_running(self) -> bool:
        return self._thread is not None or self._queued is not None

    def start(self, loaded: LoadedModel, texts: Sequence[str | None], batch_size: int) -> None:
        """Classify ``texts`` (one per document row) with ``loaded``."""
        request = _RunRequest(loaded, texts, batch_size)
        if self._thread is not None:
            # The previous run was cancelled but is finishing its current batch. Its late
            # results must not land on rows the new run has just reset.
            self.discard()
            self._queued = request
            return
        self._launch(request)

    def _launch(self, request: _RunRequest) -> None:
        self._generation += 1
        self._row_count = len(request.texts)
        worker = ClassificationWorker(self._generation, request.loaded, request.texts, request.batch_size)
        worker.progressed.connect(self._on_progressed)
        worker.batchReady.connect(self._on_batch_ready)
        worker.completed.connect(self._on_completed)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)

        log.info("Starting classification run %d over %d rows, batch size %d",
                 self._generation, self._row_count, request.batch_size)
        self._start_thread(worker)

    def cancel(self) -> None:
        """Stop the current run at its next batch boundary and forget a queued one."""
        self._queued = None
        super().cancel()

    # --- worker signals (delivered in the GUI thread) ---------------------------------------

    @Slot(int, int, int, float, float)
    def _on_progressed(self, generation: int, done_rows: int, total_rows: int, fraction: float, eta: float) -> None:
        if self._is_current(generation):
            self.progressed.emit(done_rows, total_rows, fraction, eta)

    @Slot(int, object, object, object, object)
    def _on_batch_ready(self, generation: int, positions: np.ndarray, label_ids: np.ndarray,
                        probabilities: np.ndarray, truncated: np.ndarray) -> None:
        if not self._is_current(generation):
            return
        self._document.apply_batch(BatchResult(positions, label_ids, probabilities, truncated))

    @Slot(int, object)
    def _on_completed(self, generation: int, result: ClassificationResult) -> None:
        if self._is_current(generation):
            self._finish(COMPLETED, result)

    @Slot(int, object)
    def _on_cancelled(self, generation: int, result: ClassificationResult) -> None:
        if self._is_current(generation):
            self._finish(CANCELLED, result)

    @Slot(int, object, object)
    def _on_failed(self, generation: int, report: ErrorReport, partial: ClassificationResult | None) -> None:
        if not self._is_current(generation):
            return
        self.failed.emit(report)
        self._finish(FAILED, partial)

    def _finish(self, outcome: str, result: ClassificationResult | None) -> None:
        written = None
        if result is not None:
            try:
                check_result_matches(result, self._document.row_count)
            except InferenceError as error:
                log.error("Discarded the result of run %d: %s", self._generation, error)
                self.failed.emit(ErrorReport.from_exception(error))
                outcome = FAILED
            else:
                self._document.apply_result(result)
                written = result
        log.info("Classification run %d %s", self._generation, outcome)
        self.finished.emit(outcome, written)

    def _thread_released(self) -> None:
        if self._queued is not None:
            request, self._queued = self._queued, None
            self._launch(request)
