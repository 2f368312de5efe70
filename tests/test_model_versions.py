"""Model versions: save, list, activate, rollback, and crashes during a save."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil

import numpy as np
import pytest

from review_labeler.core import model_versions
from review_labeler.core.errors import ModelVersionsError
from review_labeler.core.finetune import FinetuneSettings, finetune, version_metadata
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import bundled_model_path, load_model
from review_labeler.core.model_versions import (
    BUNDLED_REFERENCE,
    REGISTRY_NAME,
    ModelVersions,
    VersionMetadata,
    save_checkpoint_atomically,
)

TEXTS = ["배송이 빨라서 좋았어요", "한 번 쓰고 고장났어요", "사이즈가 딱 맞아요"]


@pytest.fixture
def base(tiny_bert_copy):
    return load_model(tiny_bert_copy, device="cpu")


@pytest.fixture
def versions(tmp_path, tiny_bert_copy):
    return ModelVersions(tmp_path / "project.models", base_model=tiny_bert_copy)


def _shifted_model(loaded, amount: float):
    """Return a copy of the loaded model with its classifier bias moved, so versions differ."""
    import copy

    import torch

    model = copy.deepcopy(loaded.model)
    with torch.no_grad():
        model.classifier.bias += torch.tensor([amount, -amount])
    return model


def _registry(versions: ModelVersions) -> dict:
    return json.loads(versions.registry_path.read_text(encoding="utf-8"))


def test_new_folder_has_base_version(versions, tiny_bert_copy):
    listed = versions.list()

    assert [version.id for version in listed] == [0]
    assert listed[0].is_base
    assert listed[0].is_active
    assert versions.path_of(0) == tiny_bert_copy.resolve()
    assert listed[0].label_names == ["부정", "긍정"]
    assert [entry.name for entry in versions.folder.iterdir()] == [REGISTRY_NAME]


def test_default_base_is_bundled_reference(tmp_path):
    versions = ModelVersions(tmp_path / "models")

    assert versions.active().base_model == BUNDLED_REFERENCE
    assert versions.path_of(0) == bundled_model_path()


def test_save_new_keeps_active_version(versions, base):
    metadata = VersionMetadata(row_counts={"corrections": 12, "accepted": 3, "known": 0, "replay": 40},
                               metrics={"is_worse": False}, notes="first round")

    info = versions.save_new(_shifted_model(base, 1.0), base.tokenizer, metadata)

    assert info.id == 1
    assert info.parent_id == 0
    assert info.folder == "v1"
    assert info.row_counts["corrections"] == 12
    assert info.notes == "first round"
    assert info.base_model == versions.list()[0].base_model
    assert versions.active().id == 0
    assert [version.id for version in versions.list()] == [0, 1]


def test_saved_version_loads_with_same_predictions(versions, base):
    model = _shifted_model(base, 0.5)
    info = versions.save_new(model, base.tokenizer)

    reloaded = load_model(versions.path_of(info.id), device="cpu")
    expected = classify_texts(dataclasses.replace(base, model=model), TEXTS)
    actual = classify_texts(reloaded, TEXTS)

    assert reloaded.label_names == base.label_names
    assert np.allclose(expected.probabilities, actual.probabilities, atol=1e-5)
    for name in ("config.json", "model.safetensors", "tokenizer_config.json"):
        assert (versions.path_of(info.id) / name).is_file()


def test_activate_and_roll_back(versions, base):
    first = versions.save_new(_shifted_model(base, 1.0), base.tokenizer)
    second = versions.save_new(_shifted_model(base, 2.0), base.tokenizer, VersionMetadata(parent_id=first.id))

    versions.activate(second.id)
    assert versions.active().id == second.id
    assert second.parent_id == first.id

    versions.activate(0)
    assert versions.active().id == 0
    assert load_model(versions.path_of(versions.active().id), device="cpu").label_names == ["부정", "긍정"]


def test_reopen_reads_same_registry(versions, base, tiny_bert_copy):
    info = versions.save_new(_shifted_model(base, 1.0), base.tokenizer)
    versions.activate(info.id)

    reopened = ModelVersions(versions.folder, base_model="somewhere/else")

    assert reopened.active().id == info.id
    assert reopened.list()[0].base_model == str(tiny_bert_copy.resolve())


def test_unknown_version_rejected(versions):
    with pytest.raises(ModelVersionsError, match="7"):
        versions.activate(7)


def test_version_with_missing_files_not_activated(versions, base):
    info = versions.save_new(_shifted_model(base, 1.0), base.tokenizer)
    (versions.path_of(info.id) / "model.safetensors").unlink()

    with pytest.raises(ModelVersionsError, match="missing"):
        versions.activate(info.id)
    assert versions.active().id == 0


def test_crash_while_writing_weights_leaves_registry(versions, base, monkeypatch):
    first = versions.save_new(_shifted_model(base, 1.0), base.tokenizer)
    versions.activate(first.id)
    registry_before = versions.registry_path.read_bytes()

    def write_half_then_fail(model, tokenizer, folder):
        (folder / "config.json").write_text("{", encoding="utf-8")
        (folder / "model.safetensors").write_bytes(b"\0" * 100)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_versions, "write_checkpoint_files", write_half_then_fail)
    with pytest.raises(ModelVersionsError, match="No space left"):
        versions.save_new(_shifted_model(base, 2.0), base.tokenizer)

    assert versions.registry_path.read_bytes() == registry_before
    assert [version.id for version in versions.list()] == [0, first.id]
    assert sorted(entry.name for entry in versions.folder.iterdir()) == [REGISTRY_NAME, "v1"]
    active = load_model(versions.path_of(versions.active().id), device="cpu")
    assert active.label_names == ["부정", "긍정"]


def test_crash_while_writing_registry_lists_no_new_version(versions, base, monkeypatch):
    registry_before = versions.registry_path.read_bytes()
    real_replace = os.replace

    def fail_on_registry(source, target):
        if str(target).endswith(REGISTRY_NAME):
            raise OSError(5, "Input/output error")
        return real_replace(source, target)

    monkeypatch.setattr(model_versions.os, "replace", fail_on_registry)
    with pytest.raises(ModelVersionsError, match="Input/output error"):
        versions.save_new(_shifted_model(base, 1.0), base.tokenizer)
    monkeypatch.setattr(model_versions.os, "replace", real_replace)

    assert versions.registry_path.read_bytes() == registry_before
    assert [version.id for version in versions.list()] == [0]
    assert [entry.name for entry in versions.folder.iterdir()] == [REGISTRY_NAME]
    assert load_model(versions.path_of(0), device="cpu").num_labels == 2


def test_stale_temporary_folder_removed_on_open(versions, base):
    stale = versions.folder / ".tmp-999999999-deadbeef-v1"
    stale.mkdir()
    (stale / "config.json").write_text("{", encoding="utf-8")
    stale_registry = versions.folder / f".{REGISTRY_NAME}.999999999.abc.tmp"
    stale_registry.write_text("{", encoding="utf-8")

    reopened = ModelVersions(versions.folder)

    assert not stale.exists()
    assert not stale_registry.exists()
    assert [version.id for version in reopened.list()] == [0]
    assert reopened.save_new(_shifted_model(base, 1.0), base.tokenizer).id == 1


def test_unregistered_version_folder_ignored(versions, base):
    orphan = versions.folder / "v1"
    shutil.copytree(versions.path_of(0), orphan)

    info = versions.save_new(_shifted_model(base, 1.0), base.tokenizer)

    assert info.id == 2
    assert [version.id for version in versions.list()] == [0, 2]


def test_corrupt_registry_reported(versions):
    versions.registry_path.write_text("{not json", encoding="utf-8")

    with pytest.raises(ModelVersionsError, match="cannot be read"):
        versions.list()


def test_atomic_checkpoint_refuses_existing_folder(base, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("x", encoding="utf-8")

    with pytest.raises(FileExistsError):
        save_checkpoint_atomically(base.model, base.tokenizer, target)
    assert [entry.name for entry in target.iterdir()] == ["keep.txt"]


def test_atomic_checkpoint_overwrite_replaces_folder(base, tmp_path):
    target = tmp_path / "destination" / "out"
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("x", encoding="utf-8")

    save_checkpoint_atomically(base.model, base.tokenizer, target, overwrite=True)

    assert not (target / "keep.txt").exists()
    assert load_model(target, device="cpu").num_labels == 2
    assert [entry.name for entry in target.parent.iterdir()] == ["out"]


def test_version_records_finetune_result(versions, base):
    texts = ["배송이 빨라서 좋았어요", "가격 대비 품질이 훌륭합니다", "사이즈가 딱 맞아요", "향이 은은하고 좋네요",
             "재구매 의사 있습니다", "배송이 너무 늦었어요", "한 번 쓰고 고장났어요", "사진과 색상이 달라요",
             "배터리가 금방 닳아요", "두 번 다시 안 삽니다"]
    labels = ["긍정"] * 5 + ["부정"] * 5
    result = finetune(base, texts, labels, settings=FinetuneSettings(epochs=1), kinds=["correction"] * 6 + ["accepted"] * 4)

    info = versions.save_new(result.model, result.tokenizer, version_metadata(result, versions.active().id, "round 1"))
    reopened = ModelVersions(versions.folder).get(info.id)

    assert reopened.row_counts == {"corrections": 6, "accepted": 4, "known": 0, "replay": 0}
    assert reopened.metrics["is_worse"] == result.is_worse
    assert reopened.training["steps"] == result.steps_done
    assert reopened.notes == "round 1"
    assert reopened.label_names == ["부정", "긍정"]
