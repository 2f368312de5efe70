"""Read replay rows for fine-tuning from a table file, such as a sample of a model's training data.

A model folder may ship such a sample as ``REPLAY_FILE_NAME`` (columns ``text`` and ``label``,
optionally ``confidence``); :func:`bundled_replay_file` finds it. Rows from a file count as
known labels, so their confidence is 1.0 unless the file has a confidence column.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .column_guess import guess_label_column, guess_review_column
from .errors import FinetuneError
from .finetune_data import ReplayCandidates
from .label_mapping import direct_label_mapping
from .messages import text
from .table_reader import read_table

log = logging.getLogger(__name__)

REPLAY_FILE_NAME = "replay_sample.csv"
_TEXT_NAMES = ("text", "review", "리뷰")
_LABEL_NAMES = ("label", "라벨")
_CONFIDENCE_NAMES = ("confidence", "신뢰도")


def bundled_replay_file(model_folder: str | os.PathLike[str]) -> Path | None:
    """Return the replay sample shipped inside ``model_folder``, or None if there is none."""
    path = Path(model_folder) / REPLAY_FILE_NAME
    return path if path.is_file() else None


def read_replay_file(
    path: str | os.PathLike[str],
    label_names: Sequence[str],
    *,
    text_column: str | None = None,
    label_column: str | None = None,
) -> ReplayCandidates:
    """Read replay rows from a CSV, TSV or XLSX file with a text and a label column.

    Columns named ``text``/``label`` are used first, then the given names, then a guess. Labels
    may be label names or ids of the model; a label the model does not have raises
    FinetuneError. Rows with an empty text or label are skipped.
    """
    path = Path(path)
    table = read_table(path)
    columns = table.columns
    text_name = _pick(columns, _TEXT_NAMES, text_column) or guess_review_column(table)
    label_name = _pick(columns, _LABEL_NAMES, label_column) or guess_label_column(table, text_name)
    if text_name is None or label_name is None or text_name == label_name:
        raise FinetuneError(text("finetune.replay_file_columns", file=path.name, columns=", ".join(columns)))

    texts = table.column_values(text_name)
    values = table.column_values(label_name)
    mapping = direct_label_mapping(values, list(label_names))
    confidence_name = _pick(columns, _CONFIDENCE_NAMES, None)
    confidences = table.column_values(confidence_name) if confidence_name else None

    kept_texts, kept_ids, kept_confidences = [], [], []
    for position, (review, value) in enumerate(zip(texts, values)):
        if not review.strip() or not value.strip():
            continue
        if value not in mapping:
            raise FinetuneError(text("finetune.unknown_label", label=value, labels=", ".join(label_names)))
        kept_texts.append(review)
        kept_ids.append(mapping[value])
        kept_confidences.append(_as_confidence(confidences[position]) if confidences else 1.0)
    log.info("Read %d replay rows from %s (columns %s, %s)", len(kept_texts), path, text_name, label_name)
    return ReplayCandidates.build(kept_texts, np.array(kept_ids, dtype=np.int64), kept_confidences)


def _pick(columns: list[str], preferred: tuple[str, ...], hint: str | None) -> str | None:
    folded = {name.strip().casefold(): name for name in columns}
    for name in preferred:
        if name in folded:
            return folded[name]
    if hint and hint in columns:
        return hint
    return None


def _as_confidence(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")
