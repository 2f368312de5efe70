"""The worker that runs the core :func:`finetune` in its own thread and saves the new version.

Signals (every one starts with the run's generation number, so the GUI can drop signals of an
older run):

* ``progressed(generation, step, total_steps, epoch, total_epochs, loss, eta_seconds)``, at most
  every ``EMIT_INTERVAL_SECONDS`` and always for the last step; ``eta_seconds`` is -1 while unknown.
* ``completed(generation, outcome)``: a :class:`FinetuneOutcome`. The new version is saved into the
  versions folder but not activated. When saving failed, ``outcome.save_error`` contains the reason.
* ``cancelled(generation, result)``: the cancelled ``FinetuneResult``; nothing was saved.
* ``failed(generation, report)``: an ``ErrorReport``; nothing was saved.

The worker never touches widgets or the document. The active version is never changed here:
saving goes through :meth:`ModelVersions.save_new`, which writes into a temporary folder and
registers the version only when it is complete.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from review_labeler.core.finetune import FinetuneResult, FinetuneSettings, finetune, version_metadata
from review_labeler.core.finetune_data import ReplayCandidates
from review_labeler.core.finetune_loop import TrainingProgress
from review_labeler.core.finetune_replay import bundled_replay_file, read_replay_file
from review_labeler.core.model_loading import LoadedModel
from review_labeler.core.model_versions import ModelVersions, VersionInfo

from .error_report import ErrorReport
from .finetune_snapshot import TrainingSnapshot

log = logging.getLogger(__name__)

# Progress is sent at most once per interval, so a fast model cannot flood the GUI thread.
EMIT_INTERVAL_SECONDS = 0.1


@dataclass
class FinetuneRequest:
    """Everything one fine-tune needs; built in the GUI thread, read only by the worker."""

    loaded: LoadedModel
    snapshot: TrainingSnapshot
    settings: FinetuneSettings
    registry: ModelVersions
    parent_id: int
    notes: str = ""


@dataclass
class FinetuneOutcome:
    """A finished fine-tune: its result (without the model), the saved version, or why saving failed."""

    result: FinetuneResult
    parent_id: int
    version: VersionInfo | None = None
    save_error: ErrorReport | None = None


class FinetuneWorker(QObject):
    progressed = Signal(int, int, int, int, int, float, float)
    completed = Signal(int, object)
    cancelled = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, generation: int, request: FinetuneRequest) -> None:
        super().__init__()
        self.generation = generation
        self._request: FinetuneRequest | None = request
        self._stop = threading.Event()
        self._last_progress = 0.0
        # The newest progress event that was throttled away; sent when training ends.
        self._unsent: TrainingProgress | None = None

    def request_stop(self) -> None:
        """Ask the fine-tune to stop before its next step; safe to call from any thread."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        request = self._request
        try:
            outcome = self._train_and_save(request)
        except Exception as error:  # noqa: BLE001 - a failed fine-tune must never take the app down
            report = ErrorReport.from_exception(error)
            level = logging.INFO if report.expected else logging.ERROR
            log.log(level, "Fine-tune %d failed", self.generation, exc_info=True)
            self.failed.emit(self.generation, report)
        else:
            if isinstance(outcome, FinetuneOutcome):
                self.completed.emit(self.generation, outcome)
            else:
                self.cancelled.emit(self.generation, outcome)
        finally:
            self._request = None
            # Quit directly rather than through a queued signal, because a GUI thread blocked
            # in wait() during shutdown could not deliver that signal.
            QThread.currentThread().quit()

    def _train_and_save(self, request: FinetuneRequest) -> FinetuneOutcome | FinetuneResult:
        snapshot = request.snapshot
        label_names = list(snapshot.label_names)
        # Label names, not ids, go to the core, which maps them through the model's label2id.
        labels = [label_names[label_id] for label_id in snapshot.label_ids]
        result = finetune(
            request.loaded,
            list(snapshot.texts),
            labels,
            kinds=list(snapshot.kinds),
            replay=self._replay(request),
            settings=request.settings,
            progress=self._on_progress,
            should_stop=self._stop.is_set,
        )
        if self._unsent is not None:
            # Early stopping may end before the last planned step, so the final step is sent here.
            self._emit_progress(self._unsent)
        if result.cancelled or self._stop.is_set():
            # A cancel that arrives after the last step still means "keep nothing".
            result.model = None
            log.info("Fine-tune %d cancelled after %d of %d steps", self.generation, result.steps_done, result.total_steps)
            return result

        outcome = FinetuneOutcome(result=result, parent_id=request.parent_id)
        metadata = version_metadata(result, parent_id=request.parent_id, notes=request.notes)
        try:
            outcome.version = request.registry.save_new(result.model, result.tokenizer, metadata)
        except Exception as error:  # noqa: BLE001 - the dialog reports it; the active version is unchanged
            outcome.save_error = ErrorReport.from_exception(error)
            level = logging.WARNING if outcome.save_error.expected else logging.ERROR
            log.log(level, "Saving the fine-tuned model failed", exc_info=True)
        # The saved version is loaded from disk when activated, so the copy in memory can go.
        result.model = None
        return outcome

    def _replay(self, request: FinetuneRequest) -> ReplayCandidates:
        """Return the replay sample shipped with the model if there is one, else the current predictions."""
        loaded = request.loaded
        shipped = bundled_replay_file(loaded.source)
        if shipped is not None:
            try:
                return read_replay_file(shipped, loaded.label_names)
            except Exception:  # noqa: BLE001 - the predictions still make a usable replay sample
                log.warning("Could not read the replay sample %s; using the current predictions", shipped, exc_info=True)
        return _replay_in_model_ids(request.snapshot, loaded.label_names)

    def _on_progress(self, event: TrainingProgress) -> None:
        now = time.perf_counter()
        if now - self._last_progress < EMIT_INTERVAL_SECONDS and event.step < event.total_steps:
            self._unsent = event
            return
        self._last_progress = now
        self._emit_progress(event)

    def _emit_progress(self, event: TrainingProgress) -> None:
        self._unsent = None
        eta = event.eta_seconds
        self.progressed.emit(
            self.generation, event.step, event.total_steps, event.epoch, event.total_epochs, event.loss,
            -1.0 if eta is None else eta,
        )


def _replay_in_model_ids(snapshot: TrainingSnapshot, model_labels: list[str]) -> ReplayCandidates:
    """Renumber the snapshot's replay candidates from the document's label ids to the model's."""
    replay = snapshot.replay
    if list(snapshot.label_names) == list(model_labels):
        return replay
    index = {name: position for position, name in enumerate(model_labels)}
    mapped = [index.get(snapshot.label_names[label_id], -1) for label_id in replay.label_ids]
    keep = [position for position, label_id in enumerate(mapped) if label_id >= 0]
    return ReplayCandidates.build(
        [replay.texts[position] for position in keep],
        [mapped[position] for position in keep],
        replay.confidences[keep],
    )
