"""Export to CSV and XLSX: column order, encoding, atomic writes and spreadsheet safety rules."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_labeler.core import export as export_module
from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import ExcelLimitError, ExportError
from review_labeler.core.export import export_table
from review_labeler.core.inference import ClassificationResult, RowStatus
from review_labeler.core.review_table import ReviewTable
from review_labeler.core.table_reader import read_table

CASES = Path(__file__).parent / "data" / "cases"
LABELS = ["부정", "긍정"]
ADDED_HEADERS = ["predicted_label", "confidence", "corrected_label", "final_label", "status"]


def predicted_annotations(row_count: int, blank_rows: tuple[int, ...] = ()) -> Annotations:
    """Annotations with a known prediction per row: label row % 2, confidence 0.6 + row / 100."""
    result = ClassificationResult.empty(row_count, LABELS)
    for row in range(row_count):
        if row in blank_rows:
            result.status[row] = RowStatus.NO_TEXT
            continue
        label = row % 2
        confidence = 0.6 + row / 100
        result.label_ids[row] = label
        result.probabilities[row, label] = confidence
        result.probabilities[row, 1 - label] = 1 - confidence
        result.status[row] = RowStatus.CLASSIFIED
    return Annotations.from_result(result)


def table_from_rows(tmp_path: Path, headers: list[str], rows: list[list[str]]) -> ReviewTable:
    frame = pd.DataFrame(rows, columns=headers, dtype=object)
    return ReviewTable(source_path=tmp_path / "source.csv", frame=frame, headers=list(headers), file_format="csv")


def raw_csv_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def leftover_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".part"))


# Column order and values


def test_case04_columns_and_values_in_order(tmp_path):
    table = read_table(CASES / "case04" / "reviews_with_gaps.csv")
    annotations = predicted_annotations(12, blank_rows=(2, 6, 7))
    annotations.set_label([0], 1)
    annotations.set_label([1], 1)
    annotations.accept([3])

    export_table(table, annotations, tmp_path / "out.csv")
    rows = raw_csv_rows(tmp_path / "out.csv")

    assert rows[0] == ["review_id", "review_text", "gold_label"] + ADDED_HEADERS
    assert len(rows) == 13
    body = rows[1:]
    assert [row[0] for row in body] == [str(number) for number in range(1, 13)]
    assert [row[1] for row in body] == table.column_values("review_text")
    assert [row[2] for row in body] == table.column_values("gold_label")
    assert body[0][3:] == ["부정", "0.6", "긍정", "긍정", ""]
    assert body[1][3:] == ["긍정", "0.61", "", "긍정", ""]
    assert body[3][3:] == ["긍정", "0.63", "", "긍정", ""]
    for row in (2, 6, 7):
        assert body[row][3:] == ["", "", "", "", "no text"]


def test_case04_custom_index_order_kept(tmp_path):
    table = read_table(CASES / "case04" / "reviews_custom_index.csv")

    export_table(table, predicted_annotations(6), tmp_path / "out.xlsx")
    exported = read_table(tmp_path / "out.xlsx")

    assert exported.columns == ["번호", "review_text", "gold_label"] + ADDED_HEADERS
    assert exported.column_values("번호") == ["1001", "1003", "1002", "1010", "1007", "1004"]
    assert exported.column_values("review_text") == table.column_values("review_text")


def test_korean_headers_and_status_words(tmp_path):
    from review_labeler.core import messages

    messages.set_language("ko")
    table = read_table(CASES / "case04" / "reviews_with_gaps.csv")

    export_table(table, predicted_annotations(12, blank_rows=(2,)), tmp_path / "out.csv")
    rows = raw_csv_rows(tmp_path / "out.csv")

    assert rows[0][3:] == ["예측_라벨", "신뢰도", "수정_라벨", "최종_라벨", "상태"]
    assert rows[3][7] == "텍스트 없음"


def test_truncated_and_pending_status(tmp_path):
    table = table_from_rows(tmp_path, ["text"], [["a"], ["b"], ["c"]])
    annotations = predicted_annotations(3)
    annotations.truncated[1] = True
    annotations.status[2] = RowStatus.PENDING
    annotations.predicted[2] = -1

    export_table(table, annotations, tmp_path / "out.csv")

    assert [row[-1] for row in raw_csv_rows(tmp_path / "out.csv")[1:]] == ["", "truncated", "not classified"]


def test_added_header_names_never_clash(tmp_path):
    table = table_from_rows(tmp_path, ["text", "predicted_label"], [["a", "old"]])

    export_table(table, predicted_annotations(1), tmp_path / "out.csv")

    header = raw_csv_rows(tmp_path / "out.csv")[0]
    assert header == ["text", "predicted_label", "predicted_label (2)"] + ADDED_HEADERS[1:]


def test_row_count_mismatch_refused(tmp_path):
    table = table_from_rows(tmp_path, ["text"], [["a"], ["b"]])

    with pytest.raises(ExportError, match="3 predictions for 2 rows"):
        export_table(table, predicted_annotations(3), tmp_path / "out.csv")

    assert not (tmp_path / "out.csv").exists()


# CSV encoding: case06


def test_case06_csv_has_bom_and_crlf(tmp_path):
    table = read_table(CASES / "case06" / "reviews_emoji.csv")

    export_table(table, predicted_annotations(table.row_count), tmp_path / "out.csv")
    data = (tmp_path / "out.csv").read_bytes()

    assert data[:3] == b"\xef\xbb\xbf"
    assert data.count(b"\n") == table.row_count + 1
    assert data.count(b"\r\n") == data.count(b"\n")


def test_case06_reimport_keeps_review_bytes(tmp_path):
    table = read_table(CASES / "case06" / "reviews_emoji.csv")

    export_table(table, predicted_annotations(table.row_count), tmp_path / "out.csv")
    exported = read_table(tmp_path / "out.csv")

    original = [text.encode("utf-8") for text in table.column_values("review_text")]
    reread = [text.encode("utf-8") for text in exported.column_values("review_text")]
    assert reread == original
    assert exported.encoding == "utf-8-sig"
    assert any("👍" in text for text in exported.column_values("review_text"))
    assert any("\u2014" in text for text in exported.column_values("review_text"))


def test_tsv_export(tmp_path):
    table = read_table(CASES / "case06" / "reviews_emoji.csv")

    export_table(table, predicted_annotations(table.row_count), tmp_path / "out.tsv")
    exported = read_table(tmp_path / "out.tsv")

    assert exported.delimiter == "\t"
    assert exported.column_values("review_text") == table.column_values("review_text")


def test_unknown_suffix_refused(tmp_path):
    table = table_from_rows(tmp_path, ["text"], [["a"]])

    with pytest.raises(ExportError, match="out.json"):
        export_table(table, predicted_annotations(1), tmp_path / "out.json")


# Atomic writes


def test_failed_csv_write_leaves_target_untouched(tmp_path, monkeypatch):
    table = read_table(CASES / "case06" / "reviews_emoji.csv")
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous export")

    def fail_half_way(frame, path, **kwargs):
        Path(path).write_bytes(b"\xef\xbb\xbfreview_id,rev")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail_half_way)
    with pytest.raises(ExportError) as caught:
        export_table(table, predicted_annotations(table.row_count), target)

    assert "disk is full" in str(caught.value)
    assert target.read_bytes() == b"previous export"
    assert leftover_files(tmp_path) == []


def test_failed_xlsx_write_creates_no_file(tmp_path, monkeypatch):
    table = read_table(CASES / "case06" / "reviews_emoji.csv")
    target = tmp_path / "out.xlsx"

    real_save = openpyxl.Workbook.save

    def fail_half_way(workbook, path):
        real_save(workbook, path)
        with open(path, "r+b") as stream:
            stream.truncate(100)
        raise RuntimeError("simulated crash while saving")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail_half_way)
    with pytest.raises(RuntimeError, match="simulated crash"):
        export_table(table, predicted_annotations(table.row_count), target)

    assert not target.exists()
    assert leftover_files(tmp_path) == []


def test_missing_folder_reported(tmp_path):
    table = table_from_rows(tmp_path, ["text"], [["a"]])
    target = tmp_path / "no such folder" / "out.csv"

    with pytest.raises(ExportError, match="no such folder"):
        export_table(table, predicted_annotations(1), target)


def test_export_onto_source_refused(tmp_path):
    source = tmp_path / "reviews.csv"
    source.write_bytes((CASES / "case06" / "reviews_emoji.csv").read_bytes())
    table = read_table(source)
    before = source.read_bytes()

    with pytest.raises(ExportError, match="source file"):
        export_table(table, predicted_annotations(table.row_count), source)
    with pytest.raises(ExportError, match="source file"):
        export_table(table, predicted_annotations(table.row_count), tmp_path / "." / "reviews.csv", file_format="csv")

    assert source.read_bytes() == before


# XLSX: control characters, case07


def test_case07_xlsx_removes_control_characters(tmp_path):
    table = read_table(CASES / "case07" / "reviews_control_chars.csv")
    original = table.column_values("review_text")

    report = export_table(table, predicted_annotations(table.row_count), tmp_path / "out.xlsx")
    exported = read_table(tmp_path / "out.xlsx")

    assert report.cleaned_rows == [0, 1, 2, 3, 4]
    assert any("rows 1, 2, 3, 4, 5" in message for message in report.messages())
    texts = exported.column_values("review_text")
    assert texts[0] == "배송 빨라요다음에도 살게요"
    assert texts[1] == "색이 예뻐요"
    assert texts[2] == "[1m강추[0m 합니다"
    assert texts[3] == "포장상태양호"
    assert texts[4] == "보통이에요"
    assert texts[5] == original[5]
    assert "\u200b" in texts[5]
    assert texts[6] == original[6]
    assert "\r\n" in texts[6]


def test_case07_csv_keeps_control_characters(tmp_path):
    table = read_table(CASES / "case07" / "reviews_control_chars.csv")

    report = export_table(table, predicted_annotations(table.row_count), tmp_path / "out.csv")

    assert report.cleaned_rows == []
    assert read_table(tmp_path / "out.csv").column_values("review_text") == table.column_values("review_text")


def test_xlsx_keeps_tab_cr_and_escape_like_text(tmp_path):
    texts = ["탭\t포함", "CR\r만", "literal _x000D_ text", "_x005F_ 그대로", "끝\r\n"]
    table = table_from_rows(tmp_path, ["text"], [[text] for text in texts])

    export_table(table, predicted_annotations(len(texts)), tmp_path / "out.xlsx")

    assert read_table(tmp_path / "out.xlsx").column_values("text") == texts


# XLSX and CSV: formula-like text, case08


def test_case08_xlsx_review_cells_are_strings(tmp_path):
    table = read_table(CASES / "case08" / "reviews_formula_like.csv")

    export_table(table, predicted_annotations(table.row_count), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active

    review_cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [cell.data_type for cell in review_cells] == ["s"] * 8
    assert [cell.value for cell in review_cells] == table.column_values("review_text")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert review_cells[1].value.startswith("=HYPERLINK(")


def test_case08_csv_neutralised_with_apostrophe(tmp_path):
    table = read_table(CASES / "case08" / "reviews_formula_like.csv")

    report = export_table(table, predicted_annotations(table.row_count), tmp_path / "out.csv")
    cells = [row[1] for row in raw_csv_rows(tmp_path / "out.csv")[1:]]

    original = table.column_values("review_text")
    assert report.neutralised_cells == 7
    assert cells[:7] == ["'" + text for text in original[:7]]
    assert cells[7] == original[7]
    assert cells[3] == "'-_- 기대 이하네요"
    assert cells[2] == "'+++ 강추합니다 +++"
    assert cells[3][1:] == "-_- 기대 이하네요"


def test_case08_csv_round_trip_stable(tmp_path):
    table = read_table(CASES / "case08" / "reviews_formula_like.csv")

    export_table(table, predicted_annotations(table.row_count), tmp_path / "first.csv")
    first = read_table(tmp_path / "first.csv")
    export_table(first, predicted_annotations(first.row_count), tmp_path / "second.csv")
    second = read_table(tmp_path / "second.csv")

    assert first.column_values("review_text") == table.column_values("review_text")
    assert second.column_values("review_text") == table.column_values("review_text")
    assert raw_csv_rows(tmp_path / "first.csv")[1][1] == raw_csv_rows(tmp_path / "second.csv")[1][1]


def test_plain_csv_writes_cells_as_read(tmp_path):
    table = read_table(CASES / "case08" / "reviews_formula_like.csv")

    report = export_table(table, predicted_annotations(table.row_count), tmp_path / "out.csv", csv_for_excel=False)

    assert report.neutralised_cells == 0
    assert [row[1] for row in raw_csv_rows(tmp_path / "out.csv")[1:]] == table.column_values("review_text")


def test_numbers_not_neutralised(tmp_path):
    table = table_from_rows(tmp_path, ["value"], [["-5"], ["+3"], ["-1.5"], ["-"], ["-5점"], ["'=1"]])

    export_table(table, predicted_annotations(6), tmp_path / "out.csv")

    cells = [row[0] for row in raw_csv_rows(tmp_path / "out.csv")[1:]]
    assert cells == ["-5", "+3", "-1.5", "'-", "'-5점", "''=1"]
    assert read_table(tmp_path / "out.csv").column_values("value") == ["-5", "+3", "-1.5", "-", "-5점", "'=1"]


formula_like_text = st.text(alphabet=st.sampled_from(list("'=+-@\t\r\n 가나다ab1,\"")), max_size=12)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(formula_like_text, min_size=1, max_size=6))
def test_csv_for_excel_round_trip_property(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("round_trip")
    table = table_from_rows(folder, ["id", "text"], [[str(row), text] for row, text in enumerate(texts)])

    export_table(table, predicted_annotations(len(texts)), folder / "out.csv")

    assert read_table(folder / "out.csv").column_values("text") == texts


# XLSX values and limits


def test_xlsx_values_read_back_exactly(tmp_path):
    values = ["NA", "null", "000123", "1E5", "12345678901234567890", "-", "1.50", "1.0", "-0", "0.00001", "3.14", "42",
              "-7", "  padded  "]
    table = table_from_rows(tmp_path, ["value"], [[value] for value in values])

    export_table(table, predicted_annotations(len(values)), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    types = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}

    assert read_table(tmp_path / "out.xlsx").column_values("value") == values
    assert types[42] == "n"
    assert types[3.14] == "n"
    assert types["000123"] == "s"
    assert types["1.50"] == "s"


def test_xlsx_row_limit_checked_before_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 5)
    table = table_from_rows(tmp_path, ["text"], [[f"리뷰 {row}"] for row in range(5)])
    target = tmp_path / "out.xlsx"

    with pytest.raises(ExcelLimitError) as caught:
        export_table(table, predicted_annotations(5), target)

    assert "5 rows" in str(caught.value)
    assert "at most 4" in str(caught.value)
    assert not target.exists()
    assert leftover_files(tmp_path) == []


def test_xlsx_row_limit_allows_last_row(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 5)
    table = table_from_rows(tmp_path, ["text"], [[f"리뷰 {row}"] for row in range(4)])

    export_table(table, predicted_annotations(4), tmp_path / "out.xlsx")

    assert read_table(tmp_path / "out.xlsx").row_count == 4


def test_xlsx_long_cell_refused(tmp_path):
    limit = export_module.EXCEL_MAX_CELL_CHARS
    table = table_from_rows(tmp_path, ["id", "text"], [["1", "짧음"], ["2", "가" * (limit + 1)], ["3", "나" * limit]])
    target = tmp_path / "out.xlsx"

    with pytest.raises(ExcelLimitError) as caught:
        export_table(table, predicted_annotations(3), target)

    assert "row 2" in str(caught.value)
    assert '"text"' in str(caught.value)
    assert not target.exists()


def test_long_cell_fits_in_csv(tmp_path):
    limit = export_module.EXCEL_MAX_CELL_CHARS
    table = table_from_rows(tmp_path, ["text"], [["가" * (limit + 1)]])

    export_table(table, predicted_annotations(1), tmp_path / "out.csv")

    assert read_table(tmp_path / "out.csv").column_values("text") == ["가" * (limit + 1)]


def test_xlsx_confidence_is_number(tmp_path):
    table = table_from_rows(tmp_path, ["text"], [["a"], ["b"]])

    export_table(table, predicted_annotations(2), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active

    confidences = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert confidences == [0.6, 0.61]
    assert np.isclose(confidences[1], 0.61)
