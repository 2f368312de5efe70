"""``review-labeler finetune`` on labelled files and project files."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from review_labeler.core import cli
from review_labeler.core.annotations import ReviewState
from review_labeler.core.label_mapping import suggest_label_mapping
from review_labeler.core.model_versions import ModelVersions
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table
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


def test_cli_uses_replay_sample_in_model_folder(labelled_csv, model_dir, tmp_path, capsys):
    model_copy = tmp_path / "model"
    shutil.copytree(model_dir, model_copy)
    _write_csv(model_copy / REPLAY_FILE_NAME, [(text, POSITIVE) for text in POSITIVE_REVIEWS[30:]]
               + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS[30:]], header=("text", "label"))

    code = cli.run(["finetune", str(labelled_csv), "--output", str(tmp_path / "tuned"), "--model", str(model_copy), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    assert code == 0
    assert "(20 replay drawn)" in printed


# Project input

PROJECT_CORRECTED = 8
PROJECT_ACCEPTED = 4


def _make_project(tmp_path, model_dir, *, corrected_labels=(POSITIVE, NEGATIVE)):
    """A project over 80 invented reviews, classified by the model, with corrected and accepted rows.

    Rows 0..39 are positive and 40..79 negative reviews, and the known-label column contains the true label.
    The first PROJECT_CORRECTED rows of each label in ``corrected_labels`` are corrected to their
    label, and rows 20..23 have their prediction accepted.
    """
    rows = [(text, POSITIVE) for text in POSITIVE_REVIEWS] + [(text, NEGATIVE) for text in NEGATIVE_REVIEWS]
    source = _write_csv(tmp_path / "리뷰.csv", rows)
    table = read_table(source)
    loaded = load_model(model_dir, device="cpu")
    project = tmp_path / "작업.rlproj"
    with ProjectStore.create(project, table, "리뷰", "라벨", str(model_dir), loaded.label_names) as store:
        annotations = store.load_annotations(table.row_count)
        annotations.apply_result(classify_texts(loaded, table.column_values("리뷰")))
        store.save_predictions(annotations)
        for label in corrected_labels:
            start = 0 if label == POSITIVE else len(POSITIVE_REVIEWS)
            store.record_edit(list(range(start, start + PROJECT_CORRECTED)), loaded.label_names.index(label),
                              ReviewState.CORRECTED)
        accepted = list(range(20, 20 + PROJECT_ACCEPTED))
        store.record_edit(accepted, annotations.predicted[accepted], ReviewState.ACCEPTED)
    return project


def test_cli_project_trains_on_corrected_and_accepted(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir)
    project_bytes = project.read_bytes()
    output = tmp_path / "tuned"

    code = cli.run(["finetune", str(project), "--output", str(output), "--model", str(model_dir), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    rows = json.loads((output / "training.json").read_text(encoding="utf-8"))["rows"]
    assert code == 0
    assert rows["corrections"] == 2 * PROJECT_CORRECTED
    assert rows["accepted"] == PROJECT_ACCEPTED
    assert rows["known"] == 0
    assert f"input: {project}" in printed
    assert load_model(output, device="cpu").label_names == [NEGATIVE, POSITIVE]
    assert project.read_bytes() == project_bytes


def test_cli_project_include_known_uses_saved_mapping(model_dir, tmp_path):
    project = _make_project(tmp_path, model_dir)
    with ProjectStore.open(project) as store:
        values = read_table(tmp_path / "리뷰.csv").column_values("라벨")
        store.set_label_mapping("라벨", suggest_label_mapping(values, store.label_names))
    output = tmp_path / "tuned"

    code = cli.run(["finetune", str(project), "--output", str(output), "--model", str(model_dir), "--include-known",
                    *QUICK_OPTIONS])

    rows = json.loads((output / "training.json").read_text(encoding="utf-8"))["rows"]
    assert code == 0
    assert rows["corrections"] == 2 * PROJECT_CORRECTED
    assert rows["accepted"] == PROJECT_ACCEPTED
    assert rows["known"] == 80 - 2 * PROJECT_CORRECTED - PROJECT_ACCEPTED


def test_cli_project_include_known_without_mapping_notes_it(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir)

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    "--include-known", *QUICK_OPTIONS])

    assert code == 0
    assert "no saved known-label mapping" in capsys.readouterr().err


def test_cli_project_single_label_refused(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir, corrected_labels=(NEGATIVE,))
    # The accepted rows could carry a second label; only corrections of one label remain.
    with ProjectStore.open(project) as store:
        store.record_edit(list(range(20, 20 + PROJECT_ACCEPTED)), None, ReviewState.UNREVIEWED)

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    *QUICK_OPTIONS])

    assert code == 2
    assert "only one label" in capsys.readouterr().err
    assert not (tmp_path / "tuned").exists()


def test_cli_project_starts_from_active_version(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir)
    versions = ModelVersions(tmp_path / "작업.models", base_model=model_dir)
    loaded = load_model(model_dir, device="cpu")
    saved = versions.save_new(loaded.model, loaded.tokenizer)
    with ProjectStore.open(project) as store:
        store.set_model(str(model_dir), str(saved.id), store.label_names)

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    assert code == 0
    assert f"model: {versions.path_of(saved.id)}" in printed


def test_cli_project_changed_source_refused(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir)
    with open(tmp_path / "리뷰.csv", "a", encoding="utf-8") as stream:
        stream.write("새로 붙인 리뷰,긍정\n")

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), "--model", str(model_dir),
                    *QUICK_OPTIONS])

    assert code == 2
    assert "--rematch-by-position" in capsys.readouterr().err


def test_cli_project_ignores_version_outside_folder(model_dir, tmp_path, capsys):
    project = _make_project(tmp_path, model_dir)
    versions = ModelVersions(tmp_path / "작업.models", base_model=model_dir)
    registry = json.loads(versions.registry_path.read_text(encoding="utf-8"))
    registry["versions"].append({**registry["versions"][0], "id": 1, "folder": "../elsewhere"})
    versions.registry_path.write_text(json.dumps(registry), encoding="utf-8")
    with ProjectStore.open(project) as store:
        store.set_model(str(model_dir), "1", store.label_names)

    code = cli.run(["finetune", str(project), "--output", str(tmp_path / "tuned"), *QUICK_OPTIONS])
    printed = capsys.readouterr().out

    assert code == 0
    assert f"model: {model_dir}" in printed
