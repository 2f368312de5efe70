"""Faults seen from the window: broken models, pickle weights, Excel limits, full disks and failing workers.

In every case the window shows a message, keeps running, and the next action succeeds.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import logging
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from review_labeler.core import export as export_module
from review_labeler.core.inference import RowStatus
from review_labeler.core.model_loading import load_model
from review_labeler.core.table_reader import read_table
from review_labeler.gui import dialogs, export_flow, log_setup
from review_labeler.gui.error_dialog import ErrorDialog
from review_labeler.gui.export_flow import ExportTarget

from gui_helpers import invented_reviews, write_csv

BATCH_SIZE = 8


def _error_dialog() -> ErrorDialog | None:
    found = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ErrorDialog) and widget.isVisible()]
    return found[-1] if found else None


def _wait_for_error(qtbot) -> ErrorDialog:
    qtbot.waitUntil(lambda: _error_dialog() is not None, timeout=30_000)
    return _error_dialog()


def _run_with(qtbot, window, folder: Path) -> str:
    window.source_panel.set_model_folder(folder)
    window.source_panel.batch_spin.setValue(BATCH_SIZE)
    with qtbot.waitSignal(window.flow.runFinished, timeout=60_000) as finished:
        window.actions.run.trigger()
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=30_000)
    return finished.args[0]


def _broken_model(tiny_bert_dir: Path, target: Path, kind: str) -> Path:
    shutil.copytree(tiny_bert_dir, target)
    config_path = target / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if kind == "no tokenizer files":
        for name in ("tokenizer.json", "vocab.txt"):
            (target / name).unlink()
    elif kind == "num_labels differs from id2label":
        config["num_labels"] = 3
    elif kind == "tokenizer of another model":
        vocabulary = (target / "vocab.txt").read_text(encoding="utf-8").splitlines()
        (target / "vocab.txt").write_text("\n".join(vocabulary + [f"extra{n}" for n in range(500)]) + "\n", encoding="utf-8")
        (target / "tokenizer.json").unlink()
    elif kind == "weights cut short":
        data = (target / "model.safetensors").read_bytes()
        (target / "model.safetensors").write_bytes(data[:1000])
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("no tokenizer files", "contains no tokenizer files"),
        ("num_labels differs from id2label", "the config says num_labels = 3, but id2label has 2 entries"),
        ("tokenizer of another model", "The tokenizer does not belong to this model"),
        ("weights cut short", "is damaged or incomplete"),
    ],
)
def test_broken_model_shown_then_good_model_runs(qtbot, window, open_file, tiny_bert_dir, tmp_path, kind, message):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(12)))
    broken = _broken_model(tiny_bert_dir, tmp_path / "broken model", kind)

    window.source_panel.set_model_folder(broken)
    window.actions.run.trigger()
    dialog = _wait_for_error(qtbot)

    assert dialog.report.error_type == "ModelLoadError"
    assert message in dialog.report.summary
    assert str(broken) in dialog.report.summary
    assert (window.document.annotations.status == RowStatus.PENDING).all()
    dialog.close()

    assert _run_with(qtbot, window, tiny_bert_dir) == "completed"
    assert (window.document.annotations.status == RowStatus.CLASSIFIED).all()


@pytest.fixture
def pickle_only_model(tiny_bert_dir, tmp_path) -> Path:
    folder = tmp_path / "pickle model"
    shutil.copytree(tiny_bert_dir, folder)
    state = load_model(tiny_bert_dir, device="cpu").model.state_dict()
    torch.save({name: tensor.clone() for name, tensor in state.items()}, folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()
    return folder


def test_pickle_weights_load_after_warned_opt_in(qtbot, window, open_file, answers, pickle_only_model, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(6)))
    answers.answer = True

    outcome = _run_with(qtbot, window, pickle_only_model)

    assert outcome == "completed"
    assert len(answers.questions) == 1
    assert "contains only pickle weights" in answers.questions[0]
    assert "can run any program hidden in the file" in answers.questions[0]
    assert (window.document.annotations.status == RowStatus.CLASSIFIED).all()
    assert _error_dialog() is None


def test_pickle_weights_declined_loads_nothing(qtbot, window, open_file, answers, pickle_only_model, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(6)))
    answers.answer = False
    window.source_panel.set_model_folder(pickle_only_model)
    messages = []
    window.flow.statusMessage.connect(messages.append)

    window.actions.run.trigger()
    qtbot.waitUntil(lambda: len(answers.questions) == 1 and not window.flow.is_active(), timeout=30_000)

    assert _error_dialog() is None
    assert messages[-1] == "The model was not loaded, because its pickle weights were not allowed."
    assert (window.document.annotations.status == RowStatus.PENDING).all()
    assert window.actions.run.isEnabled()
    # The same window then runs a safetensors model without asking.
    assert _run_with(qtbot, window, tiny_bert_dir) == "completed"
    assert len(answers.questions) == 1


def test_out_of_memory_shown_and_app_keeps_running(qtbot, window, open_file, tiny_bert_dir, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(6)))
    loaded = load_model(tiny_bert_dir, device="cpu")

    class OutOfMemory(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = loaded.model.config

        def forward(self, **inputs):
            raise torch.OutOfMemoryError("CUDA out of memory (simulated by the test)")

    window.flow.model_session.loader = lambda reference, device="auto": dataclasses.replace(loaded, model=OutOfMemory())

    outcome = _run_with(qtbot, window, tiny_bert_dir)
    dialog = _wait_for_error(qtbot)

    assert outcome == "failed"
    assert dialog.report.error_type == "InferenceError"
    assert "Out of GPU memory even for row" in dialog.report.summary
    assert "Run on the CPU or lower the maximum length" in dialog.report.summary
    dialog.close()
    # Another folder, so that the session loads a model instead of reusing the broken one.
    window.flow.model_session.loader = load_model
    assert _run_with(qtbot, window, shutil.copytree(tiny_bert_dir, tmp_path / "good model")) == "completed"


# --------------------------------------------------------------------------- export


class TargetChooser:
    """Replaces the save dialog: returns queued targets and records the preferred formats."""

    def __init__(self) -> None:
        self.targets: list[ExportTarget] = []
        self.preferred: list[str] = []

    def __call__(self, parent, suggested, preferred="xlsx"):
        self.preferred.append(preferred)
        return self.targets.pop(0) if self.targets else None


class ChoiceRecorder:
    """Replaces :func:`dialogs.ask_choice`: records each question and answers with ``answer``."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.questions: list[tuple[str, list[tuple[str, str]]]] = []

    def __call__(self, parent, title, question, choices):
        self.questions.append((question, choices))
        return self.answer


