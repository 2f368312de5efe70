"""Shared pieces of the benchmark scripts: review samples, stand-in models, FLOP counts, memory.

The scripts print figures; they are not tests and pytest does not collect them (see the
``conftest.py`` beside this file). Default data paths point at the shared data folder that sits
beside the repository (``../shared/data``); every script takes other paths as options.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger("benchmarks")

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_NSMC = SHARED_DATA / "train" / "nsmc_reviews.tsv.gz"
DEFAULT_SHOPPING = SHARED_DATA / "real"
CACHE_DIR = Path(tempfile.gettempdir()) / "review-labeler-bench"

# Shapes of the random-weight stand-ins. "compact" is the planned shape of the bundled model
# (resources/training/train_default_model.py defaults); "base" is BERT-base.
MODEL_SHAPES = {
    "compact": {
        "num_hidden_layers": 4,
        "hidden_size": 256,
        "num_attention_heads": 4,
        "intermediate_size": 1024,
        "max_position_embeddings": 128,
    },
    "base": {
        "num_hidden_layers": 12,
        "hidden_size": 768,
        "num_attention_heads": 12,
        "intermediate_size": 3072,
        "max_position_embeddings": 512,
    },
}
TOKENIZER_VOCAB_SIZE = 24000
TOKENIZER_TRAINING_TEXTS = 200_000
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


# ------------------------------------------------------------------------- review texts


def read_nsmc_texts(path: Path, limit: int | None = None) -> list[str]:
    """Return the review column of the NSMC TSV (gzip), in file order, at most ``limit`` rows."""
    import pandas as pd

    with gzip.open(path, "rt", encoding="utf-8") as stream:
        frame = pd.read_csv(stream, sep="\t", dtype=str, keep_default_na=False, nrows=limit)
    return frame["review"].tolist()


def read_nsmc_frame(path: Path, limit: int | None = None):
    """Return the NSMC TSV as a DataFrame of strings (review_id, movie_id, rating, date, review)."""
    import pandas as pd

    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return pd.read_csv(stream, sep="\t", dtype=str, keep_default_na=False, nrows=limit)


def review_frame(rows: int, nsmc_path: Path):
    """Return ``rows`` NSMC rows as a shop-like table, repeating the corpus if it is shorter."""
    import pandas as pd

    source = read_nsmc_frame(nsmc_path, limit=rows)
    repeats = -(-rows // len(source))
    source = pd.concat([source] * repeats, ignore_index=True).iloc[:rows]
    # NSMC dates are written "yy.mm.dd"; shop exports use ISO dates.
    dates = pd.to_datetime(source["date"], format="%y.%m.%d", errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
    return pd.DataFrame({
        "review_id": source["review_id"],
        "product_id": source["movie_id"],
        "rating": source["rating"],
        "date": dates,
        "review": source["review"],
    })


def read_shopping_texts(folder: Path) -> list[str]:
    """Return the review texts of every table under ``folder``, read with the app's own reader.

    Byte-identical files (the same workbook saved under two names) are read once.
    """
    from review_labeler.core.column_guess import guess_review_column
    from review_labeler.core.errors import ReviewLabelerError
    from review_labeler.core.table_reader import read_table

    texts: list[str] = []
    seen_digests: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".csv", ".tsv", ".txt", ".xlsx"}:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen_digests:
            continue
        seen_digests.add(digest)
        try:
            table = read_table(path)
        except ReviewLabelerError as error:
            log.warning("Skipping %s: %s", path, error)
            continue
        column = guess_review_column(table)
        if column is not None:
            texts.extend(table.column_values(column))
    return texts


def review_sample(rows: int, nsmc_path: Path, shopping_dir: Path, seed: int = 0) -> list[str]:
    """Draw ``rows`` non-blank review texts, half from NSMC and half from the shopping files.

    Texts are cleaned the way the app cleans them before tokenising, so that every loop in a
    benchmark gets exactly the same input. If the shopping pool is smaller than half, NSMC
    fills the rest.
    """
    from review_labeler.core.text_cleaning import clean_review_text

    rng = np.random.default_rng(seed)
    shopping = [clean_review_text(value) for value in read_shopping_texts(shopping_dir)] if shopping_dir.is_dir() else []
    shopping = [value for value in shopping if value]
    shopping_count = min(len(shopping), rows // 2)
    picked_shopping = [shopping[index] for index in rng.choice(len(shopping), shopping_count, replace=False)]

    nsmc = [clean_review_text(value) for value in read_nsmc_texts(nsmc_path)]
    nsmc = [value for value in nsmc if value]
    picked_nsmc = [nsmc[index] for index in rng.choice(len(nsmc), rows - shopping_count, replace=False)]

    sample = picked_nsmc + picked_shopping
    rng.shuffle(sample)
    return sample


# --------------------------------------------------------------------- stand-in models


def _standin_tokenizer(nsmc_path: Path):
    """Train (once, cached under CACHE_DIR) a cased WordPiece tokenizer on NSMC text."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertTokenizer

    folder = CACHE_DIR / "tokenizer"
    if (folder / "tokenizer.json").is_file():
        return BertTokenizer.from_pretrained(folder)

    log.info("Training a WordPiece tokenizer on %d NSMC texts", TOKENIZER_TRAINING_TEXTS)
    trainer = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False)
    trainer.train_from_iterator(
        read_nsmc_texts(nsmc_path, TOKENIZER_TRAINING_TEXTS),
        vocab_size=TOKENIZER_VOCAB_SIZE,
        min_frequency=2,
        limit_alphabet=2500,
        special_tokens=SPECIAL_TOKENS,
        show_progress=False,
    )
    tokenizer = BertTokenizer(vocab=trainer.get_vocab(), do_lower_case=False, strip_accents=False, model_max_length=128)
    tokenizer.save_pretrained(folder)
    return tokenizer


