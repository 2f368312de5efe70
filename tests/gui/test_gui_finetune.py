"""Fine-tuning from the window: progress, result dialog, activation, cancel, rollback and failures."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from gui_helpers import korean_app_environment, slow_loader, write_csv
from review_labeler.core.annotations import ReviewState
from review_labeler.core.finetune import FinetuneSettings
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import load_model
from review_labeler.core.model_versions import ModelVersions
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table
from review_labeler.gui import dialogs, finetune_flow, finetune_worker
from review_labeler.gui.table_model import Column
from review_labeler.gui.versions_session import data_file_versions_folder, project_versions_folder

BATCH_SIZE = 16
# Rows 0..39 are positive reviews, rows 40..79 negative ones, and the label column contains the true label.
CORRECTED_PER_LABEL = 12
# The small model learns from two dozen rows only with a high learning rate and trainable word
# embeddings; 6 epochs of 8 steps take about a second on one CPU core.
LEARNING_SETTINGS = FinetuneSettings(epochs=6, learning_rate=2e-3, patience=6, freeze_word_embeddings=False)


@pytest.fixture(scope="module")
def trainable_dir(tmp_path_factory):
    return build_trainable_checkpoint(tmp_path_factory.mktemp("finetune-gui") / "model", POSITIVE_REVIEWS + NEGATIVE_REVIEWS)


@pytest.fixture(autouse=True)
def user_data_folder(tmp_path, monkeypatch):
    """Keep versions of tables opened without a project out of the real user data folder."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def notices(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_notice", lambda parent, title, message, **kwargs: shown.append(message))
    return shown


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(finetune_flow, "show_error", lambda parent, title, report: shown.append(report))
    return shown


@pytest.fixture
def reviews_csv(tmp_path):
    rows = [(text, POSITIVE) for text in POSITIVE_REVIEWS] + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS]
    return write_csv(tmp_path / "reviews.csv", rows)


@pytest.fixture
def classified(qtbot, window, open_file, run_classification, reviews_csv, trainable_dir):
    """The window with the invented reviews classified by the small trainable model."""
    open_file(reviews_csv)
    window.source_panel.set_model_folder(trainable_dir)
    window.source_panel.batch_spin.setValue(BATCH_SIZE)
    window.finetune_flow.settings = LEARNING_SETTINGS
    assert run_classification() == "completed"
    return window


def _correct_rows(window, count_per_label=CORRECTED_PER_LABEL, positive_only=False):
    """Give the first rows of each label their true label, as an analyst would."""
    names = window.document.label_names
    positive_rows = np.arange(count_per_label)
    window.label_editor.set_label(positive_rows, names.index(POSITIVE))
    if not positive_only:
        negative_rows = np.arange(len(POSITIVE_REVIEWS), len(POSITIVE_REVIEWS) + count_per_label)
        window.label_editor.set_label(negative_rows, names.index(NEGATIVE))


def _slow_training(monkeypatch, seconds=0.05):
    """Sleep before each progress report of the worker's fine-tune, like a big model on a slow CPU."""
    original = finetune_worker.finetune

    def slowed(*args, progress=None, **kwargs):
        def report(event):
            time.sleep(seconds)
            if progress is not None:
                progress(event)

        return original(*args, progress=report, **kwargs)

    monkeypatch.setattr(finetune_worker, "finetune", slowed)


def _finetune_until_result(qtbot, window, timeout_ms=120_000):
    with qtbot.waitSignal(window.finetune_flow.resultReady, timeout=timeout_ms) as blocker:
        window.model_menu.finetune.trigger()
    return blocker.args[0]


def _registry(window) -> ModelVersions:
    return window.finetune_flow.versions.registry()


def _activate_and_wait(qtbot, window, click, timeout_ms=60_000) -> int:
    with qtbot.waitSignal(window.finetune_flow.activationFinished, timeout=timeout_ms) as blocker:
        click()
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=timeout_ms)
    return blocker.args[1]