@pytest.fixture
def chooser(monkeypatch) -> TargetChooser:
    chooser = TargetChooser()
    monkeypatch.setattr(export_flow, "choose_export_target", chooser)
    return chooser


@pytest.mark.parametrize("answer", ["split", "csv"])
def test_too_many_rows_offers_split_and_csv(qtbot, window, open_file, chooser, monkeypatch, tmp_path, answer):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(25)))
    # An Excel sheet of 11 rows has room for a header and 10 data rows.
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    choice = ChoiceRecorder(answer)
    monkeypatch.setattr(dialogs, "ask_choice", choice)
    chooser.targets.extend([ExportTarget(tmp_path / "labelled.xlsx", "xlsx"), ExportTarget(tmp_path / "labelled.csv", "csv")])

    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000) as exported:
        window.actions.export.trigger()

    question, choices = choice.questions[0]
    assert "25 rows do not fit into an Excel sheet (at most 10 data rows)" in question
    assert "labelled_1.xlsx, labelled_2.xlsx" in question
    assert [key for key, _label in choices] == ["csv", "split"]
    assert not (tmp_path / "labelled.xlsx").exists()
    expected = [text for text, _label in invented_reviews(25)]
    if answer == "split":
        parts = [tmp_path / f"labelled_{number}.xlsx" for number in (1, 2, 3)]
        assert exported.args[0].parts == parts
        assert [read_table(part).row_count for part in parts] == [10, 10, 5]
        assert sum((read_table(part).column_values("리뷰") for part in parts), []) == expected
    else:
        assert chooser.preferred == ["xlsx", "csv"]
        assert read_table(tmp_path / "labelled.csv").column_values("리뷰") == expected


