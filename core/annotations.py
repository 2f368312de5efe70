"""Per-row annotations: predictions, probabilities, review state and corrections.

An :class:`Annotations` object has exactly one entry per table row, addressed by the row's
position in the source table. Sorting and filtering in the GUI never move these arrays; they
only reorder views of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from .errors import InferenceError, LabelError
from .inference import BatchResult, ClassificationResult, RowStatus
from .messages import text


class ReviewState(enum.IntEnum):
    """What the analyst did with a row."""

    UNREVIEWED = 0
    ACCEPTED = 1
    CORRECTED = 2


@dataclass
class Annotations:
    """Predictions and corrections for every row of one table."""

    label_names: list[str]
    predicted: np.ndarray
    probabilities: np.ndarray
    truncated: np.ndarray
    status: np.ndarray
    corrected: np.ndarray
    review_state: np.ndarray

    @classmethod
    def empty(cls, row_count: int, label_names: list[str]) -> "Annotations":
        result = ClassificationResult.empty(row_count, label_names)
        return cls.from_result(result)

    @classmethod
    def from_result(cls, result: ClassificationResult) -> "Annotations":
        row_count = len(result)
        return cls(
            label_names=list(result.label_names),
            predicted=result.label_ids.copy(),
            probabilities=result.probabilities.copy(),
            truncated=result.truncated.copy(),
            status=result.status.copy(),
            corrected=np.full(row_count, -1, dtype=np.int64),
            review_state=np.zeros(row_count, dtype=np.uint8),
        )

    def __len__(self) -> int:
        return len(self.predicted)

    @property
    def num_labels(self) -> int:
        return len(self.label_names)

    @property
    def confidence(self) -> np.ndarray:
        """Probability of the predicted label per row (NaN where there is no prediction)."""
        result = np.full(len(self), np.nan, dtype=np.float32)
        done = self.predicted >= 0
        result[done] = self.probabilities[done, self.predicted[done]]
        return result

    @property
    def final(self) -> np.ndarray:
        """Label id per row: the analyst's label where there is one, else the prediction, else -1."""
        return np.where(self.corrected >= 0, self.corrected, self.predicted)

    def label_id(self, name: str) -> int:
        """Return the id of label ``name``; raise LabelError for a label the model does not have."""
        try:
            return self.label_names.index(name)
        except ValueError as error:
            raise LabelError(text("label.unknown", label=name, labels=", ".join(self.label_names))) from error

    def apply_result(self, result: ClassificationResult) -> None:
        """Replace all predictions with ``result``; corrections stay."""
        if len(result) != len(self):
            raise InferenceError(text("inference.count_mismatch", got=len(result), expected=len(self)))
        self.label_names = list(result.label_names)
        self.predicted[:] = result.label_ids
        self.probabilities = result.probabilities.copy()
        self.truncated[:] = result.truncated
        self.status[:] = result.status

    def apply_batch(self, batch: BatchResult) -> None:
        """Write one streamed batch into the rows it names."""
        if len(batch.positions) and int(batch.positions.max()) >= len(self):
            raise InferenceError(text("inference.count_mismatch", got=int(batch.positions.max()) + 1, expected=len(self)))
        self.predicted[batch.positions] = batch.label_ids
        self.probabilities[batch.positions] = batch.probabilities
        self.truncated[batch.positions] = batch.truncated
        self.status[batch.positions] = RowStatus.CLASSIFIED

    def set_label(self, rows: np.ndarray | list[int], label_id: int | None) -> None:
        """Set the analyst's label on ``rows``; None clears it. A label equal to the prediction counts as accepted."""
        rows = np.asarray(rows, dtype=np.int64)
        if label_id is None:
            self.corrected[rows] = -1
            self.review_state[rows] = ReviewState.UNREVIEWED
            return
        if not 0 <= label_id < self.num_labels:
            raise LabelError(text("label.unknown", label=label_id, labels=", ".join(self.label_names)))
        self.corrected[rows] = label_id
        agrees = self.predicted[rows] == label_id
        self.review_state[rows] = np.where(agrees, ReviewState.ACCEPTED, ReviewState.CORRECTED)

    def accept(self, rows: np.ndarray | list[int]) -> None:
        """Mark the predictions of ``rows`` as correct; rows without a prediction are skipped."""
        rows = np.asarray(rows, dtype=np.int64)
        rows = rows[self.predicted[rows] >= 0]
        self.corrected[rows] = self.predicted[rows]
        self.review_state[rows] = ReviewState.ACCEPTED