def test_finetune_activate_reclassifies_and_marks_changes(qtbot, classified, trainable_dir, user_data_folder):
    window = classified
    _correct_rows(window)
    before = window.document.annotations.predicted.copy()
    steps = []
    window.finetune_flow.progressed.connect(lambda step, total, *rest: steps.append((step, total)))

    outcome = _finetune_until_result(qtbot, window)

    result = outcome.result
    assert steps, "no progress signal reached the window"
    assert steps[-1][0] == result.steps_done
    assert all(total == result.total_steps for _step, total in steps)
    assert outcome.version is not None and outcome.version.id == 1
    assert result.row_counts["corrections"] + result.row_counts["accepted"] == 2 * CORRECTED_PER_LABEL
    dialog = window.finetune_flow.result_dialog
    assert dialog.objectName() == "finetuneResultDialog"
    table = dialog.metrics_table
    assert table.item(0, 0).text() == "Validation set"
    assert table.item(0, 1).text() == str(result.after["validation"].rows)
    assert table.item(0, 2).text() == f"{result.before['validation'].accuracy:.1%}"
    assert table.item(0, 3).text() == f"{result.after['validation'].accuracy:.1%}"
    assert table.item(0, 4).text() == f"{result.before['validation'].macro_f1:.1%}"
    assert table.item(0, 5).text() == f"{result.after['validation'].macro_f1:.1%}"
    assert "Saved as version 1" in dialog.saved_label.text()
    assert str(data_file_versions_folder(window.document.table.source_path)) in dialog.saved_label.text()
    assert str(user_data_folder) in str(_registry(window).folder)
    assert _registry(window).active().id == 0

    changed_count = _activate_and_wait(qtbot, window, lambda: qtbot.mouseClick(dialog.activate_button, Qt.MouseButton.LeftButton))

    registry = _registry(window)
    version_folder = registry.path_of(1)
    expected = classify_texts(load_model(version_folder, device="cpu"), window.document.review_texts(), batch_size=BATCH_SIZE)
    annotations = window.document.annotations
    assert registry.active().id == 1
    assert window.source_panel.model_choice().reference == str(version_folder)
    np.testing.assert_array_equal(annotations.predicted, expected.label_ids)
    expected_changed = before != expected.label_ids
    np.testing.assert_array_equal(window.document.changed_rows, expected_changed)
    assert changed_count == int(expected_changed.sum())
    assert changed_count > 0, "the fine-tuned model changed no prediction, so the mask is not tested"
    # Corrections survive the re-run.
    assert (annotations.corrected[:CORRECTED_PER_LABEL] >= 0).all()

    button = window.findChild(QToolButton, "showChangedRowsButton")
    assert button.isVisible()
    button.click()
    assert window.proxy.rowCount() == changed_count
    shown = window.proxy.shown_source_rows()
    assert expected_changed[shown].all()
    button.click()
    assert window.proxy.rowCount() == window.document.row_count


def test_keep_current_version_saves_without_activating(qtbot, classified, trainable_dir):
    window = classified
    _correct_rows(window)
    predictions = window.document.annotations.predicted.copy()

    _finetune_until_result(qtbot, window)
    dialog = window.finetune_flow.result_dialog
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    registry = _registry(window)
    assert [version.id for version in registry.list()] == [0, 1]
    assert registry.active().id == 0
    assert window.source_panel.model_choice().reference == str(trainable_dir)
    assert not window.flow.is_active()
    np.testing.assert_array_equal(window.document.annotations.predicted, predictions)
    assert window.document.changed_rows is None


def test_worse_version_defaults_to_keep(qtbot, classified, monkeypatch):
    window = classified
    _correct_rows(window)
    original = finetune_worker.finetune

    def judged_worse(*args, **kwargs):
        result = original(*args, **kwargs)
        result.is_worse = True
        result.verdict = ["The new model is less accurate on the held-out rows: 90.0% before, 60.0% after."]
        return result

    monkeypatch.setattr(finetune_worker, "finetune", judged_worse)

    _finetune_until_result(qtbot, window)

    dialog = window.finetune_flow.result_dialog
    assert dialog.keep_button.isDefault()
    assert not dialog.activate_button.isDefault()
    assert "worse" in dialog.verdict_label.text()
    assert "60.0% after" in dialog.verdict_label.text()
    dialog.reject()
    assert _registry(window).active().id == 0


