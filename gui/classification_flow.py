"""Run and Cancel button handling: check the input, load the model, run and report the outcome."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from review_labeler.core.inference import ClassificationResult
from review_labeler.core.model_loading import LoadedModel
from review_labeler.core.text_cleaning import is_blank

from . import dialogs, locale_format
from .classification_job import CANCELLED, COMPLETED, ClassificationJob
from .document import ReviewDocument
from .error_dialog import show_error
from .error_report import ErrorReport
from .model_session import ModelSession
from .source_panel import ModelChoice, SourcePanel

log = logging.getLogger(__name__)


class ClassificationFlow(QObject):
    """Coordinates :class:`ModelSession` and :class:`ClassificationJob` for the window.

    Signals: ``activeChanged(bool)`` while a model loads for a run or a run is going;
    ``progressStarted(text, busy)``, ``progressed(done_rows, total_rows, fraction, eta_seconds)``
    and ``progressEnded()`` for the progress panel; ``statusMessage(text)`` for the status bar;
    ``runFinished(outcome, result)`` after the result was written into the document.
    """

    activeChanged = Signal(bool)
    progressStarted = Signal(str, bool)
    progressed = Signal(int, int, float, float)
    progressEnded = Signal()
    statusMessage = Signal(str)
    runFinished = Signal(str, object)

    def __init__(self, document: ReviewDocument, panel: SourcePanel, window: QWidget) -> None:
        super().__init__(window)
        self._document = document
        self._panel = panel
        self._window = window
        self.model_session = ModelSession(self)
        self.job = ClassificationJob(document, self)
        self._waiting_for: ModelChoice | None = None

        self.job.runningChanged.connect(self._on_running_changed)
        self.job.progressed.connect(self.progressed)
        self.job.failed.connect(self._on_failed)
        self.job.finished.connect(self._on_finished)

    def is_active(self) -> bool:
        return self._waiting_for is not None or self.job.is_running()

    # --- starting ---------------------------------------------------------------------------

    def start(self) -> None:
        """Check that there is something to classify, then load the model (if needed) and run."""
        if self.is_active() or self._document.table is None:
            return
        if self._document.row_count == 0:
            self._notice(self.tr("There are no rows to classify: the table has a header but no data rows."))
            return
        if self._document.review_column is None:
            self._notice(self.tr("Choose the column that holds the review text first."))
            return
        if not any(not is_blank(text) for text in self._document.review_texts()):
            self._notice(self.tr("There are no rows to classify: the review column is empty."))
            return
        choice = self._panel.model_choice()
        if choice is None:
            self._notice(self.tr("Enter a Hugging Face model id, or choose another model."))
            return

        self._waiting_for = choice
        self.activeChanged.emit(True)
        self.progressStarted.emit(self.tr("Loading the model…"), True)
        self.model_session.request(choice.reference, choice.device, self._on_model_ready, self._on_model_failed)

    def _on_model_ready(self, loaded: LoadedModel) -> None:
        choice, self._waiting_for = self._waiting_for, None
        if choice is None:
            log.info("Model %s loaded after the run was cancelled; not starting it", loaded.source)
            return
        if not self._labels_compatible(loaded):
            self._end_without_run()
            return
        self._document.prepare_run(loaded.label_names)
        # Read the texts now: the review column may have changed while the model loaded.
        self.job.start(loaded, self._document.review_texts(), choice.batch_size)

    def _labels_compatible(self, loaded: LoadedModel) -> bool:
        current = self._document.label_names
        if not self._document.has_corrections() or not current or current == loaded.label_names:
            return True
        question = self.tr(
            "This model's labels ({new}) differ from the labels of your corrections ({old}). "
            "Running it clears the corrections. Run anyway?"
        ).format(new=", ".join(loaded.label_names), old=", ".join(current))
        return dialogs.ask_yes_no(self._window, self.tr("Different labels"), question)

    def _on_model_failed(self, report: ErrorReport) -> None:
        choice = self._waiting_for
        if choice is None:
            return
        if report.error_type == "PickleRejectedError" and self._pickle_confirmed(choice.reference):
            log.warning("The user allowed pickle weights for %s", choice.reference)
            self.model_session.request(
                choice.reference, choice.device, self._on_model_ready, self._on_model_failed, allow_pickle=True
            )
            return
        self._waiting_for = None
        self._end_without_run()
        if report.error_type == "PickleRejectedError":
            self.statusMessage.emit(self.tr("The model was not loaded, because its pickle weights were not allowed."))
            return
        show_error(self._window, self.tr("Could not load the model"), report)

    def _pickle_confirmed(self, reference: str) -> bool:
        """Explain the risk of pickle weights and return True if the user still wants to load them."""
        question = self.tr(
            "{model} contains only pickle weights (pytorch_model.bin), no safetensors file.\n\n"
            "Loading pickle weights can run any program hidden in the file, with your user's rights "
            "(for example, delete or send your files). Load them only if you trust where this model came from.\n\n"
            "Load the pickle weights anyway?"
        ).format(model=reference)
        return dialogs.ask_yes_no(self._window, self.tr("Untrusted model weights"), question, default_yes=False)

    def _end_without_run(self) -> None:
        self.progressEnded.emit()
        if not self.is_active():
            self.activeChanged.emit(False)

    # --- cancelling and shutdown ------------------------------------------------------------

    def cancel(self) -> None:
        """Cancel the run; a model that is still loading finishes loading and stays cached."""
        if self._waiting_for is not None:
            self._waiting_for = None
            self._end_without_run()
            self.statusMessage.emit(self.tr("Cancelled before the run started."))
        self.job.cancel()

    def discard(self) -> None:
        """Stop the run and drop its results, because the table they belong to was replaced."""
        self._waiting_for = None
        self.job.discard()
        self.progressEnded.emit()
        if not self.is_active():
            self.activeChanged.emit(False)

    def shutdown(self) -> None:
        """Cancel and wait for every thread of this flow; call before the window is destroyed."""
        self._waiting_for = None
        self.job.shutdown()
        self.model_session.shutdown()

    # --- job signals ------------------------------------------------------------------------

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running:
            total = self._document.row_count
            self.progressStarted.emit(self.tr("Classifying {count} rows…").format(count=locale_format.count(total)), False)
        else:
            self.progressEnded.emit()
            if not self.is_active():
                self.activeChanged.emit(False)

    @Slot(object)
    def _on_failed(self, report: ErrorReport) -> None:
        show_error(self._window, self.tr("Classification failed"), report)

    @Slot(str, object)
    def _on_finished(self, outcome: str, result: ClassificationResult | None) -> None:
        if result is not None:
            self.statusMessage.emit(self._summary(outcome, result))
        self.runFinished.emit(outcome, result)

    def _summary(self, outcome: str, result: ClassificationResult) -> str:
        classified = locale_format.count(result.classified_count)
        total = locale_format.count(len(result))
        if outcome == COMPLETED:
            text = self.tr("Classified {classified} of {total} rows in {seconds} s.").format(
                classified=classified, total=total, seconds=locale_format.decimal(result.seconds, 1)
            )
        elif outcome == CANCELLED:
            text = self.tr("Cancelled: {classified} of {total} rows classified; the rest stay not classified.").format(
                classified=classified, total=total
            )
        else:
            text = self.tr("Failed after {classified} of {total} rows.").format(classified=classified, total=total)
        if result.no_text_count:
            text += " " + self.tr("{count} rows have no text.").format(count=locale_format.count(result.no_text_count))
        return text

    def _notice(self, message: str) -> None:
        dialogs.show_notice(self._window, self.tr("Classification"), message)
