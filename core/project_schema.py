"""Layout of a project file (``.rlproj``, SQLite) and the checks run before one is trusted.

Tables (schema version 1):

``meta``
    One JSON value per key. The keys cover the source file (path, size, SHA-256, format, sheet,
    encoding, delimiter, header row), the review and known-label columns, the model reference
    and its version id and the row count. Optional keys store the UI state and the detected
    scale of the known-label mapping.
``labels``
    The model's label names by id, with an optional display name given by the user.
``prediction_chunks``
    Predictions for up to ``CHUNK_ROWS`` consecutive rows per record, each field one
    little-endian array: label ids (int32, -1 for none), probabilities (float32, rows x labels,
    row-major), truncated flags and row status (uint8).
``row_hash_chunks``
    The 8-byte hash of every row's review text, chunked the same way.
``row_state``
    The current correction of every row the analyst touched; a row without a record is
    unreviewed and uncorrected.
``edit_groups`` and ``corrections``
    The append-only correction log. Each edit, single or bulk, is one group with its time; each
    changed row gets one ``corrections`` record with the new and the previous label and state.
``label_mapping``
    The known-label mapping: each distinct value of the known-label column, its row count and
    its label id (NULL when unmapped).

A file is opened only after :func:`validate_project` has checked the application id, the
schema version, that no other tables, views or triggers exist, the columns of every table,
``PRAGMA quick_check`` and the types of every meta value.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProjectError, ProjectVersionError
from .messages import text

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# "RLBL" as a big-endian integer; SQLite stores it in the file header (PRAGMA application_id).
APPLICATION_ID = 0x524C424C
SQLITE_HEADER = b"SQLite format 3\x00"
CHUNK_ROWS = 65_536
# The largest meta value that is read. The app writes a few kilobytes (paths, UI state), but a
# crafted file could contain a value of hundreds of megabytes that every open would decode.
MAX_META_VALUE_BYTES = 16 * 1024 * 1024

SCHEMA_STATEMENTS = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE labels (label_id INTEGER PRIMARY KEY, name TEXT NOT NULL, display_name TEXT)",
    "CREATE TABLE prediction_chunks (first_row INTEGER PRIMARY KEY, row_count INTEGER NOT NULL, "
    "label_ids BLOB NOT NULL, probabilities BLOB NOT NULL, truncated BLOB NOT NULL, status BLOB NOT NULL)",
    "CREATE TABLE row_hash_chunks (first_row INTEGER PRIMARY KEY, row_count INTEGER NOT NULL, hashes BLOB NOT NULL)",
    "CREATE TABLE row_state (row_position INTEGER PRIMARY KEY, label_id INTEGER, "
    "review_state INTEGER NOT NULL, group_id INTEGER NOT NULL)",
    "CREATE TABLE edit_groups (group_id INTEGER PRIMARY KEY, edited_at REAL NOT NULL, "
    "kind TEXT NOT NULL, row_count INTEGER NOT NULL)",
    "CREATE TABLE corrections (correction_id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, "
    "row_position INTEGER NOT NULL, label_id INTEGER, review_state INTEGER NOT NULL, "
    "previous_label_id INTEGER, previous_state INTEGER NOT NULL)",
    "CREATE TABLE label_mapping (value TEXT PRIMARY KEY, label_id INTEGER, row_count INTEGER NOT NULL)",
)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "labels": ("label_id", "name", "display_name"),
    "prediction_chunks": ("first_row", "row_count", "label_ids", "probabilities", "truncated", "status"),
    "row_hash_chunks": ("first_row", "row_count", "hashes"),
    "row_state": ("row_position", "label_id", "review_state", "group_id"),
    "edit_groups": ("group_id", "edited_at", "kind", "row_count"),
    "corrections": (
        "correction_id",
        "group_id",
        "row_position",
        "label_id",
        "review_state",
        "previous_label_id",
        "previous_state",
    ),
    "label_mapping": ("value", "label_id", "row_count"),
}

# Meta key -> accepted Python types of its JSON value. Keys not listed here are optional.
REQUIRED_META: dict[str, tuple[type, ...]] = {
    "created_at": (float, int),
    "app_version": (str,),
    "source_path": (str,),
    "source_size": (int,),
    "source_sha256": (str,),
    "file_format": (str,),
    "sheet": (str, type(None)),
    "encoding": (str, type(None)),
    "delimiter": (str, type(None)),
    "header_row": (int,),
    "lossy": (bool,),
    "review_column": (str,),
    "label_column": (str, type(None)),
    "model_ref": (str,),
    "model_version": (str, type(None)),
    "row_count": (int,),
}


@dataclass
class ProjectInfo:
    """The source table and model recorded in a project. Paths are data and are never opened here."""

    created_at: float
    app_version: str
    source_path: str
    source_size: int
    source_sha256: str
    file_format: str
    sheet: str | None
    encoding: str | None
    delimiter: str | None
    header_row: int
    lossy: bool
    review_column: str
    label_column: str | None
    model_ref: str
    model_version: str | None
    row_count: int
    label_names: list[str]


def create_schema(connection: sqlite3.Connection) -> None:
    """Create every table in an empty database and stamp the application id and version."""
    for statement in SCHEMA_STATEMENTS:
        connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def check_sqlite_header(path: Path) -> None:
    """Raise ProjectError unless ``path`` is a readable file that starts like an SQLite database."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError as error:
        raise ProjectError(text("project.not_found", file=str(path))) from error
    except IsADirectoryError as error:
        raise ProjectError(text("project.not_a_project", file=str(path))) from error
    except PermissionError as error:
        raise ProjectError(text("project.permission", file=str(path))) from error
    if head != SQLITE_HEADER:
        raise ProjectError(text("project.not_a_project", file=str(path)))


