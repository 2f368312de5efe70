"""Evaluate the bundled sentiment model against a TF-IDF + logistic regression baseline.

Both are scored on the held-out NSMC and cosmetics test parts made by
``data.py``. The baseline is trained on the same train parts as the model,
with the cosmetics rows weighted like the model's oversampling, and its
regularisation strength is chosen on the dev parts. The script also measures
the model's inference speed on this CPU and its size on disk.

Run from the repository root::

    python resources/training/evaluate_default_model.py
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline  # noqa: E402  (the training folder is not an installed package)
import data  # noqa: E402

logger = logging.getLogger("evaluate_default_model")

DEFAULT_MODEL_DIR = data.REPOSITORY_ROOT / "resources" / "default_model"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR, help="checkpoint folder to evaluate (default: %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=data.DEFAULT_DATA_DIR, help="folder with the training corpora (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=None, help="PyTorch CPU threads (default: PyTorch's own choice)")
    parser.add_argument("--batch-size", type=int, default=64, help="reviews per inference batch (default: %(default)s)")
    parser.add_argument("--speed-repeats", type=int, default=3, help="timed passes over each test part; the fastest counts (default: %(default)s)")
    parser.add_argument("--baseline-c", type=str, default="1,3,10", help="comma-separated inverse regularisation strengths tried for the baseline (default: %(default)s)")
    parser.add_argument("--cosmetics-weight", type=float, default=10.0, help="baseline sample weight of cosmetics train rows, matching the model's oversampling (default: %(default)s)")
    parser.add_argument("--skip-baseline", action="store_true", help="score only the model")
    parser.add_argument("--json-out", type=Path, default=None, help="also write the figures to this JSON file")
    return parser.parse_args(argv)


def scores(labels: np.ndarray, predictions: np.ndarray) -> dict[str, float]:
    return {
        "accuracy": float(accuracy_score(labels, predictions)),
        "macro_f1": float(f1_score(labels, predictions, average="macro")),
    }


# --------------------------------------------------------------------- model


class ReviewClassifier:
    """Batch inference with the checkpoint as an application would run it (float32, CPU)."""

    def __init__(self, model_dir: Path, batch_size: int):
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(model_dir, local_files_only=True)
        self.model.eval()
        self.batch_size = batch_size
        self.max_length = min(self.tokenizer.model_max_length, self.model.config.max_position_embeddings)

    @torch.inference_mode()
    def predict(self, texts: list[str]) -> np.ndarray:
        """Return the label id of every text, in input order.

        Texts are tokenised once, sorted by length and batched with padding to
        the longest text of each batch, which keeps padding small.
        """
        normalized = [data.normalize_text(text) for text in texts]
        encoded = self.tokenizer(normalized, truncation=True, max_length=self.max_length)["input_ids"]
        order = np.argsort([len(ids) for ids in encoded], kind="stable")
        predictions = np.empty(len(texts), dtype=np.int64)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            padded = self.tokenizer.pad({"input_ids": [encoded[i] for i in batch]}, return_tensors="pt")
            logits = self.model(input_ids=padded["input_ids"], attention_mask=padded["attention_mask"]).logits
            predictions[batch] = logits.argmax(dim=-1).numpy()
        return predictions


def measure_speed(classifier: ReviewClassifier, texts: list[str], repeats: int) -> dict[str, float]:
    """Time full passes over ``texts``, tokenisation included, and return the fastest.

    Returns reviews per wall-clock second, reviews per second of this process's
    CPU time (all threads together) and the 1-minute load average after the
    passes. On a shared machine the wall-clock figure drops with other load,
    while the CPU-time figure stays close to what the model costs.
    """
    classifier.predict(texts[: classifier.batch_size * 4])
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall_started, cpu_started = time.perf_counter(), time.process_time()
        classifier.predict(texts)
        best_wall = min(best_wall, time.perf_counter() - wall_started)
        best_cpu = min(best_cpu, time.process_time() - cpu_started)
    return {
        "reviews_per_s": len(texts) / best_wall,
        "reviews_per_cpu_s": len(texts) / best_cpu,
        "load_average_1min": os.getloadavg()[0],
    }


def directory_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.iterdir() if file.is_file())


# ------------------------------------------------------------------ baseline


def train_baseline(corpus: data.Corpus, c_values: list[float], cosmetics_weight: float):
    """Fit TF-IDF + logistic regression on the train parts; choose C on the dev parts.

    The selection score is the mean of NSMC dev accuracy and cosmetics dev
    macro-F1, the two figures that are hardest to raise on each source.
    """
    train = pd.concat([corpus.get("nsmc", "train"), corpus.get("cosmetics", "train")], ignore_index=True)
    weights = np.concatenate([np.ones(len(corpus.get("nsmc", "train"))), np.full(len(corpus.get("cosmetics", "train")), cosmetics_weight)])

    started = time.perf_counter()
    vectorizer = baseline.make_vectorizer()
    features = vectorizer.fit_transform(train["text"])
    logger.info("Baseline features: %d x %d (%.0f s)", features.shape[0], features.shape[1], time.perf_counter() - started)
    dev_features = {source: vectorizer.transform(corpus.get(source, "dev")["text"]) for source in data.SOURCES}

    best = None
    for c_value in c_values:
        started = time.perf_counter()
        classifier = baseline.make_classifier(c_value)
        classifier.fit(features, train["label"], sample_weight=weights)
        nsmc_dev = scores(corpus.get("nsmc", "dev")["label"], classifier.predict(dev_features["nsmc"]))
        cosmetics_dev = scores(corpus.get("cosmetics", "dev")["label"], classifier.predict(dev_features["cosmetics"]))
        selection_score = (nsmc_dev["accuracy"] + cosmetics_dev["macro_f1"]) / 2
        logger.info(
            "Baseline C=%g: NSMC dev accuracy %.4f, cosmetics dev macro-F1 %.4f (%.0f s)",
            c_value,
            nsmc_dev["accuracy"],
            cosmetics_dev["macro_f1"],
            time.perf_counter() - started,
        )
        if best is None or selection_score > best[0]:
            best = (selection_score, c_value, classifier)
    _, c_value, classifier = best
    logger.info("Baseline uses C=%g", c_value)
    return vectorizer, classifier, c_value


# ---------------------------------------------------------------------- main


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.threads:
        torch.set_num_threads(args.threads)

    corpus = data.load_corpus(args.data_dir)
    tests = {source: corpus.get(source, "test") for source in data.SOURCES}
    figures: dict = {
        "machine": {"cpu": cpu_name(), "torch_threads": torch.get_num_threads(), "torch": torch.__version__},
        "test_texts": {source: len(frame) for source, frame in tests.items()},
    }

    classifier = ReviewClassifier(args.model_dir, args.batch_size)
    figures["model"] = {}
    for source, frame in tests.items():
        predictions = classifier.predict(frame["text"].tolist())
        figures["model"][source] = scores(frame["label"].to_numpy(), predictions)
        logger.info("Model on %s test: %s", source, figures["model"][source])

    figures["speed"] = {}
    for source, frame in tests.items():
        figures["speed"][source] = measure_speed(classifier, frame["text"].tolist(), args.speed_repeats)
        logger.info("Speed on %s test: %s", source, figures["speed"][source])
    figures["size_bytes"] = {
        "model.safetensors": (args.model_dir / "model.safetensors").stat().st_size,
        "folder": directory_size(args.model_dir),
    }

    if not args.skip_baseline:
        c_values = [float(value) for value in args.baseline_c.split(",")]
        vectorizer, baseline_classifier, c_value = train_baseline(corpus, c_values, args.cosmetics_weight)
        figures["baseline"] = {"C": c_value}
        for source, frame in tests.items():
            predictions = baseline_classifier.predict(vectorizer.transform(frame["text"]))
            figures["baseline"][source] = scores(frame["label"].to_numpy(), predictions)

    print(f"Machine: {figures['machine']['cpu']}, {figures['machine']['torch_threads']} PyTorch threads, torch {torch.__version__}")
    print(f"{'test set':<10} {'texts':>6}  {'model acc':>9} {'model F1':>9}  {'TF-IDF acc':>10} {'TF-IDF F1':>9}  {'reviews/s':>9} {'per CPU-s':>9} {'load':>5}")
    for source in data.SOURCES:
        model_scores = figures["model"][source]
        baseline_scores = figures.get("baseline", {}).get(source, {"accuracy": float("nan"), "macro_f1": float("nan")})
        speed = figures["speed"][source]
        print(
            f"{source:<10} {figures['test_texts'][source]:>6}  {model_scores['accuracy']:>9.4f} {model_scores['macro_f1']:>9.4f}"
            f"  {baseline_scores['accuracy']:>10.4f} {baseline_scores['macro_f1']:>9.4f}"
            f"  {speed['reviews_per_s']:>9.0f} {speed['reviews_per_cpu_s']:>9.0f} {speed['load_average_1min']:>5.1f}"
        )
    size = figures["size_bytes"]
    print(
        f"Size on disk: model.safetensors {size['model.safetensors'] / 1e6:.1f} MB, "
        f"whole folder {size['folder'] / 1e6:.1f} MB ({size['folder'] / 2**20:.1f} MiB)"
    )

    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
