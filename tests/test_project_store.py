"""Project files: creating, reopening, predictions, corrections, validation and source checks.

Every test works on real SQLite files in tmp_path and on tables read by the app's own reader.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook

from review_labeler.core.annotations import ReviewState
from review_labeler.core.errors import ColumnError, ProjectError, ProjectVersionError
from review_labeler.core.inference import RowStatus
from review_labeler.core.label_mapping import ScaleKind, suggest_label_mapping
from review_labeler.core.project_fingerprint import fingerprint_file
from review_labeler.core.project_schema import APPLICATION_ID, SCHEMA_VERSION
from review_labeler.core.project_store import ProjectStore, SourceStatus
from review_labeler.core.table_reader import read_table

LABELS = ["부정", "긍정"]
REVIEWS = [
    "배송이 빠르고 좋아요",
    "별로예요 다시는 안 삼",
    "그냥 그래요",
    "=SUM(A1) 수식 같은 리뷰",
    "",
    "색이 예뻐요\n두 줄 리뷰",
    "사이즈가 작아요",
    "최고!",
    "포장이 엉망",
    "가성비 좋음",
]
STARS = ["5", "1", "3", "4", "", "5", "2", "5", "1", "4"]


def write_csv(path: Path, reviews: list[str] = REVIEWS, stars: list[str] = STARS) -> Path:
    lines = ["id,review,stars"]
    for number, (review, star) in enumerate(zip(reviews, stars), start=1):
        quoted = '"' + review.replace('"', '""') + '"'
        lines.append(f"{number},{quoted},{star}")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def write_xlsx(path: Path) -> Path:
    workbook = Workbook()
    first = workbook.active
    first.title = "요약"
    first.append(["note"])
    first.append(["not the reviews"])
    sheet = workbook.create_sheet("리뷰")
    sheet.append(["3월 리뷰 모음"])
    sheet.append(["id", "review", "stars"])
    for number, (review, star) in enumerate(zip(REVIEWS, STARS), start=1):
        sheet.append([number, review, star])
    workbook.save(path)
    return path


@pytest.fixture
def source_csv(tmp_path) -> Path:
    return write_csv(tmp_path / "reviews.csv")


@pytest.fixture
def store(tmp_path, source_csv):
    table = read_table(source_csv)
    with ProjectStore.create(tmp_path / "work.rlproj", table, "review", "stars", "klue/bert-base", LABELS,
                             model_version="rev-1") as opened:
        yield opened


def random_predictions(store: ProjectStore, seed: int = 0):
    annotations = store.load_annotations(store.row_count)
    rng = np.random.default_rng(seed)
    probabilities = rng.dirichlet([1, 1], size=store.row_count).astype(np.float32)
    annotations.probabilities[:] = probabilities
    annotations.predicted[:] = probabilities.argmax(axis=1)
    annotations.status[:] = RowStatus.CLASSIFIED
    annotations.truncated[:] = rng.random(store.row_count) < 0.2
    return annotations


def tamper(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


# ------------------------------------------------------------------------------- creating


def test_create_records_source_and_model(store, source_csv):
    info = store.info

    assert info.source_path == str(source_csv.resolve())
    assert info.source_size == source_csv.stat().st_size
    assert info.source_sha256 == fingerprint_file(source_csv).sha256
    assert info.file_format == "csv"
    assert info.delimiter == ","
    assert info.encoding is not None
    assert info.review_column == "review"
    assert info.label_column == "stars"
    assert info.model_ref == "klue/bert-base"
    assert info.model_version == "rev-1"
    assert info.row_count == len(REVIEWS)
    assert info.label_names == LABELS
    assert store.path.suffix == ".rlproj"


def test_create_uses_wal_and_schema_version(store):
    connection = sqlite3.connect(store.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_create_starts_with_empty_predictions(store):
    annotations = store.load_annotations(len(REVIEWS))

    assert annotations.predicted.tolist() == [-1] * len(REVIEWS)
    assert np.isnan(annotations.probabilities).all()
    assert (annotations.status == RowStatus.PENDING).all()
    assert (annotations.corrected == -1).all()
    assert (annotations.review_state == ReviewState.UNREVIEWED).all()


def test_create_refuses_existing_file(tmp_path, source_csv, store):
    table = read_table(source_csv)
    with pytest.raises(ProjectError, match="already exists"):
        ProjectStore.create(store.path, table, "review", None, "m", LABELS)


def test_create_rejects_unknown_column(tmp_path, source_csv):
    table = read_table(source_csv)
    with pytest.raises(ColumnError, match="본문"):
        ProjectStore.create(tmp_path / "bad.rlproj", table, "본문", None, "m", LABELS)
    assert not (tmp_path / "bad.rlproj").exists()
    assert list(tmp_path.glob("*.part")) == []


def test_xlsx_sheet_reads_back_identically(tmp_path):
    workbook = write_xlsx(tmp_path / "reviews.xlsx")
    from review_labeler.core.table_reader import ReadOptions

    table = read_table(workbook, ReadOptions(sheet="리뷰"))
    with ProjectStore.create(tmp_path / "x.rlproj", table, "review", "stars", "m", LABELS) as store:
        info = store.info
        assert info.file_format == "xlsx"
        assert info.sheet == "리뷰"
        assert info.header_row == 1
        again = read_table(workbook, store.read_options())

    assert again.columns == table.columns
    assert again.column_values("review") == table.column_values("review")
    assert again.column_values("review")[0] == REVIEWS[0]
    assert again.row_count == len(REVIEWS)


def test_read_options_reproduce_csv_table(store, source_csv):
    again = read_table(source_csv, store.read_options())

    assert again.column_values("review") == REVIEWS
    assert again.column_values("stars") == STARS


# ---------------------------------------------------------------------------- predictions


def test_predictions_round_trip_exactly(store):
    annotations = random_predictions(store)
    annotations.status[4] = RowStatus.NO_TEXT
    annotations.predicted[4] = -1
    annotations.probabilities[4] = np.nan
    store.save_predictions(annotations)
    store.close()

    with ProjectStore.open(store.path) as reopened:
        loaded = reopened.load_annotations(len(REVIEWS))

    assert loaded.predicted.tolist() == annotations.predicted.tolist()
    assert np.array_equal(loaded.probabilities, annotations.probabilities, equal_nan=True)
    assert loaded.truncated.tolist() == annotations.truncated.tolist()
    assert loaded.status.tolist() == annotations.status.tolist()
    assert loaded.label_names == LABELS


def test_predictions_span_several_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr("review_labeler.core.project_records.CHUNK_ROWS", 3)
    source = write_csv(tmp_path / "r.csv")
    with ProjectStore.create(tmp_path / "c.rlproj", read_table(source), "review", None, "m", LABELS) as store:
        annotations = random_predictions(store, seed=4)
        store.save_predictions(annotations)
        chunks = sqlite3.connect(store.path).execute("SELECT first_row, row_count FROM prediction_chunks").fetchall()
        loaded = store.load_annotations(len(REVIEWS))

    assert sorted(chunks) == [(0, 3), (3, 3), (6, 3), (9, 1)]
    assert np.array_equal(loaded.probabilities, annotations.probabilities)
    assert loaded.predicted.tolist() == annotations.predicted.tolist()


def test_partial_save_rewrites_only_named_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr("review_labeler.core.project_records.CHUNK_ROWS", 4)
    source = write_csv(tmp_path / "r.csv")
    with ProjectStore.create(tmp_path / "p.rlproj", read_table(source), "review", None, "m", LABELS) as store:
        annotations = random_predictions(store, seed=1)
        store.save_predictions(annotations, rows=[5, 6])
        loaded = store.load_annotations(len(REVIEWS))

    assert loaded.predicted[4:8].tolist() == annotations.predicted[4:8].tolist()
    assert loaded.predicted[:4].tolist() == [-1] * 4
    assert loaded.predicted[8:].tolist() == [-1] * 2


def test_save_predictions_rejects_other_labels(store):
    annotations = random_predictions(store)
    annotations.label_names = ["neg", "pos"]
    with pytest.raises(ProjectError, match="neg, pos"):
        store.save_predictions(annotations)


def test_save_predictions_from_worker_thread(store):
    annotations = random_predictions(store)
    errors: list[BaseException] = []

    def work():
        try:
            store.save_predictions(annotations)
        except BaseException as error:  # noqa: BLE001 - reported to the test thread below
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    store.record_edit([0], 1, ReviewState.CORRECTED)
    worker.join()

    assert errors == []
    loaded = store.load_annotations(len(REVIEWS))
    assert loaded.predicted.tolist() == annotations.predicted.tolist()
    assert loaded.corrected[0] == 1


# ---------------------------------------------------------------------------- corrections


def test_edits_persist_after_reopen(store):
    store.save_predictions(random_predictions(store))
    store.record_edit([3], 0, ReviewState.CORRECTED)
    store.record_edit([1, 2, 7], [1, 0, 1], [ReviewState.CORRECTED, ReviewState.ACCEPTED, ReviewState.ACCEPTED])
    store.close()

    with ProjectStore.open(store.path) as reopened:
        loaded = reopened.load_annotations(len(REVIEWS))

    assert loaded.corrected.tolist() == [-1, 1, 0, 0, -1, -1, -1, 1, -1, -1]
    assert loaded.review_state.tolist() == [0, 2, 1, 2, 0, 0, 0, 1, 0, 0]


def test_bulk_edit_logs_one_group(store):
    store.record_edit([2], 1, ReviewState.CORRECTED)
    record = store.record_edit([1, 2, 3], 0, ReviewState.CORRECTED)

    log = store.corrections()
    bulk = [entry for entry in log if entry.group_id == record.group_id]

    assert record.row_count == 3
    assert [entry.row for entry in bulk] == [1, 2, 3]
    assert {entry.label_id for entry in bulk} == {0}
    previous = {entry.row: (entry.previous_label_id, entry.previous_state) for entry in bulk}
    assert previous == {1: (None, ReviewState.UNREVIEWED), 2: (1, ReviewState.CORRECTED), 3: (None, ReviewState.UNREVIEWED)}
    assert len({entry.edited_at for entry in bulk}) == 1
    assert len(log) == 4


def test_undo_restores_previous_values(store):
    store.record_edit([0], 1, ReviewState.CORRECTED)
    store.record_edit([0, 5], 0, ReviewState.CORRECTED)
    # What a QUndoStack command does on undo: write back the values it saved before the edit.
    store.record_edit([0, 5], [1, -1], [ReviewState.CORRECTED, ReviewState.UNREVIEWED], kind="undo")

    loaded = store.load_annotations(len(REVIEWS))
    assert loaded.corrected[0] == 1
    assert loaded.corrected[5] == -1
    assert loaded.review_state[5] == ReviewState.UNREVIEWED
    assert [entry.kind for entry in store.corrections(row=5)] == ["edit", "undo"]
    remaining = sqlite3.connect(store.path).execute("SELECT row_position FROM row_state").fetchall()
    assert remaining == [(0,)]


def test_clearing_label_with_none(store):
    store.record_edit([4], 1, ReviewState.ACCEPTED)
    store.record_edit([4], None, ReviewState.UNREVIEWED)

    loaded = store.load_annotations(len(REVIEWS))
    assert loaded.corrected[4] == -1
    assert store.corrections(row=4)[-1].label_id is None
    assert store.corrections(row=4)[-1].previous_label_id == 1


@pytest.mark.parametrize(
    ("rows", "labels", "states", "error"),
    [
        ([10], 1, ReviewState.CORRECTED, IndexError),
        ([-1], 1, ReviewState.CORRECTED, IndexError),
        ([1, 1], 1, ReviewState.CORRECTED, ValueError),
        ([1], 2, ReviewState.CORRECTED, ValueError),
        ([1], None, ReviewState.CORRECTED, ValueError),
        ([1], 1, ReviewState.UNREVIEWED, ValueError),
        ([1], 1, 7, ValueError),
        ([1, 2], [1, 0, 1], ReviewState.CORRECTED, ValueError),
    ],
)
def test_invalid_edit_writes_nothing(store, rows, labels, states, error):
    with pytest.raises(error):
        store.record_edit(rows, labels, states)

    assert store.corrections() == []
    assert (store.load_annotations(len(REVIEWS)).corrected == -1).all()


def test_empty_edit_is_not_logged(store):
    assert store.record_edit([], 1, ReviewState.CORRECTED) is None
    assert store.corrections() == []


def test_failed_commit_raises_and_keeps_nothing(store):
    # A trigger added behind the store's back makes the insert fail inside the transaction.
    tamper(store.path, "CREATE TRIGGER refuse BEFORE INSERT ON corrections BEGIN SELECT RAISE(ABORT, 'disk says no'); END")

    with pytest.raises(ProjectError, match="disk says no"):
        store.record_edit([1], 1, ReviewState.CORRECTED)
    tamper(store.path, "DROP TRIGGER refuse")

    assert store.load_annotations(len(REVIEWS)).corrected[1] == -1
    assert sqlite3.connect(store.path).execute("SELECT count(*) FROM edit_groups").fetchone()[0] == 0


def test_load_rejects_other_row_count(store):
    with pytest.raises(ProjectError, match="10 rows, but the table has 11"):
        store.load_annotations(11)


def test_load_by_position_pads_and_truncates(store):
    store.save_predictions(random_predictions(store))
    store.record_edit([9], 0, ReviewState.CORRECTED)

    longer = store.load_annotations_by_position(12)
    shorter = store.load_annotations_by_position(9)

    assert len(longer) == 12
    assert longer.corrected[9] == 0
    assert longer.predicted[10:].tolist() == [-1, -1]
    assert len(shorter) == 9
    assert (shorter.corrected == -1).all()


# ------------------------------------------------------------------- UI state, names, mapping


def test_ui_state_round_trip(store):
    state = {"filters": {"search": "배송", "label": [1]}, "sort": ["confidence", "ascending"], "selection": [3, 4],
             "column_widths": {"review": 420}}
    store.set_ui_state(state)
    store.close()

    with ProjectStore.open(store.path) as reopened:
        assert reopened.ui_state() == state


def test_ui_state_defaults_and_rejects_non_json(store):
    assert store.ui_state() == {}
    with pytest.raises(ValueError):
        store.set_ui_state({"bad": object()})


def test_display_names(store):
    store.set_display_names({0: "불만", 1: "만족"})
    assert store.display_names() == ["불만", "만족"]

    store.set_display_names({0: ""})
    assert store.display_names() == ["부정", "만족"]
    assert store.label_names == LABELS


def test_label_mapping_round_trip(store):
    mapping = suggest_label_mapping(STARS, LABELS)
    mapping.set_label("3", 0)
    store.set_label_mapping("stars", mapping)
    store.close()

    with ProjectStore.open(store.path) as reopened:
        loaded = reopened.label_mapping()
        assert reopened.info.label_column == "stars"

    assert loaded.scale == ScaleKind.STARS
    assert loaded.as_dict() == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert [(entry.value, entry.count) for entry in loaded.entries] == [(entry.value, entry.count) for entry in mapping.entries]
    assert loaded.rule == mapping.rule
    assert loaded.description() == mapping.description()


def test_label_mapping_cleared(store):
    store.set_label_mapping("stars", suggest_label_mapping(STARS, LABELS))
    store.set_label_mapping(None, None)

    assert store.label_mapping() is None
    assert store.info.label_column is None


def test_set_model_keeps_predictions_with_same_labels(store):
    annotations = random_predictions(store)
    store.save_predictions(annotations)
    store.set_model("/models/tuned", "sha256:abc", LABELS)

    assert store.info.model_ref == "/models/tuned"
    assert store.load_annotations(len(REVIEWS)).predicted.tolist() == annotations.predicted.tolist()


def test_set_model_with_other_labels(store):
    store.save_predictions(random_predictions(store))
    store.set_model("three", None, ["부정", "중립", "긍정"])

    loaded = store.load_annotations(len(REVIEWS))
    assert loaded.label_names == ["부정", "중립", "긍정"]
    assert loaded.probabilities.shape == (len(REVIEWS), 3)
    assert (loaded.predicted == -1).all()

    store.record_edit([0], 2, ReviewState.CORRECTED)
    with pytest.raises(ProjectError, match="corrections"):
        store.set_model("two", None, LABELS)


# ---------------------------------------------------------------------------- opening


def test_open_missing_file(tmp_path):
    with pytest.raises(ProjectError, match="not found"):
        ProjectStore.open(tmp_path / "none.rlproj")


def test_open_text_file(tmp_path):
    path = tmp_path / "notes.rlproj"
    path.write_text("id,review\n1,좋아요\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a Review Labeler project"):
        ProjectStore.open(path)


def test_open_foreign_sqlite_file(tmp_path):
    path = tmp_path / "other.rlproj"
    tamper(path, "CREATE TABLE t (x)")
    with pytest.raises(ProjectError, match="not a Review Labeler project"):
        ProjectStore.open(path)


def test_open_newer_version(store):
    store.close()
    tamper(store.path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    with pytest.raises(ProjectVersionError, match="newer version"):
        ProjectStore.open(store.path)


def test_open_unknown_version(store):
    store.close()
    tamper(store.path, "PRAGMA user_version = 0")

    with pytest.raises(ProjectVersionError, match="unknown project format"):
        ProjectStore.open(store.path)


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("CREATE TRIGGER spy AFTER INSERT ON corrections BEGIN DELETE FROM meta; END", "unexpected trigger"),
        ("CREATE VIEW v AS SELECT * FROM meta", "unexpected view"),
        ("CREATE TABLE extra (x)", "unexpected table"),
        ("CREATE INDEX by_row ON corrections(row_position)", "unexpected index"),
        ("DROP TABLE label_mapping", "label_mapping"),
        ("DELETE FROM meta WHERE key = 'row_count'", "row_count"),
        ("UPDATE meta SET value = '\"many\"' WHERE key = 'row_count'", "row_count"),
        ("UPDATE meta SET value = 'not json' WHERE key = 'sheet'", "not JSON"),
        ("DELETE FROM labels WHERE label_id = 0", "labels"),
    ],
)
def test_open_rejects_altered_layout(store, statement, message):
    store.close()
    tamper(store.path, statement)

    with pytest.raises(ProjectError, match=message):
        ProjectStore.open(store.path)


@pytest.mark.parametrize(
    ("statement", "reader", "message"),
    [
        ("UPDATE prediction_chunks SET label_ids = x'0000'", "load", "wrong size"),
        ("UPDATE prediction_chunks SET first_row = 5", "load", "do not cover"),
        ("INSERT INTO row_state VALUES (99, 1, 2, 1)", "load", "out-of-range"),
        ("INSERT INTO row_state VALUES (1, 1, 0, 1)", "load", "out-of-range"),
        ("UPDATE row_hash_chunks SET hashes = x'00'", "compare", "wrong size"),
    ],
)
def test_damaged_records_raise_project_error(store, source_csv, statement, reader, message):
    store.close()
    tamper(store.path, statement)

    with ProjectStore.open(store.path) as reopened, pytest.raises(ProjectError, match=message):
        if reader == "load":
            reopened.load_annotations(len(REVIEWS))
        else:
            reopened.compare_rows(read_table(source_csv))


def test_open_damaged_file(store):
    store.close()
    data = bytearray(store.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    store.path.write_bytes(bytes(data))

    with pytest.raises(ProjectError):
        ProjectStore.open(store.path)


def test_read_only_open_changes_nothing(store):
    store.record_edit([0], 1, ReviewState.CORRECTED)
    store.close()
    before = store.path.read_bytes()

    with ProjectStore.open(store.path, read_only=True) as reader:
        assert reader.read_only
        assert reader.load_annotations(len(REVIEWS)).corrected[0] == 1
        with pytest.raises(ProjectError, match="read-only"):
            reader.record_edit([1], 1, ReviewState.CORRECTED)
        with pytest.raises(ProjectError, match="read-only"):
            reader.set_ui_state({})

    assert store.path.read_bytes() == before


# ---------------------------------------------------------------------------- source file


def test_source_status_unchanged_changed_missing(store, source_csv):
    assert store.source_status().status == SourceStatus.UNCHANGED

    write_csv(source_csv, reviews=REVIEWS[:-1] + ["가성비 별로"])
    changed = store.source_status()
    assert changed.status == SourceStatus.CHANGED
    assert changed.current.size != changed.recorded.size or changed.current.sha256 != changed.recorded.sha256

    source_csv.unlink()
    assert store.source_status().status == SourceStatus.MISSING


def test_source_status_for_moved_copy(store, source_csv, tmp_path):
    moved = tmp_path / "moved" / "reviews.csv"
    moved.parent.mkdir()
    os.replace(source_csv, moved)

    assert store.source_status().status == SourceStatus.MISSING
    check = store.source_status(moved)
    assert check.status == SourceStatus.UNCHANGED
    assert check.path == moved


def test_open_never_reads_recorded_source(store, tmp_path):
    fifo = tmp_path / "trap.csv"
    os.mkfifo(fifo)
    store.close()
    connection = sqlite3.connect(store.path)
    connection.execute("UPDATE meta SET value = ? WHERE key = 'source_path'", (json.dumps(str(fifo)),))
    connection.commit()
    connection.close()

    # Opening reads no source; checking it refuses the FIFO instead of blocking on it.
    with ProjectStore.open(store.path) as reopened:
        assert reopened.info.source_path == str(fifo)
        check = reopened.source_status()

    assert check.status == SourceStatus.MISSING
    assert check.current is None


def test_source_status_refuses_folder(store, tmp_path):
    assert store.source_status(tmp_path).status == SourceStatus.MISSING


def test_compare_rows_counts_changed_texts(store, source_csv):
    edited = list(REVIEWS)
    edited[2] = "그냥 그래요!!"
    write_csv(source_csv, reviews=edited)

    report = store.compare_rows(read_table(source_csv))

    assert report.same_row_count
    assert report.matching_rows == len(REVIEWS) - 1
    assert report.changed_rows.tolist() == [2]
    assert not report.all_match


def test_compare_rows_with_fewer_rows(store, source_csv):
    write_csv(source_csv, reviews=REVIEWS[1:], stars=STARS[1:])

    report = store.compare_rows(read_table(source_csv))

    assert report.project_rows == 10
    assert report.table_rows == 9
    assert not report.same_row_count
    # Shifted by one row, so almost no text matches at its old position.
    assert report.matching_rows < 3


def test_reattach_same_count_clears_changed_rows(store, source_csv):
    annotations = random_predictions(store)
    store.save_predictions(annotations)
    store.record_edit([2, 3], 1, ReviewState.CORRECTED)
    edited = list(REVIEWS)
    edited[2] = "완전히 다른 리뷰"
    write_csv(source_csv, reviews=edited)
    table = read_table(source_csv)

    report = store.reattach_source(table, clear_changed_rows=True)

    assert report.changed_rows.tolist() == [2]
    loaded = store.load_annotations(table.row_count)
    assert loaded.corrected[2] == -1
    assert loaded.predicted[2] == -1
    assert loaded.status[2] == RowStatus.PENDING
    assert loaded.corrected[3] == 1
    assert loaded.predicted[3] == annotations.predicted[3]
    assert store.source_status().status == SourceStatus.UNCHANGED
    assert store.compare_rows(table).all_match
    assert store.corrections(row=2)[-1].kind == "rematch"


def test_reattach_fewer_rows_drops_their_corrections(store, source_csv):
    store.record_edit([8, 9], 0, ReviewState.CORRECTED)
    write_csv(source_csv, reviews=REVIEWS[:8], stars=STARS[:8])
    table = read_table(source_csv)

    store.reattach_source(table)
    store.close()

    with ProjectStore.open(store.path) as reopened:
        assert reopened.row_count == 8
        loaded = reopened.load_annotations(8)
        assert len(loaded) == 8
        rematch = [entry for entry in reopened.corrections() if entry.kind == "rematch"]

    assert sorted(entry.row for entry in rematch) == [8, 9]
    assert all(entry.previous_label_id == 0 for entry in rematch)


def test_reattach_more_rows_adds_pending_rows(store, source_csv):
    store.save_predictions(random_predictions(store))
    write_csv(source_csv, reviews=REVIEWS + ["새 리뷰"], stars=STARS + ["5"])
    table = read_table(source_csv)

    report = store.reattach_source(table)

    assert report.matching_rows == 10
    loaded = store.load_annotations(11)
    assert loaded.predicted[10] == -1
    assert loaded.status[10] == RowStatus.PENDING


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to write-protected files")
def test_write_protected_project_read_only(store):
    store.close()
    store.path.chmod(0o444)

    with pytest.raises(ProjectError, match="write-protected"):
        ProjectStore.open(store.path)
    with ProjectStore.open(store.path, read_only=True) as reader:
        assert reader.row_count == len(REVIEWS)
