"""Export from the window: XLSX and CSV read back, the never-classified warning, Excel limits."""

from __future__ import annotations

import codecs

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolButton

from review_labeler.core.annotations import ReviewState
from review_labeler.core.table_reader import read_table
from review_labeler.gui import export_flow
from review_labeler.gui.export_flow import ExportTarget

from gui_helpers import invented_reviews, write_csv


@pytest.fixture
def chosen_targets(monkeypatch):
    """Replace the save dialog: returns queued targets and records the preferred formats."""

    class Chooser:
        def __init__(self) -> None:
            self.targets: list[ExportTarget] = []
            self.preferred: list[str] = []

        def __call__(self, parent, suggested, preferred="xlsx"):
            self.preferred.append(preferred)
            return self.targets.pop(0) if self.targets else None

    chooser = Chooser()
    monkeypatch.setattr(export_flow, "choose_export_target", chooser)
    return chooser


@pytest.fixture
def classified_window(window, open_file, run_classification, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(15), encoding="cp949"))
    window.source_panel.set_model_folder(tiny_bert_dir)
    run_classification()
    window.label_editor.set_label([0, 1], 1)
    return window


def _export(qtbot, window):
    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000) as blocker:
        qtbot.mouseClick(window.findChild(QToolButton, "exportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.actions.export.isEnabled(), timeout=10_000)
    return blocker.args[0]


def _expected_columns(window):
    annotations = window.document.annotations
    names = annotations.label_names
    predicted = [names[label_id] for label_id in annotations.predicted]
    final = [names[label_id] for label_id in annotations.final]
    return predicted, final


def _expected_corrected(window):
    """Corrected labels as exported: only where the analyst's label differs from the prediction."""
    annotations = window.document.annotations
    return [
        annotations.label_names[label_id] if state == ReviewState.CORRECTED else ""
        for label_id, state in zip(annotations.corrected, annotations.review_state)
    ]


def test_export_xlsx_reads_back(qtbot, classified_window, chosen_targets, tmp_path):
    window = classified_window
    target = tmp_path / "out.xlsx"
    chosen_targets.targets.append(ExportTarget(target, "xlsx"))

    report = _export(qtbot, window)

    assert report.path == target
    back = read_table(target)
    predicted, final = _expected_columns(window)
    assert back.row_count == 15
    assert back.column_values("리뷰") == window.document.review_texts()
    assert back.column_values("predicted_label") == predicted
    assert back.column_values("final_label") == final
    assert back.column_values("corrected_label") == _expected_corrected(window)
    confidences = np.array([float(value) for value in back.column_values("confidence")])
    np.testing.assert_allclose(confidences, window.document.annotations.confidence, atol=1e-4)
    assert not window.document.has_unexported_edits


def test_export_csv_has_bom_and_reads_back(qtbot, classified_window, chosen_targets, tmp_path):
    window = classified_window
    target = tmp_path / "out.csv"
    chosen_targets.targets.append(ExportTarget(target, "csv"))

    _export(qtbot, window)

    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    back = pd.read_csv(target, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    predicted, final = _expected_columns(window)
    assert back["리뷰"].tolist() == window.document.review_texts()
    assert back["predicted_label"].tolist() == predicted
    assert back["final_label"].tolist() == final
    assert back["corrected_label"].tolist() == _expected_corrected(window)
    assert back["라벨"].tolist() == [label for _text, label in invented_reviews(15)]


def test_export_unclassified_warns_then_writes_empty_columns(qtbot, window, open_file, answers, chosen_targets, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))
    target = tmp_path / "unclassified.xlsx"
    chosen_targets.targets.append(ExportTarget(target, "xlsx"))
    answers.answer = True

    _export(qtbot, window)

    assert len(answers.questions) == 1
    assert "not been classified" in answers.questions[0]
    back = read_table(target)
    assert back.column_values("predicted_label") == ["", "", "", ""]
    assert back.column_values("status") == ["not classified"] * 4


def test_export_unclassified_declined_writes_nothing(window, open_file, answers, chosen_targets, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))
    answers.answer = False

    window.actions.export.trigger()

    assert chosen_targets.preferred == []
    assert list(tmp_path.glob("*.xlsx")) == []


def test_excel_limit_offers_csv(qtbot, window, open_file, answers, chosen_targets, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("리뷰\n" + "좋아요" * 12_000 + "\n짧은 리뷰\n", encoding="utf-8")
    open_file(path)
    answers.answer = True
    chosen_targets.targets.extend([ExportTarget(tmp_path / "long.xlsx", "xlsx"), ExportTarget(tmp_path / "long_out.csv", "csv")])

    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000):
        window.actions.export.trigger()

    assert chosen_targets.preferred == ["xlsx", "csv"]
    assert any("CSV" in question for question in answers.questions)
    assert not (tmp_path / "long.xlsx").exists()
    back = pd.read_csv(tmp_path / "long_out.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back["리뷰"][0]) == 36_000


def test_export_report_messages_are_shown(qtbot, window, open_file, answers, chosen_targets, tmp_path):
    path = tmp_path / "formulas.csv"
    path.write_text("리뷰\n\"=SUM(A1:A2) 최고\"\n좋아요\n", encoding="utf-8")
    open_file(path)
    chosen_targets.targets.append(ExportTarget(tmp_path / "formulas_out.csv", "csv"))

    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000):
        window.actions.export.trigger()

    notices = [widget for widget in QApplication.topLevelWidgets()
               if isinstance(widget, QMessageBox) and widget.objectName() == "noticeBox" and widget.isVisible()]
    assert notices
    assert "apostrophe" in notices[-1].informativeText()
    notices[-1].close()


def test_export_dialog_offers_xlsx_and_csv(window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(3)))

    dialog = export_flow.build_export_dialog(window, tmp_path / "reviews_labelled")

    filters = dialog.nameFilters()
    assert len(filters) == 2
    assert "*.xlsx" in filters[0]
    assert "*.csv" in filters[1]
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    dialog.deleteLater()
