"""Time the correcting window on a large project: open, filter, sort, search, bulk edit and undo.

A table of NSMC movie reviews (default 200,000 rows, with their 1–10 ratings as the known-label
column) is written to a CSV and saved as a project with random predictions, a star-rating
mapping and a few thousand corrections. The script then opens the project in a real
``MainWindow`` (``QT_QPA_PLATFORM=offscreen`` unless set) and times each operation from the call
until the window has processed the resulting events (the repaint included), and also the call
alone. Every figure is printed, none is asserted.
Run from the repository root, for example::

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui_table.py
    python tests/benchmarks/bench_gui_table.py --rows 50000 --nsmc /data/nsmc_reviews.tsv.gz
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common  # noqa: E402
from review_labeler.core.annotations import ReviewState  # noqa: E402
from review_labeler.core.inference import RowStatus  # noqa: E402
from review_labeler.core.label_mapping import suggest_label_mapping  # noqa: E402
from review_labeler.core.project_store import ProjectStore  # noqa: E402
from review_labeler.core.table_reader import read_table  # noqa: E402

log = logging.getLogger("bench_gui_table")

LABELS = ["부정", "긍정"]
TARGET_FILTER_MS = 100.0
TARGET_OPEN_S = 2.0


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nsmc", type=Path, default=bench_common.DEFAULT_NSMC,
                        help="NSMC reviews TSV (gzip) to take the rows from (default: %(default)s)")
    parser.add_argument("--rows", type=int, default=200_000, help="table rows (default: %(default)s)")
    parser.add_argument("--corrections", type=int, default=5_000,
                        help="rows corrected in the project before it is opened (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="repetitions of each filter and sort change; the best and the median are printed "
                             "(default: %(default)s)")
    parser.add_argument("--workdir", type=Path, help="folder for the CSV and the project (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random predictions (default: %(default)s)")
    return parser.parse_args(argv)


def build_project(arguments: argparse.Namespace, workdir: Path) -> tuple[Path, int]:
    """Write the source CSV and a project with predictions, mapping and corrections; return its path and row count."""
    source = workdir / "reviews.csv"
    project = workdir / "reviews.rlproj"
    project.unlink(missing_ok=True)
    frame = bench_common.read_nsmc_frame(arguments.nsmc, limit=arguments.rows)
    if len(frame) < arguments.rows:
        raise SystemExit(f"{arguments.nsmc} has only {len(frame)} rows; lower --rows")
    # Every 500th review is emptied, so that the empty-text filter has rows to find.
    frame.loc[frame.index % 500 == 0, "review"] = ""
    frame[["review_id", "rating", "review"]].to_csv(source, index=False, encoding="utf-8")

    table = read_table(source)
    rng = np.random.default_rng(arguments.seed)
    with ProjectStore.create(project, table, "review", "rating", "bench-model", LABELS) as store:
        annotations = store.load_annotations(table.row_count)
        probabilities = rng.dirichlet([0.6, 0.6], size=table.row_count).astype(np.float32)
        annotations.probabilities[:] = probabilities
        annotations.predicted[:] = probabilities.argmax(axis=1)
        annotations.status[:] = RowStatus.CLASSIFIED
        store.save_predictions(annotations)
        store.set_label_mapping("rating", suggest_label_mapping(table.column_values("rating"), LABELS))
        corrected = rng.choice(table.row_count, size=min(arguments.corrections, table.row_count), replace=False)
        store.record_edit(np.sort(corrected), 0, ReviewState.CORRECTED)
    return project, table.row_count


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="bench-gui-table-"))
    workdir.mkdir(parents=True, exist_ok=True)
    lines = ["Correcting window benchmark", *bench_common.machine_description(), f"work folder: {workdir}",
             f"Qt platform: {os.environ['QT_QPA_PLATFORM']}"]
    sys.stdout.write("\n".join(lines) + "\n")

    started = time.perf_counter()
    project, row_count = build_project(arguments, workdir)
    sys.stdout.write(f"prepared {row_count:,} rows and the project in {time.perf_counter() - started:.1f} s (not timed below)\n")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from review_labeler.gui import dialogs
    from review_labeler.gui.app import create_application
    from review_labeler.gui.main_window import MainWindow
    from review_labeler.gui.row_filters import FilterSpec, ReviewFilter

    app = create_application([])
    # Bulk edits request confirmation, which the benchmark gives without showing a dialog.
    dialogs.ask_yes_no = lambda *args, **kwargs: True
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    workspace = window.workspace
    figures: list[list[str]] = []

    def settle() -> None:
        # Let the view handle the reset and paint, as a user would see it.
        app.processEvents()

    update_times: list[float] = []

    def timed(action: Callable[[], object]) -> float:
        """Return the seconds until the window has repainted; the call alone goes to update_times."""
        begin = time.perf_counter()
        action()
        update_times.append(time.perf_counter() - begin)
        settle()
        return time.perf_counter() - begin

    def record(operation: str, times: list[float], target_ms: float | None, note: str = "") -> None:
        updates = update_times[-len(times):]
        best = min(times) * 1000
        median = statistics.median(times) * 1000
        verdict = ""
        if target_ms is not None:
            verdict = "yes" if median < target_ms else "NO"
        figures.append([operation, f"{statistics.median(updates) * 1000:.1f}", f"{best:.1f}", f"{median:.1f}",
                        verdict, note])

    # Opening: from the call until the project's table is installed and painted.
    begin = time.perf_counter()
    installed = []
    workspace.projects.projectInstalled.connect(lambda: installed.append(time.perf_counter()))
    window.open_file(project)
    while not installed:
        app.processEvents()
        time.sleep(0.001)
    settle()
    open_seconds = time.perf_counter() - begin
    update_times.append(open_seconds)
    record("open project → table shown", [open_seconds], TARGET_OPEN_S * 1000,
           f"{row_count:,} rows, validate + fingerprint + read CSV + load")

    filters = workspace.filters

    def repeat(operation: str, action: Callable[[], object], reset: Callable[[], object] | None = None,
               note: str = "") -> None:
        times = []
        for _ in range(arguments.repeats):
            if reset is not None:
                reset()
                settle()
            times.append(timed(action))
        shown = window.proxy.rowCount()
        record(operation, times, TARGET_FILTER_MS, note or f"{shown:,} rows shown")

    def clear() -> None:
        filters.set_spec(FilterSpec())

    cases = [
        ("filter: predicted label", FilterSpec(predicted_label=1)),
        ("filter: confidence 50–70%", FilterSpec(confidence_min=0.5, confidence_max=0.7)),
        ("filter: not yet reviewed", FilterSpec(review=ReviewFilter.UNREVIEWED)),
        ("filter: corrected", FilterSpec(review=ReviewFilter.CORRECTED)),
        ("filter: differs from known label", FilterSpec(disagrees_with_known=True)),
        ("filter: empty text", FilterSpec(empty_text=True)),
        ("filter: likely label errors (+ sort by margin)", FilterSpec(likely_errors=True)),
        ("filter: combined (label + confidence + unreviewed)",
         FilterSpec(predicted_label=1, confidence_max=0.7, review=ReviewFilter.UNREVIEWED)),
    ]
    for operation, spec in cases:
        repeat(operation, lambda spec=spec: filters.set_spec(spec), clear)
    repeat("filter: cleared", clear, lambda: filters.set_spec(FilterSpec(predicted_label=1)))

    searches = [("search: 재미 (new query)", "재미"), ("search: 배우 연기 (new query)", "배우 연기"),
                ("search: good (Latin, any case)", "good")]
    for operation, query in searches:
        repeat(operation, lambda query=query: filters.set_spec(FilterSpec(text=query)), clear)
    repeat("search: 재미 → 재미있 (narrowing)", lambda: filters.set_spec(FilterSpec(text="재미있")),
           lambda: filters.set_spec(FilterSpec(text="재미")))

    view = window.table_view
    clear()
    settle()

    def by_row_number() -> None:
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # The first repetition sorts; later ones find the order remembered by the proxy (best vs median).
    repeat("sort: least confident first (all rows)", filters.sort_least_confident_first, by_row_number)
    # The first sort by text factorizes every review; later ones reuse the cached keys.
    first_text_sort = timed(lambda: view.sortByColumn(1, Qt.SortOrder.AscendingOrder))
    record("sort: review text, first time (all rows)", [first_text_sort], None, "builds the text sort keys")
    repeat("sort: review text again (all rows)", lambda: view.sortByColumn(1, Qt.SortOrder.AscendingOrder),
           by_row_number)
    filters.set_spec(FilterSpec(predicted_label=1, confidence_max=0.7))
    settle()
    repeat("sort: least confident first (filtered)", filters.sort_least_confident_first, by_row_number)

    # Bulk edit of every shown row: confirmed without a dialog, one undo step, one transaction.
    shown = window.proxy.rowCount()
    edit_seconds = timed(lambda: workspace.bulk.relabel("shown", 0))
    record("bulk edit: all shown rows → 부정", [edit_seconds], None, f"{shown:,} rows, one record_edit transaction")
    undo_seconds = timed(workspace.history.stack.undo)
    record("undo of that bulk edit", [undo_seconds], None, "one record_edit transaction")
    redo_seconds = timed(workspace.history.stack.redo)
    record("redo of that bulk edit", [redo_seconds], None, "one record_edit transaction")

    window.label_editor.set_label([0], None)
    settle()
    key_times = []
    for row in range(1, 21):
        key_times.append(timed(lambda row=row: window.label_editor.set_label([row], 1)))
    record("single edit (as a key press does)", key_times, None, "20 edits, each committed with fsync")

    panel = workspace.summary_panel
    panel.show()
    settle()
    record("summary panel refresh", [timed(panel.refresh) for _ in range(arguments.repeats)], None,
           "summarize() + charts + tables")

    sys.stdout.write(bench_common.format_table(
        ["operation", "call ms (median)", "with repaint, best ms", "with repaint, median ms", "median under target",
         "note"], figures) + "\n")
    sys.stdout.write(f"targets: filter or sort change under {TARGET_FILTER_MS:.0f} ms, open under {TARGET_OPEN_S:.0f} s\n")

    window.shutdown()
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
