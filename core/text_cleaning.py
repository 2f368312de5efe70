"""Text clean-up applied to review cells before they reach a tokenizer.

Cells are stored and exported exactly as written; only the text given to the model is cleaned,
so that spreadsheet artefacts do not change predictions.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Excel escapes a carriage return inside a cell as the literal text "_x000D_" when another
# program wrote it without decoding; such artefacts show up in exported review sheets.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# No-break, zero-width and other Unicode spaces that tokenizers treat as unknown characters.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def _decode_excel_escape(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def clean_review_text(value: str | None) -> str:
    """Return ``value`` as the model should see it: entities decoded, Hangul composed, spaces normalised."""
    if value is None:
        return ""
    cleaned = str(value)
    # Files written on macOS often hold decomposed Hangul (NFD: one jamo per code point), which
    # BERT tokenizers turn into [UNK] because they were trained on composed syllables.
    if not unicodedata.is_normalized("NFC", cleaned):
        cleaned = unicodedata.normalize("NFC", cleaned)
    if "_x" in cleaned:
        cleaned = _EXCEL_ESCAPE.sub(_decode_excel_escape, cleaned)
    if "&" in cleaned:
        cleaned = html.unescape(cleaned)
    cleaned = _ODD_SPACES.sub(" ", cleaned)
    return _WHITESPACE_RUN.sub(" ", cleaned).strip()


def is_blank(value: str | None) -> bool:
    """Return True for a cell with no review text: empty, or only spaces once cleaned for the model."""
    if value is None:
        return True
    value = str(value)
    if not _ODD_SPACES.sub("", value).strip():
        return True
    # A cell such as "&nbsp;" or "_x000D_" decodes to spaces only, so the model would see "".
    if "&" in value or "_x" in value:
        return not clean_review_text(value)
    return False
