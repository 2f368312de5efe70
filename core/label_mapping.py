"""Map the values of a known-label column onto the model's label ids.

:func:`direct_label_mapping` handles values that already are label names or ids.
:func:`suggest_label_mapping` also recognises the scales that shop exports use for ratings and
labels, and suggests a label for every distinct value:

* stars 1–5 (``4``, ``4.8``, ``4.5점``, ``★★★★☆``): 2 or less negative, 4 or more positive;
* 0–4 ratings: 1 or less negative, 3 or more positive;
* 10-point ratings: 4 or less negative, 9 or more positive (the NSMC convention);
* 100-point scores (``80``, ``100점``): 40 or less negative, 80 or more positive;
* ``5점만점에 4점`` / ``5점 만점에 4점``: read on the scale of its maximum;
* 0/1 codes: 0 negative, 1 positive; 0/1/2 codes: 0 negative, the more frequent of 1 and 2
  positive, the other neutral;
* words: 긍정/부정, 좋음/나쁨, Positive/Negative and pos/neg in any case.

Values between the two thresholds go to the model's neutral label when it has one and stay
unmapped otherwise. The user confirms or changes the suggestion; the project stores the result.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .messages import text


def direct_label_mapping(values: Sequence[str], label_names: Sequence[str]) -> dict[str, int]:
    """Return a mapping for values that already are label names or label ids.

    "긍정" maps to the id of label 긍정; "1" maps to id 1 when the model has a label 1. Values
    that are neither stay unmapped.
    """
    names = {name.strip(): index for index, name in enumerate(label_names)}
    folded = {name.strip().casefold(): index for index, name in enumerate(label_names)}
    mapping: dict[str, int] = {}
    for value in set(values):
        key = value.strip()
        if not key:
            continue
        if key in names:
            mapping[value] = names[key]
        elif key.casefold() in folded:
            mapping[value] = folded[key.casefold()]
        elif key.lstrip("-").isdigit() and 0 <= int(key) < len(label_names):
            mapping[value] = int(key)
        else:
            as_float = _as_integer_float(key)
            if as_float is not None and 0 <= as_float < len(label_names):
                mapping[value] = as_float
    return mapping


def _as_integer_float(value: str) -> int | None:
    """Return 1 for "1.0"; None for anything that is not a whole number."""
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def map_known_labels(values: Sequence[str], mapping: Mapping[str, int]) -> np.ndarray:
    """Return the label id of every value under ``mapping``, -1 where a value is unmapped."""
    # Look up each distinct value once: a rating column of 200,000 rows has a handful of them.
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    lookup = np.fromiter((mapping.get(value, -1) for value in uniques), dtype=np.int64, count=len(uniques))
    return lookup[codes] if len(codes) else np.zeros(0, dtype=np.int64)


class ScaleKind(str, enum.Enum):
    """The kind of values found in a known-label column."""

    LABEL_NAMES = "label_names"
    SENTIMENT_WORDS = "sentiment_words"
    BINARY = "binary"
    THREE_CODES = "three_codes"
    STARS = "stars"
    ZERO_TO_FOUR = "zero_to_four"
    TEN_POINT = "ten_point"
    HUNDRED_POINT = "hundred_point"
    OUT_OF = "out_of"
    UNKNOWN = "unknown"


# Threshold scales: (negative at or below, positive at or above). OUT_OF compares fractions.
THRESHOLDS: dict[ScaleKind, tuple[float, float]] = {
    ScaleKind.STARS: (2, 4),
    ScaleKind.ZERO_TO_FOUR: (1, 3),
    ScaleKind.TEN_POINT: (4, 9),
    ScaleKind.HUNDRED_POINT: (40, 80),
    ScaleKind.OUT_OF: (0.4, 0.8),
}
# Scales whose reading is a guess the user should check before trusting metrics.
UNCERTAIN_SCALES = {ScaleKind.THREE_CODES, ScaleKind.ZERO_TO_FOUR, ScaleKind.UNKNOWN}

_POSITIVE_WORDS = {"긍정", "긍정적", "좋음", "좋아요", "만족", "positive", "pos", "good"}
_NEGATIVE_WORDS = {"부정", "부정적", "나쁨", "싫어요", "불만족", "negative", "neg", "bad"}
_NEUTRAL_WORDS = {"중립", "보통", "neutral", "neu", "mixed"}
_POSITIVE_PREFIXES = ("긍정", "pos", "좋음")
_NEGATIVE_PREFIXES = ("부정", "neg", "나쁨")
_NEUTRAL_PREFIXES = ("중립", "neu", "보통")

_NUMBER = r"(\d+(?:\.\d+)?)"
_OUT_OF_PATTERN = re.compile(rf"^{_NUMBER}\s*점?\s*만점\s*(?:에|중)?\s*{_NUMBER}\s*점?$")
_SLASH_PATTERN = re.compile(rf"^{_NUMBER}\s*점?\s*/\s*{_NUMBER}\s*점?$")
_SCORE_PATTERN = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(?:점|stars?|★)?$", re.IGNORECASE)
_STAR_GLYPHS = re.compile(r"^[★☆]+$")
_FLOAT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class SentimentLabels:
    """Ids of the model's negative, positive and neutral labels (None where it has none)."""

    negative: int | None
    positive: int | None
    neutral: int | None


