"""Killing the app (SIGKILL) while labelling with the keyboard loses no label the table showed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import ProjectStore

from gui_helpers import invented_reviews, write_csv

SCRIPT = Path(__file__).with_name("kill_during_edits_app.py")
ROWS = 60


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 23, ROWS])
def test_kill_keeps_every_shown_label(tiny_bert_dir, tmp_path, kill_after):
    source = write_csv(tmp_path / "reviews.csv", invented_reviews(ROWS + 10))
    project = tmp_path / "reviews.rlproj"
    home = tmp_path / "home"
    home.mkdir()
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                       XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(source), str(tiny_bert_dir), str(project), str(ROWS)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    shown: list[tuple[int, int]] = []
    try:
        for line in process.stdout:
            if line.startswith("SHOWN "):
                _word, row, label = line.split()
                shown.append((int(row), int(label)))
            if len(shown) >= kill_after:
                break
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr = process.stderr.read()
        process.stdout.close()
        process.stderr.close()

    assert process.returncode == -signal.SIGKILL, stderr[-3000:]
    assert len(shown) == kill_after, stderr[-3000:]
    with ProjectStore.open(project) as store:
        saved = store.load_annotations(ROWS + 10)
    for row, label in shown:
        assert saved.corrected[row] == label, f"row {row}"
        assert saved.review_state[row] != ReviewState.UNREVIEWED, f"row {row}"
