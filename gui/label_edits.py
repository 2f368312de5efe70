"""Every change an analyst makes to labels goes through :class:`LabelEditor`.

An edit is a :class:`LabelEdit` that can apply and revert itself, so an undo stack can wrap it
in a ``QUndoCommand`` (redo → ``apply``, undo → ``revert``) by replacing
``LabelEditor.execute``. Both directions end in ``ReviewDocument.rowsChanged``, which is where a
project-file save hook listens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from review_labeler.core.errors import LabelError
from review_labeler.core.messages import text

from .document import ReviewDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LabelEdit:
    """An analyst's label set on some source rows, or cleared from them when ``label_id`` is None."""

    rows: np.ndarray
    label_id: int | None
    previous_corrected: np.ndarray
    previous_review_state: np.ndarray

    @classmethod
    def capture(cls, document: ReviewDocument, rows: np.ndarray, label_id: int | None) -> "LabelEdit":
        """Build an edit, remembering the rows' current state so that it can be reverted."""
        annotations = document.annotations
        return cls(
            rows=rows,
            label_id=label_id,
            previous_corrected=annotations.corrected[rows].copy(),
            previous_review_state=annotations.review_state[rows].copy(),
        )

    def apply(self, document: ReviewDocument) -> None:
        document.annotations.set_label(self.rows, self.label_id)
        document.has_unexported_edits = True
        document.notify_rows_changed(self.rows)

    def revert(self, document: ReviewDocument) -> None:
        document.annotations.corrected[self.rows] = self.previous_corrected
        document.annotations.review_state[self.rows] = self.previous_review_state
        document.has_unexported_edits = True
        document.notify_rows_changed(self.rows)


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

    def _apply_now(self, edit: LabelEdit) -> None:
        edit.apply(self._document)
        log.debug("Set label %s on %d rows", edit.label_id, len(edit.rows))
        self.labelsEdited.emit(edit)
