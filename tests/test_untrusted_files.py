"""Untrusted files: model folders, exported cells and project files from other people.

A model folder may carry pickle weights or Python code. A review file may contain cells that
Excel would run as formulas. A project or model-version registry may be crafted to point the app
at files the user never chose. Each test builds such a file and checks that nothing in it runs
and nothing outside the chosen paths is read or written.
"""

from __future__ import annotations

import builtins
import json
import os
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
import torch

from review_labeler.core import project_schema
from review_labeler.core.annotations import ReviewState
from review_labeler.core.errors import ModelLoadError, ModelVersionsError, PickleRejectedError, ProjectError, ProjectVersionError
from review_labeler.core.export import FORMULA_PREFIXES, export_table
from review_labeler.core.inference import ClassificationResult, RowStatus
from review_labeler.core.annotations import Annotations
from review_labeler.core.model_loading import load_model
from review_labeler.core.model_versions import REGISTRY_NAME, ModelVersions
from review_labeler.core.project_schema import SCHEMA_VERSION
from review_labeler.core.project_store import ProjectStore, SourceStatus
from review_labeler.core.table_reader import read_table

from reliability_helpers import LABELS, table_from_rows

# Planted code writes this file when it runs; every test checks that it never appears.
MARKER_NAME = "CODE_RAN"


def plant_module(folder: Path, module: str, body: str) -> Path:
    """Write a Python module into a model folder that leaves a marker file when imported."""
    marker = folder.parent / MARKER_NAME
    (folder / f"{module}.py").write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n{body}\n")
    return marker


def edit_json(path: Path, **changes) -> None:
    values = json.loads(path.read_text(encoding="utf-8"))
    values.update(changes)
    path.write_text(json.dumps(values), encoding="utf-8")


