"""An oracle classifier for alignment tests, built from the gold label of every text it may see.

The oracle decodes each row of ``input_ids`` back to text with its tokenizer and returns logits
for that text's gold label. Its margin differs from text to text, so every text also gets its
own probabilities. A result that lands on the wrong row therefore shows up as a wrong label or
a wrong probability, which makes ordering bugs visible without a trained model.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from types import SimpleNamespace

import torch
from transformers import BertTokenizer

from review_labeler.core.model_loading import LoadedModel

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _key(text: str) -> str:
    # WordPiece decoding puts spaces between words its own way; compare texts without them.
    return "".join(text.split())


def whole_word_tokenizer(texts: Iterable[str]) -> BertTokenizer:
    """Return a BERT tokenizer whose vocabulary contains every space-separated word of ``texts``.

    Each word is one token, so decoding the ids gives the words back and never ``[UNK]``.
    """
    words = sorted({word for text in texts for word in text.split()})
    vocab = {token: index for index, token in enumerate(SPECIAL_TOKENS + words)}
    return BertTokenizer(vocab=vocab, do_lower_case=False, tokenize_chinese_chars=False, strip_accents=False)


class OracleClassifier(torch.nn.Module):
    """A stand-in sequence classifier that returns the gold label of the text it decodes."""

    def __init__(self, tokenizer: BertTokenizer, gold: Mapping[str, int], num_labels: int) -> None:
        super().__init__()
        self.tokenizer = tokenizer
        self.gold = {_key(text): label for text, label in gold.items()}
        self.num_labels = num_labels
        self.config = SimpleNamespace(pad_token_id=tokenizer.pad_token_id, num_labels=num_labels)
        self.batch_sizes: list[int] = []

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids=None):
        self.batch_sizes.append(int(input_ids.shape[0]))
        rows = []
        for ids, mask in zip(input_ids.tolist(), attention_mask.tolist()):
            kept = [token for token, keep in zip(ids, mask) if keep]
            key = _key(self.tokenizer.decode(kept, skip_special_tokens=True))
            # A KeyError here means the model saw a text that belongs to no row.
            label = self.gold[key]
            margin = 1.0 + (zlib.crc32(key.encode("utf-8")) % 1000) / 250.0
            logits = [0.0] * self.num_labels
            logits[label] = margin
            rows.append(logits)
        return SimpleNamespace(logits=torch.tensor(rows, dtype=torch.float32))


def oracle_model(gold: Mapping[str, str], label_names: list[str], max_length: int = 64) -> LoadedModel:
    """Wrap an oracle for ``gold`` (text to label name) in a LoadedModel on the CPU."""
    tokenizer = whole_word_tokenizer(gold)
    label_ids = {text: label_names.index(name) for text, name in gold.items()}
    model = OracleClassifier(tokenizer, label_ids, len(label_names))
    return LoadedModel(
        model=model,
        tokenizer=tokenizer,
        device=torch.device("cpu"),
        label_names=list(label_names),
        max_length=max_length,
        source="oracle",
        input_names=list(tokenizer.model_input_names),
    )
