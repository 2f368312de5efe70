"""Reading CSV, TSV and TXT tables: delimiters, exact cells, messy headers and degenerate files."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_labeler.core.column_guess import guess_label_column, guess_review_column
from review_labeler.core.errors import TableReadError
from review_labeler.core.table_reader import ReadOptions, list_sheets, read_table, sniff_delimiter

CASES = Path(__file__).parent / "data" / "cases"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# Delimiters


@pytest.mark.parametrize(
    ("name", "content", "delimiter"),
    [
        ("comma.csv", "id,text,label\n1,좋아요; 정말,긍정\n2,별로,부정\n", ","),
        ("tab.tsv", "id\ttext\tlabel\n1\t좋아요, 정말\t긍정\n2\t별로\t부정\n", "\t"),
        ("semicolon.csv", "id;text;label\n1;좋아요, 정말;긍정\n2;별로;부정\n", ";"),
        ("tab_named_csv.csv", "id\ttext\tlabel\n1\t좋아요, 정말\t긍정\n2\t별로\t부정\n", "\t"),
        ("pipe.txt", "id|text|label\n1|좋아요, 정말|긍정\n2|별로|부정\n", "|"),
    ],
)
def test_delimiter_detected(tmp_path, name, content, delimiter):
    table = read_table(write(tmp_path, name, content))

    assert table.delimiter == delimiter
    assert table.columns == ["id", "text", "label"]
    assert table.column_values("text") == ["좋아요, 정말" if delimiter != "," else "좋아요; 정말", "별로"]
    assert table.column_values("label") == ["긍정", "부정"]


def test_tabs_inside_quoted_multiline_cells_not_delimiter(tmp_path):
    # Split at tabs, quoted cells with tabs and line breaks give more rows than split at commas.
    # Only the comma accounts for every line of the file.
    content = 'id,text,label\r\n0,"\t\n\t1",긍정\r\n1,"\t\n\t",부정\r\n'

    table = read_table(write(tmp_path, "quoted_tabs.csv", content))

    assert table.delimiter == ","
    assert table.column_values("text") == ["\t\n\t1", "\t\n\t"]
    assert table.column_values("label") == ["긍정", "부정"]


def test_delimiter_override_wins(tmp_path):
    path = write(tmp_path, "reviews.csv", "id;text;label\n1;a;b\n2;c;d\n")

    table = read_table(path, ReadOptions(delimiter="\t"))

    assert table.delimiter == "\t"
    assert table.columns == ["id;text;label"]
    assert table.column_values("id;text;label") == ["1;a;b", "2;c;d"]


def test_one_column_file_keeps_commas(tmp_path):
    path = write(tmp_path, "single.csv", "review\n좋아요, 정말 최고\n별로\n쉼표, 두 개, 있음\n")

    table = read_table(path)

    assert table.delimiter is None
    assert table.columns == ["review"]
    assert table.column_values("review") == ["좋아요, 정말 최고", "별로", "쉼표, 두 개, 있음"]
    assert table.warnings == []


def test_one_column_file_keeps_blank_cells(tmp_path):
    path = write(tmp_path, "single.csv", "review\n좋아요\n\n   \n별로\n\n\n")

    table = read_table(path)

    assert table.column_values("review") == ["좋아요", "", "   ", "별로"]


def test_sniff_ignores_title_row():
    content = "리뷰 목록\nid;text;label\n1;a;x\n2;b;y\n3;c;z\n"

    assert sniff_delimiter(content, ".csv") == ";"


def test_sniff_one_column_returns_none():
    assert sniff_delimiter("review\n좋아요, 정말\n별로\n", ".csv") is None


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_line_ends_of_every_kind(tmp_path, line_end):
    content = line_end.join(["id,text", "1,a", "2,\"b\nc\"", "3,d"]) + line_end
    table = read_table(write(tmp_path, "ends.csv", content))

    assert table.column_values("id") == ["1", "2", "3"]
    assert table.column_values("text") == ["a", "b\nc", "d"]


# Cells exactly as written


def test_cells_kept_as_written(tmp_path):
    content = (
        "id,text,extra\n"
        "000123,NA,null\n"
        "12345678901234567890,1E5,-\n"
        "007,None,nan\n"
        "8,\"  padded  \",#N/A\n"
        "9,TRUE,1.50\n"
        "10,\" \",\"\"\n"
    )
    table = read_table(write(tmp_path, "values.csv", content))

    assert table.column_values("id") == ["000123", "12345678901234567890", "007", "8", "9", "10"]
    assert table.column_values("text") == ["NA", "1E5", "None", "  padded  ", "TRUE", " "]
    assert table.column_values("extra") == ["null", "-", "nan", "#N/A", "1.50", ""]
    assert all(dtype == object or str(dtype) == "str" for dtype in table.frame.dtypes)


def test_quoted_comma_and_newline_kept(tmp_path):
    content = 'id,text\n1,"쉼표, 그리고\n줄바꿈"\n2,"따옴표 ""안"" 에"\n'
    table = read_table(write(tmp_path, "quoted.csv", content))

    assert table.column_values("text") == ["쉼표, 그리고\n줄바꿈", '따옴표 "안" 에']


def test_app_apostrophe_removed_once(tmp_path):
    content = "id,text\n1,'=1+2\n2,'-_- 별로\n3,''=x\n4,'그냥 인용\n5,it's fine\n"
    table = read_table(write(tmp_path, "apostrophes.csv", content))

    assert table.column_values("text") == ["=1+2", "-_- 별로", "'=x", "'그냥 인용", "it's fine"]


def test_ragged_rows_keep_extra_cells(tmp_path):
    content = "id,text\n1,a,extra\n2\n3,c\n"
    table = read_table(write(tmp_path, "ragged.csv", content))

    assert table.columns == ["id", "text", "Column 3"]
    assert table.column_values("id") == ["1", "2", "3"]
    assert table.column_values("text") == ["a", "", "c"]
    assert table.column_values("Column 3") == ["extra", "", ""]
    assert any("rows 1" in warning for warning in table.warnings)


def test_unclosed_quote_names_line(tmp_path):
    path = write(tmp_path, "quote.csv", 'id,text\n1,ok\n2,"never closed\n3,more\n')

    with pytest.raises(TableReadError) as caught:
        read_table(path)

    assert "quote.csv" in str(caught.value)
    assert "line 3" in str(caught.value)


# Empty cells and file order


def test_case04_blank_reviews_stay_in_place():
    table = read_table(CASES / "case04" / "reviews_with_gaps.csv")

    assert table.row_count == 12
    assert table.column_values("review_id") == [str(number) for number in range(1, 13)]
    texts = table.column_values("review_text")
    assert [row + 1 for row, text in enumerate(texts) if text == ""] == [3, 7, 8]


def test_case04_number_column_stays_data():
    table = read_table(CASES / "case04" / "reviews_custom_index.csv")

    assert table.columns == ["번호", "review_text", "gold_label"]
    assert table.column_values("번호") == ["1001", "1003", "1002", "1010", "1007", "1004"]
    assert list(table.frame.index) == list(range(6))
    assert guess_review_column(table) == "review_text"


# Messy headers


def test_duplicate_headers_renamed(tmp_path):
    table = read_table(write(tmp_path, "dup.csv", "text,text,label,text\n1,2,3,4\n"))

    assert table.columns == ["text", "text (2)", "label", "text (3)"]
    assert table.headers == ["text", "text", "label", "text"]
    assert table.column_values("text (2)") == ["2"]
    assert table.column_values("text (3)") == ["4"]
    assert any("text → text (2)" in warning for warning in table.warnings)


def test_empty_header_cells_named(tmp_path):
    table = read_table(write(tmp_path, "unnamed.csv", ",review,label\n0,좋아요,긍정\n1,별로,부정\n"))

    assert table.columns == ["Column 1", "review", "label"]
    assert table.headers == ["", "review", "label"]
    assert table.column_values("Column 1") == ["0", "1"]
    assert table.row_count == 2


def test_trailing_empty_columns_dropped(tmp_path):
    table = read_table(write(tmp_path, "trailing.csv", "id,text,,\n1,a,,\n2,b,,\n"))

    assert table.columns == ["id", "text"]
    assert table.row_count == 2


def test_title_rows_above_header_skipped(tmp_path):
    content = "2024년 1월 리뷰,,\n,,\nid,text,label\n1,좋아요,긍정\n2,별로,부정\n"
    table = read_table(write(tmp_path, "title.csv", content))

    assert table.header_row == 2
    assert table.columns == ["id", "text", "label"]
    assert table.column_values("id") == ["1", "2"]
    assert any("2024년 1월 리뷰" in warning for warning in table.warnings)


def test_header_row_override(tmp_path):
    content = "2024년 1월 리뷰,,\nid,text,label\n1,좋아요,긍정\n"
    table = read_table(write(tmp_path, "title.csv", content), ReadOptions(header_row=1))

    assert table.columns == ["id", "text", "label"]
    assert table.column_values("text") == ["좋아요"]


def test_bom_and_odd_spaces_cleaned_from_names(tmp_path):
    data = b"\xef\xbb\xbf" + "\ufeffid, review\u00a0text ,label\n1,a,b\n".encode("utf-8")
    table = read_table(write(tmp_path, "bom.csv", data))

    assert table.columns == ["id", "review text", "label"]
    assert not any("\ufeff" in name for name in table.columns)


# Degenerate input


@pytest.mark.parametrize("content", [b"", b"  \r\n\n\t", b"\xef\xbb\xbf"])
def test_empty_file_rejected(tmp_path, content):
    path = write(tmp_path, "empty.csv", content)

    with pytest.raises(TableReadError, match="empty.csv is empty"):
        read_table(path)


def test_header_only_gives_zero_rows():
    table = read_table(CASES / "case02" / "reviews_0.csv")

    assert table.row_count == 0
    assert table.columns == ["review_id", "review_text", "gold_label"]


def test_one_row_file():
    table = read_table(CASES / "case02" / "reviews_1.csv")

    assert table.row_count == 1
    assert table.column_values("review_text") == ["두 번 다시 안 삽니다"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
        bytes(range(256)) * 4,
    ],
)
def test_binary_file_named_csv_rejected(tmp_path, content):
    path = write(tmp_path, "photo.csv", content)

    with pytest.raises(TableReadError) as caught:
        read_table(path)

    assert "photo.csv" in str(caught.value)
    assert "binary" in str(caught.value)


def test_missing_file_named(tmp_path):
    with pytest.raises(TableReadError, match="nowhere.csv"):
        read_table(tmp_path / "nowhere.csv")


def test_folder_rejected(tmp_path):
    with pytest.raises(TableReadError, match="folder"):
        read_table(tmp_path)


def test_text_file_has_no_sheets():
    assert list_sheets(CASES / "case01" / "reviews_24.csv") == []


def test_no_text_column_guessed(tmp_path):
    table = read_table(write(tmp_path, "numbers.csv", "id,price,stock\n1,1000,5\n2,2500,0\n"))

    assert guess_review_column(table) is None


# Column guessing on the case files


@pytest.mark.parametrize(
    ("relative_path", "review", "label"),
    [
        ("case01/reviews_24.csv", "review_text", "gold_label"),
        ("case02/reviews_10.csv", "review_text", "gold_label"),
        ("case04/reviews_with_gaps.csv", "review_text", "gold_label"),
        ("case04/reviews_custom_index.csv", "review_text", "gold_label"),
        ("case04/reviews_two_sheets.xlsx", "review_text", "gold_label"),
        ("case05/reviews_cp949.csv", "리뷰내용", "평가"),
        ("case05/reviews_utf16_tab.txt", "리뷰내용", "평가"),
        ("case06/reviews_emoji.csv", "review_text", None),
        ("case07/reviews_control_chars.csv", "review_text", None),
        ("case08/reviews_formula_like.csv", "review_text", None),
        ("case13/reviews_long.csv", "review_text", "gold_label"),
    ],
)
def test_columns_guessed_on_case_files(relative_path, review, label):
    table = read_table(CASES / relative_path)

    review_column = guess_review_column(table)
    assert review_column == review
    assert guess_label_column(table, review_column) == label


def test_review_column_guessed_without_name(tmp_path):
    content = "a,b,c\n1,https://shop.example/item/1,배송이 빨라서 정말 좋았어요\n2,https://shop.example/item/2,별로예요\n"
    table = read_table(write(tmp_path, "anonymous.csv", content))

    assert guess_review_column(table) == "c"
    assert guess_label_column(table, "c") is None


def test_label_column_with_too_many_values_ignored(tmp_path):
    rows = "\n".join(f"{number},리뷰 {number}번,{number}" for number in range(40))
    table = read_table(write(tmp_path, "scores.csv", "id,review,score\n" + rows + "\n"))

    assert guess_review_column(table) == "review"
    assert guess_label_column(table, "review") is None
