"""Read CSV, TSV, TXT and XLSX review files into a :class:`ReviewTable` of text cells.

The reader never guesses types: every cell comes back as the text that was written, so ``NA``,
``null``, ``000123``, ``1E5`` and long ids stay as they are. Either the whole file loads or an
error names the file and line; nothing is loaded half-way.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import xlsx_reader
from .errors import TableReadError
from .messages import text
from .read_limits import check_table_size, out_of_memory_error
from .review_table import ReviewTable
from .text_encoding import decode_table_bytes, detect_bom

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
DELIMITER_CANDIDATES = (",", "\t", ";", "|")
# Separators for a one-column file; the first that does not occur in the text is used, so that
# commas inside reviews never split them.
_SINGLE_COLUMN_SEPARATORS = ("\x1f", "\x1e", "\x1d", "\x1c")
_SNIFF_CHARS = 256 * 1024
_HEAD_BYTES = 64 * 1024
_HEADER_SEARCH_ROWS = 30

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"\x7fELF")

# Our CSV-for-Excel export puts an apostrophe before cells that Excel would run as formulas;
# reading such a file strips it again so that a round trip returns the original text.
_NEUTRALISED_CELL = re.compile(r"^'(?='*[=+\-@\t\r])")
_NEUTRALISED_ANYWHERE = re.compile(r"'+[=+\-@\t\r]")


@dataclass
class ReadOptions:
    """How to read a file; None means detect."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    lossy: bool = False
    header_row: int | None = None


def sniff_file_format(path: Path, head: bytes) -> str:
    """Return "xlsx" or "text" from the first bytes of a file, whatever its name says."""
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        return "xlsx"
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb", ".ods"} and head:
        raise TableReadError(text("read.xlsx_corrupt", file=path.name, detail="not a ZIP container"))
    return "text"


def read_table(path: str | Path, options: ReadOptions | None = None) -> ReviewTable:
    """Read the review table at ``path``; see :class:`ReadOptions` for overrides."""
    path = Path(path)
    options = options or ReadOptions()

    head, size = _read_head(path)
    if size <= len(head) and not head.strip(b" \t\r\n\x00"):
        raise TableReadError(text("read.empty_file", file=path.name))
    file_format = sniff_file_format(path, head[:8])
    check_table_size(path, size, workbook=file_format == "xlsx")

    try:
        if file_format == "xlsx":
            # calamine reads the workbook from its path, so only the head is held here: enough
            # to recognise a ZIP or an encrypted OLE container.
            rows, sheet, sheet_names, warnings = xlsx_reader.read_sheet_rows(path, head, options.sheet)
            table = _table_from_rows(path, rows, "xlsx", options.header_row)
            table.sheet = sheet
            table.sheet_names = sheet_names
            table.warnings = warnings + table.warnings
            return table

        data = _read_bytes(path)
        if not data.strip(b" \t\r\n\x00"):
            raise TableReadError(text("read.empty_file", file=path.name))
        return _read_text_table(path, data, options)
    except MemoryError as error:
        raise out_of_memory_error(path, size) from error


def list_sheets(path: str | Path) -> list[str]:
    """Return the sheet names of a workbook, or [] for a text table."""
    path = Path(path)
    head, _size = _read_head(path)
    if sniff_file_format(path, head[:8]) != "xlsx":
        return []
    return xlsx_reader.sheet_names(path, head)


def _read_head(path: Path) -> tuple[bytes, int]:
    """Return the first ``_HEAD_BYTES`` of the file and its size in bytes."""
    try:
        # A pipe or device would block the read or never end (/dev/urandom), so only regular
        # files are opened; os.stat does not open the path.
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(str(path))
        if not stat.S_ISREG(mode):
            raise TableReadError(text("read.not_regular", file=str(path)))
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            return stream.read(_HEAD_BYTES), size
    except FileNotFoundError as error:
        raise TableReadError(text("read.not_found", file=str(path))) from error
    except IsADirectoryError as error:
        raise TableReadError(text("read.not_a_file", file=str(path))) from error
    except PermissionError as error:
        raise TableReadError(text("read.permission", file=str(path))) from error


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise TableReadError(text("read.not_found", file=str(path))) from error
    except IsADirectoryError as error:
        raise TableReadError(text("read.not_a_file", file=str(path))) from error
    except PermissionError as error:
        raise TableReadError(text("read.permission", file=str(path))) from error


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BINARY_MAGICS):
        return True
    return b"\x00" in head


