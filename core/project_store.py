"""Project files (``.rlproj``): one SQLite file that keeps the work done on one review table.

How data is stored (tables in :mod:`project_schema`):

* Predictions are stored column-wise, 65,536 rows per record, as little-endian numpy arrays in
  BLOBs. Loading 200,000 rows then decodes a few BLOBs instead of building 200,000 Python
  tuples: opening and loading such a project with 50,000 corrected rows took about 0.13 s on a
  2-core Xeon VM (``tests/benchmarks/bench_project.py``).
* The current correction of a row lives in ``row_state`` (only rows the analyst touched), so
  loading reads one small record per touched row. Every change is also appended to the
  ``corrections`` log with the previous label and state; the log is never rewritten.
* :meth:`ProjectStore.record_edit` runs one ``BEGIN IMMEDIATE … COMMIT`` transaction per edit
  or bulk edit and returns only after the commit. The file is in WAL mode with
  ``synchronous=FULL``, so a correction the GUI has shown as applied survives ``kill -9``
  (``tests/test_project_kill.py``), and a power cut as far as the disk honours fsync. A killed
  writer leaves either the whole edit or none of it.
* A project is first opened read-only (SQLite URI ``mode=ro``) and validated; only then is a
  writable connection made. The source path stored in the file is data: the store never opens
  it by itself. :meth:`ProjectStore.source_status` reads it only when the caller asks, and only
  if it is a regular file.

One process writes a project at a time. The store serialises its own calls with a lock, so a
worker thread may save predictions while the GUI thread records edits.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .annotations import Annotations, ReviewState
from .errors import ColumnError, LabelError, ProjectError
from .inference import RowStatus
from .label_mapping import LabelMapping, MappingEntry, ScaleKind
from .messages import text
from .project_fingerprint import SourceFingerprint, fingerprint_file, is_regular_file, row_text_hashes
from .project_records import (
    EditRecord,
    apply_edit,
    build_project_file,
    chunk_count,
    chunks_of_rows,
    configure_writer,
    connect,
    read_prediction_arrays,
    read_row_hashes,
    read_row_state,
    write_hash_chunks,
    write_meta,
    write_prediction_chunks,
)
from .project_schema import ProjectInfo, check_sqlite_header, read_meta, validate_project
from .review_table import ReviewTable
from .table_reader import EXCEL_SUFFIXES, TEXT_SUFFIXES, ReadOptions

log = logging.getLogger(__name__)

PROJECT_SUFFIX = ".rlproj"
# File name endings of a source table that a project may read from its recorded path unasked.
RECORDED_SOURCE_SUFFIXES = frozenset(TEXT_SUFFIXES | EXCEL_SUFFIXES)
EDIT_KINDS = ("edit", "undo", "redo", "rematch")


class SourceStatus(enum.Enum):
    """Comparison of the source file on disk with the one the project was made from."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MISSING = "missing"
    UNREADABLE = "unreadable"


@dataclass
class SourceCheck:
    """Result of :meth:`ProjectStore.source_status` for one path."""

    status: SourceStatus
    path: Path
    recorded: SourceFingerprint
    current: SourceFingerprint | None = None
    detail: str = ""


@dataclass
class RowMatchReport:
    """Position-by-position comparison of a table's review texts with those a project was made from."""

    project_rows: int
    table_rows: int
    matching_rows: int
    changed_rows: np.ndarray

    @property
    def same_row_count(self) -> bool:
        return self.project_rows == self.table_rows

    @property
    def all_match(self) -> bool:
        return self.same_row_count and self.matching_rows == self.table_rows


@dataclass
class Correction:
    """One record of the correction log; label ids are None where the row had no label."""

    group_id: int
    kind: str
    edited_at: float
    row: int
    label_id: int | None
    review_state: ReviewState
    previous_label_id: int | None
    previous_state: ReviewState