def validate_project(connection: sqlite3.Connection, path: Path) -> ProjectInfo:
    """Check that ``connection`` contains a project this version can use and return its info.

    Raises ProjectVersionError for a newer or unknown schema version and ProjectError for
    anything else that does not match the expected layout.
    """
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise ProjectError(text("project.not_a_project", file=str(path)))

    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProjectVersionError(text("project.newer_version", file=str(path), version=version, supported=SCHEMA_VERSION))
    if version != SCHEMA_VERSION:
        raise ProjectVersionError(text("project.unknown_version", file=str(path), version=version))

    _check_schema_objects(connection, path)
    _check_integrity(connection, path)
    info = read_project_info(connection, path)
    _check_chunk_totals(connection, path, info.row_count)
    return info


def _check_chunk_totals(connection: sqlite3.Connection, path: Path, row_count: int) -> None:
    # A crafted row_count far above the stored chunks would make readers allocate arrays for
    # rows that do not exist. The chunk records must add up to it, and no chunk may claim more
    # than CHUNK_ROWS rows; the readers check the exact layout later.
    for table in ("prediction_chunks", "row_hash_chunks"):
        count, total = connection.execute(f"SELECT count(*), coalesce(sum(row_count), 0) FROM {table}").fetchone()
        if total != row_count:
            detail = f"{table} hold {total} rows, but meta says {row_count}"
            raise ProjectError(text("project.invalid", file=str(path), detail=detail))
        if total > count * CHUNK_ROWS:
            detail = f"{table} claim {total} rows in {count} records of at most {CHUNK_ROWS} rows"
            raise ProjectError(text("project.invalid", file=str(path), detail=detail))


def _check_schema_objects(connection: sqlite3.Connection, path: Path) -> None:
    # Only our own tables and their automatic indexes may exist. A crafted file could carry a
    # trigger or view that runs SQL on our inserts; rejecting every extra object rules that out.
    objects = connection.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    for object_type, name, table_name in objects:
        if object_type == "table" and name in TABLE_COLUMNS:
            continue
        if object_type == "index" and name.startswith("sqlite_autoindex_") and table_name in TABLE_COLUMNS:
            continue
        raise ProjectError(text("project.invalid", file=str(path), detail=f"unexpected {object_type} {name!r}"))

    present = {name for object_type, name, _ in objects if object_type == "table"}
    for table, expected in TABLE_COLUMNS.items():
        if table not in present:
            raise ProjectError(text("project.invalid", file=str(path), detail=f"table {table!r} is missing"))
        columns = tuple(row[1] for row in connection.execute(f"PRAGMA table_info({table})"))
        if columns != expected:
            raise ProjectError(
                text("project.invalid", file=str(path), detail=f"table {table!r} has columns {', '.join(columns)}")
            )


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    result = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        detail = "; ".join(str(line) for line in result[:3])
        raise ProjectError(text("project.damaged", file=str(path), detail=detail))


def read_project_info(connection: sqlite3.Connection, path: Path) -> ProjectInfo:
    """Parse the meta and labels tables; raise ProjectError on a missing key or a wrong type."""
    meta = read_meta(connection, path)
    values: dict[str, Any] = {}
    for key, types in REQUIRED_META.items():
        if key not in meta:
            raise ProjectError(text("project.invalid", file=str(path), detail=f"meta key {key!r} is missing"))
        value = meta[key]
        # JSON true/false load as bool, which is a subclass of int; keep them out of int fields.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ProjectError(text("project.invalid", file=str(path), detail=f"meta key {key!r} has value {value!r}"))
        values[key] = value

    if values["row_count"] < 0 or values["header_row"] < 0 or values["source_size"] < 0:
        raise ProjectError(text("project.invalid", file=str(path), detail="negative count in meta"))

    values["label_names"] = _read_label_names(connection, path)
    values["created_at"] = float(values["created_at"])
    return ProjectInfo(**values)


def read_meta(connection: sqlite3.Connection, path: Path) -> dict[str, Any]:
    """Return every meta value decoded from JSON; raise ProjectError on invalid JSON or an oversized value."""
    oversized = connection.execute(
        "SELECT key, length(CAST(value AS BLOB)) FROM meta WHERE length(CAST(value AS BLOB)) > ? LIMIT 1",
        (MAX_META_VALUE_BYTES,),
    ).fetchone()
    if oversized is not None:
        raise ProjectError(
            text("project.invalid", file=str(path), detail=f"meta key {oversized[0]!r} is {oversized[1]} bytes long")
        )
    meta: dict[str, Any] = {}
    for key, value in connection.execute("SELECT key, value FROM meta"):
        try:
            meta[key] = json.loads(value)
        except (TypeError, json.JSONDecodeError) as error:
            raise ProjectError(text("project.invalid", file=str(path), detail=f"meta key {key!r} is not JSON")) from error
    return meta


def _read_label_names(connection: sqlite3.Connection, path: Path) -> list[str]:
    rows = connection.execute("SELECT label_id, name FROM labels ORDER BY label_id").fetchall()
    ids = [row[0] for row in rows]
    if not rows or ids != list(range(len(rows))) or not all(isinstance(row[1], str) for row in rows):
        raise ProjectError(text("project.invalid", file=str(path), detail="labels must have ids 0..N-1 and text names"))
    return [row[1] for row in rows]
