"""The headless ``review-labeler predict`` command: summary, accuracy, exports and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oracle_model import oracle_model
from review_labeler.core import cli_predict
from review_labeler.core.cli import command_names, run
from review_labeler.core.inference import classify_texts
from review_labeler.core.label_mapping import direct_label_mapping, map_known_labels
from review_labeler.core.metrics import compute_metrics
from review_labeler.core.model_loading import load_model, resolve_device
from review_labeler.core.table_reader import read_table

CASES = Path(__file__).parent / "data" / "cases"
CASE01 = CASES / "case01" / "reviews_24.csv"
LABELS = ["부정", "긍정"]


def summary(output: str) -> dict[str, str]:
    """Return the summary lines as a mapping from the text before ": " to the text after it."""
    pairs = {}
    for line in output.splitlines():
        key, separator, value = line.partition(": ")
        if separator:
            pairs[key] = value
    return pairs


@pytest.fixture
def oracle_in_cli(monkeypatch):
    """Make the command use an oracle built from the gold labels of the case01 and case04 texts."""
    gold = {}
    for path in (CASE01, CASES / "case04" / "reviews_with_gaps.csv", CASES / "case04" / "reviews_custom_index.csv"):
        table = read_table(path)
        for text, label in zip(table.column_values("review_text"), table.column_values("gold_label")):
            if text:
                gold[text] = label
    loaded = oracle_model(gold, LABELS)
    calls = []

    def fake_load_model(reference, **options):
        calls.append((reference, options))
        return loaded

    monkeypatch.setattr(cli_predict, "load_model", fake_load_model)
    return calls


@pytest.fixture
def no_model_load(monkeypatch):
    """Fail the test if the command loads a model."""

    def fail_if_called(*args, **kwargs):
        raise AssertionError("the command loaded a model although it should have stopped before")

    monkeypatch.setattr(cli_predict, "load_model", fail_if_called)


def test_predict_registered():
    assert "predict" in command_names()


def test_summary_with_label_names(tmp_path, capsys, oracle_in_cli):
    output = tmp_path / "out.csv"

    code = run(["predict", str(CASE01), "--output", str(output), "--label-column", "gold_label", "--quiet"])

    assert code == 0
    lines = summary(capsys.readouterr().out)
    assert lines["rows"] == "24"
    assert lines["classified"] == "24"
    assert lines["skipped"] == "0 (no text: 0)"
    assert lines["truncated"] == "0"
    assert lines["accuracy"].startswith("1.0000 on 24 rows")
    assert lines["macro F1"] == "1.0000"
    assert lines["seconds"].split()[0].replace(".", "").isdigit()
    assert lines["output"] == str(output)
    assert 'column "review_text"' in lines["input"]
    exported = read_table(output)
    assert exported.column_values("predicted_label") == exported.column_values("gold_label")


def test_summary_shows_device_used(tmp_path, capsys, oracle_in_cli):
    code = run(["predict", str(CASE01), "--output", str(tmp_path / "out.csv"), "--device", "auto", "--quiet"])

    assert code == 0
    assert oracle_in_cli[0][1]["device"] == "auto"
    assert summary(capsys.readouterr().out)["model"] == "['부정', '긍정'] on cpu"


def test_summary_device_with_real_model(tmp_path, capsys, tiny_bert_dir):
    code = run(["predict", str(CASE01), "--output", str(tmp_path / "out.csv"), "--model", str(tiny_bert_dir), "--quiet"])

    assert code == 0
    assert summary(capsys.readouterr().out)["model"] == f"['부정', '긍정'] on {resolve_device('auto')}"


def test_accuracy_with_label_ids(tmp_path, capsys, oracle_in_cli):
    table = read_table(CASE01)
    ids = ["1" if label == "긍정" else "0" for label in table.column_values("gold_label")]
    lines = ["review_id,review_text,gold_id"] + [
        f"{number},{text},{label_id}" for number, text, label_id in zip(table.column_values("review_id"), table.column_values("review_text"), ids)
    ]
    source = tmp_path / "ids.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code = run(["predict", str(source), "--output", str(tmp_path / "out.xlsx"), "--label-column", "gold_id", "--quiet"])

    assert code == 0
    assert summary(capsys.readouterr().out)["accuracy"].startswith("1.0000 on 24 rows")


def test_accuracy_matches_direct_computation(tmp_path, capsys, tiny_bert_dir):
    code = run(["predict", str(CASE01), "--output", str(tmp_path / "out.csv"), "--model", str(tiny_bert_dir),
                "--label-column", "gold_label", "--device", "cpu", "--batch-size", "5", "--quiet"])

    assert code == 0
    table = read_table(CASE01)
    loaded = load_model(tiny_bert_dir, device="cpu")
    result = classify_texts(loaded, table.column_values("review_text"), batch_size=1)
    gold = table.column_values("gold_label")
    known = map_known_labels(gold, direct_label_mapping(gold, loaded.label_names))
    expected = compute_metrics(known, result.label_ids, loaded.label_names).accuracy
    assert summary(capsys.readouterr().out)["accuracy"].startswith(f"{expected:.4f} on 24 rows")


def test_accuracy_without_usable_labels(tmp_path, capsys, oracle_in_cli):
    source = tmp_path / "stars.csv"
    source.write_text("id,review_text,stars\n1,배송이 빨라서 좋았어요,다섯\n2,배송이 너무 늦었어요,하나\n", encoding="utf-8")

    code = run(["predict", str(source), "--output", str(tmp_path / "out.csv"), "--label-column", "stars", "--quiet"])

    assert code == 0
    accuracy = summary(capsys.readouterr().out)["accuracy"]
    assert accuracy.startswith("- (no value of column \"stars\"")
    assert "nan" not in accuracy


def test_case04_gaps_skipped_and_marked(tmp_path, capsys, oracle_in_cli):
    output = tmp_path / "out.csv"

    code = run(["predict", str(CASES / "case04" / "reviews_with_gaps.csv"), "--output", str(output),
                "--label-column", "gold_label", "--batch-size", "4", "--quiet"])

    assert code == 0
    lines = summary(capsys.readouterr().out)
    assert lines["rows"] == "12"
    assert lines["classified"] == "9"
    assert lines["skipped"] == "3 (no text: 3)"
    assert lines["accuracy"].startswith("1.0000 on 9 rows")
    exported = read_table(output)
    marked = [row_id for row_id, status in zip(exported.column_values("review_id"), exported.column_values("status")) if status]
    assert marked == ["3", "7", "8"]
    assert set(exported.column_values("status")) == {"", "no text"}
    assert [exported.column_values("predicted_label")[row] for row in (2, 6, 7)] == ["", "", ""]


def test_case04_custom_index_order_in_export(tmp_path, oracle_in_cli):
    output = tmp_path / "out.xlsx"

    code = run(["predict", str(CASES / "case04" / "reviews_custom_index.csv"), "--output", str(output), "--quiet"])

    assert code == 0
    exported = read_table(output)
    assert exported.column_values("번호") == ["1001", "1003", "1002", "1010", "1007", "1004"]
    assert exported.column_values("predicted_label") == exported.column_values("gold_label")


def test_sheet_option_chooses_sheet(tmp_path, capsys, tiny_bert_dir):
    output = tmp_path / "out.csv"

    code = run(["predict", str(CASES / "case04" / "reviews_two_sheets.xlsx"), "--sheet", "2월", "--output", str(output),
                "--model", str(tiny_bert_dir), "--device", "cpu", "--quiet"])

    assert code == 0
    assert "sheet 2월" in summary(capsys.readouterr().out)["input"]
    assert read_table(output).column_values("review_id") == [f"FEB-{number}" for number in range(1, 6)]


def test_column_option_overrides_guess(tmp_path, capsys, tiny_bert_dir):
    code = run(["predict", str(CASE01), "--column", "gold_label", "--output", str(tmp_path / "out.csv"),
                "--model", str(tiny_bert_dir), "--device", "cpu", "--quiet"])

    assert code == 0
    assert 'column "gold_label"' in summary(capsys.readouterr().out)["input"]


def test_reader_warnings_printed(tmp_path, capsys, tiny_bert_dir):
    code = run(["predict", str(CASES / "case08" / "reviews_formula_cells.xlsx"), "--output", str(tmp_path / "out.csv"),
                "--model", str(tiny_bert_dir), "--device", "cpu", "--quiet"])

    assert code == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err
    assert "B3" in captured.err
    assert summary(captured.out)["skipped"] == "1 (no text: 1)"


def test_truncated_count_printed(tmp_path, capsys, tiny_bert_dir):
    code = run(["predict", str(CASES / "case13" / "reviews_long.csv"), "--output", str(tmp_path / "out.csv"),
                "--model", str(tiny_bert_dir), "--device", "cpu", "--quiet"])

    assert code == 0
    lines = summary(capsys.readouterr().out)
    assert lines["classified"] == "7"
    assert lines["truncated"] == "2"
    assert read_table(tmp_path / "out.csv").column_values("status") == ["", "truncated", "", "truncated", "", "", ""]


# Errors exit with code 2 and a message


def test_header_only_file_stops_before_model(tmp_path, capsys, no_model_load):
    output = tmp_path / "out.csv"

    code = run(["predict", str(CASES / "case02" / "reviews_0.csv"), "--output", str(output)])

    assert code == 2
    error = capsys.readouterr().err
    assert "reviews_0.csv" in error
    assert "no data rows" in error
    assert not output.exists()


def test_bad_output_suffix_stops_before_model(tmp_path, capsys, no_model_load):
    code = run(["predict", str(CASE01), "--output", str(tmp_path / "out.json")])

    assert code == 2
    assert "out.json" in capsys.readouterr().err


def test_missing_input_named(tmp_path, capsys, no_model_load):
    code = run(["predict", str(tmp_path / "missing.csv"), "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert "missing.csv" in capsys.readouterr().err


def test_unknown_column_lists_columns(tmp_path, capsys, no_model_load):
    code = run(["predict", str(CASE01), "--column", "텍스트", "--output", str(tmp_path / "out.csv")])

    assert code == 2
    error = capsys.readouterr().err
    assert '"텍스트"' in error
    assert "review_id, review_text, gold_label" in error


def test_unknown_label_column_named(tmp_path, capsys, no_model_load):
    code = run(["predict", str(CASE01), "--label-column", "정답", "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert '"정답"' in capsys.readouterr().err


def test_no_text_column_reported(tmp_path, capsys, no_model_load):
    source = tmp_path / "numbers.csv"
    source.write_text("id,price\n1,1000\n2,2500\n", encoding="utf-8")

    code = run(["predict", str(source), "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert "no column with review text" in capsys.readouterr().err


def test_binary_input_reported(tmp_path, capsys, no_model_load):
    source = tmp_path / "photo.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))

    code = run(["predict", str(source), "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert "binary" in capsys.readouterr().err


def test_mixed_encoding_reported(tmp_path, capsys, no_model_load):
    code = run(["predict", str(CASES / "case05" / "reviews_mixed_broken.csv"), "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert "line 5" in capsys.readouterr().err


def test_output_onto_input_refused(tmp_path, capsys, oracle_in_cli):
    source = tmp_path / "reviews.csv"
    source.write_bytes(CASE01.read_bytes())

    code = run(["predict", str(source), "--output", str(source), "--quiet"])

    assert code == 2
    assert "source file" in capsys.readouterr().err
    assert source.read_bytes() == CASE01.read_bytes()


@pytest.mark.parametrize("option", ["--batch-size", "--max-length"])
@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_invalid_counts_rejected(tmp_path, capsys, no_model_load, option, value):
    with pytest.raises(SystemExit) as caught:
        run(["predict", str(CASE01), "--output", str(tmp_path / "out.csv"), option, value])

    assert caught.value.code == 2
    assert f"invalid value {value}" in capsys.readouterr().err


def test_korean_error_message(tmp_path, capsys, no_model_load):
    code = run(["--lang", "ko", "predict", str(CASES / "case02" / "reviews_0.csv"), "--output", str(tmp_path / "out.csv")])

    assert code == 2
    assert "데이터 행이 없어" in capsys.readouterr().err


def test_module_exit_code_in_subprocess(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "review_labeler.core.cli", "--lang", "en", "predict", str(tmp_path / "missing.csv"),
         "--output", str(tmp_path / "out.csv")],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert completed.returncode == 2
    assert "File not found" in completed.stderr
    assert "missing.csv" in completed.stderr
