"""``review-labeler --self-test``: check that an installed copy of the app can classify.

The check runs the core path of the desktop app without Qt. It reads the bundled sample table,
guesses its review column, loads the model and classifies every row. Then it exports the result
to a temporary XLSX and CSV file and reads both back. A packaged build that lacks a module, a data file or the
model fails here with a message, instead of when an analyst first opens a file.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from .annotations import Annotations
from .column_guess import guess_review_column
from .errors import ColumnError, ReviewLabelerError
from .export import export_table
from .inference import RowStatus, check_result_matches, classify_texts
from .messages import SUPPORTED_LANGUAGES, set_language, text
from .model_loading import SAFETENSORS_FILES, bundled_model_path, load_model
from .review_table import ReviewTable
from .table_reader import read_table
from .text_cleaning import is_blank

log = logging.getLogger(__name__)

FLAG = "--self-test"
SAMPLE_FILE = "sample_reviews.csv"
EXPORT_SUFFIXES = (".xlsx", ".csv")
# Row numbers listed in a failure message. The message always gives the full count.
_LISTED_ROWS = 20


class SelfTestError(ReviewLabelerError):
    """A self-test step produced a wrong result."""


@dataclass
class SelfTestReport:
    """What the self-test ran on and what it found."""

    model_path: str
    device: str
    label_names: list[str]
    sample_path: Path
    column: str
    rows: int
    rows_with_text: int
    classified: int
    model_seconds: float
    total_seconds: float
    read_back: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"model: {self.model_path}",
            f"labels: {', '.join(self.label_names)}",
            f"device: {self.device}",
            f"sample: {self.sample_path} (column \"{self.column}\")",
            f"rows: {self.rows} ({self.rows_with_text} with text)",
            f"classified: {self.classified}",
            f"seconds: {self.total_seconds:.2f} (classification {self.model_seconds:.2f})",
            f"exported and read back OK: {', '.join(self.read_back)}",
        ]


def sample_file_path() -> Path:
    """Return the sample review table shipped in ``resources/samples``."""
    return Path(str(resources.files("review_labeler.resources").joinpath("samples", SAMPLE_FILE)))


def run_self_test(
    model_path: str | Path | None = None,
    *,
    sample_path: str | Path | None = None,
    device: str = "auto",
) -> SelfTestReport:
    """Classify the sample table with the model and check every step.

    ``model_path`` defaults to the bundled model and ``sample_path`` to the bundled sample.
    Raises a :class:`ReviewLabelerError` (a :class:`SelfTestError` for wrong results) on failure.
    """
    started = time.perf_counter()
    model_folder = Path(model_path) if model_path is not None else bundled_model_path()
    if model_path is None:
        _check_default_model(model_folder)
    sample = Path(sample_path) if sample_path is not None else sample_file_path()

    table = read_table(sample)
    if table.row_count == 0:
        raise SelfTestError(text("predict.no_rows", file=sample.name))
    column = guess_review_column(table)
    if column is None:
        raise ColumnError(text("column.none_textual", file=sample.name))

    loaded = load_model(model_folder, device=device)
    texts = table.column_values(column)
    result = classify_texts(loaded, texts)
    check_result_matches(result, table.row_count)
    with_text = ~np.fromiter((is_blank(value) for value in texts), dtype=bool, count=len(texts))
    _check_every_text_classified(result.status, result.label_ids, result.probabilities, with_text)

    annotations = Annotations.from_result(result)
    read_back = []
    with tempfile.TemporaryDirectory(prefix="review-labeler-self-test-") as folder:
        for suffix in EXPORT_SUFFIXES:
            exported = Path(folder) / f"self_test{suffix}"
            export_table(table, annotations, exported)
            _check_read_back(table, column, annotations, exported)
            read_back.append(suffix.lstrip("."))

    report = SelfTestReport(
        model_path=loaded.source,
        device=str(loaded.device),
        label_names=list(loaded.label_names),
        sample_path=sample,
        column=column,
        rows=table.row_count,
        rows_with_text=int(with_text.sum()),
        classified=result.classified_count,
        model_seconds=result.seconds,
        total_seconds=time.perf_counter() - started,
        read_back=read_back,
    )
    return report


def _check_default_model(folder: Path) -> None:
    """Raise a SelfTestError naming ``folder`` when the bundled model is not there, a common packaging mistake."""
    has_config = (folder / "config.json").is_file()
    has_weights = any((folder / name).is_file() for name in SAFETENSORS_FILES)
    if not (has_config and has_weights):
        raise SelfTestError(text("selftest.default_model_missing", folder=str(folder)))


def _check_every_text_classified(
    status: np.ndarray, label_ids: np.ndarray, probabilities: np.ndarray, with_text: np.ndarray
) -> None:
    finite = np.isfinite(probabilities).all(axis=1)
    predicted = (status == RowStatus.CLASSIFIED) & (label_ids >= 0) & finite
    missing = np.flatnonzero(with_text & ~predicted)
    if len(missing):
        raise SelfTestError(
            text("selftest.rows_without_prediction", count=len(missing), rows=_row_numbers(missing))
        )


def _check_read_back(table: ReviewTable, column: str, annotations: Annotations, exported: Path) -> None:
    """Read ``exported`` and compare its rows, review texts and predicted labels with the input."""
    back = read_table(exported)
    if back.row_count != table.row_count:
        detail = f"{back.row_count} rows instead of {table.row_count}"
        raise SelfTestError(text("selftest.read_back_failed", file=exported.name, detail=detail))

    original_columns = table.columns
    if back.columns[: len(original_columns)] != original_columns or len(back.columns) <= len(original_columns):
        detail = f"columns {back.columns}, expected {original_columns} followed by the added columns"
        raise SelfTestError(text("selftest.read_back_failed", file=exported.name, detail=detail))

    # NOTE: a cell of only spaces comes back from XLSX as an empty cell (the export writes it
    # without xml:space="preserve", so the reader drops the whitespace). Both are rows without
    # text, so such a pair counts as unchanged here.
    pairs = zip(table.column_values(column), back.column_values(column))
    changed_texts = [row for row, (old, new) in enumerate(pairs) if old != new and not (is_blank(old) and is_blank(new))]
    if changed_texts:
        detail = f"review text changed in rows {_row_numbers(np.array(changed_texts))}"
        raise SelfTestError(text("selftest.read_back_failed", file=exported.name, detail=detail))

    # The predicted label is the first column the export adds after the original ones.
    predicted_column = back.columns[len(original_columns)]
    names = annotations.label_names
    expected = [names[label_id] if label_id >= 0 else "" for label_id in annotations.predicted.tolist()]
    wrong_labels = [row for row, (want, got) in enumerate(zip(expected, back.column_values(predicted_column))) if want != got]
    if wrong_labels:
        detail = f"column \"{predicted_column}\" differs from the predictions in rows {_row_numbers(np.array(wrong_labels))}"
        raise SelfTestError(text("selftest.read_back_failed", file=exported.name, detail=detail))


def _row_numbers(rows: np.ndarray) -> str:
    """Format 0-based row positions as the 1-based numbers users see, shortened after a few."""
    shown = ", ".join(str(int(row) + 1) for row in rows[:_LISTED_ROWS])
    if len(rows) > _LISTED_ROWS:
        shown += f" … (+{len(rows) - _LISTED_ROWS})"
    return shown


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"review-labeler {FLAG}",
        description="Classify the bundled sample file headless and check every step; exit 0 when all pass.",
    )
    parser.add_argument("--model", help="checkpoint folder to test (default: the bundled model)")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"], help="where the model runs")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="message language (default: system locale)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log details to stderr")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run the self-test with command-line ``argv``, ignoring the ``--self-test`` flag itself, and return the exit code."""
    arguments = build_parser().parse_args([argument for argument in argv if argument != FLAG])
    if arguments.lang:
        set_language(arguments.lang)
    logging.basicConfig(
        level=logging.INFO if arguments.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )

    try:
        report = run_self_test(arguments.model, device=arguments.device)
    except ReviewLabelerError as error:
        _write(sys.stderr, text("selftest.failed", detail=str(error)))
        return 1
    except Exception as error:  # noqa: BLE001 - a broken bundle fails in ways no caller can list
        # A frozen build that misses a module or a data file ends up here. The logged traceback names it.
        log.exception("Self-test failed with an unexpected error")
        _write(sys.stderr, text("selftest.failed", detail=f"{type(error).__name__}: {error}"))
        return 1

    _write(sys.stdout, "\n".join(report.lines()))
    _write(sys.stdout, text("selftest.passed"))
    return 0


def _write(stream, message: str) -> None:
    # A windowed build on Windows has no console, and then sys.stdout and sys.stderr are None.
    if stream is not None:
        stream.write(message + "\n")
        stream.flush()
