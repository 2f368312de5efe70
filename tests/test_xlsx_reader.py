"""Reading XLSX workbooks: sheets, formula cells, error cells and values kept as text."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from review_labeler.core.errors import TableReadError
from review_labeler.core.table_reader import ReadOptions, list_sheets, read_table

CASES = Path(__file__).parent / "data" / "cases"


def save_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def edit_sheet_xml(path: Path, pattern: str, replacement: str) -> None:
    """Apply one regular-expression substitution to the XML of the first sheet, in place.

    openpyxl cannot write everything Excel writes, so tests patch the XML to get it.
    """
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    sheet_xml, count = re.subn(pattern, replacement, sheet_xml)
    assert count == 1, f"{pattern!r} not found in the sheet XML"
    members["xl/worksheets/sheet1.xml"] = sheet_xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def store_cached_value(path: Path, cell: str, value: str) -> None:
    """Give the formula in ``cell`` a cached string result, as Excel does when it saves."""
    edit_sheet_xml(path, rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/>', rf'<c r="{cell}"\1 t="str"><f>\2</f><v>{value}</v>')


# Sheets


def test_case04_sheets_listed():
    assert list_sheets(CASES / "case04" / "reviews_two_sheets.xlsx") == ["1월", "2월"]


@pytest.mark.parametrize(("sheet", "prefix"), [("1월", "JAN"), ("2월", "FEB")])
def test_case04_each_sheet_reads_own_rows(sheet, prefix):
    table = read_table(CASES / "case04" / "reviews_two_sheets.xlsx", ReadOptions(sheet=sheet))

    assert table.sheet == sheet
    assert table.sheet_names == ["1월", "2월"]
    assert table.file_format == "xlsx"
    assert table.columns == ["review_id", "review_text", "gold_label"]
    assert table.column_values("review_id") == [f"{prefix}-{number}" for number in range(1, 6)]


def test_case04_second_sheet_texts():
    table = read_table(CASES / "case04" / "reviews_two_sheets.xlsx", ReadOptions(sheet="2월"))

    assert table.column_values("review_text") == [
        "배송이 너무 늦었어요",
        "포장이 꼼꼼하게 되어 있었어요",
        "사진과 색상이 달라요",
        "배터리가 금방 닳아요",
        "설명과 다른 제품이 왔어요",
    ]
    assert table.column_values("gold_label") == ["부정", "긍정", "부정", "부정", "부정"]


def test_first_sheet_is_default():
    table = read_table(CASES / "case04" / "reviews_two_sheets.xlsx")

    assert table.sheet == "1월"
    assert table.column_values("review_id")[0] == "JAN-1"


def test_unknown_sheet_lists_sheets():
    with pytest.raises(TableReadError) as caught:
        read_table(CASES / "case04" / "reviews_two_sheets.xlsx", ReadOptions(sheet="3월"))

    assert "3월" in str(caught.value)
    assert "1월, 2월" in str(caught.value)


# Formula and error cells


def test_case08_formula_without_value_named():
    table = read_table(CASES / "case08" / "reviews_formula_cells.xlsx")

    assert table.column_values("review_text") == ["배송이 빨라요", "", "그냥 그래요"]
    assert table.column_values("review_id") == ["1", "2", "3"]
    formula_warnings = [warning for warning in table.warnings if "formula" in warning]
    assert len(formula_warnings) == 1
    assert "B3" in formula_warnings[0]


def test_cached_formula_value_read(tmp_path):
    path = save_workbook(
        tmp_path / "cached.xlsx",
        {"reviews": [["id", "text"], [1, "배송이 빨라요"], [2, '=B2&" 그리고 포장도 좋아요"']]},
    )
    store_cached_value(path, "B3", "배송이 빨라요 그리고 포장도 좋아요")

    table = read_table(path)

    assert table.column_values("text") == ["배송이 빨라요", "배송이 빨라요 그리고 포장도 좋아요"]
    assert not any("formula" in warning for warning in table.warnings)


def test_error_cells_kept_as_text(tmp_path):
    path = save_workbook(
        tmp_path / "errors.xlsx",
        {"reviews": [["id", "text", "score"], [1, "#REF!", 5], [2, "좋아요", "#DIV/0!"], [3, "#N/A", 4]]},
    )

    table = read_table(path)

    assert table.column_values("text") == ["#REF!", "좋아요", "#N/A"]
    assert table.column_values("score") == ["5", "#DIV/0!", "4"]
    error_warnings = [warning for warning in table.warnings if "#REF!" in warning]
    assert len(error_warnings) == 1
    assert "B2, C3, B4" in error_warnings[0]


# Values as text


def test_xlsx_values_read_as_text(tmp_path):
    path = save_workbook(
        tmp_path / "values.xlsx",
        {
            "reviews": [
                ["id", "text", "value"],
                ["000123", "NA", 1],
                ["12345678901234567890", "null", 2.5],
                ["7", "-", True],
                ["8", "  padded  ", dt.datetime(2024, 1, 31)],
                ["9", "1E5", dt.datetime(2024, 1, 31, 13, 45)],
            ]
        },
    )

    table = read_table(path)

    assert table.column_values("id") == ["000123", "12345678901234567890", "7", "8", "9"]
    assert table.column_values("text") == ["NA", "null", "-", "  padded  ", "1E5"]
    assert table.column_values("value") == ["1", "2.5", "TRUE", "2024-01-31", "2024-01-31 13:45:00"]


def test_xlsx_blank_cells_stay_in_place(tmp_path):
    path = save_workbook(
        tmp_path / "gaps.xlsx",
        {"reviews": [["id", "text"], [1, "좋아요"], [2, None], [3, "   "], [4, "별로"]]},
    )
    # Excel marks a text of spaces as preserved; openpyxl 3.1 leaves the mark out.
    edit_sheet_xml(path, "<t>   </t>", '<t xml:space="preserve">   </t>')

    table = read_table(path)

    assert table.column_values("id") == ["1", "2", "3", "4"]
    assert table.column_values("text") == ["좋아요", "", "   ", "별로"]


def test_xlsx_title_row_skipped(tmp_path):
    path = save_workbook(
        tmp_path / "title.xlsx",
        {"reviews": [["2024년 리뷰 목록"], [], ["id", "text", "label"], [1, "좋아요", "긍정"]]},
    )

    table = read_table(path)

    assert table.header_row == 2
    assert table.columns == ["id", "text", "label"]
    assert table.column_values("text") == ["좋아요"]


def test_xlsx_empty_and_duplicate_headers(tmp_path):
    path = save_workbook(tmp_path / "headers.xlsx", {"reviews": [[None, "text", "text"], [1, "a", "b"]]})

    table = read_table(path)

    assert table.columns == ["Column 1", "text", "text (2)"]
    assert table.column_values("text (2)") == ["b"]


def test_xlsx_header_only(tmp_path):
    path = save_workbook(tmp_path / "header.xlsx", {"reviews": [["id", "text"]]})

    table = read_table(path)

    assert table.row_count == 0
    assert table.columns == ["id", "text"]


# File type decided by content, not by name


def test_xlsx_renamed_csv_opens_as_xlsx(tmp_path):
    renamed = tmp_path / "export.csv"
    shutil.copy(CASES / "case04" / "reviews_two_sheets.xlsx", renamed)

    table = read_table(renamed, ReadOptions(sheet="2월"))

    assert table.file_format == "xlsx"
    assert list_sheets(renamed) == ["1월", "2월"]
    assert table.column_values("review_id")[0] == "FEB-1"


def test_text_named_xlsx_rejected(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("id,text\n1,a\n", encoding="utf-8")

    with pytest.raises(TableReadError) as caught:
        read_table(path)

    assert "fake.xlsx" in str(caught.value)


def test_zip_without_workbook_rejected(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")

    with pytest.raises(TableReadError) as caught:
        read_table(path)

    assert "archive.xlsx" in str(caught.value)
