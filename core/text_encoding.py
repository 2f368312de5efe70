"""Detect and decode the text encodings that Korean spreadsheets arrive in.

Order of detection: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then CP949.
CP949 is used rather than plain EUC-KR because Korean Excel writes CP949, which also covers the
8,822 syllables EUC-KR lacks (for example 됬 and 똠). Nothing is decoded with ``errors="replace"``
unless the caller asks for a lossy decode.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass, field

from .errors import EncodingDetectionError
from .messages import text

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Names shown to users and accepted as overrides, mapped to Python codec names.
ENCODING_CHOICES: dict[str, str] = {
    "UTF-8": "utf-8",
    "UTF-8 (BOM)": "utf-8-sig",
    "CP949 (EUC-KR)": "cp949",
    "UTF-16": "utf-16",
    "UTF-32": "utf-32",
}


@dataclass
class DecodedText:
    """Text decoded from a file, with the encoding that worked."""

    text: str
    encoding: str
    had_bom: bool
    lossy_lines: list[int] = field(default_factory=list)


def detect_bom(data: bytes) -> str | None:
    """Return the codec name for a byte-order mark at the start of ``data``, or None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def line_of_offset(data: bytes, offset: int) -> int:
    """Return the 1-based line number that byte ``offset`` of ``data`` falls on."""
    return data.count(b"\n", 0, offset) + 1


def _first_undecodable_line(data: bytes, codec: str) -> int | None:
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return line_of_offset(data, error.start)
    return None


def _is_utf8_korean_line(line: bytes) -> bool:
    """Return True if ``line`` is valid UTF-8 that reads as Korean text.

    Some CP949 byte pairs are also valid two-byte UTF-8 by coincidence, but they decode to
    Latin-1 or Greek letters, never to a line of Hangul, so such lines do not count.
    """
    if line.isascii():
        return False
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    hangul = 0
    for char in decoded:
        code = ord(char)
        if 0xAC00 <= code <= 0xD7A3 or 0x3131 <= code <= 0x318E:
            hangul += 1
        elif 0x80 <= code < 0x2000:
            return False
    return hangul >= 2


def _has_utf8_multibyte_text(data: bytes, end: int) -> bool:
    """Return True if the complete lines of ``data[:end]`` include UTF-8 Korean text.

    A CP949 file never contains a line of Hangul that is valid UTF-8, so such a line before the
    first invalid byte means the file mixes encodings.
    """
    head = data[:end]
    cut = head.rfind(b"\n")
    if cut < 0:
        return False
    return any(_is_utf8_korean_line(line) for line in head[:cut].split(b"\n"))


def _normalise_codec(name: str) -> str:
    codec = ENCODING_CHOICES.get(name, name)
    try:
        return codecs.lookup(codec).name
    except LookupError as error:
        raise EncodingDetectionError(text("read.encoding_invalid", encoding=name)) from error


def _decode_lossy(data: bytes, codec: str) -> DecodedText:
    decoded = data.decode(codec, errors="replace")
    lossy_lines = [number for number, line in enumerate(decoded.split("\n"), start=1) if "\ufffd" in line]
    return DecodedText(decoded, codec, had_bom=False, lossy_lines=lossy_lines)


def decode_table_bytes(
    data: bytes,
    file_name: str,
    *,
    encoding: str | None = None,
    lossy: bool = False,
) -> DecodedText:
    """Decode the bytes of a text table, detecting the encoding unless ``encoding`` is given.

    Raises EncodingDetectionError naming the file and the first bad line when the bytes are in
    no supported encoding, mix encodings, or do not match the forced ``encoding``. With
    ``lossy=True`` bad bytes become U+FFFD instead and the affected lines are listed.
    """
    bom_codec = detect_bom(data)

    if encoding is not None:
        codec = _normalise_codec(encoding)
        if codec == "utf-8" and bom_codec == "utf-8-sig":
            codec = "utf-8-sig"
        if lossy:
            return _decode_lossy(data, codec)
        bad_line = _first_undecodable_line(data, codec)
        if bad_line is not None:
            raise EncodingDetectionError(
                text("read.encoding_forced", file=file_name, line=bad_line, encoding=encoding), line=bad_line
            )
        return DecodedText(data.decode(codec), codec, had_bom=bom_codec is not None)

    if bom_codec is not None:
        try:
            return DecodedText(data.decode(bom_codec), bom_codec, had_bom=True)
        except UnicodeDecodeError as error:
            bad_line = line_of_offset(data, error.start)
            if lossy:
                return _decode_lossy(data, bom_codec)
            raise EncodingDetectionError(
                text("read.encoding_forced", file=file_name, line=bad_line, encoding=bom_codec), line=bad_line
            ) from error

    try:
        return DecodedText(data.decode("utf-8"), "utf-8", had_bom=False)
    except UnicodeDecodeError as utf8_error:
        utf8_bad_line = line_of_offset(data, utf8_error.start)
        if _has_utf8_multibyte_text(data, utf8_error.start):
            log.info("%s: UTF-8 text up to line %d, then invalid bytes", file_name, utf8_bad_line)
            if lossy:
                return _decode_lossy(data, "utf-8")
            raise EncodingDetectionError(
                text("read.encoding_mixed", file=file_name, line=utf8_bad_line), line=utf8_bad_line
            ) from utf8_error

    try:
        decoded = data.decode("cp949")
    except UnicodeDecodeError as cp949_error:
        bad_line = line_of_offset(data, cp949_error.start)
        if lossy:
            return _decode_lossy(data, "cp949")
        # CP949 lines first, then a line of UTF-8 Hangul: name the mix rather than an unknown encoding.
        utf8_line = _first_utf8_text_line(data)
        if utf8_line is not None:
            raise EncodingDetectionError(
                text("read.encoding_mixed_cp949", file=file_name, line=utf8_line), line=utf8_line
            ) from cp949_error
        raise EncodingDetectionError(
            text("read.encoding_unknown", file=file_name, line=bad_line), line=bad_line
        ) from cp949_error

    # A line that is valid non-ASCII UTF-8 inside a file that otherwise decodes as CP949 means
    # the file mixes encodings; decoding it as CP949 would silently garble that line.
    if _any_line_is_utf8_text(data):
        if lossy:
            return _decode_lossy(data, "utf-8")
        raise EncodingDetectionError(text("read.encoding_mixed", file=file_name, line=utf8_bad_line), line=utf8_bad_line)
    return DecodedText(decoded, "cp949", had_bom=False)


def _any_line_is_utf8_text(data: bytes) -> bool:
    return any(_is_utf8_korean_line(line) for line in data.split(b"\n"))


def _first_utf8_text_line(data: bytes) -> int | None:
    """Return the 1-based number of the first line that is UTF-8 Korean text, or None."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if _is_utf8_korean_line(line):
            return number
    return None