def test_cancel_mid_training_keeps_active_model(qtbot, classified, trainable_dir, monkeypatch):
    window = classified
    _correct_rows(window)
    _slow_training(monkeypatch)
    progress = window.findChild(type(window.model_menu.progress), "finetuneProgress")
    steps = []
    window.finetune_flow.progressed.connect(lambda step, *rest: steps.append(step))
    results = []
    window.finetune_flow.resultReady.connect(results.append)

    window.model_menu.finetune.trigger()
    qtbot.waitUntil(lambda: len(steps) >= 2, timeout=60_000)
    assert progress.isVisible()
    assert "Step" in progress.text_label.text()
    assert "loss" in progress.text_label.text()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.finetune_flow.is_active(), timeout=60_000)

    registry = _registry(window)
    assert results == []
    assert [version.id for version in registry.list()] == [0]
    assert registry.active().id == 0
    assert not [entry.name for entry in registry.folder.iterdir() if entry.name.startswith(".tmp-")]
    assert "cancelled" in window.statusBar().currentMessage()
    assert not progress.isVisible()
    assert len(classify_texts(load_model(registry.path_of(0), device="cpu"), ["배송 빨라요"]).label_ids) == 1
    assert window.actions.run.isEnabled()


def test_table_editable_during_training(qtbot, classified, monkeypatch):
    window = classified
    _correct_rows(window)
    _slow_training(monkeypatch)
    late_row = len(POSITIVE_REVIEWS) - 1
    steps = []
    window.finetune_flow.progressed.connect(lambda step, *rest: steps.append(step))

    with qtbot.waitSignal(window.finetune_flow.resultReady, timeout=120_000) as blocker:
        window.model_menu.finetune.trigger()
        qtbot.waitUntil(lambda: len(steps) >= 1, timeout=60_000)
        assert not window.actions.run.isEnabled()
        assert not window.model_menu.finetune.isEnabled()
        flags = window.table_model.flags(window.table_model.index(late_row, window.table_model.column_of(Column.CORRECTED)))
        assert flags & Qt.ItemFlag.ItemIsEditable
        window.label_editor.set_label([late_row], window.document.label_names.index(NEGATIVE))

    snapshot = window.finetune_flow.last_snapshot
    result = blocker.args[0].result
    assert late_row not in snapshot.rows
    assert len(snapshot) == 2 * CORRECTED_PER_LABEL
    assert result.row_counts["corrections"] + result.row_counts["accepted"] == 2 * CORRECTED_PER_LABEL
    annotations = window.document.annotations
    assert annotations.corrected[late_row] == window.document.label_names.index(NEGATIVE)
    assert annotations.review_state[late_row] != ReviewState.UNREVIEWED
    window.finetune_flow.result_dialog.reject()


def test_rollback_through_versions_dialog(qtbot, classified, trainable_dir):
    window = classified
    _correct_rows(window)
    base_predictions = classify_texts(load_model(trainable_dir, device="cpu"), window.document.review_texts(),
                                      batch_size=BATCH_SIZE)
    _finetune_until_result(qtbot, window)
    dialog = window.finetune_flow.result_dialog
    _activate_and_wait(qtbot, window, dialog.accept)
    assert _registry(window).active().id == 1

    window.model_menu.versions.trigger()
    versions_dialog = window.finetune_flow.versions_dialog
    assert versions_dialog.objectName() == "versionsDialog"
    assert versions_dialog.table.rowCount() == 2
    assert "No project is open" in versions_dialog.location_label.text()
    assert versions_dialog.selected_version_id() == 1
    assert not versions_dialog.activate_button.isEnabled()
    versions_dialog.select_version(0)
    assert versions_dialog.activate_button.isEnabled()
    changed_count = _activate_and_wait(
        qtbot, window, lambda: qtbot.mouseClick(versions_dialog.activate_button, Qt.MouseButton.LeftButton))

    registry = _registry(window)
    assert registry.active().id == 0
    assert window.source_panel.model_choice().reference == str(trainable_dir)
    np.testing.assert_array_equal(window.document.annotations.predicted, base_predictions.label_ids)
    assert changed_count == int(window.document.changed_rows.sum())
    active_cells = [versions_dialog.table.item(row, 1).text() for row in range(versions_dialog.table.rowCount())]
    assert active_cells == ["", "✓"]
    versions_dialog.close()


def test_single_label_corrections_show_message(qtbot, classified, notices):
    window = classified
    _correct_rows(window, positive_only=True)

    window.model_menu.finetune.trigger()

    assert len(notices) == 1
    assert "only one label" in notices[0]
    assert not window.finetune_flow.is_active()
    assert not window.finetune_flow.job.is_running()


