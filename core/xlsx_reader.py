"""Read one worksheet of an Excel workbook as rows of text cells.

python-calamine (a Rust reader) does the reading; it is several times faster than openpyxl and
returns the cached value of every formula cell. Two things calamine does not report are found by
scanning the sheet's XML: formula cells that have no cached value (they read as empty) and error
cells such as ``#REF!`` (calamine returns them as empty).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import python_calamine

from .errors import TableReadError
from .messages import text

log = logging.getLogger(__name__)

_CELL = re.compile(rb'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.DOTALL)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAX_LISTED_CELLS = 20


def _open_workbook(path: Path, data: bytes) -> python_calamine.CalamineWorkbook:
    if data.startswith(b"\xd0\xcf\x11\xe0") and _is_encrypted_ooxml(data):
        raise TableReadError(text("read.xlsx_password", file=path.name))
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as error:
        raise TableReadError(text("read.xlsx_password", file=path.name)) from error
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError, ValueError) as error:
        raise TableReadError(text("read.xlsx_corrupt", file=path.name, detail=_short(error))) from error


def _is_encrypted_ooxml(data: bytes) -> bool:
    """Return True for an OLE container holding an encrypted OOXML package (a password-protected XLSX)."""
    return "EncryptedPackage".encode("utf-16-le") in data[:65536] or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in data


def _short(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    return message[0][:200] if message else type(error).__name__


def sheet_names(path: Path, data: bytes) -> list[str]:
    """Return the names of the worksheets in the workbook (chart sheets excluded)."""
    workbook = _open_workbook(path, data)
    return _worksheet_names(workbook)


def _worksheet_names(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    names = []
    for metadata in workbook.sheets_metadata:
        if metadata.typ == python_calamine.SheetTypeEnum.WorkSheet:
            names.append(metadata.name)
    return names or list(workbook.sheet_names)


def read_sheet_rows(
    path: Path, data: bytes, sheet: str | None
) -> tuple[list[list[str]], str, list[str], list[str]]:
    """Read one sheet (the first when ``sheet`` is None) as rows of text.

    Returns the rows, the sheet name, all sheet names and warnings for the user.
    """
    workbook = _open_workbook(path, data)
    names = _worksheet_names(workbook)
    if not names:
        raise TableReadError(text("read.no_sheets", file=path.name))
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise TableReadError(text("read.sheet_not_found", file=path.name, sheet=sheet, sheets=", ".join(names)))

    try:
        values = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, python_calamine.XmlError, ValueError) as error:
        raise TableReadError(text("read.xlsx_corrupt", file=path.name, detail=_short(error))) from error
    rows = rows_to_text(values)

    warnings = []
    if data.startswith(b"PK"):
        warnings = _patch_formula_and_error_cells(path, sheet, rows)
    return rows, sheet, names, warnings


def rows_to_text(values: list[list[object]]) -> list[list[str]]:
    """Convert calamine's rows of cell values to text in place, as :func:`cell_to_text` does, and return them.

    Works a column at a time: a column of strings is left as it is and a column of integral
    numbers (ids, ratings) is converted in one numpy step, which matters for sheets of a
    million cells. Other columns, and ragged rows, go cell by cell.
    """
    if not values:
        return []
    width = len(values[0])
    if any(len(row) != width for row in values):
        return [[cell_to_text(value) for value in row] for row in values]

    for index in range(width):
        column = [row[index] for row in values]
        if _convert_column(column):
            for row, value in zip(values, column):
                row[index] = value
    return values


def _convert_column(column: list[object]) -> bool:
    """Replace the non-text cells of ``column`` with their text; return False if there were none.

    The header and other text cells are skipped, so that a column of ids under a text header
    still takes the numpy path.
    """
    positions = [position for position, value in enumerate(column) if value.__class__ is not str]
    if not positions:
        return False
    cells = [column[position] for position in positions]
    for position, converted in zip(positions, _cells_to_text(cells)):
        column[position] = converted
    return True


def _cells_to_text(cells: list[object]) -> list[str]:
    types = set(map(type, cells))
    if types == {float}:
        numbers = np.array(cells, dtype=np.float64)
        integral = np.isfinite(numbers).all() and (numbers == np.trunc(numbers)).all()
        if integral and (np.abs(numbers) < 1e15).all():
            return list(map(str, numbers.astype(np.int64).tolist()))
    if types == {dt.date}:
        return list(map(dt.date.isoformat, cells))
    return [cell_to_text(value) for value in cells]


def cell_to_text(value: object) -> str:
    """Return the text Excel shows for a cell value read by calamine, in a locale-free form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - ord("A") + 1)
    return index - 1


