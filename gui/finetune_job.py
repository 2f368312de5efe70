"""Owns the fine-tune thread and passes on what the worker reports.

Lives in the GUI thread. One fine-tune at a time: :meth:`start` refuses while a thread is still
running, including a cancelled one finishing its current step. A generation counter drops
signals of any older run.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

from .error_report import ErrorReport
from .finetune_worker import FinetuneOutcome, FinetuneRequest, FinetuneWorker

log = logging.getLogger(__name__)

COMPLETED, CANCELLED, FAILED = "completed", "cancelled", "failed"


class FinetuneJob(QObject):
    """Starts, cancels and waits for fine-tunes.

    Signals for the window:

    * ``runningChanged(bool)``: True from start until the thread has ended.
    * ``progressed(step, total_steps, epoch, total_epochs, loss, eta_seconds)``.
    * ``finished(outcome, value)``: outcome is "completed" (value: :class:`FinetuneOutcome`),
      "cancelled" (value: the cancelled ``FinetuneResult``) or "failed" (value: ``ErrorReport``).
    """

    runningChanged = Signal(bool)
    progressed = Signal(int, int, int, int, float, float)
    finished = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._thread: QThread | None = None
        self._worker: FinetuneWorker | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, request: FinetuneRequest) -> bool:
        """Start a fine-tune; return False (and start nothing) while another thread still runs."""
        if self._thread is not None:
            log.warning("A fine-tune is still running; not starting another")
            return False
        self._generation += 1
        thread = QThread()
        thread.setObjectName(f"finetune-{self._generation}")
        worker = FinetuneWorker(self._generation, request)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progressed)
        worker.completed.connect(self._on_completed)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)

        self._thread, self._worker = thread, worker
        log.info("Starting fine-tune %d on %d labelled rows", self._generation, len(request.snapshot))
        thread.start()
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Stop the fine-tune before its next step; nothing is saved."""
        if self._worker is not None:
            log.info("Cancelling fine-tune %d", self._generation)
            self._worker.request_stop()

    def discard(self) -> None:
        """Cancel and drop everything the current fine-tune still reports (its table was replaced)."""
        self.cancel()
        self._generation += 1

    def shutdown(self) -> None:
        """Cancel, wait for the thread to end and drop every late signal; call before quitting."""
        self.cancel()
        thread = self._thread
        if thread is not None:
            log.info("Waiting for fine-tune %d to stop", self._generation)
            thread.wait()
        self._generation += 1
        self._release_thread()

    # --- worker signals (delivered in the GUI thread) ---------------------------------------

    def _is_current(self, generation: int) -> bool:
        if generation != self._generation:
            log.debug("Dropped a signal of stale fine-tune %d", generation)
            return False
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

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.sender() is not self._thread:
            # A thread that shutdown() already waited for and released.
            return
        self._release_thread()

    def _release_thread(self) -> None:
        if self._thread is None:
            return
        self._thread.wait()
        self._thread = None
        self._worker = None
        self.runningChanged.emit(False)
