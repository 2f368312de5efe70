"""The summary panel shows exactly what core ``summarize()`` computes, and follows edits and names."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QDockWidget, QLabel, QTableWidget

from review_labeler.core.annotations import ReviewState
from review_labeler.core.summary import summarize
from review_labeler.gui.summary_panel import format_percent, format_score

from gui_helpers import invented_reviews
from review_helpers import inject_predictions, write_rating_csv

STARS = ["5", "1", "4", "2", "5", "1", "3", "5", "4", "1", "2", "5"]
# Rows 2 and 10 confidently contradict their star rating, so they are likely label errors.
POSITIVE = [0.9, 0.2, 0.1, 0.1, 0.97, 0.6, 0.5, 0.8, 0.55, 0.05, 0.9, 0.99]
TEXTS = [text for text, _label in invented_reviews(len(STARS))]


@pytest.fixture
def summary_window(qtbot, window, open_file, tmp_path):
    open_file(write_rating_csv(tmp_path / "rated.csv", TEXTS, STARS, header=("review", "stars")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, POSITIVE)
    with qtbot.waitSignal(window.workspace.known_labels.dialogOpened, timeout=5_000) as blocker:
        window.source_panel.columnsChosen.emit("review", "stars")
    blocker.args[0].accept()
    window.label_editor.set_label([2, 8], 1)
    window.label_editor.accept_predictions([0, 1])
    panel = window.findChild(QDockWidget, "summaryPanel")
    panel.show()
    panel.refresh()
    return window


def _expected(window):
    return summarize(window.document.annotations, window.document.known_label_ids())


def _cells(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_panel_toggles_from_view_menu(qtbot, window):
    panel = window.findChild(QDockWidget, "summaryPanel")
    action = window.workspace.actions.summary
    assert not panel.isVisible()
    assert action.objectName() == "summaryAction"

    action.trigger()

    assert panel.isVisible()


def test_distribution_and_histogram_equal_core(summary_window):
    window = summary_window
    panel = window.workspace.summary_panel
    expected = _expected(window)

    bars = panel.distribution_chart.bar_values()
    assert bars["Predicted"] == expected.predicted_counts.tolist()
    assert bars["Final"] == expected.final_counts.tolist()
    assert panel.histogram_chart.counts() == expected.confidence.counts.tolist()
    reviewed = expected.row_count - expected.review_counts[ReviewState.UNREVIEWED]
    assert panel.findChild(QLabel, "summaryCounts").text() == (
        f"12 rows · 12 classified · {reviewed} reviewed · {expected.review_counts[ReviewState.CORRECTED]} corrected"
    )


def test_metrics_and_confusion_equal_core(summary_window):
    window = summary_window
    panel = window.workspace.summary_panel
    expected = _expected(window)
    metrics = expected.model_metrics

    assert panel.findChild(QLabel, "summaryAccuracy").text() == (
        f"Accuracy {format_percent(metrics.accuracy)} · macro F1 {format_score(metrics.macro_f1)} · "
        f"{metrics.support} rows compared"
    )
    table = panel.findChild(QTableWidget, "summaryMetricsTable")
    for label_id, name in enumerate(["부정", "긍정"]):
        assert _cells(table, label_id) == [
            name,
            format_percent(metrics.precision[label_id]),
            format_percent(metrics.recall[label_id]),
            format_score(metrics.f1[label_id]),
            str(int(metrics.confusion[label_id].sum())),
        ]
    assert _cells(table, 2)[3] == format_score(metrics.macro_f1)
    confusion = panel.findChild(QTableWidget, "summaryConfusionTable")
    shown = [[int(confusion.item(row, column).text()) for column in range(2)] for row in range(2)]
    assert shown == metrics.confusion.tolist()
    assert panel.findChild(QLabel, "likelyErrorsLabel").text() == f"Likely label errors: {expected.label_errors.count} rows"


def test_final_label_metrics(summary_window):
    window = summary_window
    panel = window.workspace.summary_panel
    panel.source_combo.setCurrentIndex(panel.source_combo.findData("final"))
    metrics = _expected(window).final_metrics

    confusion = panel.findChild(QTableWidget, "summaryConfusionTable")
    shown = [[int(confusion.item(row, column).text()) for column in range(2)] for row in range(2)]
    assert shown == metrics.confusion.tolist()
    assert format_percent(metrics.accuracy) in panel.findChild(QLabel, "summaryAccuracy").text()


def test_panel_follows_edits(qtbot, summary_window):
    window = summary_window
    panel = window.workspace.summary_panel
    before = panel.summary.final_counts.copy()

    window.label_editor.set_label(np.arange(12), 0)
    qtbot.waitUntil(lambda: panel.summary.final_counts[0] == 12, timeout=5_000)

    assert before[0] < 12
    assert panel.distribution_chart.bar_values()["Final"] == [12.0, 0.0]


def test_show_likely_errors_button_filters(summary_window):
    window = summary_window
    panel = window.workspace.summary_panel
    expected = _expected(window).label_errors
    assert sorted(expected.ranked_rows().tolist()) == [2, 10]

    panel.errors_button.click()

    assert window.proxy.shown_source_rows().tolist() == expected.ranked_rows().tolist()


def test_display_names_reach_table_summary_and_filter(qtbot, summary_window):
    window = summary_window
    panel = window.workspace.summary_panel

    window.workspace.set_display_names(["나쁨", ""])
    panel.refresh()

    assert window.document.display_names == ["나쁨", "긍정"]
    table = panel.findChild(QTableWidget, "summaryMetricsTable")
    assert table.item(0, 0).text() == "나쁨"
    combo = window.workspace.filter_bar.label_combo
    assert combo.itemText(1) == "나쁨"
    predicted_section = window.table_model.column_of(window.table_model.columns()[2])
    view_row = window.proxy.proxy_row(1)
    assert window.proxy.index(view_row, predicted_section).data() == "나쁨"


def test_panel_without_known_labels_hides_metrics(qtbot, window, open_file, tmp_path):
    open_file(write_rating_csv(tmp_path / "plain.csv", TEXTS, STARS, header=("review", "stars")))
    window.source_panel.columnsChosen.emit("review", None)
    inject_predictions(window, POSITIVE)
    panel = window.workspace.summary_panel
    panel.show()

    panel.refresh()

    assert not panel.metrics_box.isVisible()
    assert panel.findChild(QLabel, "noKnownLabelsHint").isVisible()
    assert panel.summary.model_metrics is None
