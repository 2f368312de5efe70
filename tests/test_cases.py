"""Row alignment and model limits on the invented case files under tests/data/cases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from oracle_model import oracle_model
from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import InferenceError
from review_labeler.core.inference import ClassificationResult, RowStatus, check_result_matches, classify_texts
from review_labeler.core.model_loading import load_model
from review_labeler.core.table_reader import ReadOptions, read_table
from review_labeler.core.text_cleaning import clean_review_text
from tiny_models import build_tiny_checkpoint

CASES = Path(__file__).parent / "data" / "cases"
LABELS = ["부정", "긍정"]
TOLERANCE = 1e-5


def gold_of(*tables) -> dict[str, str]:
    gold = {}
    for table in tables:
        for text, label in zip(table.column_values("review_text"), table.column_values("gold_label")):
            if text.strip():
                gold[text] = label
    return gold


@pytest.fixture(scope="module")
def case_tables() -> dict[str, object]:
    return {
        "case01": read_table(CASES / "case01" / "reviews_24.csv"),
        "case02_10": read_table(CASES / "case02" / "reviews_10.csv"),
        "case02_7": read_table(CASES / "case02" / "reviews_7.csv"),
        "case02_1": read_table(CASES / "case02" / "reviews_1.csv"),
        "case02_0": read_table(CASES / "case02" / "reviews_0.csv"),
        "case04_gaps": read_table(CASES / "case04" / "reviews_with_gaps.csv"),
        "case04_index": read_table(CASES / "case04" / "reviews_custom_index.csv"),
        "case04_jan": read_table(CASES / "case04" / "reviews_two_sheets.xlsx", ReadOptions(sheet="1월")),
        "case04_feb": read_table(CASES / "case04" / "reviews_two_sheets.xlsx", ReadOptions(sheet="2월")),
    }


@pytest.fixture(scope="module")
def oracle(case_tables):
    return oracle_model(gold_of(*case_tables.values()), LABELS)


# case01: an oracle model shows every ordering bug as a wrong label


@pytest.mark.parametrize("batch_size", [1, 4, 5, 8, 32])
def test_case01_oracle_scores_24_of_24(case_tables, oracle, batch_size):
    table = case_tables["case01"]
    texts = table.column_values("review_text")
    gold = table.column_values("gold_label")

    result = classify_texts(oracle, texts, batch_size=batch_size)

    assert len(result) == 24
    predicted = [result.label_name(row) for row in range(24)]
    assert predicted == gold
    assert sum(name == label for name, label in zip(predicted, gold)) == 24


@pytest.mark.parametrize("batch_size", [1, 4, 5, 8, 32])
def test_case01_row_17_equals_own_single_run(case_tables, oracle, batch_size):
    texts = case_tables["case01"].column_values("review_text")
    assert texts[16] == texts[4]

    result = classify_texts(oracle, texts, batch_size=batch_size)
    alone = classify_texts(oracle, [texts[16]], batch_size=1)

    assert result.label_ids[16] == alone.label_ids[0]
    np.testing.assert_allclose(result.probabilities[16], alone.probabilities[0], atol=TOLERANCE)
    np.testing.assert_allclose(result.probabilities[4], result.probabilities[16], atol=TOLERANCE)


def test_case01_batches_are_permutation_of_rows(case_tables, oracle):
    batches = []

    classify_texts(oracle, case_tables["case01"].column_values("review_text"), batch_size=5, on_batch=batches.append)

    positions = np.concatenate([batch.positions for batch in batches])
    assert sorted(positions.tolist()) == list(range(24))
    assert oracle.model.batch_sizes[-len(batches):] == [len(batch.positions) for batch in batches]


def test_case01_oracle_probabilities_differ_per_text(case_tables, oracle):
    texts = case_tables["case01"].column_values("review_text")

    result = classify_texts(oracle, texts, batch_size=8)

    distinct_texts = len(set(texts))
    distinct_rows = len({tuple(np.round(row, 6)) for row in result.probabilities})
    assert distinct_texts == 23
    assert distinct_rows == 23


# case02: exactly N results for N rows


@pytest.mark.parametrize("name", ["case02_0", "case02_1", "case02_7", "case02_10"])
@pytest.mark.parametrize("batch_size", [1, 3, 4, 8, 16])
def test_case02_one_result_per_row(case_tables, oracle, name, batch_size):
    table = case_tables[name]
    texts = table.column_values("review_text")

    result = classify_texts(oracle, texts, batch_size=batch_size)

    check_result_matches(result, table.row_count)
    assert len(result) == table.row_count == len(texts)
    assert [result.label_name(row) for row in range(len(texts))] == table.column_values("gold_label")
    for row, text in enumerate(texts):
        alone = classify_texts(oracle, [text], batch_size=1)
        np.testing.assert_allclose(result.probabilities[row], alone.probabilities[0], atol=TOLERANCE)


def test_case02_header_only_runs_no_batch(case_tables, oracle):
    calls_before = len(oracle.model.batch_sizes)

    result = classify_texts(oracle, case_tables["case02_0"].column_values("review_text"))

    assert len(result) == 0
    assert result.probabilities.shape == (0, 2)
    assert len(oracle.model.batch_sizes) == calls_before
    check_result_matches(result, 0)


def test_case02_wrong_count_leaves_annotations_unchanged(case_tables, oracle):
    table = case_tables["case02_10"]
    annotations = Annotations.from_result(classify_texts(oracle, table.column_values("review_text")))
    before = annotations.predicted.copy()
    short = ClassificationResult.empty(9, LABELS)

    with pytest.raises(InferenceError) as caught:
        annotations.apply_result(short)

    assert "9" in str(caught.value)
    assert "10" in str(caught.value)
    np.testing.assert_array_equal(annotations.predicted, before)


# case04: empty reviews, a number column that is not an index, two sheets


def test_case04_gaps_get_no_text(case_tables, oracle):
    table = case_tables["case04_gaps"]
    texts = table.column_values("review_text")

    result = classify_texts(oracle, texts, batch_size=4)

    ids = table.column_values("review_id")
    no_text_ids = [ids[row] for row in np.flatnonzero(result.status == RowStatus.NO_TEXT)]
    assert no_text_ids == ["3", "7", "8"]
    assert result.label_ids[[2, 6, 7]].tolist() == [-1, -1, -1]
    assert np.isnan(result.probabilities[[2, 6, 7]]).all()
    for row, label in enumerate(table.column_values("gold_label")):
        if row in (2, 6, 7):
            continue
        assert result.label_name(row) == label
        alone = classify_texts(oracle, [texts[row]], batch_size=1)
        np.testing.assert_allclose(result.probabilities[row], alone.probabilities[0], atol=TOLERANCE)


def test_case04_gaps_with_whitespace_cells(case_tables, oracle):
    texts = case_tables["case04_gaps"].column_values("review_text")
    texts[2], texts[6], texts[7] = "   ", "\u3000", "\t\n"

    result = classify_texts(oracle, texts, batch_size=3)

    assert np.flatnonzero(result.status == RowStatus.NO_TEXT).tolist() == [2, 6, 7]
    assert result.classified_count == 9


def test_case04_custom_index_keeps_file_order(case_tables, oracle):
    table = case_tables["case04_index"]

    result = classify_texts(oracle, table.column_values("review_text"), batch_size=4)

    assert table.column_values("번호") == ["1001", "1003", "1002", "1010", "1007", "1004"]
    assert [result.label_name(row) for row in range(6)] == table.column_values("gold_label")


@pytest.mark.parametrize("sheet", ["case04_jan", "case04_feb"])
def test_case04_each_sheet_predicted_on_own_rows(case_tables, oracle, sheet):
    table = case_tables[sheet]

    result = classify_texts(oracle, table.column_values("review_text"), batch_size=2)

    assert len(result) == 5
    assert [result.label_name(row) for row in range(5)] == table.column_values("gold_label")


# case13: long reviews are truncated by token count; out-of-memory halves the batch


@pytest.fixture(scope="module")
def long_reviews() -> list[str]:
    table = read_table(CASES / "case13" / "reviews_long.csv")
    texts = table.column_values("review_text")
    assert [len(text) for text in texts] == [10, 1669, 11, 7119, 3000, 604, 2]
    return texts


@pytest.fixture(scope="module")
def bert_512(tmp_path_factory):
    folder = build_tiny_checkpoint(tmp_path_factory.mktemp("bert512") / "bert", "bert", max_positions=512)
    return folder


def token_counts(loaded, texts: list[str]) -> list[int]:
    return [len(loaded.tokenizer(clean_review_text(text))["input_ids"]) for text in texts]


@pytest.mark.parametrize("max_length", [64, 451, 452, 512])
def test_case13_truncated_by_tokens(bert_512, long_reviews, max_length):
    loaded = load_model(bert_512, device="cpu", max_length=max_length)
    counts = token_counts(loaded, long_reviews)
    # Row 5 is 3,000 characters but one [UNK] token, so characters must not decide truncation.
    assert counts[4] <= 3

    result = classify_texts(loaded, long_reviews, batch_size=4)

    assert loaded.max_length == max_length
    assert result.classified_count == 7
    assert result.status.tolist() == [RowStatus.CLASSIFIED] * 7
    assert result.truncated.tolist() == [count > max_length for count in counts]


def test_case13_truncated_rows_at_64(tiny_bert, long_reviews):
    result = classify_texts(tiny_bert, long_reviews, batch_size=8)

    assert tiny_bert.max_length == 64
    assert result.truncated.tolist() == [False, True, False, True, False, False, False]
    assert result.classified_count == 7


class OutOfMemoryAboveTwo(torch.nn.Module):
    """Runs the wrapped model, but raises out-of-memory for batches of more than two rows."""

    def __init__(self, inner: torch.nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.config = inner.config
        self.batch_sizes: list[int] = []

    def forward(self, **inputs):
        size = int(inputs["input_ids"].shape[0])
        self.batch_sizes.append(size)
        if size > 2:
            raise torch.OutOfMemoryError("CUDA out of memory (simulated by the test)")
        return self.inner(**inputs)


@pytest.mark.parametrize("batch_size", [3, 4, 8])
def test_case13_out_of_memory_backs_off(tiny_bert, long_reviews, batch_size):
    reference = classify_texts(tiny_bert, long_reviews, batch_size=1)
    fake = OutOfMemoryAboveTwo(tiny_bert.model)
    loaded = dataclasses.replace(tiny_bert, model=fake)

    result = classify_texts(loaded, long_reviews, batch_size=batch_size)

    assert max(fake.batch_sizes) > 2
    assert len(result) == 7
    assert result.classified_count == 7
    np.testing.assert_array_equal(result.label_ids, reference.label_ids)
    np.testing.assert_allclose(result.probabilities, reference.probabilities, atol=TOLERANCE)
    np.testing.assert_array_equal(result.truncated, reference.truncated)


def test_case13_single_row_oom_names_row(tiny_bert, long_reviews):
    class OutOfMemoryOnLongRows(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner
            self.config = inner.config

        def forward(self, **inputs):
            if inputs["input_ids"].shape[1] >= tiny_bert.max_length:
                raise torch.OutOfMemoryError("CUDA out of memory (simulated by the test)")
            return self.inner(**inputs)

    loaded = dataclasses.replace(tiny_bert, model=OutOfMemoryOnLongRows(tiny_bert.model))

    with pytest.raises(InferenceError) as caught:
        classify_texts(loaded, long_reviews, batch_size=4)

    # Rows 2 and 4 both fill the 64-token window; the stable length sort runs row 2 first.
    assert "row 2 alone" in str(caught.value)
    partial = caught.value.partial_result
    assert isinstance(partial, ClassificationResult)
    assert len(partial) == 7
    assert partial.classified_count == 0
