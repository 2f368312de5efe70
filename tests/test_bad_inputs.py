"""Bad review files: each kind ends in a table with the right values or in a message naming the file.

Kinds already covered elsewhere are not repeated here: empty and header-only files, binary files
named .csv, ragged rows and unclosed quotes (test_table_reader.py), mixed UTF-8/CP949 files
(test_encodings.py), #REF! and formula cells, XLSX named .csv (test_xlsx_reader.py). The table in
docs/reliability.md lists where each kind is tested.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from review_labeler.core import cli, messages, read_limits, table_reader
from review_labeler.core import export as export_module
from review_labeler.core.errors import EncodingDetectionError, ExcelLimitError, ExportError, TableReadError
from review_labeler.core.export import EXCEL_MAX_CELL_CHARS, export_table
from review_labeler.core.inference import RowStatus, classify_texts
from review_labeler.core.table_reader import list_sheets, read_table
from review_labeler.core.text_cleaning import clean_review_text, is_blank

from reliability_helpers import (
    crafted_encrypted_workbook,
    encrypted_workbook_with_msoffcrypto,
    png_bytes,
    predicted_annotations,
    review_table,
    table_from_rows,
    workbook_bytes,
)
from test_xlsx_reader import edit_sheet_xml

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_error(path: Path) -> str:
    with pytest.raises(TableReadError) as caught:
        read_table(path)
    return str(caught.value)


# --------------------------------------------------------------------------- file kinds


@pytest.mark.parametrize("name", ["screenshot.csv", "screenshot.xlsx"])
def test_image_renamed_rejected(tmp_path, name):
    message = read_error(write(tmp_path, name, png_bytes()))

    assert name in message
    if name.endswith(".csv"):
        assert "binary file" in message
    else:
        assert "not a readable Excel workbook" in message


@pytest.mark.parametrize("builder", ["msoffcrypto", "crafted"])
@pytest.mark.parametrize("name", ["locked.xlsx", "locked.csv"])
def test_password_protected_xlsx_named(tmp_path, builder, name):
    if builder == "msoffcrypto":
        pytest.importorskip("msoffcrypto")
        data = encrypted_workbook_with_msoffcrypto([["리뷰"], ["좋아요"]])
    else:
        data = crafted_encrypted_workbook()
    path = write(tmp_path, name, data)

    message = read_error(path)

    assert message.startswith(f"{name} is password-protected")
    assert "remove the password" in message
    with pytest.raises(TableReadError, match="password-protected"):
        list_sheets(path)


def test_password_message_in_korean(tmp_path):
    path = write(tmp_path, "잠김.xlsx", crafted_encrypted_workbook())
    messages.set_language("ko")

    assert read_error(path) == (
        "잠김.xlsx은(는) 암호로 보호된 파일입니다. Excel에서 열어 암호를 해제(파일 > 정보 > 통합 문서 보호)한 뒤 다시 저장하세요."
    )


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_truncated_xlsx_rejected(tmp_path, keep):
    data = workbook_bytes([["리뷰"], ["좋아요"], ["별로"]])
    path = write(tmp_path, "cut.xlsx", data[: int(len(data) * keep)])

    message = read_error(path)

    assert message.startswith("cut.xlsx is not a readable Excel workbook (")


def test_damaged_sheet_xml_rejected(tmp_path):
    path = write(tmp_path, "broken.xlsx", workbook_bytes([["리뷰"], ["좋아요"]]))
    edit_sheet_xml(path, "<sheetData>", "<sheetData><row><c r=")

    assert read_error(path).startswith("broken.xlsx is not a readable Excel workbook (")


def test_unsupported_zip_version_still_read(tmp_path):
    # Python's zipfile rejects an "extract version" above 6.3, which calamine accepts. The rows
    # must still load, and only the formula scan is skipped (a case the reader fuzz test found).
    data = bytearray(workbook_bytes([["리뷰", "점수"], ["좋아요", 5]]))
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 0x8F
    path = write(tmp_path, "odd_zip.xlsx", bytes(data))

    table = read_table(path)

    assert table.column_values("리뷰") == ["좋아요"]
    assert table.column_values("점수") == ["5"]


def test_cp949_then_utf8_named_as_mixed(tmp_path):
    data = "리뷰,점수\n좋아요,5\n".encode("cp949") + "별로예요,1\n".encode("utf-8")
    path = write(tmp_path, "mixed.csv", data)

    with pytest.raises(EncodingDetectionError) as caught:
        read_table(path)

    assert caught.value.line == 3
    assert str(caught.value).startswith("mixed.csv: line 3 is UTF-8, although earlier lines are CP949")


def test_utf8_then_cp949_named_as_mixed(tmp_path):
    data = "리뷰,점수\n좋아요,5\n".encode("utf-8") + "별로예요,1\n".encode("cp949")
    path = write(tmp_path, "mixed.csv", data)

    with pytest.raises(EncodingDetectionError) as caught:
        read_table(path)

    assert caught.value.line == 3
    assert "mixes encodings" in str(caught.value)


# --------------------------------------------------------------------------- huge files


def test_file_over_size_limit_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "huge.csv", "리뷰\n" + "좋아요\n" * 200)
    monkeypatch.setattr(read_limits, "MAX_TABLE_BYTES", 1000)

    def never_read(path):
        raise AssertionError("the file was read although it is over the limit")

    monkeypatch.setattr(table_reader, "_read_bytes", never_read)

    message = read_error(path)

    size = read_limits.format_size(path.stat().st_size)
    assert size == "2.0 KB"
    assert message == (
        f"huge.csv is {size}; Review Labeler opens files of up to 1.0 KB. "
        "Split it into smaller files (for example by month) and open them one at a time."
    )


def test_file_over_available_memory_refused(tmp_path, monkeypatch):
    path = write(tmp_path, "big.csv", "리뷰\n" + "좋아요\n" * 100)
    monkeypatch.setattr(read_limits, "available_memory_bytes", lambda: 2000)

    message = read_error(path)

    size = path.stat().st_size
    needed = read_limits.format_size(size * read_limits.TEXT_MEMORY_FACTOR)
    assert message.startswith(f"Not enough memory to read big.csv ({read_limits.format_size(size)}): "
                              f"reading it needs about {needed}")
    assert "only 2.0 KB is free" in message


def test_workbook_memory_estimate_uses_workbook_factor(tmp_path, monkeypatch):
    path = write(tmp_path, "big.xlsx", workbook_bytes([["리뷰"], ["좋아요"]]))
    size = path.stat().st_size
    monkeypatch.setattr(read_limits, "available_memory_bytes", lambda: size * read_limits.TEXT_MEMORY_FACTOR * 2)

    message = read_error(path)

    assert "Not enough memory to read big.xlsx" in message


def test_memory_error_while_parsing_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "reviews.csv", "리뷰\n좋아요\n")

    def exhausted(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(table_reader, "_read_text_table", exhausted)

    assert read_error(path) == (
        f"Ran out of memory while reading reviews.csv ({path.stat().st_size} bytes). Close other programs, or split "
        "the file into smaller files. Nothing was loaded."
    )


def test_workbook_bytes_never_read_whole(tmp_path, monkeypatch):
    path = write(tmp_path, "reviews.xlsx", workbook_bytes([["리뷰"], ["좋아요"], ["별로"]]))

    def never_read(path):
        raise AssertionError("a workbook must be read by calamine only, not also into a bytes object")

    monkeypatch.setattr(table_reader, "_read_bytes", never_read)

    assert read_table(path).column_values("리뷰") == ["좋아요", "별로"]
    assert list_sheets(path) == ["Sheet"]


def test_available_memory_read_on_linux():
    if not os.path.exists("/proc/meminfo"):
        pytest.skip("needs /proc/meminfo")

    available = read_limits.available_memory_bytes()

    assert available is not None
    assert available > 0


# --------------------------------------------------------------------------- paths and permissions


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_and_device_rejected_without_blocking(tmp_path):
    pipe = tmp_path / "reviews.csv"
    os.mkfifo(pipe)

    assert read_error(pipe) == f"{pipe} is not a regular file (it is a pipe or a device). Choose a CSV, TSV, TXT or XLSX file."
    if os.path.exists("/dev/urandom"):
        assert "is not a regular file" in read_error(Path("/dev/urandom"))


def test_korean_spaces_ampersand_path(tmp_path, tiny_bert_dir, capsys):
    folder = tmp_path / "리뷰 모음 & 분석" / "3월 자료 (최종)"
    folder.mkdir(parents=True)
    source = write(folder, "쇼핑몰 리뷰 & 평점.csv", "번호,리뷰\n1,좋아요\n2,별로예요\n")
    output = folder / "결과 & 라벨.xlsx"

    code = cli.run(["predict", str(source), "--output", str(output), "--model", str(tiny_bert_dir), "--device", "cpu", "-q"])

    assert code == 0
    assert read_table(source).column_values("리뷰") == ["좋아요", "별로예요"]
    assert read_table(output).column_values("리뷰") == ["좋아요", "별로예요"]
    assert f"output: {output}" in capsys.readouterr().out


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads files whatever their permissions")
def test_unreadable_source_named(tmp_path):
    path = write(tmp_path, "private.csv", "리뷰\n좋아요\n")
    path.chmod(0)
    try:
        message = read_error(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    assert message.startswith(f"Permission denied while reading {path}.")


def test_unreadable_source_simulated(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.csv", "리뷰\n좋아요\n")

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(table_reader, "open", denied, raising=False)

    message = read_error(path)

    assert message == (
        f"Permission denied while reading {path}. Close the program that has it open or copy it elsewhere, "
        "then try again."
    )


def test_read_only_source_read_and_left_unchanged(tmp_path, tiny_bert_dir):
    source = write(tmp_path, "readonly.csv", "리뷰\n좋아요\n별로\n")
    source.chmod(stat.S_IRUSR | stat.S_IRGRP)
    before = source.read_bytes()

    code = cli.run(["predict", str(source), "--output", str(tmp_path / "out.csv"), "--model", str(tiny_bert_dir),
                    "--device", "cpu", "-q"])

    assert code == 0
    assert source.read_bytes() == before
    assert stat.S_IMODE(source.stat().st_mode) == stat.S_IRUSR | stat.S_IRGRP


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root can replace write-protected files")
def test_write_protected_export_target_refused(tmp_path):
    target = write(tmp_path, "old.csv", "previous export")
    target.chmod(stat.S_IRUSR)
    table = read_table(write(tmp_path, "in.csv", "리뷰\n좋아요\n"))
    try:
        with pytest.raises(ExportError, match="Permission denied while writing"):
            export_table(table, predicted_annotations(1), target)
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)

    assert target.read_text() == "previous export"


def test_write_protected_export_target_simulated(tmp_path, monkeypatch):
    target = write(tmp_path, "old.csv", "previous export")
    table = read_table(write(tmp_path, "in.csv", "리뷰\n좋아요\n"))
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == target else real_access(path, mode))

    with pytest.raises(ExportError) as caught:
        export_table(table, predicted_annotations(1), target)

    assert str(caught.value) == (
        f"Permission denied while writing {target}. Choose another folder, or close the file if it is open in Excel."
    )
    assert target.read_text() == "previous export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "old.csv"]


def test_locked_export_target_keeps_old_file(tmp_path, monkeypatch):
    # Excel on Windows locks an open workbook, so replacing it fails with a sharing violation.
    target = write(tmp_path, "open_in_excel.csv", "previous export")
    table = read_table(write(tmp_path, "in.csv", "리뷰\n좋아요\n"))

    def sharing_violation(source, destination):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", sharing_violation)

    with pytest.raises(ExportError, match="close the file if it is open in Excel"):
        export_table(table, predicted_annotations(1), target)

    assert target.read_text() == "previous export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "open_in_excel.csv"]


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root can write into write-protected folders")
def test_write_protected_export_folder_refused(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    table = read_table(write(tmp_path, "in.csv", "리뷰\n좋아요\n"))
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError, match="Permission denied while writing"):
            export_table(table, predicted_annotations(1), folder / "out.csv")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


# --------------------------------------------------------------------------- contents


def test_merged_title_rows_and_blank_rows_in_xlsx(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2024년 3월 리뷰 모음"])
    sheet.merge_cells("A1:C1")
    sheet.append(["출처: 자사몰"])
    sheet.merge_cells("A2:C2")
    sheet.append(["번호", "리뷰", "점수"])
    sheet.append([1, "좋아요", 5])
    sheet.append([None, None, None])
    sheet.append([None, None, None])
    sheet.append([2, "별로예요", 1])
    workbook.save(tmp_path / "titled.xlsx")

    table = read_table(tmp_path / "titled.xlsx")

    assert table.header_row == 2
    assert table.columns == ["번호", "리뷰", "점수"]
    # Blank rows stay in place, so row numbers match the sheet below the header.
    assert table.column_values("리뷰") == ["좋아요", "", "", "별로예요"]
    assert "Skipped 2 title row(s) above the header: 2024년 3월 리뷰 모음 / 출처: 자사몰" in table.warnings


def test_blank_lines_in_csv(tmp_path):
    path = write(tmp_path, "gaps.csv", "번호,리뷰\n1,좋아요\n\n2,별로\n,\n3,최고\n")

    table = read_table(path)

    # An empty line contains no cell and is skipped, but a line of delimiters is a row of empty cells.
    assert table.column_values("번호") == ["1", "2", "", "3"]
    assert table.column_values("리뷰") == ["좋아요", "별로", "", "최고"]


def test_blank_rows_classified_as_no_text(tmp_path, tiny_bert):
    path = write(tmp_path, "gaps.csv", "번호,리뷰\n1,좋아요\n2,\n3,\u00a0\u00a0\n4,&nbsp;\n5,_x000D_\n6,별로\n")
    texts = read_table(path).column_values("리뷰")

    result = classify_texts(tiny_bert, texts)

    assert result.status.tolist() == [RowStatus.CLASSIFIED] + [RowStatus.NO_TEXT] * 4 + [RowStatus.CLASSIFIED]


def test_nfd_hangul_composed_for_model(tmp_path, tiny_bert):
    # A file saved on macOS can hold NFD Hangul: each syllable split into jamo code points.
    composed = ["배송이 빠르고 좋아요", "별로예요 환불했어요"]
    decomposed = [unicodedata.normalize("NFD", text) for text in composed]
    assert decomposed != composed
    path = write(tmp_path, "nfd.csv", "리뷰\n" + "\n".join(decomposed) + "\n")
    texts = read_table(path).column_values("리뷰")
    # Without composing, the tokenizer returns other, mostly unknown, token ids.
    assert tiny_bert.tokenizer(texts[0])["input_ids"] != tiny_bert.tokenizer(composed[0])["input_ids"]

    from_nfd = classify_texts(tiny_bert, texts)
    from_nfc = classify_texts(tiny_bert, composed)

    assert texts == decomposed
    assert from_nfd.label_ids.tolist() == from_nfc.label_ids.tolist()
    assert from_nfd.probabilities.ravel().tolist() == pytest.approx(from_nfc.probabilities.ravel().tolist(), abs=1e-6)
    export_table(read_table(path), predicted_annotations(len(texts)), tmp_path / "out.csv")
    assert read_table(tmp_path / "out.csv").column_values("리뷰") == decomposed


def test_serial_number_dates_in_xlsx(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["작성일", "일련번호", "리뷰"])
    sheet.append([45352, 45352, "좋아요"])
    sheet["A2"].number_format = "yyyy-mm-dd"
    sheet.append([dt.datetime(2024, 3, 2, 14, 30), 45353.5, "별로"])
    workbook.save(tmp_path / "dates.xlsx")

    table = read_table(tmp_path / "dates.xlsx")

    # A serial number formatted as a date reads as the date Excel shows; unformatted, as the number.
    assert table.column_values("작성일") == ["2024-03-01", "2024-03-02 14:30:00"]
    assert table.column_values("일련번호") == ["45352", "45353.5"]


def test_serial_number_dates_in_1904_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["작성일", "리뷰"])
    sheet.append([dt.date(2024, 3, 1), "좋아요"])
    workbook.save(tmp_path / "mac.xlsx")

    assert read_table(tmp_path / "mac.xlsx").column_values("작성일") == ["2024-03-01"]


def test_serial_number_dates_in_csv_kept(tmp_path):
    table = read_table(write(tmp_path, "dates.csv", "작성일,리뷰\n45352,좋아요\n2024-03-01,별로\n"))

    assert table.column_values("작성일") == ["45352", "2024-03-01"]


def test_excel_escape_artefacts(tmp_path):
    path = write(tmp_path, "escapes.xlsx", workbook_bytes([["리뷰"], ["AAA"], ["BBB"]]))
    edit_sheet_xml(path, "<t>AAA</t>", "<t>첫 줄_x000D_\n둘째 줄</t>")
    edit_sheet_xml(path, "<t>BBB</t>", "<t>_x005F_x000D_ 글자 그대로</t>")
    csv_path = write(tmp_path, "escapes.csv", "리뷰\n좋아요_x000D_\n_x000D_\n")

    xlsx_cells = read_table(path).column_values("리뷰")
    csv_cells = read_table(csv_path).column_values("리뷰")

    # In a sheet, _x000D_ is Excel's escape for CR and _x005F_ escapes a literal one.
    assert xlsx_cells == ["첫 줄\r\n둘째 줄", "_x000D_ 글자 그대로"]
    # In a CSV it is an artefact of a bad conversion: kept in the cell, removed for the model.
    assert csv_cells == ["좋아요_x000D_", "_x000D_"]
    assert clean_review_text(csv_cells[0]) == "좋아요"
    assert is_blank(csv_cells[1])


def test_html_entities_and_no_break_spaces(tmp_path):
    content = "리뷰\u00a0내용,점수\n\"가성비 &amp; 품질 &lt;3\",5\n\"배송\u00a0빠름&nbsp;최고\",4\n"
    table = read_table(write(tmp_path, "entities.csv", content))

    assert table.columns == ["리뷰 내용", "점수"]
    assert table.headers == ["리뷰\u00a0내용", "점수"]
    assert table.column_values("리뷰 내용") == ["가성비 &amp; 품질 &lt;3", "배송\u00a0빠름&nbsp;최고"]
    assert [clean_review_text(value) for value in table.column_values("리뷰 내용")] == ["가성비 & 품질 <3", "배송 빠름 최고"]


def test_emoji_survive_read_and_export(tmp_path):
    reviews = ["최고예요 👍😀", "별로 😡", "가족 👨‍👩‍👧 모두 만족", "국기 🇰🇷"]
    source = write(tmp_path, "emoji.csv", "리뷰\n" + "\n".join(reviews) + "\n")
    table = read_table(source)

    export_table(table, predicted_annotations(len(reviews)), tmp_path / "out.xlsx")
    export_table(table, predicted_annotations(len(reviews)), tmp_path / "out.csv")

    assert table.column_values("리뷰") == reviews
    assert read_table(tmp_path / "out.xlsx").column_values("리뷰") == reviews
    assert read_table(tmp_path / "out.csv").column_values("리뷰") == reviews


def test_very_long_review_read_classified_and_exported(tmp_path, tiny_bert):
    long_review = ("배송이 빨라서 좋았어요 " * 2600)[:31_000]
    source = write(tmp_path, "long.csv", f"리뷰\n\"{long_review}\"\n짧은 리뷰\n")
    table = read_table(source)

    result = classify_texts(tiny_bert, table.column_values("리뷰"))
    export_table(table, predicted_annotations(2), tmp_path / "out.xlsx")

    assert len(table.column_values("리뷰")[0]) == 31_000
    assert result.status.tolist() == [RowStatus.CLASSIFIED, RowStatus.CLASSIFIED]
    assert result.truncated.tolist() == [True, False]
    assert read_table(tmp_path / "out.xlsx").column_values("리뷰")[0] == long_review


def test_review_over_excel_cell_limit_never_cut(tmp_path):
    too_long = "가" * (EXCEL_MAX_CELL_CHARS + 1)
    table = read_table(write(tmp_path, "long.csv", f"번호,리뷰\n1,짧음\n2,{too_long}\n"))

    with pytest.raises(ExcelLimitError) as caught:
        export_table(table, predicted_annotations(2), tmp_path / "out.xlsx")
    export_table(table, predicted_annotations(2), tmp_path / "out.csv")

    assert str(caught.value) == (
        '1 cell(s) are longer than Excel\'s limit of 32767 characters (first: row 2, column "리뷰"). '
        "Export as CSV to keep them whole."
    )
    assert not (tmp_path / "out.xlsx").exists()
    assert read_table(tmp_path / "out.csv").column_values("리뷰")[1] == too_long


def test_whitespace_only_cells_survive_xlsx_export(tmp_path):
    # Found on a real review file: cells of spaces came back empty from the XLSX export.
    values = ["   ", "\t", " \r\n ", "\n", "\u3000 ", "\u00a0", "_x0020_", "  padded  "]
    table = table_from_rows(tmp_path / "source.csv", ["리뷰"], [[value] for value in values])

    export_table(table, predicted_annotations(len(values)), tmp_path / "out.xlsx")

    assert read_table(tmp_path / "out.xlsx").column_values("리뷰") == values


def test_error_code_text_exported_as_text(tmp_path):
    # Found on a real review file: a review cell reading "#NAME?" became an Excel error cell.
    values = ["#NAME?", "#REF!", "#N/A", "#DIV/0!", "#좋아요", "=1+1"]
    table = table_from_rows(tmp_path / "source.csv", ["리뷰"], [[value] for value in values])

    export_table(table, predicted_annotations(len(values)), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    types = [row[0].data_type for row in sheet.iter_rows(min_row=2)]
    back = read_table(tmp_path / "out.xlsx")

    assert types == ["s"] * len(values)
    assert back.column_values("리뷰") == values
    assert back.warnings == []


def test_duplicate_headers_kept_apart_through_export(tmp_path):
    table = read_table(write(tmp_path, "dup.csv", "리뷰,리뷰,점수,점수\n좋아요,최고,5,4\n"))

    export_table(table, predicted_annotations(1), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]

    assert table.columns == ["리뷰", "리뷰 (2)", "점수", "점수 (2)"]
    assert table.column_values("리뷰 (2)") == ["최고"]
    # The export writes the headers as the file had them.
    assert header[:4] == ["리뷰", "리뷰", "점수", "점수"]


def test_number_like_ids_kept_as_written(tmp_path):
    ids = ["000123", "1E5", "12345678901234567890", "1.50", "-0", "0x1F", "1,234", "+82-10-1234-5678"]
    source = write(tmp_path, "ids.csv", "주문번호,리뷰\n" + "".join(f"\"{value}\",좋아요\n" for value in ids))
    workbook = tmp_path / "ids.xlsx"
    workbook.write_bytes(workbook_bytes([["주문번호", "리뷰"]] + [[value, "좋아요"] for value in ids]))

    csv_table = read_table(source)
    xlsx_table = read_table(workbook)
    export_table(csv_table, predicted_annotations(len(ids)), tmp_path / "out.xlsx")
    export_table(csv_table, predicted_annotations(len(ids)), tmp_path / "out.csv")

    assert csv_table.column_values("주문번호") == ids
    assert xlsx_table.column_values("주문번호") == ids
    assert read_table(tmp_path / "out.xlsx").column_values("주문번호") == ids
    assert read_table(tmp_path / "out.csv").column_values("주문번호") == ids


def test_huge_sheet_dimension_not_allocated(tmp_path):
    # A sheet XML that declares a huge dimension but contains two cells must not allocate that dimension.
    path = write(tmp_path, "dimension.xlsx", workbook_bytes([["리뷰"], ["좋아요"]]))
    edit_sheet_xml(path, r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>')

    table = read_table(path)

    assert table.column_values("리뷰") == ["좋아요"]


# --------------------------------------------------------------------------- Excel limits on export


def test_too_many_rows_offers_csv_and_split(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    table = review_table(tmp_path / "source.csv", 25)

    with pytest.raises(ExcelLimitError) as caught:
        export_table(table, predicted_annotations(25), tmp_path / "out.xlsx")

    assert str(caught.value) == (
        "25 rows do not fit into an Excel sheet (at most 10 data rows). "
        "Export as CSV, or split the export into several files."
    )
    assert list(tmp_path.iterdir()) == []


def test_split_export_writes_parts_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    table = review_table(tmp_path / "source.csv", 25)
    annotations = predicted_annotations(25)

    report = export_table(table, annotations, tmp_path / "out.xlsx", split_rows=10)

    parts = [tmp_path / f"out_{number}.xlsx" for number in (1, 2, 3)]
    assert report.parts == parts
    assert report.rows == 25
    assert sorted(tmp_path.iterdir()) == parts
    tables = [read_table(part) for part in parts]
    assert [part.row_count for part in tables] == [10, 10, 5]
    assert sum((part.column_values("id") for part in tables), []) == table.column_values("id")
    assert sum((part.column_values("predicted_label") for part in tables), []) == ["부정", "긍정"] * 12 + ["부정"]


def test_split_rows_capped_at_excel_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 11)
    table = review_table(tmp_path / "source.csv", 15)

    report = export_table(table, predicted_annotations(15), tmp_path / "out.xlsx", split_rows=1000)

    assert [read_table(part).row_count for part in report.parts] == [10, 5]


def test_split_export_replaces_old_parts(tmp_path):
    (tmp_path / "out_1.xlsx").write_bytes(b"previous part")
    table = review_table(tmp_path / "source.csv", 4)

    report = export_table(table, predicted_annotations(4), tmp_path / "out.xlsx", split_rows=3)

    assert [read_table(part).row_count for part in report.parts] == [3, 1]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out_1.xlsx", "out_2.xlsx"]


def test_split_export_checks_long_cells_first(tmp_path):
    rows = [["1", "짧음"], ["2", "짧음"], ["3", "가" * (EXCEL_MAX_CELL_CHARS + 1)]]
    table = table_from_rows(tmp_path / "source.csv", ["id", "review"], rows)

    with pytest.raises(ExcelLimitError, match="Export as CSV to keep them whole"):
        export_table(table, predicted_annotations(3), tmp_path / "out.xlsx", split_rows=2)

    assert list(tmp_path.iterdir()) == []


def test_split_rows_option_in_cli(tmp_path, tiny_bert_dir, capsys):
    source = write(tmp_path, "reviews.csv", "리뷰\n" + "".join(f"리뷰 {row}\n" for row in range(7)))

    code = cli.run(["predict", str(source), "--output", str(tmp_path / "out.xlsx"), "--split-rows", "3",
                    "--model", str(tiny_bert_dir), "--device", "cpu", "-q"])

    parts = [tmp_path / f"out_{number}.xlsx" for number in (1, 2, 3)]
    assert code == 0
    assert [read_table(part).row_count for part in parts] == [3, 3, 1]
    assert "parts: " + ", ".join(map(str, parts)) in capsys.readouterr().out
