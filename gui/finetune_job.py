"""Owns the fine-tune thread and passes on what the worker reports.

Lives in the GUI thread. One fine-tune at a time: :meth:`start` refuses while a thread is still
running, including a cancelled one finishing its current step. A generation counter drops
signals of any older run.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot

from .error_report import ErrorReport
from .finetune_worker import FinetuneOutcome, FinetuneRequest, FinetuneWorker
from .threaded_job import CANCELLED, COMPLETED, FAILED, ThreadedJob

log = logging.getLogger(__name__)


class FinetuneJob(ThreadedJob):
    """Starts, cancels and waits for fine-tunes.

    Signals for the window:

    * ``runningChanged(bool)``: True from start until the thread has ended.
    * ``progressed(step, total_steps, epoch, total_epochs, loss, eta_seconds)``.
    * ``finished(outcome, value)``: outcome is "completed" (value: :class:`FinetuneOutcome`),
      "cancelled" (value: the cancelled ``FinetuneResult``) or "failed" (value: ``ErrorReport``).
    """

    progressed = Signal(int, int, int, int, float, float)
    finished = Signal(str, object)
    job_name = "fine-tune"

    def start(self, request: FinetuneRequest) -> bool:
        """Start a fine-tune; return False (and start nothing) while another thread still runs."""
        if self._thread is not None:
            log.warning("A fine-tune is still running; not starting another")
            return False
        self._generation += 1
        worker = FinetuneWorker(self._generation, request)
        worker.progressed.connect(self._on_progressed)
        worker.completed.connect(self._on_completed)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)

        log.info("Starting fine-tune %d on %d labelled rows", self._generation, len(request.snapshot))
        self._start_thread(worker)
        return True

    @Slot(int, int, int, int, int, float, float)
    def _on_progressed(self, generation: int, step: int, total: int, epoch: int, epochs: int, loss: float, eta: float) -> None:
        if self._is_current(generation):
            self.progressed.emit(step, total, epoch, epochs, loss, eta)

    @Slot(int, object)
    def _on_completed(self, generation: int, outcome: FinetuneOutcome) -> None:
        if self._is_current(generation):
            log.info("Fine-tune %d completed", generation)
            self.finished.emit(COMPLETED, outcome)

    @Slot(int, object)
    def _on_cancelled(self, generation: int, result) -> None:
        if self._is_current(generation):
            self.finished.emit(CANCELLED, result)

    @Slot(int, object)
    def _on_failed(self, generation: int, report: ErrorReport) -> None:
        if self._is_current(generation):
            self.finished.emit(FAILED, report)