def _sheet_xml_path(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """Return the archive path of the worksheet XML for ``sheet``."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationship_id = None
    for element in workbook.iter(f"{_MAIN_NS}sheet"):
        if element.get("name") == sheet:
            relationship_id = element.get(f"{_REL_NS}id")
            break
    if relationship_id is None:
        return None

    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in relationships.iter(f"{_PKG_REL_NS}Relationship"):
        if element.get("Id") == relationship_id:
            target = element.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _patch_formula_and_error_cells(path: Path, sheet: str, rows: list[list[str]]) -> list[str]:
    """Put error values such as #REF! back into ``rows`` and warn about formulas without a value."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_xml_path(archive, sheet)
            if member is None:
                return []
            xml = archive.read(member)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, NotImplementedError, RuntimeError, ValueError,
            EOFError, OSError, zlib.error) as error:
        # Python's zipfile rejects some archives that calamine reads (an unknown ZIP version or
        # compression method, an encrypted member); the rows are already read, only the scan is lost.
        log.warning("%s: could not scan sheet XML for formulas: %s", path.name, error)
        return []

    if b"<f" not in xml and b't="e"' not in xml:
        return []

    empty_formulas: list[str] = []
    error_cells: list[str] = []
    for match in _cells_with_formula_or_error(xml):
        attributes, body = match.group(1), match.group(2) or b""
        reference = _CELL_REF.search(attributes)
        if reference is None:
            continue
        name = (reference.group(1) + reference.group(2)).decode("ascii")
        row, column = int(reference.group(2)) - 1, _column_index(reference.group(1))
        value = _VALUE.search(body)

        if _ERROR_TYPE.search(attributes) and value is not None:
            error_cells.append(name)
            _set_cell(rows, row, column, value.group(1).decode("utf-8", "replace"))
        elif b"<f" in body and (value is None or not value.group(1)):
            empty_formulas.append(name)

    warnings = []
    if empty_formulas:
        warnings.append(
            text("warn.formula_without_value", count=len(empty_formulas), cells=_list_cells(empty_formulas))
        )
    if error_cells:
        warnings.append(text("warn.excel_error_cells", count=len(error_cells), cells=_list_cells(error_cells)))
    return warnings


def _cells_with_formula_or_error(xml: bytes) -> list[re.Match[bytes]]:
    """Return the ``<c>`` elements of a sheet that contain ``<f`` or ``t="e"``, in file order.

    Only those cells can need patching. Finding the markers with ``bytes.find`` and parsing just
    the cells around them keeps a sheet with a few formulas among a million cells fast.
    """
    starts: set[int] = set()
    for marker in (b"<f", b't="e"'):
        position = xml.find(marker)
        while position >= 0:
            start = _cell_start(xml, position)
            if start >= 0:
                starts.add(start)
            position = xml.find(marker, position + len(marker))

    cells = []
    for start in sorted(starts):
        match = _CELL.match(xml, start)
        if match is not None:
            cells.append(match)
    return cells


def _cell_start(xml: bytes, position: int) -> int:
    """Return the offset of the last ``<c`` start tag before ``position``, or -1."""
    start = xml.rfind(b"<c", 0, position)
    while start >= 0 and xml[start + 2 : start + 3] not in (b" ", b">", b"/", b"\t", b"\r", b"\n"):
        start = xml.rfind(b"<c", 0, start)
    return start


def _set_cell(rows: list[list[str]], row: int, column: int, value: str) -> None:
    while len(rows) <= row:
        rows.append([])
    cells = rows[row]
    if len(cells) <= column:
        cells.extend([""] * (column + 1 - len(cells)))
    cells[column] = value


def _list_cells(names: list[str]) -> str:
    shown = ", ".join(names[:_MAX_LISTED_CELLS])
    if len(names) > _MAX_LISTED_CELLS:
        shown += f" … (+{len(names) - _MAX_LISTED_CELLS})"
    return shown
