"""Fine-tune a sequence-classification model on the analyst's labelled rows, with guard rails.

:func:`finetune` takes plain texts and labels, so the GUI, the project store and the command
line all call it the same way. It never writes to disk and never changes the model it was
given: it trains a copy, compares the copy with the original on held-out rows, and returns the
copy with before/after metrics and an ``is_worse`` verdict. Saving a version and making it
active is the caller's decision (see :mod:`review_labeler.core.model_versions`).

The recipe, with its constants in :mod:`review_labeler.core.finetune_data` and below:

* labels are mapped through the model's ``label2id``;
* a stratified validation split is held out from the labelled rows;
* a balanced, capped replay sample of confident old predictions is mixed in, and part of it is
  held out as reference rows;
* a weighted sampler draws rare labels more often than they occur (square-root balance);
* training runs few epochs at a low learning rate, with frozen word embeddings and at most 128
  tokens per review, and stops early on the loss over the validation and reference rows.
"""

from __future__ import annotations

import copy
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from .finetune_data import (
    DEFAULT_BALANCE_POWER,
    DEFAULT_VALIDATION_SHARE,
    LabelledRows,
    ReplayCandidates,
    encode_labels,
    prepare_data,
)
from .finetune_loop import LoopSettings, TrainingProgress, run_loop
from .inference import classify_texts
from .messages import text
from .metrics import compute_metrics
from .model_loading import LoadedModel, load_model, resolve_device

if TYPE_CHECKING:
    from .model_versions import VersionMetadata

log = logging.getLogger(__name__)

DEFAULT_EPOCHS = 3
DEFAULT_BATCH_SIZE = 16
# Low compared with training from scratch, so a few hundred rows adjust the model without
# overwriting it.
DEFAULT_LEARNING_RATE = 5e-5
DEFAULT_WEIGHT_DECAY = 0.01
DEFAULT_WARMUP_SHARE = 0.1
# Most reviews are far shorter than 128 tokens, and the limit keeps CPU steps fast.
TRAIN_MAX_LENGTH = 128
EARLY_STOPPING_PATIENCE = 1
DEFAULT_SEED = 42

# The new model counts as worse when its accuracy on a check set drops by more than this.
ACCURACY_DROP_MARGIN = 0.05
# Accuracy differences this small are float noise, not a drop.
_FLOAT_TOLERANCE = 1e-9

__all__ = [
    "ACCURACY_DROP_MARGIN",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_EPOCHS",
    "DEFAULT_LEARNING_RATE",
    "FinetuneResult",
    "FinetuneSettings",
    "LabelledRows",
    "ReplayCandidates",
    "SetMetrics",
    "TrainingProgress",
    "finetune",
]


@dataclass
class FinetuneSettings:
    """Settings of one fine-tune. The defaults are the recipe described in the module docstring."""

    epochs: int = DEFAULT_EPOCHS
    batch_size: int = DEFAULT_BATCH_SIZE
    learning_rate: float = DEFAULT_LEARNING_RATE
    weight_decay: float = DEFAULT_WEIGHT_DECAY
    warmup_share: float = DEFAULT_WARMUP_SHARE
    max_length: int = TRAIN_MAX_LENGTH
    validation_share: float = DEFAULT_VALIDATION_SHARE
    patience: int = EARLY_STOPPING_PATIENCE
    freeze_word_embeddings: bool = True
    balance_power: float = DEFAULT_BALANCE_POWER
    allow_single_label: bool = False
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_size < 1 or self.max_length < 8:
            raise ValueError(f"epochs and batch_size must be positive and max_length at least 8: {self}")
        if not 0.0 <= self.validation_share < 1.0:
            raise ValueError(f"validation_share must be in [0, 1), got {self.validation_share}")
        if not 0.0 <= self.balance_power <= 1.0:
            raise ValueError(f"balance_power must be in [0, 1], got {self.balance_power}")


