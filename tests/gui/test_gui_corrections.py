"""Correcting labels: number keys on selected rows, the combo-box editor, clearing, the editor."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from review_labeler.core.annotations import ReviewState
from review_labeler.core.errors import LabelError
from review_labeler.gui.table_model import Column

from gui_helpers import invented_reviews, write_csv


@pytest.fixture
def classified_window(window, open_file, run_classification, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(12)))
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    return window


def _select_view_rows(window, first: int, last: int) -> None:
    view = window.table_view
    model = view.model()
    selection = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(model.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_number_key_labels_selected_rows_and_moves_on(qtbot, classified_window):
    window = classified_window
    view = window.table_view
    view.setFocus()
    _select_view_rows(window, 2, 4)

    qtbot.keyClick(view, Qt.Key.Key_2)

    annotations = window.document.annotations
    np.testing.assert_array_equal(annotations.corrected[2:5], [1, 1, 1])
    assert (annotations.corrected[:2] == -1).all()
    assert (annotations.corrected[5:] == -1).all()
    assert view.currentIndex().row() == 5
    assert list(view.selected_source_rows()) == [5]
    corrected_column = window.table_model.column_of(Column.CORRECTED)
    final_column = window.table_model.column_of(Column.FINAL)
    assert window.proxy.index(3, corrected_column).data() == "긍정"
    assert window.proxy.index(3, final_column).data() == "긍정"
    assert window.document.has_unexported_edits


def test_number_key_on_sorted_view_labels_source_rows(qtbot, classified_window):
    window = classified_window
    view = window.table_view
    row_column = window.table_model.column_of(Column.ROW)
    view.sortByColumn(row_column, Qt.SortOrder.DescendingOrder)
    view.setFocus()
    _select_view_rows(window, 0, 1)

    qtbot.keyClick(view, Qt.Key.Key_1)

    annotations = window.document.annotations
    # The two top rows of a view sorted by row number descending are the last two source rows.
    np.testing.assert_array_equal(annotations.corrected[-2:], [0, 0])
    assert (annotations.corrected[:-2] == -1).all()


def test_label_matching_prediction_counts_as_accepted(qtbot, classified_window):
    window = classified_window
    annotations = window.document.annotations
    predicted = int(annotations.predicted[0])
    window.table_view.setFocus()
    _select_view_rows(window, 0, 0)

    qtbot.keyClick(window.table_view, getattr(Qt.Key, f"Key_{predicted + 1}"))

    assert annotations.corrected[0] == predicted
    assert annotations.review_state[0] == ReviewState.ACCEPTED


def test_key_beyond_label_count_is_ignored(qtbot, classified_window):
    window = classified_window
    window.table_view.setFocus()
    _select_view_rows(window, 0, 0)

    qtbot.keyClick(window.table_view, Qt.Key.Key_7)

    assert (window.document.annotations.corrected == -1).all()
    assert window.table_view.currentIndex().row() == 0


def test_delete_key_clears_label(qtbot, classified_window):
    window = classified_window
    view = window.table_view
    view.setFocus()
    _select_view_rows(window, 1, 1)
    qtbot.keyClick(view, Qt.Key.Key_2)
    _select_view_rows(window, 1, 1)

    qtbot.keyClick(view, Qt.Key.Key_Delete)

    assert window.document.annotations.corrected[1] == -1
    assert window.document.annotations.review_state[1] == ReviewState.UNREVIEWED


def test_combo_editor_sets_and_clears_label(qtbot, classified_window):
    window = classified_window
    view = window.table_view
    corrected_column = window.table_model.column_of(Column.CORRECTED)
    index = window.proxy.index(5, corrected_column)

    view.edit(index)
    editor = view.findChild(QComboBox, "labelEditor")
    assert editor is not None
    items = [editor.itemText(position) for position in range(editor.count())]
    assert items[0] == "(none)"
    assert [editor.itemData(position) for position in range(editor.count())] == [-1, 0, 1]
    assert "부정" in items[1]
    assert "긍정" in items[2]
    editor.setCurrentIndex(1)
    editor.activated.emit(1)

    assert window.document.annotations.corrected[5] == 0
    assert index.data() == "부정"
    # The closed editor is deleted later; delete it now so that findChild returns only the next one.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert view.findChild(QComboBox, "labelEditor") is None

    view.edit(index)
    editor = view.findChild(QComboBox, "labelEditor")
    editor.setCurrentIndex(0)
    editor.activated.emit(0)

    assert window.document.annotations.corrected[5] == -1


def test_label_edit_reverts(classified_window):
    window = classified_window
    annotations = window.document.annotations
    before_corrected = annotations.corrected.copy()
    before_state = annotations.review_state.copy()
    changed = []
    window.document.rowsChanged.connect(changed.append)

    edit = window.label_editor.set_label([3, 1, 3], 0)
    edit.revert(window.document)

    np.testing.assert_array_equal(edit.rows, [1, 3])
    np.testing.assert_array_equal(annotations.corrected, before_corrected)
    np.testing.assert_array_equal(annotations.review_state, before_state)
    assert len(changed) == 2


def test_label_editor_rejects_unknown_label(classified_window):
    with pytest.raises(LabelError):
        classified_window.label_editor.set_label([0], 5)
    assert (classified_window.document.annotations.corrected == -1).all()


def test_label_editor_execute_hook_receives_edits(classified_window):
    window = classified_window
    pushed = []
    window.label_editor.execute = pushed.append

    window.label_editor.set_label([2], 1)

    assert len(pushed) == 1
    assert pushed[0].label_id == 1
    # The hook decides when to apply, as an undo stack's push would.
    assert window.document.annotations.corrected[2] == -1
    pushed[0].apply(window.document)
    assert window.document.annotations.corrected[2] == 1
