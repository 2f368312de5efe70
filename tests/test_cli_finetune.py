"""``review-labeler finetune`` on labelled files."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from review_labeler.core import cli
from review_labeler.core.finetune_replay import REPLAY_FILE_NAME
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import load_model

QUICK_OPTIONS = ["--device", "cpu", "--epochs", "1", "--quiet", "--learning-rate", "1e-3"]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return build_trainable_checkpoint(tmp_path_factory.mktemp("cli") / "model", POSITIVE_REVIEWS + NEGATIVE_REVIEWS)


def _write_csv(path, rows, header=("리뷰", "라벨")):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def labelled_csv(tmp_path):
    rows = [(text, POSITIVE) for text in POSITIVE_REVIEWS[:10]] + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS[:10]]
    # Unlabelled rows become replay candidates through the old model's predictions.
    rows += [(text, "") for text in POSITIVE_REVIEWS[20:] + NEGATIVE_REVIEWS[20:]]
    return _write_csv(tmp_path / "labelled.csv", rows)


def test_cli_writes_loadable_checkpoint(labelled_csv, model_dir, tmp_path, capsys):
    output = tmp_path / "tuned"

    code = cli.run(["finetune", str(labelled_csv), "--output", str(output), "--model", str(model_dir),
                    "--label-column", "라벨", *QUICK_OPTIONS])
    printed = capsys.readouterr().out
    reloaded = load_model(output, device="cpu")

    assert code == 0
    assert reloaded.label_names == [NEGATIVE, POSITIVE]
    assert len(classify_texts(reloaded, POSITIVE_REVIEWS[:3]).label_ids) == 3
    assert "validation: accuracy" in printed
    assert "seconds:" in printed
    assert json.loads((output / "training.json").read_text(encoding="utf-8"))["rows"]["known"] == 20
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["labelled.csv", "tuned"]


def test_cli_guesses_label_column(labelled_csv, model_dir, tmp_path):
    code = cli.run(["finetune", str(labelled_csv), "--output", str(tmp_path / "tuned"), "--model", str(model_dir), *QUICK_OPTIONS])

    assert code == 0


def test_cli_accepts_label_ids(model_dir, tmp_path):
    rows = [(text, "1") for text in POSITIVE_REVIEWS[:8]] + [(text, "0") for text in NEGATIVE_REVIEWS[:8]]
    source = _write_csv(tmp_path / "ids.csv", rows, header=("text", "label"))

    code = cli.run(["finetune", str(source), "--output", str(tmp_path / "tuned"), "--model", str(model_dir), *QUICK_OPTIONS])

    assert code == 0


def test_cli_replay_file_used(labelled_csv, model_dir, tmp_path, capsys):
    replay = _write_csv(tmp_path / "replay.csv", [(text, POSITIVE) for text in POSITIVE_REVIEWS[25:]]
                        + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS[25:]], header=("text", "label"))

    code = cli.run(["finetune", str(labelled_csv), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    "--replay-file", str(replay), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    assert code == 0
    assert "(30 replay drawn)" in printed


def test_cli_refuses_existing_output(labelled_csv, model_dir, tmp_path, capsys):
    output = tmp_path / "tuned"
    output.mkdir()
    (output / "keep.txt").write_text("x", encoding="utf-8")

    code = cli.run(["finetune", str(labelled_csv), "--output", str(output), "--model", str(model_dir), *QUICK_OPTIONS])

    assert code == 2
    assert "--overwrite" in capsys.readouterr().err
    assert [entry.name for entry in output.iterdir()] == ["keep.txt"]


def test_cli_unknown_label_named(model_dir, tmp_path, capsys):
    rows = [(text, POSITIVE) for text in POSITIVE_REVIEWS[:8]] + [(text, "중립") for text in NEGATIVE_REVIEWS[:8]]
    source = _write_csv(tmp_path / "bad.csv", rows)

    code = cli.run(["finetune", str(source), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    "--label-column", "라벨", *QUICK_OPTIONS])

    assert code == 2
    assert "중립" in capsys.readouterr().err
    assert not (tmp_path / "tuned").exists()


def test_cli_single_label_refused(model_dir, tmp_path, capsys):
    source = _write_csv(tmp_path / "one.csv", [(text, NEGATIVE) for text in NEGATIVE_REVIEWS[:12]])

    code = cli.run(["finetune", str(source), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    "--label-column", "라벨", *QUICK_OPTIONS])

    assert code == 2
    assert "only one label" in capsys.readouterr().err


def test_cli_project_file_not_supported_yet(model_dir, tmp_path, capsys):
    project = tmp_path / "reviews.rlproj"
    project.write_bytes(b"SQLite format 3\0")

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), "--model", str(model_dir)])

    assert code == 2
    assert "project file" in capsys.readouterr().err


def test_cli_uses_replay_sample_in_model_folder(labelled_csv, model_dir, tmp_path, capsys):
    model_copy = tmp_path / "model"
    shutil.copytree(model_dir, model_copy)
    _write_csv(model_copy / REPLAY_FILE_NAME, [(text, POSITIVE) for text in POSITIVE_REVIEWS[30:]]
               + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS[30:]], header=("text", "label"))

    code = cli.run(["finetune", str(labelled_csv), "--output", str(tmp_path / "tuned"), "--model", str(model_copy), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    assert code == 0
    assert "(20 replay drawn)" in printed