def _read_text_table(path: Path, data: bytes, options: ReadOptions) -> ReviewTable:
    if detect_bom(data) is None and options.encoding is None and _looks_binary(data):
        raise TableReadError(text("read.binary", file=path.name))

    decoded = decode_table_bytes(data, path.name, encoding=options.encoding, lossy=options.lossy)
    content = decoded.text
    if content.startswith("\ufeff"):
        content = content[1:]

    delimiter = options.delimiter or sniff_delimiter(content, path.suffix.lower())
    if delimiter is None:
        rows_frame, extra_warnings = _parse_single_column(content, path.name)
    else:
        rows_frame, extra_warnings = _parse_delimited(content, delimiter, path.name)
    # Scanning the text once is much faster than testing every cell when no cell is neutralised.
    strip_apostrophes = _NEUTRALISED_ANYWHERE.search(content) is not None
    table = _table_from_frame(path, rows_frame, "csv", options.header_row, strip_apostrophes=strip_apostrophes)
    table.encoding = decoded.encoding
    table.delimiter = delimiter
    table.warnings = extra_warnings + table.warnings

    if decoded.lossy_lines:
        table.lossy_rows = _lossy_rows(table)
        table.warnings.append(
            text(
                "warn.lossy_rows",
                count=len(table.lossy_rows),
                encoding=decoded.encoding,
                rows=_format_numbers([row + 1 for row in table.lossy_rows]),
            )
        )
    return table


