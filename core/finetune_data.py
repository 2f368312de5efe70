"""Prepare the rows of one fine-tuning run: label ids, validation split, replay sample and sampling weights.

The recipe guards against the usual ways a few one-sided corrections wreck a model. It holds
out a stratified validation split from the labelled rows. It mixes in a replay sample of rows
the previous model labelled with high confidence, balanced over labels, capped, and partly
held out as reference rows. Its sampling weights draw rare labels more often than they occur.

Every function here takes plain texts and label ids, so the project store and the GUI can call
it with whatever rows they have. Nothing here reads files or touches the model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .errors import FinetuneError
from .messages import text
from .text_cleaning import clean_review_text, is_blank

log = logging.getLogger(__name__)

# Below this many usable labelled rows a fine-tune learns noise, so it is rejected.
MIN_LABELLED_ROWS = 10
# A label needs this many labelled rows before any of them are held out for validation. With
# fewer, every row of that label is needed for training.
MIN_LABEL_ROWS_FOR_VALIDATION = 5
DEFAULT_VALIDATION_SHARE = 0.2

# Only predictions at least this confident are trusted as replay rows.
REPLAY_MIN_CONFIDENCE = 0.9
# Size of the replay sample: this many replay rows per labelled row, within the bounds below.
REPLAY_ROWS_PER_LABELLED_ROW = 1.0
REPLAY_MIN_ROWS = 40
REPLAY_MAX_ROWS = 400
# Share of the replay sample held out as reference rows (never trained on) to measure forgetting.
REPLAY_REFERENCE_SHARE = 0.25

# Within one label, a labelled row is drawn this many times as often as a replay row, so the
# analyst's rows are learned while the replay rows still anchor the label.
LABELLED_ROW_WEIGHT = 3.0
# How far the sampler evens out the labels (see sampling_weights). Corrections are often
# one-sided, so a rare label must be drawn more often than it occurs. Full balance (1.0) also
# pulls the model's prior towards equal labels: on shop reviews that are 98% positive it lowered
# accuracy in tests/benchmarks/bench_finetune_real.py, where square-root balance (0.5) raised it.
# Square-root balance lifts a label with 5% of the rows to about 19% of the draws.
DEFAULT_BALANCE_POWER = 0.5

# Kinds of labelled rows, in order of precedence when one text has several rows.
ROW_KINDS = ("correction", "accepted", "known")
REPLAY_KIND = "replay"


@dataclass(frozen=True)
class LabelledRows:
    """Review texts with label ids in the model's numbering, and the kind of each row."""

    texts: tuple[str, ...]
    label_ids: np.ndarray
    kinds: tuple[str, ...]

    def __post_init__(self) -> None:
        if not (len(self.texts) == len(self.label_ids) == len(self.kinds)):
            raise ValueError(
                f"texts, label ids and kinds differ in length: {len(self.texts)}, {len(self.label_ids)}, {len(self.kinds)}"
            )

    @classmethod
    def build(cls, texts: Sequence[str], label_ids: Sequence[int] | np.ndarray, kinds: Sequence[str] | str = "correction") -> "LabelledRows":
        """Copy the inputs, so later edits by the caller never reach a running fine-tune."""
        kind_list = [kinds] * len(texts) if isinstance(kinds, str) else list(kinds)
        unknown = sorted(set(kind_list) - set(ROW_KINDS) - {REPLAY_KIND})
        if unknown:
            raise ValueError(f"unknown row kinds {unknown}; expected {ROW_KINDS + (REPLAY_KIND,)}")
        return cls(_as_texts(texts), np.array(label_ids, dtype=np.int64).reshape(-1), tuple(kind_list))

    @classmethod
    def empty(cls) -> "LabelledRows":
        return cls((), np.zeros(0, dtype=np.int64), ())

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, indices: np.ndarray) -> "LabelledRows":
        return LabelledRows(
            tuple(self.texts[i] for i in indices), self.label_ids[indices].copy(), tuple(self.kinds[i] for i in indices)
        )

    def count_kinds(self) -> dict[str, int]:
        return {kind: self.kinds.count(kind) for kind in ROW_KINDS + (REPLAY_KIND,)}


