"""Measure fine-tuning on real labelled reviews: accuracy before and after, and wall time on the CPU.

Not run by pytest. It reads the danawa appliance reviews from the shared data folder, which must
never be copied into the repository. Scores map to labels (40 points or less: 부정, 80 or more:
긍정, others left out), duplicate texts are dropped first (the file repeats about half of its
rows), and the labelled rows are split into three disjoint parts:

* corrections: N rows whose known labels play the analyst's corrections, picked either as the
  least confident predictions first (as an analyst working through a "least sure" filter would)
  or at random;
* replay pool: rows whose old predictions are offered as replay candidates (their known labels
  are not used);
* evaluation: all remaining rows, where accuracy and macro-F1 are printed before and after.

Usage::

    python tests/benchmarks/bench_finetune_real.py [--model DIR] [--corrections 200 500] [--pick least-confident]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from review_labeler.core.finetune import FinetuneSettings, ReplayCandidates, finetune
from review_labeler.core.inference import classify_texts
from review_labeler.core.metrics import compute_metrics
from review_labeler.core.model_loading import bundled_model_path, load_model
from review_labeler.core.text_cleaning import clean_review_text

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "danawa-appliances" / "다나와 리뷰 크롤링.csv"
NEGATIVE_MAX_SCORE = 40
POSITIVE_MIN_SCORE = 80
REPLAY_POOL_ROWS = 1000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="danawa review CSV (default: %(default)s)")
    parser.add_argument("--model", type=Path, default=None, help="checkpoint to fine-tune (default: the bundled model)")
    parser.add_argument("--corrections", type=int, nargs="+", default=[200, 500], help="numbers of corrected rows, one run each (default: %(default)s)")
    parser.add_argument("--pick", choices=["least-confident", "random"], default="least-confident", help="how the analyst picks rows to correct (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=2, help="PyTorch CPU threads (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=42, help="seed for the splits and the fine-tune (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=None, help="override the recipe's epochs")
    parser.add_argument("--learning-rate", type=float, default=None, help="override the recipe's learning rate")
    parser.add_argument("--balance-power", type=float, default=None, help="override how far the sampler evens out labels (0 to 1)")
    return parser.parse_args()


def load_labelled_reviews(path: Path) -> pd.DataFrame:
    """Return unique review texts with a label, dropping texts whose duplicates disagree."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    scores = frame["score"].map(lambda value: int(re.sub(r"\D", "", value) or -1))
    labels = np.where(scores.between(0, NEGATIVE_MAX_SCORE), "부정", np.where(scores >= POSITIVE_MIN_SCORE, "긍정", ""))
    frame = pd.DataFrame({"text": frame["review"], "label": labels})
    frame = frame[(frame["label"] != "") & (frame["text"].str.strip() != "")]
    # Duplicates are found on the cleaned text given to the model, so two cells differing only in spaces
    # never land in both training and evaluation.
    frame["key"] = frame["text"].map(clean_review_text)
    agreeing = frame.groupby("key")["label"].nunique()
    frame = frame[frame["key"].map(agreeing) == 1].drop_duplicates("key")
    print(f"data: {path.name}: {len(frame)} unique labelled texts, {dict(frame['label'].value_counts())}")
    return frame.reset_index(drop=True)


def scores(true_names: np.ndarray, predicted_ids: np.ndarray, label_names: list[str]) -> tuple[float, float]:
    true_ids = np.array([label_names.index(name) for name in true_names])
    metrics = compute_metrics(true_ids, predicted_ids, label_names)
    return metrics.accuracy, metrics.macro_f1


def run_once(loaded, frame: pd.DataFrame, old_ids: np.ndarray, old_confidence: np.ndarray, count: int, args) -> None:
    rng = np.random.default_rng(args.seed)
    if args.pick == "least-confident":
        order = np.argsort(old_confidence, kind="stable")
    else:
        order = rng.permutation(len(frame))
    corrected = order[:count]
    rest = np.setdiff1d(np.arange(len(frame)), corrected)
    replay_pool = rng.permutation(rest)[:REPLAY_POOL_ROWS]
    evaluation = np.setdiff1d(rest, replay_pool)

    texts = frame["text"].to_numpy()
    labels = frame["label"].to_numpy()
    names = loaded.label_names
    wrong_before = int((np.array([names[i] for i in old_ids[corrected]]) != labels[corrected]).sum())
    print(f"\n== {count} corrections picked {args.pick}: {dict(pd.Series(labels[corrected]).value_counts())}, "
          f"{wrong_before} of them predicted wrongly before; replay pool {len(replay_pool)}, evaluation {len(evaluation)} rows")

    replay = ReplayCandidates.build(texts[replay_pool].tolist(), old_ids[replay_pool], old_confidence[replay_pool])
    settings = FinetuneSettings(seed=args.seed)
    if args.epochs:
        settings.epochs = args.epochs
    if args.learning_rate:
        settings.learning_rate = args.learning_rate
    if args.balance_power is not None:
        settings.balance_power = args.balance_power
    kinds = ["correction" if names[old_ids[i]] != labels[i] else "accepted" for i in corrected]

    started = time.perf_counter()
    result = finetune(loaded, texts[corrected].tolist(), labels[corrected].tolist(), kinds=kinds, replay=replay, settings=settings)
    finetune_seconds = time.perf_counter() - started
    print(f"fine-tune: {result.steps_done} steps of {result.total_steps}, epochs {result.epochs_run}, best {result.best_epoch}, "
          f"training {result.train_seconds:.1f} s, whole call {finetune_seconds:.1f} s (with before/after checks)")
    print(f"rows: {result.row_counts}")
    for name in result.before:
        before, after = result.before[name], result.after[name]
        print(f"{name}: accuracy {before.accuracy:.4f} -> {after.accuracy:.4f}, macro F1 {before.macro_f1:.4f} -> {after.macro_f1:.4f} ({before.rows} rows)")
    print(f"verdict: {'WORSE: ' + ' '.join(result.verdict) if result.is_worse else 'not worse'}")
    for note in result.messages:
        print(f"note: {note}")

    new_ids = classify_texts(result.as_loaded_model(), texts[evaluation].tolist()).label_ids
    accuracy_before, f1_before = scores(labels[evaluation], old_ids[evaluation], names)
    accuracy_after, f1_after = scores(labels[evaluation], new_ids, names)
    print(f"evaluation ({len(evaluation)} remaining rows): accuracy {accuracy_before:.4f} -> {accuracy_after:.4f}, "
          f"macro F1 {f1_before:.4f} -> {f1_after:.4f}")
    print(f"wall time: {finetune_seconds:.1f} s for {count} corrections")


def main() -> int:
    args = parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    torch.set_num_threads(args.threads)
    model_path = args.model or bundled_model_path()
    if not (Path(model_path) / "config.json").is_file():
        print(f"no model at {model_path}; pass --model", file=sys.stderr)
        return 2

    frame = load_labelled_reviews(args.data)
    loaded = load_model(model_path, device="cpu")
    print(f"model: {model_path} ({sum(p.numel() for p in loaded.model.parameters()) / 1e6:.1f} M parameters), "
          f"torch threads {torch.get_num_threads()}")

    started = time.perf_counter()
    old = classify_texts(loaded, frame["text"].tolist())
    print(f"classified {len(frame)} rows with the old model in {time.perf_counter() - started:.1f} s")
    for count in args.corrections:
        run_once(loaded, frame, old.label_ids, old.confidence, count, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
