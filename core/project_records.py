"""SQL and array encoding behind :class:`project_store.ProjectStore`.

Predictions and row hashes are stored in chunks of ``CHUNK_ROWS`` consecutive rows, each field a
little-endian numpy array in a BLOB. The readers here check every chunk's position, length and
value range, and raise ProjectError naming the file for anything malformed, so a crafted or
damaged file never reaches the GUI as arrays of the wrong shape.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .annotations import Annotations, ReviewState
from .errors import ProjectError
from .inference import RowStatus
from .messages import text
from .project_fingerprint import ROW_HASH_BYTES
from .project_schema import CHUNK_ROWS, create_schema, read_project_info

BUSY_TIMEOUT_S = 10.0

Writable = sqlite3.Cursor | sqlite3.Connection


@dataclass
class EditRecord:
    """One committed edit group."""

    group_id: int
    row_count: int
    edited_at: float


# ------------------------------------------------------------------------ connections


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode (transactions are explicit); read-only uses URI mode=ro."""
    try:
        if read_only:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                timeout=BUSY_TIMEOUT_S,
            )
        else:
            connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        # Functions and virtual tables named in a crafted schema must not run with our rights.
        connection.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as error:
        raise ProjectError(text("project.open_failed", file=str(path), detail=str(error))) from error
    return connection


def configure_writer(connection: sqlite3.Connection) -> None:
    """Switch a writable connection to WAL with full sync and create its temporary edit table."""
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL mode (journal mode is {mode})")
    # FULL syncs the WAL on every commit: a committed correction survives a power cut, not only
    # a killed process. One edit then costs one fsync, which a key press easily absorbs.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS pending_edit "
        "(row_position INTEGER PRIMARY KEY, label_id INTEGER, review_state INTEGER NOT NULL)"
    )


def build_project_file(
    path: Path, meta: Mapping[str, Any], label_names: list[str], empty: Annotations, hashes: np.ndarray
) -> None:
    """Write a complete project to a temporary file beside ``path`` and rename it into place."""
    # SQLite creates the file itself, so it gets the usual permissions (0666 less the umask);
    # tempfile.mkstemp would make it 0600.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.part")
    try:
        connection = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            connection.execute("BEGIN")
            create_schema(connection)
            write_meta(connection, meta)
            connection.executemany("INSERT INTO labels(label_id, name) VALUES (?, ?)", list(enumerate(label_names)))
            write_prediction_chunks(connection, empty, range(chunk_count(len(empty))))
            write_hash_chunks(connection, hashes)
            connection.execute("COMMIT")
            # WAL mode is stored in the file header, so every later connection uses it.
            connection.execute("PRAGMA journal_mode = WAL")
            read_project_info(connection, path)
        finally:
            connection.close()
        _fsync(temporary)
        if path.exists():
            raise ProjectError(text("project.exists", file=str(path)))
        os.replace(temporary, path)
    except sqlite3.Error as error:
        raise ProjectError(text("project.write_failed", file=str(path), detail=str(error))) from error
    except OSError as error:
        raise ProjectError(text("project.write_failed", file=str(path), detail=error.strerror or str(error))) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


# ------------------------------------------------------------------------ writing


def apply_edit(cursor: sqlite3.Cursor, positions: np.ndarray, labels: np.ndarray, states: np.ndarray, kind: str) -> EditRecord:
    """Log and apply one edit group inside the caller's transaction; label -1 is stored as NULL."""
    edited_at = time.time()
    group_id = cursor.execute(
        "INSERT INTO edit_groups(edited_at, kind, row_count) VALUES (?, ?, ?)", (edited_at, kind, len(positions))
    ).lastrowid

    cursor.execute("DELETE FROM temp.pending_edit")
    label_values = [None if label < 0 else label for label in labels.tolist()]
    cursor.executemany(
        "INSERT INTO temp.pending_edit(row_position, label_id, review_state) VALUES (?, ?, ?)",
        zip(positions.tolist(), label_values, states.tolist()),
    )

    # The previous values come from the file inside the same transaction, not from the caller.
    cursor.execute(
        "INSERT INTO corrections(group_id, row_position, label_id, review_state, previous_label_id, previous_state) "
        "SELECT ?, e.row_position, e.label_id, e.review_state, s.label_id, coalesce(s.review_state, 0) "
        "FROM temp.pending_edit AS e LEFT JOIN row_state AS s ON s.row_position = e.row_position "
        "ORDER BY e.row_position",
        (group_id,),
    )

    cursor.execute(
        "INSERT OR REPLACE INTO row_state(row_position, label_id, review_state, group_id) "
        "SELECT row_position, label_id, review_state, ? FROM temp.pending_edit",
        (group_id,),
    )
    # A row back to "no label, unreviewed" needs no record; absence means exactly that.
    cursor.execute(
        "DELETE FROM row_state WHERE label_id IS NULL AND review_state = 0 "
        "AND row_position IN (SELECT row_position FROM temp.pending_edit)"
    )
    cursor.execute("DELETE FROM temp.pending_edit")

    return EditRecord(group_id=group_id, row_count=len(positions), edited_at=edited_at)


def write_meta(cursor: Writable, values: Mapping[str, Any]) -> None:
    cursor.executemany(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()],
    )


def chunk_count(row_count: int) -> int:
    return (row_count + CHUNK_ROWS - 1) // CHUNK_ROWS


