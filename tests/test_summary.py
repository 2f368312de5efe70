"""Summary figures: label distributions, confidence histogram, metrics and likely label errors."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from review_labeler.core.annotations import Annotations, ReviewState
from review_labeler.core.inference import RowStatus
from review_labeler.core.summary import confidence_histogram, label_counts, likely_label_errors, summarize

LABELS = ["부정", "긍정"]


def make_annotations(probabilities: list[list[float] | None], label_names: list[str] = LABELS) -> Annotations:
    """Build annotations whose predictions are the argmax of each row; None rows stay unpredicted."""
    annotations = Annotations.empty(len(probabilities), label_names)
    for row, values in enumerate(probabilities):
        if values is None:
            continue
        annotations.probabilities[row] = values
        annotations.predicted[row] = int(np.argmax(values))
        annotations.status[row] = RowStatus.CLASSIFIED
    return annotations


def test_distributions_predicted_and_final():
    annotations = make_annotations([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], None])
    annotations.set_label([1], 0)
    annotations.accept([2])

    summary = summarize(annotations)

    assert summary.predicted_counts.tolist() == [1, 2]
    assert summary.final_counts.tolist() == [2, 1]
    assert summary.unpredicted_rows == 1
    assert summary.row_count == 4
    assert summary.review_counts == {ReviewState.UNREVIEWED: 2, ReviewState.ACCEPTED: 1, ReviewState.CORRECTED: 1}
    assert summary.model_metrics is None
    assert summary.label_errors is None


def test_label_counts_ignore_missing_ids():
    assert label_counts(np.array([-1, 0, 2, 2, 5]), 3).tolist() == [1, 0, 2]


def test_confidence_histogram_bins_and_nan():
    histogram = confidence_histogram(np.array([0.55, 0.95, 1.0, np.nan, 0.05, 0.5]), bins=10)

    assert histogram.counts.tolist() == [1, 0, 0, 0, 0, 2, 0, 0, 0, 2]
    assert histogram.edges[0] == 0.0
    assert histogram.edges[-1] == 1.0
    assert len(histogram.edges) == 11


def test_confidence_histogram_rejects_zero_bins():
    with pytest.raises(ValueError):
        confidence_histogram(np.array([0.5]), bins=0)


def test_metrics_match_scikit_learn():
    rng = np.random.default_rng(3)
    rows = 300
    probabilities = rng.dirichlet([1, 1, 1], size=rows).tolist()
    annotations = make_annotations(probabilities, ["부정", "중립", "긍정"])
    known = rng.integers(-1, 3, size=rows)
    corrected_rows = rng.choice(rows, size=40, replace=False)
    annotations.set_label(corrected_rows, 1)

    summary = summarize(annotations, known)

    paired = known >= 0
    expected_precision, expected_recall, expected_f1, _ = precision_recall_fscore_support(
        known[paired], annotations.predicted[paired], labels=[0, 1, 2], zero_division=0
    )
    metrics = summary.model_metrics
    assert summary.known_rows == int(paired.sum())
    assert metrics.support == int(paired.sum())
    assert metrics.accuracy == pytest.approx(float(np.mean(known[paired] == annotations.predicted[paired])))
    assert metrics.precision == pytest.approx(expected_precision)
    assert metrics.recall == pytest.approx(expected_recall)
    assert metrics.f1 == pytest.approx(expected_f1)
    assert metrics.macro_f1 == pytest.approx(f1_score(known[paired], annotations.predicted[paired], average="macro"))
    assert metrics.confusion.tolist() == confusion_matrix(known[paired], annotations.predicted[paired], labels=[0, 1, 2]).tolist()

    final_paired = known[paired]
    assert summary.final_metrics.accuracy == pytest.approx(float(np.mean(final_paired == annotations.final[paired])))


def test_summary_rejects_misaligned_known_labels():
    annotations = make_annotations([[0.9, 0.1], [0.2, 0.8]])
    with pytest.raises(ValueError):
        summarize(annotations, np.array([0, 1, 1]))


def test_likely_errors_thresholds_and_flags():
    # Known label 0 rows: p0 = 0.9, 0.8, 0.1 -> threshold 0.6. Known label 1 rows: p1 = 0.9, 0.7,
    # 0.2 -> threshold 0.6. Row 2 (known 0, p1 = 0.9) and row 5 (known 1, p0 = 0.8) are flagged.
    probabilities = np.array(
        [[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.1, 0.9], [0.3, 0.7], [0.8, 0.2], [0.5, 0.5]]
    )
    known = np.array([0, 0, 0, 1, 1, 1, -1])
    predicted = probabilities.argmax(axis=1)

    scores = likely_label_errors(probabilities, known, predicted)

    assert scores.thresholds == pytest.approx([0.6, 0.6])
    assert scores.is_likely_error.tolist() == [False, False, True, False, False, True, False]
    assert scores.suggested_label.tolist() == [-1, -1, 1, -1, -1, 0, -1]
    assert scores.margin[2] == pytest.approx(0.8)
    assert scores.margin[5] == pytest.approx(0.6)
    assert scores.margin[0] == pytest.approx(-0.8)
    assert np.isnan(scores.margin[6])
    assert scores.count == 2
    assert scores.ranked_rows().tolist() == [2, 5]


def test_likely_errors_need_confident_other():
    # Row 3 has a low probability for its known label 0, but class 1 (threshold about 0.88) is
    # not confident enough there either, so the row is not flagged.
    probabilities = np.array([[0.9, 0.1], [0.9, 0.1], [0.05, 0.95], [0.4, 0.6], [0.1, 0.9], [0.2, 0.8]])
    known = np.array([0, 0, 1, 0, 1, 1])

    scores = likely_label_errors(probabilities, known, probabilities.argmax(axis=1))

    assert scores.thresholds[1] == pytest.approx((0.95 + 0.9 + 0.8) / 3)
    assert not scores.is_likely_error[3]
    assert scores.margin[3] == pytest.approx(0.2)


def test_likely_errors_skip_unpredicted_rows():
    annotations = make_annotations([[0.9, 0.1], None, [0.2, 0.8]])
    known = np.array([1, 0, 1])

    scores = summarize(annotations, known).label_errors

    assert np.isnan(scores.margin[1])
    assert not scores.is_likely_error[1]
    assert len(scores.margin) == 3


def test_unlabelled_class_never_suggested():
    probabilities = np.array([[0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    known = np.array([0, 0, 1])

    scores = likely_label_errors(probabilities, known, probabilities.argmax(axis=1))

    assert np.isinf(scores.thresholds[2])
    assert 2 not in scores.suggested_label.tolist()


def test_likely_errors_follow_rows_not_order():
    rng = np.random.default_rng(7)
    probabilities = rng.dirichlet([1, 1], size=50)
    known = rng.integers(0, 2, size=50)
    predicted = probabilities.argmax(axis=1)
    permutation = rng.permutation(50)

    scores = likely_label_errors(probabilities, known, predicted)
    shuffled = likely_label_errors(probabilities[permutation], known[permutation], predicted[permutation])

    assert shuffled.is_likely_error.tolist() == scores.is_likely_error[permutation].tolist()
    assert shuffled.margin == pytest.approx(scores.margin[permutation])
