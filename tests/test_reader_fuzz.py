"""Fuzzing the table readers: whatever bytes a file holds, reading it returns a table or raises
TableReadError (or a subclass), never another exception and never a hang.

Inputs are random bytes, valid CSV files in the encodings Korean spreadsheets use with bytes
flipped, inserted, deleted or cut, and valid XLSX workbooks whose ZIP bytes or sheet XML were
mutated. Every input is at most a few kilobytes, so the per-example deadline is a hang guard,
not a speed check: a healthy read of such a file takes milliseconds. Set
REVIEW_LABELER_FUZZ_EXAMPLES (default 150) to fuzz longer.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_labeler.core.errors import TableReadError
from review_labeler.core.review_table import ReviewTable
from review_labeler.core.table_reader import list_sheets, read_table

# REVIEW_LABELER_FUZZ_EXAMPLES raises the example count for a longer fuzzing session.
FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("REVIEW_LABELER_FUZZ_EXAMPLES", "150")),
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIXED_TIME = dt.datetime(2024, 1, 1)
FIXED_CORE_PROPERTIES = (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>fuzz</dc:creator></cp:coreProperties>'
)
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "cp949", "utf-16")
# Characters that stress a CSV parser and an encoding detector: quotes, delimiters, line ends,
# Hangul (including syllables outside EUC-KR), a no-break space and an emoji.
ROUND_TRIP_ALPHABET = list('ab1 "\r\n=+-@&#') + ["리", "뷰", "좋", "똠", "됬", "\u00a0", "😀", "_x000D_"]
CELL_ALPHABET = list('ab1 ,;\t|"\'\r\n=+-@&#') + ["리", "뷰", "좋", "똠", "됬", "\u00a0", "😀", "_x000D_"]


def _read(path: Path) -> ReviewTable | None:
    """Read ``path`` and check the outcome: a consistent table, or a documented error."""
    try:
        table = read_table(path)
    except TableReadError as error:
        assert str(error), "a TableReadError must carry a message for the user"
        return None
    assert len(table.headers) == len(table.columns)
    assert len(set(table.columns)) == len(table.columns)
    assert all(dtype == object or str(dtype).startswith("str") for dtype in table.frame.dtypes)
    return table


def _list_sheets(path: Path) -> None:
    try:
        list_sheets(path)
    except TableReadError:
        pass


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """Apply one to four byte-level mutations to ``data``."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        if not buffer:
            buffer.extend(draw(st.binary(min_size=1, max_size=8)))
            continue
        position = draw(st.integers(0, len(buffer) - 1))
        if kind == "flip":
            buffer[position] = draw(st.integers(0, 255))
        elif kind == "insert":
            buffer[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del buffer[position : position + draw(st.integers(1, 8))]
        elif kind == "truncate":
            del buffer[position:]
        else:
            end = min(len(buffer), position + draw(st.integers(1, 16)))
            buffer[position:position] = buffer[position:end]
    return bytes(buffer)


cells = st.lists(st.sampled_from(CELL_ALPHABET), max_size=12).map("".join)
rows = st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=8)


def _csv_bytes(table_rows: list[list[str]], delimiter: str, encoding: str) -> bytes | None:
    lines = []
    for row in table_rows:
        quoted = ['"' + cell.replace('"', '""') + '"' if any(c in cell for c in '",\n\r\t;|') else cell for cell in row]
        lines.append(delimiter.join(quoted))
    try:
        return ("\r\n".join(lines) + "\r\n").encode(encoding)
    except UnicodeEncodeError:
        # CP949 has no emoji; those rows are tried in the other encodings.
        return None


