"""The optimisation loop of a fine-tune: length-bucketed batches, AdamW, early stopping, cancel.

The loop trains a private copy of the model in float32. On CUDA it runs the forward pass under
``torch.autocast`` (bfloat16 where supported, else float16 with a ``GradScaler``); on the CPU it
stays in plain float32. Progress is reported after every optimizer step and ``should_stop`` is
checked before every step, so a cancel takes effect within one step.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from .finetune_data import LabelledRows
from .text_cleaning import clean_review_text

log = logging.getLogger(__name__)

# Rows drawn per epoch are at least this many, so a dozen corrections still get enough steps.
MIN_SAMPLES_PER_EPOCH = 128
# Draws of one epoch are sorted by length in pools of this many batches before being cut into
# batches, so padding stays small while batch order stays random.
BUCKET_POOL_BATCHES = 16
EVALUATION_BATCH_SIZE = 64
GRADIENT_CLIP_NORM = 1.0


@dataclass
class TrainingProgress:
    """State of a fine-tune after one optimizer step."""

    step: int
    total_steps: int
    epoch: int
    total_epochs: int
    loss: float
    elapsed: float

    @property
    def fraction(self) -> float:
        return self.step / self.total_steps if self.total_steps else 1.0

    @property
    def eta_seconds(self) -> float | None:
        """Estimated seconds until the last planned step; early stopping may end sooner."""
        if self.step <= 0:
            return None
        return self.elapsed * (self.total_steps - self.step) / self.step


@dataclass
class LoopSettings:
    """Optimisation settings of the loop; see :class:`review_labeler.core.finetune.FinetuneSettings`."""

    epochs: int
    batch_size: int
    learning_rate: float
    weight_decay: float
    warmup_share: float
    max_length: int
    patience: int
    freeze_word_embeddings: bool
    seed: int


@dataclass
class LoopOutcome:
    """Summary of one loop run. When ``cancelled`` is set, the caller must discard the model."""

    cancelled: bool
    steps_done: int
    total_steps: int
    epochs_run: int
    best_epoch: int | None
    stopped_early: bool
    check_losses: list[float] = field(default_factory=list)
    train_losses: list[float] = field(default_factory=list)


class EncodedRows:
    """Token ids of a set of rows, unpadded, cut to ``max_length`` tokens."""

    def __init__(self, tokenizer: Any, texts: Sequence[str], max_length: int) -> None:
        cleaned = [clean_review_text(value) for value in texts]
        backend = getattr(tokenizer, "backend_tokenizer", None)
        if backend is not None:
            backend = copy.deepcopy(backend)
            backend.no_padding()
            backend.enable_truncation(max_length=max_length)
            encodings = backend.encode_batch(cleaned, add_special_tokens=True) if cleaned else []
            self.ids = [encoding.ids for encoding in encodings]
            self.type_ids = [encoding.type_ids for encoding in encodings]
        else:
            encoded = tokenizer(cleaned, truncation=True, max_length=max_length, padding=False, return_token_type_ids=True)
            self.ids = list(encoded["input_ids"])
            self.type_ids = list(encoded["token_type_ids"])
        self.lengths = np.array([len(ids) for ids in self.ids], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ids)


class BatchMaker:
    """Batch builder that pads rows of an :class:`EncodedRows` to their longest row on the device."""

    def __init__(self, pad_id: int, use_type_ids: bool, device: torch.device) -> None:
        self.pad_id = pad_id
        self.use_type_ids = use_type_ids
        self.device = device

    def inputs(self, encoded: EncodedRows, rows: np.ndarray) -> dict[str, torch.Tensor]:
        width = max(int(encoded.lengths[row]) for row in rows)
        input_ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        attention = np.zeros((len(rows), width), dtype=np.int64)
        type_ids = np.zeros((len(rows), width), dtype=np.int64)
        for slot, row in enumerate(rows):
            length = int(encoded.lengths[row])
            input_ids[slot, :length] = encoded.ids[row]
            attention[slot, :length] = 1
            type_ids[slot, :length] = encoded.type_ids[row]
        inputs = {
            "input_ids": torch.from_numpy(input_ids).to(self.device),
            "attention_mask": torch.from_numpy(attention).to(self.device),
        }
        if self.use_type_ids:
            inputs["token_type_ids"] = torch.from_numpy(type_ids).to(self.device)
        return inputs


def plan_epoch(
    weights: np.ndarray, lengths: np.ndarray, batch_size: int, generator: torch.Generator
) -> list[np.ndarray]:
    """Draw one epoch of row indices by ``weights`` (with replacement) and cut it into length-bucketed batches.

    This is what ``WeightedRandomSampler`` does, followed by bucketing: the draws are sorted by
    length inside pools of ``BUCKET_POOL_BATCHES`` batches and the batches are then shuffled.
    """
    samples = max(len(weights), MIN_SAMPLES_PER_EPOCH)
    sampler = torch.utils.data.WeightedRandomSampler(
        torch.as_tensor(weights, dtype=torch.double), num_samples=samples, replacement=True, generator=generator
    )
    drawn = np.fromiter(iter(sampler), dtype=np.int64, count=samples)

    pool_size = batch_size * BUCKET_POOL_BATCHES
    batches: list[np.ndarray] = []
    for start in range(0, len(drawn), pool_size):
        pool = drawn[start : start + pool_size]
        pool = pool[np.argsort(lengths[pool], kind="stable")]
        batches.extend(pool[i : i + batch_size] for i in range(0, len(pool), batch_size))
    order = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[i] for i in order]


def steps_per_epoch(row_count: int, batch_size: int) -> int:
    return math.ceil(max(row_count, MIN_SAMPLES_PER_EPOCH) / batch_size)


def make_optimizer(model: torch.nn.Module, settings: LoopSettings, total_steps: int):
    """Build AdamW (no decay on biases and norms) with linear warm-up and linear decay to zero."""
    if settings.freeze_word_embeddings:
        # A few hundred rows cannot teach a vocabulary. Freezing the word embeddings also saves
        # optimizer work: a 4-layer, 256-wide BERT with 24,000 tokens keeps 6 of its 10 million
        # parameters there.
        model.get_input_embeddings().weight.requires_grad_(False)
    decay, no_decay = [], []
    for parameter in model.parameters():
        if parameter.requires_grad:
            (no_decay if parameter.ndim < 2 else decay).append(parameter)
    groups = [
        {"params": decay, "weight_decay": settings.weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=settings.learning_rate)

    warmup_steps = max(1, int(round(total_steps * settings.warmup_share)))

    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def autocast_for(device: torch.device) -> tuple[Callable[[], contextlib.AbstractContextManager], torch.amp.GradScaler | None]:
    """Return a context factory for the forward pass and the gradient scaler, if one is needed.

    NOTE: the CUDA branch has not been run in the test suite, which has no GPU.
    """
    if device.type != "cuda":
        return contextlib.nullcontext, None
    if torch.cuda.is_bf16_supported():
        return (lambda: torch.autocast(device_type="cuda", dtype=torch.bfloat16)), None
    # float16 gradients underflow without loss scaling.
    return (lambda: torch.autocast(device_type="cuda", dtype=torch.float16)), torch.amp.GradScaler("cuda")


@torch.inference_mode()
def mean_loss(model: torch.nn.Module, encoded: EncodedRows, label_ids: np.ndarray, batches: BatchMaker, autocast) -> float:
    """Return the mean cross-entropy of ``model`` over all rows of ``encoded``."""
    was_training = model.training
    model.eval()
    total = 0.0
    order = np.argsort(encoded.lengths, kind="stable")
    for start in range(0, len(order), EVALUATION_BATCH_SIZE):
        rows = order[start : start + EVALUATION_BATCH_SIZE]
        with autocast():
            logits = model(**batches.inputs(encoded, rows)).logits
        targets = torch.from_numpy(label_ids[rows]).to(logits.device)
        total += float(torch.nn.functional.cross_entropy(logits.float(), targets, reduction="sum"))
    model.train(was_training)
    return total / max(1, len(order))


def run_loop(
    model: torch.nn.Module,
    tokenizer: Any,
    train: LabelledRows,
    sample_weights: np.ndarray,
    check_sets: list[LabelledRows],
    settings: LoopSettings,
    device: torch.device,
    use_type_ids: bool,
    *,
    progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> LoopOutcome:
    """Train ``model`` in place on ``train`` and keep the weights of the epoch with the lowest check loss.

    The check loss is the mean loss over all rows of the ``check_sets`` (validation rows and
    reference rows), so early stopping watches both the corrections and what the model must not
    forget. With no check rows every epoch runs and the last weights are kept.
    """
    started = time.perf_counter()
    generator = torch.Generator().manual_seed(settings.seed)
    pad_id = int(getattr(tokenizer, "pad_token_id", None) or getattr(model.config, "pad_token_id", None) or 0)
    batches = BatchMaker(pad_id, use_type_ids, device)
    autocast, scaler = autocast_for(device)

    encoded_train = EncodedRows(tokenizer, train.texts, settings.max_length)
    checks = [(EncodedRows(tokenizer, rows.texts, settings.max_length), rows.label_ids) for rows in check_sets if len(rows)]

    per_epoch = steps_per_epoch(len(train), settings.batch_size)
    total_steps = per_epoch * settings.epochs
    optimizer, scheduler = make_optimizer(model, settings, total_steps)
    outcome = LoopOutcome(False, 0, total_steps, 0, None, False)
    best_loss = math.inf
    best_state: dict[str, torch.Tensor] | None = None
    epochs_without_gain = 0

    model.train()
    for epoch in range(1, settings.epochs + 1):
        for rows in plan_epoch(sample_weights, encoded_train.lengths, settings.batch_size, generator):
            if should_stop is not None and should_stop():
                outcome.cancelled = True
                log.info("Fine-tuning cancelled before step %d of %d", outcome.steps_done + 1, total_steps)
                return outcome

            loss = _train_step(model, batches.inputs(encoded_train, rows), train.label_ids[rows], optimizer, scaler, autocast)
            scheduler.step()
            outcome.steps_done += 1
            outcome.train_losses.append(loss)
            if progress is not None:
                elapsed = time.perf_counter() - started
                progress(TrainingProgress(outcome.steps_done, total_steps, epoch, settings.epochs, loss, elapsed))

        outcome.epochs_run = epoch
        if not checks:
            continue
        losses = [mean_loss(model, encoded, ids, batches, autocast) for encoded, ids in checks]
        check_loss = float(np.average(losses, weights=[len(encoded) for encoded, _ in checks]))
        outcome.check_losses.append(check_loss)
        log.info("Epoch %d: check loss %.4f", epoch, check_loss)
        if check_loss < best_loss - 1e-6:
            best_loss = check_loss
            outcome.best_epoch = epoch
            best_state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
            epochs_without_gain = 0
        else:
            epochs_without_gain += 1
            if epochs_without_gain >= settings.patience and epoch < settings.epochs:
                outcome.stopped_early = True
                log.info("Early stopping after epoch %d; keeping epoch %d", epoch, outcome.best_epoch)
                break

    if best_state is not None and outcome.best_epoch != outcome.epochs_run:
        model.load_state_dict(best_state)
    model.eval()
    return outcome


def _train_step(model, inputs, targets: np.ndarray, optimizer, scaler, autocast) -> float:
    with autocast():
        logits = model(**inputs).logits
    loss = torch.nn.functional.cross_entropy(logits.float(), torch.from_numpy(targets).to(logits.device))
    if scaler is not None:
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), GRADIENT_CLIP_NORM)
        scaler.step(optimizer)
        scaler.update()
    else:
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), GRADIENT_CLIP_NORM)
        optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return float(loss.detach())
