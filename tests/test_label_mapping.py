"""Known-label mapping: direct names/ids and suggested mappings for common rating scales.

The value lists mirror the label columns of real shop exports (value spellings and their
rough proportions), written out here so that the tests need no outside files.
"""

from __future__ import annotations

import numpy as np
import pytest

from review_labeler.core import messages
from review_labeler.core.label_mapping import (
    LabelMapping,
    ScaleKind,
    direct_label_mapping,
    find_sentiment_labels,
    map_known_labels,
    parse_rating,
    suggest_label_mapping,
)

TWO_LABELS = ["부정", "긍정"]
THREE_LABELS = ["부정", "중립", "긍정"]
NEGATIVE, POSITIVE = 0, 1


def column(counts: dict[str, int]) -> list[str]:
    """Expand {value: count} into a column of values, interleaved like a real export."""
    values: list[str] = []
    for value, count in counts.items():
        values.extend([value] * count)
    rng = np.random.default_rng(0)
    return [values[index] for index in rng.permutation(len(values))]


def suggested(mapping: LabelMapping) -> dict[str, int | None]:
    return {entry.value: entry.label_id for entry in mapping.entries}


def counts(mapping: LabelMapping) -> dict[str, int]:
    return {entry.value: entry.count for entry in mapping.entries}


# ---------------------------------------------------------------- existing direct mapping


def test_direct_mapping_names_and_ids():
    mapping = direct_label_mapping(["긍정", "부정", " 긍정 ", "1", "0.0", "7", ""], TWO_LABELS)
    assert mapping == {"긍정": 1, "부정": 0, " 긍정 ": 1, "1": 1, "0.0": 0}


def test_map_known_labels_unmapped_is_minus_one():
    ids = map_known_labels(["긍정", "??", "부정"], {"긍정": 1, "부정": 0})
    assert ids.tolist() == [1, -1, 0]


# ---------------------------------------------------------------- model label lookup


@pytest.mark.parametrize(
    ("names", "negative", "positive", "neutral"),
    [
        (["부정", "긍정"], 0, 1, None),
        (["긍정", "부정"], 1, 0, None),
        (["positive", "negative"], 1, 0, None),
        (["NEGATIVE", "NEUTRAL", "POSITIVE"], 0, 2, 1),
        (["neg", "pos"], 0, 1, None),
        (["LABEL_0", "LABEL_1"], 0, 1, None),
        (["LABEL_0", "LABEL_1", "LABEL_2"], 0, 2, 1),
        (["긍정", "중립", "부정"], 2, 0, 1),
    ],
)
def test_sentiment_labels_by_name_or_order(names, negative, positive, neutral):
    found = find_sentiment_labels(names)
    assert found.negative == negative
    assert found.positive == positive
    assert found.neutral == neutral


# ---------------------------------------------------------------- parsing single values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4", (4.0, None)),
        ("4.8", (4.8, None)),
        ("4.5점", (4.5, None)),
        ("100점", (100.0, None)),
        (" 80 점 ", (80.0, None)),
        ("5점만점에 4점", (4.0, 5.0)),
        ("5점 만점에 4점", (4.0, 5.0)),
        ("10점 만점에 7점", (7.0, 10.0)),
        ("4/5", (4.0, 5.0)),
        ("★★★★☆", (4.0, None)),
        ("４", (4.0, None)),
        ("좋아요", None),
        ("", None),
        ("5점 만점에 6점", None),
    ],
)
def test_parse_rating(value, expected):
    assert parse_rating(value) == expected


# ---------------------------------------------------------------- real-file-like columns


def test_danawa_appliance_points():
    values = column({"100점": 8961, "80점": 1992, "60점": 514, "20점": 159, "40점": 70})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.HUNDRED_POINT
    assert suggested(mapping) == {"20점": NEGATIVE, "40점": NEGATIVE, "60점": None, "80점": POSITIVE, "100점": POSITIVE}
    assert counts(mapping) == {"20점": 159, "40점": 70, "60점": 514, "80점": 1992, "100점": 8961}
    assert [entry.value for entry in mapping.entries] == ["20점", "40점", "60점", "80점", "100점"]
    assert mapping.unmapped_rows == 514
    assert not mapping.needs_check