def sniff_delimiter(content: str, suffix: str = "") -> str | None:
    """Return the delimiter that splits the start of ``content`` into the most consistent rows.

    Rows are compared with the most common row width, not with the first row, because title
    rows above the header may hold a single cell. A candidate scores the number of lines that
    its rows of that width cover, so a quoted cell spanning several lines counts all of them
    and a tab inside such a cell cannot make the tab look like the delimiter. Returns None when
    no candidate splits most rows into two or more cells: the file has one column, and commas
    in it are review text.
    """
    sample = content[:_SNIFF_CHARS]
    if len(content) > _SNIFF_CHARS:
        # Drop the last, probably cut, line so that it does not count as ragged.
        sample = sample[: sample.rfind("\n") + 1] or sample

    best: str | None = None
    best_score = (-1, -1)
    for candidate in DELIMITER_CANDIDATES:
        rows = _row_widths(sample, candidate)
        if not rows:
            continue
        counts = Counter(width for width, _lines in rows)
        common_width = max(counts, key=lambda width: (counts[width], width))
        if common_width < 2:
            continue
        covered_lines = sum(lines for width, lines in rows if width == common_width)
        score = (covered_lines, common_width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _row_widths(sample: str, delimiter: str) -> list[tuple[int, int]]:
    """Return the cell count and the number of text lines of every non-empty row."""
    # newline="" lets the csv module see CR-only line ends (old Mac exports) as line ends.
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    rows = []
    last_line = 0
    try:
        for row in reader:
            if row:
                rows.append((len(row), reader.line_num - last_line))
            last_line = reader.line_num
    except csv.Error:
        return []
    return rows


def _parse_delimited(
    content: str, delimiter: str, file_name: str, *, keep_blank_lines: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """Parse delimited text into a frame of strings with integer column labels."""
    try:
        frame = pd.read_csv(
            io.StringIO(content),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=not keep_blank_lines,
            engine="c",
            quotechar='"',
            doublequote=True,
        )
        return frame, []
    except pd.errors.EmptyDataError as error:
        raise TableReadError(text("read.empty_file", file=file_name)) from error
    except pd.errors.ParserError as error:
        message = str(error)
        if "EOF inside string" in message or "EOF while" in message:
            raise TableReadError(
                text("read.unterminated_quote", file=file_name, line=_unterminated_quote_line(content, delimiter))
            ) from error
        log.info("%s: fast CSV parser failed (%s); reading ragged rows with the csv module", file_name, message)

    return _parse_ragged(content, delimiter, file_name)


def _parse_single_column(content: str, file_name: str) -> tuple[pd.DataFrame, list[str]]:
    """Parse a one-column file, keeping empty lines as empty review cells.

    A one-column sheet saved as CSV writes an empty cell as an empty line, so such lines are
    rows. Only the empty lines at the end of the file are dropped.
    """
    separator = next((char for char in _SINGLE_COLUMN_SEPARATORS if char not in content), ",")
    frame, warnings = _parse_delimited(content, separator, file_name, keep_blank_lines=True)
    filled = (frame != "").any(axis=1).to_numpy()
    last_filled = int(filled.nonzero()[0].max()) if filled.any() else -1
    return frame.iloc[: last_filled + 1].reset_index(drop=True), warnings


def _unterminated_quote_line(content: str, delimiter: str) -> int:
    """Return the 1-based line on which a never-closed quoted cell starts."""
    in_quotes = False
    quote_line = 1
    line = 1
    at_cell_start = True
    for char in content:
        if char == "\n":
            line += 1
            if not in_quotes:
                at_cell_start = True
            continue
        if char == '"':
            if not in_quotes and at_cell_start:
                in_quotes, quote_line = True, line
            elif in_quotes:
                in_quotes = False
            at_cell_start = False
            continue
        at_cell_start = (char == delimiter) and not in_quotes
    return quote_line


def _parse_ragged(content: str, delimiter: str, file_name: str) -> tuple[pd.DataFrame, list[str]]:
    """Parse rows of unequal length without losing a field: short rows are padded."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(content), delimiter=delimiter, strict=False)
    try:
        for row in reader:
            if row:
                rows.append(row)
    except csv.Error as error:
        raise TableReadError(text("read.csv_parse", file=file_name, line=reader.line_num, detail=str(error))) from error

    width = max(len(row) for row in rows)
    header_width = len(rows[0])
    long_rows = [number for number, row in enumerate(rows[1:], start=1) if len(row) > header_width]
    warnings = []
    if long_rows:
        warnings.append(
            text("warn.long_rows", file=file_name, count=len(long_rows), rows=_format_numbers(long_rows))
        )
    padded = [row + [""] * (width - len(row)) for row in rows]
    return pd.DataFrame(padded, dtype=str), warnings


def _table_from_rows(path: Path, rows: list[list[str]], file_format: str, header_row: int | None) -> ReviewTable:
    if not rows:
        raise TableReadError(text("read.empty_file", file=path.name))
    lengths = set(map(len, rows))
    width = max(lengths)
    # Sheets read by calamine are rectangular, so copying every row to pad it is rarely needed.
    padded = rows if len(lengths) == 1 else [row + [""] * (width - len(row)) for row in rows]
    frame = pd.DataFrame(padded, dtype=str)
    return _table_from_frame(path, frame, file_format, header_row, strip_apostrophes=False)


def find_header_row(frame: pd.DataFrame) -> int:
    """Return the position of the header row, skipping title rows above it.

    The header is the first row, among the first few, whose count of non-empty cells reaches
    half of the widest of those rows. A merged title cell above the header has one cell filled.
    """
    head = frame.head(_HEADER_SEARCH_ROWS)
    filled = [(head.iloc[position] != "").sum() for position in range(len(head))]
    if not filled:
        return 0
    widest = max(filled)
    if widest <= 1:
        return next((position for position, count in enumerate(filled) if count), 0)
    threshold = max(2, (widest + 1) // 2)
    return next(position for position, count in enumerate(filled) if count >= threshold)


def _table_from_frame(
    path: Path,
    raw: pd.DataFrame,
    file_format: str,
    header_row: int | None,
    *,
    strip_apostrophes: bool,
) -> ReviewTable:
    raw = raw.fillna("")
    header_position = find_header_row(raw) if header_row is None else header_row
    if header_position >= len(raw):
        raise TableReadError(text("read.no_header", file=path.name))

    warnings: list[str] = []
    if header_position > 0:
        skipped = " / ".join(
            " ".join(value for value in raw.iloc[position].tolist() if value) for position in range(header_position)
        )
        warnings.append(text("warn.title_rows_skipped", count=header_position, rows=skipped))

    headers = [str(value) for value in raw.iloc[header_position].tolist()]
    if strip_apostrophes:
        headers = [_NEUTRALISED_CELL.sub("", header) for header in headers]
    body = raw.iloc[header_position + 1 :]
    body, headers = _drop_empty_unnamed_columns(body, headers)
    display_names, renamed = unique_column_names(headers)
    if renamed:
        warnings.append(text("warn.duplicate_headers", names=", ".join(renamed)))

    body = body.copy()
    body.columns = display_names
    body = body.reset_index(drop=True)
    if strip_apostrophes:
        body = _strip_neutralising_apostrophes(body)

    return ReviewTable(
        source_path=path,
        frame=body,
        headers=headers,
        file_format=file_format,
        header_row=header_position,
        warnings=warnings,
    )


def _drop_empty_unnamed_columns(body: pd.DataFrame, headers: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Drop trailing columns with no header and no value (spreadsheet formatting residue)."""
    keep = len(headers)
    while keep > 1 and not headers[keep - 1].strip() and not (body.iloc[:, keep - 1] != "").any():
        keep -= 1
    return body.iloc[:, :keep], headers[:keep]


def unique_column_names(headers: list[str]) -> tuple[list[str], list[str]]:
    """Return display names for ``headers``: cleaned, never empty and unique.

    The second list names the headers that had to be renamed because they repeated.
    """
    names: list[str] = []
    renamed: list[str] = []
    seen: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        name = " ".join(header.replace("\ufeff", "").replace("\u00a0", " ").split())
        if not name:
            name = text("column.unnamed", number=number)
        if name in seen:
            seen[name] += 1
            candidate = f"{name} ({seen[name]})"
            while candidate in seen:
                seen[name] += 1
                candidate = f"{name} ({seen[name]})"
            renamed.append(f"{name} → {candidate}")
            name = candidate
        seen.setdefault(name, 1)
        names.append(name)
    return names, renamed


def _strip_neutralising_apostrophes(frame: pd.DataFrame) -> pd.DataFrame:
    for column in frame.columns:
        values = frame[column]
        mask = values.str.startswith("'", na=False)
        if mask.any():
            frame.loc[mask, column] = values[mask].str.replace(_NEUTRALISED_CELL, "", regex=True)
    return frame


def _lossy_rows(table: ReviewTable) -> list[int]:
    mask = pd.Series(False, index=table.frame.index)
    for column in table.frame.columns:
        mask |= table.frame[column].str.contains("\ufffd", regex=False, na=False)
    return [int(position) for position in mask[mask].index]


def _format_numbers(numbers: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(number) for number in numbers[:limit])
    return shown + (f" … (+{len(numbers) - limit})" if len(numbers) > limit else "")
