"""Keyboard-first correcting: number keys and Enter move on, arrows move, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from review_labeler.core.annotations import ReviewState

from gui_helpers import invented_reviews, write_csv
from review_helpers import inject_predictions, select_view_rows

POSITIVE = [0.9, 0.2, 0.8, 0.3, 0.7, 0.1, 0.95, 0.4, 0.6, 0.05, 0.85, 0.15]


@pytest.fixture
def predicted_window(window, open_file, tmp_path, qtbot):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(len(POSITIVE))))
    inject_predictions(window, POSITIVE)
    window.activateWindow()
    window.table_view.setFocus()
    qtbot.waitUntil(window.table_view.hasFocus)
    return window


def _current_row(window) -> int:
    return window.table_view.currentIndex().row()


def test_number_keys_label_one_row_per_press(qtbot, predicted_window):
    window = predicted_window
    select_view_rows(window, 0, 0)

    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1):
        qtbot.keyClick(window.table_view, key)

    annotations = window.document.annotations
    np.testing.assert_array_equal(annotations.corrected[:4], [0, 1, 0, -1])
    np.testing.assert_array_equal(annotations.review_state[:3], [ReviewState.CORRECTED, ReviewState.CORRECTED,
                                                                  ReviewState.CORRECTED])
    assert _current_row(window) == 3


def test_number_key_beyond_label_count_does_nothing(qtbot, predicted_window):
    window = predicted_window
    select_view_rows(window, 0, 0)

    qtbot.keyClick(window.table_view, Qt.Key.Key_3)

    assert (window.document.annotations.corrected == -1).all()
    assert _current_row(window) == 0


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier])
def test_enter_accepts_prediction_and_moves_on(qtbot, predicted_window, modifier):
    window = predicted_window
    select_view_rows(window, 1, 1)
    key = Qt.Key.Key_Enter if modifier == Qt.KeyboardModifier.KeypadModifier else Qt.Key.Key_Return

    qtbot.keyClick(window.table_view, key, modifier)
    qtbot.keyClick(window.table_view, key, modifier)

    annotations = window.document.annotations
    np.testing.assert_array_equal(annotations.corrected[1:3], annotations.predicted[1:3])
    assert (annotations.review_state[1:3] == ReviewState.ACCEPTED).all()
    assert annotations.review_state[0] == ReviewState.UNREVIEWED
    assert _current_row(window) == 3


def test_enter_on_sorted_view_accepts_the_shown_row(qtbot, predicted_window):
    window = predicted_window
    window.workspace.filters.sort_least_confident_first()
    select_view_rows(window, 0, 0)
    least_confident = int(np.nanargmin(window.document.annotations.confidence))

    qtbot.keyClick(window.table_view, Qt.Key.Key_Return)

    assert window.document.annotations.review_state[least_confident] == ReviewState.ACCEPTED
    assert int((window.document.annotations.review_state > 0).sum()) == 1


def test_arrows_and_page_keys_move(qtbot, predicted_window):
    window = predicted_window
    select_view_rows(window, 0, 0)
    view = window.table_view

    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert _current_row(window) == 2
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert _current_row(window) == 1
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert _current_row(window) > 1
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert _current_row(window) == 0
    # Moving never labels anything.
    assert (window.document.annotations.corrected == -1).all()


def test_undo_and_redo_shortcuts(qtbot, predicted_window):
    window = predicted_window
    view = window.table_view
    select_view_rows(window, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_2)
    qtbot.keyClick(view, Qt.Key.Key_1)
    annotations = window.document.annotations

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert annotations.corrected[1] == -1
    assert annotations.corrected[0] == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert annotations.corrected[0] == -1
    assert annotations.review_state[0] == ReviewState.UNREVIEWED

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert annotations.corrected[0] == 1
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert annotations.corrected[1] == 0


def test_edit_menu_names_the_step(qtbot, predicted_window):
    window = predicted_window
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    assert not undo.isEnabled()
    select_view_rows(window, 0, 2)

    qtbot.keyClick(window.table_view, Qt.Key.Key_1)

    assert undo.isEnabled()
    assert undo.text() == "Undo Label 3 rows '부정'"
    undo.trigger()
    assert redo.text() == "Redo Label 3 rows '부정'"
    assert (window.document.annotations.corrected == -1).all()
    redo.trigger()
    np.testing.assert_array_equal(window.document.annotations.corrected[:3], [0, 0, 0])


def test_accept_undo_restores_previous_correction(qtbot, predicted_window):
    window = predicted_window
    select_view_rows(window, 0, 0)
    qtbot.keyClick(window.table_view, Qt.Key.Key_1)
    select_view_rows(window, 0, 0)

    qtbot.keyClick(window.table_view, Qt.Key.Key_Return)
    annotations = window.document.annotations
    assert annotations.review_state[0] == ReviewState.ACCEPTED
    window.workspace.history.stack.undo()

    assert annotations.corrected[0] == 0
    assert annotations.review_state[0] == ReviewState.CORRECTED


def test_table_replacement_clears_undo_history(qtbot, predicted_window, open_file, tmp_path):
    window = predicted_window
    select_view_rows(window, 0, 0)
    qtbot.keyClick(window.table_view, Qt.Key.Key_1)
    assert window.workspace.history.stack.count() == 1

    open_file(write_csv(tmp_path / "other.csv", invented_reviews(3)))

    assert window.workspace.history.stack.count() == 0
    assert not window.findChild(QAction, "undoAction").isEnabled()
