"""Guess which column holds the review text and which holds known labels."""

from __future__ import annotations

import re

import pandas as pd

from .review_table import ReviewTable

# Header words, compared after lower-casing and removing spaces and underscores.
REVIEW_HEADER_WORDS = ("리뷰", "내용", "후기", "본문", "review", "document", "text", "comment", "content", "body", "sentence")
LABEL_HEADER_WORDS = (
    "label", "라벨", "레이블", "감정", "감성", "긍부정", "sentiment", "polarity", "gold", "target", "class",
    "평가", "rating", "별점", "평점", "star", "score", "점수",
)
# Headers that contain a review word but name an id, date or link, not the text.
_NOT_TEXT_HEADER = re.compile(r"(번호|id$|_id|일자|날짜|date|url|링크|수$|count)", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LINK = re.compile(r"\s*(?:https?://|www\.)\S*\s*", re.IGNORECASE)
_SAMPLE_ROWS = 2000
_MAX_LABEL_VALUES = 20


def _normalise_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).lower()


def _text_profile(values: pd.Series) -> tuple[float, float, float]:
    """Return (mean length, share of values with Hangul, share of purely numeric values)."""
    filled = values[values.str.strip() != ""]
    if filled.empty:
        return 0.0, 0.0, 0.0
    mean_length = float(filled.str.len().mean())
    hangul_share = float(filled.str.contains(_HANGUL).mean())
    numeric_share = float(filled.str.fullmatch(r"\s*[-+]?[\d.,]+\s*").mean())
    return mean_length, hangul_share, numeric_share


def _link_share(values: pd.Series) -> float:
    filled = values[values.str.strip() != ""]
    if filled.empty:
        return 0.0
    return float(filled.str.fullmatch(_LINK).mean())


def guess_review_column(table: ReviewTable) -> str | None:
    """Return the column that most likely holds review text, or None if no column holds text.

    A header such as 리뷰, 내용, review or text wins among columns that hold text; otherwise the
    column with the longest Korean text wins.
    """
    sample = table.frame.head(_SAMPLE_ROWS)
    candidates: list[tuple[int, float, str]] = []
    for column in table.columns:
        mean_length, hangul_share, numeric_share = _text_profile(sample[column])
        if mean_length < 2 or numeric_share > 0.5:
            continue
        # Links are long and would outweigh short reviews, however Korean the reviews are.
        if _link_share(sample[column]) > 0.5:
            continue
        header = _normalise_header(column)
        named = any(word in header for word in REVIEW_HEADER_WORDS) and not _NOT_TEXT_HEADER.search(header)
        # Korean text counts double so that a column of long URLs loses to one of reviews.
        weight = mean_length * (1.0 + hangul_share)
        candidates.append((1 if named else 0, weight, column))

    if not candidates:
        return None
    named_candidates = [candidate for candidate in candidates if candidate[0] == 1]
    pool = named_candidates or candidates
    return max(pool, key=lambda candidate: candidate[1])[2]


def guess_label_column(table: ReviewTable, review_column: str | None = None) -> str | None:
    """Return a column that looks like known labels (a label-like name and few distinct values)."""
    sample = table.frame.head(_SAMPLE_ROWS)
    best: tuple[int, str] | None = None
    for position, column in enumerate(table.columns):
        if column == review_column:
            continue
        header = _normalise_header(column)
        rank = next((rank for rank, word in enumerate(LABEL_HEADER_WORDS) if word in header), None)
        if rank is None:
            continue
        values = sample[column].str.strip()
        values = values[values != ""]
        if values.empty or values.nunique() > _MAX_LABEL_VALUES:
            continue
        # Prefer the word listed first (label over rating), then the later column: files with
        # label_old and label_new put the newer labels to the right.
        key = (-rank, position)
        if best is None or key > best:
            best = key
    return table.columns[best[1]] if best else None
