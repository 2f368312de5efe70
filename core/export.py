"""Export a review table with its predictions and corrections to XLSX or CSV.

Every original column comes first, in file order and with its values as read; then predicted
label, confidence, corrected label, final label and status. Rules that protect the output:

* XLSX: review text is always written as a string cell, so text that starts with ``=`` never
  becomes a formula and text such as ``#NAME?`` never becomes an error cell. Characters that
  XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are removed and counted; tab,
  LF and CR stay. A text of only spaces, tabs or LFs gets its first one escaped, so that it is
  not read back as empty. CR is stored as Excel stores it, as the escape ``_x000D_``, because
  XML parsers turn a raw CR into LF; a literal ``_xHHHH_`` in a cell is escaped as
  ``_x005F_xHHHH_`` for the same reason. A cell is written as a number
  only when reading the number back gives the same text. Tables beyond Excel's limits
  (1,048,576 rows, 32,767 characters a cell) are rejected with a message, never cut. With
  ``split_rows`` the rows go into several workbooks instead, NAME_1.xlsx, NAME_2.xlsx and so on,
  written as a set: either every part replaces its file or none does.
* CSV for Excel: UTF-8 with BOM and CRLF line ends. A cell that starts with ``=``, ``+``, ``-``,
  ``@``, tab or CR, possibly after apostrophes, and is not a plain number gets a leading
  apostrophe. Excel then shows it as text instead of running it, and the app's own reader
  removes that one apostrophe again. Other characters are kept as they are.
* Plain CSV: the same encoding, every cell exactly as read.
* Every format is written to a temporary file and renamed, so a failure leaves no partial file.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .annotations import Annotations, ReviewState
from .atomic_file import atomic_output, atomic_outputs
from .errors import ExcelLimitError, ExportError
from .inference import RowStatus
from .messages import text
from .review_table import ReviewTable
from .xlsx_reader import cell_to_text

log = logging.getLogger(__name__)

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767
XLSX_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A plain number (no leading zeros, at most 15 significant digits, no exponent) is written to
# XLSX as a number; everything else stays text so that ids such as 000123 keep their zeros.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?")
_CSV_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?")
# Apostrophes before a formula prefix count too: "'=1" must be written as "''=1" so that the
# reader, which removes one apostrophe, returns "'=1".
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_FORMULA_AFTER_LINE_BREAK = re.compile(r"\n'*[=+\-@\t\r]")
_OOXML_ESCAPE_TEXT = re.compile(r"_x[0-9A-Fa-f]{4}_")
_XML_SPACE = re.compile(r"[ \t\n]")


@dataclass
class ExportReport:
    """What an export wrote and what it had to change."""

    path: Path
    rows: int
    columns: int
    cleaned_rows: list[int] = field(default_factory=list)
    neutralised_cells: int = 0
    # The files written by a split export, in row order; empty for a single file.
    parts: list[Path] = field(default_factory=list)

    def messages(self) -> list[str]:
        notes = []
        if self.cleaned_rows:
            shown = ", ".join(str(row + 1) for row in self.cleaned_rows[:20])
            if len(self.cleaned_rows) > 20:
                shown += f" … (+{len(self.cleaned_rows) - 20})"
            notes.append(text("export.cleaned_cells", count=len(self.cleaned_rows), rows=shown))
        if self.neutralised_cells:
            notes.append(text("export.neutralised_cells", count=self.neutralised_cells))
        return notes


def export_format(path: Path, requested: str | None = None) -> str:
    """Return "xlsx", "csv" or "tsv" from ``requested`` or the file suffix."""
    if requested:
        return requested.lower()
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return "xlsx"
    if suffix in {".csv", ".txt"}:
        return "csv"
    if suffix == ".tsv":
        return "tsv"
    raise ExportError(text("export.bad_format", file=path.name))


def added_column_values(annotations: Annotations) -> dict[str, list]:
    """Return the added export columns, keyed by message key of their header."""
    names = np.array(annotations.label_names + [""], dtype=object)
    predicted = names[annotations.predicted]
    corrected_ids = np.where(annotations.review_state == ReviewState.CORRECTED, annotations.corrected, -1)
    corrected = names[corrected_ids]
    final = names[annotations.final]
    confidence = annotations.confidence

    status_words = {
        RowStatus.PENDING: text("status.not_run"),
        RowStatus.CLASSIFIED: "",
        RowStatus.NO_TEXT: text("status.no_text"),
        RowStatus.FAILED: text("status.not_run"),
    }
    words_by_code = np.empty(max(RowStatus) + 1, dtype=object)
    for code, word in status_words.items():
        words_by_code[code] = word
    status = words_by_code[annotations.status]
    status[annotations.truncated] = text("status.truncated")

    return {
        "header.predicted": predicted.tolist(),
        # value != value is the NaN test; it spares a numpy call per row.
        "header.confidence": [None if value != value else round(value, 4) for value in confidence.astype(float).tolist()],
        "header.corrected": corrected.tolist(),
        "header.final": final.tolist(),
        "header.status": status.tolist(),
    }


def _added_headers(existing: list[str], keys: list[str]) -> list[str]:
    taken = set(existing)
    headers = []
    for key in keys:
        name = text(key)
        candidate, number = name, 2
        while candidate in taken:
            candidate = f"{name} ({number})"
            number += 1
        taken.add(candidate)
        headers.append(candidate)
    return headers


def export_table(
    table: ReviewTable,
    annotations: Annotations,
    path: str | Path,
    *,
    file_format: str | None = None,
    csv_for_excel: bool = True,
    split_rows: int | None = None,
) -> ExportReport:
    """Write ``table`` with ``annotations`` to ``path``; see the module docstring for the rules.

    ``split_rows`` (XLSX only) writes at most that many data rows per workbook, capped at
    Excel's limit, into the files named by :func:`split_part_paths`.
    """
    path = Path(path)
    fmt = export_format(path, file_format)
    if len(annotations) != table.row_count:
        raise ExportError(text("inference.count_mismatch", got=len(annotations), expected=table.row_count))
    targets = [path] if split_rows is None or fmt != "xlsx" else split_part_paths(path, table.row_count, split_rows)
    for target in targets:
        if table.source_path is not None and _same_file(target, Path(table.source_path)):
            raise ExportError(text("export.same_as_source", file=str(target)))

    added = added_column_values(annotations)
    added_headers = _added_headers(table.headers, list(added))
    if fmt == "xlsx" and split_rows is not None:
        return _export_xlsx_parts(table, added_headers, list(added.values()), targets, split_rows)
    if fmt == "xlsx":
        return _export_xlsx(table, added_headers, list(added.values()), path)
    delimiter = "\t" if fmt == "tsv" else ","
    return _export_csv(table, added_headers, list(added.values()), path, delimiter, csv_for_excel)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and first.samefile(second)
    except OSError:
        return False


def _export_csv(
    table: ReviewTable,
    added_headers: list[str],
    added_columns: list[list],
    path: Path,
    delimiter: str,
    for_excel: bool,
) -> ExportReport:
    frame = table.frame.copy()
    frame.columns = range(frame.shape[1])
    neutralised = 0
    if for_excel:
        for column in frame.columns:
            frame[column], count = _neutralise_formulas(frame[column])
            neutralised += count
    for offset, values in enumerate(added_columns):
        column = pd.Series(values, dtype=object)
        if for_excel and offset in (0, 2, 3):
            column, count = _neutralise_formulas(column.fillna("").astype(str))
            neutralised += count
        frame[frame.shape[1]] = column.to_numpy()

    headers = list(table.headers) + added_headers
    if for_excel:
        # A header cell is a cell too: a source column named "=HYPERLINK(...)" must not run either.
        header_series, count = _neutralise_formulas(pd.Series(headers, dtype=object))
        headers = header_series.tolist()
        neutralised += count
    with atomic_output(path) as temporary:
        frame.to_csv(
            temporary,
            sep=delimiter,
            header=headers,
            index=False,
            encoding="utf-8-sig",
            lineterminator="\r\n",
            quoting=csv.QUOTE_MINIMAL,
        )
    log.info("Exported %d rows to %s", len(frame), path)
    return ExportReport(path=path, rows=len(frame), columns=len(headers), neutralised_cells=neutralised)


def _neutralise_formulas(values: pd.Series) -> tuple[pd.Series, int]:
    # One scan of the joined column rules out most columns without testing every cell. A line
    # break inside a cell can only cause a false alarm, and the exact test below settles it.
    joined = "\n" + "\n".join(value for value in values.tolist() if isinstance(value, str))
    if _FORMULA_AFTER_LINE_BREAK.search(joined) is None:
        return values, 0
    starts = values.str.match(_FORMULA_START, na=False)
    if not starts.any():
        return values, 0
    numbers = values.str.fullmatch(_CSV_NUMBER, na=False)
    risky = starts & ~numbers
    values = values.copy()
    values[risky] = "'" + values[risky]
    return values, int(risky.sum())


def _check_excel_limits(table: ReviewTable) -> None:
    if table.row_count + 1 > EXCEL_MAX_ROWS:
        raise ExcelLimitError(text("export.too_many_rows", rows=table.row_count, limit=EXCEL_MAX_ROWS - 1))
    too_long_total = 0
    first: tuple[int, str] | None = None
    for column in table.columns:
        lengths = table.frame[column].str.len()
        over = np.flatnonzero(lengths.to_numpy() > EXCEL_MAX_CELL_CHARS)
        if len(over):
            too_long_total += len(over)
            if first is None:
                first = (int(over[0]) + 1, column)
    if first is not None:
        raise ExcelLimitError(
            text("export.cell_too_long", count=too_long_total, limit=EXCEL_MAX_CELL_CHARS, row=first[0], column=first[1])
        )


def _excel_value(value: str) -> str | int | float:
    if _PLAIN_NUMBER.fullmatch(value):
        number = float(value)
        converted = int(number) if "." not in value else number
        # "1.50", "1.0", "-0" and "0.00001" would read back as "1.5", "1", "0" and "1e-05",
        # so they stay text.
        if cell_to_text(converted) == value:
            return converted
    return value


def _escape_first_xml_space(value: str) -> str:
    """Write the first space, tab or LF of a whitespace-only text as an ``_xHHHH_`` escape.

    openpyxl 3.1 marks a text with ``xml:space="preserve"`` only when it has characters other
    than whitespace, and readers drop unmarked XML whitespace, so a cell of spaces would read
    back empty. With the escape the text is no longer blank, so openpyxl marks it and readers
    decode the escape. Other whitespace (U+3000, NBSP) is not XML whitespace and needs nothing.
    """
    match = _XML_SPACE.search(value)
    if match is None:
        return value
    position = match.start()
    return value[:position] + f"_x{ord(value[position]):04X}_" + value[position + 1 :]


def _escape_ooxml_text(value: str) -> str:
    """Escape CR and literal "_xHHHH_" text the way Excel stores them in a sheet."""
    if "_x" in value:
        value = _OOXML_ESCAPE_TEXT.sub(lambda match: "_x005F" + match.group(0), value)
    return value.replace("\r", "_x000D_")


def _export_xlsx(
    table: ReviewTable,
    added_headers: list[str],
    added_columns: list[list],
    path: Path,
) -> ExportReport:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    _check_excel_limits(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table))
    cleaned_rows: list[int] = []

    def string_cell(value: str):
        # openpyxl turns any string starting with "=" into a formula unless the type is forced.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    def prepare(value):
        if not isinstance(value, str):
            return value
        if XLSX_ILLEGAL_CHARACTERS.search(value):
            value = XLSX_ILLEGAL_CHARACTERS.sub("", value)
            prepare.dirty = True
        if "\r" in value or "_x" in value:
            value = _escape_ooxml_text(value)
        if value[:1].isspace() and not value.strip():
            value = _escape_first_xml_space(value)
        # openpyxl also turns "#NAME?", "#REF!" and the other error codes into error cells.
        if value.startswith("=") or (value.startswith("#") and value in ERROR_CODES):
            return string_cell(value)
        return value

    header_cells = [prepare(header) for header in list(table.headers) + added_headers]
    sheet.append(header_cells)

    original_columns = [table.frame[column].tolist() for column in table.columns]
    for row in range(table.row_count):
        prepare.dirty = False
        cells = []
        for values in original_columns:
            value = values[row]
            cells.append(prepare(_excel_value(value)) if value != "" else None)
        for values in added_columns:
            value = values[row]
            cells.append(prepare(value) if value not in ("", None) else None)
        sheet.append(cells)
        if prepare.dirty:
            cleaned_rows.append(row)

    with atomic_output(path) as temporary:
        workbook.save(temporary)
    log.info("Exported %d rows to %s (%d rows cleaned)", table.row_count, path, len(cleaned_rows))
    return ExportReport(path=path, rows=table.row_count, columns=len(header_cells), cleaned_rows=cleaned_rows)


def split_part_paths(path: Path, row_count: int, split_rows: int) -> list[Path]:
    """Return the files a split export of ``row_count`` rows writes: NAME_1.xlsx, NAME_2.xlsx, …"""
    per_part = _rows_per_part(split_rows)
    count = max(1, -(-row_count // per_part))
    return [path.with_name(f"{path.stem}_{number}{path.suffix}") for number in range(1, count + 1)]


def _rows_per_part(split_rows: int) -> int:
    if split_rows < 1:
        raise ValueError(f"split_rows must be 1 or more, got {split_rows}")
    return min(split_rows, EXCEL_MAX_ROWS - 1)


def _export_xlsx_parts(
    table: ReviewTable,
    added_headers: list[str],
    added_columns: list[list],
    targets: list[Path],
    split_rows: int,
) -> ExportReport:
    """Write consecutive ranges of ``split_rows`` rows of ``table`` into ``targets``, all of them or none."""
    per_part = _rows_per_part(split_rows)
    parts = []
    for number in range(len(targets)):
        start, stop = number * per_part, min(table.row_count, (number + 1) * per_part)
        frame = table.frame.iloc[start:stop].reset_index(drop=True)
        parts.append((start, dataclasses.replace(table, frame=frame), [values[start:stop] for values in added_columns]))
    # Every part is checked before the first one is written, so a long cell in the last part
    # does not cost the time of writing the others.
    for _start, part_table, _columns in parts:
        _check_excel_limits(part_table)

    cleaned_rows: list[int] = []
    columns = 0
    with atomic_outputs(targets) as temporaries:
        for (start, part_table, part_columns), temporary in zip(parts, temporaries):
            report = _export_xlsx(part_table, added_headers, part_columns, temporary)
            cleaned_rows.extend(start + row for row in report.cleaned_rows)
            columns = report.columns
    log.info("Exported %d rows to %d workbooks: %s", table.row_count, len(targets), ", ".join(map(str, targets)))
    return ExportReport(path=targets[0], rows=table.row_count, columns=columns, cleaned_rows=cleaned_rows, parts=list(targets))


def _sheet_title(table: ReviewTable) -> str:
    title = table.sheet or Path(table.source_path).stem or "reviews"
    title = re.sub(r"[\[\]:*?/\\]", "_", title)[:31]
    return title or "reviews"
