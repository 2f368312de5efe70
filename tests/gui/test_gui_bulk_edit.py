"""Bulk edits: confirmation with the row count, one undo step, one transaction in the project file."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QToolButton

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import ProjectStore
from review_labeler.gui.bulk_edit import SELECTED, SHOWN
from review_labeler.gui.row_filters import FilterSpec

from gui_helpers import invented_reviews, write_csv
from review_helpers import select_view_rows


@pytest.fixture
def project_window(window, open_file, run_classification, tiny_bert_dir, tmp_path):
    """A window with a classified table of 30 rows saved in a project."""
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(30)))
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    assert window.workspace.projects.request_creation(tmp_path / "reviews.rlproj")
    return window


def _saved(window):
    """Return the corrections the project file holds, read through a second connection."""
    with ProjectStore.open(window.workspace.session.path, read_only=True) as store:
        annotations = store.load_annotations(window.document.row_count)
        return annotations, store.corrections()


def test_relabel_shown_rows_asks_with_count(answers, project_window):
    window = project_window
    annotations = window.document.annotations
    window.workspace.filters.set_spec(FilterSpec(predicted_label=1))
    shown = window.proxy.shown_source_rows()
    window.label_editor.set_label(shown[:2], 0)
    answers.questions.clear()

    assert window.workspace.bulk.relabel(SHOWN, 0)

    assert len(answers.questions) == 1
    assert answers.questions[0].startswith(f"Change the label of {len(shown) - 2} rows to '부정'?")
    assert "The other 2 rows already have this" in answers.questions[0]
    assert (annotations.corrected[shown] == 0).all()
    others = np.setdiff1d(np.arange(len(annotations)), shown)
    assert (annotations.corrected[others] == -1).all()


def test_bulk_edit_is_one_undo_step_and_one_transaction(answers, project_window):
    window = project_window
    annotations = window.document.annotations
    stack = window.workspace.history.stack
    window.workspace.filters.set_spec(FilterSpec(predicted_label=1))
    shown = window.proxy.shown_source_rows()
    assert len(shown) > 1

    window.workspace.bulk.relabel(SHOWN, 0)

    assert stack.count() == 1
    saved, log = _saved(window)
    np.testing.assert_array_equal(saved.corrected, annotations.corrected)
    np.testing.assert_array_equal(saved.review_state, annotations.review_state)
    assert len({entry.group_id for entry in log}) == 1
    assert sorted(entry.row for entry in log) == sorted(shown.tolist())
    assert {entry.kind for entry in log} == {"edit"}

    stack.undo()
    assert (annotations.corrected == -1).all()
    saved, log = _saved(window)
    assert (saved.corrected == -1).all()
    assert (saved.review_state == ReviewState.UNREVIEWED).all()
    assert [entry.kind for entry in log].count("undo") == len(shown)

    stack.redo()
    assert (annotations.corrected[shown] == 0).all()
    saved, log = _saved(window)
    np.testing.assert_array_equal(saved.corrected, annotations.corrected)
    assert len({entry.group_id for entry in log}) == 3
    assert [entry.kind for entry in log].count("redo") == len(shown)


def test_declined_confirmation_changes_nothing(answers, project_window):
    window = project_window
    select_view_rows(window, 0, 4)
    answers.answer = False

    assert not window.workspace.bulk.relabel(SELECTED, 1)

    assert (window.document.annotations.corrected == -1).all()
    assert window.workspace.history.stack.count() == 0
    assert _saved(window)[1] == []


def test_accept_selected_rows(answers, project_window):
    window = project_window
    select_view_rows(window, 3, 7)
    rows = window.table_view.selected_source_rows()

    assert window.workspace.bulk.accept(SELECTED)

    annotations = window.document.annotations
    assert answers.questions[-1] == "Accept the predicted label of 5 rows as correct?"
    np.testing.assert_array_equal(annotations.corrected[rows], annotations.predicted[rows])
    assert (annotations.review_state[rows] == ReviewState.ACCEPTED).all()
    saved, _log = _saved(window)
    np.testing.assert_array_equal(saved.review_state, annotations.review_state)


def test_clear_labels_of_selected_rows(answers, project_window):
    window = project_window
    window.label_editor.set_label([0, 1, 2], 1)
    select_view_rows(window, 0, 4)

    assert window.workspace.bulk.relabel(SELECTED, None)

    assert answers.questions[-1].startswith("Clear the corrected label of 3 rows?")
    assert (window.document.annotations.corrected == -1).all()


def test_menu_lists_scopes_and_labels(qtbot, answers, project_window):
    window = project_window
    select_view_rows(window, 0, 1)
    button = window.findChild(QToolButton, "bulkEditButton")
    assert button.isEnabled()
    menu = button.menu()
    menu.aboutToShow.emit()
    names = {action.objectName(): action for action in menu.actions()}

    assert names["bulkSection_selected"].text() == "Selected rows (2)"
    assert names["bulkSection_shown"].text() == "All shown rows (30)"
    assert names["bulkLabel_shown_1"].text() == "Label as '긍정'"
    names["bulkLabel_selected_1"].trigger()

    corrected = window.document.annotations.corrected
    np.testing.assert_array_equal(corrected[:2], [1, 1])
    assert (corrected[2:] == -1).all()


def test_nothing_to_change_shows_notice(monkeypatch, project_window):
    from review_labeler.gui import dialogs

    notices = []
    monkeypatch.setattr(dialogs, "show_notice", lambda *args, **kwargs: notices.append(args[2]))
    window = project_window
    window.label_editor.set_label([0], 1)
    select_view_rows(window, 0, 0)

    assert not window.workspace.bulk.relabel(SELECTED, 1)

    assert notices == ["Nothing to change (1 rows checked): they already have this label."]
