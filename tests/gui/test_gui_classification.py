"""Classification from the window: alignment with the core, sorting during a run, cancel, errors."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolButton

from review_labeler.core.inference import RowStatus, classify_texts
from review_labeler.core.model_loading import load_model
from review_labeler.gui.table_model import Column

from conftest import REVIEWS_500
from gui_helpers import invented_reviews, slow_loader, write_csv

BATCH_SIZE = 8


@pytest.fixture
def direct_result(tiny_bert):
    """Classify a file's review texts with the core directly, as the reference for the window."""

    def classify(texts):
        return classify_texts(tiny_bert, texts, batch_size=BATCH_SIZE)

    return classify


def _choose_model(window, folder, batch_size=BATCH_SIZE):
    window.source_panel.set_model_folder(folder)
    window.source_panel.batch_spin.setValue(batch_size)


def _column(window, column: Column) -> int:
    return window.table_model.column_of(column)


def _assert_view_matches(window, reference, only_classified=False):
    """Check every view row against the reference result of the source row it names."""
    proxy = window.proxy
    annotations = window.document.annotations
    row_column = _column(window, Column.ROW)
    predicted_column = _column(window, Column.PREDICTED)
    for view_row in range(proxy.rowCount()):
        source_row = int(proxy.index(view_row, row_column).data()) - 1
        if only_classified and annotations.status[source_row] != RowStatus.CLASSIFIED:
            continue
        expected = reference.label_names[reference.label_ids[source_row]] if reference.label_ids[source_row] >= 0 else ""
        assert proxy.index(view_row, predicted_column).data() == expected, f"view row {view_row} (source row {source_row})"


def test_run_matches_direct_core_call(qtbot, window, open_file, run_classification, tiny_bert_dir, direct_result, tmp_path):
    rows = invented_reviews(40) + [("", "긍정")]
    path = write_csv(tmp_path / "reviews.csv", rows, encoding="cp949")
    open_file(path)
    _choose_model(window, tiny_bert_dir)

    outcome = run_classification()

    reference = direct_result(window.document.review_texts())
    annotations = window.document.annotations
    assert outcome == "completed"
    assert annotations.label_names == reference.label_names
    np.testing.assert_array_equal(annotations.predicted, reference.label_ids)
    np.testing.assert_allclose(annotations.probabilities, reference.probabilities, atol=1e-5, equal_nan=True)
    np.testing.assert_array_equal(annotations.status, reference.status)
    assert annotations.status[-1] == RowStatus.NO_TEXT
    status_column = _column(window, Column.STATUS)
    assert window.proxy.index(40, status_column).data() == "No text"
    _assert_view_matches(window, reference)


def test_run_button_runs_classification(qtbot, window, open_file, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(10)))
    _choose_model(window, tiny_bert_dir)
    button = window.findChild(QToolButton, "runButton")
    assert button.isEnabled()

    with qtbot.waitSignal(window.flow.runFinished, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert (window.document.annotations.status == RowStatus.CLASSIFIED).all()
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=10_000)


def test_sorted_view_stays_aligned_during_and_after_run(qtbot, window, open_file, tiny_bert_dir, direct_result):
    open_file(REVIEWS_500)
    window.flow.model_session.loader = slow_loader(tiny_bert_dir, seconds=0.02)
    _choose_model(window, tiny_bert_dir)
    reference = direct_result(window.document.review_texts())
    confidence_column = _column(window, Column.CONFIDENCE)
    batches = []
    window.document.rowsChanged.connect(batches.append)

    with qtbot.waitSignal(window.flow.runFinished, timeout=120_000):
        window.actions.run.trigger()
        qtbot.waitUntil(lambda: len(batches) >= 1, timeout=60_000)
        window.table_view.sortByColumn(confidence_column, Qt.SortOrder.DescendingOrder)
        seen = len(batches)
        qtbot.waitUntil(lambda: len(batches) > seen or not window.flow.job.is_running(), timeout=60_000)
        _assert_view_matches(window, reference, only_classified=True)

    assert len(batches) >= 2
    _assert_view_matches(window, reference)
    # The finished run re-sorts the view by the final confidences.
    confidences = [
        float(window.proxy.index(row, confidence_column).data().rstrip("%")) for row in range(window.proxy.rowCount())
    ]
    assert confidences == sorted(confidences, reverse=True)


