"""Reading a project's source table for the command line, with the checks the window makes."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ProjectError
from .messages import text
from .project_store import ProjectStore, SourceCheck, SourceStatus
from .review_table import ReviewTable
from .table_reader import read_table


def read_project_source(store: ProjectStore, source: Path | None, rematch_by_position: bool) -> tuple[ReviewTable, SourceCheck]:
    """Read the table that ``store`` was made from, or ``source`` in its place for a moved file.

    Raises ``ProjectError`` when the file is missing or unreadable, and when it changed since the
    project recorded it unless ``rematch_by_position`` allows attaching labels by row position.
    Reader warnings go to standard error.
    """
    check = store.source_status(source)
    if check.status == SourceStatus.MISSING:
        raise ProjectError(text("project.source_missing", file=str(check.path)))
    if check.status == SourceStatus.UNREADABLE:
        raise ProjectError(text("project.source_unreadable", file=str(check.path), detail=check.detail))
    if check.status == SourceStatus.CHANGED and not rematch_by_position:
        raise ProjectError(
            text("project.source_changed", file=str(check.path), old_size=check.recorded.size, new_size=check.current.size)
        )

    table = read_table(check.path, store.read_options())
    for warning in table.warnings:
        sys.stderr.write(text("cli.warning", message=warning) + "\n")
    return table, check
