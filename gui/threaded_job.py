"""Base of the jobs that run one worker object in its own ``QThread``.

A job lives in the GUI thread and owns at most one thread at a time. Each start raises a
generation counter that the worker sends back with every signal, so signals of a run that was
discarded or shut down are dropped instead of reaching a table that has moved on.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

COMPLETED, CANCELLED, FAILED = "completed", "cancelled", "failed"


class ThreadedJob(QObject):
    """Starts a worker in a new thread, stops it at its next checkpoint and waits for it.

    The worker has a ``run()`` slot and a thread-safe ``request_stop()``. Subclasses connect the
    worker's own signals, then call :meth:`_start_thread`.

    * ``runningChanged(bool)``: True from start until the thread has ended.
    """

    runningChanged = Signal(bool)
    # Names the job in thread names and log lines.
    job_name = "job"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._thread: QThread | None = None
        self._worker: QObject | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def cancel(self) -> None:
        """Ask the worker to stop at its next checkpoint (a batch or a training step)."""
        if self._worker is not None:
            log.info("Cancelling %s %d", self.job_name, self._generation)
            self._worker.request_stop()

    def discard(self) -> None:
        """Cancel and drop everything the current run still reports (its table was replaced)."""
        self.cancel()
        self._generation += 1

    def shutdown(self) -> None:
        """Cancel, wait for the thread to end and drop every late signal; call before quitting."""
        self.cancel()
        thread = self._thread
        if thread is not None:
            log.info("Waiting for %s %d to stop", self.job_name, self._generation)
            thread.wait()
        self._generation += 1
        self._release_thread()

    def _start_thread(self, worker: QObject) -> None:
        """Move ``worker`` to a new thread named after the current generation and start it."""
        thread = QThread()
        thread.setObjectName(f"{self.job_name.replace(' ', '-')}-{self._generation}")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished)

        was_running = self.is_running()
        self._thread, self._worker = thread, worker
        thread.start()
        if not was_running:
            self.runningChanged.emit(True)

    def _is_current(self, generation: int) -> bool:
        if generation != self._generation:
            log.debug("Dropped a signal of stale %s %d", self.job_name, generation)
            return False
        return True

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.sender() is not self._thread:
            # A thread that shutdown() already waited for and released.
            return
        self._release_thread()
        self._thread_released()

    def _thread_released(self) -> None:
        """Run after the thread of a finished run was released; subclasses start queued work here."""

    def _release_thread(self) -> None:
        if self._thread is None:
            return
        self._thread.wait()
        self._thread = None
        self._worker = None
        if not self.is_running():
            self.runningChanged.emit(False)
