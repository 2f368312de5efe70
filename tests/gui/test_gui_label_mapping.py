"""The known-label mapping dialog: suggestion, change, saved in the project, shown in the table, reopened."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from review_labeler.core.label_mapping import ScaleKind
from review_labeler.core.project_store import ProjectStore
from review_labeler.gui.label_mapping_dialog import LabelMappingDialog
from review_labeler.gui.main_window import MainWindow
from review_labeler.gui.table_model import Column

from gui_helpers import invented_reviews
from review_helpers import inject_predictions, write_rating_csv

STARS = ["5", "1", "3", "4", "2", "5", "5", "1", "3", "4"]
TEXTS = [text for text, _label in invented_reviews(len(STARS))]


@pytest.fixture
def rated_window(window, open_file, tmp_path):
    """A window with a star-rating column not yet chosen as the known-label column."""
    open_file(write_rating_csv(tmp_path / "rated.csv", TEXTS, STARS, header=("review", "stars")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, np.linspace(0.05, 0.95, len(STARS)))
    return window


def _choose_known_column(qtbot, window, column="stars") -> LabelMappingDialog:
    with qtbot.waitSignal(window.workspace.known_labels.dialogOpened, timeout=5_000) as blocker:
        window.source_panel.columnsChosen.emit("review", column)
    dialog = blocker.args[0]
    assert dialog is window.findChild(QDialog, "labelMappingDialog")
    return dialog


def _entry_labels(dialog: LabelMappingDialog) -> dict[str, int | None]:
    return {entry.value: entry.label_id for entry in dialog.mapping().entries}


def test_dialog_opens_with_star_suggestion(qtbot, rated_window):
    dialog = _choose_known_column(qtbot, rated_window)

    assert dialog.isVisible()
    assert _entry_labels(dialog) == {"1": 0, "2": 0, "3": None, "4": 1, "5": 1}
    assert "Star ratings" in dialog.findChild(QLabel, "mappingScaleLabel").text()
    assert not dialog.findChild(QLabel, "mappingWarningLabel").isVisible()
    assert dialog.findChild(QLabel, "mappingCoverageLabel").text() == "Mapped: 8 rows · not mapped: 2 rows"
    counts = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert counts == ["2", "1", "2", "2", "3"]


def test_changed_mapping_is_used_and_shown(qtbot, rated_window):
    window = rated_window
    dialog = _choose_known_column(qtbot, window)

    dialog.set_value_label("3", 1)
    assert dialog.findChild(QLabel, "mappingCoverageLabel").text() == "Mapped: 10 rows · not mapped: 0 rows"
    dialog.accept()

    known = window.document.known_label_ids()
    expected = np.array([{"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}[value] for value in STARS])
    np.testing.assert_array_equal(known, expected)
    section = window.table_model.column_of(Column.KNOWN)
    view_row = window.proxy.proxy_row(2)
    assert window.proxy.index(view_row, section).data() == "긍정"
    assert window.proxy.index(view_row, section).data(Qt.ItemDataRole.ToolTipRole) == "Value in the file: 3"


def test_cancelled_dialog_is_not_offered_again(qtbot, rated_window):
    window = rated_window
    dialog = _choose_known_column(qtbot, window)
    dialog.reject()
    opened = []
    window.workspace.known_labels.dialogOpened.connect(opened.append)

    window.workspace.known_labels.on_run_finished("completed", object())

    assert opened == []
    assert window.document.known_label_ids() is None


def test_use_suggestion_resets_changes(qtbot, rated_window):
    dialog = _choose_known_column(qtbot, rated_window)
    dialog.set_value_label("1", 1)
    dialog.set_value_label("5", None)

    dialog.use_suggestion()

    assert _entry_labels(dialog) == {"1": 0, "2": 0, "3": None, "4": 1, "5": 1}


def test_uncertain_scale_shows_warning(qtbot, window, open_file, tmp_path):
    codes = ["0", "1", "2", "1", "1", "0", "2", "1"]
    open_file(write_rating_csv(tmp_path / "codes.csv", TEXTS[: len(codes)], codes, header=("review", "code")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, np.linspace(0.1, 0.9, len(codes)))

    dialog = _choose_known_column(qtbot, window, "code")

    assert dialog.mapping().scale == ScaleKind.THREE_CODES
    assert dialog.findChild(QLabel, "mappingWarningLabel").isVisible()


def test_hundred_point_scores(qtbot, window, open_file, tmp_path):
    scores = ["100점", "20점", "60점", "80점", "100점", "40점"]
    open_file(write_rating_csv(tmp_path / "scores.csv", TEXTS[: len(scores)], scores, header=("review", "score")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, np.linspace(0.1, 0.9, len(scores)))

    dialog = _choose_known_column(qtbot, window, "score")

    assert dialog.mapping().scale == ScaleKind.HUNDRED_POINT
    assert _entry_labels(dialog) == {"20점": 0, "40점": 0, "60점": None, "80점": 1, "100점": 1}


def test_label_names_column_is_mapped_without_asking(qtbot, window, open_file, tmp_path):
    labels = ["긍정", "부정", "긍정", "긍정"]
    open_file(write_rating_csv(tmp_path / "labels.csv", TEXTS[:4], labels, header=("review", "label")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, [0.9, 0.1, 0.8, 0.3])
    opened = []
    window.workspace.known_labels.dialogOpened.connect(opened.append)

    window.source_panel.columnsChosen.emit("review", "label")

    assert opened == []
    np.testing.assert_array_equal(window.document.known_label_ids(), [1, 0, 1, 1])


def test_mapping_saved_in_project_and_reopened(qtbot, window, open_file, run_classification, tiny_bert_dir, tmp_path):
    source = write_rating_csv(tmp_path / "rated.csv", TEXTS, STARS, header=("review", "stars"))
    open_file(source)
    window.source_panel.columnsChosen.emit("review", None)
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    project = tmp_path / "rated.rlproj"
    assert window.workspace.projects.request_creation(project)

    dialog = _choose_known_column(qtbot, window)
    dialog.set_value_label("3", 1)
    dialog.accept()
    with ProjectStore.open(project, read_only=True) as store:
        saved = store.label_mapping()
        assert store.info.label_column == "stars"
    assert saved.as_dict() == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    window.close()

    other = MainWindow()
    qtbot.addWidget(other)
    try:
        with qtbot.waitSignal(other.workspace.projects.projectInstalled, timeout=20_000):
            other.open_file(project)
        assert other.document.label_column == "stars"
        assert other.document.label_mapping.as_dict() == saved.as_dict()
        with qtbot.waitSignal(other.workspace.known_labels.dialogOpened, timeout=5_000) as blocker:
            other.workspace.actions.label_mapping.trigger()
        assert _entry_labels(blocker.args[0])["3"] == 1
    finally:
        other.shutdown()


def test_menu_without_known_column_explains(monkeypatch, rated_window):
    from review_labeler.gui import dialogs

    notices = []
    monkeypatch.setattr(dialogs, "show_notice", lambda *args, **kwargs: notices.append(args[2]))

    rated_window.workspace.actions.label_mapping.trigger()

    assert notices == ["Choose a known-label column above first."]
