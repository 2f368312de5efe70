"""Compare the app's inference loop with the two loops a user would otherwise write.

The three loops run on the same model, the same review texts and the same maximum length:

* blog: tokenise everything padded to ``max_length``, ``TensorDataset`` + ``SequentialSampler``
  ``DataLoader(batch_size=32)`` and a ``torch.no_grad()`` loop;
* pipeline: ``transformers.pipeline("text-classification", batch_size=32, truncation=True)``
  with ``top_k=None`` so that it returns every label's probability;
* ours: ``review_labeler.core.inference.Classifier``.

Each timing covers tokenising and the forward passes, from texts to probabilities. The loops
run in turn, in a rotated order on every repetition, so that the load of a shared machine hits
them alike. The best repetition counts. Run from the repository root, for example::

    python tests/benchmarks/bench_inference.py --model default --rows 20000
    python tests/benchmarks/bench_inference.py --model standin-base --rows 2000 --repeats 2
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_common  # noqa: E402
from review_labeler.core.inference import DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS, Classifier, _encode  # noqa: E402
from review_labeler.core.model_loading import LoadedModel, load_model  # noqa: E402

log = logging.getLogger("bench_inference")

USER_BATCH_SIZE = 32
LOOPS = ("blog", "pipeline", "ours")


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_common.add_model_argument(parser)
    parser.add_argument("--rows", type=int, default=20000, help="review texts to classify (default: %(default)s)")
    parser.add_argument("--max-length", type=int, default=128,
                        help="maximum tokens per review in all loops; the blog loop pads to it (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="timed repetitions of each loop (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=torch.get_num_threads(),
                        help="torch intra-op threads for every loop (default: torch's choice, %(default)s)")
    parser.add_argument("--loops", default=",".join(LOOPS), help="comma-separated loops to run (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help="our maximum rows per batch (default: %(default)s)")
    parser.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS,
                        help="our maximum padded tokens per batch (default: %(default)s)")
    parser.add_argument("--variants", default="",
                        help="comma-separated opt-in variants of our loop to time as well: "
                        "bf16 (bfloat16 weights), int8 (torch dynamic int8 quantisation of the linear layers)")
    parser.add_argument("--nsmc", type=Path, default=bench_common.DEFAULT_NSMC, help="NSMC reviews TSV (gzip)")
    parser.add_argument("--shopping", type=Path, default=bench_common.DEFAULT_SHOPPING,
                        help="folder of shopping review tables")
    parser.add_argument("--seed", type=int, default=0, help="seed of the review sample (default: %(default)s)")
    return parser.parse_args(argv)


# ------------------------------------------------------------------------------ loops


def run_blog(loaded: LoadedModel, texts: list[str], max_length: int) -> np.ndarray:
    """The blog recipe: pad everything to ``max_length`` and feed a DataLoader of 32 rows."""
    from torch.utils.data import DataLoader, SequentialSampler, TensorDataset

    encoded = loaded.tokenizer(
        texts, padding="max_length", truncation=True, max_length=max_length, return_tensors="pt"
    )
    dataset = TensorDataset(encoded["input_ids"], encoded["attention_mask"], encoded["token_type_ids"])
    loader = DataLoader(dataset, sampler=SequentialSampler(dataset), batch_size=USER_BATCH_SIZE)

    probabilities = []
    with torch.no_grad():
        for input_ids, attention_mask, token_type_ids in loader:
            logits = loaded.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits
            probabilities.append(torch.softmax(logits, dim=-1).numpy())
    return np.concatenate(probabilities)


def make_pipeline(loaded: LoadedModel):
    from transformers import pipeline

    return pipeline(
        "text-classification", model=loaded.model, tokenizer=loaded.tokenizer, device=torch.device("cpu")
    )


def run_pipeline(classifier, loaded: LoadedModel, texts: list[str], max_length: int) -> np.ndarray:
    """The transformers pipeline with batches of 32, returning every label's probability."""
    outputs = classifier(texts, batch_size=USER_BATCH_SIZE, truncation=True, max_length=max_length, top_k=None)
    column = {name: index for index, name in enumerate(loaded.label_names)}
    probabilities = np.zeros((len(texts), len(column)), dtype=np.float32)
    for row, scores in enumerate(outputs):
        for entry in scores:
            probabilities[row, column[entry["label"]]] = entry["score"]
    return probabilities


