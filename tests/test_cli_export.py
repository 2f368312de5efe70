"""``review-labeler export PROJECT --output FILE``: same file as the window's export, source checks."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from review_labeler.core import cli
from review_labeler.core.annotations import ReviewState
from review_labeler.core.export import export_table
from review_labeler.core.inference import RowStatus
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.table_reader import read_table

LABELS = ["부정", "긍정"]
REVIEWS = ["배송 빨라요", "=1+2 이상한 리뷰", "별로예요", "", "색상 예뻐요", "사이즈 작음"]


def write_source(path: Path, reviews: list[str] = REVIEWS) -> Path:
    lines = ["번호,리뷰,별점"] + [f'{number},"{review}",{number % 5 + 1}' for number, review in enumerate(reviews, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def source(tmp_path) -> Path:
    return write_source(tmp_path / "리뷰 원본.csv")


@pytest.fixture
def project(tmp_path, source) -> Path:
    """A project with predictions on every row with text, two corrections and one acceptance."""
    table = read_table(source)
    path = tmp_path / "작업.rlproj"
    with ProjectStore.create(path, table, "리뷰", "별점", "m", LABELS) as store:
        annotations = store.load_annotations(table.row_count)
        rng = np.random.default_rng(5)
        with_text = np.array([bool(review) for review in REVIEWS])
        probabilities = rng.dirichlet([1, 1], size=table.row_count).astype(np.float32)
        annotations.probabilities[with_text] = probabilities[with_text]
        annotations.predicted[with_text] = probabilities[with_text].argmax(axis=1)
        annotations.status[with_text] = RowStatus.CLASSIFIED
        annotations.status[~with_text] = RowStatus.NO_TEXT
        store.save_predictions(annotations)
        store.record_edit([0, 2], [1, 0], ReviewState.CORRECTED)
        store.record_edit([4], int(annotations.predicted[4]), ReviewState.ACCEPTED)
    return path


def window_export(project: Path, source: Path, output: Path, **options) -> None:
    """Write what the window writes: export_table over the re-read table and the stored annotations."""
    with ProjectStore.open(project, read_only=True) as store:
        table = read_table(source, store.read_options())
        annotations = store.load_annotations(table.row_count)
    export_table(table, annotations, output, **options)


def test_csv_export_matches_window_export(tmp_path, project, source, capsys):
    output = tmp_path / "out.csv"
    expected = tmp_path / "expected.csv"

    code = cli.run(["export", str(project), "--output", str(output)])

    assert code == 0
    window_export(project, source, expected)
    assert output.read_bytes() == expected.read_bytes()
    exported = read_table(output)
    assert exported.column_values("리뷰") == REVIEWS
    assert exported.column_values("corrected_label") == ["긍정", "", "부정", "", "", ""]
    assert "2 corrected, 1 accepted, 3 not reviewed" in capsys.readouterr().out


def test_xlsx_export_matches_window_export(tmp_path, project, source):
    output = tmp_path / "out.xlsx"
    expected = tmp_path / "expected.xlsx"

    assert cli.run(["export", str(project), "-o", str(output)]) == 0

    window_export(project, source, expected)
    got = [list(row) for row in load_workbook(output).active.iter_rows(values_only=True)]
    want = [list(row) for row in load_workbook(expected).active.iter_rows(values_only=True)]
    assert got == want
    assert len(got) == len(REVIEWS) + 1


def test_plain_csv_keeps_formula_text(tmp_path, project):
    excel = tmp_path / "excel.csv"
    plain = tmp_path / "plain.csv"

    assert cli.run(["export", str(project), "--output", str(excel)]) == 0
    assert cli.run(["export", str(project), "--output", str(plain), "--plain-csv"]) == 0

    excel_rows = list(csv.reader(io.StringIO(excel.read_text(encoding="utf-8-sig"))))
    plain_rows = list(csv.reader(io.StringIO(plain.read_text(encoding="utf-8-sig"))))
    assert excel_rows[2][1] == "'=1+2 이상한 리뷰"
    assert plain_rows[2][1] == "=1+2 이상한 리뷰"


def test_export_leaves_project_unchanged(tmp_path, project):
    before = project.read_bytes()

    assert cli.run(["export", str(project), "--output", str(tmp_path / "out.csv")]) == 0

    assert project.read_bytes() == before


def test_changed_source_is_rejected(tmp_path, project, source, capsys):
    edited = list(REVIEWS)
    edited[2] = "생각보다 괜찮아요"
    write_source(source, edited)
    output = tmp_path / "out.csv"

    code = cli.run(["export", str(project), "--output", str(output)])

    assert code == 2
    error = capsys.readouterr().err
    assert "changed since the project was saved" in error
    assert "--rematch-by-position" in error
    assert not output.exists()


def test_rematch_by_position_exports_changed_source(tmp_path, project, source, capsys):
    edited = list(REVIEWS) + ["추가된 리뷰"]
    edited[2] = "생각보다 괜찮아요"
    write_source(source, edited)
    output = tmp_path / "out.csv"

    code = cli.run(["export", str(project), "--output", str(output), "--rematch-by-position"])

    assert code == 0
    error = capsys.readouterr().err
    assert "5 of 6 row(s) still have the review text" in error
    exported = read_table(output)
    assert exported.row_count == 7
    assert exported.column_values("리뷰")[2] == "생각보다 괜찮아요"
    assert exported.column_values("corrected_label")[:3] == ["긍정", "", "부정"]
    assert exported.column_values("predicted_label")[6] == ""
    assert exported.column_values("status")[6] == "not classified"


def test_missing_source_names_source_option(tmp_path, project, source, capsys):
    moved = tmp_path / "moved.csv"
    os.replace(source, moved)

    assert cli.run(["export", str(project), "--output", str(tmp_path / "a.csv")]) == 2
    assert "--source" in capsys.readouterr().err

    assert cli.run(["export", str(project), "--output", str(tmp_path / "b.csv"), "--source", str(moved)]) == 0
    assert read_table(tmp_path / "b.csv").column_values("리뷰") == REVIEWS


def test_not_a_project(tmp_path, source, capsys):
    assert cli.run(["export", str(source), "--output", str(tmp_path / "out.csv")]) == 2
    assert "not a Review Labeler project" in capsys.readouterr().err


def test_korean_messages(tmp_path, project, source, capsys):
    write_source(source, REVIEWS[:-1])

    assert cli.run(["--lang", "ko", "export", str(project), "--output", str(tmp_path / "out.csv")]) == 2
    assert "원본 파일" in capsys.readouterr().err


def test_command_line_entry_point(tmp_path, project):
    output = tmp_path / "out.tsv"
    completed = subprocess.run(
        [sys.executable, "-m", "review_labeler.core.cli", "--lang", "en", "export", str(project), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert completed.returncode == 0, completed.stderr
    assert output.exists()
    assert "Exported 6 row(s)" in completed.stdout


def test_export_uses_display_names(tmp_path, project):
    with ProjectStore.open(project) as store:
        store.set_display_names({0: "나쁨"})
    output = tmp_path / "out.csv"

    assert cli.run(["export", str(project), "--output", str(output)]) == 0

    exported = read_table(output)
    assert exported.column_values("corrected_label") == ["긍정", "", "나쁨", "", "", ""]
    assert set(exported.column_values("predicted_label")) <= {"나쁨", "긍정", ""}