def find_sentiment_labels(label_names: Sequence[str]) -> SentimentLabels:
    """Find the negative, positive and neutral labels by name, falling back to id order.

    Names such as 부정/negative/neg, 긍정/positive/pos and 중립/neutral are recognised in any
    case. Without such names, id 0 is taken as negative, the last id as positive, and the middle
    id as neutral when there are exactly three labels.
    """
    folded = [name.strip().casefold() for name in label_names]

    def first_match(prefixes: tuple[str, ...]) -> int | None:
        return next((index for index, name in enumerate(folded) if name.startswith(prefixes)), None)

    negative = first_match(_NEGATIVE_PREFIXES)
    positive = first_match(_POSITIVE_PREFIXES)
    neutral = first_match(_NEUTRAL_PREFIXES)
    count = len(label_names)
    if count < 2:
        return SentimentLabels(None, None, None)

    if negative is None:
        negative = next(index for index in range(count) if index not in (positive, neutral))
    if positive is None:
        positive = next(index for index in reversed(range(count)) if index not in (negative, neutral))
    if neutral is None and count == 3:
        neutral = 3 - negative - positive
    return SentimentLabels(negative, positive, neutral)


@dataclass
class MappingEntry:
    """One distinct value of the known-label column, its row count and its label (None: unmapped)."""

    value: str
    count: int
    label_id: int | None


@dataclass
class LabelMapping:
    """A mapping from known-label values to label ids, with the scale it was suggested from.

    ``rule`` contains the numbers behind the suggestion (thresholds, the maximum of a "N점 만점"
    scale, which code was read as positive), so the description can be rebuilt in any language.
    """

    label_names: list[str]
    scale: ScaleKind
    entries: list[MappingEntry]
    rule: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        """Return value → label id for the mapped values."""
        return {entry.value: entry.label_id for entry in self.entries if entry.label_id is not None}

    def known_label_ids(self, values: Sequence[str]) -> np.ndarray:
        """Return the label id of every value, -1 where it is unmapped."""
        return map_known_labels(values, self.as_dict())

    def set_label(self, value: str, label_id: int | None) -> None:
        """Map ``value`` to ``label_id`` (None unmaps it); raise KeyError for a value not in the column."""
        if label_id is not None and not 0 <= label_id < len(self.label_names):
            raise ValueError(f"label id {label_id} is outside 0..{len(self.label_names) - 1}")
        for entry in self.entries:
            if entry.value == value:
                entry.label_id = label_id
                return
        raise KeyError(value)

    @property
    def needs_check(self) -> bool:
        """True when the scale was guessed from values that fit more than one reading."""
        return self.scale in UNCERTAIN_SCALES

    @property
    def mapped_rows(self) -> int:
        return sum(entry.count for entry in self.entries if entry.label_id is not None)

    @property
    def unmapped_rows(self) -> int:
        return sum(entry.count for entry in self.entries if entry.label_id is None)

    def description(self, display_names: Sequence[str] | None = None) -> str:
        """Describe the detected scale and the suggested rule in the current message language."""
        return describe_mapping(self, display_names or self.label_names)


def suggest_label_mapping(values: Sequence[str], label_names: Sequence[str]) -> LabelMapping:
    """Suggest a label for every distinct value of a known-label column; see the module docstring."""
    label_names = list(label_names)
    counts = Counter(values)
    present = {value: count for value, count in counts.items() if value.strip()}
    sentiment = find_sentiment_labels(label_names)

    if present and _all_label_names(present, label_names):
        direct = direct_label_mapping(list(present), label_names)
        return _build(label_names, ScaleKind.LABEL_NAMES, counts, direct, {})

    words = _sentiment_word_mapping(present, sentiment)
    if present and len(words) == len(present):
        return _build(label_names, ScaleKind.SENTIMENT_WORDS, counts, words, {})

    parsed = {value: number for value in present if (number := parse_rating(value)) is not None}
    parsed_rows = sum(present[value] for value in parsed)
    # A column of free text with a few numbers in it is not a rating column.
    if parsed and parsed_rows * 2 >= sum(present.values()):
        scale, rule, scores = _detect_numeric_scale(parsed, present)
        if scale is not None:
            mapping = _numeric_mapping(scale, rule, scores, sentiment)
            return _build(label_names, scale, counts, mapping, rule)

    return _build(label_names, ScaleKind.UNKNOWN, counts, direct_label_mapping(list(present), label_names), {})


