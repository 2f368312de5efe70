"""Crash safety: a writer killed with SIGKILL loses no correction it reported as applied.

A child process opens a project and records corrections in a loop, printing each one only
after ``record_edit`` returned. The test kills the child at a random moment, reopens the
project and checks every printed correction. Bulk edits must be all-or-nothing, and the file
must open cleanly whatever the writer was doing when it died.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

LABELS = ["부정", "긍정"]
ROWS = 3000
BULK_ROWS = 400
CHILD_START_TIMEOUT_S = 180

# The child prints "applied <first row> <row count> <label>" after each committed edit and
# keeps editing, pass after pass, until it is killed.
CHILD_SCRIPT = r"""
import itertools
import sys

import numpy as np

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import ProjectStore

path, mode, seed, bulk_rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = ProjectStore.open(path)
rows = store.row_count
annotations = store.load_annotations(rows)
rng = np.random.default_rng(seed)
print("ready", flush=True)

for pass_number in itertools.count():
    if mode == "single":
        for row in rng.permutation(rows).tolist():
            label = (row + seed + pass_number) % 2
            store.record_edit([row], label, ReviewState.CORRECTED)
            print(f"applied {row} 1 {label}", flush=True)
        continue
    for block, start in enumerate(range(0, rows, bulk_rows)):
        label = (block + seed + pass_number) % 2
        count = min(bulk_rows, rows - start)
        store.record_edit(np.arange(start, start + count), label, ReviewState.CORRECTED)
        print(f"applied {start} {count} {label}", flush=True)
        # A large prediction write between edits, so that kills also land inside one.
        annotations.probabilities[:] = rng.random((rows, 2), dtype=np.float32)
        annotations.predicted[:] = annotations.probabilities.argmax(axis=1)
        store.save_predictions(annotations)
"""


@pytest.fixture
def project(tmp_path) -> Path:
    source = tmp_path / "reviews.csv"
    lines = ["id,review"] + [f"{row},리뷰 {row}번 배송 {'빠름' if row % 3 else '느림'}" for row in range(ROWS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "kill.rlproj"
    ProjectStore.create(path, read_table(source), "review", None, "m", LABELS).close()
    return path


def run_and_kill(project: Path, mode: str, seed: int, kill_after_lines: int) -> list[tuple[int, int, int]]:
    """Start the child, SIGKILL it once it reported ``kill_after_lines`` edits, return all reported edits."""
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SCRIPT, str(project), mode, str(seed), str(BULK_ROWS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    lines: list[str] = []
    reached = threading.Event()

    def read_output() -> None:
        applied_count = 0
        for line in child.stdout:
            lines.append(line.strip())
            applied_count += line.startswith("applied")
            if applied_count >= kill_after_lines:
                reached.set()
        reached.set()

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    if not reached.wait(CHILD_START_TIMEOUT_S):
        child.kill()
        pytest.fail(f"child reported nothing within {CHILD_START_TIMEOUT_S} s")
    # A random pause of up to 3 ms moves the kill to any point of the child's next edit.
    time.sleep(random.Random(seed).uniform(0, 0.003))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    reader.join(timeout=60)
    errors = child.stderr.read()

    assert child.returncode == -signal.SIGKILL, f"child ended on its own ({child.returncode}): {errors[-2000:]}"
    applied = [tuple(int(part) for part in line.split()[1:]) for line in lines if line.startswith("applied")]
    assert len(applied) >= kill_after_lines
    return applied


def check_integrity(project: Path) -> None:
    connection = sqlite3.connect(project)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def test_single_edits_survive_sigkill(project):
    # Fresh seeds each run; every failure message names the seed to replay it.
    seeds = random.SystemRandom().sample(range(1000), 2)
    rounds = [(seed, random.Random(seed).randint(1, 150)) for seed in seeds]
    groups_before = 0
    for seed, kill_after in rounds:
        applied = run_and_kill(project, "single", seed, kill_after)

        # Read-only first, as a second app window would, then for writing.
        with ProjectStore.open(project, read_only=True) as reader:
            assert reader.load_annotations(ROWS).corrected.shape == (ROWS,)
        with ProjectStore.open(project) as store:
            loaded = store.load_annotations(ROWS)
            groups_after = len({entry.group_id for entry in store.corrections()})

        # A row edited in several passes must hold the label reported last.
        expected = {row: label for row, _, label in applied}
        missing = [(row, label) for row, label in expected.items() if loaded.corrected[row] != label]
        assert missing == [], f"seed {seed}: {len(missing)} reported corrections lost, first {missing[:5]}"
        assert all(loaded.review_state[row] == ReviewState.CORRECTED for row in expected)
        # At most one edit committed without being reported: the one the kill interrupted.
        assert groups_after - groups_before in (len(applied), len(applied) + 1)
        groups_before = groups_after
        check_integrity(project)


def test_bulk_edits_atomic_under_sigkill(project):
    seed = random.SystemRandom().randrange(1000)
    applied = run_and_kill(project, "bulk", seed, random.Random(seed).randint(1, 4))

    with ProjectStore.open(project) as store:
        loaded = store.load_annotations(ROWS)
        group_sizes = [size for (size,) in sqlite3.connect(project).execute("SELECT row_count FROM edit_groups")]

    expected = {(start, count): label for start, count, label in applied}
    for (start, count), label in expected.items():
        block = loaded.corrected[start : start + count]
        assert (block == label).all(), f"seed {seed}: block at row {start} lost {(block != label).sum()} rows"

    # The edit in flight at the kill is either complete or absent, never partial.
    for start in range(0, ROWS, BULK_ROWS):
        block = loaded.corrected[start : start + BULK_ROWS]
        assert len(np.unique(block)) == 1, f"seed {seed}: block at row {start} is partly written"
    assert len(group_sizes) in (len(applied), len(applied) + 1)
    check_integrity(project)