def test_split_declined_writes_nothing(qtbot, window, open_file, chooser, monkeypatch, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(25)))
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    choice = ChoiceRecorder(None)
    monkeypatch.setattr(dialogs, "ask_choice", choice)
    chooser.targets.append(ExportTarget(tmp_path / "labelled.xlsx", "xlsx"))

    window.actions.export.trigger()
    qtbot.waitUntil(lambda: len(choice.questions) == 1 and not window.export_flow.is_busy(), timeout=30_000)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["reviews.csv"]


def test_disk_full_export_shown_then_retry_elsewhere(qtbot, window, open_file, chooser, monkeypatch, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(8)))
    target = tmp_path / "labelled.xlsx"
    target.write_bytes(b"previous export")
    real_fsync = os.fsync

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    chooser.targets.append(ExportTarget(target, "xlsx"))

    window.actions.export.trigger()
    dialog = _wait_for_error(qtbot)

    assert dialog.report.summary == f"The disk is full; {target} was not written. Free some space or choose another drive."
    assert target.read_bytes() == b"previous export"
    dialog.close()

    monkeypatch.setattr(os, "fsync", real_fsync)
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    chooser.targets.append(ExportTarget(elsewhere / "labelled.xlsx", "xlsx"))
    qtbot.waitUntil(lambda: window.actions.export.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(window.export_flow.exported, timeout=30_000):
        window.actions.export.trigger()
    assert read_table(elsewhere / "labelled.xlsx").row_count == 8


# --------------------------------------------------------------------------- opening files


def test_password_protected_file_shown_then_next_file_opens(qtbot, window, open_file, tmp_path):
    from reliability_helpers import crafted_encrypted_workbook

    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(crafted_encrypted_workbook())

    window.open_file(locked)
    dialog = _wait_for_error(qtbot)

    assert dialog.report.summary.startswith("locked.xlsx is password-protected")
    assert window.document.table is None
    dialog.close()
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(3)))
    assert window.document.row_count == 3


# --------------------------------------------------------------------------- logging


@pytest.fixture
def log_folder(tmp_path):
    """Configure the app's rotating log in a temporary folder and undo it afterwards."""
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    level_before = root.level
    folder = tmp_path / "logs"
    log_file = log_setup.configure_logging(folder)
    yield log_file
    for handler in root.handlers[len(handlers_before):]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level_before)
    qInstallMessageHandler(None)
    log_setup._current_log_file = None


def test_log_file_rotates_in_user_log_folder(log_folder):
    handlers = [handler for handler in logging.getLogger().handlers if isinstance(handler, logging.handlers.RotatingFileHandler)]

    assert log_folder.name == log_setup.LOG_FILE_NAME
    assert handlers[-1].baseFilename == str(log_folder)
    assert handlers[-1].maxBytes == log_setup.MAX_LOG_BYTES
    assert handlers[-1].backupCount == log_setup.LOG_BACKUPS
    assert "review" in str(log_setup.log_directory()).lower()


def test_worker_failure_logged_and_copyable(qtbot, window, open_file, tiny_bert_dir, tmp_path, log_folder):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(5)))
    loaded = load_model(tiny_bert_dir, device="cpu")

    def broken_forward(**_inputs):
        raise RuntimeError("simulated kernel failure")

    loaded.model.forward = broken_forward
    window.flow.model_session.loader = lambda reference, device="auto": loaded

    outcome = _run_with(qtbot, window, tiny_bert_dir)
    dialog = _wait_for_error(qtbot)
    dialog.copy_button.click()

    assert outcome == "failed"
    assert window.isVisible()
    assert dialog.report.summary == "An unexpected error occurred (RuntimeError). The details are in the log file."
    copied = QGuiApplication.clipboard().text()
    assert "simulated kernel failure" in copied
    assert f"Log file: {log_folder}" in copied
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_folder.read_text(encoding="utf-8")
    assert "Classification run" in logged
    assert "RuntimeError: simulated kernel failure" in logged
    dialog.close()
    assert np.all(window.document.annotations.status != RowStatus.CLASSIFIED)
