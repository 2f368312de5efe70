"""Helpers for the correcting tests: predictions without a model, view selection, rating files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel

from review_labeler.core.inference import ClassificationResult, RowStatus

LABELS = ["부정", "긍정"]


def inject_predictions(window, positive_probability, label_names=LABELS) -> ClassificationResult:
    """Write a run result into the window as if a model had predicted it (two labels).

    ``positive_probability`` contains one probability of label 1 per row; NaN leaves a row unclassified.
    """
    positive = np.asarray(positive_probability, dtype=np.float32)
    probabilities = np.stack([1 - positive, positive], axis=1).astype(np.float32)
    classified = ~np.isnan(positive)
    label_ids = np.where(classified, probabilities.argmax(axis=1), -1).astype(np.int64)
    result = ClassificationResult(
        label_ids=label_ids,
        probabilities=probabilities,
        truncated=np.zeros(len(positive), dtype=bool),
        status=np.where(classified, RowStatus.CLASSIFIED, RowStatus.PENDING).astype(np.uint8),
        label_names=list(label_names),
    )
    window.document.prepare_run(list(label_names))
    window.document.apply_result(result)
    return result


def select_view_rows(window, first: int, last: int) -> None:
    """Select view rows ``first``..``last`` and make ``first`` current."""
    view = window.table_view
    model = view.model()
    selection = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(model.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def shown_rows(window) -> list[int]:
    return window.proxy.shown_source_rows().tolist()


def write_rating_csv(path: Path, texts: list[str], ratings: list[str], header=("review", "rating")) -> Path:
    """Write a UTF-8 CSV with a review column and a rating column."""
    lines = [",".join(header)] + [f"\"{text}\",{rating}" for text, rating in zip(texts, ratings)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