class ProjectStore:
    """An open project file; create one with :meth:`create` or :meth:`open`."""

    def __init__(self, connection: sqlite3.Connection, path: Path, info: ProjectInfo, read_only: bool) -> None:
        self._connection = connection
        self._path = path
        self._info = info
        self._read_only = read_only
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- creating and opening

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        table: ReviewTable,
        review_column: str,
        label_column: str | None,
        model_ref: str,
        label_names: Sequence[str],
        *,
        model_version: str | None = None,
        source_fingerprint: SourceFingerprint | None = None,
    ) -> "ProjectStore":
        """Create a new project for ``table`` with empty predictions and open it for writing.

        The file is built under a temporary name and renamed into place, so a crash leaves no
        half-made project. ``source_fingerprint`` defaults to the fingerprint of
        ``table.source_path`` now; pass the one taken before reading to close that gap.
        Raises ProjectError if ``path`` exists and ColumnError for a column not in the table.
        """
        path = Path(path)
        if path.exists():
            raise ProjectError(text("project.exists", file=str(path)))
        for column in (review_column, label_column):
            if column is not None and column not in table.columns:
                raise ColumnError(
                    text("column.not_found", column=column, file=Path(table.source_path).name, columns=", ".join(table.columns))
                )
        label_names = [str(name) for name in label_names]
        if not label_names:
            raise LabelError(text("project.no_labels"))

        source_path = Path(table.source_path).resolve()
        if source_fingerprint is None:
            source_fingerprint = _fingerprint_or_error(source_path)
        meta = {
            "created_at": time.time(),
            "app_version": _app_version(),
            "source_path": str(source_path),
            "source_size": source_fingerprint.size,
            "source_sha256": source_fingerprint.sha256,
            "row_count": table.row_count,
            "review_column": review_column,
            "label_column": label_column,
            "model_ref": str(model_ref),
            "model_version": model_version,
            **_table_read_meta(table),
        }
        hashes = row_text_hashes(table.column_values(review_column))
        empty = Annotations.empty(table.row_count, label_names)

        build_project_file(path, meta, label_names, empty, hashes)
        log.info("Created project %s for %s (%d rows)", path, source_path, table.row_count)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> "ProjectStore":
        """Validate the project at ``path`` read-only, then open it (for writing unless ``read_only``).

        Raises ProjectVersionError for a file from a newer version and ProjectError for a
        missing, damaged or foreign file. The recorded source file is not touched.
        """
        path = Path(path)
        check_sqlite_header(path)
        # SQLite would open a write-protected file without complaint and fail on the first edit;
        # saying so now lets the caller offer a read-only session instead.
        if not read_only and not os.access(path, os.W_OK):
            raise ProjectError(text("project.not_writable", file=str(path)))

        checker = connect(path, read_only=True)
        try:
            info = validate_project(checker, path)
        except sqlite3.DatabaseError as error:
            checker.close()
            raise ProjectError(text("project.damaged", file=str(path), detail=str(error))) from error
        except BaseException:
            checker.close()
            raise
        if read_only:
            return cls(checker, path, info, read_only=True)
        checker.close()

        connection = connect(path, read_only=False)
        try:
            configure_writer(connection)
        except sqlite3.DatabaseError as error:
            connection.close()
            raise ProjectError(text("project.open_failed", file=str(path), detail=str(error))) from error
        log.info("Opened project %s (%d rows)", path, info.row_count)
        return cls(connection, path, info, read_only=False)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------------------- properties

    @property
    def path(self) -> Path:
        return self._path

    @property
    def info(self) -> ProjectInfo:
        """A copy of what the project records about its source and model."""
        return replace(self._info, label_names=list(self._info.label_names))

    @property
    def row_count(self) -> int:
        return self._info.row_count

    @property
    def label_names(self) -> list[str]:
        return list(self._info.label_names)

    @property
    def read_only(self) -> bool:
        return self._read_only

    def read_options(self) -> ReadOptions:
        """Return the options that read the source file the same way as when the project was made."""
        info = self._info
        return ReadOptions(
            encoding=info.encoding,
            delimiter=info.delimiter,
            sheet=info.sheet,
            lossy=info.lossy,
            header_row=info.header_row,
        )

    # ------------------------------------------------------------------------- source file

    def source_status(self, path: str | os.PathLike[str] | None = None) -> SourceCheck:
        """Compare ``path`` (default: the recorded source path) with the recorded fingerprint.

        Reads the whole file to hash it, so call it only for a path the user has confirmed.
        A path that is not a regular file counts as missing and is never opened, and so does a
        recorded path whose name does not end like a review table (.csv, .xlsx, …).
        """
        info = self._info
        recorded = SourceFingerprint(info.source_size, info.source_sha256)
        target = Path(path) if path is not None else Path(info.source_path)
        if not is_regular_file(target):
            return SourceCheck(SourceStatus.MISSING, target, recorded)
        if path is None and target.suffix.lower() not in RECORDED_SOURCE_SUFFIXES:
            # The recorded path is data from the file: a crafted project could name any file
            # (/etc/passwd, a key file). Only review-table names are read without the user
            # choosing the file; for anything else the caller asks the user to locate the source.
            log.warning("Project %s: not reading recorded source %s, which is not named like a review table",
                        self._path, target)
            return SourceCheck(SourceStatus.MISSING, target, recorded, detail="not a review table file name")
        try:
            current = fingerprint_file(target)
        except OSError as error:
            log.warning("Could not read source file %s: %s", target, error)
            return SourceCheck(SourceStatus.UNREADABLE, target, recorded, detail=error.strerror or str(error))
        status = SourceStatus.UNCHANGED if current == recorded else SourceStatus.CHANGED
        return SourceCheck(status, target, recorded, current)

    def compare_rows(self, table: ReviewTable) -> RowMatchReport:
        """Compare the review text of ``table`` with the recorded text hashes, row by row.

        Raises ColumnError when the table lacks the recorded review column.
        """
        column = self._info.review_column
        if column not in table.columns:
            raise ColumnError(text("project.column_missing", column=column, file=Path(table.source_path).name))
        current = row_text_hashes(table.column_values(column))
        with self._lock:
            recorded = read_row_hashes(self._connection, self._path, self._info.row_count)
        shared = min(len(current), len(recorded))
        equal = np.all(current[:shared] == recorded[:shared], axis=1)
        return RowMatchReport(
            project_rows=len(recorded),
            table_rows=len(current),
            matching_rows=int(equal.sum()),
            changed_rows=np.flatnonzero(~equal),
        )

    def reattach_source(self, table: ReviewTable, *, clear_changed_rows: bool = False) -> RowMatchReport:
        """Attach the project to ``table`` (a changed or moved source file) row by row, by position.

        Call this only after the user accepted the :meth:`compare_rows` report. Rows beyond the
        new row count are dropped, new rows start without a prediction. With
        ``clear_changed_rows`` the rows whose review text changed also lose their prediction and
        correction. Every dropped or cleared correction is logged as a "rematch" edit.
        """
        self._require_writable()
        report = self.compare_rows(table)
        source_path = Path(table.source_path).resolve()
        fingerprint = _fingerprint_or_error(source_path)

        with self._lock:
            annotations = resize_annotations(self._load_annotations_unchecked(), table.row_count)
            cleared = np.arange(table.row_count, self._info.row_count, dtype=np.int64)
            if clear_changed_rows and len(report.changed_rows):
                changed = report.changed_rows
                annotations.predicted[changed] = -1
                annotations.probabilities[changed] = np.nan
                annotations.truncated[changed] = False
                annotations.status[changed] = RowStatus.PENDING
                annotations.corrected[changed] = -1
                annotations.review_state[changed] = ReviewState.UNREVIEWED
                cleared = np.concatenate([changed, cleared])
            meta = {
                "source_path": str(source_path),
                "source_size": fingerprint.size,
                "source_sha256": fingerprint.sha256,
                "row_count": table.row_count,
                **_table_read_meta(table),
            }
            hashes = row_text_hashes(table.column_values(self._info.review_column))

            with self._transaction() as cursor:
                touched = self._touched_rows(cursor, cleared)
                if len(touched):
                    unset = np.full(len(touched), -1, dtype=np.int64)
                    apply_edit(cursor, touched, unset, np.zeros(len(touched), dtype=np.int64), "rematch")
                write_meta(cursor, meta)
                cursor.execute("DELETE FROM prediction_chunks")
                cursor.execute("DELETE FROM row_hash_chunks")
                write_prediction_chunks(cursor, annotations, range(chunk_count(table.row_count)))
                write_hash_chunks(cursor, hashes)
            self._info = replace(self._info, **meta)
        log.info(
            "Re-attached project %s to %s: %d rows, %d still match their text",
            self._path, source_path, table.row_count, report.matching_rows,
        )
        return report

    # ------------------------------------------------------------------------ predictions

    def save_predictions(self, annotations: Annotations, rows: Sequence[int] | np.ndarray | None = None) -> None:
        """Store the predictions of ``annotations`` in one transaction.

        With ``rows`` only the chunks holding those rows are rewritten, which suits saving
        streamed batches. Corrections in ``annotations`` are ignored: they are stored by
        :meth:`record_edit` only.
        """
        self._require_writable()
        if len(annotations) != self._info.row_count:
            raise ProjectError(
                text("project.row_count_mismatch", file=str(self._path), project_rows=self._info.row_count,
                     table_rows=len(annotations))
            )
        if list(annotations.label_names) != self._info.label_names:
            raise ProjectError(
                text("project.label_mismatch", got=", ".join(annotations.label_names),
                     expected=", ".join(self._info.label_names))
            )
        if rows is None:
            chunks = range(chunk_count(self._info.row_count))
        else:
            positions = np.asarray(rows, dtype=np.int64)
            _check_positions(positions, self._info.row_count)
            chunks = chunks_of_rows(positions)

        with self._lock, self._transaction() as cursor:
            write_prediction_chunks(cursor, annotations, chunks)

    # ------------------------------------------------------------------------ corrections

    def record_edit(
        self,
        rows: Sequence[int] | np.ndarray,
        label_ids: int | None | Sequence[int] | np.ndarray,
        review_states: int | Sequence[int] | np.ndarray,
        *,
        kind: str = "edit",
    ) -> EditRecord | None:
        """Commit a correction of ``rows`` as one edit group and return it; None for no rows.

        ``label_ids`` and ``review_states`` are one value for every row or one per row; label
        id None or -1 means "no analyst label", which must go with ReviewState.UNREVIEWED. The
        previous label and state of each row are read from the project in the same
        transaction and logged. ``kind`` is "edit", "undo" or "redo" (undo and redo are
        recorded as ordinary edits that restore earlier values). Returns only after the
        commit; raises ProjectError when the write failed, in which case nothing was stored.
        """
        self._require_writable()
        if kind not in EDIT_KINDS:
            raise ValueError(f"unknown edit kind {kind!r}; expected one of {EDIT_KINDS}")
        positions = np.asarray(rows, dtype=np.int64).reshape(-1)
        if len(positions) == 0:
            return None
        _check_positions(positions, self._info.row_count)
        if len(np.unique(positions)) != len(positions):
            raise ValueError("record_edit got the same row more than once")
        labels = _broadcast_labels(label_ids, len(positions), len(self._info.label_names))
        states = _broadcast_states(review_states, len(positions))
        unlabelled = labels < 0
        if np.any(unlabelled != (states == ReviewState.UNREVIEWED)):
            raise ValueError("a row without an analyst label must be UNREVIEWED, and a labelled row must not be")

        with self._lock, self._transaction() as cursor:
            record = apply_edit(cursor, positions, labels, states, kind)
        return record

    def corrections(self, row: int | None = None) -> list[Correction]:
        """Return the correction log in the order it was written, optionally for one row."""
        query = (
            "SELECT c.group_id, g.kind, g.edited_at, c.row_position, c.label_id, c.review_state, "
            "c.previous_label_id, c.previous_state FROM corrections AS c JOIN edit_groups AS g USING (group_id)"
        )
        parameters: tuple = ()
        if row is not None:
            query += " WHERE c.row_position = ?"
            parameters = (int(row),)
        query += " ORDER BY c.correction_id"
        with self._lock:
            records = self._connection.execute(query, parameters).fetchall()
        return [
            Correction(group, kind, edited_at, position, label, ReviewState(state), previous, ReviewState(previous_state))
            for group, kind, edited_at, position, label, state, previous, previous_state in records
        ]

    # ------------------------------------------------------------------------ loading

    def load_annotations(self, row_count: int) -> Annotations:
        """Return the stored predictions and current corrections of every row.

        ``row_count`` is the row count of the table they will be attached to; a different
        count raises ProjectError, because attaching by position would shift rows.
        """
        if row_count != self._info.row_count:
            raise ProjectError(
                text("project.row_count_mismatch", file=str(self._path), project_rows=self._info.row_count,
                     table_rows=row_count)
            )
        with self._lock:
            return self._load_annotations_unchecked()

    def load_annotations_by_position(self, row_count: int) -> Annotations:
        """Return the stored annotations resized to ``row_count`` rows, matched by position.

        For a changed source file whose re-matching the user accepted, without changing the
        project; :meth:`reattach_source` makes the same change permanent.
        """
        with self._lock:
            return resize_annotations(self._load_annotations_unchecked(), row_count)

    def _load_annotations_unchecked(self) -> Annotations:
        row_count = self._info.row_count
        label_count = len(self._info.label_names)
        predicted, probabilities, truncated, status = read_prediction_arrays(
            self._connection, self._path, row_count, label_count
        )
        annotations = Annotations(
            label_names=list(self._info.label_names),
            predicted=predicted,
            probabilities=probabilities,
            truncated=truncated,
            status=status,
            corrected=np.full(row_count, -1, dtype=np.int64),
            review_state=np.zeros(row_count, dtype=np.uint8),
        )
        positions, labels, states = read_row_state(self._connection, self._path, row_count, label_count)
        annotations.corrected[positions] = labels
        annotations.review_state[positions] = states
        return annotations

    # ------------------------------------------------------------- UI state, labels, mapping

    def set_ui_state(self, state: Mapping[str, Any]) -> None:
        """Store the GUI state (filters, sort, selection, column widths) as one JSON object."""
        self._require_writable()
        try:
            encoded = json.dumps(dict(state), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ValueError(f"UI state is not JSON-serialisable: {error}") from error
        with self._lock, self._transaction() as cursor:
            cursor.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('ui_state', ?)", (encoded,))

    def ui_state(self) -> dict[str, Any]:
        """Return the stored GUI state, or {} when none was stored or it is unreadable."""
        with self._lock:
            row = self._connection.execute("SELECT value FROM meta WHERE key = 'ui_state'").fetchone()
        if row is None:
            return {}
        try:
            state = json.loads(row[0])
        except (TypeError, json.JSONDecodeError):
            log.warning("Project %s: ignoring UI state that is not valid JSON", self._path)
            return {}
        if not isinstance(state, dict):
            log.warning("Project %s: ignoring UI state that is not a JSON object", self._path)
            return {}
        return state

    def set_display_names(self, names: Mapping[int, str | None]) -> None:
        """Set the user's display name of labels by id; None or "" restores the model's name."""
        self._require_writable()
        updates = []
        for label_id, name in names.items():
            if not 0 <= int(label_id) < len(self._info.label_names):
                raise LabelError(text("label.unknown", label=label_id, labels=", ".join(self._info.label_names)))
            updates.append(((name or "").strip() or None, int(label_id)))
        with self._lock, self._transaction() as cursor:
            cursor.executemany("UPDATE labels SET display_name = ? WHERE label_id = ?", updates)

    def display_names(self) -> list[str]:
        """Return the name to show for every label: the user's display name, else the model's name."""
        with self._lock:
            rows = self._connection.execute("SELECT name, display_name FROM labels ORDER BY label_id").fetchall()
        return [display if isinstance(display, str) and display else name for name, display in rows]

    def set_label_mapping(self, column: str | None, mapping: LabelMapping | None) -> None:
        """Store the known-label column and its mapping; (None, None) removes both."""
        self._require_writable()
        if (column is None) != (mapping is None):
            raise ValueError("set both the known-label column and its mapping, or neither")
        if mapping is not None and list(mapping.label_names) != self._info.label_names:
            raise ProjectError(
                text("project.label_mismatch", got=", ".join(mapping.label_names), expected=", ".join(self._info.label_names))
            )
        with self._lock, self._transaction() as cursor:
            cursor.execute("DELETE FROM label_mapping")
            cursor.execute("DELETE FROM meta WHERE key = 'label_mapping_scale'")
            if mapping is not None:
                cursor.executemany(
                    "INSERT INTO label_mapping(value, label_id, row_count) VALUES (?, ?, ?)",
                    [(entry.value, entry.label_id, entry.count) for entry in mapping.entries],
                )
                scale = {"scale": mapping.scale.value, "rule": mapping.rule}
                write_meta(cursor, {"label_mapping_scale": scale})
            write_meta(cursor, {"label_column": column})
        self._info = replace(self._info, label_column=column)

    def label_mapping(self) -> LabelMapping | None:
        """Return the stored known-label mapping, or None when there is none."""
        with self._lock:
            meta = read_meta(self._connection, self._path)
            rows = self._connection.execute("SELECT value, label_id, row_count FROM label_mapping ORDER BY rowid").fetchall()
        scale_record = meta.get("label_mapping_scale")
        if scale_record is None:
            return None
        label_count = len(self._info.label_names)
        try:
            scale = ScaleKind(scale_record["scale"])
            rule = {str(key): float(value) for key, value in dict(scale_record.get("rule", {})).items()}
        except (TypeError, ValueError, KeyError) as error:
            raise self._invalid("the label mapping scale is unreadable") from error
        entries = []
        for value, label_id, count in rows:
            if not isinstance(value, str) or not isinstance(count, int) or (
                label_id is not None and not (isinstance(label_id, int) and 0 <= label_id < label_count)
            ):
                raise self._invalid("the label mapping has an invalid record")
            entries.append(MappingEntry(value, count, label_id))
        return LabelMapping(label_names=list(self._info.label_names), scale=scale, entries=entries, rule=rule)

    def set_model(self, model_ref: str, model_version: str | None, label_names: Sequence[str]) -> None:
        """Record the model that made the predictions (for example after fine-tuning).

        A model with other labels replaces the stored predictions with empty ones and drops the
        label mapping. Once rows have corrections, other labels raise ProjectError, because the
        stored label ids would change meaning.
        """
        self._require_writable()
        label_names = [str(name) for name in label_names]
        if not label_names:
            raise LabelError(text("project.no_labels"))
        meta = {"model_ref": str(model_ref), "model_version": model_version}
        with self._lock:
            same_labels = label_names == self._info.label_names
            if not same_labels:
                touched = self._connection.execute("SELECT count(*) FROM row_state").fetchone()[0]
                if touched:
                    raise ProjectError(
                        text("project.labels_in_use", file=str(self._path), expected=", ".join(self._info.label_names),
                             got=", ".join(label_names))
                    )
            with self._transaction() as cursor:
                write_meta(cursor, meta)
                if not same_labels:
                    cursor.execute("DELETE FROM labels")
                    cursor.executemany("INSERT INTO labels(label_id, name) VALUES (?, ?)", list(enumerate(label_names)))
                    cursor.execute("DELETE FROM label_mapping")
                    cursor.execute("DELETE FROM meta WHERE key = 'label_mapping_scale'")
                    cursor.execute("DELETE FROM prediction_chunks")
                    empty = Annotations.empty(self._info.row_count, label_names)
                    write_prediction_chunks(cursor, empty, range(chunk_count(self._info.row_count)))
            self._info = replace(self._info, label_names=label_names, **meta)

    # ------------------------------------------------------------------------ internals

    def _require_writable(self) -> None:
        if self._read_only:
            raise ProjectError(text("project.read_only", file=str(self._path)))

    def _invalid(self, detail: str) -> ProjectError:
        return ProjectError(text("project.invalid", file=str(self._path), detail=detail))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        """Run the block as one write transaction; any SQLite error rolls it back as ProjectError."""
        cursor = self._connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
            yield cursor
            cursor.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            log.error("Project %s: write failed and was rolled back: %s", self._path, error)
            raise ProjectError(text("project.write_failed", file=str(self._path), detail=str(error))) from error
        except BaseException:
            self._rollback()
            raise
        finally:
            cursor.close()

    def _rollback(self) -> None:
        if self._connection.in_transaction:
            try:
                self._connection.execute("ROLLBACK")
            except sqlite3.Error as error:
                log.error("Project %s: rollback failed: %s", self._path, error)

    def _touched_rows(self, cursor: sqlite3.Cursor, rows: np.ndarray) -> np.ndarray:
        """Return the subset of ``rows`` that have a row_state record."""
        if len(rows) == 0:
            return rows
        stored = np.array([row for (row,) in cursor.execute("SELECT row_position FROM row_state")], dtype=np.int64)
        return np.intersect1d(rows, stored)


def resize_annotations(annotations: Annotations, row_count: int) -> Annotations:
    """Return a copy of ``annotations`` with ``row_count`` rows, matched by position.

    Rows past the old end start without a prediction or correction; rows past the new end are
    dropped. Use it only after the user accepted re-matching by position.
    """
    resized = Annotations.empty(row_count, annotations.label_names)
    shared = min(row_count, len(annotations))
    resized.predicted[:shared] = annotations.predicted[:shared]
    resized.probabilities[:shared] = annotations.probabilities[:shared]
    resized.truncated[:shared] = annotations.truncated[:shared]
    resized.status[:shared] = annotations.status[:shared]
    resized.corrected[:shared] = annotations.corrected[:shared]
    resized.review_state[:shared] = annotations.review_state[:shared]
    return resized


# ---------------------------------------------------------------------------- module helpers


def _check_positions(positions: np.ndarray, row_count: int) -> None:
    if len(positions) and (positions.min() < 0 or positions.max() >= row_count):
        raise IndexError(f"row positions must be in 0..{row_count - 1}")


def _broadcast_labels(label_ids: Any, count: int, label_count: int) -> np.ndarray:
    if label_ids is None:
        return np.full(count, -1, dtype=np.int64)
    labels = np.asarray(label_ids, dtype=np.int64)
    labels = np.full(count, int(labels), dtype=np.int64) if labels.ndim == 0 else labels.reshape(-1)
    if len(labels) != count:
        raise ValueError(f"got {len(labels)} label ids for {count} rows")
    if np.any((labels < -1) | (labels >= label_count)):
        raise ValueError(f"label ids must be -1 (none) or in 0..{label_count - 1}")
    return labels


def _broadcast_states(review_states: Any, count: int) -> np.ndarray:
    states = np.asarray(review_states, dtype=np.int64)
    states = np.full(count, int(states), dtype=np.int64) if states.ndim == 0 else states.reshape(-1)
    if len(states) != count:
        raise ValueError(f"got {len(states)} review states for {count} rows")
    if np.any((states < 0) | (states > max(ReviewState))):
        raise ValueError("review states must be ReviewState values")
    return states


def _table_read_meta(table: ReviewTable) -> dict[str, Any]:
    """Return the meta values that let the source be read again exactly as ``table`` was."""
    return {
        "file_format": table.file_format,
        "sheet": table.sheet,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "header_row": int(table.header_row),
        "lossy": bool(table.lossy_rows),
    }


def _fingerprint_or_error(path: Path) -> SourceFingerprint:
    if not is_regular_file(path):
        raise ProjectError(text("project.source_unreadable", file=str(path), detail="not a regular file"))
    try:
        return fingerprint_file(path)
    except OSError as error:
        raise ProjectError(text("project.source_unreadable", file=str(path), detail=error.strerror or str(error))) from error


def _app_version() -> str:
    try:
        return metadata.version("review-labeler")
    except metadata.PackageNotFoundError:
        return "unknown"
