"""Figures for the summary panel, computed from the row-aligned annotation arrays.

Everything here takes whole-table arrays indexed by row position and returns counts, metrics
or one score per row, so the GUI can chart them and filter or sort the table by them without
moving any row.

Likely label errors use per-class thresholds in the style of confident learning: the threshold
of class j is the mean predicted probability of j over the rows whose known label is j. A row is a likely error
when the probability of its known label is below that label's threshold while some other class
reaches its own threshold. Rows are ranked by the margin between the best such other class and
the known label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .annotations import Annotations, ReviewState
from .metrics import ClassificationMetrics, compute_metrics

DEFAULT_CONFIDENCE_BINS = 10


@dataclass
class ConfidenceHistogram:
    """Row counts per confidence bin; ``edges`` has one more entry than ``counts``."""

    edges: np.ndarray
    counts: np.ndarray


@dataclass
class LabelErrorScores:
    """Per-row likely-label-error results, aligned with the table rows.

    ``margin`` is the best other class's probability minus the known label's probability, NaN
    where the row has no known label or no prediction. ``is_likely_error`` marks the rows the
    confident-learning rule flags; sort those by ``margin``, largest first.
    """

    thresholds: np.ndarray
    margin: np.ndarray
    is_likely_error: np.ndarray
    suggested_label: np.ndarray

    @property
    def count(self) -> int:
        return int(self.is_likely_error.sum())

    def ranked_rows(self) -> np.ndarray:
        """Return the flagged row positions, the largest margin first (ties by row position)."""
        rows = np.flatnonzero(self.is_likely_error)
        order = np.lexsort((rows, -self.margin[rows]))
        return rows[order]


@dataclass
class Summary:
    """Label distributions, confidence histogram, review counts and, with known labels, metrics."""

    label_names: list[str]
    row_count: int
    predicted_counts: np.ndarray
    final_counts: np.ndarray
    unpredicted_rows: int
    review_counts: dict[ReviewState, int]
    confidence: ConfidenceHistogram
    known_rows: int = 0
    model_metrics: ClassificationMetrics | None = None
    final_metrics: ClassificationMetrics | None = None
    label_errors: LabelErrorScores | None = None


def summarize(
    annotations: Annotations,
    known_label_ids: np.ndarray | None = None,
    *,
    confidence_bins: int = DEFAULT_CONFIDENCE_BINS,
) -> Summary:
    """Compute the summary of ``annotations``; ``known_label_ids`` is -1 where a row has no known label.

    ``model_metrics`` compares the model's predictions with the known labels; ``final_metrics``
    compares the final labels (the analyst's label where there is one) with them.
    """
    label_count = annotations.num_labels
    predicted = annotations.predicted
    final = annotations.final

    summary = Summary(
        label_names=list(annotations.label_names),
        row_count=len(annotations),
        predicted_counts=label_counts(predicted, label_count),
        final_counts=label_counts(final, label_count),
        unpredicted_rows=int((predicted < 0).sum()),
        review_counts={state: int((annotations.review_state == state).sum()) for state in ReviewState},
        confidence=confidence_histogram(annotations.confidence, confidence_bins),
    )

    if known_label_ids is None:
        return summary
    known = np.asarray(known_label_ids, dtype=np.int64)
    if known.shape != predicted.shape:
        raise ValueError(f"known labels have {known.shape[0]} rows, the annotations {predicted.shape[0]}")
    summary.known_rows = int(((known >= 0) & (known < label_count)).sum())
    summary.model_metrics = compute_metrics(known, predicted, annotations.label_names)
    summary.final_metrics = compute_metrics(known, final, annotations.label_names)
    summary.label_errors = likely_label_errors(annotations.probabilities, known, predicted)
    return summary


def label_counts(label_ids: np.ndarray, label_count: int) -> np.ndarray:
    """Count rows per label id; ids outside 0..label_count-1 (such as -1) are not counted."""
    label_ids = np.asarray(label_ids, dtype=np.int64)
    valid = label_ids[(label_ids >= 0) & (label_ids < label_count)]
    return np.bincount(valid, minlength=label_count)


def confidence_histogram(confidence: np.ndarray, bins: int = DEFAULT_CONFIDENCE_BINS) -> ConfidenceHistogram:
    """Count rows per equal-width confidence bin over [0, 1]; NaN (no prediction) is skipped.

    The last bin includes 1.0, as in ``numpy.histogram``.
    """
    if bins < 1:
        raise ValueError(f"bins must be at least 1, got {bins}")
    values = np.asarray(confidence, dtype=np.float64)
    values = values[np.isfinite(values)]
    counts, edges = np.histogram(np.clip(values, 0.0, 1.0), bins=bins, range=(0.0, 1.0))
    return ConfidenceHistogram(edges=edges, counts=counts)


def likely_label_errors(probabilities: np.ndarray, known_label_ids: np.ndarray, predicted: np.ndarray) -> LabelErrorScores:
    """Score every row for a likely known-label error; see the module docstring for the rule.

    Rows without a known label or without a prediction get NaN margins and are never flagged.
    A class with no known-labelled rows gets an infinite threshold, so no row is moved to it.
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    known = np.asarray(known_label_ids, dtype=np.int64)
    predicted = np.asarray(predicted, dtype=np.int64)
    row_count, label_count = probabilities.shape
    usable = (known >= 0) & (known < label_count) & (predicted >= 0) & np.all(np.isfinite(probabilities), axis=1)

    thresholds = np.full(label_count, np.inf)
    for label in range(label_count):
        members = usable & (known == label)
        if members.any():
            thresholds[label] = probabilities[members, label].mean()

    margin = np.full(row_count, np.nan)
    is_error = np.zeros(row_count, dtype=bool)
    suggested = np.full(row_count, -1, dtype=np.int64)
    rows = np.flatnonzero(usable)
    if len(rows) == 0:
        return LabelErrorScores(thresholds, margin, is_error, suggested)

    row_probabilities = probabilities[rows]
    row_known = known[rows]
    known_probability = row_probabilities[np.arange(len(rows)), row_known]

    # Best other class per row: mask the known label out before taking the maximum.
    others = row_probabilities.copy()
    others[np.arange(len(rows)), row_known] = -np.inf
    best_other = others.argmax(axis=1)
    margin[rows] = others[np.arange(len(rows)), best_other] - known_probability

    # Among the other classes that reach their own threshold, suggest the most probable one.
    confident_others = np.where(others >= thresholds[np.newaxis, :], others, -np.inf)
    has_confident_other = np.isfinite(confident_others.max(axis=1))
    below_own = known_probability < thresholds[row_known]
    flagged = below_own & has_confident_other
    is_error[rows] = flagged
    suggested[rows[flagged]] = confident_others[flagged].argmax(axis=1)
    return LabelErrorScores(thresholds, margin, is_error, suggested)
