"""Time ``review-labeler predict`` end to end on a large generated CSV, with its peak RSS.

Generates (once per row count, cached under the temporary folder) a review-like CSV from NSMC,
repeating the corpus past its 712,404 rows, and runs the installed ``review-labeler predict``
on it with CSV output, as a separate process. Its wall time, CPU time and peak RSS (from the
``os.wait4`` resource usage of that process) are printed. Several row counts can be given. When
the largest is below 1,000,000, the time and memory for 1,000,000 rows are extrapolated linearly
from the two largest runs and printed as an estimate. Run from the repository root::

    python tests/benchmarks/bench_predict_1m.py --rows 1000000
    python tests/benchmarks/bench_predict_1m.py --rows 50000,200000
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common  # noqa: E402

log = logging.getLogger("bench_predict_1m")
TARGET_ROWS = 1_000_000


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_common.add_model_argument(parser)
    parser.add_argument("--rows", default=str(TARGET_ROWS),
                        help="comma-separated row counts to run, smallest first (default: %(default)s)")
    parser.add_argument("--threads", type=int,
                        help="sets OMP_NUM_THREADS for the predict process (default: torch's own choice)")
    parser.add_argument("--extra", default="",
                        help="extra arguments for review-labeler predict, as one string, e.g. '--batch-size 128'")
    parser.add_argument("--nsmc", type=Path, default=bench_common.DEFAULT_NSMC, help="NSMC reviews TSV (gzip)")
    return parser.parse_args(argv)


def input_csv(rows: int, nsmc_path: Path) -> Path:
    """Return the generated CSV of ``rows`` review-like rows, writing it if missing."""
    folder = bench_common.CACHE_DIR / "predict"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reviews-{rows}.csv"
    if not path.is_file():
        bench_common.review_frame(rows, nsmc_path).to_csv(path, index=False, encoding="utf-8")
        log.info("Generated %s (%.0f MB)", path, path.stat().st_size / 1e6)
    return path


def predict_command() -> list[str]:
    """Return the command that starts ``review-labeler`` from this Python environment."""
    script = Path(sys.executable).parent / "review-labeler"
    if script.is_file():
        return [str(script)]
    found = shutil.which("review-labeler")
    if found:
        return [found]
    return [sys.executable, "-m", "review_labeler.gui.launcher"]


def run_predict(
    input_path: Path, output_path: Path, model: Path, threads: int | None, extra: str
) -> tuple[float, float, float, str]:
    """Run predict once and return wall seconds, CPU seconds, peak RSS in MiB and its standard output."""
    command = predict_command() + ["predict", str(input_path), "--output", str(output_path),
                                   "--model", str(model), "--device", "cpu", "--quiet"] + extra.split()
    environment = dict(os.environ)
    if threads:
        environment["OMP_NUM_THREADS"] = str(threads)
    log.info("Running %s", " ".join(command))

    started = time.perf_counter()
    with open(output_path.with_suffix(".stdout"), "w+") as stdout, open(output_path.with_suffix(".stderr"), "w+") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=environment)
        # wait4 returns the resource usage of this one child, unlike RUSAGE_CHILDREN.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    if process.returncode != 0:
        raise SystemExit(f"predict failed with exit code {process.returncode}:\n{errors[-4000:]}")
    peak_mb = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return seconds, usage.ru_utime + usage.ru_stime, peak_mb, output


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    arguments = parse_arguments(argv)
    row_counts = sorted(int(value) for value in arguments.rows.split(",") if value)
    model, model_description = bench_common.resolve_model(arguments.model, arguments.nsmc)

    results = []
    for rows in row_counts:
        input_path = input_csv(rows, arguments.nsmc)
        output_path = bench_common.CACHE_DIR / "predict" / f"predicted-{rows}.csv"
        seconds, cpu_seconds, peak_mb, output = run_predict(input_path, output_path, model, arguments.threads, arguments.extra)
        results.append((rows, seconds, cpu_seconds, peak_mb))
        log.info("%d rows: %.1f s, peak RSS %.0f MiB\n%s", rows, seconds, peak_mb, output.strip())
        output_path.unlink(missing_ok=True)

    print_report(arguments, model_description, results)
    return 0


def print_report(arguments, model_description: str, results: list[tuple[int, float, float, float]]) -> None:
    lines = bench_common.machine_description()
    lines.append(f"model: {model_description}; threads: {arguments.threads or 'torch default'}; "
                 f"extra arguments: {arguments.extra or '-'}")
    lines.append("")
    header = ["rows", "wall s", "CPU s (user + system)", "rows/s", "peak RSS MiB"]
    table = [
        [f"{rows:,}", f"{seconds:.1f}", f"{cpu:.1f}", f"{rows / seconds:,.0f}", f"{peak:.0f}"]
        for rows, seconds, cpu, peak in results
    ]

    largest = results[-1]
    if largest[0] < TARGET_ROWS and len(results) >= 2:
        (small_rows, small_seconds, small_cpu, small_peak) = results[-2]
        (large_rows, large_seconds, large_cpu, large_peak) = results[-1]
        scale = (TARGET_ROWS - large_rows) / (large_rows - small_rows)
        seconds = large_seconds + (large_seconds - small_seconds) * scale
        cpu = large_cpu + (large_cpu - small_cpu) * scale
        peak = large_peak + (large_peak - small_peak) * scale
        table.append([f"{TARGET_ROWS:,} (estimate, linear from the two largest runs)", f"{seconds:.0f}",
                      f"{cpu:.0f}", f"{TARGET_ROWS / seconds:,.0f}", f"{peak:.0f}"])
    lines.append(bench_common.format_table(header, table))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