def chunks_of_rows(positions: np.ndarray) -> list[int]:
    """Return the indexes of the chunks that hold ``positions``."""
    return np.unique(np.asarray(positions, dtype=np.int64) // CHUNK_ROWS).tolist()


def write_prediction_chunks(cursor: Writable, annotations: Annotations, chunks: Iterable[int]) -> None:
    """Insert or replace the prediction chunks with the given indexes."""
    row_count = len(annotations)
    records = []
    for chunk in chunks:
        start = int(chunk) * CHUNK_ROWS
        stop = min(start + CHUNK_ROWS, row_count)
        records.append(
            (
                start,
                stop - start,
                annotations.predicted[start:stop].astype("<i4").tobytes(),
                np.ascontiguousarray(annotations.probabilities[start:stop], dtype="<f4").tobytes(),
                annotations.truncated[start:stop].astype(np.uint8).tobytes(),
                annotations.status[start:stop].astype(np.uint8).tobytes(),
            )
        )
    cursor.executemany("INSERT OR REPLACE INTO prediction_chunks VALUES (?, ?, ?, ?, ?, ?)", records)


def write_hash_chunks(cursor: Writable, hashes: np.ndarray) -> None:
    records = []
    for start in range(0, len(hashes), CHUNK_ROWS):
        part = np.ascontiguousarray(hashes[start : start + CHUNK_ROWS])
        records.append((start, len(part), part.tobytes()))
    cursor.executemany("INSERT INTO row_hash_chunks VALUES (?, ?, ?)", records)


# ------------------------------------------------------------------------ reading


def read_prediction_arrays(
    connection: sqlite3.Connection, path: Path, row_count: int, label_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return predicted ids (int64), probabilities (float32, rows x labels), truncated and status."""
    chunks = connection.execute(
        "SELECT first_row, row_count, label_ids, probabilities, truncated, status "
        "FROM prediction_chunks ORDER BY first_row"
    ).fetchall()
    _check_chunk_layout([(first, count) for first, count, *_ in chunks], path, row_count)

    def decode(blob: Any, dtype: str, count: int) -> np.ndarray:
        if not isinstance(blob, bytes) or len(blob) != count * np.dtype(dtype).itemsize:
            raise _invalid(path, "a prediction chunk has the wrong size")
        return np.frombuffer(blob, dtype=dtype)

    predicted = [decode(chunk[2], "<i4", chunk[1]) for chunk in chunks] or [np.zeros(0, dtype="<i4")]
    probabilities = [decode(chunk[3], "<f4", chunk[1] * label_count) for chunk in chunks] or [np.zeros(0, dtype="<f4")]
    truncated = [decode(chunk[4], "u1", chunk[1]) for chunk in chunks] or [np.zeros(0, dtype="u1")]
    status = [decode(chunk[5], "u1", chunk[1]) for chunk in chunks] or [np.zeros(0, dtype="u1")]

    # concatenate copies, so the arrays are writable and independent of the fetched bytes.
    predicted_ids = np.concatenate(predicted).astype(np.int64)
    probability_rows = np.concatenate(probabilities).astype(np.float32).reshape(row_count, label_count)
    truncated_flags = np.concatenate(truncated).astype(bool)
    status_codes = np.concatenate(status).astype(np.uint8)
    if np.any((predicted_ids < -1) | (predicted_ids >= label_count)) or np.any(status_codes > max(RowStatus)):
        raise _invalid(path, "a prediction has an out-of-range label id or status")
    return predicted_ids, probability_rows, truncated_flags, status_codes


def read_row_state(
    connection: sqlite3.Connection, path: Path, row_count: int, label_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the positions, label ids (-1 for none) and review states of the touched rows."""
    records = connection.execute("SELECT row_position, coalesce(label_id, -1), review_state FROM row_state").fetchall()
    if not records:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    state = np.array(records, dtype=np.int64)
    positions, labels, states = state[:, 0], state[:, 1], state[:, 2]
    valid = (
        (positions >= 0) & (positions < row_count)
        & (labels >= -1) & (labels < label_count)
        & (states >= 0) & (states <= max(ReviewState))
        & ((labels < 0) == (states == ReviewState.UNREVIEWED))
    )
    if not valid.all():
        raise _invalid(path, "row_state has an out-of-range row, label or state")
    return positions, labels, states


def read_row_hashes(connection: sqlite3.Connection, path: Path, row_count: int) -> np.ndarray:
    """Return the stored review-text hash of every row as a (rows, 8) uint8 array."""
    chunks = connection.execute("SELECT first_row, row_count, hashes FROM row_hash_chunks ORDER BY first_row").fetchall()
    _check_chunk_layout([(first, count) for first, count, _ in chunks], path, row_count)
    parts = [np.zeros((0, ROW_HASH_BYTES), dtype=np.uint8)]
    for _, count, blob in chunks:
        if not isinstance(blob, bytes) or len(blob) != count * ROW_HASH_BYTES:
            raise _invalid(path, "a row hash chunk has the wrong size")
        parts.append(np.frombuffer(blob, dtype=np.uint8).reshape(count, ROW_HASH_BYTES))
    return np.concatenate(parts)


def _check_chunk_layout(chunks: list[tuple[Any, Any]], path: Path, row_count: int) -> None:
    # Chunks must tile 0..row_count exactly, CHUNK_ROWS rows each except the last, because
    # partial saves address a row's chunk by row // CHUNK_ROWS. The count is compared first, so
    # that a crafted row count never makes this list longer than the stored chunks.
    if len(chunks) != chunk_count(row_count):
        raise _invalid(path, "the prediction or row hash chunks do not cover the rows")
    expected = [(start, min(CHUNK_ROWS, row_count - start)) for start in range(0, row_count, CHUNK_ROWS)]
    if chunks != expected:
        raise _invalid(path, "the prediction or row hash chunks do not cover the rows")


def _invalid(path: Path, detail: str) -> ProjectError:
    return ProjectError(text("project.invalid", file=str(path), detail=detail))
