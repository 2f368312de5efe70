"""``review-labeler --self-test``: the headless check that a packaged build runs the whole core path."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from review_labeler.core import self_test
from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import ColumnError
from review_labeler.core.export import export_table
from review_labeler.core.inference import RowStatus, classify_texts
from review_labeler.core.table_reader import read_table

SAMPLE_ROWS = 30
# Row 6 of the sample is empty and row 21 contains only spaces, on purpose.
SAMPLE_ROWS_WITH_TEXT = 28


def test_sample_file_is_bundled():
    sample = self_test.sample_file_path()

    assert sample.is_file()
    assert read_table(sample).row_count == SAMPLE_ROWS


def test_run_classifies_sample(tiny_bert_dir):
    report = self_test.run_self_test(tiny_bert_dir, device="cpu")

    assert report.rows == SAMPLE_ROWS
    assert report.rows_with_text == SAMPLE_ROWS_WITH_TEXT
    assert report.classified == SAMPLE_ROWS_WITH_TEXT
    assert report.column == "상품평"
    assert report.device == "cpu"
    assert report.model_path == str(tiny_bert_dir)
    assert report.read_back == ["xlsx", "csv"]


def test_main_prints_report(tiny_bert_dir, capsys):
    exit_code = self_test.main(["--self-test", "--model", str(tiny_bert_dir), "--device", "cpu"])

    output = capsys.readouterr().out
    assert exit_code == 0
    assert f"model: {tiny_bert_dir}" in output
    assert "device: cpu" in output
    assert f"rows: {SAMPLE_ROWS} ({SAMPLE_ROWS_WITH_TEXT} with text)" in output
    assert f"classified: {SAMPLE_ROWS_WITH_TEXT}" in output
    assert "seconds: " in output
    assert "exported and read back OK: xlsx, csv" in output
    assert output.rstrip().endswith("Self-test passed.")


def test_missing_default_model_fails(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "default_model"
    missing.mkdir()
    monkeypatch.setattr(self_test, "bundled_model_path", lambda: missing)

    exit_code = self_test.main([])

    captured = capsys.readouterr()
    assert exit_code == 1
    assert f"Default model missing at {missing}" in captured.err
    assert "Self-test passed." not in captured.out


def test_default_model_without_weights_fails(tmp_path, tiny_bert_dir, monkeypatch):
    partial = tmp_path / "default_model"
    partial.mkdir()
    (partial / "config.json").write_bytes((tiny_bert_dir / "config.json").read_bytes())
    monkeypatch.setattr(self_test, "bundled_model_path", lambda: partial)

    with pytest.raises(self_test.SelfTestError, match="Default model missing at"):
        self_test.run_self_test()


def test_missing_model_message_in_korean(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(self_test, "bundled_model_path", lambda: tmp_path / "nowhere")

    exit_code = self_test.main(["--lang", "ko"])

    assert exit_code == 1
    assert f"기본 모델이 {tmp_path / 'nowhere'}에 없습니다" in capsys.readouterr().err


def test_explicit_missing_model_fails(tmp_path, capsys):
    exit_code = self_test.main(["--model", str(tmp_path / "no_such_model"), "--device", "cpu"])

    captured = capsys.readouterr()
    assert exit_code == 1
    assert "Self-test failed:" in captured.err
    assert "no_such_model" in captured.err


def test_row_without_prediction_fails(tiny_bert_dir, monkeypatch):
    def classify_all_but_first_text(loaded, texts, **options):
        result = classify_texts(loaded, texts, **options)
        first = int(np.flatnonzero(result.status == RowStatus.CLASSIFIED)[0])
        result.status[first] = RowStatus.PENDING
        result.label_ids[first] = -1
        return result

    monkeypatch.setattr(self_test, "classify_texts", classify_all_but_first_text)

    with pytest.raises(self_test.SelfTestError, match=r"1 row\(s\) with text got no prediction \(rows 1\)"):
        self_test.run_self_test(tiny_bert_dir, device="cpu")


def test_export_losing_predictions_fails(tiny_bert_dir, monkeypatch):
    def export_without_predictions(table, annotations, path, **options):
        empty = Annotations.empty(len(annotations), annotations.label_names)
        return export_table(table, empty, path, **options)

    monkeypatch.setattr(self_test, "export_table", export_without_predictions)

    with pytest.raises(self_test.SelfTestError, match="self_test.xlsx does not read back as written"):
        self_test.run_self_test(tiny_bert_dir, device="cpu")


def test_sample_without_text_column_fails(tiny_bert_dir, tmp_path):
    numbers_only = tmp_path / "numbers.csv"
    numbers_only.write_text("id,score\n1,5\n2,3\n", encoding="utf-8")

    with pytest.raises(ColumnError, match="numbers.csv"):
        self_test.run_self_test(tiny_bert_dir, sample_path=numbers_only, device="cpu")


def test_launcher_flag_runs_without_qt(tiny_bert_dir):
    # A fresh interpreter, because this test session may already have imported Qt.
    script = textwrap.dedent(
        f"""
        import sys
        from review_labeler.gui.launcher import main
        exit_code = main(["--self-test", "--model", {str(tiny_bert_dir)!r}, "--device", "cpu"])
        qt_modules = sorted(name for name in sys.modules if name.startswith("PySide6"))
        print("qt modules:", qt_modules)
        sys.exit(exit_code)
        """
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)

    assert completed.returncode == 0, completed.stderr
    assert "Self-test passed." in completed.stdout
    assert "qt modules: []" in completed.stdout
