"""Every change an analyst makes to labels goes through :class:`LabelEditor`.

An edit is a :class:`LabelEdit` that can apply and revert itself, so an undo stack can wrap it
in a ``QUndoCommand`` (redo → ``apply``, undo → ``revert``) by replacing
``LabelEditor.execute``, as :mod:`review_labeler.gui.undo_commands` does. Both directions end in
``ReviewDocument.rowsChanged``. An edit carries the rows' values before and after, which is what
the project file stores.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import LabelError
from review_labeler.core.messages import text

from .document import ReviewDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelEdit:
    """An analyst's change of the corrected label and review state of some source rows.

    ``label_id`` is the label set on the rows, or None when the labels were cleared or, with
    ``accepted``, when each row took its own prediction. ``corrected`` and ``review_state`` are
    the rows' values after the edit, ``previous_*`` before it; a project file stores exactly
    these arrays.
    """

    rows: np.ndarray
    label_id: int | None
    previous_corrected: np.ndarray
    previous_review_state: np.ndarray
    corrected: np.ndarray
    review_state: np.ndarray
    accepted: bool = False

    @classmethod
    def capture(cls, document: ReviewDocument, rows: np.ndarray, label_id: int | None) -> "LabelEdit":
        """Build an edit that sets ``label_id`` (None clears), remembering the rows' current state."""
        part = _rows_copy(document.annotations, rows)
        part.set_label(np.arange(len(rows)), label_id)
        return cls._from_part(document, rows, label_id, part, accepted=False)

    @classmethod
    def capture_accept(cls, document: ReviewDocument, rows: np.ndarray) -> "LabelEdit":
        """Build an edit that accepts the predictions of ``rows``; rows without one keep their state."""
        part = _rows_copy(document.annotations, rows)
        part.accept(np.arange(len(rows)))
        return cls._from_part(document, rows, None, part, accepted=True)

    @classmethod
    def _from_part(cls, document: ReviewDocument, rows: np.ndarray, label_id: int | None, part: Annotations,
                   accepted: bool) -> "LabelEdit":
        annotations = document.annotations
        return cls(
            rows=rows,
            label_id=label_id,
            previous_corrected=annotations.corrected[rows].copy(),
            previous_review_state=annotations.review_state[rows].copy(),
            corrected=part.corrected,
            review_state=part.review_state,
            accepted=accepted,
        )

    def apply(self, document: ReviewDocument) -> None:
        document.annotations.corrected[self.rows] = self.corrected
        document.annotations.review_state[self.rows] = self.review_state
        document.has_unexported_edits = True
        document.notify_rows_changed(self.rows)

    def revert(self, document: ReviewDocument) -> None:
        document.annotations.corrected[self.rows] = self.previous_corrected
        document.annotations.review_state[self.rows] = self.previous_review_state
        document.has_unexported_edits = True
        document.notify_rows_changed(self.rows)


def _rows_copy(annotations: Annotations, rows: np.ndarray) -> Annotations:
    """Copy the annotations of ``rows``, so that the core's labelling rules can run on the copy."""
    return Annotations(
        label_names=list(annotations.label_names),
        predicted=annotations.predicted[rows],
        probabilities=annotations.probabilities[rows],
        truncated=annotations.truncated[rows],
        status=annotations.status[rows],
        corrected=annotations.corrected[rows].copy(),
        review_state=annotations.review_state[rows].copy(),
    )


class LabelEditor(QObject):
    """The single entry point for label corrections from the table, the keyboard or menus."""

    labelsEdited = Signal(object)  # LabelEdit

    def __init__(self, document: ReviewDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        # Replaced by an undo stack's push when one is attached.
        self.execute: Callable[[LabelEdit], None] = self._apply_now

    def set_label(self, rows: np.ndarray | list[int], label_id: int | None) -> LabelEdit | None:
        """Give ``rows`` the label ``label_id`` (None clears); return the edit, or None for an empty row list.

        Raises LabelError (from the core) for an id the model does not have.
        """
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if len(rows) == 0:
            return None
        names = self._document.annotations.label_names
        if label_id is not None and not 0 <= label_id < len(names):
            raise LabelError(text("label.unknown", label=label_id, labels=", ".join(names)))
        edit = LabelEdit.capture(self._document, rows, label_id)
        self.execute(edit)
        return edit

    def accept_predictions(self, rows: np.ndarray | list[int]) -> LabelEdit | None:
        """Mark the predictions of ``rows`` as correct; return the edit, or None when no row has a prediction."""
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        rows = rows[self._document.annotations.predicted[rows] >= 0]
        if len(rows) == 0:
            return None
        edit = LabelEdit.capture_accept(self._document, rows)
        self.execute(edit)
        return edit

    def _apply_now(self, edit: LabelEdit) -> None:
        edit.apply(self._document)
        log.debug("Set label %s (accepted: %s) on %d rows", edit.label_id, edit.accepted, len(edit.rows))
        self.labelsEdited.emit(edit)
