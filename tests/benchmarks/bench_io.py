"""Time reading review tables and writing the export, ours against plain pandas.

Generates (once, cached under the temporary folder) a review-like table of ``--rows`` rows from
NSMC: review id, product id, rating, date and review text, as CSV and as XLSX with numeric and
date cells. Then each measurement runs in a fresh Python process, which reports its wall time
and its peak RSS. "Added" is the peak minus the RSS the process had after its imports and
set-up, just before the measured call.

Reading: ``read_table`` against ``pandas.read_excel(engine="openpyxl")`` and ``pandas.read_csv``.
Writing: ``export_table`` (original columns plus the five result columns) against
``DataFrame.to_excel(engine="openpyxl")`` and ``DataFrame.to_csv`` of the same columns.
Run from the repository root::

    python tests/benchmarks/bench_io.py --rows 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common  # noqa: E402

log = logging.getLogger("bench_io")
SCRIPT = Path(__file__).resolve()

READ_TASKS = ["ours_xlsx", "pandas_openpyxl_xlsx", "pandas_calamine_xlsx", "ours_csv", "pandas_csv"]
WRITE_TASKS = ["ours_export_xlsx", "pandas_to_excel_openpyxl", "ours_export_csv", "pandas_to_csv"]


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the generated table (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=2,
                        help="runs of each measurement; the fastest counts (default: %(default)s)")
    parser.add_argument("--tasks", default=",".join(READ_TASKS + WRITE_TASKS),
                        help="comma-separated measurements (default: all)")
    parser.add_argument("--nsmc", type=Path, default=bench_common.DEFAULT_NSMC, help="NSMC reviews TSV (gzip)")
    parser.add_argument("--child-task", help=argparse.SUPPRESS)
    parser.add_argument("--child-arguments", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# ----------------------------------------------------------------------- test files


def table_files(rows: int, nsmc_path: Path) -> tuple[Path, Path]:
    """Return the CSV and XLSX of ``rows`` review-like rows, generating them if missing."""
    folder = bench_common.CACHE_DIR / "io"
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"reviews-{rows}.csv"
    xlsx_path = folder / f"reviews-{rows}.xlsx"
    if csv_path.is_file() and xlsx_path.is_file():
        return csv_path, xlsx_path

    frame = bench_common.review_frame(rows, nsmc_path)
    frame.to_csv(csv_path, index=False, encoding="utf-8-sig")
    write_review_xlsx(frame, xlsx_path)
    log.info("Generated %s and %s", csv_path, xlsx_path)
    return csv_path, xlsx_path


def write_review_xlsx(frame, path: Path) -> None:
    """Write ``frame`` as an XLSX with numeric ids and ratings and real date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("reviews")
    sheet.append(list(frame.columns))
    for review_id, product_id, rating, date, review in frame.itertuples(index=False):
        # openpyxl would store a review such as "=ㅅ= 재밌다" as a formula without a value.
        review_cell = WriteOnlyCell(sheet, value=review)
        review_cell.data_type = "s"
        sheet.append([
            int(review_id),
            int(product_id),
            int(rating),
            dt.date.fromisoformat(date) if date else None,
            review_cell,
        ])
    workbook.save(path)


# ------------------------------------------------------------------ child measurements


def run_child_task(task: str, arguments: dict) -> None:
    """Run one measurement in this (fresh) process and print its figures as JSON."""
    import pandas as pd

    from review_labeler.core.table_reader import read_table

    csv_path, xlsx_path = Path(arguments["csv"]), Path(arguments["xlsx"])
    output = Path(arguments["output"])
    readers = {
        "ours_xlsx": lambda: read_table(xlsx_path).row_count,
        "pandas_openpyxl_xlsx": lambda: len(pd.read_excel(xlsx_path, engine="openpyxl")),
        "pandas_calamine_xlsx": lambda: len(pd.read_excel(xlsx_path, engine="calamine")),
        "ours_csv": lambda: read_table(csv_path).row_count,
        "pandas_csv": lambda: len(pd.read_csv(csv_path)),
    }
    if task in readers:
        baseline = bench_common.reset_peak_rss()
        started = time.perf_counter()
        rows = readers[task]()
        bench_common.report_child_figures(time.perf_counter() - started, baseline, rows=rows)
        return

    from review_labeler.core.export import export_table

    table = read_table(csv_path)
    annotations = fake_annotations(table.row_count)
    frame = export_frame(table, annotations)
    writers = {
        "ours_export_xlsx": lambda: export_table(table, annotations, output.with_suffix(".xlsx")),
        "ours_export_csv": lambda: export_table(table, annotations, output.with_suffix(".csv")),
        "pandas_to_excel_openpyxl": lambda: frame.to_excel(output.with_suffix(".xlsx"), engine="openpyxl", index=False),
        "pandas_to_csv": lambda: frame.to_csv(output.with_suffix(".csv"), index=False, encoding="utf-8-sig"),
    }
    baseline = bench_common.reset_peak_rss()
    started = time.perf_counter()
    writers[task]()
    bench_common.report_child_figures(time.perf_counter() - started, baseline, rows=table.row_count)


