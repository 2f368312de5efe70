"""The command line in the chosen language: help, summaries, prefixes, and routing by the launcher."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from review_labeler.core import cli, messages
from review_labeler.gui.launcher import _is_command_line

CASES = Path(__file__).parent / "data" / "cases"
INPUT = CASES / "case02" / "reviews_10.csv"


@pytest.fixture
def korean():
    messages.set_language("ko")
    yield
    messages.set_language("en")


def test_help_in_korean(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.run(["--lang", "ko", "--help"])
    printed = capsys.readouterr().out

    assert stopped.value.code == 0
    assert printed.startswith("사용법: review-labeler")
    assert "위치 인자:" in printed
    assert "옵션:" in printed
    assert "이 도움말을 보여 주고 끝냅니다" in printed
    assert "usage:" not in printed


def test_subcommand_help_in_korean_with_equals(capsys):
    with pytest.raises(SystemExit):
        cli.run(["--lang=ko", "predict", "--help"])
    printed = capsys.readouterr().out

    assert printed.startswith("사용법: review-labeler predict")
    assert "결과 파일(.xlsx, .csv, .tsv)" in printed
    assert "options:" not in printed


def test_help_in_english(capsys):
    with pytest.raises(SystemExit):
        cli.run(["--lang", "en", "export", "--help"])
    printed = capsys.readouterr().out

    assert printed.startswith("usage: review-labeler export")
    assert "options:" in printed
    assert "show this help message and exit" in printed


def test_predict_summary_in_korean(tmp_path, capsys, tiny_bert_dir, korean):
    output = tmp_path / "out.csv"

    code = cli.run(["--lang", "ko", "predict", str(INPUT), "--output", str(output), "--model", str(tiny_bert_dir),
                    "--device", "cpu", "--quiet"])
    printed = capsys.readouterr().out

    assert code == 0
    assert "행 수: 10" in printed
    assert "분류한 행: 10" in printed
    assert "건너뛴 행: 0 (텍스트 없음: 0)" in printed
    assert f"출력 파일: {output}" in printed
    assert "rows:" not in printed


def test_predict_summary_in_english(tmp_path, capsys, tiny_bert_dir):
    output = tmp_path / "out.csv"

    code = cli.run(["predict", str(INPUT), "--output", str(output), "--model", str(tiny_bert_dir),
                    "--device", "cpu", "--quiet"])
    printed = capsys.readouterr().out

    assert code == 0
    assert printed.splitlines()[2:4] == ["rows: 10", "classified: 10"]
    assert f"output: {output}" in printed


def test_predict_accuracy_line_in_korean(tmp_path, capsys, tiny_bert_dir, korean):
    labelled = tmp_path / "labelled.csv"
    with open(labelled, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["리뷰", "정답"])
        writer.writerows([("배송이 빨라요", "긍정"), ("고장났어요", "부정"), ("그냥 그래요", "")])

    code = cli.run(["--lang", "ko", "predict", str(labelled), "--output", str(tmp_path / "out.csv"), "--model",
                    str(tiny_bert_dir), "--device", "cpu", "--label-column", "정답", "--quiet"])
    printed = capsys.readouterr().out

    assert code == 0
    assert "정확도: " in printed
    assert "정답 라벨이 있는 2행 기준" in printed
    assert "매크로 F1: " in printed


def test_finetune_summary_in_korean(tmp_path, capsys, korean):
    model = build_trainable_checkpoint(tmp_path / "model", POSITIVE_REVIEWS + NEGATIVE_REVIEWS)
    labelled = tmp_path / "labelled.csv"
    with open(labelled, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["리뷰", "라벨"])
        writer.writerows([(text, POSITIVE) for text in POSITIVE_REVIEWS[:10]])
        writer.writerows([(text, NEGATIVE) for text in NEGATIVE_REVIEWS[:10]])

    code = cli.run(["--lang", "ko", "finetune", str(labelled), "--output", str(tmp_path / "tuned"), "--model",
                    str(model), "--label-column", "라벨", "--device", "cpu", "--epochs", "1", "--quiet"])
    printed = capsys.readouterr().out

    assert code == 0
    assert printed.startswith(f"입력: {labelled}")
    assert "검증: 정확도 " in printed
    assert "판정: " in printed
    assert "소요 시간: " in printed
    assert "validation:" not in printed


def test_warning_prefix_in_korean(korean):
    assert messages.text("cli.warning", message="x") == "경고: x"
    assert messages.text("cli.note", message="x") == "참고: x"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["predict", "a.csv", "-o", "b.csv"], True),
        (["--lang", "ko", "predict", "a.csv"], True),
        (["--lang=ko", "--help"], True),
        (["-v", "export", "p.rlproj", "-o", "x.xlsx"], True),
        (["--help"], True),
        (["reviews.csv"], False),
        (["--lang", "ko"], False),
        (["--lang", "ko", "reviews.csv"], False),
        ([], False),
    ],
)
def test_launcher_routes_command_line(arguments, expected):
    assert _is_command_line(arguments, cli.command_names()) is expected
