"""``review-labeler predict``: classify a table headless and export the result."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from tqdm import tqdm

from .annotations import Annotations
from .column_guess import guess_review_column
from .errors import ColumnError
from .export import export_format, export_table
from .inference import Classifier, ProgressEvent, check_result_matches, DEFAULT_BATCH_SIZE
from .label_mapping import direct_label_mapping, map_known_labels
from .messages import text
from .metrics import compute_metrics
from .model_loading import load_model
from .table_reader import ReadOptions, read_table

log = logging.getLogger(__name__)

COMMAND = "predict"


def _positive_int(value: str) -> int:
    """Parse a command-line count that must be 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(text("cli.positive_int", value=value))
    return number


def register(subparsers: argparse._SubParsersAction, korean: bool) -> None:
    def h(english: str, korean_text: str) -> str:
        return korean_text if korean else english

    parser = subparsers.add_parser(
        COMMAND,
        help=h("classify a review table and write the result", "리뷰 표를 분류해 결과 파일을 씁니다"),
    )
    parser.add_argument("input", type=Path, help=h("CSV, TSV, TXT or XLSX file", "CSV, TSV, TXT, XLSX 파일"))
    parser.add_argument("--output", "-o", type=Path, required=True,
                        help=h("result file (.xlsx, .csv or .tsv)", "결과 파일(.xlsx, .csv, .tsv)"))
    parser.add_argument("--column", help=h("review text column (default: guessed)", "리뷰 텍스트 열(기본값: 자동 추정)"))
    parser.add_argument("--label-column",
                        help=h("column of known labels, as label names or ids; prints accuracy",
                               "정답 라벨 열(라벨 이름 또는 id). 지정하면 정확도를 출력합니다"))
    parser.add_argument("--sheet", help=h("worksheet name for XLSX input (default: first)", "XLSX 시트 이름(기본값: 첫 시트)"))
    parser.add_argument("--encoding", help=h("text encoding, e.g. utf-8 or cp949 (default: detected)",
                                             "텍스트 인코딩, 예: utf-8, cp949(기본값: 자동 감지)"))
    parser.add_argument("--model", help=h("checkpoint folder or hub id (default: bundled Korean model)",
                                          "체크포인트 폴더 또는 허브 ID(기본값: 내장 한국어 모델)"))
    parser.add_argument("--batch-size", type=_positive_int, default=DEFAULT_BATCH_SIZE,
                        help=h("maximum rows per batch", "배치당 최대 행 수"))
    parser.add_argument("--max-length", type=_positive_int, help=h("maximum tokens per review (default: the model's)",
                                                         "리뷰당 최대 토큰 수(기본값: 모델 설정)"))
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"],
                        help=h("where the model runs", "모델을 실행할 장치"))
    parser.add_argument("--allow-pickle", action="store_true",
                        help=h("allow pytorch_model.bin weights (runs code from the file; trusted sources only)",
                               "pytorch_model.bin 가중치 허용(파일 안의 코드가 실행될 수 있으니 믿을 수 있는 출처만)"))
    parser.add_argument("--plain-csv", action="store_true",
                        help=h("write CSV cells exactly as read, without the apostrophe before formula-like text",
                               "수식처럼 보이는 셀 앞에 작은따옴표를 붙이지 않고 그대로 씁니다"))
    parser.add_argument("--split-rows", type=_positive_int,
                        help=h("XLSX output: write at most this many rows per file, as NAME_1.xlsx, NAME_2.xlsx, … "
                               "(for tables beyond Excel's 1,048,576 rows)",
                               "XLSX 출력: 파일당 최대 이 행 수만큼 NAME_1.xlsx, NAME_2.xlsx, …로 나눠 씁니다"
                               "(Excel 한도 1,048,576행을 넘는 표용)"))
    parser.add_argument("--quiet", "-q", action="store_true", help=h("no progress bar", "진행 표시줄 숨기기"))
    parser.set_defaults(func=run_predict)


def run_predict(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    # Reject a bad output name before the model runs, not after.
    export_format(arguments.output)
    table = read_table(arguments.input, ReadOptions(encoding=arguments.encoding, sheet=arguments.sheet))
    for warning in table.warnings:
        sys.stderr.write(text("cli.warning", message=warning) + "\n")
    if table.row_count == 0:
        raise ColumnError(text("predict.no_rows", file=arguments.input.name))

    column = arguments.column or guess_review_column(table)
    if column is None:
        raise ColumnError(text("column.none_textual", file=arguments.input.name))
    for name in (column, arguments.label_column):
        if name is not None and name not in table.columns:
            raise ColumnError(text("column.not_found", column=name, file=arguments.input.name,
                                   columns=", ".join(table.columns)))

    loaded = load_model(arguments.model, device=arguments.device, allow_pickle=arguments.allow_pickle,
                        max_length=arguments.max_length)
    texts = table.column_values(column)
    classifier = Classifier(loaded, batch_size=arguments.batch_size)
    with tqdm(total=len(texts), unit="row", disable=arguments.quiet or not texts, file=sys.stderr) as bar:
        def report(event: ProgressEvent) -> None:
            # Rows without text are never run, so the bar counts only the rows that are.
            bar.total = event.total_rows
            bar.update(event.done_rows - bar.n)

        result = classifier.run(texts, progress=report)
    check_result_matches(result, table.row_count)

    annotations = Annotations.from_result(result)
    report_file = export_table(table, annotations, arguments.output, csv_for_excel=not arguments.plain_csv,
                               split_rows=arguments.split_rows)
    for note in report_file.messages():
        sys.stderr.write(text("cli.note", message=note) + "\n")

    _print_summary(arguments, table, column, loaded, result, time.perf_counter() - started, report_file.parts)
    return 0


def _print_summary(arguments, table, column, loaded, result, seconds, report_parts) -> None:
    lines = [
        text("predict.summary.input", file=arguments.input, column=column, encoding=table.encoding or "-",
             sheet=table.sheet or "-"),
        text("predict.summary.model", labels=result.label_names, device=loaded.device),
        text("predict.summary.rows", count=table.row_count),
        text("predict.summary.classified", count=result.classified_count),
        text("predict.summary.skipped", count=table.row_count - result.classified_count, no_text=result.no_text_count),
        text("predict.summary.truncated", count=int(result.truncated.sum())),
        text("predict.summary.seconds", total=seconds, model=result.seconds),
    ]
    if arguments.label_column:
        values = table.column_values(arguments.label_column)
        mapping = direct_label_mapping(values, result.label_names)
        known = map_known_labels(values, mapping)
        metrics = compute_metrics(known, result.label_ids, result.label_names)
        unmapped = int(((known < 0) & (result.label_ids >= 0)).sum())
        if metrics.support:
            lines.append(text("predict.summary.accuracy", accuracy=metrics.accuracy, rows=metrics.support,
                              unmapped=unmapped))
            lines.append(text("predict.summary.macro_f1", f1=metrics.macro_f1))
        else:
            lines.append(text("predict.summary.no_accuracy", column=arguments.label_column, labels=result.label_names))
    lines.append(text("predict.summary.output", file=arguments.output))
    if report_parts:
        lines.append(text("predict.summary.parts", files=", ".join(str(part) for part in report_parts)))
    sys.stdout.write("\n".join(lines) + "\n")
