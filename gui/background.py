"""Run a blocking function (read a file, load a model, write an export) off the GUI thread.

Each call gets its own QThread with one worker QObject moved into it. The result comes back as a
queued signal to a :class:`BackgroundTask` living in the GUI thread, which calls the caller's
callback there. Starting a task again supersedes the older call: its result is dropped when it
arrives, because these functions cannot be interrupted half-way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from .error_report import ErrorReport

log = logging.getLogger(__name__)


class _FunctionWorker(QObject):
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, generation: int, function: Callable[[], Any]) -> None:
        super().__init__()
        self._generation = generation
        self._function = function

    @Slot()
    def run(self) -> None:
        try:
            value = self._function()
        except Exception as error:  # noqa: BLE001 - every failure must reach the GUI as a report
            report = ErrorReport.from_exception(error)
            # Errors the user can act on are shown in a dialog, so their traceback goes to the log
            # file at INFO and stays off stderr. Unexpected errors are logged as errors.
            level = logging.INFO if report.expected else logging.ERROR
            log.log(level, "Background task %s failed", QThread.currentThread().objectName(), exc_info=True)
            self.failed.emit(self._generation, report)
        else:
            self.succeeded.emit(self._generation, value)
        finally:
            self._function = None
            # Quit directly rather than through a queued signal, because a GUI thread blocked
            # in wait() during shutdown could not deliver that signal.
            QThread.currentThread().quit()


class BackgroundTask(QObject):
    """One kind of background work (for example "read the file"); the newest call wins.

    ``busyChanged`` reports whether any call of this kind is still running, including
    superseded ones that the app must still wait for at shutdown.
    """

    busyChanged = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._generation = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[ErrorReport], None]]] = {}
        # Strong references: a QThread collected while running aborts the process.
        self._running: list[tuple[QThread, _FunctionWorker]] = []

    def start(
        self,
        function: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[ErrorReport], None],
    ) -> int:
        """Run ``function`` in a new thread; return the call's generation number."""
        self._generation += 1
        generation = self._generation
        self._callbacks = {generation: (on_success, on_failure)}

        thread = QThread()
        thread.setObjectName(f"{self._name}-{generation}")
        worker = _FunctionWorker(generation, function)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)

        was_busy = self.is_busy()
        self._running.append((thread, worker))
        thread.start()
        if not was_busy:
            self.busyChanged.emit(True)
        return generation

    def supersede(self) -> None:
        """Drop the result of every call started so far; they still run to their end."""
        self._generation += 1
        self._callbacks = {}

    def is_busy(self) -> bool:
        return bool(self._running)

    def is_pending(self) -> bool:
        """Return True while the newest call has not delivered its result yet."""
        return bool(self._callbacks)

    def shutdown(self) -> None:
        """Drop pending results and wait for every thread of this task to end."""
        self.supersede()
        for thread, _worker in self._running:
            thread.wait()
        self._release_finished()

    @Slot(int, object)
    def _on_succeeded(self, generation: int, value: Any) -> None:
        callbacks = self._callbacks.pop(generation, None)
        if callbacks is None:
            log.info("Dropped a superseded result of %s (call %d)", self._name, generation)
            return
        callbacks[0](value)

    @Slot(int, object)
    def _on_failed(self, generation: int, report: ErrorReport) -> None:
        callbacks = self._callbacks.pop(generation, None)
        if callbacks is None:
            log.info("Dropped a superseded failure of %s (call %d): %s", self._name, generation, report.summary)
            return
        callbacks[1](report)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._release_finished()

    def _release_finished(self) -> None:
        was_busy = self.is_busy()
        still_running = []
        for thread, worker in self._running:
            if thread.isFinished():
                thread.wait()
            else:
                still_running.append((thread, worker))
        self._running = still_running
        if was_busy and not self.is_busy():
            self.busyChanged.emit(False)
