"""Classify review texts with a loaded model, keeping every result on its own row.

Rows are processed in windows of a few tens of thousands. Inside a window the texts are
tokenised in one call, sorted by token count (longest first) and cut into batches bounded by a
row count and a padded-token budget. Every batch carries the positions of its rows, and results
are written back by position, never by text or by arrival order. The loop checks for
cancellation between batches and returns what it finished.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

import numpy as np
import torch

from .errors import InferenceError
from .messages import text
from .model_loading import LoadedModel
from .text_cleaning import clean_review_text, is_blank

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 64
DEFAULT_MAX_TOKENS = 16384
WINDOW_ROWS = 32768


class RowStatus(enum.IntEnum):
    """Classification state of one row."""

    PENDING = 0
    CLASSIFIED = 1
    NO_TEXT = 2
    FAILED = 3


@dataclass
class ProgressEvent:
    """Progress of a classification run.

    ``done_work`` and ``total_work`` count tokens, which track time far better than rows when
    batches are sorted by length; use them for the progress bar and the ETA.
    """

    done_rows: int
    total_rows: int
    done_work: int
    total_work: int
    elapsed: float

    @property
    def fraction(self) -> float:
        return self.done_work / self.total_work if self.total_work else 1.0

    @property
    def eta_seconds(self) -> float | None:
        if self.done_work <= 0 or self.total_work <= 0:
            return None
        return self.elapsed * (self.total_work - self.done_work) / self.done_work


@dataclass
class BatchResult:
    """Results of one batch, addressed by row position in the input."""

    positions: np.ndarray
    label_ids: np.ndarray
    probabilities: np.ndarray
    truncated: np.ndarray


@dataclass
class ClassificationResult:
    """Per-row results in input order; rows without a prediction have label id -1."""

    label_ids: np.ndarray
    probabilities: np.ndarray
    truncated: np.ndarray
    status: np.ndarray
    label_names: list[str]
    cancelled: bool = False
    seconds: float = 0.0
    batch_size_used: int = 0
    messages: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, row_count: int, label_names: list[str]) -> "ClassificationResult":
        return cls(
            label_ids=np.full(row_count, -1, dtype=np.int64),
            probabilities=np.full((row_count, len(label_names)), np.nan, dtype=np.float32),
            truncated=np.zeros(row_count, dtype=bool),
            status=np.full(row_count, RowStatus.PENDING, dtype=np.uint8),
            label_names=list(label_names),
        )

    def __len__(self) -> int:
        return len(self.label_ids)

    @property
    def confidence(self) -> np.ndarray:
        """Probability of the predicted label per row (NaN where there is none)."""
        result = np.full(len(self.label_ids), np.nan, dtype=np.float32)
        done = self.label_ids >= 0
        result[done] = self.probabilities[done, self.label_ids[done]]
        return result

    def label_name(self, row: int) -> str | None:
        label_id = int(self.label_ids[row])
        return self.label_names[label_id] if label_id >= 0 else None

    @property
    def classified_count(self) -> int:
        return int((self.status == RowStatus.CLASSIFIED).sum())

    @property
    def no_text_count(self) -> int:
        return int((self.status == RowStatus.NO_TEXT).sum())

    def apply(self, batch: BatchResult) -> None:
        """Write one batch's results into the rows it names."""
        self.label_ids[batch.positions] = batch.label_ids
        self.probabilities[batch.positions] = batch.probabilities
        self.truncated[batch.positions] = batch.truncated
        self.status[batch.positions] = RowStatus.CLASSIFIED


def check_result_matches(result: ClassificationResult, row_count: int) -> None:
    """Raise InferenceError unless ``result`` has exactly one entry per table row."""
    if len(result) != row_count or result.probabilities.shape[0] != row_count:
        raise InferenceError(text("inference.count_mismatch", got=len(result), expected=row_count))


@dataclass
class _Encoded:
    ids: list[list[int]]
    type_ids: list[list[int]]
    truncated: np.ndarray

    @cached_property
    def lengths(self) -> np.ndarray:
        return np.fromiter((len(ids) for ids in self.ids), dtype=np.int64, count=len(self.ids))


def _encode(loaded: LoadedModel, texts: list[str]) -> _Encoded:
    """Tokenise ``texts`` without padding, truncating to the model's maximum length."""
    backend = getattr(loaded.tokenizer, "backend_tokenizer", None)
    if backend is not None:
        return _encode_fast(loaded, backend, texts)
    return _encode_slow(loaded, texts)