def run_ours(loaded: LoadedModel, texts: list[str], batch_size: int, max_tokens: int, progress=None) -> np.ndarray:
    classifier = Classifier(loaded, batch_size=batch_size, max_tokens=max_tokens)
    return classifier.run(texts, progress=progress).probabilities


def eta_errors(loaded: LoadedModel, texts: list[str], batch_size: int, max_tokens: int) -> list[str]:
    """Run our loop once more and compare the ETA it reports at 10, 25 and 50 % with the real end."""
    events = []
    started = time.perf_counter()
    run_ours(loaded, texts, batch_size, max_tokens, progress=events.append)
    total = time.perf_counter() - started

    notes = []
    reported = []
    for share in (0.10, 0.25, 0.50):
        event = next((event for event in events if event.fraction >= share), None)
        if event is None or event.eta_seconds is None or event in reported:
            continue
        reported.append(event)
        predicted_end = event.elapsed + event.eta_seconds
        notes.append(f"at {event.fraction:.0%}: predicted {predicted_end:.1f} s, took {total:.1f} s "
                     f"({predicted_end / total - 1:+.0%})")
    return notes


def opt_in_variant(loaded: LoadedModel, variant: str) -> LoadedModel:
    """Return a copy of ``loaded`` converted to an opt-in variant ("bf16" or "int8")."""
    model = copy.deepcopy(loaded.model)
    if variant == "bf16":
        model = model.to(torch.bfloat16)
        return LoadedModel(**{**loaded.__dict__, "model": model, "dtype": torch.bfloat16})
    if variant == "int8":
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        return LoadedModel(**{**loaded.__dict__, "model": model})
    raise SystemExit(f"unknown variant {variant!r}; use bf16 or int8")


# ---------------------------------------------------------------------------- report


