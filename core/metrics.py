"""Classification metrics computed from aligned label-id arrays (-1 means missing)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ClassificationMetrics:
    """Accuracy, per-label precision/recall/F1 and the confusion matrix over the paired rows."""

    label_names: list[str]
    support: int
    accuracy: float
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    confusion: np.ndarray

    @property
    def macro_f1(self) -> float:
        return float(np.mean(self.f1)) if len(self.f1) else float("nan")


def compute_metrics(true_ids: np.ndarray, predicted_ids: np.ndarray, label_names: list[str]) -> ClassificationMetrics:
    """Compare ``predicted_ids`` with ``true_ids`` on the rows where both are set.

    ``confusion[i, j]`` counts rows whose true label is i and predicted label is j.
    """
    true_ids = np.asarray(true_ids, dtype=np.int64)
    predicted_ids = np.asarray(predicted_ids, dtype=np.int64)
    if true_ids.shape != predicted_ids.shape:
        raise ValueError(f"label arrays differ in length: {true_ids.shape} vs {predicted_ids.shape}")

    count = len(label_names)
    paired = (true_ids >= 0) & (predicted_ids >= 0) & (true_ids < count) & (predicted_ids < count)
    confusion = np.zeros((count, count), dtype=np.int64)
    np.add.at(confusion, (true_ids[paired], predicted_ids[paired]), 1)

    support = int(paired.sum())
    correct = np.diag(confusion)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(confusion.sum(axis=0) > 0, correct / confusion.sum(axis=0), 0.0)
        recall = np.where(confusion.sum(axis=1) > 0, correct / confusion.sum(axis=1), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    accuracy = float(correct.sum() / support) if support else float("nan")
    return ClassificationMetrics(list(label_names), support, accuracy, precision, recall, f1, confusion)