def test_too_few_corrections_show_message(qtbot, classified, notices):
    window = classified
    _correct_rows(window, count_per_label=2)

    window.model_menu.finetune.trigger()

    assert len(notices) == 1
    assert "at least 10" in notices[0]
    assert not window.finetune_flow.is_active()


def test_finetune_disabled_while_classifying(qtbot, classified, trainable_dir, tmp_path):
    window = classified
    window.flow.model_session.loader = slow_loader(trainable_dir, seconds=0.05)
    # Another reference than the cached model, so the slow loader runs.
    window.source_panel.set_model_folder(tmp_path / "slow-model")

    with qtbot.waitSignal(window.flow.runFinished, timeout=120_000):
        window.actions.run.trigger()
        assert not window.model_menu.finetune.isEnabled()
        window.model_menu.finetune.trigger()
        assert not window.finetune_flow.is_active()
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=10_000)
    assert window.model_menu.finetune.isEnabled()


def test_worker_exception_keeps_active_model(qtbot, classified, errors, monkeypatch):
    window = classified
    _correct_rows(window)

    def broken(*args, **kwargs):
        raise RuntimeError("simulated crash during training")

    monkeypatch.setattr(finetune_worker, "finetune", broken)

    window.model_menu.finetune.trigger()
    qtbot.waitUntil(lambda: not window.finetune_flow.is_active(), timeout=60_000)

    registry = _registry(window)
    assert len(errors) == 1
    assert errors[0].error_type == "RuntimeError"
    assert "simulated crash" in errors[0].details
    assert [version.id for version in registry.list()] == [0]
    assert registry.active().id == 0
    assert len(classify_texts(load_model(registry.path_of(0), device="cpu"), ["배송 빨라요"]).label_ids) == 1
    assert window.actions.run.isEnabled()


def test_crash_while_saving_keeps_active_version(qtbot, classified, monkeypatch):
    from review_labeler.core import model_versions

    window = classified
    _correct_rows(window)
    original = model_versions.write_checkpoint_files

    def crash_half_way(model, tokenizer, folder):
        original(model, tokenizer, folder)
        (folder / "model.safetensors").write_bytes(b"truncated")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_versions, "write_checkpoint_files", crash_half_way)

    outcome = _finetune_until_result(qtbot, window)

    dialog = window.finetune_flow.result_dialog
    registry = _registry(window)
    assert outcome.version is None
    assert outcome.save_error is not None
    assert "could not be saved" in dialog.saved_label.text()
    assert not dialog.activate_button.isEnabled()
    assert dialog.keep_button.isDefault()
    assert [version.id for version in registry.list()] == [0]
    assert registry.active().id == 0
    assert sorted(entry.name for entry in registry.folder.iterdir()) == ["registry.json"]
    assert len(classify_texts(load_model(registry.path_of(0), device="cpu"), ["배송 빨라요"]).label_ids) == 1
    dialog.reject()


def test_close_during_training_asks_cancels_and_waits(qtbot, classified, answers, monkeypatch, capfd):
    window = classified
    window.document.has_unexported_edits = False
    _correct_rows(window)
    window.document.has_unexported_edits = False
    _slow_training(monkeypatch)
    steps = []
    window.finetune_flow.progressed.connect(lambda step, *rest: steps.append(step))

    window.model_menu.finetune.trigger()
    qtbot.waitUntil(lambda: len(steps) >= 1, timeout=60_000)
    thread = window.finetune_flow.job._thread
    window.close()

    assert answers.questions == ["Fine-tuning is running. Stop it and quit? The current model stays active and nothing is saved."]
    assert not window.finetune_flow.job.is_running()
    assert thread.isFinished()
    assert [version.id for version in _registry(window).list()] == [0]
    assert "QThread: Destroyed" not in capfd.readouterr().err


def test_close_refused_keeps_training(qtbot, classified, answers, monkeypatch):
    window = classified
    _correct_rows(window)
    _slow_training(monkeypatch, seconds=0.02)
    answers.answer = False

    with qtbot.waitSignal(window.finetune_flow.resultReady, timeout=120_000):
        window.model_menu.finetune.trigger()
        window.close()
        assert window.isVisible()

    assert answers.questions[0].startswith("Fine-tuning is running")
    window.finetune_flow.result_dialog.reject()