def parse_rating(value: str) -> tuple[float, float | None] | None:
    """Parse "4", "4.5점", "★★★★", "4/5" or "5점 만점에 4점" into (score, maximum or None)."""
    cleaned = unicodedata.normalize("NFKC", value).strip()
    if not cleaned:
        return None
    if _STAR_GLYPHS.match(cleaned):
        return float(cleaned.count("★")), None
    match = _OUT_OF_PATTERN.match(cleaned)
    if match:
        maximum, score = float(match.group(1)), float(match.group(2))
        return (score, maximum) if 0 < maximum and 0 <= score <= maximum else None
    match = _SLASH_PATTERN.match(cleaned)
    if match:
        score, maximum = float(match.group(1)), float(match.group(2))
        return (score, maximum) if 0 < maximum and 0 <= score <= maximum else None
    match = _SCORE_PATTERN.match(cleaned)
    if match:
        score = float(match.group(1))
        return (score, None) if math.isfinite(score) else None
    return None


def _all_label_names(present: Mapping[str, int], label_names: Sequence[str]) -> bool:
    folded = {name.strip().casefold() for name in label_names}
    return all(value.strip().casefold() in folded for value in present)


def _sentiment_word_mapping(present: Mapping[str, int], sentiment: SentimentLabels) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for value in present:
        word = value.strip().casefold()
        if word in _POSITIVE_WORDS and sentiment.positive is not None:
            mapping[value] = sentiment.positive
        elif word in _NEGATIVE_WORDS and sentiment.negative is not None:
            mapping[value] = sentiment.negative
        elif word in _NEUTRAL_WORDS and sentiment.neutral is not None:
            mapping[value] = sentiment.neutral
    return mapping


def _detect_numeric_scale(
    parsed: Mapping[str, tuple[float, float | None]], present: Mapping[str, int]
) -> tuple[ScaleKind | None, dict[str, float], dict[str, float]]:
    """Return the scale, its rule and the score of each parsed value on that scale."""
    maxima = {maximum for _, maximum in parsed.values()}
    if None not in maxima:
        return _out_of_scale(parsed, maxima)

    # NOTE: a column that mixes "N점 만점에 M점" with plain numbers is read by its plain numbers
    # only; the values with a written maximum stay unmapped for the user to map by hand.
    scores = {value: score for value, (score, maximum) in parsed.items() if maximum is None}
    numbers = set(scores.values())
    whole = all(number.is_integer() for number in numbers)
    low, high = min(numbers), max(numbers)

    if whole and numbers <= {0.0, 1.0}:
        return ScaleKind.BINARY, {}, scores
    if whole and numbers <= {0.0, 1.0, 2.0} and {0.0, 2.0} <= numbers:
        ones = sum(count for value, count in present.items() if scores.get(value) == 1.0)
        twos = sum(count for value, count in present.items() if scores.get(value) == 2.0)
        # Shop reviews are mostly positive, so the more frequent of 1 and 2 is taken as positive.
        positive_code = 1.0 if ones > twos else 2.0
        return ScaleKind.THREE_CODES, {"positive_code": positive_code, "neutral_code": 3.0 - positive_code}, scores
    if low >= 1 and high <= 5:
        return _threshold_scale(ScaleKind.STARS, scores, low=1, high=5)
    if whole and low >= 0 and high <= 4:
        return _threshold_scale(ScaleKind.ZERO_TO_FOUR, scores, low=0, high=4)
    if low >= 0 and high <= 5:
        return _threshold_scale(ScaleKind.STARS, scores, low=0, high=5)
    if low >= 0 and high <= 10:
        return _threshold_scale(ScaleKind.TEN_POINT, scores, low=0 if low < 1 else 1, high=10)
    if low >= 0 and high <= 100:
        return _threshold_scale(ScaleKind.HUNDRED_POINT, scores, low=0, high=100)
    return None, {}, {}


