"""Encoding detection of text tables: BOMs, strict UTF-8, CP949, overrides and lossy loads."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from review_labeler.core.errors import EncodingDetectionError, TableReadError
from review_labeler.core.table_reader import ReadOptions, read_table
from review_labeler.core.text_encoding import decode_table_bytes, detect_bom

CASE05 = Path(__file__).parent / "data" / "cases" / "case05"
WELL_FORMED = ["reviews_utf8.csv", "reviews_utf8_bom.csv", "reviews_cp949.csv", "reviews_utf16_tab.txt"]
CASE05_TEXTS = [
    "배송 잘 됬어요 감사합니다",
    "사진과 색상이 달라요",
    "가격 대비 품질이 훌륭합니다",
    "상자가 찢어져서 왔어요, 그래도 제품은 멀쩡",
    "향이 은은하고 좋네요",
    "두 번 다시 안 삽니다",
]
TABLE_TEXT = "id,text\n1,됬어요 똠양꿍 맛집\n2,\"쉼표, 포함\"\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("file_name", "encoding", "delimiter"),
    [
        ("reviews_utf8.csv", "utf-8", ","),
        ("reviews_utf8_bom.csv", "utf-8-sig", ","),
        ("reviews_cp949.csv", "cp949", ","),
        ("reviews_utf16_tab.txt", "utf-16", "\t"),
    ],
)
def test_case05_file_reports_encoding(file_name, encoding, delimiter):
    table = read_table(CASE05 / file_name)

    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert table.columns == ["리뷰번호", "리뷰내용", "평가"]
    assert table.column_values("리뷰내용") == CASE05_TEXTS
    assert table.column_values("리뷰번호") == ["1", "2", "3", "4", "5", "6"]
    assert table.column_values("평가") == ["긍정", "부정", "긍정", "부정", "긍정", "부정"]
    assert table.lossy_rows == []


def test_case05_well_formed_files_load_identically():
    tables = [read_table(CASE05 / name) for name in WELL_FORMED]

    reference = tables[0]
    for name, table in zip(WELL_FORMED, tables):
        assert table.columns == reference.columns, name
        assert table.headers == ["리뷰번호", "리뷰내용", "평가"], name
        assert not any("\ufeff" in header for header in table.headers + table.columns), name
        assert table.frame.equals(reference.frame), name
    assert "됬" in reference.column_values("리뷰내용")[0]
    assert "," in reference.column_values("리뷰내용")[3]


def test_case05_mixed_file_names_file_and_line():
    with pytest.raises(EncodingDetectionError) as caught:
        read_table(CASE05 / "reviews_mixed_broken.csv")

    assert caught.value.line == 5
    assert "reviews_mixed_broken.csv" in str(caught.value)
    assert "line 5" in str(caught.value)


def test_case05_lossy_load_flags_row_4():
    table = read_table(CASE05 / "reviews_mixed_broken.csv", ReadOptions(lossy=True))

    assert table.row_count == 6
    assert table.lossy_rows == [3]
    assert "\ufffd" in table.column_values("리뷰내용")[3]
    intact = [text for row, text in enumerate(table.column_values("리뷰내용")) if row != 3]
    assert intact == [text for row, text in enumerate(CASE05_TEXTS) if row != 3]
    assert any("rows 4" in warning for warning in table.warnings)


def test_case05_cp949_override_accepted():
    table = read_table(CASE05 / "reviews_cp949.csv", ReadOptions(encoding="CP949 (EUC-KR)"))

    assert table.encoding == "cp949"
    assert table.column_values("리뷰내용") == CASE05_TEXTS


def test_wrong_override_names_file_and_line():
    with pytest.raises(EncodingDetectionError) as caught:
        read_table(CASE05 / "reviews_cp949.csv", ReadOptions(encoding="utf-8"))

    assert "reviews_cp949.csv" in str(caught.value)
    assert "line 1" in str(caught.value)
    assert caught.value.line == 1


def test_unknown_override_name_rejected():
    with pytest.raises(EncodingDetectionError, match="no-such-codec"):
        read_table(CASE05 / "reviews_utf8.csv", ReadOptions(encoding="no-such-codec"))


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ],
)
def test_bom_decides_encoding(tmp_path, bom, codec, expected):
    path = write(tmp_path, "bom.csv", bom + TABLE_TEXT.encode(codec))

    table = read_table(path)

    assert detect_bom(path.read_bytes()) == expected
    assert table.encoding == expected
    assert table.columns == ["id", "text"]
    assert table.column_values("text") == ["됬어요 똠양꿍 맛집", "쉼표, 포함"]


def test_strict_utf8_without_bom(tmp_path):
    path = write(tmp_path, "plain.csv", TABLE_TEXT.encode("utf-8"))

    table = read_table(path)

    assert table.encoding == "utf-8"
    assert table.column_values("text")[0] == "됬어요 똠양꿍 맛집"


def test_cp949_covers_syllables_missing_from_euc_kr(tmp_path):
    data = TABLE_TEXT.encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")
    path = write(tmp_path, "cp949.csv", data)

    table = read_table(path)

    assert table.encoding == "cp949"
    assert table.column_values("text") == ["됬어요 똠양꿍 맛집", "쉼표, 포함"]


def test_neither_utf8_nor_cp949_names_line(tmp_path):
    path = write(tmp_path, "broken.csv", b"id,text\n1,ok\n2,ok\n3,\x80\xff\xfe\n")

    with pytest.raises(EncodingDetectionError) as caught:
        read_table(path)

    assert caught.value.line == 4
    assert "broken.csv" in str(caught.value)
    assert "line 4" in str(caught.value)


def test_utf16_with_invalid_bytes_names_line(tmp_path):
    # A lone high surrogate (D800) on line 2 is invalid UTF-16.
    body = "id,text\n".encode("utf-16-le") + b"1\x00,\x00\x00\xd8\n\x00"
    path = write(tmp_path, "bad16.csv", codecs.BOM_UTF16_LE + body)

    with pytest.raises(EncodingDetectionError) as caught:
        read_table(path)

    assert caught.value.line == 2
    assert "bad16.csv" in str(caught.value)


def test_decode_lossy_lists_bad_lines():
    decoded = decode_table_bytes(b"a\nb\xff\nc\n\xfe\n", "x.csv", encoding="utf-8", lossy=True)

    assert decoded.lossy_lines == [2, 4]
    assert decoded.text == "a\nb\ufffd\nc\n\ufffd\n"


def test_failed_decode_loads_nothing(tmp_path):
    path = write(tmp_path, "broken.csv", b"id,text\n1,\xed\x95\x9c\xea\xb8\x80\n2,\xc7\xd1\xb1\xdb\n")

    with pytest.raises(TableReadError):
        read_table(path)
    # The same bytes load fully only when the caller asks for a lossy load.
    table = read_table(path, ReadOptions(lossy=True))
    assert table.row_count == 2
    assert table.column_values("text")[0] == "한글"
    assert table.lossy_rows == [1]
