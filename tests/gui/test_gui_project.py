"""Project files in the window: offer, create, commit before showing, reopen, changed or missing source."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import ProjectStore
from review_labeler.gui import project_opening
from review_labeler.gui import settings as keys
from review_labeler.gui.recent_projects import recent_projects
from review_labeler.gui.row_filters import FilterSpec, ReviewFilter
from review_labeler.gui.table_model import Column

from gui_helpers import invented_reviews, write_csv
from review_helpers import select_view_rows, shown_rows

ROW_COUNT = 40


@pytest.fixture
def source(tmp_path) -> Path:
    return write_csv(tmp_path / "reviews.csv", invented_reviews(ROW_COUNT))


@pytest.fixture
def classified(window, open_file, run_classification, tiny_bert_dir, source):
    open_file(source)
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    return window


@pytest.fixture
def project_path(classified, source) -> Path:
    path = source.with_suffix(".rlproj")
    assert classified.workspace.projects.request_creation(path)
    return path


def _button(window, name: str) -> QPushButton:
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _open_project(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.workspace.projects.projectInstalled, timeout=20_000):
        assert window.open_file(path)


# --- offering and creating ----------------------------------------------------------------


def test_offer_bar_creates_project_beside_file(qtbot, classified, source):
    window = classified
    bar = window.findChild(QFrame, "projectOfferBar")
    assert bar.isVisible()
    assert "reviews.rlproj" in bar.findChild(type(bar.text_label), "projectOfferBarText").text()

    qtbot.mouseClick(_button(window, "createProjectButton"), Qt.MouseButton.LeftButton)

    path = source.with_suffix(".rlproj")
    assert path.is_file()
    assert window.workspace.session.path == path
    assert not bar.isVisible()
    assert str(path.resolve()) in recent_projects()
    with ProjectStore.open(path, read_only=True) as store:
        saved = store.load_annotations(ROW_COUNT)
        assert store.info.review_column == window.document.review_column
    np.testing.assert_array_equal(saved.predicted, window.document.annotations.predicted)
    np.testing.assert_allclose(saved.probabilities, window.document.annotations.probabilities)


def test_creation_waits_for_first_run(qtbot, window, open_file, run_classification, tiny_bert_dir, source):
    open_file(source)
    window.source_panel.set_model_folder(tiny_bert_dir)
    path = source.with_suffix(".rlproj")

    assert not window.workspace.projects.request_creation(path)
    assert not path.exists()
    assert window.workspace.projects.pending_path == path
    run_classification()

    assert path.is_file()
    with ProjectStore.open(path, read_only=True) as store:
        saved = store.load_annotations(ROW_COUNT)
    np.testing.assert_array_equal(saved.predicted, window.document.annotations.predicted)
    assert (saved.predicted >= 0).all()


def test_existing_project_is_offered_for_opening(qtbot, project_path, source, new_window):
    other = new_window()
    with qtbot.waitSignal(other.document.tableReplaced, timeout=20_000):
        other.open_file(source)

    assert "reviews.rlproj" in other.workspace.offer_bar.text_label.text()
    with qtbot.waitSignal(other.workspace.projects.projectInstalled, timeout=20_000):
        _button(other, "openExistingProjectButton").click()
    assert other.workspace.session.path == project_path


def test_never_ask_is_remembered(qtbot, window, open_file, source, tmp_path):
    open_file(source)
    _button(window, "neverAskProjectButton").click()

    assert keys.app_settings().value(keys.PROJECT_OFFER) == "never"
    open_file(write_csv(tmp_path / "more.csv", invented_reviews(5)))
    assert not window.workspace.offer_bar.isVisible()


def test_always_create_is_remembered(qtbot, classified, source, open_file, tmp_path):
    window = classified
    _button(window, "alwaysCreateProjectButton").click()
    assert keys.app_settings().value(keys.PROJECT_OFFER) == "always"
    assert source.with_suffix(".rlproj").is_file()

    more = write_csv(tmp_path / "more.csv", invented_reviews(5))
    open_file(more)

    # Labels are known from the loaded model, so the project is made at once.
    assert more.with_suffix(".rlproj").is_file()
    assert window.workspace.session.path == more.with_suffix(".rlproj")


# --- committing ---------------------------------------------------------------------------


def test_edit_is_committed_before_the_table_shows_it(qtbot, classified, project_path):
    window = classified
    seen_in_file = []

    def check_file(rows) -> None:
        # rowsChanged is what repaints the table; the correction must already be on disk.
        with ProjectStore.open(project_path, read_only=True) as reader:
            seen_in_file.append([(entry.row, entry.label_id) for entry in reader.corrections()])

    window.document.rowsChanged.connect(check_file)
    window.table_view.setFocus()
    select_view_rows(window, 4, 4)

    qtbot.keyClick(window.table_view, Qt.Key.Key_2)

    assert seen_in_file == [[(4, 1)]]


def test_failed_commit_leaves_table_unchanged(qtbot, classified, project_path, monkeypatch):
    from review_labeler.core.errors import ProjectError
    from review_labeler.gui import correction_workspace

    reports = []
    monkeypatch.setattr(correction_workspace, "show_error", lambda parent, title, report: reports.append(report))
    store = classified.workspace.session.store

    def fail(*args, **kwargs):
        raise ProjectError("disk full")

    monkeypatch.setattr(store, "record_edit", fail)
    select_view_rows(classified, 0, 0)
    classified.table_view.setFocus()

    qtbot.keyClick(classified.table_view, Qt.Key.Key_1)

    assert (classified.document.annotations.corrected == -1).all()
    assert classified.workspace.history.stack.count() == 0
    assert len(reports) == 1
    assert "disk full" in reports[0].summary


# --- reopening ----------------------------------------------------------------------------


def test_reopen_restores_table_filters_sort_and_selection(qtbot, classified, project_path, new_window):
    window = classified
    view = window.table_view
    view.setFocus()
    select_view_rows(window, 0, 0)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return, Qt.Key.Key_1):
        qtbot.keyClick(view, key)
    annotations = window.document.annotations.corrected.copy(), window.document.annotations.review_state.copy()
    spec = FilterSpec(review=ReviewFilter.ALL, text="배송", confidence_max=0.99)
    window.workspace.filters.set_spec(spec)
    window.workspace.filters.sort_least_confident_first()
    select_view_rows(window, 1, 2)
    selected = sorted(view.selected_source_rows().tolist())
    current = window.proxy.source_row(view.currentIndex().row())
    predicted_section = window.table_model.column_of(Column.PREDICTED)
    view.horizontalHeader().resizeSection(predicted_section, 171)
    order = shown_rows(window)
    window.close()
    assert window.workspace.session.store is None

    other = new_window()
    _open_project(qtbot, other, project_path)

    np.testing.assert_array_equal(other.document.annotations.corrected, annotations[0])
    np.testing.assert_array_equal(other.document.annotations.review_state, annotations[1])
    assert other.workspace.filters.spec == spec
    assert other.workspace.filter_bar.search_edit.text() == "배송"
    assert shown_rows(other) == order
    assert other.proxy.sort_column() == other.table_model.column_of(Column.CONFIDENCE)
    assert sorted(other.table_view.selected_source_rows().tolist()) == selected
    assert other.proxy.source_row(other.table_view.currentIndex().row()) == current
    assert other.table_view.horizontalHeader().sectionSize(predicted_section) == 171
    assert other.windowTitle().startswith("reviews.rlproj")
    assert not other.document.has_unexported_edits


def test_reopened_project_keeps_recording(qtbot, classified, project_path, new_window):
    classified.close()
    other = new_window()
    _open_project(qtbot, other, project_path)
    other.table_view.setFocus()
    select_view_rows(other, 7, 7)

    qtbot.keyClick(other.table_view, Qt.Key.Key_1)

    with ProjectStore.open(project_path, read_only=True) as store:
        assert [(entry.row, entry.label_id) for entry in store.corrections()] == [(7, 0)]


def test_recent_projects_menu_opens_project(qtbot, classified, project_path, new_window):
    classified.close()
    other = new_window()
    menu = other.workspace.actions.recent_projects
    menu.rebuild()
    first = next(action for action in menu.actions() if action.objectName() == "recentProject_1")
    assert first.toolTip() == str(project_path.resolve())

    with qtbot.waitSignal(other.workspace.projects.projectInstalled, timeout=20_000):
        first.trigger()
    assert other.workspace.session.path == project_path


def test_review_column_is_locked_while_project_is_open(monkeypatch, classified, project_path):
    from review_labeler.gui import dialogs

    notices = []
    monkeypatch.setattr(dialogs, "show_notice", lambda *args, **kwargs: notices.append(args[2]))
    window = classified
    before = window.document.review_column

    window.source_panel.columnsChosen.emit("라벨", None)

    assert window.document.review_column == before
    assert len(notices) == 1
    assert before in notices[0]


# --- changed, missing and write-protected sources -----------------------------------------


def _change_one_review(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("배송이 너무 늦었어요", "배송이 아주 빨랐어요", 1), encoding="utf-8")


def test_changed_source_prompts_and_stop_attaches_nothing(qtbot, classified, project_path, source, new_window,
                                                          monkeypatch):
    classified.label_editor.set_label([0], 1)
    classified.close()
    _change_one_review(source)
    with ProjectStore.open(project_path, read_only=True) as store:
        recorded = store.info.source_sha256
    reports = []

    def decline(parent, check, report):
        reports.append(report)
        return False

    monkeypatch.setattr(project_opening, "confirm_rematch", decline)
    other = new_window()

    with qtbot.waitSignal(other.workspace.projects.opener.failed, timeout=20_000):
        other.open_file(project_path)

    assert len(reports) == 1
    assert reports[0].project_rows == ROW_COUNT
    assert reports[0].matching_rows == ROW_COUNT - 1
    assert other.document.table is None
    assert other.workspace.session.store is None
    with ProjectStore.open(project_path, read_only=True) as store:
        assert store.info.source_sha256 == recorded


def test_changed_source_rematched_by_position(qtbot, classified, project_path, source, new_window, monkeypatch):
    classified.label_editor.set_label([0, 3], 0)
    classified.close()
    _change_one_review(source)
    monkeypatch.setattr(project_opening, "confirm_rematch", lambda parent, check, report: True)
    other = new_window()

    _open_project(qtbot, other, project_path)

    np.testing.assert_array_equal(other.document.annotations.corrected[[0, 3]], [0, 0])
    assert other.workspace.notice_bar.isVisible()
    assert "re-matched by position" in other.workspace.notice_bar.text_label.text()
    with ProjectStore.open(project_path, read_only=True) as store:
        assert store.source_status().status.value == "unchanged"


def test_missing_source_is_located_by_the_user(qtbot, answers, classified, project_path, source, new_window,
                                               monkeypatch, tmp_path):
    classified.close()
    moved = tmp_path / "moved" / "reviews.csv"
    moved.parent.mkdir()
    source.rename(moved)
    offered = []
    monkeypatch.setattr(project_opening, "pick_source_file", lambda parent, recorded: offered.append(recorded) or moved)
    other = new_window()

    _open_project(qtbot, other, project_path)

    assert str(source.resolve()) in answers.questions[-1]
    assert offered == [source.resolve()]
    assert other.document.row_count == ROW_COUNT
    with ProjectStore.open(project_path, read_only=True) as store:
        assert Path(store.info.source_path) == moved.resolve()


def test_missing_source_declined_opens_nothing(qtbot, answers, classified, project_path, source, new_window):
    classified.close()
    source.unlink()
    answers.answer = False
    other = new_window()

    with qtbot.waitSignal(other.workspace.projects.opener.failed, timeout=20_000):
        other.open_file(project_path)

    assert other.document.table is None


def test_write_protected_project_opens_read_only(qtbot, classified, project_path, new_window, monkeypatch):
    classified.close()
    real_access = os.access
    # Tests may run as root, and chmod does not protect a file from root, so the test pretends it is protected.
    monkeypatch.setattr(project_opening.os, "access",
                        lambda path, mode: False if Path(path) == project_path else real_access(path, mode))
    other = new_window()

    _open_project(qtbot, other, project_path)

    assert other.workspace.session.read_only
    assert other.workspace.notice_bar.isVisible()
    assert "read-only" in other.workspace.notice_bar.text_label.text()
    other.table_view.setFocus()
    select_view_rows(other, 0, 0)
    qtbot.keyClick(other.table_view, Qt.Key.Key_1)
    assert (other.document.annotations.corrected == -1).all()
    assert "read-only" in other.statusBar().currentMessage()
    assert not other.workspace.bulk.button.isEnabled()


def test_streamed_predictions_are_saved_during_a_run(qtbot, window, open_file, tiny_bert_dir, source):
    from gui_helpers import slow_loader

    open_file(source)
    window.flow.model_session.loader = slow_loader(tiny_bert_dir, seconds=0.2)
    window.source_panel.set_model_folder(tiny_bert_dir)
    window.source_panel.batch_spin.setValue(4)
    path = source.with_suffix(".rlproj")
    window.workspace.projects.request_creation(path)
    window.actions.run.trigger()
    qtbot.waitUntil(lambda: path.is_file() and (window.document.annotations.predicted >= 0).sum() >= 8, timeout=30_000)

    window.workspace.projects._save_timer.timeout.emit()
    done = window.document.annotations.predicted >= 0
    with ProjectStore.open(path, read_only=True) as store:
        saved = store.load_annotations(ROW_COUNT)
    window.flow.cancel()
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=30_000)

    assert (saved.predicted[done] >= 0).all()
    np.testing.assert_array_equal(saved.predicted[done], window.document.annotations.predicted[done])


def test_run_end_saves_all_predictions(qtbot, classified, project_path, run_classification):
    window = classified
    window.label_editor.set_label([2], 0)

    run_classification()

    with ProjectStore.open(project_path, read_only=True) as store:
        saved = store.load_annotations(ROW_COUNT)
    np.testing.assert_array_equal(saved.predicted, window.document.annotations.predicted)
    assert saved.corrected[2] == 0
    assert saved.review_state[2] in (ReviewState.CORRECTED, ReviewState.ACCEPTED)
