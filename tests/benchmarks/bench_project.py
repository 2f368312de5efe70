"""Time the project file on a large table: create, open, load, single edits and one bulk edit.

The table is made of NSMC movie reviews (default 200,000 rows) written to a UTF-8 CSV; the
predictions are random. Every figure is printed, none is asserted. Run from the repository
root, for example::

    python tests/benchmarks/bench_project.py
    python tests/benchmarks/bench_project.py --rows 50000 --nsmc /data/nsmc_reviews.tsv.gz
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common  # noqa: E402
from review_labeler.core.annotations import ReviewState  # noqa: E402
from review_labeler.core.inference import RowStatus  # noqa: E402
from review_labeler.core.label_mapping import suggest_label_mapping  # noqa: E402
from review_labeler.core.project_store import ProjectStore  # noqa: E402
from review_labeler.core.summary import summarize  # noqa: E402
from review_labeler.core.table_reader import read_table  # noqa: E402

log = logging.getLogger("bench_project")

LABELS = ["부정", "긍정"]


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nsmc", type=Path, default=bench_common.DEFAULT_NSMC,
                        help="NSMC reviews TSV (gzip) to take the rows from (default: %(default)s)")
    parser.add_argument("--rows", type=int, default=200_000, help="table rows (default: %(default)s)")
    parser.add_argument("--single-edits", type=int, default=1000,
                        help="single-row edits to time, each its own transaction (default: %(default)s)")
    parser.add_argument("--bulk-rows", type=int, default=50_000, help="rows in the one bulk edit (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="repetitions of open and load (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, help="folder for the CSV and the project (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random predictions and edits (default: %(default)s)")
    return parser.parse_args(argv)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def write_source_csv(nsmc: Path, rows: int, target: Path) -> None:
    frame = bench_common.read_nsmc_frame(nsmc, limit=rows)
    if len(frame) < rows:
        raise SystemExit(f"{nsmc} has only {len(frame)} rows; lower --rows")
    frame[["review_id", "rating", "review"]].to_csv(target, index=False, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="bench-project-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "reviews.csv"
    project = workdir / "reviews.rlproj"
    project.unlink(missing_ok=True)
    rng = np.random.default_rng(arguments.seed)
    figures: list[list[str]] = []

    def record(operation: str, seconds: float, note: str = "") -> None:
        figures.append([operation, f"{seconds * 1000:.1f}", note])

    lines = ["Project file benchmark", *bench_common.machine_description(), f"work folder: {workdir}"]
    sys.stdout.write("\n".join(lines) + "\n")

    seconds, _ = timed(lambda: write_source_csv(arguments.nsmc, arguments.rows, source))
    record("write source CSV (not the app)", seconds, f"{source.stat().st_size / 1e6:.1f} MB")
    seconds, table = timed(lambda: read_table(source))
    record("read_table", seconds, f"{table.row_count} rows")

    seconds, store = timed(lambda: ProjectStore.create(project, table, "review", "rating", "bench-model", LABELS))
    record("create project", seconds, "fingerprint, row hashes, empty predictions")

    annotations = store.load_annotations(table.row_count)
    probabilities = rng.dirichlet([1, 1], size=table.row_count).astype(np.float32)
    annotations.probabilities[:] = probabilities
    annotations.predicted[:] = probabilities.argmax(axis=1)
    annotations.status[:] = RowStatus.CLASSIFIED
    seconds, _ = timed(lambda: store.save_predictions(annotations))
    record("save_predictions (all rows)", seconds)
    store.close()

    open_times, load_times = [], []
    for _ in range(arguments.repeats):
        seconds, store = timed(lambda: ProjectStore.open(project))
        open_times.append(seconds)
        seconds, _ = timed(lambda: store.load_annotations(table.row_count))
        load_times.append(seconds)
        store.close()
    note = f"best of {arguments.repeats}, median {statistics.median(open_times) * 1000:.1f} ms"
    record("open project (validate + quick_check)", min(open_times), note)
    note = f"best of {arguments.repeats}, median {statistics.median(load_times) * 1000:.1f} ms"
    record("load_annotations, no edits", min(load_times), note)

    store = ProjectStore.open(project)
    edit_rows = rng.choice(table.row_count, size=arguments.single_edits, replace=False)
    edit_times = []
    for row in edit_rows.tolist():
        seconds, _ = timed(lambda: store.record_edit([row], 0, ReviewState.CORRECTED))
        edit_times.append(seconds)
    edit_times_ms = np.array(edit_times) * 1000
    record(
        f"{arguments.single_edits} single edits",
        sum(edit_times),
        f"mean {edit_times_ms.mean():.2f} ms, p95 {np.percentile(edit_times_ms, 95):.2f} ms, max {edit_times_ms.max():.1f} ms",
    )

    bulk = rng.choice(table.row_count, size=arguments.bulk_rows, replace=False)
    seconds, _ = timed(lambda: store.record_edit(bulk, 1, ReviewState.CORRECTED))
    record(f"bulk edit of {arguments.bulk_rows} rows", seconds, "one transaction")
    store.close()

    open_load_times = []
    for _ in range(arguments.repeats):
        def open_and_load():
            with ProjectStore.open(project) as reopened:
                return reopened.load_annotations(table.row_count)

        seconds, loaded = timed(open_and_load)
        open_load_times.append(seconds)
    touched = int((loaded.review_state != ReviewState.UNREVIEWED).sum())
    record("open + load after the edits", min(open_load_times), f"{touched} corrected rows, best of {arguments.repeats}")

    with ProjectStore.open(project) as store:
        seconds, check = timed(store.source_status)
        record("source_status (SHA-256 of the CSV)", seconds, check.status.value)
        seconds, report = timed(lambda: store.compare_rows(table))
        record("compare_rows (row text hashes)", seconds, f"{report.matching_rows} rows match")

    ratings = table.column_values("rating")
    seconds, mapping = timed(lambda: suggest_label_mapping(ratings, LABELS))
    record("suggest_label_mapping (rating column)", seconds, mapping.scale.value)
    known = mapping.known_label_ids(ratings)
    seconds, _ = timed(lambda: summarize(loaded, known))
    record("summarize with metrics and label errors", seconds)

    sizes = {path.name: path.stat().st_size for path in workdir.iterdir() if path.name.startswith(project.name)}
    sys.stdout.write(bench_common.format_table(["operation", "ms", "note"], figures) + "\n")
    sys.stdout.write("files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items())) + "\n")
    sys.stdout.write(f"load average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
