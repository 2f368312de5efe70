"""Loading checkpoints of every supported family, and rejecting the broken ones with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import AutoModelForSequenceClassification, BertConfig, BertModel, BertTokenizer

from review_labeler.core.cli import run
from review_labeler.core.errors import ModelLoadError
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import load_model
from review_labeler.core.table_reader import read_table
from tiny_models import FAMILIES, build_tiny_checkpoint

CASES = Path(__file__).parent / "data" / "cases"
INPUT = CASES / "case02" / "reviews_10.csv"


@pytest.fixture(scope="module")
def vocab_only_checkpoints(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("vocab_only")
    return {family: build_tiny_checkpoint(root / family, family, with_tokenizer_json=False) for family in FAMILIES}


def checkpoint_for(tokenizer_files: str, family: str, tiny_checkpoints, vocab_only_checkpoints) -> Path:
    folder = (tiny_checkpoints if tokenizer_files == "tokenizer.json" else vocab_only_checkpoints)[family]
    assert (folder / "tokenizer.json").exists() == (tokenizer_files == "tokenizer.json")
    assert (folder / "vocab.txt").exists()
    return folder


@pytest.mark.parametrize("tokenizer_files", ["tokenizer.json", "vocab.txt"])
@pytest.mark.parametrize("family", FAMILIES)
def test_predict_job_with_family(tmp_path, capsys, tiny_checkpoints, vocab_only_checkpoints, family, tokenizer_files):
    folder = checkpoint_for(tokenizer_files, family, tiny_checkpoints, vocab_only_checkpoints)
    output = tmp_path / "out.csv"

    code = run(["predict", str(INPUT), "--output", str(output), "--model", str(folder),
                "--device", "cpu", "--batch-size", "3", "--quiet"])

    assert code == 0
    printed = capsys.readouterr().out
    assert "rows: 10" in printed
    assert "classified: 10" in printed
    exported = read_table(output)
    assert exported.row_count == 10
    assert exported.column_values("review_id") == [str(number) for number in range(1, 11)]
    assert set(exported.column_values("predicted_label")) <= {"부정", "긍정"}

    loaded = load_model(folder, device="cpu")
    alone = [classify_texts(loaded, [text], batch_size=1).label_name(0) for text in read_table(INPUT).column_values("review_text")]
    assert exported.column_values("predicted_label") == alone


@pytest.mark.parametrize("family", FAMILIES)
def test_family_loads_with_labels_and_limits(tiny_checkpoints, family):
    loaded = load_model(tiny_checkpoints[family], device="cpu")

    assert loaded.label_names == ["부정", "긍정"]
    assert loaded.max_length == 64
    assert loaded.device == torch.device("cpu")
    assert not loaded.model.training
    if family == "distilbert":
        # DistilBERT has no token type embeddings, and its tokenizer config leaves them out.
        assert "token_type_ids" not in loaded.input_names
    else:
        assert "token_type_ids" in loaded.input_names


def test_generic_label_names_shown_as_they_are(tmp_path, capsys):
    folder = build_tiny_checkpoint(tmp_path / "generic", "bert", id2label={0: "LABEL_0", 1: "LABEL_1"})
    output = tmp_path / "out.csv"

    code = run(["predict", str(INPUT), "--output", str(output), "--model", str(folder), "--device", "cpu", "--quiet"])

    assert code == 0
    assert load_model(folder, device="cpu").label_names == ["LABEL_0", "LABEL_1"]
    assert set(read_table(output).column_values("predicted_label")) <= {"LABEL_0", "LABEL_1"}
    assert "['LABEL_0', 'LABEL_1']" in capsys.readouterr().out


def test_three_label_names_from_id2label(tmp_path):
    folder = build_tiny_checkpoint(tmp_path / "three", "electra", id2label={0: "부정", 1: "중립", 2: "긍정"})

    loaded = load_model(folder, device="cpu")
    result = classify_texts(loaded, ["좋아요", "별로"])

    assert loaded.label_names == ["부정", "중립", "긍정"]
    assert result.probabilities.shape == (2, 3)
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-5)


def test_max_length_request_lowers_limit(tiny_bert_dir):
    assert load_model(tiny_bert_dir, device="cpu", max_length=16).max_length == 16
    assert load_model(tiny_bert_dir, device="cpu", max_length=4096).max_length == 64


def test_roberta_limit_excludes_padding_offset(tiny_checkpoints):
    config = json.loads((tiny_checkpoints["roberta"] / "config.json").read_text(encoding="utf-8"))

    assert config["max_position_embeddings"] == 66
    assert load_model(tiny_checkpoints["roberta"], device="cpu").max_length == 64


# Broken checkpoints


def make_pickle_only(folder: Path) -> Path:
    model = AutoModelForSequenceClassification.from_pretrained(folder)
    torch.save(model.state_dict(), folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()
    return folder


def test_pickle_only_refused_unless_allowed(tiny_bert_copy):
    folder = make_pickle_only(tiny_bert_copy)

    with pytest.raises(ModelLoadError) as caught:
        load_model(folder, device="cpu")

    assert str(folder) in str(caught.value)
    assert "pytorch_model.bin" in str(caught.value)
    assert "arbitrary code" in str(caught.value)
    loaded = load_model(folder, device="cpu", allow_pickle=True)
    assert loaded.label_names == ["부정", "긍정"]


def test_pickle_only_via_cli(tmp_path, capsys, tiny_bert_copy):
    folder = make_pickle_only(tiny_bert_copy)
    output = tmp_path / "out.csv"
    arguments = ["predict", str(INPUT), "--output", str(output), "--model", str(folder), "--device", "cpu", "--quiet"]

    assert run(arguments) == 2
    assert "pytorch_model.bin" in capsys.readouterr().err
    assert not output.exists()
    assert run(arguments + ["--allow-pickle"]) == 0
    assert read_table(output).row_count == 10


def test_missing_config_names_folder(tiny_bert_copy):
    (tiny_bert_copy / "config.json").unlink()

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(tiny_bert_copy) in str(caught.value)
    assert "config.json" in str(caught.value)


def test_missing_folder_named(tmp_path):
    with pytest.raises(ModelLoadError) as caught:
        load_model(tmp_path / "no_model_here", device="cpu")

    assert "no_model_here" in str(caught.value)


def test_folder_without_weights_named(tiny_bert_copy):
    (tiny_bert_copy / "model.safetensors").unlink()

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(tiny_bert_copy) in str(caught.value)
    assert "model.safetensors" in str(caught.value)


def test_label_count_mismatch_names_numbers(tiny_bert_copy):
    config_path = tiny_bert_copy / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["num_labels"] = 3
    config_path.write_text(json.dumps(config), encoding="utf-8")

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(tiny_bert_copy) in str(caught.value)
    assert "num_labels = 3" in str(caught.value)
    assert "2 entries" in str(caught.value)


def test_foreign_bigger_tokenizer_refused(tiny_bert_copy):
    for name in ("tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"):
        (tiny_bert_copy / name).unlink(missing_ok=True)
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [chr(0xAC00 + offset) for offset in range(1000)]
    BertTokenizer(vocab={token: index for index, token in enumerate(tokens)}).save_pretrained(tiny_bert_copy)
    vocab_size = json.loads((tiny_bert_copy / "config.json").read_text(encoding="utf-8"))["vocab_size"]

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(tiny_bert_copy) in str(caught.value)
    assert "1004" in str(caught.value)
    assert str(vocab_size) in str(caught.value)


def test_checkpoint_without_head_refused(tiny_bert_copy):
    config = BertConfig.from_pretrained(tiny_bert_copy)
    (tiny_bert_copy / "model.safetensors").unlink()
    BertModel(config).save_pretrained(tiny_bert_copy)

    with pytest.raises(ModelLoadError) as caught:
        load_model(tiny_bert_copy, device="cpu")

    assert str(tiny_bert_copy) in str(caught.value)
    assert "classification head" in str(caught.value)
    assert "classifier.weight" in str(caught.value)


def test_unknown_device_refused(tiny_bert_dir):
    with pytest.raises(ModelLoadError, match="tpu"):
        load_model(tiny_bert_dir, device="tpu")
