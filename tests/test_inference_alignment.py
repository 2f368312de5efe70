"""Every result stays on its own row: batch sizes, shuffles, duplicates, counts, progress, cancel."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_labeler.core.errors import InferenceError
from review_labeler.core.inference import (
    Classifier,
    ClassificationResult,
    RowStatus,
    check_result_matches,
    classify_texts,
    plan_batches,
)
from tiny_models import TRAINING_TEXTS

TOLERANCE = 1e-5
REVIEWS = TRAINING_TEXTS + [
    "배송이 빨라서 좋았어요 가격 대비 품질이 훌륭합니다 재구매 의사 있습니다 " * 4,
    "ㅋㅋ",
    "별로",
    "사이즈가 딱 맞아요 " * 12,
]


def reviews(count: int, seed: int = 0) -> list[str]:
    generator = np.random.default_rng(seed)
    return [REVIEWS[index] for index in generator.integers(0, len(REVIEWS), size=count)]


def single_row_results(loaded, texts: list[str]) -> ClassificationResult:
    return classify_texts(loaded, texts, batch_size=1)


def assert_same_results(result: ClassificationResult, reference: ClassificationResult) -> None:
    assert len(result) == len(reference)
    np.testing.assert_array_equal(result.status, reference.status)
    np.testing.assert_array_equal(result.truncated, reference.truncated)
    np.testing.assert_allclose(result.probabilities, reference.probabilities, atol=TOLERANCE, equal_nan=True)
    # Argmax may only differ where the two best labels tie within the tolerance.
    ranked = np.sort(np.nan_to_num(reference.probabilities, nan=0.0), axis=1)
    clear = (ranked[:, -1] - ranked[:, -2]) > TOLERANCE
    np.testing.assert_array_equal(result.label_ids[clear], reference.label_ids[clear])


@pytest.fixture(scope="module")
def texts_40() -> list[str]:
    return reviews(40, seed=1)


@pytest.fixture(scope="module")
def reference_40(tiny_bert, texts_40) -> ClassificationResult:
    return single_row_results(tiny_bert, texts_40)


@pytest.mark.parametrize("batch_size", [1, 3, 8, 32])
def test_batch_size_gives_same_results(tiny_bert, texts_40, reference_40, batch_size):
    result = classify_texts(tiny_bert, texts_40, batch_size=batch_size)

    assert_same_results(result, reference_40)
    assert result.classified_count == 40


def test_token_budget_gives_same_results(tiny_bert, texts_40, reference_40):
    # A budget of one maximum-length row forces many small, unevenly sized batches.
    result = classify_texts(tiny_bert, texts_40, batch_size=64, max_tokens=tiny_bert.max_length)

    assert_same_results(result, reference_40)


def test_windows_give_same_results(tiny_bert, texts_40, reference_40):
    result = Classifier(tiny_bert, batch_size=8, window_rows=7).run(texts_40)

    assert_same_results(result, reference_40)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shuffled_input_gives_same_rows(tiny_bert, texts_40, reference_40, seed):
    order = np.random.default_rng(seed).permutation(len(texts_40))
    shuffled = [texts_40[index] for index in order]

    result = classify_texts(tiny_bert, shuffled, batch_size=8)

    unshuffled = np.empty_like(order)
    unshuffled[order] = np.arange(len(order))
    np.testing.assert_allclose(result.probabilities[unshuffled], reference_40.probabilities, atol=TOLERANCE)
    np.testing.assert_array_equal(result.label_ids[unshuffled], reference_40.label_ids)


def test_duplicate_texts_keep_own_rows(tiny_bert):
    texts = ["별로", "배송이 너무 늦었어요", "별로", "별로", "사이즈가 딱 맞아요", "배송이 너무 늦었어요"]

    result = classify_texts(tiny_bert, texts, batch_size=4)

    assert len(result) == 6
    assert result.classified_count == 6
    np.testing.assert_allclose(result.probabilities[0], result.probabilities[2], atol=TOLERANCE)
    np.testing.assert_allclose(result.probabilities[0], result.probabilities[3], atol=TOLERANCE)
    np.testing.assert_allclose(result.probabilities[1], result.probabilities[5], atol=TOLERANCE)
    assert not np.allclose(result.probabilities[0], result.probabilities[1], atol=TOLERANCE)


def test_batches_carry_every_position_once(tiny_bert, texts_40):
    batches = []

    classify_texts(tiny_bert, texts_40, batch_size=3, on_batch=batches.append)

    positions = np.concatenate([batch.positions for batch in batches])
    assert sorted(positions.tolist()) == list(range(40))
    assert all(len(batch.positions) <= 3 for batch in batches)


@pytest.mark.parametrize("count", [0, 1, 7, 1000])
def test_row_count_preserved(tiny_bert, count):
    texts = reviews(count, seed=count)

    result = classify_texts(tiny_bert, texts, batch_size=32)

    assert len(result) == count
    assert result.probabilities.shape == (count, 2)
    assert result.classified_count == count
    check_result_matches(result, count)


def test_thousand_rows_match_single_rows_on_sample(tiny_bert):
    texts = reviews(1000, seed=5)
    result = classify_texts(tiny_bert, texts)

    sample = np.random.default_rng(0).choice(1000, size=25, replace=False)
    for row in sample:
        alone = classify_texts(tiny_bert, [texts[row]], batch_size=1)
        np.testing.assert_allclose(result.probabilities[row], alone.probabilities[0], atol=TOLERANCE)


def test_blank_rows_get_no_text(tiny_bert):
    texts = ["좋아요", "", "   ", None, "\u3000\u00a0", "&nbsp;", "\u200b", "별로"]

    result = classify_texts(tiny_bert, texts, batch_size=2)

    assert result.status.tolist() == [
        RowStatus.CLASSIFIED,
        RowStatus.NO_TEXT,
        RowStatus.NO_TEXT,
        RowStatus.NO_TEXT,
        RowStatus.NO_TEXT,
        RowStatus.NO_TEXT,
        RowStatus.NO_TEXT,
        RowStatus.CLASSIFIED,
    ]
    assert result.label_ids.tolist()[1:7] == [-1] * 6
    assert np.isnan(result.probabilities[1:7]).all()
    assert np.isnan(result.confidence[1:7]).all()
    assert result.no_text_count == 6
    assert result.label_name(1) is None


def test_plan_batches_covers_rows_once():
    lengths = np.array([5, 64, 3, 64, 10, 1, 30])

    batches = plan_batches(lengths, batch_size=3, max_tokens=128)

    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(7))
    assert [len(batch) for batch in batches] == [2, 3, 2]
    assert flat.tolist()[:2] == [1, 3]


# Truncation is decided by tokens


def test_truncation_flag_at_exact_limit(tiny_bert):
    limit = tiny_bert.max_length
    # "별로" is one token in the tiny vocabulary, so n words give n + 2 tokens with [CLS] and [SEP].
    assert len(tiny_bert.tokenizer("별로")["input_ids"]) == 3
    fits = " ".join(["별로"] * (limit - 2))
    too_long = " ".join(["별로"] * (limit - 1))

    result = classify_texts(tiny_bert, [fits, too_long, "x" * 500], batch_size=2)

    assert result.truncated.tolist() == [False, True, False]
    assert result.classified_count == 3


def test_slow_tokenizer_path_matches_fast(tiny_bert, texts_40, reference_40):
    class WithoutBackend:
        """A tokenizer wrapper without ``backend_tokenizer``, as slow tokenizers have."""

        def __init__(self, tokenizer):
            self._tokenizer = tokenizer

        def __call__(self, *args, **kwargs):
            return self._tokenizer(*args, **kwargs)

        def __getattr__(self, name):
            if name == "backend_tokenizer":
                raise AttributeError(name)
            return getattr(self._tokenizer, name)

    slow = dataclasses.replace(tiny_bert, tokenizer=WithoutBackend(tiny_bert.tokenizer))
    texts = texts_40 + [" ".join(["별로"] * (tiny_bert.max_length - 2)), " ".join(["별로"] * (tiny_bert.max_length - 1))]

    result = classify_texts(slow, texts, batch_size=8)

    assert_same_results(
        ClassificationResult(
            result.label_ids[:40], result.probabilities[:40], result.truncated[:40], result.status[:40], result.label_names
        ),
        reference_40,
    )
    assert result.truncated[40:].tolist() == [False, True]


# Property: the fast path agrees with one row at a time

review_text = st.one_of(
    st.text(alphabet=st.sampled_from(list("배송이빨라서좋았어요별로사이즈 ㅋㅎabc123!?,.👍♡—é\t\n")), max_size=300),
    st.sampled_from(REVIEWS + ["", "   "]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(review_text, min_size=1, max_size=30))
def test_fast_path_matches_single_rows(tiny_bert, texts):
    fast = classify_texts(tiny_bert, texts)
    single = classify_texts(tiny_bert, texts, batch_size=1)

    assert_same_results(fast, single)


# Progress and cancellation


def test_progress_after_each_batch(tiny_bert, texts_40):
    events = []
    batches = []
    texts = texts_40[:30] + ["", "  "]

    classify_texts(tiny_bert, texts, batch_size=4, progress=events.append, on_batch=batches.append)

    assert len(events) == len(batches) == 8
    done_rows = [event.done_rows for event in events]
    assert done_rows == sorted(done_rows)
    assert len(set(done_rows)) == len(done_rows)
    assert done_rows[-1] == events[-1].total_rows == 30
    done_work = [event.done_work for event in events]
    assert done_work == sorted(done_work)
    assert events[-1].done_work == events[-1].total_work
    assert events[-1].fraction == 1.0


def test_progress_ends_at_total_with_windows(tiny_bert, texts_40):
    events = []

    Classifier(tiny_bert, batch_size=4, window_rows=6).run(texts_40, progress=events.append)

    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions)
    assert events[-1].done_rows == 40
    assert events[-1].done_work == events[-1].total_work


def test_stop_between_batches_keeps_done_rows(tiny_bert, texts_40, reference_40):
    batches = []

    def stop_after_two() -> bool:
        return len(batches) >= 2

    result = classify_texts(tiny_bert, texts_40, batch_size=8, on_batch=batches.append, should_stop=stop_after_two)

    done = np.concatenate([batch.positions for batch in batches])
    assert result.cancelled is True
    assert len(result) == 40
    assert result.classified_count == 16
    assert sorted(np.flatnonzero(result.status == RowStatus.CLASSIFIED).tolist()) == sorted(done.tolist())
    pending = result.status == RowStatus.PENDING
    assert int(pending.sum()) == 24
    assert (result.label_ids[pending] == -1).all()
    np.testing.assert_allclose(result.probabilities[done], reference_40.probabilities[done], atol=TOLERANCE)


def test_stop_before_first_batch(tiny_bert, texts_40):
    result = classify_texts(tiny_bert, texts_40 + [""], should_stop=lambda: True)

    assert result.cancelled is True
    assert result.classified_count == 0
    assert int((result.status == RowStatus.PENDING).sum()) == 40
    assert result.status[40] == RowStatus.NO_TEXT


def test_uncancelled_run_not_flagged(tiny_bert, texts_40):
    result = classify_texts(tiny_bert, texts_40, should_stop=lambda: False)

    assert result.cancelled is False
    assert result.classified_count == 40


# Count checks


def test_count_mismatch_names_both_numbers():
    result = ClassificationResult.empty(9, ["부정", "긍정"])

    with pytest.raises(InferenceError) as caught:
        check_result_matches(result, 10)

    assert "9 predictions" in str(caught.value)
    assert "10 rows" in str(caught.value)


def test_count_match_accepted():
    check_result_matches(ClassificationResult.empty(10, ["부정", "긍정"]), 10)


def test_batch_size_below_one_rejected(tiny_bert):
    with pytest.raises(ValueError, match="batch_size"):
        Classifier(tiny_bert, batch_size=0)


def test_model_runs_in_inference_mode(tiny_bert):
    seen = []

    class Recorder(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner
            self.config = inner.config

        def forward(self, **inputs):
            seen.append(torch.is_inference_mode_enabled())
            return self.inner(**inputs)

    recorder = dataclasses.replace(tiny_bert, model=Recorder(tiny_bert.model))
    classify_texts(recorder, ["좋아요", "별로"], batch_size=1)

    assert seen == [True, True]