class CodeInPickle:
    """Unpickling this object runs ``pathlib.Path(marker).touch()``, as a malicious checkpoint would."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


# --------------------------------------------------------------------------- model folders


def test_safetensors_preferred_over_pickle(tiny_bert_copy):
    marker = tiny_bert_copy.parent / MARKER_NAME
    torch.save({"weights": CodeInPickle(marker)}, tiny_bert_copy / "pytorch_model.bin")

    loaded = load_model(tiny_bert_copy, device="cpu")

    assert loaded.label_names == LABELS
    assert not marker.exists()


def test_pickle_only_checkpoint_refused_unopened(tiny_bert_copy, monkeypatch):
    marker = tiny_bert_copy.parent / MARKER_NAME
    torch.save({"weights": CodeInPickle(marker)}, tiny_bert_copy / "pytorch_model.bin")
    (tiny_bert_copy / "model.safetensors").unlink()
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *args, **kwargs: opened.append(str(file)) or real_open(file, *args, **kwargs))

    with pytest.raises(PickleRejectedError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(caught.value) == (
        f"{tiny_bert_copy} contains only pickle weights (pytorch_model.bin), which can run arbitrary code when loaded. "
        "Ask for a safetensors version, or enable \"Allow pickle weights\" if you trust the source."
    )
    assert isinstance(caught.value, ModelLoadError)
    assert not any(name.endswith("pytorch_model.bin") for name in opened)
    assert not marker.exists()


def test_pickle_with_code_refused_even_when_allowed(tiny_bert_copy):
    marker = tiny_bert_copy.parent / MARKER_NAME
    torch.save({"weights": CodeInPickle(marker)}, tiny_bert_copy / "pytorch_model.bin")
    (tiny_bert_copy / "model.safetensors").unlink()

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu", allow_pickle=True)

    assert "the pickle weights hold more than plain tensors" in str(caught.value)
    assert not marker.exists()


def test_plain_pickle_weights_load_after_opt_in(tiny_bert_copy, tiny_bert):
    state = {name: tensor.clone() for name, tensor in tiny_bert.model.state_dict().items()}
    torch.save(state, tiny_bert_copy / "pytorch_model.bin")
    (tiny_bert_copy / "model.safetensors").unlink()

    loaded = load_model(tiny_bert_copy, device="cpu", allow_pickle=True)

    assert torch.equal(loaded.model.classifier.bias, tiny_bert.model.classifier.bias)


def test_auto_map_code_never_runs_for_known_type(tiny_bert_copy):
    marker = plant_module(
        tiny_bert_copy, "custom_model",
        "from transformers import BertConfig as CustomConfig, BertForSequenceClassification as CustomModel",
    )
    edit_json(tiny_bert_copy / "config.json",
              auto_map={"AutoConfig": "custom_model.CustomConfig",
                        "AutoModelForSequenceClassification": "custom_model.CustomModel"})
    edit_json(tiny_bert_copy / "tokenizer_config.json", auto_map={"AutoTokenizer": ["custom_model.CustomTokenizer", None]})

    loaded = load_model(tiny_bert_copy, device="cpu")

    # The built-in BERT classes load the weights; the shipped module is never imported.
    assert type(loaded.model).__name__ == "BertForSequenceClassification"
    assert type(loaded.model).__module__.startswith("transformers.")
    assert not marker.exists()


def test_auto_map_code_refused_for_unknown_type(tiny_bert_copy):
    marker = plant_module(tiny_bert_copy, "custom_model", "")
    edit_json(tiny_bert_copy / "config.json", model_type="shop-review-bert",
              auto_map={"AutoConfig": "custom_model.CustomConfig",
                        "AutoModelForSequenceClassification": "custom_model.CustomModel"})

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(caught.value).startswith(f"{tiny_bert_copy} needs its own Python code to load (auto_map in config.json).")
    assert not marker.exists()


def test_remote_code_never_requested(tiny_bert_dir, monkeypatch):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    requests = []
    real_model = AutoModelForSequenceClassification.from_pretrained.__func__
    real_tokenizer = AutoTokenizer.from_pretrained.__func__

    def spy_model(cls, *args, **kwargs):
        requests.append(("model", kwargs.get("trust_remote_code"), kwargs.get("use_safetensors")))
        return real_model(cls, *args, **kwargs)

    def spy_tokenizer(cls, *args, **kwargs):
        requests.append(("tokenizer", kwargs.get("trust_remote_code"), None))
        return real_tokenizer(cls, *args, **kwargs)

    monkeypatch.setattr(AutoModelForSequenceClassification, "from_pretrained", classmethod(spy_model))
    monkeypatch.setattr(AutoTokenizer, "from_pretrained", classmethod(spy_tokenizer))

    load_model(tiny_bert_dir, device="cpu")

    assert requests == [("tokenizer", False, None), ("model", False, True)]


# --------------------------------------------------------------------------- exported cells


def _formula_table(tmp_path: Path):
    cells = [prefix + "HYPERLINK(\"http://example.invalid\",\"클릭\")" for prefix in FORMULA_PREFIXES]
    cells += ["=1+1", "'=1+1", "좋아요\n=SUM(A1)", "-5", "+82 10", "@멘션"]
    headers = ["=cmd|' /C calc'!A0", "리뷰"]
    return table_from_rows(tmp_path / "source.csv", headers, [[cell, cell] for cell in cells]), cells


def _formula_annotations(row_count: int) -> Annotations:
    result = ClassificationResult.empty(row_count, ["=WEBSERVICE(\"x\")", "@긍정"])
    result.label_ids[:] = [row % 2 for row in range(row_count)]
    result.probabilities[:, 0] = 0.7
    result.probabilities[:, 1] = 0.3
    result.status[:] = RowStatus.CLASSIFIED
    return Annotations.from_result(result)


def test_xlsx_export_has_no_formula_cells(tmp_path):
    table, cells = _formula_table(tmp_path)

    export_table(table, _formula_annotations(len(cells)), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    values = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]

    assert [cell for cell in values if cell.data_type == "f"] == []
    assert read_table(tmp_path / "out.xlsx").column_values("리뷰") == cells


def test_csv_export_neutralises_every_formula_start(tmp_path):
    table, cells = _formula_table(tmp_path)

    report = export_table(table, _formula_annotations(len(cells)), tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(raw, newline="")))
    risky = [value for row in rows for value in row if value[:1] in FORMULA_PREFIXES and value != "-5"]

    assert risky == []
    assert rows[0][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][2] == "'=WEBSERVICE(\"x\")"
    assert report.neutralised_cells > 0
    # The app's own reader removes the apostrophes again.
    back = read_table(tmp_path / "out.csv")
    assert back.headers[0] == "=cmd|' /C calc'!A0"
    assert back.column_values("리뷰") == cells


# --------------------------------------------------------------------------- project files


@pytest.fixture
def project(tmp_path) -> Path:
    source = tmp_path / "reviews.csv"
    source.write_text("id,review\n1,좋아요\n2,별로\n3,최고\n", encoding="utf-8")
    path = tmp_path / "work.rlproj"
    with ProjectStore.create(path, read_table(source), "review", None, "m", LABELS) as store:
        store.record_edit([0], 1, ReviewState.CORRECTED)
    return path


def tamper(path: Path, statement: str, parameters: tuple = ()) -> None:
    """Run SQL on the project with a plain connection, as someone crafting the file would."""
    connection = sqlite3.connect(path)
    if parameters:
        connection.execute(statement, parameters)
    else:
        connection.executescript(statement)
    connection.commit()
    connection.close()


def set_source_path(project: Path, source: str) -> None:
    tamper(project, "UPDATE meta SET value = ? WHERE key = 'source_path'", (json.dumps(source),))


def test_recorded_system_file_never_read(project, monkeypatch):
    if not Path("/etc/passwd").is_file():
        pytest.skip("needs /etc/passwd")
    set_source_path(project, "/etc/passwd")
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *args, **kwargs: opened.append(str(file)) or real_open(file, *args, **kwargs))

    with ProjectStore.open(project) as store:
        check = store.source_status()

    assert check.status == SourceStatus.MISSING
    assert check.current is None
    assert "/etc/passwd" not in opened


def test_recorded_folder_and_fifo_never_read(project, tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    for recorded in (folder, fifo):
        set_source_path(project, str(recorded))
        with ProjectStore.open(project) as store:
            assert store.source_status().status == SourceStatus.MISSING


def test_user_chosen_source_with_other_name_checked(project, tmp_path):
    # A file the user picks is checked whatever its name; only the recorded path is restricted.
    chosen = tmp_path / "reviews.dat"
    shutil.copy(tmp_path / "reviews.csv", chosen)
    set_source_path(project, str(chosen))

    with ProjectStore.open(project) as store:
        assert store.source_status().status == SourceStatus.MISSING
        assert store.source_status(chosen).status == SourceStatus.UNCHANGED


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TRIGGER leak AFTER INSERT ON corrections BEGIN INSERT INTO meta VALUES ('x', '1'); END",
        "CREATE VIEW everything AS SELECT * FROM meta",
        "CREATE TABLE attached_data (path TEXT)",
    ],
)
def test_extra_sql_objects_rejected_without_writing(project, statement):
    tamper(project, statement)
    before = project.read_bytes()

    with pytest.raises(ProjectError, match="unexpected"):
        ProjectStore.open(project)

    assert project.read_bytes() == before
    # A read-only SQLite connection to a WAL database may create an empty -wal file, never more.
    wal = Path(str(project) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_huge_meta_value_rejected(project, monkeypatch):
    monkeypatch.setattr(project_schema, "MAX_META_VALUE_BYTES", 1024)
    tamper(project, "INSERT OR REPLACE INTO meta VALUES ('ui_state', ?)",
           (json.dumps({"padding": "가" * 2000}, ensure_ascii=False),))

    with pytest.raises(ProjectError) as caught:
        ProjectStore.open(project)

    assert "meta key 'ui_state' is 6015 bytes long" in str(caught.value)


def test_meta_value_under_limit_accepted(project):
    tamper(project, "INSERT OR REPLACE INTO meta VALUES ('ui_state', ?)", (json.dumps({"padding": "가" * 2000}),))

    with ProjectStore.open(project) as store:
        assert len(store.ui_state()["padding"]) == 2000


@pytest.mark.parametrize(
    ("statement", "detail"),
    [
        ("UPDATE meta SET value = '1000000000000' WHERE key = 'row_count'", "hold 3 rows, but meta says 1000000000000"),
        ("UPDATE prediction_chunks SET row_count = 1000000000000", "hold 1000000000000 rows, but meta says 3"),
        ("UPDATE meta SET value = '1000000000000' WHERE key = 'row_count'; "
         "UPDATE row_hash_chunks SET row_count = 1000000000000; UPDATE prediction_chunks SET row_count = 1000000000000",
         "claim 1000000000000 rows in 1 records of at most 65536 rows"),
    ],
)
def test_crafted_row_count_rejected_on_open(project, statement, detail):
    tamper(project, statement)

    with pytest.raises(ProjectError) as caught:
        ProjectStore.open(project)

    assert detail in str(caught.value)


def test_newer_schema_version_named(project):
    tamper(project, f"PRAGMA user_version = {SCHEMA_VERSION + 5}")

    with pytest.raises(ProjectVersionError) as caught:
        ProjectStore.open(project)

    assert str(caught.value) == (
        f"{project} was saved by a newer version of Review Labeler (project format {SCHEMA_VERSION + 5}; "
        f"this version reads format {SCHEMA_VERSION}). Update Review Labeler to open it."
    )


def test_registry_folder_outside_versions_rejected(tmp_path, tiny_bert_copy):
    versions = ModelVersions(tmp_path / "work.models", base_model=tiny_bert_copy)
    loaded = load_model(tiny_bert_copy, device="cpu")
    saved = versions.save_new(loaded.model, loaded.tokenizer)
    registry = json.loads(versions.registry_path.read_text(encoding="utf-8"))
    registry["versions"][-1]["folder"] = "../../elsewhere"
    versions.registry_path.write_text(json.dumps(registry), encoding="utf-8")

    with pytest.raises(ModelVersionsError) as caught:
        versions.reference_of(saved.id)

    assert "'../../elsewhere' is not a folder name of the form vN" in str(caught.value)
    assert sorted(entry.name for entry in versions.folder.iterdir()) == [REGISTRY_NAME, f"v{saved.id}"]