def test_known_labels_join_training_when_ticked(qtbot, classified):
    window = classified
    window.source_panel.label_combo.setCurrentIndex(window.source_panel.label_combo.findData("라벨"))
    window.document.set_columns(window.document.review_column, "라벨")
    _correct_rows(window, count_per_label=3)
    window.model_menu.include_known.setChecked(True)

    outcome = _finetune_until_result(qtbot, window)

    snapshot = window.finetune_flow.last_snapshot
    assert snapshot.count("known") == window.document.row_count - 6
    assert outcome.result.row_counts["known"] == window.document.row_count - 6
    names = list(snapshot.label_names)
    for row, label_id, kind in zip(snapshot.rows, snapshot.label_ids, snapshot.kinds):
        if kind == "known":
            assert names[label_id] == (POSITIVE if row < len(POSITIVE_REVIEWS) else NEGATIVE)
    window.finetune_flow.result_dialog.reject()


def test_project_keeps_versions_beside_it(qtbot, classified, reviews_csv, tmp_path):
    window = classified
    table = read_table(reviews_csv)
    project_path = tmp_path / "작업.rlproj"
    store = ProjectStore.create(project_path, table, "리뷰", "라벨", str(window.source_panel.model_choice().reference),
                                window.document.label_names)
    try:
        window.finetune_flow.versions.set_project(store)
        _correct_rows(window)
        _finetune_until_result(qtbot, window)
        _activate_and_wait(qtbot, window, window.finetune_flow.result_dialog.accept)

        registry = _registry(window)
        assert registry.folder == project_versions_folder(project_path)
        assert registry.folder == tmp_path / "작업.models"
        assert registry.active().id == 1
        assert store.info.model_version == "1"
        assert store.info.model_ref == registry.get(1).base_model

        window.model_menu.versions.trigger()
        assert "beside the project file" in window.finetune_flow.versions_dialog.location_label.text()
        window.finetune_flow.versions_dialog.close()
    finally:
        window.finetune_flow.versions.set_project(None)
        store.close()

    with ProjectStore.open(project_path, read_only=True) as reopened:
        assert reopened.info.model_version == "1"


def test_edit_during_training_reaches_project(qtbot, classified, reviews_csv, tmp_path, monkeypatch):
    window = classified
    table = read_table(reviews_csv)
    project_path = tmp_path / "작업.rlproj"
    store = ProjectStore.create(project_path, table, "리뷰", "라벨", str(window.source_panel.model_choice().reference),
                                window.document.label_names)
    window.workspace.session.attach(store)
    _correct_rows(window)
    _slow_training(monkeypatch)
    late_row = len(POSITIVE_REVIEWS) - 2
    negative = window.document.label_names.index(NEGATIVE)
    steps = []
    window.finetune_flow.progressed.connect(lambda step, *rest: steps.append(step))

    with qtbot.waitSignal(window.finetune_flow.resultReady, timeout=120_000):
        window.model_menu.finetune.trigger()
        qtbot.waitUntil(lambda: len(steps) >= 1, timeout=60_000)
        window.label_editor.set_label([late_row], negative)

    assert late_row not in window.finetune_flow.last_snapshot.rows
    logged = store.corrections(row=late_row)
    assert [record.label_id for record in logged] == [negative]
    assert window.finetune_flow.versions.folder() == project_versions_folder(project_path)
    window.finetune_flow.result_dialog.reject()
    window.workspace.session.detach()


@pytest.mark.slow
def test_close_during_training_exits_cleanly(trainable_dir, reviews_csv, tmp_path):
    script = Path(__file__).with_name("close_while_finetuning_app.py")
    result_file = tmp_path / "result.json"
    home = tmp_path / "home"
    home.mkdir()
    # A Korean system: the question must come in Korean.
    environment = korean_app_environment(home)

    completed = subprocess.run(
        [sys.executable, str(script), str(reviews_csv), str(trainable_dir), str(result_file)],
        env=environment, capture_output=True, text=True, timeout=300,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "QThread: Destroyed" not in completed.stderr
    record = json.loads(result_file.read_text(encoding="utf-8"))
    assert record["questions"] == ["재학습 중입니다. 중단하고 종료할까요? 현재 모델은 그대로이고 아무것도 저장하지 않습니다."]
    assert record["closed_at_step"] >= 2
    assert record["job_running"] is False
    assert record["versions"] == [0]
    assert record["active"] == 0
    log_text = next(home.rglob("review-labeler.log")).read_text(encoding="utf-8")
    assert "Cancelling fine-tune" in log_text
    assert "exiting with code 0" in log_text
