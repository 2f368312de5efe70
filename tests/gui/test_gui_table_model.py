"""The review table model: cells, roles, and per-batch updates without model resets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from review_labeler.core.inference import BatchResult, ClassificationResult, RowStatus
from review_labeler.core.review_table import ReviewTable
from review_labeler.core.table_reader import ReadOptions
from review_labeler.gui.document import OpenedTable, ReviewDocument
from review_labeler.gui.table_model import Column, ReviewTableModel, _contiguous_runs

import pandas as pd


def _document(texts, labels=None, label_names=("부정", "긍정")) -> ReviewDocument:
    columns = {"리뷰": texts}
    if labels is not None:
        columns["정답"] = labels
    frame = pd.DataFrame(columns, dtype=str)
    table = ReviewTable(source_path="reviews.csv", frame=frame, headers=list(columns), file_format="csv")
    document = ReviewDocument()
    document.set_table(OpenedTable(table, ReadOptions(), "리뷰", "정답" if labels is not None else None))
    document.prepare_run(list(label_names))
    return document


def _batch(rows, label_ids, confidence=0.9, truncated=None) -> BatchResult:
    rows = np.asarray(rows, dtype=np.int64)
    label_ids = np.asarray(label_ids, dtype=np.int64)
    probabilities = np.full((len(rows), 2), 1 - confidence, dtype=np.float32)
    probabilities[np.arange(len(rows)), label_ids] = confidence
    flags = np.zeros(len(rows), dtype=bool) if truncated is None else np.asarray(truncated, dtype=bool)
    return BatchResult(rows, label_ids, probabilities, flags)


def test_contiguous_runs():
    assert _contiguous_runs(np.array([7, 1, 2, 3, 9, 8])) == [(1, 3), (7, 9)]
    assert _contiguous_runs(np.array([], dtype=np.int64)) == []


def test_columns_include_known_label_only_when_chosen():
    with_known = ReviewTableModel(_document(["좋아요"], ["긍정"]))
    without_known = ReviewTableModel(_document(["좋아요"]))

    assert Column.KNOWN in with_known.columns()
    assert Column.KNOWN not in without_known.columns()
    headers = [with_known.headerData(section, Qt.Orientation.Horizontal) for section in range(with_known.columnCount())]
    assert headers == ["Row", "Review", "Predicted label", "Confidence", "Corrected label", "Final label", "Known label", "Status"]


def test_cells_before_and_after_a_batch():
    document = _document(["좋아요\n정말로", "별로예요", ""], ["긍정", "부정", ""])
    model = ReviewTableModel(document)
    cell = lambda row, column: model.index(row, model.column_of(column)).data()  # noqa: E731

    assert cell(0, Column.ROW) == "1"
    assert cell(0, Column.REVIEW) == "좋아요 정말로"
    assert "좋아요\n정말로" in model.index(0, model.column_of(Column.REVIEW)).data(Qt.ItemDataRole.ToolTipRole)
    assert cell(0, Column.PREDICTED) == ""
    assert cell(0, Column.STATUS) == "Not classified"
    assert cell(1, Column.KNOWN) == "부정"

    document.apply_batch(_batch([1, 0], [0, 1], confidence=0.875, truncated=[True, False]))

    assert cell(0, Column.PREDICTED) == "긍정"
    assert cell(0, Column.CONFIDENCE) == "87.5%"
    assert cell(0, Column.FINAL) == "긍정"
    assert cell(0, Column.STATUS) == ""
    assert cell(1, Column.STATUS) == "Truncated"
    result = ClassificationResult.empty(3, ["부정", "긍정"])
    result.status[2] = RowStatus.NO_TEXT
    result.apply(_batch([1, 0], [0, 1], confidence=0.875))
    document.apply_result(result)
    assert cell(2, Column.STATUS) == "No text"


def test_batch_emits_data_changed_for_its_rows_only():
    document = _document([f"리뷰 {number}" for number in range(100)])
    model = ReviewTableModel(document)
    changed, resets = [], []
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), bottom.row())))
    model.modelReset.connect(lambda: resets.append(True))
    model.layoutChanged.connect(lambda: resets.append(True))

    document.apply_batch(_batch([40, 41, 42, 7, 90], [1, 1, 0, 0, 1]))

    assert sorted(changed) == [(7, 7), (40, 42), (90, 90)]
    assert resets == []


def test_corrected_cell_edit_goes_through_setter():
    document = _document(["좋아요", "별로예요"])
    model = ReviewTableModel(document)
    calls = []
    model.label_setter = lambda rows, label_id: calls.append((rows, label_id))
    corrected = model.index(1, model.column_of(Column.CORRECTED))

    assert model.flags(corrected) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, model.column_of(Column.PREDICTED))) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(corrected, 0)
    assert model.setData(corrected, -1)
    assert calls == [([1], 0), ([1], None)]


def test_sort_keys_names_and_empty_cells():
    document = _document(["b", "", "a"], label_names=("부정", "긍정"))
    model = ReviewTableModel(document)
    document.apply_batch(_batch([0, 2], [0, 1]))

    review_keys = model.sort_keys(model.column_of(Column.REVIEW))
    predicted_keys = model.sort_keys(model.column_of(Column.PREDICTED))

    assert review_keys[2] < review_keys[0]
    assert np.isnan(review_keys[1])
    # "긍정" sorts before "부정" by name.
    assert predicted_keys[2] < predicted_keys[0]
    assert np.isnan(predicted_keys[1])


@pytest.mark.parametrize("rows", [0, 1])
def test_degenerate_tables(rows):
    document = _document(["좋아요"] * rows)
    model = ReviewTableModel(document)

    assert model.rowCount() == rows
    assert model.columnCount() == 7
    for section in range(model.columnCount()):
        assert len(model.sort_keys(section)) == rows