def _encode_fast(loaded: LoadedModel, backend, texts: list[str]) -> _Encoded:
    from copy import deepcopy

    tokenizer = deepcopy(backend)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=loaded.max_length)
    encodings = tokenizer.encode_batch(texts, add_special_tokens=True)
    ids = [encoding.ids for encoding in encodings]
    type_ids = [encoding.type_ids for encoding in encodings]
    truncated = np.fromiter((bool(encoding.overflowing) for encoding in encodings), dtype=bool, count=len(encodings))
    return _Encoded(ids, type_ids, truncated)


def _encode_slow(loaded: LoadedModel, texts: list[str]) -> _Encoded:
    # One token over the limit tells whether truncation cut anything.
    probe = loaded.tokenizer(texts, truncation=True, max_length=loaded.max_length + 1, padding=False)
    truncated = np.array([len(ids) > loaded.max_length for ids in probe["input_ids"]], dtype=bool)
    encoded = loaded.tokenizer(
        texts, truncation=True, max_length=loaded.max_length, padding=False, return_token_type_ids=True
    )
    return _Encoded(list(encoded["input_ids"]), list(encoded["token_type_ids"]), truncated)


def plan_batches(lengths: np.ndarray, batch_size: int, max_tokens: int) -> list[np.ndarray]:
    """Split row indices into batches, longest rows first.

    Each batch holds at most ``batch_size`` rows and at most ``max_tokens`` padded tokens
    (rows × longest row), except that a single row always forms a batch of its own.
    """
    order = np.argsort(-lengths, kind="stable")
    batches = []
    start = 0
    while start < len(order):
        longest = max(int(lengths[order[start]]), 1)
        rows = max(1, min(batch_size, max_tokens // longest))
        batches.append(order[start : start + rows])
        start += rows
    return batches


class _WorkEstimate:
    """Token count of a whole run for progress reports, exact for the windows tokenised so far.

    Windows not tokenised yet are estimated from their characters (capped at four per token of
    the maximum length), scaled by the tokens per character of the tokenised windows. A run of
    one window is therefore counted exactly and tokenised only once. After the first window the
    total may only shrink, so that the reported fraction never moves backwards.
    """

    def __init__(self, texts: Sequence[str | None], windows: list[np.ndarray], max_length: int) -> None:
        cap = max_length * 4
        self._characters = [sum(min(len(str(texts[position])), cap) for position in window) for window in windows]
        self._tokens: list[int] = []
        self._total: int | None = None

    def add_tokenised_window(self, index: int, tokens: int) -> int:
        """Record the exact token count of window ``index`` and return the refined total."""
        self._tokens.append(tokens)
        known_tokens = sum(self._tokens)
        known_characters = sum(self._characters[: index + 1])
        tokens_per_character = known_tokens / known_characters if known_characters else 0.0
        estimate = known_tokens + round(sum(self._characters[index + 1 :]) * tokens_per_character)
        self._total = estimate if self._total is None else min(self._total, estimate)
        return self._total


class Classifier:
    """Runs a loaded model over texts; one instance per run, so it holds the run's state."""

    def __init__(
        self,
        loaded: LoadedModel,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        window_rows: int = WINDOW_ROWS,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.loaded = loaded
        self.batch_size = batch_size
        self.max_tokens = max(max_tokens, loaded.max_length)
        self.window_rows = window_rows
        self._pad_id = self._pad_token_id()

    def _pad_token_id(self) -> int:
        pad_id = getattr(self.loaded.tokenizer, "pad_token_id", None)
        if pad_id is None:
            pad_id = getattr(self.loaded.model.config, "pad_token_id", None)
        return int(pad_id or 0)

    def run(
        self,
        texts: Sequence[str | None],
        *,
        progress: Callable[[ProgressEvent], None] | None = None,
        on_batch: Callable[[BatchResult], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ClassificationResult:
        """Classify ``texts``; see the module docstring for the ordering guarantees."""
        started = time.perf_counter()
        result = ClassificationResult.empty(len(texts), self.loaded.label_names)

        blank = np.fromiter((is_blank(value) for value in texts), dtype=bool, count=len(texts))
        result.status[blank] = RowStatus.NO_TEXT
        positions = np.flatnonzero(~blank)
        windows = [positions[start : start + self.window_rows] for start in range(0, len(positions), self.window_rows)]
        work = _WorkEstimate(texts, windows, self.loaded.max_length)
        done_work = 0
        done_rows = 0

        try:
            for window_index, window in enumerate(windows):
                cleaned = [clean_review_text(texts[position]) for position in window]
                encoded = _encode(self.loaded, cleaned)
                lengths = encoded.lengths
                total_work = work.add_tokenised_window(window_index, int(lengths.sum()))

                for batch_rows in plan_batches(lengths, self.batch_size, self.max_tokens):
                    if should_stop is not None and should_stop():
                        result.cancelled = True
                        break
                    batch = self._run_batch(window, batch_rows, encoded)
                    result.apply(batch)
                    if on_batch is not None:
                        on_batch(batch)

                    done_rows += len(batch_rows)
                    done_work += int(lengths[batch_rows].sum())
                    if progress is not None:
                        # With several windows total_work is an estimate, so the last batch
                        # reports it exactly and the bar ends at 100 %.
                        reported_work = total_work if done_rows == len(positions) else min(done_work, total_work)
                        elapsed = time.perf_counter() - started
                        event = ProgressEvent(done_rows, len(positions), reported_work, total_work, elapsed)
                        progress(event)
                if result.cancelled:
                    break
        except InferenceError as error:
            # The rows finished before the failure stay usable by the caller.
            error.partial_result = result
            raise

        result.seconds = time.perf_counter() - started
        result.batch_size_used = self.batch_size
        log.info(
            "Classified %d of %d rows (%d without text) in %.2f s%s",
            result.classified_count, len(texts), result.no_text_count, result.seconds,
            " (cancelled)" if result.cancelled else "",
        )
        return result

    def _run_batch(self, window: np.ndarray, batch_rows: np.ndarray, encoded: _Encoded) -> BatchResult:
        """Run one batch, halving it on out-of-memory errors and retrying only what failed."""
        try:
            probabilities = self._forward(batch_rows, encoded)
        except torch.OutOfMemoryError as error:
            self._release_memory()
            if len(batch_rows) == 1:
                row_number = int(window[batch_rows[0]]) + 1
                raise InferenceError(text("inference.oom_row", row=row_number)) from error
            self.batch_size = max(1, len(batch_rows) // 2)
            self.max_tokens = max(self.loaded.max_length, self.max_tokens // 2)
            log.warning("Out of memory on a batch of %d rows; retrying it as two halves", len(batch_rows))
            half = len(batch_rows) // 2
            first = self._run_batch(window, batch_rows[:half], encoded)
            second = self._run_batch(window, batch_rows[half:], encoded)
            return BatchResult(
                positions=np.concatenate([first.positions, second.positions]),
                label_ids=np.concatenate([first.label_ids, second.label_ids]),
                probabilities=np.concatenate([first.probabilities, second.probabilities]),
                truncated=np.concatenate([first.truncated, second.truncated]),
            )

        return BatchResult(
            positions=window[batch_rows],
            label_ids=probabilities.argmax(axis=1).astype(np.int64),
            probabilities=probabilities,
            truncated=encoded.truncated[batch_rows],
        )

    def _release_memory(self) -> None:
        if self.loaded.device.type == "cuda":
            torch.cuda.empty_cache()

    def _forward(self, batch_rows: np.ndarray, encoded: _Encoded) -> np.ndarray:
        # Right padding without a loop over rows: the mask marks each row's real tokens, and
        # filling it in row-major order takes the rows' ids one after another.
        lengths = encoded.lengths[batch_rows]
        token_count = int(lengths.sum())
        filled = np.arange(int(lengths.max())) < lengths[:, None]
        input_ids = np.full(filled.shape, self._pad_id, dtype=np.int64)
        input_ids[filled] = np.fromiter(
            chain.from_iterable(encoded.ids[row] for row in batch_rows), dtype=np.int64, count=token_count
        )

        device = self.loaded.device
        inputs = {
            "input_ids": torch.from_numpy(input_ids).to(device),
            "attention_mask": torch.from_numpy(filled.astype(np.int64)).to(device),
        }
        if "token_type_ids" in self.loaded.input_names:
            type_ids = np.zeros(filled.shape, dtype=np.int64)
            type_ids[filled] = np.fromiter(
                chain.from_iterable(encoded.type_ids[row] for row in batch_rows), dtype=np.int64, count=token_count
            )
            inputs["token_type_ids"] = torch.from_numpy(type_ids).to(device)

        with torch.inference_mode():
            logits = self.loaded.model(**inputs).logits
            probabilities = torch.softmax(logits.float(), dim=-1)
        return probabilities.cpu().numpy()


def classify_texts(
    loaded: LoadedModel,
    texts: Sequence[str | None],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    progress: Callable[[ProgressEvent], None] | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ClassificationResult:
    """Classify ``texts`` in input order; a shortcut for ``Classifier(...).run(...)``."""
    classifier = Classifier(loaded, batch_size=batch_size, max_tokens=max_tokens)
    return classifier.run(texts, progress=progress, on_batch=on_batch, should_stop=should_stop)