@dataclass(frozen=True)
class ReplayCandidates:
    """Rows the previous model labelled, with its predicted label ids and their probabilities.

    For the bundled model, its original training rows can be passed with confidence 1.0
    through :meth:`from_known_labels`.
    """

    texts: tuple[str, ...]
    label_ids: np.ndarray
    confidences: np.ndarray

    def __post_init__(self) -> None:
        if not (len(self.texts) == len(self.label_ids) == len(self.confidences)):
            raise ValueError("replay texts, label ids and confidences differ in length")

    @classmethod
    def build(cls, texts: Sequence[str], label_ids: Sequence[int] | np.ndarray, confidences: Sequence[float] | np.ndarray) -> "ReplayCandidates":
        return cls(
            _as_texts(texts),
            np.array(label_ids, dtype=np.int64).reshape(-1),
            np.array(confidences, dtype=np.float64).reshape(-1),
        )

    @classmethod
    def from_known_labels(cls, texts: Sequence[str], label_ids: Sequence[int] | np.ndarray) -> "ReplayCandidates":
        return cls.build(texts, label_ids, np.ones(len(texts)))

    def __len__(self) -> int:
        return len(self.texts)


def _as_texts(values: Sequence[str | None]) -> tuple[str, ...]:
    # Empty cells may arrive as None; they become blank texts, which are skipped later.
    return tuple("" if value is None else str(value) for value in values)


@dataclass
class PreparedData:
    """The rows of one fine-tuning run, split by role, plus the notes to show the user."""

    train: LabelledRows
    validation: LabelledRows
    reference: LabelledRows
    sample_weights: np.ndarray
    messages: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)


def encode_labels(labels: Sequence[str | int], label_names: Sequence[str]) -> np.ndarray:
    """Return the model's label id for each label name (or id) in ``labels``.

    Names are looked up in the model's own label list, so the ids follow the model's
    ``id2label`` and never the order in which labels appear in the data. An unknown name or an
    out-of-range id raises :class:`FinetuneError` naming the value and the model's labels.
    """
    label2id = {name: index for index, name in enumerate(label_names)}
    stripped = {name.strip(): index for index, name in enumerate(label_names)}
    ids = np.empty(len(labels), dtype=np.int64)
    for position, label in enumerate(labels):
        if isinstance(label, (int, np.integer)) and not isinstance(label, bool):
            if not 0 <= int(label) < len(label_names):
                raise FinetuneError(text("finetune.bad_label_id", label_id=int(label), last=len(label_names) - 1))
            ids[position] = int(label)
            continue
        name = str(label)
        if name in label2id:
            ids[position] = label2id[name]
        elif name.strip() in stripped:
            ids[position] = stripped[name.strip()]
        else:
            raise FinetuneError(text("finetune.unknown_label", label=name, labels=", ".join(label_names)))
    return ids


def check_label_ids(label_ids: np.ndarray, num_labels: int) -> None:
    """Raise FinetuneError for a label id outside the model's range."""
    bad = label_ids[(label_ids < 0) | (label_ids >= num_labels)]
    if len(bad):
        raise FinetuneError(text("finetune.bad_label_id", label_id=int(bad[0]), last=num_labels - 1))


def deduplicate(rows: LabelledRows) -> tuple[LabelledRows, int]:
    """Keep one row per cleaned text and drop texts whose rows disagree on the label.

    Returns the remaining rows and the number of conflicting texts dropped. Blank texts are
    dropped too. When one text has rows of several kinds, the kind earliest in ``ROW_KINDS``
    wins, so a correction is never counted as a mere accepted prediction.
    """
    first_row: dict[str, int] = {}
    labels_seen: dict[str, set[int]] = {}
    best_kind: dict[str, str] = {}
    for index, raw in enumerate(rows.texts):
        if is_blank(raw):
            continue
        key = clean_review_text(raw)
        first_row.setdefault(key, index)
        labels_seen.setdefault(key, set()).add(int(rows.label_ids[index]))
        kind = rows.kinds[index]
        if key not in best_kind or _kind_rank(kind) < _kind_rank(best_kind[key]):
            best_kind[key] = kind

    keep = [index for key, index in first_row.items() if len(labels_seen[key]) == 1]
    conflicting = sum(1 for labels in labels_seen.values() if len(labels) > 1)
    kept = rows.subset(np.array(keep, dtype=np.int64))
    kinds = tuple(best_kind[clean_review_text(value)] for value in kept.texts)
    return LabelledRows(kept.texts, kept.label_ids, kinds), conflicting


