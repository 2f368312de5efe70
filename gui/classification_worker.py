"""The worker that runs :meth:`Classifier.run` in its own thread and reports only through signals.

Signals (every one starts with the run's generation number, so the GUI can drop results of an
older run that arrive late):

* ``progressed(generation, done_rows, total_rows, fraction, eta_seconds)``; ``fraction`` follows
  the token count, which tracks time better than rows; ``eta_seconds`` is -1 while unknown.
* ``batchReady(generation, positions, label_ids, probabilities, truncated)``: numpy arrays for
  the rows finished since the last emission, addressed by row position.
* ``completed(generation, result)``, ``cancelled(generation, result)``: the whole
  ``ClassificationResult``; a cancelled one has PENDING rows where the run did not reach.
* ``failed(generation, report, partial_result)``: an ``ErrorReport`` and the rows finished
  before the failure (or None).

The worker never touches widgets or the annotations.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from review_labeler.core.inference import BatchResult, Classifier, ProgressEvent
from review_labeler.core.model_loading import LoadedModel

from .error_report import ErrorReport

log = logging.getLogger(__name__)

# Batches finished within this interval travel to the GUI as one emission, and progress is sent
# at most once per interval, so a fast model cannot flood the GUI thread with queued signals.
EMIT_INTERVAL_SECONDS = 0.1


class ClassificationWorker(QObject):
    progressed = Signal(int, int, int, float, float)
    batchReady = Signal(int, object, object, object, object)
    completed = Signal(int, object)
    cancelled = Signal(int, object)
    failed = Signal(int, object, object)

    def __init__(self, generation: int, loaded: LoadedModel, texts: Sequence[str | None], batch_size: int) -> None:
        super().__init__()
        self.generation = generation
        self._loaded = loaded
        self._texts = texts
        self._batch_size = batch_size
        self._stop = threading.Event()
        self._pending: list[BatchResult] = []
        self._last_emit = 0.0
        self._last_progress = 0.0

    def request_stop(self) -> None:
        """Ask the run to stop at the next batch boundary; safe to call from any thread."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            classifier = Classifier(self._loaded, batch_size=self._batch_size)
            result = classifier.run(
                self._texts, progress=self._on_progress, on_batch=self._on_batch, should_stop=self._stop.is_set
            )
        except Exception as error:  # noqa: BLE001 - a failed run must never take the app down
            report = ErrorReport.from_exception(error)
            level = logging.INFO if report.expected else logging.ERROR
            log.log(level, "Classification run %d failed", self.generation, exc_info=True)
            self._flush_batches()
            self.failed.emit(self.generation, report, getattr(error, "partial_result", None))
        else:
            self._flush_batches()
            if result.cancelled:
                self.cancelled.emit(self.generation, result)
            else:
                self.completed.emit(self.generation, result)
        finally:
            self._loaded = None
            self._texts = None
            # Quit directly rather than through a queued signal, because a GUI thread blocked
            # in wait() during shutdown could not deliver that signal.
            QThread.currentThread().quit()

    def _on_batch(self, batch: BatchResult) -> None:
        self._pending.append(batch)
        now = time.perf_counter()
        if now - self._last_emit >= EMIT_INTERVAL_SECONDS:
            self._flush_batches()
            self._last_emit = now

    def _flush_batches(self) -> None:
        if not self._pending:
            return
        batches, self._pending = self._pending, []
        self.batchReady.emit(
            self.generation,
            np.concatenate([batch.positions for batch in batches]),
            np.concatenate([batch.label_ids for batch in batches]),
            np.concatenate([batch.probabilities for batch in batches]),
            np.concatenate([batch.truncated for batch in batches]),
        )

    def _on_progress(self, event: ProgressEvent) -> None:
        now = time.perf_counter()
        if now - self._last_progress < EMIT_INTERVAL_SECONDS and event.done_rows < event.total_rows:
            return
        self._last_progress = now
        eta = event.eta_seconds
        self.progressed.emit(self.generation, event.done_rows, event.total_rows, event.fraction, -1.0 if eta is None else eta)