def test_danawa_star_score_column():
    values = column({"100": 1453, "80": 242, "60": 47, "20": 22, "40": 6})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.HUNDRED_POINT
    assert suggested(mapping) == {"20": NEGATIVE, "40": NEGATIVE, "60": None, "80": POSITIVE, "100": POSITIVE}


def test_hundred_point_middle_goes_to_neutral():
    values = column({"100": 10, "60": 3, "20": 2})
    mapping = suggest_label_mapping(values, THREE_LABELS)

    assert suggested(mapping) == {"20": 0, "60": 1, "100": 2}


def test_danawa_mouse_three_codes():
    # In this export 1 is positive (80/100 points), 2 neutral (60) and 0 negative (20/40).
    values = column({"1": 1695, "2": 47, "0": 28})

    two = suggest_label_mapping(values, TWO_LABELS)
    assert two.scale == ScaleKind.THREE_CODES
    assert suggested(two) == {"0": NEGATIVE, "1": POSITIVE, "2": None}
    assert two.needs_check

    three = suggest_label_mapping(values, THREE_LABELS)
    assert suggested(three) == {"0": 0, "1": 2, "2": 1}


def test_three_codes_in_negative_neutral_positive_order():
    values = column({"2": 700, "1": 150, "0": 150})
    mapping = suggest_label_mapping(values, THREE_LABELS)

    assert mapping.scale == ScaleKind.THREE_CODES
    assert suggested(mapping) == {"0": 0, "1": 1, "2": 2}


def test_kimchi_label_old_zero_to_four():
    values = column({"4": 2777, "3": 1102, "2": 342, "0": 99, "1": 56})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.ZERO_TO_FOUR
    assert suggested(mapping) == {"0": NEGATIVE, "1": NEGATIVE, "2": None, "3": POSITIVE, "4": POSITIVE}
    assert mapping.needs_check


def test_kimchi_label_new_binary():
    values = column({"1": 3605, "0": 771})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.BINARY
    assert suggested(mapping) == {"0": NEGATIVE, "1": POSITIVE}
    assert mapping.mapped_rows == 4376


def test_binary_zero_is_negative_whatever_the_label_order():
    mapping = suggest_label_mapping(column({"1": 5, "0": 5}), ["positive", "negative"])

    assert suggested(mapping) == {"0": 1, "1": 0}


def test_musinsa_binary_labels():
    values = column({"1": 1691, "0": 1109})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.BINARY
    assert mapping.known_label_ids(["0", "1", ""]).tolist() == [NEGATIVE, POSITIVE, -1]


def test_positive_negative_strings():
    values = column({"Positive": 72, "Negative": 28})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.SENTIMENT_WORDS
    assert suggested(mapping) == {"Positive": POSITIVE, "Negative": NEGATIVE}


@pytest.mark.parametrize(
    ("positive_word", "negative_word"),
    [("긍정", "부정"), ("좋음", "나쁨"), ("POSITIVE", "negative"), ("pos", "NEG"), ("Pos", "Neg")],
)
def test_sentiment_word_pairs(positive_word, negative_word):
    mapping = suggest_label_mapping([positive_word, negative_word, positive_word], ["LABEL_0", "LABEL_1"])

    assert mapping.scale == ScaleKind.SENTIMENT_WORDS
    assert suggested(mapping) == {positive_word: 1, negative_word: 0}


def test_oliveyoung_star_ratings():
    values = column({"5": 1966, "4": 395, "3": 104, "2": 18, "1": 17})
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.STARS
    assert suggested(mapping) == {"1": NEGATIVE, "2": NEGATIVE, "3": None, "4": POSITIVE, "5": POSITIVE}
    assert mapping.mapped_rows == 1966 + 395 + 18 + 17


def test_stars_three_goes_to_neutral():
    mapping = suggest_label_mapping(["5", "3", "1"], THREE_LABELS)

    assert suggested(mapping) == {"1": 0, "3": 1, "5": 2}


