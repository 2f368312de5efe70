"""Bulk edits: relabel, clear or accept the selected rows or every row the filter shows.

Each bulk edit shows a confirmation with the number of rows that change, then goes through the
label editor as one edit, so it is one undo step and one transaction in the project file.
Rows that would not change are left out of the edit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from . import dialogs, locale_format
from .document import ReviewDocument
from .label_edits import LabelEditor

log = logging.getLogger(__name__)

SELECTED, SHOWN = "selected", "shown"


class BulkEditor(QObject):
    """Builds the bulk-edit menu and runs the chosen edit after confirmation.

    ``selected_rows`` and ``shown_rows`` return source rows (numpy int64 arrays); the window
    passes functions that read the view's selection and the proxy's order.
    """

    def __init__(
        self,
        document: ReviewDocument,
        editor: LabelEditor,
        selected_rows: Callable[[], np.ndarray],
        shown_rows: Callable[[], np.ndarray],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._document = document
        self._editor = editor
        self._selected_rows = selected_rows
        self._shown_rows = shown_rows
        self._window = window

        self.button = QToolButton()
        self.button.setObjectName("bulkEditButton")
        self.button.setText(self.tr("Bulk edit"))
        self.button.setToolTip(self.tr("Relabel, clear or accept the selected rows or every row the filter shows"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.menu.setObjectName("bulkEditMenu")
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)

    def rows_for(self, scope: str) -> np.ndarray:
        rows = self._selected_rows() if scope == SELECTED else self._shown_rows()
        return np.unique(np.asarray(rows, dtype=np.int64))

    @Slot()
    def _fill_menu(self) -> None:
        self.menu.clear()
        has_labels = bool(self._document.label_names)
        for scope, title in (
            (SELECTED, self.tr("Selected rows ({count})")),
            (SHOWN, self.tr("All shown rows ({count})")),
        ):
            rows = self.rows_for(scope)
            section = self.menu.addSection(title.format(count=locale_format.count(len(rows))))
            section.setObjectName(f"bulkSection_{scope}")
            for label_id, name in enumerate(self._document.display_names):
                self._add_action(self.tr("Label as '{label}'").format(label=name), f"bulkLabel_{scope}_{label_id}",
                                 lambda _checked=False, s=scope, i=label_id: self.relabel(s, i), len(rows) > 0)
            self._add_action(self.tr("Accept predictions"), f"bulkAccept_{scope}",
                             lambda _checked=False, s=scope: self.accept(s), len(rows) > 0 and has_labels)
            self._add_action(self.tr("Clear labels"), f"bulkClear_{scope}",
                             lambda _checked=False, s=scope: self.relabel(s, None), len(rows) > 0 and has_labels)

    def _add_action(self, text: str, name: str, slot, enabled: bool) -> QAction:
        action = self.menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        action.triggered.connect(slot)
        return action

    # --- edits ------------------------------------------------------------------------------

    def relabel(self, scope: str, label_id: int | None) -> bool:
        """Set ``label_id`` (None clears) on the rows of ``scope`` after confirmation; True if applied."""
        rows = self.rows_for(scope)
        annotations = self._document.annotations
        target = -1 if label_id is None else label_id
        changing = rows[annotations.corrected[rows] != target]
        if len(changing) == 0:
            self._notice_nothing_to_change(
                len(rows), self.tr("Nothing to change ({count} rows checked): they already have this label."))
            return False
        if label_id is None:
            question = self.tr("Clear the corrected label of {count} rows?").format(count=locale_format.count(len(changing)))
        else:
            name = self._document.display_names[label_id]
            question = self.tr("Change the label of {count} rows to '{label}'?").format(
                count=locale_format.count(len(changing)), label=name
            )
        if not self._confirm(question, len(rows), len(changing)):
            return False
        self._editor.set_label(changing, label_id)
        return True

    def accept(self, scope: str) -> bool:
        """Accept the predictions of the rows of ``scope`` after confirmation; True if applied."""
        rows = self.rows_for(scope)
        annotations = self._document.annotations
        has_prediction = annotations.predicted[rows] >= 0
        already = (annotations.corrected[rows] == annotations.predicted[rows]) & (annotations.review_state[rows] > 0)
        changing = rows[has_prediction & ~already]
        if len(changing) == 0:
            self._notice_nothing_to_change(
                len(rows), self.tr("Nothing to change ({count} rows checked): they are already accepted or have no prediction."))
            return False
        question = self.tr("Accept the predicted label of {count} rows as correct?").format(count=locale_format.count(len(changing)))
        if not self._confirm(question, len(rows), len(changing)):
            return False
        self._editor.accept_predictions(changing)
        return True

    def _confirm(self, question: str, total: int, changing: int) -> bool:
        if changing < total:
            question += "\n\n" + self.tr("The other {count} rows already have this and stay as they are.").format(
                count=locale_format.count(total - changing)
            )
        return dialogs.ask_yes_no(self._window, self.tr("Bulk edit"), question, default_yes=True)

    def _notice_nothing_to_change(self, total: int, message: str) -> None:
        if total == 0:
            message = self.tr("No rows to change: select rows or change the filter first.")
        else:
            message = message.format(count=locale_format.count(total))
        dialogs.show_notice(self._window, self.tr("Bulk edit"), message)

