"""The filter bar in the window: each filter shows the right source rows, combined, sorted and counted."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QLabel, QLineEdit, QSpinBox, QToolButton

from review_labeler.core.summary import likely_label_errors
from review_labeler.gui.row_filters import FilterSpec, ReviewFilter
from review_labeler.gui.table_model import Column

from gui_helpers import write_csv
from review_helpers import inject_predictions, select_view_rows, shown_rows

ROWS = [
    ("배송이 빨라서 좋았어요", "긍정"),       # 0
    ("Great VALUE for money", "긍정"),        # 1
    ("", "부정"),                              # 2
    ("배송이 너무 늦었어요", "부정"),          # 3
    ("great 배송 and great price", "부정"),    # 4
    ("재구매 의사 있습니다", "긍정"),          # 5
    ("사진과 색상이 달라요", "부정"),          # 6
    ("가격 대비 품질이 훌륭합니다", "긍정"),   # 7
]
POSITIVE = [0.97, 0.62, np.nan, 0.08, 0.91, 0.55, 0.45, 0.99]


@pytest.fixture
def filtered_window(window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", ROWS))
    inject_predictions(window, POSITIVE)
    # The known-label column contains the label names, so it is mapped without a dialog.
    window.workspace.known_labels.offer(automatic=True)
    assert window.document.known_label_ids() is not None
    return window


def _bar(window):
    return window.findChild(QFrame, "filterBar")


def test_filter_bar_has_stable_names(filtered_window):
    bar = _bar(filtered_window)
    assert bar is not None
    assert bar.findChild(QLineEdit, "searchEdit") is not None
    assert bar.findChild(QComboBox, "predictedFilterCombo") is not None
    assert bar.findChild(QComboBox, "reviewFilterCombo") is not None
    assert bar.findChild(QSpinBox, "confidenceMinSpin") is not None
    assert bar.findChild(QToolButton, "leastConfidentButton") is not None
    assert bar.findChild(QToolButton, "bulkEditButton") is not None


def test_predicted_label_combo(qtbot, filtered_window):
    window = filtered_window
    combo = _bar(window).findChild(QComboBox, "predictedFilterCombo")
    assert [combo.itemText(index) for index in range(combo.count())] == ["All predicted labels", "부정", "긍정"]

    combo.setCurrentIndex(1)
    combo.activated.emit(1)

    assert shown_rows(window) == [3, 6]
    assert window.workspace.filters.spec.predicted_label == 0


def test_search_field_filters_after_typing(qtbot, filtered_window):
    window = filtered_window
    search = _bar(window).findChild(QLineEdit, "searchEdit")

    qtbot.keyClicks(search, "GREAT")
    qtbot.waitUntil(lambda: window.workspace.filters.spec.text == "GREAT")

    assert shown_rows(window) == [1, 4]
    search.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == len(ROWS))


def test_korean_search(filtered_window):
    window = filtered_window
    window.workspace.filters.set_spec(FilterSpec(text="배송"))
    assert shown_rows(window) == [0, 3, 4]


def test_confidence_spin_boxes(qtbot, filtered_window):
    window = filtered_window
    bar = _bar(window)
    bar.findChild(QSpinBox, "confidenceMinSpin").setValue(60)
    bar.findChild(QSpinBox, "confidenceMaxSpin").setValue(95)
    qtbot.waitUntil(lambda: window.workspace.filters.spec.confidence_max is not None)

    # Confidence is the probability of the predicted label: rows 1 (0.62), 4 (0.91), 3 (0.92).
    assert shown_rows(window) == [1, 3, 4]


def test_review_state_combo_after_edits(qtbot, filtered_window):
    window = filtered_window
    window.label_editor.set_label([0], 1)      # agrees with the prediction: accepted
    window.label_editor.set_label([1, 6], 0)   # row 1 corrected, row 6 agrees: accepted
    combo = _bar(window).findChild(QComboBox, "reviewFilterCombo")

    expected = {"unreviewed": [2, 3, 4, 5, 7], "reviewed": [0, 1, 6], "corrected": [1], "accepted": [0, 6]}
    for value, rows in expected.items():
        combo.setCurrentIndex(combo.findData(value))
        combo.activated.emit(combo.currentIndex())
        assert shown_rows(window) == rows, value


def test_disagreement_with_known_labels(filtered_window):
    window = filtered_window
    check = _bar(window).findChild(QCheckBox, "disagreementCheck")
    assert check.isEnabled()

    check.setChecked(True)

    final = window.document.annotations.final
    known = window.document.known_label_ids()
    expected = np.flatnonzero((known >= 0) & (final >= 0) & (final != known)).tolist()
    assert shown_rows(window) == expected
    # Row 4 predicts 긍정 against the known 부정.
    assert 4 in expected


def test_empty_text_check(filtered_window):
    window = filtered_window
    _bar(window).findChild(QCheckBox, "emptyTextCheck").setChecked(True)
    assert shown_rows(window) == [2]


def test_likely_errors_filter_sorts_by_margin(filtered_window):
    window = filtered_window
    annotations = window.document.annotations
    scores = likely_label_errors(annotations.probabilities, window.document.known_label_ids(), annotations.predicted)
    assert scores.count > 0

    _bar(window).findChild(QCheckBox, "likelyErrorsCheck").setChecked(True)

    assert shown_rows(window) == scores.ranked_rows().tolist()
    assert window.proxy.has_custom_sort()
    _bar(window).findChild(QCheckBox, "likelyErrorsCheck").setChecked(False)
    assert not window.proxy.has_custom_sort()
    assert window.proxy.rowCount() == len(ROWS)


def test_known_label_checks_disabled_without_known_column(qtbot, window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", ROWS))
    window.source_panel.columnsChosen.emit(window.document.review_column, None)
    inject_predictions(window, POSITIVE)

    assert not _bar(window).findChild(QCheckBox, "disagreementCheck").isEnabled()
    assert not _bar(window).findChild(QCheckBox, "likelyErrorsCheck").isEnabled()


def test_least_confident_first_button(qtbot, filtered_window):
    window = filtered_window
    qtbot.mouseClick(_bar(window).findChild(QToolButton, "leastConfidentButton"), Qt.MouseButton.LeftButton)

    confidence = window.document.annotations.confidence
    order = shown_rows(window)
    values = confidence[order]
    classified = values[~np.isnan(values)]
    assert list(classified) == sorted(classified)
    assert order[-1] == 2  # no prediction sorts last
    assert window.proxy.sort_column() == window.table_model.column_of(Column.CONFIDENCE)


def test_filters_combine_and_keep_sort(filtered_window):
    window = filtered_window
    window.workspace.filters.sort_least_confident_first()

    window.workspace.filters.set_spec(FilterSpec(predicted_label=1, review=ReviewFilter.UNREVIEWED, confidence_max=0.95))

    # Predicted 긍정 with confidence at most 95%: rows 5 (0.55), 1 (0.62), 4 (0.91), least confident first.
    assert shown_rows(window) == [5, 1, 4]
    bar = _bar(window)
    assert bar.findChild(QComboBox, "predictedFilterCombo").currentData() == 1
    assert bar.findChild(QSpinBox, "confidenceMaxSpin").value() == 95


def test_clear_filters_button(qtbot, filtered_window):
    window = filtered_window
    window.workspace.filters.set_spec(FilterSpec(text="배송", empty_text=True))
    assert window.proxy.rowCount() == 0

    qtbot.mouseClick(_bar(window).findChild(QToolButton, "clearFiltersButton"), Qt.MouseButton.LeftButton)

    assert window.proxy.rowCount() == len(ROWS)
    assert _bar(window).findChild(QLineEdit, "searchEdit").text() == ""


def test_edit_keeps_row_in_view_until_next_filter_change(qtbot, filtered_window):
    window = filtered_window
    filters = window.workspace.filters
    filters.set_spec(FilterSpec(review=ReviewFilter.UNREVIEWED))
    select_view_rows(window, 0, 0)
    window.table_view.setFocus()

    qtbot.keyClick(window.table_view, Qt.Key.Key_1)

    assert shown_rows(window)[0] == 0
    assert window.table_view.currentIndex().row() == 1
    filters.apply()
    assert 0 not in shown_rows(window)


def test_status_counts(qtbot, filtered_window):
    window = filtered_window
    label = window.findChild(QLabel, "statusCounts")
    window.label_editor.set_label([1], 0)
    window.label_editor.accept_predictions([0, 3])
    window.workspace.filters.set_spec(FilterSpec(text="배송"))
    counts = window.workspace.status_counts

    qtbot.waitUntil(lambda: counts.counts.get("shown") == 3)

    assert counts.counts == {"rows": 8, "shown": 3, "reviewed": 3, "corrected": 1}
    assert label.text() == "8 rows · 3 shown · 3 reviewed · 1 corrected"


def test_new_table_clears_filters(filtered_window, open_file, tmp_path):
    window = filtered_window
    window.workspace.filters.set_spec(FilterSpec(text="배송"))

    open_file(write_csv(tmp_path / "other.csv", ROWS[:3]))

    assert window.workspace.filters.spec == FilterSpec()
    assert window.proxy.rowCount() == 3


def test_changed_by_model_filter_and_button(qtbot, filtered_window):
    window = filtered_window
    check = _bar(window).findChild(QCheckBox, "changedByModelCheck")
    assert check.isHidden()
    changed = np.array([True, False, False, True, False, False, True, False])

    window.document.set_changed_rows(changed)
    check.setChecked(True)

    assert not check.isHidden()
    assert shown_rows(window) == [0, 3, 6]
    window.workspace.filters.set_spec(FilterSpec(changed_by_model=True, predicted_label=0))
    assert shown_rows(window) == [3, 6]
    button = window.findChild(QToolButton, "showChangedRowsButton")
    if button is not None:
        # The fine-tuning's status-bar button drives the same filter.
        assert button.isChecked()
        button.setChecked(False)
        assert not window.workspace.filters.spec.changed_by_model
        assert shown_rows(window) == [3, 6]


def test_filter_bar_wraps_into_two_rows_when_narrow(qtbot, filtered_window):
    window = filtered_window
    bar = _bar(window)
    search = bar.findChild(QLineEdit, "searchEdit")
    check = bar.findChild(QCheckBox, "emptyTextCheck")

    window.resize(bar.one_row_width() + 400, 800)
    qtbot.waitUntil(lambda: check.mapTo(bar, check.rect().topLeft()).y() < search.height())
    one_row_height = bar.height()

    window.resize(bar.minimumWidth() + 40, 800)
    qtbot.waitUntil(lambda: check.mapTo(bar, check.rect().topLeft()).y() >= search.height())
    qtbot.waitUntil(lambda: bar.height() > one_row_height)
    assert check.isVisible()


def test_new_table_of_same_size_shows_every_row(filtered_window, open_file, tmp_path):
    window = filtered_window
    window.workspace.filters.set_spec(FilterSpec(likely_errors=True))
    assert window.proxy.rowCount() < len(ROWS)

    open_file(write_csv(tmp_path / "same_size.csv", list(reversed(ROWS))))

    assert window.proxy.rowCount() == len(ROWS)
    assert not window.proxy.has_custom_sort()
    assert shown_rows(window) == list(range(len(ROWS)))
