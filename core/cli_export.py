"""``review-labeler export``: write a project's table with its labels, as the window's export does.

The command reads the source file recorded in the project, checks it against the recorded
fingerprint and writes the table through :func:`export.export_table`. A changed source file is
rejected unless ``--rematch-by-position`` is given. With it, the saved labels are attached to
rows by position for this export only. The project is opened read-only, so it never changes.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .annotations import Annotations, ReviewState
from .cli_project_source import read_project_source
from .export import export_table
from .messages import text
from .project_store import ProjectStore, SourceStatus

log = logging.getLogger(__name__)

COMMAND = "export"


def register(subparsers: argparse._SubParsersAction, korean: bool) -> None:
    def h(english: str, korean_text: str) -> str:
        return korean_text if korean else english

    parser = subparsers.add_parser(
        COMMAND,
        help=h("write a project's table with its predictions and corrections",
               "프로젝트의 표를 예측과 교정 결과와 함께 파일로 씁니다"),
    )
    parser.add_argument("project", type=Path, help=h("project file (.rlproj)", "프로젝트 파일(.rlproj)"))
    parser.add_argument("--output", "-o", type=Path, required=True,
                        help=h("result file (.xlsx, .csv or .tsv)", "결과 파일(.xlsx, .csv, .tsv)"))
    parser.add_argument("--source", type=Path,
                        help=h("source table to read instead of the path recorded in the project (for a moved file)",
                               "프로젝트에 기록된 경로 대신 읽을 원본 표(파일을 옮긴 경우)"))
    parser.add_argument("--rematch-by-position", action="store_true",
                        help=h("if the source file changed, attach the saved labels to rows by position",
                               "원본 파일이 바뀌었으면 저장된 라벨을 행 위치대로 붙입니다"))
    parser.add_argument("--plain-csv", action="store_true",
                        help=h("write CSV cells exactly as read, without the apostrophe before formula-like text",
                               "수식처럼 보이는 셀 앞에 작은따옴표를 붙이지 않고 그대로 씁니다"))
    parser.set_defaults(func=run_export)


def run_export(arguments: argparse.Namespace) -> int:
    with ProjectStore.open(arguments.project, read_only=True) as store:
        table, check = read_project_source(store, arguments.source, arguments.rematch_by_position)
        changed = check.status == SourceStatus.CHANGED

        if changed:
            report = store.compare_rows(table)
            annotations = store.load_annotations_by_position(table.row_count)
            note = text("project.rematch_note", matching=report.matching_rows,
                        rows=min(report.table_rows, report.project_rows), project_rows=report.project_rows,
                        table_rows=report.table_rows)
            sys.stderr.write(text("cli.note", message=note) + "\n")
        else:
            annotations = store.load_annotations(table.row_count)
        # Label columns use the display names the user gave in the window, as its export does.
        annotations.label_names = store.display_names()

    report_file = export_table(table, annotations, arguments.output, csv_for_excel=not arguments.plain_csv)
    for note in report_file.messages():
        sys.stderr.write(text("cli.note", message=note) + "\n")
    sys.stdout.write(_export_line(annotations, arguments.output) + "\n")
    return 0


def _export_line(annotations: Annotations, output: Path) -> str:
    states = annotations.review_state
    return text(
        "project.exported",
        rows=len(annotations),
        file=str(output),
        corrected=int((states == ReviewState.CORRECTED).sum()),
        accepted=int((states == ReviewState.ACCEPTED).sum()),
        unreviewed=int((states == ReviewState.UNREVIEWED).sum()),
    )
