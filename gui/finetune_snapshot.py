"""The rows a fine-tune trains on, copied from the document when the analyst presses "Fine-tune".

The copy is taken in the GUI thread before the worker starts. Corrections made while the worker
trains change the document's annotations only, so they go into the next round and never into
the running one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from review_labeler.core.finetune_data import LabelledRows, ReplayCandidates, check_trainable, deduplicate
from review_labeler.core.project_training import labelled_rows, replay_candidates

from .document import ReviewDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainingSnapshot:
    """Labelled rows and replay candidates of one fine-tune, with the source row of each labelled row."""

    label_names: tuple[str, ...]
    rows: np.ndarray
    texts: tuple[str, ...]
    label_ids: np.ndarray
    kinds: tuple[str, ...]
    replay: ReplayCandidates

    def __len__(self) -> int:
        return len(self.texts)

    def count(self, kind: str) -> int:
        return self.kinds.count(kind)

    def check(self) -> None:
        """Raise FinetuneError with the core's message when the rows are too few or of one label.

        The worker runs the same check again. Running it here first lets the window show the
        message instead of starting a thread that fails at once.
        """
        rows = LabelledRows.build(self.texts, self.label_ids, self.kinds)
        usable, _conflicting = deduplicate(rows)
        check_trainable(usable, list(self.label_names))


def take_snapshot(document: ReviewDocument, known_label_ids: np.ndarray | None = None) -> TrainingSnapshot:
    """Copy the training rows of ``document``.

    Rows the analyst corrected or accepted train with their analyst label (kind "correction" or
    "accepted"). With ``known_label_ids`` (one label id per row, -1 where none), the other rows
    with a known label train with it as kind "known". Every other classified row is a replay
    candidate with its current prediction and confidence.
    """
    annotations = document.annotations
    texts = document.review_texts()
    chosen = labelled_rows(annotations, known_label_ids)
    snapshot = TrainingSnapshot(
        label_names=tuple(annotations.label_names),
        rows=chosen.rows,
        texts=tuple(texts[row] for row in chosen.rows),
        label_ids=chosen.label_ids,
        kinds=chosen.kinds,
        replay=replay_candidates(annotations, texts, chosen.rows),
    )
    log.info(
        "Fine-tune snapshot: %d corrections, %d accepted, %d known labels, %d replay candidates",
        snapshot.count("correction"), snapshot.count("accepted"), snapshot.count("known"), len(snapshot.replay),
    )
    return snapshot
