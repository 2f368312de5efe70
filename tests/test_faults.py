"""Faults: processes killed mid-work, full disks, denied writes, out-of-memory and broken models.

Kill tests run the real work in a child process and end it with SIGKILL, as a crash or a
power-off would, then check from the outside what is left. No file under a name shown to the
user may be half-written: an output is absent or complete, a project opens with its saved work,
and the active model version loads. A killed writer cannot remove its temporary file, so a hidden
``.NAME.PID.XXXX.part`` may remain beside an export target; the next export removes it.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import torch

from review_labeler.core import atomic_file, cli, export as export_module, model_versions
from review_labeler.core.annotations import ReviewState
from review_labeler.core.errors import ExportError, InferenceError, ModelLoadError, ProjectError
from review_labeler.core.export import export_table
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import load_model
from review_labeler.core.model_versions import ModelVersions, recover_interrupted_swap
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table

from reliability_helpers import LABELS, REVIEWS, hidden_files, predicted_annotations, review_table

TESTS_DIR = Path(__file__).parent
CHILD_TIMEOUT_S = 240
needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


# --------------------------------------------------------------------------- child processes


class Child:
    """A child process whose stdout lines and raw stderr are collected by reader threads."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        environment = dict(os.environ, PYTHONUNBUFFERED="1", OMP_NUM_THREADS="1", PYTHONPATH=str(TESTS_DIR))
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        self.lines: list[str] = []
        self.errors = bytearray()
        self._threads = [
            threading.Thread(target=self._read_lines, daemon=True),
            threading.Thread(target=self._read_errors, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_lines(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.decode("utf-8", "replace").strip())

    def _read_errors(self) -> None:
        while chunk := self.process.stderr.read1(4096):
            self.errors.extend(chunk)

    def wait_until(self, condition, what: str) -> None:
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"child ended ({self.process.returncode}) before {what}: {self.errors.decode()[-2000:]}")
            if time.monotonic() > deadline:
                self.process.kill()
                pytest.fail(f"child did not reach {what} within {CHILD_TIMEOUT_S} s")
            time.sleep(0.01)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=60)
        for thread in self._threads:
            thread.join(timeout=60)
        assert self.process.returncode == -signal.SIGKILL, f"child ended on its own: {self.errors.decode()[-2000:]}"

    def count(self, prefix: str) -> int:
        return sum(line.startswith(prefix) for line in self.lines)


def python_child(script: str, *arguments: str, cwd: Path) -> Child:
    return Child([sys.executable, "-c", script, *arguments], cwd)


def review_labeler_command() -> list[str]:
    """Return the installed ``review-labeler`` script, or the module that it runs."""
    script = Path(sys.executable).with_name("review-labeler")
    return [str(script)] if script.exists() else [sys.executable, "-m", "review_labeler.core.cli"]


