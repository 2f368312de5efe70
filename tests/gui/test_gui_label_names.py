"""Display names of labels: set from the Edit menu, shown in the table and combo, exported, kept in the project."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table
from review_labeler.gui.export_flow import ExportTarget
from review_labeler.gui.main_window import MainWindow
from review_labeler.gui.table_model import Column

from gui_helpers import invented_reviews, write_csv


@pytest.fixture
def project_window(window, open_file, run_classification, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(10)))
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    assert window.workspace.projects.request_creation(tmp_path / "reviews.rlproj")
    return window


def _rename(qtbot, window, names: list[str]) -> None:
    window.workspace.actions.label_names.trigger()
    dialog = window.findChild(QDialog, "labelNamesDialog")
    assert dialog is not None
    for label_id, name in enumerate(names):
        dialog.findChild(QLineEdit, f"labelNameEdit_{label_id}").setText(name)
    dialog.accept()


def test_names_reach_table_and_project(qtbot, project_window, tmp_path):
    window = project_window
    window.label_editor.set_label([0], 0)

    _rename(qtbot, window, ["불만", ""])

    assert window.document.display_names == ["불만", "긍정"]
    corrected = window.table_model.column_of(Column.CORRECTED)
    assert window.proxy.index(window.proxy.proxy_row(0), corrected).data() == "불만"
    assert window.label_delegate._label_names() == ["불만", "긍정"]
    with ProjectStore.open(tmp_path / "reviews.rlproj", read_only=True) as store:
        assert store.display_names() == ["불만", "긍정"]
        assert store.label_names == ["부정", "긍정"]


def test_export_uses_display_names(qtbot, project_window, tmp_path):
    window = project_window
    window.label_editor.set_label([0, 1], 0)
    _rename(qtbot, window, ["불만", "만족"])
    target = ExportTarget(tmp_path / "out.csv", "csv")

    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000):
        window.export_flow.write(target)

    exported = read_table(target.path)
    names = ["불만", "만족"]
    expected_final = [names[label_id] for label_id in window.document.annotations.final]
    assert exported.column_values("final_label") == expected_final
    assert exported.column_values("final_label")[:2] == ["불만", "불만"]


def test_names_restored_when_project_reopens(qtbot, project_window, tmp_path):
    _rename(qtbot, project_window, ["", "좋음"])
    project_window.close()

    other = MainWindow()
    qtbot.addWidget(other)
    try:
        with qtbot.waitSignal(other.workspace.projects.projectInstalled, timeout=20_000):
            other.open_file(tmp_path / "reviews.rlproj")
        assert other.document.display_names == ["부정", "좋음"]
        assert other.workspace.filter_bar.label_combo.itemText(2) == "좋음"
    finally:
        other.shutdown()