def _workbook_bytes(table_rows: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in table_rows:
        # Control characters cannot be stored in XLSX; the fuzzed XML brings them in instead.
        sheet.append([cell.replace("\r", "").replace("\x00", "") for cell in row])
    sheet.append(["=1+1", 45352, 0.5, True])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Fixed timestamps: hypothesis replays an example only if the same draws give the same bytes.
    return _rezip(buffer.getvalue(), "docProps/core.xml", FIXED_CORE_PROPERTIES)


def _rezip(archive_bytes: bytes, member: str, content: bytes) -> bytes:
    """Return the workbook with ``member`` replaced by ``content``; the ZIP itself stays valid."""
    source = zipfile.ZipFile(io.BytesIO(archive_bytes))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            target.writestr(entry, content if name == member else source.read(name), zipfile.ZIP_DEFLATED)
    return output.getvalue()


# --------------------------------------------------------------------------- tests


@FUZZ_SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_read_or_rejected(fuzz_folder, data, suffix):
    path = _write(fuzz_folder, suffix, data)

    _read(path)
    _list_sheets(path)


@FUZZ_SETTINGS
@given(
    table_rows=rows,
    delimiter=st.sampled_from([",", "\t", ";"]),
    encoding=st.sampled_from(CSV_ENCODINGS),
    data=st.data(),
)
def test_mutated_csv_read_or_rejected(fuzz_folder, table_rows, delimiter, encoding, data):
    valid = _csv_bytes(table_rows, delimiter, encoding)
    if valid is None:
        valid = _csv_bytes(table_rows, delimiter, "utf-8")
    broken = data.draw(mutated(valid))
    path = _write(fuzz_folder, data.draw(st.sampled_from([".csv", ".tsv", ".txt"])), broken)

    _read(path)


@st.composite
def rectangular_tables(draw) -> tuple[list[str], list[list[str]]]:
    """Draw a header and data rows of one width, with cells free of delimiter characters.

    Delimiters and apostrophes are left out so that the file has only one right reading. A cell
    full of semicolons could make a one-column file look semicolon-separated. The reader removes
    the apostrophe that the app's own CSV export puts before formula-like text.
    """
    width = draw(st.integers(1, 4))
    header = [f"열{number}" for number in range(1, width + 1)]
    plain_cells = st.lists(st.sampled_from(ROUND_TRIP_ALPHABET), max_size=12).map("".join)
    data_rows = draw(st.lists(st.lists(plain_cells, min_size=width, max_size=width), max_size=8))
    return header, data_rows


@FUZZ_SETTINGS
@given(table=rectangular_tables(), encoding=st.sampled_from(CSV_ENCODINGS))
def test_valid_csv_round_trips(fuzz_folder, table, encoding):
    header, data_rows = table
    valid = _csv_bytes([header] + data_rows, ",", encoding)
    if valid is None:
        return
    path = _write(fuzz_folder, ".csv", valid)

    loaded = read_table(path)

    expected = [list(row) for row in data_rows]
    if len(header) == 1:
        # A one-column file writes an empty cell as an empty line; those at the end are dropped.
        while expected and expected[-1] == [""]:
            expected.pop()
    assert loaded.columns == header
    assert loaded.frame.to_numpy().tolist() == expected


@FUZZ_SETTINGS
@given(table_rows=rows, data=st.data())
def test_mutated_xlsx_zip_read_or_rejected(fuzz_folder, table_rows, data):
    broken = data.draw(mutated(_workbook_bytes(table_rows)))
    path = _write(fuzz_folder, data.draw(st.sampled_from([".xlsx", ".csv"])), broken)

    _read(path)
    _list_sheets(path)


@FUZZ_SETTINGS
@given(
    table_rows=rows,
    member=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                            "xl/sharedStrings.xml", "[Content_Types].xml", "xl/styles.xml"]),
    data=st.data(),
)
def test_mutated_xlsx_xml_read_or_rejected(fuzz_folder, table_rows, member, data):
    workbook = _workbook_bytes(table_rows)
    names = zipfile.ZipFile(io.BytesIO(workbook)).namelist()
    if member not in names:
        return
    xml = zipfile.ZipFile(io.BytesIO(workbook)).read(member)
    path = _write(fuzz_folder, ".xlsx", _rezip(workbook, member, data.draw(mutated(xml))))

    _read(path)
    _list_sheets(path)
