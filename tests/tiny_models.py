"""Build tiny random sequence-classification checkpoints on the fly, for tests.

Each checkpoint is a few hundred kilobytes: a WordPiece vocabulary trained on a handful of
Korean reviews and a one-layer model of the requested family. Nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from tokenizers import BertWordPieceTokenizer
from transformers import (
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    DistilBertConfig,
    DistilBertForSequenceClassification,
    ElectraConfig,
    ElectraForSequenceClassification,
    RobertaConfig,
    RobertaForSequenceClassification,
)

TRAINING_TEXTS = [
    "배송이 빨라서 좋았어요",
    "배송이 너무 늦었어요",
    "한 번 쓰고 고장났어요",
    "가격 대비 품질이 훌륭합니다",
    "사이즈가 딱 맞아요",
    "사진과 색상이 달라요",
    "향이 은은하고 좋네요",
    "재구매 의사 있습니다",
    "포장이 꼼꼼하게 되어 있었어요",
    "배터리가 금방 닳아요",
    "두 번 다시 안 삽니다",
    "마감이 엉성하고 실밥이 풀려 있어요",
    "생각보다 훨씬 튼튼해요 최고 강추 ㅋㅋ",
    "great product, fast delivery 👍",
]

FAMILIES = ("bert", "electra", "roberta", "distilbert")
DEFAULT_LABELS = {0: "부정", 1: "긍정"}


def _train_vocab(folder: Path) -> Path:
    tokenizer = BertWordPieceTokenizer(lowercase=False, strip_accents=False)
    tokenizer.train_from_iterator(TRAINING_TEXTS * 3, vocab_size=400, min_frequency=1, show_progress=False)
    tokenizer.save_model(str(folder))
    return folder / "vocab.txt"


def _model_for(family: str, vocab_size: int, id2label: dict[int, str], max_positions: int):
    common = dict(vocab_size=vocab_size, num_labels=len(id2label), id2label=id2label,
                  label2id={name: index for index, name in id2label.items()})
    if family == "bert":
        config = BertConfig(initializer_range=1.0, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                            max_position_embeddings=max_positions, **common)
        return BertForSequenceClassification(config)
    if family == "electra":
        config = ElectraConfig(initializer_range=1.0, embedding_size=16, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                               intermediate_size=37, max_position_embeddings=max_positions, **common)
        return ElectraForSequenceClassification(config)
    if family == "roberta":
        # KLUE-RoBERTa pairs a RoBERTa model with a WordPiece tokenizer and one token type.
        config = RobertaConfig(initializer_range=1.0, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                               max_position_embeddings=max_positions + 2, type_vocab_size=1, pad_token_id=0,
                               **common)
        return RobertaForSequenceClassification(config)
    if family == "distilbert":
        config = DistilBertConfig(initializer_range=1.0, dim=32, n_layers=1, n_heads=2, hidden_dim=37, max_position_embeddings=max_positions,
                                  pad_token_id=0, **common)
        return DistilBertForSequenceClassification(config)
    raise ValueError(f"unknown family {family!r}; expected one of {FAMILIES}")


def build_tiny_checkpoint(
    folder: Path,
    family: str = "bert",
    *,
    id2label: dict[int, str] | None = None,
    with_tokenizer_json: bool = True,
    max_positions: int = 64,
    seed: int = 0,
) -> Path:
    """Write a tiny random checkpoint of ``family`` into ``folder`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    _train_vocab(folder)
    input_names = ["input_ids", "attention_mask"] if family == "distilbert" else None
    tokenizer_config = {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": False,
        "strip_accents": False,
        "model_max_length": max_positions,
    }
    if input_names:
        tokenizer_config["model_input_names"] = input_names
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    tokenizer = AutoTokenizer.from_pretrained(folder)

    model = _model_for(family, len(tokenizer), id2label or DEFAULT_LABELS, max_positions)
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    if not with_tokenizer_json:
        (folder / "tokenizer.json").unlink()
    return folder