@dataclass
class SetMetrics:
    """Accuracy and macro-F1 of one model on one check set, with how often it predicted each label."""

    rows: int
    accuracy: float
    macro_f1: float
    predicted_counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FinetuneResult:
    """Outcome of :func:`finetune`.

    ``model`` is the trained copy in float32 and eval mode, or None when cancelled. ``before``
    and ``after`` map a check-set name ("validation", "reference") to the metrics of the old and
    the new model. ``verdict`` lists the plain reasons behind ``is_worse``, and ``messages`` lists
    notes about the data, such as labels kept out of validation or missing replay rows.
    """

    cancelled: bool
    label_names: list[str]
    model: Any = None
    tokenizer: Any = None
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    input_names: list[str] = field(default_factory=list)
    inference_max_length: int = 512
    before: dict[str, SetMetrics] = field(default_factory=dict)
    after: dict[str, SetMetrics] = field(default_factory=dict)
    is_worse: bool = False
    verdict: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    steps_done: int = 0
    total_steps: int = 0
    epochs_run: int = 0
    best_epoch: int | None = None
    stopped_early: bool = False
    seconds: float = 0.0
    train_seconds: float = 0.0
    settings: FinetuneSettings | None = None

    @property
    def was_checked(self) -> bool:
        """Return True if the new model was compared with the old one on any rows."""
        return bool(self.after)

    def as_loaded_model(self, source: str = "fine-tuned") -> LoadedModel:
        """Wrap the trained model for :func:`review_labeler.core.inference.classify_texts`."""
        if self.model is None:
            raise ValueError("the fine-tune was cancelled, so there is no model")
        return LoadedModel(
            model=self.model,
            tokenizer=self.tokenizer,
            device=self.device,
            label_names=list(self.label_names),
            max_length=self.inference_max_length,
            source=source,
            input_names=list(self.input_names),
            dtype=next(self.model.parameters()).dtype,
        )

    def metrics_dict(self) -> dict[str, Any]:
        """Return before/after metrics and the verdict as plain JSON-ready values."""
        return {
            "before": {name: metrics.as_dict() for name, metrics in self.before.items()},
            "after": {name: metrics.as_dict() for name, metrics in self.after.items()},
            "is_worse": self.is_worse,
            "verdict": list(self.verdict),
        }

    def training_dict(self) -> dict[str, Any]:
        """Return the settings and the course of training as plain JSON-ready values."""
        return {
            "settings": asdict(self.settings) if self.settings else {},
            "steps": self.steps_done,
            "planned_steps": self.total_steps,
            "epochs_run": self.epochs_run,
            "best_epoch": self.best_epoch,
            "stopped_early": self.stopped_early,
            "seconds": round(self.seconds, 3),
            "train_seconds": round(self.train_seconds, 3),
            "messages": list(self.messages),
        }


def version_metadata(result: FinetuneResult, parent_id: int | None = None, notes: str = "") -> "VersionMetadata":
    """Return the record that :meth:`ModelVersions.save_new` stores for the model of ``result``."""
    from .model_versions import VersionMetadata

    kinds = ("corrections", "accepted", "known", "replay")
    return VersionMetadata(
        parent_id=parent_id,
        row_counts={kind: int(result.row_counts.get(kind, 0)) for kind in kinds},
        metrics=result.metrics_dict(),
        training=result.training_dict(),
        notes=notes,
    )


