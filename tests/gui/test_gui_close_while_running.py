"""Closing the window during a run: the question, the cancel, the thread wait and exit code 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REVIEWS_500
from gui_helpers import korean_app_environment

SCRIPT = Path(__file__).with_name("close_while_running_app.py")


@pytest.mark.slow
def test_close_while_running_exits_cleanly(tiny_bert_dir, tmp_path):
    result_file = tmp_path / "result.json"
    home = tmp_path / "home"
    home.mkdir()
    # A Korean system: the question must come in Korean.
    environment = korean_app_environment(home)

    completed = subprocess.run(
        [sys.executable, str(SCRIPT), str(REVIEWS_500), str(tiny_bert_dir), str(result_file)],
        env=environment, capture_output=True, text=True, timeout=300,
    )

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "QThread: Destroyed" not in completed.stderr
    record = json.loads(result_file.read_text(encoding="utf-8"))
    assert record["questions"] == ["분류 중입니다. 중단하고 종료할까요?"]
    assert record["closed_at_fraction"] >= 0.3
    assert 0 < record["classified_rows"] < 500
    assert record["job_running"] is False
    log_files = list(home.rglob("review-labeler.log"))
    assert log_files
    log_text = log_files[0].read_text(encoding="utf-8")
    assert "Cancelling classification run" in log_text
    assert "exiting with code 0" in log_text
