"""Training rows and the model of a project, shared by the window and ``review-labeler finetune PROJECT``.

* :func:`labelled_rows` picks the rows a fine-tune trains on from a table's annotations: rows
  the analyst corrected or accepted (with the analyst's label), plus, when asked, rows whose
  known label maps to a model label.
* :func:`replay_candidates` offers the other classified rows with their current prediction.
* :func:`project_versions_folder` and :func:`project_model_reference` find a project's model
  versions (``<project stem>.models/`` beside the project file) and its active checkpoint
  without writing anything.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .annotations import Annotations, ReviewState
from .finetune_data import ReplayCandidates
from .inference import RowStatus
from .model_versions import REGISTRY_NAME, resolve_base_reference
from .project_schema import ProjectInfo

log = logging.getLogger(__name__)

VERSIONS_SUFFIX = ".models"
_VERSION_FOLDER = re.compile(r"^v\d+$")


@dataclass(frozen=True)
class TrainingRows:
    """Source rows to train on, each with a label id (in the annotations' numbering) and a kind."""

    rows: np.ndarray
    label_ids: np.ndarray
    kinds: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def count(self, kind: str) -> int:
        return self.kinds.count(kind)


def labelled_rows(annotations: Annotations, known_label_ids: np.ndarray | None = None) -> TrainingRows:
    """Return the rows to train on: corrected ("correction"), accepted ("accepted"), then known labels ("known").

    ``known_label_ids`` has one label id per row (-1 where the known label maps to none). A
    known label is used only for rows the analyst did not correct or accept, because the
    analyst's label wins.
    """
    states = annotations.review_state
    corrected = annotations.corrected
    labelled = (corrected >= 0) & ((states == ReviewState.CORRECTED) | (states == ReviewState.ACCEPTED))
    kinds = np.where(states == ReviewState.CORRECTED, "correction", "accepted").astype(object)
    label_ids = corrected.copy()

    if known_label_ids is not None:
        known_label_ids = np.asarray(known_label_ids, dtype=np.int64)
        if len(known_label_ids) != len(annotations):
            raise ValueError(f"got {len(known_label_ids)} known labels for {len(annotations)} rows")
        known = ~labelled & (known_label_ids >= 0)
        label_ids[known] = known_label_ids[known]
        kinds[known] = "known"
        labelled |= known

    rows = np.flatnonzero(labelled)
    return TrainingRows(rows, label_ids[rows].copy(), tuple(str(kind) for kind in kinds[rows]))


def replay_candidates(annotations: Annotations, texts: Sequence[str], exclude_rows: np.ndarray) -> ReplayCandidates:
    """Return every classified row outside ``exclude_rows`` with its prediction and confidence."""
    candidate = (annotations.status == RowStatus.CLASSIFIED) & (annotations.predicted >= 0)
    candidate[np.asarray(exclude_rows, dtype=np.int64)] = False
    rows = np.flatnonzero(candidate)
    return ReplayCandidates.build([texts[row] for row in rows], annotations.predicted[rows], annotations.confidence[rows])


def project_versions_folder(project_path: str | os.PathLike[str]) -> Path:
    """Return ``<project stem>.models`` beside the project file."""
    project_path = Path(project_path)
    return project_path.with_name(project_path.stem + VERSIONS_SUFFIX)


def project_model_reference(project_path: str | os.PathLike[str], info: ProjectInfo) -> str:
    """Return what to pass to ``load_model`` for the project's active model.

    That is the folder of the version the project names (``info.model_version``) when its
    versions folder lists it, else the project's base model. The registry is only read, so a
    window working on the same project is not disturbed.
    """
    base = resolve_base_reference(info.model_ref)
    version = (info.model_version or "").strip()
    if not version.isdigit():
        return base
    folder = project_versions_folder(project_path)
    try:
        registry = json.loads((folder / REGISTRY_NAME).read_text(encoding="utf-8"))
        entry = next(values for values in registry["versions"] if int(values["id"]) == int(version))
    except (OSError, ValueError, KeyError, TypeError, StopIteration) as error:
        log.warning("Project %s names model version %s, which %s does not list (%s); using %s",
                    project_path, version, folder, error, base)
        return base
    version_folder = entry.get("folder")
    if version_folder is None:
        return resolve_base_reference(str(entry.get("base_model", info.model_ref)))
    # A folder name such as "../elsewhere" would load a checkpoint from outside the versions folder.
    if not isinstance(version_folder, str) or not _VERSION_FOLDER.match(version_folder):
        log.warning("Project %s: version %s has the invalid folder name %r; using %s", project_path, version,
                    version_folder, base)
        return base
    return str(folder / version_folder)
