"""Row filter masks without Qt: each condition, their combination, search and the saved form."""

from __future__ import annotations

import numpy as np
import pytest

from review_labeler.core.annotations import ReviewState
from review_labeler.gui.row_filters import FilterInputs, FilterSpec, ReviewFilter, TextIndex, filter_mask

TEXTS = [
    "배송이 빨라서 좋았어요",      # 0
    "Great VALUE for money",       # 1
    "",                            # 2 empty
    "   ",                         # 3 blank
    "배송이 너무 늦었어요",        # 4
    "great 배송 and great price",  # 5
    "&nbsp;",                      # 6 blank once cleaned
    "재구매 의사 있습니다",        # 7
]


@pytest.fixture
def inputs() -> FilterInputs:
    predicted = np.array([1, 1, -1, -1, 0, 1, -1, 0])
    confidence = np.array([0.95, 0.55, np.nan, np.nan, 0.70, 0.80, np.nan, 0.99], dtype=np.float32)
    review_state = np.array([0, 2, 0, 0, 1, 0, 0, 2], dtype=np.uint8)
    corrected = np.array([-1, 0, -1, -1, 0, -1, -1, 1])
    final = np.where(corrected >= 0, corrected, predicted)
    known = np.array([1, 1, 0, -1, 1, 0, -1, 0])
    likely = np.array([False, False, False, False, True, True, False, False])
    return FilterInputs(predicted, confidence, review_state, final, TextIndex(TEXTS), known, likely)


def _rows(mask) -> list[int]:
    return np.flatnonzero(mask).tolist()


def test_default_spec_filters_nothing(inputs):
    assert filter_mask(FilterSpec(), inputs) is None
    assert not FilterSpec().is_active()


def test_predicted_label(inputs):
    assert _rows(filter_mask(FilterSpec(predicted_label=1), inputs)) == [0, 1, 5]
    assert _rows(filter_mask(FilterSpec(predicted_label=0), inputs)) == [4, 7]


def test_confidence_range_and_threshold(inputs):
    assert _rows(filter_mask(FilterSpec(confidence_min=0.6, confidence_max=0.9), inputs)) == [4, 5]
    assert _rows(filter_mask(FilterSpec(confidence_max=0.7), inputs)) == [1, 4]
    # A bound includes a row whose float32 confidence equals it.
    assert _rows(filter_mask(FilterSpec(confidence_min=0.7), inputs)) == [0, 4, 5, 7]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (ReviewFilter.UNREVIEWED, [0, 2, 3, 5, 6]),
        (ReviewFilter.REVIEWED, [1, 4, 7]),
        (ReviewFilter.CORRECTED, [1, 7]),
        (ReviewFilter.ACCEPTED, [4]),
    ],
)
def test_review_state(inputs, review, expected):
    assert _rows(filter_mask(FilterSpec(review=review), inputs)) == expected


def test_disagreement_uses_final_label(inputs):
    # Row 1 was corrected to 0 against known 1; row 5 predicts 1 against known 0; row 7 corrected to 1 against 0.
    assert _rows(filter_mask(FilterSpec(disagrees_with_known=True), inputs)) == [1, 4, 5, 7]


def test_disagreement_without_known_labels_keeps_no_row(inputs):
    inputs.known_label_ids = None
    inputs.likely_errors = None
    assert _rows(filter_mask(FilterSpec(disagrees_with_known=True), inputs)) == []
    assert _rows(filter_mask(FilterSpec(likely_errors=True), inputs)) == []


def test_text_search_korean_and_latin_case(inputs):
    assert _rows(filter_mask(FilterSpec(text="배송"), inputs)) == [0, 4, 5]
    assert _rows(filter_mask(FilterSpec(text="GREAT"), inputs)) == [1, 5]
    assert _rows(filter_mask(FilterSpec(text="value for"), inputs)) == [1]
    # Regular-expression characters are searched literally.
    assert _rows(filter_mask(FilterSpec(text="."), inputs)) == []


def test_text_search_narrowing_query_matches_full_search():
    index = TextIndex(TEXTS)
    index.contains("배")
    narrowed = index.contains("배송이 너")
    fresh = TextIndex(TEXTS).contains("배송이 너")
    np.testing.assert_array_equal(narrowed, fresh)
    # A query that does not extend the previous one searches every row again.
    assert _rows(index.contains("great")) == [1, 5]


def test_empty_text(inputs):
    assert _rows(filter_mask(FilterSpec(empty_text=True), inputs)) == [2, 3, 6]


def test_likely_errors(inputs):
    assert _rows(filter_mask(FilterSpec(likely_errors=True), inputs)) == [4, 5]


def test_filters_combine_with_and(inputs):
    spec = FilterSpec(predicted_label=1, review=ReviewFilter.UNREVIEWED, text="배송")
    assert _rows(filter_mask(spec, inputs)) == [0, 5]
    spec = FilterSpec(predicted_label=1, confidence_min=0.6, disagrees_with_known=True)
    assert _rows(filter_mask(spec, inputs)) == [5]


def test_spec_round_trips_through_dict():
    spec = FilterSpec(predicted_label=1, confidence_min=0.25, confidence_max=0.75, review=ReviewFilter.CORRECTED,
                      disagrees_with_known=True, text="배송", empty_text=False, likely_errors=True)
    assert FilterSpec.from_dict(spec.to_dict()) == spec


@pytest.mark.parametrize(
    "stored",
    [None, [], "text", {"predicted_label": -3, "confidence_min": 7, "review": "nonsense", "text": 5,
                        "likely_errors": "yes", "confidence_max": True}],
)
def test_spec_from_invalid_dict_is_default(stored):
    assert FilterSpec.from_dict(stored) == FilterSpec()


def test_review_state_values_match_core():
    assert ReviewState.UNREVIEWED == 0
    assert ReviewState.ACCEPTED == 1
    assert ReviewState.CORRECTED == 2


def test_changed_by_model(inputs):
    assert _rows(filter_mask(FilterSpec(changed_by_model=True), inputs)) == []
    inputs.changed_rows = np.array([False, True, False, False, True, False, False, True])
    assert _rows(filter_mask(FilterSpec(changed_by_model=True), inputs)) == [1, 4, 7]
    assert _rows(filter_mask(FilterSpec(changed_by_model=True, predicted_label=0), inputs)) == [4, 7]