def test_cancel_keeps_done_rows_and_pending_rest(qtbot, window, open_file, tiny_bert_dir, direct_result):
    open_file(REVIEWS_500)
    window.flow.model_session.loader = slow_loader(tiny_bert_dir, seconds=0.05)
    _choose_model(window, tiny_bert_dir)
    reference = direct_result(window.document.review_texts())
    cancel_button = window.findChild(QToolButton, "cancelButton")

    with qtbot.waitSignal(window.flow.runFinished, timeout=120_000) as finished:
        window.actions.run.trigger()
        qtbot.waitUntil(lambda: (window.document.annotations.status == RowStatus.CLASSIFIED).sum() >= 16, timeout=60_000)
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)

    annotations = window.document.annotations
    done = annotations.status == RowStatus.CLASSIFIED
    pending = annotations.status == RowStatus.PENDING
    assert finished.args[0] == "cancelled"
    assert 16 <= done.sum() < 500
    assert pending.sum() == 500 - done.sum()
    np.testing.assert_array_equal(annotations.predicted[done], reference.label_ids[done])
    assert (annotations.predicted[pending] == -1).all()
    status_column = _column(window, Column.STATUS)
    first_pending = int(np.flatnonzero(pending)[0])
    assert window.table_model.index(first_pending, status_column).data() == "Not classified"
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=10_000)
    assert "Cancelled" in window.statusBar().currentMessage()


def _os_thread_count() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs /proc to count threads")
def test_ten_start_cancel_cycles_leave_no_threads(qtbot, window, open_file, run_classification, tiny_bert_dir):
    open_file(REVIEWS_500)
    window.flow.model_session.loader = slow_loader(tiny_bert_dir, seconds=0.03)
    _choose_model(window, tiny_bert_dir)
    # One full run first, so that threads torch starts lazily exist before the baseline.
    run_classification()
    baseline = _os_thread_count()

    for _cycle in range(10):
        progressed = []
        window.flow.progressed.connect(lambda *args, store=progressed: store.append(args))
        window.actions.run.trigger()
        qtbot.waitUntil(lambda: bool(progressed), timeout=60_000)
        window.actions.cancel.trigger()
        qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=60_000)

    qtbot.waitUntil(lambda: _os_thread_count() <= baseline, timeout=10_000)
    assert _os_thread_count() == baseline
    assert not window.flow.job.is_running()


def test_job_restart_while_cancelling_drops_old_results(qtbot, window, open_file, tiny_bert_dir, direct_result):
    open_file(REVIEWS_500)
    loader = slow_loader(tiny_bert_dir, seconds=0.03)
    loaded = loader(str(tiny_bert_dir))
    reference = direct_result(window.document.review_texts())
    job = window.flow.job
    outcomes = []
    job.finished.connect(lambda outcome, _result: outcomes.append(outcome))
    window.document.prepare_run(loaded.label_names)

    job.start(loaded, window.document.review_texts(), BATCH_SIZE)
    qtbot.waitUntil(lambda: (window.document.annotations.status == RowStatus.CLASSIFIED).any(), timeout=60_000)
    job.cancel()
    # The first run is still finishing its batch, so the second one queues behind it.
    window.document.prepare_run(loaded.label_names)
    job.start(loaded, window.document.review_texts(), BATCH_SIZE)
    qtbot.waitUntil(lambda: not job.is_running(), timeout=120_000)

    assert outcomes == ["completed"]
    np.testing.assert_array_equal(window.document.annotations.predicted, reference.label_ids)


def test_model_load_error_shown(qtbot, window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(5)))
    empty_folder = tmp_path / "not_a_model"
    empty_folder.mkdir()
    _choose_model(window, empty_folder)

    window.actions.run.trigger()

    qtbot.waitUntil(lambda: _error_dialog() is not None, timeout=30_000)
    dialog = _error_dialog()
    assert dialog.report.error_type == "ModelLoadError"
    assert "not_a_model" in dialog.report.summary
    assert not window.flow.is_active()
    assert window.actions.run.isEnabled()
    assert (window.document.annotations.status == RowStatus.PENDING).all()

    dialog.details_button.click()
    assert dialog.details_view.isVisible()
    assert "ModelLoadError" in dialog.details_view.toPlainText()
    dialog.copy_button.click()
    assert "ModelLoadError" in QGuiApplication.clipboard().text()
    dialog.close()


def test_failure_in_worker_shows_details(qtbot, window, open_file, tiny_bert_dir, tmp_path, monkeypatch):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(5)))
    _choose_model(window, tiny_bert_dir)
    loaded = load_model(tiny_bert_dir, device="cpu")

    def broken_forward(**_inputs):
        raise RuntimeError("simulated kernel failure")

    monkeypatch.setattr(loaded.model, "forward", broken_forward)
    window.flow.model_session.loader = lambda reference, device="auto": loaded

    with qtbot.waitSignal(window.flow.runFinished, timeout=60_000) as finished:
        window.actions.run.trigger()

    assert finished.args[0] == "failed"
    qtbot.waitUntil(lambda: _error_dialog() is not None, timeout=10_000)
    dialog = _error_dialog()
    assert "RuntimeError" in dialog.report.summary
    assert "simulated kernel failure" in dialog.report.details
    assert window.isVisible()
    dialog.close()


def _error_dialog():
    from review_labeler.gui.error_dialog import ErrorDialog

    dialogs = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ErrorDialog) and widget.isVisible()]
    return dialogs[-1] if dialogs else None