def fake_annotations(row_count: int):
    """Return annotations as a classification run would leave them, with random probabilities."""
    import numpy as np

    from review_labeler.core.annotations import Annotations
    from review_labeler.core.inference import ClassificationResult, RowStatus

    generator = np.random.default_rng(0)
    result = ClassificationResult.empty(row_count, ["negative", "positive"])
    positive = generator.random(row_count).astype(np.float32)
    result.probabilities[:] = np.stack([1 - positive, positive], axis=1)
    result.label_ids[:] = (positive > 0.5).astype(np.int64)
    result.status[:] = RowStatus.CLASSIFIED
    return Annotations.from_result(result)


def export_frame(table, annotations):
    """Return the table with the same added columns as the export, for the pandas writers."""
    from review_labeler.core.export import added_column_values
    from review_labeler.core.messages import text

    frame = table.frame.copy()
    for key, values in added_column_values(annotations).items():
        frame[text(key)] = values
    return frame


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    arguments = parse_arguments(argv)
    if arguments.child_task:
        run_child_task(arguments.child_task, json.loads(arguments.child_arguments))
        return 0

    csv_path, xlsx_path = table_files(arguments.rows, arguments.nsmc)
    output = bench_common.CACHE_DIR / "io" / "export-output"
    child_arguments = {"csv": str(csv_path), "xlsx": str(xlsx_path), "output": str(output)}
    tasks = [task for task in arguments.tasks.split(",") if task]

    best: dict[str, bench_common.ChildMeasurement] = {}
    for repeat in range(arguments.repeats):
        for task in tasks:
            measurement = bench_common.run_in_child(SCRIPT, task, child_arguments)
            log.info("repeat %d %s: %.2f s, peak RSS %.0f MiB", repeat + 1, task, measurement.seconds, measurement.peak_rss_mb)
            if task not in best or measurement.seconds < best[task].seconds:
                best[task] = measurement

    print_report(arguments, csv_path, xlsx_path, tasks, best)
    return 0


def print_report(arguments, csv_path: Path, xlsx_path: Path, tasks: list[str], best: dict) -> None:
    lines = bench_common.machine_description()
    lines.append(
        f"table: {arguments.rows} rows × 5 columns; CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
        f"XLSX {xlsx_path.stat().st_size / 1e6:.1f} MB; best of {arguments.repeats} runs, each in a fresh process"
    )
    lines.append("")
    comparisons = {
        "ours_xlsx": "pandas_openpyxl_xlsx",
        "pandas_calamine_xlsx": "pandas_openpyxl_xlsx",
        "ours_csv": "pandas_csv",
        "ours_export_xlsx": "pandas_to_excel_openpyxl",
        "ours_export_csv": "pandas_to_csv",
    }
    header = ["measurement", "seconds", "rows/s", "peak RSS MiB", "added RSS MiB", "speed-up vs pandas"]
    rows = []
    for task in tasks:
        measurement = best[task]
        reference = best.get(comparisons.get(task, ""))
        speed_up = f"{reference.seconds / measurement.seconds:.1f}× ({comparisons[task]})" if reference else ""
        rows.append([
            task, f"{measurement.seconds:.2f}", f"{arguments.rows / measurement.seconds:,.0f}",
            f"{measurement.peak_rss_mb:.0f}", f"{measurement.added_rss_mb:.0f}", speed_up,
        ])
    lines.append(bench_common.format_table(header, rows))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