def build_standin_model(shape: str, nsmc_path: Path) -> Path:
    """Return the folder of a random-weight BERT classifier of ``shape``, building it if missing."""
    folder = CACHE_DIR / f"standin-{shape}"
    if (folder / "model.safetensors").is_file():
        return folder

    import torch
    from transformers import BertConfig, BertForSequenceClassification

    tokenizer = _standin_tokenizer(nsmc_path)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(tokenizer),
        num_labels=2,
        id2label={0: "negative", 1: "positive"},
        label2id={"negative": 0, "positive": 1},
        pad_token_id=tokenizer.pad_token_id,
        **MODEL_SHAPES[shape],
    )
    model = BertForSequenceClassification(config).eval()
    model.save_pretrained(folder)
    tokenizer.model_max_length = 128
    tokenizer.save_pretrained(folder)
    log.info("Saved a random-weight %s stand-in to %s", shape, folder)
    return folder


def add_model_argument(parser: argparse.ArgumentParser, default: str = "default") -> None:
    parser.add_argument(
        "--model",
        default=default,
        help="'default' (the bundled model, or the compact stand-in while it is not trained yet), "
        "'standin-compact', 'standin-base' (random weights of those shapes) or a checkpoint folder "
        "(default: %(default)s)",
    )


def resolve_model(choice: str, nsmc_path: Path) -> tuple[Path, str]:
    """Return the checkpoint folder for a ``--model`` value and a line describing it."""
    if choice == "default":
        from review_labeler.core.model_loading import bundled_model_path

        bundled = bundled_model_path()
        if (bundled / "model.safetensors").is_file():
            return bundled, f"bundled default model ({bundled})"
        folder = build_standin_model("compact", nsmc_path)
        return folder, "compact stand-in with random weights (the bundled model is not trained yet)"
    if choice.startswith("standin-"):
        shape = choice.removeprefix("standin-")
        if shape not in MODEL_SHAPES:
            raise SystemExit(f"unknown stand-in {choice!r}; use one of: standin-" + ", standin-".join(MODEL_SHAPES))
        return build_standin_model(shape, nsmc_path), f"{shape} stand-in with random weights"
    folder = Path(choice).expanduser()
    return folder, f"checkpoint {folder}"


# ---------------------------------------------------------------------- FLOPs and matmul


