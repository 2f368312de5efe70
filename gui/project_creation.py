"""Create a project file for the open table, carrying over the work already done in the window."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from review_labeler.core.annotations import ReviewState
from review_labeler.core.project_store import PROJECT_SUFFIX, ProjectStore

from .document import ReviewDocument

log = logging.getLogger(__name__)


def default_project_path(source: str | Path) -> Path:
    """Return ``<folder>/<file stem>.rlproj`` beside the data file."""
    source = Path(source)
    return source.with_name(source.stem + PROJECT_SUFFIX)


def free_project_path(source: str | Path) -> Path:
    """Return the default project path, numbered ("reviews (2).rlproj") when that file exists."""
    path = default_project_path(source)
    number = 2
    while path.exists():
        path = path.with_name(f"{Path(source).stem} ({number}){PROJECT_SUFFIX}")
        number += 1
    return path


def with_project_suffix(path: str | Path) -> Path:
    path = Path(path)
    return path if path.suffix.lower() == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)


def create_project(document: ReviewDocument, path: Path, model_ref: str, model_version: str | None = None) -> ProjectStore:
    """Create a project at ``path`` for the document's table and store its current work.

    The document's label names become the project's labels. Predictions, corrections (as one
    edit group), the known-label mapping and display names are written right after the file
    is made. Raises ProjectError or ColumnError from the store; a half-filled project is
    closed before the error is raised, and keeps whatever was committed.
    """
    annotations = document.annotations
    store = ProjectStore.create(
        path, document.table, document.review_column, document.label_column, model_ref, annotations.label_names,
        model_version=model_version,
    )
    try:
        if document.has_predictions():
            store.save_predictions(annotations)
        touched = np.flatnonzero(annotations.review_state != ReviewState.UNREVIEWED)
        if len(touched):
            store.record_edit(touched, annotations.corrected[touched], annotations.review_state[touched])
        if document.label_column is not None and document.known_label_ids() is not None:
            store.set_label_mapping(document.label_column, document.label_mapping)
        names = document.display_names
        renamed = {label_id: name for label_id, (name, model_name) in enumerate(zip(names, annotations.label_names))
                   if name != model_name}
        if renamed:
            store.set_display_names(renamed)
    except BaseException:
        store.close()
        raise
    log.info("Project %s created with %d corrected or accepted rows", path, len(touched))
    return store