def _out_of_scale(
    parsed: Mapping[str, tuple[float, float | None]], maxima: set
) -> tuple[ScaleKind, dict[str, float], dict[str, float]]:
    if len(maxima) == 1:
        maximum = maxima.pop()
        known = {5.0: ScaleKind.STARS, 10.0: ScaleKind.TEN_POINT, 100.0: ScaleKind.HUNDRED_POINT}
        if maximum in known:
            scores = {value: score for value, (score, _) in parsed.items()}
            scale, rule, scores = _threshold_scale(known[maximum], scores, low=0, high=maximum)
            rule["written_out_of"] = 1.0
            return scale, rule, scores
    fractions = {value: score / maximum for value, (score, maximum) in parsed.items()}
    return _threshold_scale(ScaleKind.OUT_OF, fractions, low=0, high=1)


def _threshold_scale(
    scale: ScaleKind, scores: dict[str, float], *, low: float, high: float
) -> tuple[ScaleKind, dict[str, float], dict[str, float]]:
    negative_max, positive_min = THRESHOLDS[scale]
    rule = {"low": float(low), "high": float(high), "negative_max": float(negative_max), "positive_min": float(positive_min)}
    return scale, rule, scores


def _numeric_mapping(
    scale: ScaleKind, rule: Mapping[str, float], scores: Mapping[str, float], sentiment: SentimentLabels
) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for value, score in scores.items():
        if scale == ScaleKind.BINARY:
            label_id = sentiment.negative if score == 0 else sentiment.positive
        elif scale == ScaleKind.THREE_CODES:
            if score == 0:
                label_id = sentiment.negative
            elif score == rule["positive_code"]:
                label_id = sentiment.positive
            else:
                label_id = sentiment.neutral
        elif score <= rule["negative_max"] + _FLOAT_TOLERANCE:
            label_id = sentiment.negative
        elif score >= rule["positive_min"] - _FLOAT_TOLERANCE:
            label_id = sentiment.positive
        else:
            label_id = sentiment.neutral
        if label_id is not None:
            mapping[value] = label_id
    return mapping


def _build(
    label_names: list[str], scale: ScaleKind, counts: Counter, mapping: Mapping[str, int], rule: dict[str, float]
) -> LabelMapping:
    entries = [MappingEntry(value, count, mapping.get(value)) for value, count in counts.items()]
    entries.sort(key=_entry_order)
    return LabelMapping(label_names=label_names, scale=scale, entries=entries, rule=dict(rule))


def _entry_order(entry: MappingEntry) -> tuple:
    # Numeric values in ascending order first, then the rest by falling count, blanks last.
    parsed = parse_rating(entry.value)
    if parsed is not None:
        score, maximum = parsed
        return (0, score / maximum if maximum else score, 0, entry.value)
    return (1 if entry.value.strip() else 2, 0.0, -entry.count, entry.value)


def describe_mapping(mapping: LabelMapping, names: Sequence[str]) -> str:
    """Return a sentence that names the detected scale and how its values map to labels."""
    sentiment = find_sentiment_labels(mapping.label_names)

    def name(label_id: int | None) -> str:
        return names[label_id] if label_id is not None and label_id < len(names) else text("mapping.unmapped")

    rule = mapping.rule
    scale = mapping.scale
    if scale in (ScaleKind.LABEL_NAMES, ScaleKind.SENTIMENT_WORDS, ScaleKind.UNKNOWN):
        return text(f"mapping.scale.{scale.value}")
    if scale == ScaleKind.BINARY:
        return text("mapping.scale.binary", negative=name(sentiment.negative), positive=name(sentiment.positive))
    if scale == ScaleKind.THREE_CODES:
        return text(
            "mapping.scale.three_codes",
            negative=name(sentiment.negative),
            positive=name(sentiment.positive),
            neutral=name(sentiment.neutral),
            positive_code=_format_number(rule["positive_code"]),
            neutral_code=_format_number(rule["neutral_code"]),
        )

    percent = scale == ScaleKind.OUT_OF
    scale_name = text(f"mapping.scale.{scale.value}", low=_format_number(rule["low"]), high=_format_number(rule["high"]))
    if rule.get("written_out_of"):
        scale_name = text("mapping.written_out_of", scale=scale_name)
    return text(
        "mapping.rule.thresholds",
        scale=scale_name,
        negative_max=_format_number(rule["negative_max"], percent),
        positive_min=_format_number(rule["positive_min"], percent),
        negative=name(sentiment.negative),
        positive=name(sentiment.positive),
        middle=name(sentiment.neutral),
    )


def _format_number(value: float, percent: bool = False) -> str:
    if percent:
        return f"{value * 100:g}%"
    return f"{value:g}"