def forward_flops(config, token_counts: np.ndarray) -> float:
    """Estimate the FLOPs of one BERT forward pass over rows of ``token_counts`` real tokens.

    Counts the matrix products only, at 2 FLOPs a multiply-add. Per token and layer these are
    the four attention projections (4·H²), the feed-forward block (2·H·I) and the attention
    scores and weighted sum (2·n·H for a row of n tokens). Per row they are the pooler and the
    classifier. Padding is not counted, so this is the useful work whatever the batching.
    """
    hidden = config.hidden_size
    intermediate = config.intermediate_size
    layers = config.num_hidden_layers
    counts = token_counts.astype(np.float64)

    per_layer = 2 * (4 * hidden * hidden + 2 * hidden * intermediate) * counts + 2 * 2 * counts**2 * hidden
    head = 2 * (hidden * hidden + hidden * config.num_labels)
    return float(layers * per_layer.sum() + head * len(counts))


def measure_matmul_gflops(rows: int, inner: int, columns: int, seconds: float = 2.0) -> float:
    """Return the best float32 GFLOP/s of ``[rows×inner] @ [inner×columns]`` on the current threads."""
    import torch

    left = torch.randn(rows, inner)
    right = torch.randn(inner, columns)
    for _ in range(3):
        torch.matmul(left, right)

    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        for _ in range(5):
            torch.matmul(left, right)
        elapsed = time.perf_counter() - started
        best = max(best, 5 * 2 * rows * inner * columns / elapsed / 1e9)
    return best


# --------------------------------------------------------------------------- machine


def machine_description() -> list[str]:
    """Return lines describing the CPU, memory and library versions of this machine."""
    import pandas as pd
    import torch
    import transformers

    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs, {memory}",
        f"Python {platform.python_version()}, torch {torch.__version__}, transformers {transformers.__version__}, "
        f"pandas {pd.__version__}, numpy {np.__version__}",
        f"load average (1, 5, 15 min) when the report was printed: {' '.join(f'{value:.2f}' for value in os.getloadavg())}",
    ]


# -------------------------------------------------------------------- child processes


@dataclass
class ChildMeasurement:
    """Wall time and memory of one measurement run in a fresh interpreter."""

    seconds: float
    peak_rss_mb: float
    baseline_rss_mb: float
    details: dict

    @property
    def added_rss_mb(self) -> float:
        """Peak RSS above the RSS the child had after its imports, before the measured work."""
        return self.peak_rss_mb - self.baseline_rss_mb


def _proc_status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MiB, since the start or the last reset."""
    peak = _proc_status_mb("VmHWM")
    if peak is not None:
        return peak
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maximum / (1024 * 1024) if sys.platform == "darwin" else maximum / 1024


def reset_peak_rss() -> float:
    """Reset the peak RSS to the current RSS where Linux allows it, and return the current RSS in MiB.

    Writing 5 to /proc/self/clear_refs resets VmHWM, so that set-up before a measurement does not
    count in its peak. Elsewhere the peak stays the peak since the process started.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        log.info("Cannot reset the peak RSS; peaks include the set-up")
    current = _proc_status_mb("VmRSS")
    return current if current is not None else peak_rss_mb()


def run_in_child(script: Path, task: str, arguments: dict) -> ChildMeasurement:
    """Run ``task`` of ``script`` in a fresh Python and return the figures the child printed.

    A fresh interpreter per measurement keeps one measurement's allocations out of the next
    one's peak RSS; a forked child would inherit the parent's pages.
    """
    command = [sys.executable, str(script), "--child-task", task, "--child-arguments", json.dumps(arguments)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"child task {task} failed ({completed.returncode}):\n{completed.stderr[-4000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return ChildMeasurement(
        seconds=figures.pop("seconds"),
        peak_rss_mb=figures.pop("peak_rss_mb"),
        baseline_rss_mb=figures.pop("baseline_rss_mb"),
        details=figures,
    )


def report_child_figures(seconds: float, baseline_rss_mb: float, **details) -> None:
    """Print the last stdout line of a child task: JSON that :func:`run_in_child` reads."""
    figures = {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "baseline_rss_mb": baseline_rss_mb, **details}
    sys.stdout.write(json.dumps(figures) + "\n")


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Return rows as a Markdown table, so that the output can be pasted into docs/benchmarks.md."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)