def write_reviews_csv(path: Path, rows: int, *, labelled: bool = False) -> Path:
    lines = ["id,review,label"] if labelled else ["id,review"]
    for row in range(rows):
        text = " ".join([REVIEWS[row % len(REVIEWS)]] * (1 + row % 6))
        lines.append(f"{row},{text},{LABELS[row % 2]}" if labelled else f"{row},{text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- killed during work


@needs_sigkill
@pytest.mark.slow
def test_predict_killed_while_classifying_leaves_no_output(tmp_path, tiny_bert_dir):
    source = write_reviews_csv(tmp_path / "reviews.csv", 20_000)
    output = tmp_path / "labelled.xlsx"
    command = review_labeler_command() + [
        "predict", str(source), "--output", str(output), "--model", str(tiny_bert_dir), "--device", "cpu",
        "--batch-size", "2",
    ]
    child = Child(command, tmp_path)
    progress = re.compile(rb"(\d+)/(\d+) \[")

    def classifying() -> bool:
        counts = [(int(done), int(total)) for done, total in progress.findall(bytes(child.errors))]
        return any(0 < done < total for done, total in counts)

    child.wait_until(classifying, "classification progress")
    child.kill()

    assert not output.exists()
    assert hidden_files(tmp_path) == []

    # Running the same command again (with bigger batches, to be quick) gives the complete file.
    assert cli.run(command[len(review_labeler_command()):] + ["--batch-size", "64", "-q"]) == 0
    assert read_table(output).row_count == 20_000


EXPORT_CHILD = r"""
import itertools
import sys
from pathlib import Path

from reliability_helpers import predicted_annotations, review_table
from review_labeler.core.export import export_table

target, rows = Path(sys.argv[1]), int(sys.argv[2])
table = review_table(target.parent / "source.csv", rows)
annotations = predicted_annotations(rows)
print("ready", flush=True)
for number in itertools.count():
    export_table(table, annotations, target)
    print(f"exported {number}", flush=True)
"""


@needs_sigkill
@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_killed_leaves_old_or_complete_file(tmp_path, suffix):
    rows = 6000
    target = tmp_path / f"labelled{suffix}"
    seed = random.SystemRandom().randrange(10_000)
    delays = random.Random(seed).sample([0.0, 0.05, 0.2, 0.5, 0.9, 1.4], 3)
    expected_ids = [f"{row:05d}" for row in range(rows)]

    for delay in delays:
        child = python_child(EXPORT_CHILD, str(target), str(rows), cwd=tmp_path)
        child.wait_until(lambda: child.count("ready"), "ready")
        time.sleep(delay)
        child.kill()

        # Whatever the moment of the kill, the target is either absent or a complete export.
        if target.exists():
            table = read_table(target)
            assert table.column_values("id") == expected_ids, f"seed {seed}, delay {delay}"
            assert table.column_values("predicted_label")[:2] == LABELS
        else:
            assert child.count("exported") == 0, f"seed {seed}: a finished export is missing"

    # The next export succeeds and removes what the killed writers left behind.
    table = review_table(tmp_path / "source.csv", rows)
    export_table(table, predicted_annotations(rows), target)
    assert hidden_files(tmp_path) == []
    assert read_table(target).column_values("id") == expected_ids


SAVE_CHECKPOINT_CHILD = r"""
import itertools
import sys
from pathlib import Path

import torch

from review_labeler.core.model_loading import load_model
from review_labeler.core.model_versions import save_checkpoint_atomically

source, target = sys.argv[1], Path(sys.argv[2])
loaded = load_model(source, device="cpu")
print("ready", flush=True)
for number in itertools.count():
    with torch.no_grad():
        loaded.model.classifier.bias.fill_(float(number))
    save_checkpoint_atomically(loaded.model, loaded.tokenizer, target, overwrite=True)
    print(f"saved {number}", flush=True)
"""


@needs_sigkill
@pytest.mark.slow
def test_checkpoint_save_killed_leaves_complete_folder(tmp_path, tiny_bert_dir):
    seed = random.SystemRandom().randrange(10_000)
    for run, delay in enumerate(random.Random(seed).sample([0.0, 0.02, 0.1, 0.3, 0.6], 3)):
        # Each child counts its saves from 0, so each gets a folder of its own.
        run_folder = tmp_path / f"run{run}"
        run_folder.mkdir()
        target = run_folder / "fine-tuned"
        child = python_child(SAVE_CHECKPOINT_CHILD, str(tiny_bert_dir), str(target), cwd=run_folder)
        child.wait_until(lambda: child.count("ready"), "ready")
        time.sleep(delay)
        child.kill()
        saved = child.count("saved")
        recover_interrupted_swap(target)

        if target.exists():
            loaded = load_model(target, device="cpu")
            bias = loaded.model.classifier.bias[0].item()
            # The folder contains one complete save: the last reported one or the one in flight.
            assert bias in (float(saved - 1), float(saved)), f"seed {seed}, delay {delay}: bias {bias}, {saved} saved"
        else:
            assert saved == 0, f"seed {seed}: a finished save is missing"
        visible = [entry.name for entry in run_folder.iterdir() if not entry.name.startswith(".")]
        assert sorted(visible) == (["fine-tuned"] if target.exists() else [])


@needs_sigkill
@pytest.mark.slow
def test_finetune_killed_while_training_writes_no_folder(tmp_path, tiny_bert_dir):
    source = write_reviews_csv(tmp_path / "labelled.csv", 400, labelled=True)
    output = tmp_path / "model-out"
    command = review_labeler_command() + [
        "finetune", str(source), "--output", str(output), "--model", str(tiny_bert_dir), "--device", "cpu",
        "--epochs", "50", "--batch-size", "4",
    ]
    child = Child(command, tmp_path)
    progress = re.compile(rb"(\d+)/(\d+) \[")
    child.wait_until(lambda: any(int(done) > 0 for done, _ in progress.findall(bytes(child.errors))), "training steps")
    child.kill()

    assert not output.exists()
    assert [entry.name for entry in tmp_path.iterdir() if not entry.name.startswith(".")] == ["labelled.csv"]


VERSIONS_CHILD = r"""
import itertools
import sys

import torch

from review_labeler.core.model_loading import load_model
from review_labeler.core.model_versions import ModelVersions

base, folder = sys.argv[1], sys.argv[2]
loaded = load_model(base, device="cpu")
versions = ModelVersions(folder, base_model=base)
print("ready", flush=True)
for number in itertools.count(1):
    with torch.no_grad():
        loaded.model.classifier.bias.fill_(float(number))
    info = versions.save_new(loaded.model, loaded.tokenizer)
    print(f"saved {info.id}", flush=True)
    versions.activate(info.id)
    print(f"activated {info.id}", flush=True)
"""


@needs_sigkill
@pytest.mark.slow
def test_model_versions_killed_active_version_loads(tmp_path, tiny_bert_dir):
    folder = tmp_path / "project.models"
    seed = random.SystemRandom().randrange(10_000)
    for delay in random.Random(seed).sample([0.0, 0.05, 0.2, 0.5, 1.0], 2):
        child = python_child(VERSIONS_CHILD, str(tiny_bert_dir), str(folder), cwd=tmp_path)
        child.wait_until(lambda: child.count("ready"), "ready")
        time.sleep(delay)
        child.kill()
        activated = [int(line.split()[1]) for line in child.lines if line.startswith("activated")]

        versions = ModelVersions(folder)
        active = versions.active()
        loaded = load_model(versions.reference_of(active.id), device="cpu")
        assert loaded.label_names == LABELS
        if activated:
            # The activation in flight at the kill may or may not have been committed.
            assert active.id >= activated[-1], f"seed {seed}: active {active.id}, last reported {activated[-1]}"
        for version in versions.list():
            if not version.is_base:
                assert load_model(versions.reference_of(version.id), device="cpu").num_labels == 2
        assert not any(entry.name.startswith(model_versions.TEMP_PREFIX) for entry in folder.iterdir())


SAVE_PREDICTIONS_CHILD = r"""
import itertools
import sys

import numpy as np

from review_labeler.core.inference import RowStatus
from review_labeler.core.project_store import ProjectStore

store = ProjectStore.open(sys.argv[1])
annotations = store.load_annotations(store.row_count)
print("ready", flush=True)
for number in itertools.count(1):
    # Every pass gives all rows the same recognisable values, so a mix of passes shows.
    annotations.predicted[:] = number % 2
    annotations.probabilities[:, 0] = number / 1000
    annotations.probabilities[:, 1] = 1 - number / 1000
    annotations.status[:] = RowStatus.CLASSIFIED
    store.save_predictions(annotations)
    print(f"saved {number}", flush=True)
    if number % 3 == 0:
        store.record_edit([number % store.row_count], number % 2, 2)
        print(f"edited {number % store.row_count} {number % 2}", flush=True)
"""


@needs_sigkill
@pytest.mark.slow
def test_classification_results_save_killed_is_all_or_nothing(tmp_path):
    # More rows than one prediction chunk (65,536), so a save spans several records.
    rows = 70_000
    source = tmp_path / "reviews.csv"
    source.write_text("id,review\n" + "".join(f"{row},리뷰 {row}\n" for row in range(rows)), encoding="utf-8")
    project = tmp_path / "work.rlproj"
    ProjectStore.create(project, read_table(source), "review", None, "m", LABELS).close()

    seed = random.SystemRandom().randrange(10_000)
    child = python_child(SAVE_PREDICTIONS_CHILD, str(project), cwd=tmp_path)
    child.wait_until(lambda: child.count("saved") >= 1 + random.Random(seed).randrange(4), "saves")
    time.sleep(random.Random(seed).uniform(0, 0.2))
    child.kill()
    saved = [int(line.split()[1]) for line in child.lines if line.startswith("saved")]
    edited = [tuple(map(int, line.split()[1:])) for line in child.lines if line.startswith("edited")]

    with ProjectStore.open(project) as store:
        loaded = store.load_annotations(rows)
    passes = np.unique(np.round(loaded.probabilities[:, 0] * 1000).astype(int))

    assert len(passes) == 1, f"seed {seed}: rows hold values of passes {passes[:5]}"
    assert passes[0] in (saved[-1], saved[-1] + 1), f"seed {seed}: pass {passes[0]}, last reported {saved[-1]}"
    assert set(np.unique(loaded.predicted)) == {passes[0] % 2}
    for row, label in edited:
        assert loaded.corrected[row] == label
    with sqlite3.connect(project) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# --------------------------------------------------------------------------- disk full, denied writes


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_disk_full_during_export_keeps_old_file(tmp_path, monkeypatch, suffix):
    table = review_table(tmp_path / "source.csv", 50)
    target = tmp_path / f"labelled{suffix}"
    target.write_bytes(b"previous export")
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", _disk_full)

    with pytest.raises(ExportError) as caught:
        export_table(table, predicted_annotations(50), target)

    assert str(caught.value) == f"The disk is full; {target} was not written. Free some space or choose another drive."
    assert target.read_bytes() == b"previous export"
    assert hidden_files(tmp_path) == []

    # The user retries on another drive (here: another folder) and the export succeeds.
    monkeypatch.setattr(os, "fsync", real_fsync)
    elsewhere = tmp_path / "other drive"
    elsewhere.mkdir()
    export_table(table, predicted_annotations(50), elsewhere / target.name)
    assert read_table(elsewhere / target.name).row_count == 50


def test_disk_full_while_writing_xlsx_named(tmp_path, monkeypatch):
    table = review_table(tmp_path / "source.csv", 20)
    target = tmp_path / "labelled.xlsx"
    real_save = openpyxl.Workbook.save

    def save_half_then_fail(workbook, path):
        real_save(workbook, path)
        with open(path, "r+b") as stream:
            stream.truncate(200)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", save_half_then_fail)

    with pytest.raises(ExportError, match="The disk is full"):
        export_table(table, predicted_annotations(20), target)

    assert not target.exists()
    assert hidden_files(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_export_file_mode_follows_umask_or_old_file(tmp_path):
    table = review_table(tmp_path / "source.csv", 3)
    umask = os.umask(0o022)
    os.umask(umask)
    kept = tmp_path / "shared.csv"
    kept.write_bytes(b"previous export")
    kept.chmod(0o640)

    export_table(table, predicted_annotations(3), tmp_path / "new.xlsx")
    export_table(table, predicted_annotations(3), kept)

    # A temporary file starts readable by its owner only; the export must not keep that mode.
    assert stat.S_IMODE((tmp_path / "new.xlsx").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_disk_full_message_in_korean(tmp_path, monkeypatch):
    from review_labeler.core import messages

    messages.set_language("ko")
    target = tmp_path / "결과.csv"
    monkeypatch.setattr(os, "fsync", _disk_full)

    with pytest.raises(ExportError) as caught:
        export_table(review_table(tmp_path / "source.csv", 3), predicted_annotations(3), target)

    assert str(caught.value) == f"디스크가 가득 차서 {target}을(를) 쓰지 못했습니다. 공간을 비우거나 다른 드라이브를 고르세요."


def test_permission_denied_creating_export(tmp_path, monkeypatch):
    target = tmp_path / "labelled.csv"

    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic_file.tempfile, "mkstemp", denied)

    with pytest.raises(ExportError) as caught:
        export_table(review_table(tmp_path / "source.csv", 3), predicted_annotations(3), target)

    assert str(caught.value).startswith(f"Permission denied while writing {target}. Choose another folder")
    assert not target.exists()


def test_split_export_disk_full_writes_no_part(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    table = review_table(tmp_path / "source.csv", 25)
    target = tmp_path / "labelled.xlsx"
    old_first = tmp_path / "labelled_1.xlsx"
    old_first.write_bytes(b"previous part 1")
    real_save = openpyxl.Workbook.save
    saves = []

    def fail_on_third_part(workbook, path):
        saves.append(path)
        real_save(workbook, path)
        if len(saves) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail_on_third_part)

    with pytest.raises(ExportError, match="The disk is full"):
        export_table(table, predicted_annotations(25), target, split_rows=10)

    assert old_first.read_bytes() == b"previous part 1"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["labelled_1.xlsx"]


def test_split_export_rename_failure_restores_old_set(tmp_path, monkeypatch):
    table = review_table(tmp_path / "source.csv", 25)
    target = tmp_path / "labelled.xlsx"
    for number in (1, 2):
        (tmp_path / f"labelled_{number}.xlsx").write_bytes(f"previous part {number}".encode())
    real_replace = os.replace

    def fail_on_last_part(source, destination):
        if str(destination).endswith("labelled_3.xlsx") and not str(source).endswith(".backup"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fail_on_last_part)

    with pytest.raises(ExportError, match="Input/output error"):
        export_table(table, predicted_annotations(25), target, split_rows=10)

    assert (tmp_path / "labelled_1.xlsx").read_bytes() == b"previous part 1"
    assert (tmp_path / "labelled_2.xlsx").read_bytes() == b"previous part 2"
    assert not (tmp_path / "labelled_3.xlsx").exists()
    assert hidden_files(tmp_path) == []


def test_project_disk_full_keeps_saved_corrections(tmp_path):
    source = tmp_path / "reviews.csv"
    source.write_text("id,review\n" + "".join(f"{row},리뷰 {row}\n" for row in range(2000)), encoding="utf-8")
    project = tmp_path / "work.rlproj"
    store = ProjectStore.create(project, read_table(source), "review", None, "m", LABELS)
    store.record_edit([0, 1], 1, ReviewState.CORRECTED)
    # SQLite reports a full disk as SQLITE_FULL; a page limit at the current size produces it.
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(ProjectError) as caught:
        store.record_edit(np.arange(2, 2000), 0, ReviewState.CORRECTED)

    assert str(caught.value) == (
        f"Could not save to the project {project}: database or disk is full. The last change was not saved."
    )
    # Once space is free again, the same edit succeeds.
    store._connection.execute("PRAGMA max_page_count = 1073741823")
    store.record_edit([2], 0, ReviewState.CORRECTED)
    store.close()
    with ProjectStore.open(project) as reopened:
        loaded = reopened.load_annotations(2000)
    assert loaded.corrected[:4].tolist() == [1, 1, 0, -1]


def test_project_write_denied_keeps_saved_corrections(tmp_path):
    source = tmp_path / "reviews.csv"
    source.write_text("id,review\n1,좋아요\n2,별로\n", encoding="utf-8")
    project = tmp_path / "work.rlproj"
    store = ProjectStore.create(project, read_table(source), "review", None, "m", LABELS)
    store.record_edit([0], 1, ReviewState.CORRECTED)
    # query_only makes SQLite refuse writes as it does for a file that became read-only.
    store._connection.execute("PRAGMA query_only = ON")

    with pytest.raises(ProjectError, match="The last change was not saved"):
        store.record_edit([1], 0, ReviewState.CORRECTED)
    store.close()

    with ProjectStore.open(project) as reopened:
        assert reopened.load_annotations(2).corrected.tolist() == [1, -1]


def test_finetune_save_disk_full_leaves_no_folder(tmp_path, monkeypatch, tiny_bert_dir, capsys):
    source = write_reviews_csv(tmp_path / "labelled.csv", 60, labelled=True)
    output = tmp_path / "model-out"
    monkeypatch.setattr(model_versions, "write_checkpoint_files", _disk_full)

    code = cli.run(["finetune", str(source), "--output", str(output), "--model", str(tiny_bert_dir), "--device", "cpu",
                    "--epochs", "1", "-q"])

    assert code == 2
    assert f"Could not write the checkpoint to {output}: No space left on device" in capsys.readouterr().err
    assert not output.exists()
    assert [entry.name for entry in tmp_path.iterdir()] == ["labelled.csv"]


# --------------------------------------------------------------------------- memory and models


class OutOfMemoryAlways(torch.nn.Module):
    """Raises CUDA out-of-memory on every forward pass, even for one row."""

    def __init__(self, inner: torch.nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.config = inner.config
        self.batch_sizes: list[int] = []

    def forward(self, **inputs):
        self.batch_sizes.append(int(inputs["input_ids"].shape[0]))
        raise torch.OutOfMemoryError("CUDA out of memory (simulated by the test)")


def test_out_of_memory_single_row_named(tiny_bert):
    model = OutOfMemoryAlways(tiny_bert.model)
    loaded = dataclasses.replace(tiny_bert, model=model)

    with pytest.raises(InferenceError) as caught:
        classify_texts(loaded, ["", "좋아요", "별로"], batch_size=8)

    # The back-off halves the batch down to one row before giving up on that row.
    assert model.batch_sizes[0] == 2
    assert model.batch_sizes[-1] == 1
    assert str(caught.value) == "Out of GPU memory even for row 2 alone. Run on the CPU or lower the maximum length."


def test_out_of_memory_in_cli_writes_no_output(tmp_path, monkeypatch, tiny_bert, capsys):
    source = write_reviews_csv(tmp_path / "reviews.csv", 5)
    output = tmp_path / "out.xlsx"
    broken = dataclasses.replace(tiny_bert, model=OutOfMemoryAlways(tiny_bert.model))
    monkeypatch.setattr("review_labeler.core.cli_predict.load_model", lambda *args, **kwargs: broken)

    code = cli.run(["predict", str(source), "--output", str(output), "-q"])

    assert code == 2
    assert "Out of GPU memory even for row" in capsys.readouterr().err
    assert not output.exists()


def _broken_copy(tiny_bert_dir: Path, target: Path, kind: str) -> Path:
    shutil.copytree(tiny_bert_dir, target)
    if kind == "no tokenizer files":
        for name in ("tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"):
            (target / name).unlink(missing_ok=True)
    elif kind == "tokenizer config only":
        (target / "tokenizer.json").unlink()
        (target / "vocab.txt").unlink()
    elif kind == "truncated weights":
        data = (target / "model.safetensors").read_bytes()
        (target / "model.safetensors").write_bytes(data[: len(data) // 2])
    elif kind == "head smaller than id2label":
        config = (target / "config.json").read_text(encoding="utf-8")
        config = re.sub(r'"id2label": \{[^}]*\}', '"id2label": {"0": "부정", "1": "중립", "2": "긍정"}', config)
        config = re.sub(r'"label2id": \{[^}]*\}', '"label2id": {"부정": 0, "중립": 1, "긍정": 2}', config)
        (target / "config.json").write_text(config, encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("no tokenizer files", "contains no tokenizer files (tokenizer.json, vocab.txt, vocab.json or a SentencePiece model)"),
        ("tokenizer config only", "contains no tokenizer files"),
        ("truncated weights", "is damaged or incomplete (Error while deserializing header"),
        ("head smaller than id2label", "the classification head in the weights has a different number of outputs"),
    ],
)
def test_broken_model_folder_named(tmp_path, tiny_bert_dir, kind, message):
    folder = _broken_copy(tiny_bert_dir, tmp_path / "broken model", kind)

    with pytest.raises(ModelLoadError) as caught:
        load_model(folder, device="cpu")

    assert str(folder) in str(caught.value)
    assert message in str(caught.value)


def test_broken_model_message_in_korean(tmp_path, tiny_bert_dir):
    from review_labeler.core import messages

    folder = _broken_copy(tiny_bert_dir, tmp_path / "model", "no tokenizer files")
    messages.set_language("ko")

    with pytest.raises(ModelLoadError) as caught:
        load_model(folder, device="cpu")

    assert str(caught.value).startswith(f"{folder}에 토크나이저 파일(tokenizer.json, vocab.txt, vocab.json 또는 SentencePiece 모델)이 없습니다.")