def finetune(
    model: LoadedModel | str | os.PathLike[str],
    texts: Sequence[str],
    labels: Sequence[str | int],
    *,
    kinds: Sequence[str] | str = "correction",
    replay: ReplayCandidates | None = None,
    reference: tuple[Sequence[str], Sequence[str | int]] | None = None,
    settings: FinetuneSettings | None = None,
    device: str | None = None,
    progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FinetuneResult:
    """Fine-tune ``model`` on ``texts`` labelled with ``labels`` and compare it with the original.

    ``labels`` are label names or ids of the model; names are mapped through the model's
    ``label2id``, and an unknown name raises :class:`~review_labeler.core.errors.FinetuneError`.
    ``kinds`` marks each row as a "correction", an "accepted" prediction or a "known" label, which
    the version record counts. ``replay`` offers rows the previous model labelled; a
    balanced sample of the confident ones is mixed in. ``reference`` is an optional set of
    (texts, labels) that must stay right; it is checked but never trained on.

    The inputs are copied when the call starts, so rows the caller edits during training go into
    the next round. ``progress`` is called after every optimizer step; ``should_stop`` is checked
    before every step and before each evaluation. A cancelled run returns ``cancelled=True``
    and no model. Raises FinetuneError for rows that cannot be trained on (too few, one label).
    """
    started = time.perf_counter()
    settings = settings or FinetuneSettings()
    loaded = model if isinstance(model, LoadedModel) else load_model(model, device=device or "auto", precision="fp32")
    train_device = resolve_device(device) if device else loaded.device
    label_names = list(loaded.label_names)

    rows = LabelledRows.build(list(texts), encode_labels(list(labels), label_names), kinds)
    reference_rows = None
    if reference is not None:
        reference_texts, reference_labels = reference
        reference_rows = LabelledRows.build(list(reference_texts), encode_labels(list(reference_labels), label_names), "known")
    data = prepare_data(
        rows,
        label_names,
        replay=replay,
        reference=reference_rows,
        validation_share=settings.validation_share,
        allow_single_label=settings.allow_single_label,
        balance_power=settings.balance_power,
        seed=settings.seed,
    )
    result = FinetuneResult(cancelled=False, label_names=label_names, messages=list(data.messages),
                            row_counts=dict(data.row_counts), settings=settings)
    check_sets = {"validation": data.validation, "reference": data.reference}

    if _stop_requested(should_stop):
        return _cancelled(result, started)
    result.before = evaluate_sets(loaded, check_sets)

    trainable = _trainable_copy(loaded, train_device)
    loop_settings = LoopSettings(
        epochs=settings.epochs,
        batch_size=settings.batch_size,
        learning_rate=settings.learning_rate,
        weight_decay=settings.weight_decay,
        warmup_share=settings.warmup_share,
        max_length=min(settings.max_length, loaded.max_length),
        patience=settings.patience,
        freeze_word_embeddings=settings.freeze_word_embeddings,
        seed=settings.seed,
    )
    train_started = time.perf_counter()
    fork_devices = []
    if train_device.type == "cuda":
        fork_devices = [train_device.index if train_device.index is not None else torch.cuda.current_device()]
    with torch.random.fork_rng(devices=fork_devices):
        # Dropout draws from the global generator; forking it keeps runs reproducible without
        # disturbing the caller's random state.
        torch.manual_seed(settings.seed)
        outcome = run_loop(
            trainable, loaded.tokenizer, data.train, data.sample_weights,
            [data.validation, data.reference], loop_settings, train_device,
            "token_type_ids" in loaded.input_names, progress=progress, should_stop=should_stop,
        )
    result.train_seconds = time.perf_counter() - train_started
    result.steps_done = outcome.steps_done
    result.total_steps = outcome.total_steps
    result.epochs_run = outcome.epochs_run
    result.best_epoch = outcome.best_epoch
    result.stopped_early = outcome.stopped_early
    if outcome.cancelled or _stop_requested(should_stop):
        del trainable
        return _cancelled(result, started)

    _store_label_names(trainable, label_names)
    result.model = trainable
    result.tokenizer = loaded.tokenizer
    result.device = train_device
    result.input_names = list(loaded.input_names)
    result.inference_max_length = loaded.max_length
    result.after = evaluate_sets(result.as_loaded_model(), check_sets)
    result.verdict = judge(result.before, result.after, label_names)
    result.is_worse = bool(result.verdict)
    result.seconds = time.perf_counter() - started
    log.info(
        "Fine-tuned %s: %d steps in %.1f s (%d epochs, best %s); worse: %s",
        loaded.source, result.steps_done, result.train_seconds, result.epochs_run, result.best_epoch, result.is_worse,
    )
    return result


def _stop_requested(should_stop: Callable[[], bool] | None) -> bool:
    return should_stop is not None and bool(should_stop())


def _cancelled(result: FinetuneResult, started: float) -> FinetuneResult:
    result.cancelled = True
    result.model = None
    result.messages.append(text("finetune.cancelled"))
    result.seconds = time.perf_counter() - started
    return result


def _trainable_copy(loaded: LoadedModel, device: torch.device) -> torch.nn.Module:
    """Return a float32 copy of the model on ``device``, leaving the original untouched.

    A model loaded in bfloat16 or float16 for inference is read again from its source in
    float32, because training from rounded weights would save the rounding into the new version.
    """
    if loaded.dtype == torch.float32:
        trainable = copy.deepcopy(loaded.model)
    else:
        log.info("Reloading %s in float32 for training (loaded as %s)", loaded.source, loaded.dtype)
        trainable = load_model(loaded.source, device=str(device), precision="fp32").model
    trainable.to(device=device, dtype=torch.float32)
    for parameter in trainable.parameters():
        parameter.requires_grad_(True)
    return trainable


def _store_label_names(model: torch.nn.Module, label_names: list[str]) -> None:
    # Rewrite both maps from one list, so a config whose label2id disagreed with id2label is
    # saved consistent with the ids the model was trained on.
    model.config.id2label = dict(enumerate(label_names))
    model.config.label2id = {name: index for index, name in enumerate(label_names)}


def evaluate_sets(loaded: LoadedModel, check_sets: dict[str, LabelledRows]) -> dict[str, SetMetrics]:
    """Classify each non-empty check set with ``loaded`` and return its metrics by set name."""
    metrics: dict[str, SetMetrics] = {}
    for name, rows in check_sets.items():
        if not len(rows):
            continue
        predicted = classify_texts(loaded, list(rows.texts)).label_ids
        scores = compute_metrics(rows.label_ids, predicted, loaded.label_names)
        counts = {label: int((predicted == index).sum()) for index, label in enumerate(loaded.label_names)}
        metrics[name] = SetMetrics(int(scores.support), float(scores.accuracy), float(scores.macro_f1), counts)
    return metrics


def judge(before: dict[str, SetMetrics], after: dict[str, SetMetrics], label_names: list[str]) -> list[str]:
    """Return the plain reasons why the new model is worse, or an empty list.

    The new model is worse when its accuracy on any check set falls by more than
    ``ACCURACY_DROP_MARGIN``, or when it never predicts a label that the old model predicted
    somewhere in the check sets.
    """
    reasons: list[str] = []
    for name, old in before.items():
        new = after.get(name)
        if new is None:
            continue
        if old.accuracy - new.accuracy > ACCURACY_DROP_MARGIN + _FLOAT_TOLERANCE:
            reasons.append(text("finetune.worse_accuracy", set=text(f"finetune.set.{name}"), before=old.accuracy, after=new.accuracy))

    for label in label_names:
        predicted_before = sum(metrics.predicted_counts.get(label, 0) for metrics in before.values())
        predicted_after = sum(metrics.predicted_counts.get(label, 0) for metrics in after.values())
        if predicted_before > 0 and predicted_after == 0:
            reasons.append(text("finetune.label_vanished", label=label))
    return reasons


def save_result(result: FinetuneResult, folder: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the fine-tuned checkpoint of ``result`` into ``folder`` atomically and return the folder."""
    from .model_versions import save_checkpoint_atomically

    if result.model is None:
        raise ValueError("the fine-tune was cancelled, so there is nothing to save")
    extra = {"training.json": {"metrics": result.metrics_dict(), "training": result.training_dict(), "rows": result.row_counts}}
    return save_checkpoint_atomically(result.model, result.tokenizer, Path(folder), overwrite=overwrite, extra_json=extra)