def _kind_rank(kind: str) -> int:
    return ROW_KINDS.index(kind) if kind in ROW_KINDS else len(ROW_KINDS)


def check_trainable(rows: LabelledRows, label_names: Sequence[str], *, allow_single_label: bool = False) -> None:
    """Raise FinetuneError when ``rows`` are too few or all carry the same label.

    Single-label rows are checked first because that message names what the analyst must add.
    ``allow_single_label`` lets a caller that supplies replay rows of the other labels proceed.
    """
    present = np.unique(rows.label_ids)
    if len(present) == 1 and not allow_single_label:
        raise FinetuneError(text("finetune.single_class", label=label_names[int(present[0])]))
    if len(rows) < MIN_LABELLED_ROWS:
        raise FinetuneError(text("finetune.too_few_rows", count=len(rows), minimum=MIN_LABELLED_ROWS))


def stratified_split(
    label_ids: np.ndarray, share: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Split row indices into training and validation, label by label.

    A label with at least ``MIN_LABEL_ROWS_FOR_VALIDATION`` rows gives ``share`` of them (at
    least one) to validation. Returns training indices, validation indices and the label ids
    kept wholly in training.
    """
    train_parts, validation_parts, kept_in_training = [], [], []
    for label_id in np.unique(label_ids):
        members = rng.permutation(np.flatnonzero(label_ids == label_id))
        held_out = 0
        if share > 0 and len(members) >= MIN_LABEL_ROWS_FOR_VALIDATION:
            held_out = min(len(members) - 1, max(1, int(round(share * len(members)))))
        elif share > 0:
            kept_in_training.append(int(label_id))
        validation_parts.append(members[:held_out])
        train_parts.append(members[held_out:])
    train = np.sort(np.concatenate(train_parts)) if train_parts else np.zeros(0, dtype=np.int64)
    validation = np.sort(np.concatenate(validation_parts)) if validation_parts else np.zeros(0, dtype=np.int64)
    return train.astype(np.int64), validation.astype(np.int64), kept_in_training


def replay_target_size(labelled_rows: int) -> int:
    """Return how many replay rows to draw for ``labelled_rows`` labelled rows."""
    wanted = int(round(labelled_rows * REPLAY_ROWS_PER_LABELLED_ROW))
    return int(min(REPLAY_MAX_ROWS, max(REPLAY_MIN_ROWS, wanted)))


def select_replay(
    candidates: ReplayCandidates,
    *,
    exclude_texts: set[str],
    target_rows: int,
    num_labels: int,
    rng: np.random.Generator,
    min_confidence: float = REPLAY_MIN_CONFIDENCE,
) -> LabelledRows:
    """Draw a replay sample: confident predictions, at most ``target_rows // num_labels`` per label.

    Candidates whose cleaned text is in ``exclude_texts`` (the labelled rows) are skipped, because
    the analyst's label wins over the old prediction. Rows are drawn at random among the
    confident ones rather than the most confident first, which would keep only the easiest
    reviews. A label with too few confident rows contributes what it has; the sampling weights
    balance the labels afterwards.
    """
    per_label = max(1, target_rows // max(1, num_labels))
    seen: set[str] = set()
    pools: dict[int, list[int]] = {label_id: [] for label_id in range(num_labels)}
    confident = np.isfinite(candidates.confidences) & (candidates.confidences >= min_confidence)
    # Visiting the candidates in random order and stopping when every pool is full draws a
    # uniform sample without cleaning every text of a large table.
    for index in rng.permutation(np.flatnonzero(confident)):
        label_id = int(candidates.label_ids[index])
        if label_id not in pools or len(pools[label_id]) >= per_label or is_blank(candidates.texts[index]):
            continue
        key = clean_review_text(candidates.texts[index])
        if key in exclude_texts or key in seen:
            continue
        seen.add(key)
        pools[label_id].append(int(index))
        if all(len(members) >= per_label for members in pools.values()):
            break

    chosen = sorted(index for members in pools.values() for index in members)
    log.info("Replay sample per label id: %s", {label_id: len(members) for label_id, members in pools.items()})
    return LabelledRows(
        tuple(candidates.texts[i] for i in chosen),
        candidates.label_ids[np.array(chosen, dtype=np.int64)].copy() if chosen else np.zeros(0, dtype=np.int64),
        (REPLAY_KIND,) * len(chosen),
    )


def sampling_weights(
    rows: LabelledRows,
    num_labels: int,
    *,
    labelled_weight: float = LABELLED_ROW_WEIGHT,
    balance_power: float = DEFAULT_BALANCE_POWER,
) -> np.ndarray:
    """Return one sampling weight per row; the weights of each label sum to that label's share of draws.

    A label with n rows gets a share proportional to ``n ** (1 - balance_power)``: 1.0 gives every
    label present the same share, 0.0 keeps the labels as frequent as they are in ``rows``.
    Inside a label, a labelled row weighs ``labelled_weight`` times a replay row.
    """
    raw = np.where(np.array([kind == REPLAY_KIND for kind in rows.kinds], dtype=bool), 1.0, labelled_weight)
    counts = np.array([int((rows.label_ids == label_id).sum()) for label_id in range(num_labels)], dtype=np.float64)
    shares = np.where(counts > 0, counts ** (1.0 - balance_power), 0.0)
    shares = shares / shares.sum() if shares.sum() > 0 else shares

    weights = np.zeros(len(rows), dtype=np.float64)
    for label_id in range(num_labels):
        members = rows.label_ids == label_id
        total = raw[members].sum()
        if total > 0:
            weights[members] = shares[label_id] * raw[members] / total
    return weights


def concatenate(first: LabelledRows, second: LabelledRows) -> LabelledRows:
    return LabelledRows(
        first.texts + second.texts, np.concatenate([first.label_ids, second.label_ids]), first.kinds + second.kinds
    )


def prepare_data(
    rows: LabelledRows,
    label_names: Sequence[str],
    *,
    replay: ReplayCandidates | None = None,
    reference: LabelledRows | None = None,
    validation_share: float = DEFAULT_VALIDATION_SHARE,
    allow_single_label: bool = False,
    balance_power: float = DEFAULT_BALANCE_POWER,
    seed: int = 0,
) -> PreparedData:
    """Split ``rows`` into training and validation, add a replay sample and compute sampling weights.

    ``reference`` rows given by the caller are never trained on. They are checked together with
    the held-out part of the replay sample to measure forgetting.
    """
    rng = np.random.default_rng(seed)
    num_labels = len(label_names)
    check_label_ids(rows.label_ids, num_labels)
    messages: list[str] = []

    rows, conflicting = deduplicate(rows)
    if conflicting:
        messages.append(text("finetune.conflicting_texts", count=conflicting))
    check_trainable(rows, label_names, allow_single_label=allow_single_label)

    train_index, validation_index, kept = stratified_split(rows.label_ids, validation_share, rng)
    for label_id in kept:
        count = int((rows.label_ids == label_id).sum())
        messages.append(text("finetune.class_not_validated", label=label_names[label_id], count=count))
    train = rows.subset(train_index)
    validation = rows.subset(validation_index)

    reference = reference or LabelledRows.empty()
    check_label_ids(reference.label_ids, num_labels)
    replay_rows = LabelledRows.empty()
    if replay is not None and len(replay):
        check_label_ids(replay.label_ids, num_labels)
        exclude = {clean_review_text(value) for value in rows.texts + reference.texts}
        replay_rows = select_replay(
            replay, exclude_texts=exclude, target_rows=replay_target_size(len(rows)), num_labels=num_labels, rng=rng
        )
    if not len(replay_rows):
        messages.append(text("finetune.no_replay"))

    replay_train_index, replay_reference_index, _ = stratified_split(replay_rows.label_ids, REPLAY_REFERENCE_SHARE, rng)
    reference = concatenate(reference, replay_rows.subset(replay_reference_index))
    train = concatenate(train, replay_rows.subset(replay_train_index))
    if not len(validation) and not len(reference):
        messages.append(text("finetune.no_check_rows"))

    if len(np.unique(train.label_ids)) < 2:
        # Even the replay rows added no second label, so training could only learn one label.
        present = int(train.label_ids[0]) if len(train) else 0
        raise FinetuneError(text("finetune.single_class", label=label_names[present]))

    counts = rows.count_kinds()
    row_counts = {
        "corrections": counts["correction"],
        "accepted": counts["accepted"],
        "known": counts["known"],
        "replay": len(replay_rows),
        "train": len(train),
        "validation": len(validation),
        "reference": len(reference),
    }
    log.info("Fine-tuning rows: %s", row_counts)
    return PreparedData(train, validation, reference, sampling_weights(train, num_labels, balance_power=balance_power), messages, row_counts)