def agreement(reference: np.ndarray, other: np.ndarray) -> tuple[float, float]:
    """Return the share of rows with the same argmax and the largest probability difference."""
    same = float((reference.argmax(axis=1) == other.argmax(axis=1)).mean())
    return same, float(np.abs(reference - other).max())


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    arguments = parse_arguments(argv)
    torch.set_num_threads(arguments.threads)
    loops = [name for name in arguments.loops.split(",") if name]
    variants = [name for name in arguments.variants.split(",") if name]

    model_folder, model_description = bench_common.resolve_model(arguments.model, arguments.nsmc)
    texts = bench_common.review_sample(arguments.rows, arguments.nsmc, arguments.shopping, arguments.seed)
    loaded = load_model(model_folder, device="cpu", max_length=arguments.max_length)
    token_counts = _encode(loaded, texts).lengths
    config = loaded.model.config

    runners = {
        "blog": lambda model: run_blog(model, texts, arguments.max_length),
        "ours": lambda model: run_ours(model, texts, arguments.batch_size, arguments.max_tokens),
    }
    if "pipeline" in loops:
        classifier = make_pipeline(loaded)
        runners["pipeline"] = lambda model: run_pipeline(classifier, model, texts, arguments.max_length)
    models = {name: loaded for name in loops}
    for variant in variants:
        name = f"ours-{variant}"
        models[name] = opt_in_variant(loaded, variant)
        runners[name] = runners["ours"]
        loops.append(name)

    # A short warm-up keeps one-off kernel set-up out of the first timed repetition.
    warm_up = texts[:64]
    for name in loops:
        if name.startswith("ours"):
            run_ours(models[name], warm_up, arguments.batch_size, arguments.max_tokens)
        elif name == "blog":
            run_blog(models[name], warm_up, arguments.max_length)
        else:
            run_pipeline(classifier, models[name], warm_up, arguments.max_length)

    # The matmul reference is measured between repetitions too, and the best figure counts, so
    # that a busy moment of a shared machine does not lower it.
    matmul_shape = (2048, config.hidden_size, config.intermediate_size)
    matmul = bench_common.measure_matmul_gflops(*matmul_shape)
    seconds: dict[str, list[float]] = {name: [] for name in loops}
    probabilities: dict[str, np.ndarray] = {}
    for repeat in range(arguments.repeats):
        order = loops[repeat % len(loops) :] + loops[: repeat % len(loops)]
        for name in order:
            started = time.perf_counter()
            output = runners[name](models[name])
            seconds[name].append(time.perf_counter() - started)
            probabilities.setdefault(name, output)
            log.warning("repeat %d %s: %.2f s", repeat + 1, name, seconds[name][-1])
        matmul = max(matmul, bench_common.measure_matmul_gflops(*matmul_shape))
        if repeat + 1 < arguments.repeats:
            # Interim figures, so that a long run stopped early still leaves a result.
            sys.stdout.write(f"\nafter repetition {repeat + 1}:\n")
            print_report(arguments, model_description, config, token_counts, loops, seconds, probabilities, matmul,
                         bench_common.forward_flops(config, token_counts))
            sys.stdout.flush()

    flops = bench_common.forward_flops(config, token_counts)
    eta = eta_errors(loaded, texts, arguments.batch_size, arguments.max_tokens) if "ours" in loops else []
    print_report(arguments, model_description, config, token_counts, loops, seconds, probabilities, matmul, flops)
    if eta:
        sys.stdout.write("\nETA of our progress events (token-based, length-sorted batches): " + "; ".join(eta) + "\n")
    return 0


def format_rate(rows_per_second: float) -> str:
    return f"{rows_per_second:,.0f}" if rows_per_second >= 100 else f"{rows_per_second:.2f}"


def print_report(arguments, model_description, config, token_counts, loops, seconds, probabilities, matmul, flops):
    lines = bench_common.machine_description()
    lines += [
        f"model: {model_description}: {config.num_hidden_layers} layers, hidden {config.hidden_size}, "
        f"intermediate {config.intermediate_size}, vocab {config.vocab_size}",
        f"input: {len(token_counts)} reviews, max_length {arguments.max_length}, tokens per review mean "
        f"{token_counts.mean():.1f} / median {np.median(token_counts):.0f} / p90 {np.percentile(token_counts, 90):.0f}, "
        f"{(token_counts >= arguments.max_length).mean():.1%} truncated",
        f"threads: {torch.get_num_threads()}, repeats: {arguments.repeats}, ours: batch_size {arguments.batch_size}, "
        f"max_tokens {arguments.max_tokens}",
        f"float32 matmul [2048x{config.hidden_size}]@[{config.hidden_size}x{config.intermediate_size}]: "
        f"{matmul:.0f} GFLOP/s; model FLOPs for these reviews (no padding): {flops / 1e12:.2f} TFLOP",
        "",
    ]

    reference = "ours" if "ours" in loops else loops[0]
    header = ["loop", "best s", "median s", "rows/s", f"{reference} speed-up", "share of matmul GFLOP/s",
              f"argmax = {reference}", f"max |Δp| vs {reference}"]
    rows = []
    for name in loops:
        best = min(seconds[name])
        speed_up = min(seconds[name]) / min(seconds[reference])
        same, difference = agreement(probabilities[reference], probabilities[name])
        rows.append([
            name, f"{best:.2f}", f"{statistics.median(seconds[name]):.2f}", format_rate(len(token_counts) / best),
            f"{speed_up:.2f}×" if name != reference else "–", f"{flops / best / 1e9 / matmul:.0%}",
            f"{same:.2%}", f"{difference:.1e}",
        ])
    lines.append(bench_common.format_table(header, rows))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
