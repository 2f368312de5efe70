"""The "Fine-tune" button and version activation: check the rows, train in the background, offer the result.

Order of one round:

1. :meth:`FinetuneFlow.start` copies the corrected and accepted rows (a
   :class:`~review_labeler.gui.finetune_snapshot.TrainingSnapshot`) and shows the core's message
   instead of starting when they are too few or of one label.
2. The model chosen in the source panel is loaded through the classification flow's
   :class:`ModelSession`, so a model already in memory is reused.
3. :class:`FinetuneJob` trains and saves the new version in the versions folder, never activating it.
4. The result dialog shows before/after figures; the user activates the new version or keeps the
   current one. A saved version can also be activated later from the versions dialog.
5. Activating selects the version in the source panel and re-runs classification through the
   existing :class:`ClassificationFlow`; rows whose prediction changed become
   ``document.changed_rows``.

Classification and fine-tuning never run at the same time: the window disables "Fine-tune"
while classification runs and "Run classification" while a fine-tune runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from review_labeler.core.errors import FinetuneError, ModelVersionsError, ProjectError
from review_labeler.core.finetune import FinetuneSettings
from review_labeler.core.inference import ClassificationResult, RowStatus
from review_labeler.core.label_mapping import direct_label_mapping, map_known_labels
from review_labeler.core.messages import text
from review_labeler.core.model_loading import LoadedModel
from review_labeler.core.model_versions import ModelVersions

from . import dialogs, locale_format
from . import settings as keys
from .classification_flow import ClassificationFlow
from .document import ReviewDocument
from .error_dialog import show_error
from .error_report import ErrorReport
from .finetune_job import CANCELLED, COMPLETED, FAILED, FinetuneJob
from .finetune_result_dialog import FinetuneResultDialog
from .finetune_snapshot import TrainingSnapshot, take_snapshot
from .finetune_worker import FinetuneOutcome, FinetuneRequest
from .source_panel import ModelChoice, SourcePanel
from .versions_dialog import VersionsDialog
from .versions_session import VersionsSession

log = logging.getLogger(__name__)

# QSettings key of the "also train on known labels" choice.
INCLUDE_KNOWN_LABELS = "finetune/include_known_labels"


@dataclass
class _PendingStart:
    snapshot: TrainingSnapshot
    registry: ModelVersions
    choice: ModelChoice


@dataclass
class _Activation:
    """A version being activated: its id and the predictions before the re-run."""

    version_id: int
    previous_predicted: np.ndarray


class FinetuneFlow(QObject):
    """Coordinates the snapshot, the model, :class:`FinetuneJob`, the result dialog and activation.

    Signals: ``activeChanged(bool)`` while a model loads for a fine-tune or a fine-tune runs;
    ``progressStarted(text)``, ``progressed(step, total_steps, epoch, total_epochs, loss,
    eta_seconds)``, ``phaseChanged(text)`` and ``progressEnded()`` for the progress widget;
    ``statusMessage(text)`` for the status bar; ``resultReady(outcome)`` when the result dialog
    opens; ``activationFinished(version_id, changed_row_count)`` after an activated version
    re-classified the table (-1 rows when the re-run did not complete).
    """

    activeChanged = Signal(bool)
    progressStarted = Signal(str)
    progressed = Signal(int, int, int, int, float, float)
    phaseChanged = Signal(str)
    progressEnded = Signal()
    statusMessage = Signal(str)
    resultReady = Signal(object)
    activationFinished = Signal(int, int)

    def __init__(self, document: ReviewDocument, panel: SourcePanel, classification: ClassificationFlow,
                 window: QWidget) -> None:
        super().__init__(window)
        self._document = document
        self._panel = panel
        self._classification = classification
        self._window = window
        self._settings_store = keys.app_settings()
        self.versions = VersionsSession(document, panel, self)
        self.job = FinetuneJob(self)
        # Training settings of the next fine-tune; tests shorten them.
        self.settings = FinetuneSettings()
        self.last_snapshot: TrainingSnapshot | None = None
        self.last_outcome: FinetuneOutcome | None = None
        self.result_dialog: FinetuneResultDialog | None = None
        self.versions_dialog: VersionsDialog | None = None
        self._pending: _PendingStart | None = None
        self._finished: tuple[str, object] | None = None
        self._activation: _Activation | None = None

        self.job.runningChanged.connect(self._on_running_changed)
        self.job.progressed.connect(self._on_progressed)
        self.job.finished.connect(self._on_finished)
        classification.runFinished.connect(self._on_classification_finished)
        document.tableReplaced.connect(self._on_table_replaced)

    # --- state ------------------------------------------------------------------------------

    def is_active(self) -> bool:
        """Return True while a model loads for a fine-tune or a fine-tune thread runs."""
        return self._pending is not None or self.job.is_running()

    def can_start(self) -> bool:
        document = self._document
        return document.table is not None and bool(document.label_names) and not self.is_active()

    @property
    def include_known_labels(self) -> bool:
        return keys.read_string(self._settings_store, INCLUDE_KNOWN_LABELS, "false") == "true"

    def set_include_known_labels(self, include: bool) -> None:
        self._settings_store.setValue(INCLUDE_KNOWN_LABELS, "true" if include else "false")

    def attach_project_session(self, session) -> None:
        """Follow a project session (an object with ``store`` and a ``changed`` signal).

        While a project is open, the versions folder sits beside it and activating a version
        records the version in the project.
        """
        session.changed.connect(lambda: self.versions.set_project(session.store))
        self.versions.set_project(session.store)

    # --- starting ---------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Check the rows, then load the model (if needed) and fine-tune it in the background."""
        document = self._document
        if self.is_active() or self._classification.is_active() or document.table is None:
            return
        if document.review_column is None:
            self._notice(self.tr("Choose the column that holds the review text first."))
            return
        if not document.label_names or not document.has_predictions():
            self._notice(self.tr("Run classification first: fine-tuning starts from the model's predictions and your corrections."))
            return
        choice = self._panel.model_choice()
        if choice is None:
            self._notice(self.tr("Enter a Hugging Face model id, or choose another model."))
            return

        snapshot = take_snapshot(document, self._known_label_ids() if self.include_known_labels else None)
        try:
            snapshot.check()
        except FinetuneError as error:
            self._notice(str(error))
            return
        try:
            registry = self.versions.registry()
        except ModelVersionsError as error:
            show_error(self._window, self.tr("Could not open the model versions"), ErrorReport.from_exception(error))
            return

        self.last_snapshot = snapshot
        self._pending = _PendingStart(snapshot, registry, choice)
        self.activeChanged.emit(True)
        self.progressStarted.emit(self.tr("Loading the model…"))
        self._classification.model_session.request(choice.reference, choice.device, self._on_model_ready, self._on_model_failed)

    def _on_model_ready(self, loaded: LoadedModel) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            log.info("Model %s loaded after the fine-tune was cancelled; not starting it", loaded.source)
            return
        snapshot = pending.snapshot
        if sorted(loaded.label_names) != sorted(snapshot.label_names):
            self._end_without_run()
            self._notice(self.tr(
                "The chosen model's labels ({model}) differ from the labels of your corrections ({labels}). "
                "Choose the model that made the predictions, or run classification with this model first."
            ).format(model=", ".join(loaded.label_names), labels=", ".join(snapshot.label_names)))
            return

        try:
            parent = self.versions.version_for_reference(pending.choice.reference)
            parent_id = parent.id if parent is not None else pending.registry.active().id
        except ModelVersionsError as error:
            self._end_without_run()
            show_error(self._window, self.tr("Could not open the model versions"), ErrorReport.from_exception(error))
            return
        notes = "" if parent is not None else f"started from {pending.choice.reference}"
        if parent is None:
            log.warning("Fine-tuning %s, which is not a registered version; recording version %d as parent",
                        pending.choice.reference, parent_id)
        request = FinetuneRequest(loaded, snapshot, self.settings, pending.registry, parent_id, notes)
        if not self.job.start(request):
            self._end_without_run()

    def _on_model_failed(self, report: ErrorReport) -> None:
        if self._pending is None:
            return
        self._pending = None
        self._end_without_run()
        show_error(self._window, self.tr("Could not load the model"), report)

    def _end_without_run(self) -> None:
        self.progressEnded.emit()
        if not self.is_active():
            self.activeChanged.emit(False)

    # --- cancelling and shutdown ------------------------------------------------------------

    @Slot()
    def cancel(self) -> None:
        """Stop the fine-tune before its next step; the active version stays as it is."""
        if self._pending is not None:
            self._pending = None
            self._end_without_run()
            self.statusMessage.emit(text("finetune.cancelled"))
        self.job.cancel()

    def discard(self) -> None:
        """Stop the fine-tune and drop its result, because its table was replaced."""
        self._pending = None
        self.job.discard()
        self.progressEnded.emit()
        if not self.is_active():
            self.activeChanged.emit(False)

    def shutdown(self) -> None:
        """Cancel and wait for the fine-tune thread; call before the window is destroyed."""
        self._pending = None
        self.job.shutdown()
        for dialog in (self.result_dialog, self.versions_dialog):
            if dialog is not None:
                dialog.close()

    # --- job signals ------------------------------------------------------------------------

    @Slot(int, int, int, int, float, float)
    def _on_progressed(self, step: int, total: int, epoch: int, epochs: int, loss: float, eta: float) -> None:
        self.progressed.emit(step, total, epoch, epochs, loss, eta)
        if step >= total:
            self.phaseChanged.emit(self.tr("Checking and saving the new version…"))

    @Slot(str, object)
    def _on_finished(self, outcome: str, value: object) -> None:
        # The thread may still be ending; the result is handled once it has (runningChanged).
        self._finished = (outcome, value)
        if outcome == COMPLETED:
            self.phaseChanged.emit(self.tr("Saving the new version…"))

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running:
            self.progressStarted.emit(self.tr("Fine-tuning…"))
            return
        self.progressEnded.emit()
        self.activeChanged.emit(self.is_active())
        finished, self._finished = self._finished, None
        if finished is None:
            return
        outcome, value = finished
        if outcome == COMPLETED:
            self._show_result(value)
        elif outcome == CANCELLED:
            self.statusMessage.emit(text("finetune.cancelled"))
        elif outcome == FAILED:
            self.statusMessage.emit(self.tr("Fine-tuning failed; the current model is unchanged."))
            show_error(self._window, self.tr("Fine-tuning failed"), value)

    def _show_result(self, outcome: FinetuneOutcome) -> None:
        self.last_outcome = outcome
        if outcome.version is not None:
            self.versions.versionsChanged.emit()
        folder = self.versions.folder()
        dialog = FinetuneResultDialog(outcome, str(folder) if folder else "", self._window)
        dialog.accepted.connect(lambda: self._on_result_accepted(outcome))
        dialog.finished.connect(self._on_result_dialog_closed)
        self.result_dialog = dialog
        if outcome.version is not None:
            self.statusMessage.emit(self.tr("Fine-tuning finished: version {version} saved, not active yet.").format(
                version=outcome.version.id))
        else:
            self.statusMessage.emit(self.tr("Fine-tuning finished, but the new version could not be saved."))
        dialog.open()
        self.resultReady.emit(outcome)

    def _on_result_accepted(self, outcome: FinetuneOutcome) -> None:
        if outcome.version is not None:
            self.activate_version(outcome.version.id)

    @Slot()
    def _on_result_dialog_closed(self) -> None:
        if self.sender() is self.result_dialog:
            self.result_dialog = None

    # --- activation -------------------------------------------------------------------------

    def activate_version(self, version_id: int) -> bool:
        """Make ``version_id`` active and re-classify the table with it; rollback is the same call.

        Returns False (with a message) when a job is running, the version cannot be activated or
        no re-run could start.
        """
        if self.is_active() or self._classification.is_active():
            self._notice(self.tr("Wait until the running job has finished, then activate the version."))
            return False
        previous = self._document.annotations.predicted.copy()
        try:
            self.versions.activate(version_id)
        except (ModelVersionsError, ProjectError) as error:
            show_error(self._window, self.tr("Could not activate the version"), ErrorReport.from_exception(error))
            return False
        self.statusMessage.emit(self.tr("Version {version} is active; classifying the table again…").format(version=version_id))

        self._activation = _Activation(version_id, previous)
        self._classification.start()
        if not self._classification.is_active():
            self._activation = None
            return False
        return True

    @Slot(str, object)
    def _on_classification_finished(self, outcome: str, result: ClassificationResult | None) -> None:
        activation, self._activation = self._activation, None
        if activation is None:
            return
        annotations = self._document.annotations
        previous = activation.previous_predicted
        if result is None or len(previous) != len(annotations):
            self.activationFinished.emit(activation.version_id, -1)
            return
        classified = annotations.status == RowStatus.CLASSIFIED
        changed = classified & (previous >= 0) & (annotations.predicted != previous)
        self._document.set_changed_rows(changed)
        count = int(changed.sum())
        if outcome == "completed":
            self.statusMessage.emit(self.tr("Version {version} is active: {count} rows changed prediction.").format(
                version=activation.version_id, count=locale_format.count(count)))
        self.activationFinished.emit(activation.version_id, count if outcome == "completed" else -1)

    # --- versions dialog --------------------------------------------------------------------

    @Slot()
    def show_versions(self) -> None:
        """Open the model-versions list of the open table."""
        if self._document.table is None:
            self._notice(self.tr("Open a review file first; model versions are kept per table."))
            return
        try:
            registry = self.versions.registry()
        except ModelVersionsError as error:
            show_error(self._window, self.tr("Could not open the model versions"), ErrorReport.from_exception(error))
            return
        if self.versions_dialog is None:
            dialog = VersionsDialog(self._window)
            dialog.activationRequested.connect(self.activate_version)
            dialog.finished.connect(self._on_versions_dialog_closed)
            self.versions.versionsChanged.connect(dialog.refresh)
            self.versions_dialog = dialog
        self.versions_dialog.show_registry(registry, self.versions.is_beside_project())
        self.versions_dialog.show()
        self.versions_dialog.raise_()

    @Slot()
    def _on_versions_dialog_closed(self) -> None:
        dialog = self.versions_dialog
        if dialog is not None and self.sender() is dialog:
            self.versions.versionsChanged.disconnect(dialog.refresh)
            self.versions_dialog = None
            dialog.deleteLater()

    # --- helpers ----------------------------------------------------------------------------

    @Slot()
    def _on_table_replaced(self) -> None:
        self._activation = None
        if self.is_active():
            self.discard()

    def _known_label_ids(self) -> np.ndarray | None:
        """Return the known label id of every row (-1 where unmapped), or None without a known-label column.

        The mapping the user confirmed (``document.label_mapping``, saved in the project) is
        used first. Without one, only values that already are label names or ids count.
        """
        document = self._document
        confirmed = document.known_label_ids()
        if confirmed is not None:
            return confirmed
        values = document.known_labels()
        if values is None:
            return None
        return map_known_labels(values, direct_label_mapping(values, document.label_names))

    def _notice(self, message: str) -> None:
        dialogs.show_notice(self._window, self.tr("Fine-tuning"), message)