def test_decimal_and_suffixed_stars():
    mapping = suggest_label_mapping(["4.8", "4.5점", "1.5", "3.2", "2"], TWO_LABELS)

    assert mapping.scale == ScaleKind.STARS
    assert suggested(mapping) == {"1.5": NEGATIVE, "2": NEGATIVE, "3.2": None, "4.5점": POSITIVE, "4.8": POSITIVE}


def test_out_of_five_written_in_korean():
    values = ["5점만점에 4점", "5점 만점에 5점", "5점 만점에 2점", "5점만점에 3점"]
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.STARS
    assert suggested(mapping) == {
        "5점 만점에 2점": NEGATIVE,
        "5점만점에 3점": None,
        "5점만점에 4점": POSITIVE,
        "5점 만점에 5점": POSITIVE,
    }


def test_out_of_mixed_maximums_uses_shares():
    mapping = suggest_label_mapping(["3점 만점에 1점", "7점 만점에 7점", "7점 만점에 4점"], TWO_LABELS)

    assert mapping.scale == ScaleKind.OUT_OF
    assert suggested(mapping) == {"3점 만점에 1점": NEGATIVE, "7점 만점에 4점": None, "7점 만점에 7점": POSITIVE}


def test_ten_point_ratings_follow_nsmc_convention():
    values = [str(number) for number in range(1, 11)]
    mapping = suggest_label_mapping(values, TWO_LABELS)

    assert mapping.scale == ScaleKind.TEN_POINT
    expected = {str(number): NEGATIVE for number in range(1, 5)}
    expected.update({str(number): None for number in range(5, 9)})
    expected.update({"9": POSITIVE, "10": POSITIVE})
    assert suggested(mapping) == expected


def test_label_names_map_directly():
    mapping = suggest_label_mapping(["긍정", "부정", "긍정"], ["긍정", "부정"])

    assert mapping.scale == ScaleKind.LABEL_NAMES
    assert suggested(mapping) == {"긍정": 0, "부정": 1}


def test_blank_cells_are_listed_unmapped():
    mapping = suggest_label_mapping(["1", "", "0", "  "], TWO_LABELS)

    assert suggested(mapping)[""] is None
    assert suggested(mapping)["  "] is None
    assert mapping.entries[-1].value.strip() == ""
    assert mapping.as_dict() == {"0": NEGATIVE, "1": POSITIVE}


def test_free_text_column_is_unknown():
    mapping = suggest_label_mapping(["배송이 빨라요", "별로예요", "3"], TWO_LABELS)

    assert mapping.scale == ScaleKind.UNKNOWN
    assert mapping.as_dict() == {}
    assert mapping.needs_check


def test_single_label_model_maps_nothing():
    mapping = suggest_label_mapping(["5", "1"], ["spam"])

    assert mapping.as_dict() == {}


# ---------------------------------------------------------------- editing and describing


def test_set_label_changes_one_value():
    mapping = suggest_label_mapping(["5", "3", "1"], TWO_LABELS)
    mapping.set_label("3", NEGATIVE)

    assert mapping.as_dict() == {"1": NEGATIVE, "3": NEGATIVE, "5": POSITIVE}
    with pytest.raises(KeyError):
        mapping.set_label("4", POSITIVE)
    with pytest.raises(ValueError):
        mapping.set_label("3", 5)


def test_description_names_scale_and_rule_in_both_languages():
    mapping = suggest_label_mapping(["5", "3", "1"], TWO_LABELS)

    english = mapping.description()
    assert "Star ratings (1–5)" in english
    assert "2 or less → 부정" in english
    assert "unmapped" in english

    messages.set_language("ko")
    korean = mapping.description()
    assert "별점(1~5)" in korean
    assert "2 이하 → 부정" in korean


def test_description_uses_display_names():
    mapping = suggest_label_mapping(column({"1": 3, "0": 2}), TWO_LABELS)

    assert mapping.description(["불만", "만족"]) == "0/1 codes: 0 → 불만, 1 → 만족."
