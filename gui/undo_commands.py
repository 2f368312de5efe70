"""Undo and redo of label edits: one ``QUndoStack`` for key presses, the combo editor and bulk edits.

Each :class:`LabelEdit` becomes one :class:`LabelEditCommand`. Its redo and undo first commit the
rows' new values to the project file (kind "edit" the first time, then "redo" or "undo") and
only then write them into the document, whose ``rowsChanged`` repaints the table. A correction
shown to the analyst is therefore already on disk. When the commit fails, the document is left
unchanged, the error is reported and the command is dropped from the stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from review_labeler.core.errors import ProjectError

from . import locale_format
from .document import ReviewDocument
from .error_report import ErrorReport
from .label_edits import LabelEdit, LabelEditor

log = logging.getLogger(__name__)

# (rows, label ids with -1 for none, review states, kind) -> None; raises ProjectError on failure.
CommitFunction = Callable[[np.ndarray, np.ndarray, np.ndarray, str], None]


def describe_edit(edit: LabelEdit, display_names: list[str]) -> str:
    """Return the text of the undo and redo actions for ``edit``."""
    count = locale_format.count(len(edit.rows))
    if edit.accepted:
        return QCoreApplication.translate("LabelEditCommand", "Accept {count} predictions").format(count=count)
    if edit.label_id is None:
        return QCoreApplication.translate("LabelEditCommand", "Clear the label of {count} rows").format(count=count)
    name = display_names[edit.label_id] if edit.label_id < len(display_names) else str(edit.label_id)
    return QCoreApplication.translate("LabelEditCommand", "Label {count} rows '{label}'").format(count=count, label=name)


class LabelEditCommand(QUndoCommand):
    """Applies or reverts one :class:`LabelEdit`, committing each direction before showing it."""

    def __init__(self, edit: LabelEdit, history: "EditHistory") -> None:
        super().__init__(describe_edit(edit, history.document.display_names))
        self.edit = edit
        self._history = history
        self._done_before = False

    def redo(self) -> None:
        kind = "redo" if self._done_before else "edit"
        if not self._history.commit_values(self.edit.rows, self.edit.corrected, self.edit.review_state, kind):
            self.setObsolete(True)
            return
        self.edit.apply(self._history.document)
        self._done_before = True

    def undo(self) -> None:
        edit = self.edit
        if not self._history.commit_values(edit.rows, edit.previous_corrected, edit.previous_review_state, "undo"):
            self.setObsolete(True)
            return
        edit.revert(self._history.document)


class EditHistory(QObject):
    """The window's undo stack; :meth:`install` routes every :class:`LabelEditor` edit through it.

    ``commit`` is set by the window to the project session's commit function. ``blocked_reason``,
    when set, refuses edits (a read-only project) and ``editRefused(reason)`` reports it.
    ``commitFailed(report)`` reports an edit that was not saved and therefore not applied.
    """

    editRefused = Signal(str)
    commitFailed = Signal(object)

    def __init__(self, document: ReviewDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = QUndoStack(self)
        self.stack.setObjectName("undoStack")
        self.commit: CommitFunction | None = None
        self.blocked_reason: str | None = None
        self._editor: LabelEditor | None = None
        self._failed_commits = 0

    def install(self, editor: LabelEditor) -> None:
        self._editor = editor
        editor.execute = self.push

    def push(self, edit: LabelEdit) -> None:
        """Apply ``edit`` as a new undo step (what the label editor calls for every edit)."""
        if self.blocked_reason is not None:
            log.info("Refused an edit of %d rows: %s", len(edit.rows), self.blocked_reason)
            self.editRefused.emit(self.blocked_reason)
            return
        self._failed_commits = 0
        # Qt deletes a command that became obsolete during push, so success is read from the
        # failure counter, never from the command object.
        self.stack.push(LabelEditCommand(edit, self))
        if self._failed_commits == 0 and self._editor is not None:
            self._editor.labelsEdited.emit(edit)

    def clear(self) -> None:
        """Forget every step, for example because the rows they name belong to a replaced table."""
        self.stack.clear()

    def commit_values(self, rows: np.ndarray, labels: np.ndarray, states: np.ndarray, kind: str) -> bool:
        """Commit the rows' values; return False (and report) when the project write failed."""
        if self.commit is None:
            return True
        try:
            self.commit(rows, labels, states, kind)
        except (ProjectError, ValueError) as error:
            log.error("Could not save a %s of %d rows; the table was left unchanged: %s", kind, len(rows), error)
            self._failed_commits += 1
            self.commitFailed.emit(ErrorReport.from_exception(error))
            return False
        return True
