"""Fine-tuning: label ids from the model, input checks, progress, cancel, data recipe and guard rails."""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np
import pytest
import torch

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from review_labeler.core import messages
from review_labeler.core.errors import FinetuneError
from review_labeler.core.finetune import FinetuneSettings, SetMetrics, finetune, judge, save_result
from review_labeler.core.finetune_data import (
    LABELLED_ROW_WEIGHT,
    MIN_LABEL_ROWS_FOR_VALIDATION,
    MIN_LABELLED_ROWS,
    LabelledRows,
    ReplayCandidates,
    deduplicate,
    encode_labels,
    prepare_data,
    sampling_weights,
    select_replay,
    stratified_split,
)
from review_labeler.core.finetune_loop import plan_epoch
from review_labeler.core.inference import classify_texts
from review_labeler.core.model_loading import load_model

# Two epochs over 128 drawn rows in batches of 16: 16 steps, a fraction of a second with the tiny model.
QUICK = FinetuneSettings(epochs=2, batch_size=16, learning_rate=1e-3)
TEXTS = POSITIVE_REVIEWS[:8] + NEGATIVE_REVIEWS[:8]
LABELS = [POSITIVE] * 8 + [NEGATIVE] * 8


@pytest.fixture(scope="module")
def trainable_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trainable") / "model"
    return build_trainable_checkpoint(folder, POSITIVE_REVIEWS + NEGATIVE_REVIEWS)


@pytest.fixture
def trainable(trainable_dir):
    return load_model(trainable_dir, device="cpu")


def _weights(model) -> dict[str, torch.Tensor]:
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


# Label ids


def test_encode_labels_follows_model_order():
    ids = encode_labels([NEGATIVE, POSITIVE, NEGATIVE], [POSITIVE, NEGATIVE])

    assert ids.tolist() == [1, 0, 1]


def test_encode_labels_accepts_ids_and_padded_names():
    ids = encode_labels([1, " 긍정 ", np.int64(0)], [NEGATIVE, POSITIVE])

    assert ids.tolist() == [1, 1, 0]


def test_unknown_label_rejected_with_names():
    with pytest.raises(FinetuneError) as caught:
        encode_labels([POSITIVE, "중립"], [NEGATIVE, POSITIVE])

    assert "중립" in str(caught.value)
    assert "부정, 긍정" in str(caught.value)


def test_out_of_range_label_id_rejected():
    with pytest.raises(FinetuneError, match="Label id 2"):
        encode_labels([2], [NEGATIVE, POSITIVE])


def test_finetune_rejects_unknown_label(trainable):
    labels = LABELS[:-1] + ["보통"]

    with pytest.raises(FinetuneError, match="보통"):
        finetune(trainable, TEXTS, labels, settings=QUICK)


def test_reversed_label_order_trains_model_ids(tmp_path):
    """A model whose id 0 is 긍정 must learn 긍정 as id 0, although the data lists 부정 first."""
    texts = NEGATIVE_REVIEWS + POSITIVE_REVIEWS
    labels = [NEGATIVE] * len(NEGATIVE_REVIEWS) + [POSITIVE] * len(POSITIVE_REVIEWS)
    folder = build_trainable_checkpoint(tmp_path / "reversed", texts, {0: POSITIVE, 1: NEGATIVE})
    loaded = load_model(folder, device="cpu")
    settings = FinetuneSettings(epochs=8, learning_rate=2e-3, patience=8, freeze_word_embeddings=False, validation_share=0.0)

    result = finetune(loaded, texts, labels, settings=settings)
    predicted = classify_texts(result.as_loaded_model(), texts)
    predicted_names = [result.label_names[label_id] for label_id in predicted.label_ids]
    agreement = np.mean([name == label for name, label in zip(predicted_names, labels)])

    assert result.label_names == [POSITIVE, NEGATIVE]
    assert result.model.config.id2label == {0: POSITIVE, 1: NEGATIVE}
    assert result.model.config.label2id == {POSITIVE: 0, NEGATIVE: 1}
    # Ids taken from data order would swap the labels and give agreement near zero.
    assert agreement >= 0.9


# Degenerate input


def test_single_label_corrections_refused(trainable):
    texts = NEGATIVE_REVIEWS[:12]

    with pytest.raises(FinetuneError, match="only one label"):
        finetune(trainable, texts, [NEGATIVE] * len(texts), settings=QUICK)


def test_single_label_message_in_korean(trainable):
    messages.set_language("ko")

    with pytest.raises(FinetuneError) as caught:
        finetune(trainable, NEGATIVE_REVIEWS[:12], [NEGATIVE] * 12, settings=QUICK)

    assert "교정 데이터가 한 종류뿐입니다" in str(caught.value)


def test_single_label_allowed_with_replay_of_other_label(trainable):
    replay = ReplayCandidates.from_known_labels(POSITIVE_REVIEWS, [1] * len(POSITIVE_REVIEWS))
    settings = FinetuneSettings(epochs=1, learning_rate=1e-3, allow_single_label=True)

    result = finetune(trainable, NEGATIVE_REVIEWS[:12], [NEGATIVE] * 12, replay=replay, settings=settings)

    assert not result.cancelled
    assert result.row_counts["replay"] > 0


def test_too_few_rows_refused(trainable):
    count = MIN_LABELLED_ROWS - 1
    texts = POSITIVE_REVIEWS[:5] + NEGATIVE_REVIEWS[: count - 5]
    labels = [POSITIVE] * 5 + [NEGATIVE] * (count - 5)

    with pytest.raises(FinetuneError, match=f"at least {MIN_LABELLED_ROWS}"):
        finetune(trainable, texts, labels, settings=QUICK)


def test_blank_and_duplicate_rows_do_not_count(trainable):
    texts = POSITIVE_REVIEWS[:5] + NEGATIVE_REVIEWS[:4] + ["  ", POSITIVE_REVIEWS[0] + "  "]
    labels = [POSITIVE] * 5 + [NEGATIVE] * 4 + [POSITIVE, POSITIVE]

    with pytest.raises(FinetuneError, match="Only 9 labelled"):
        finetune(trainable, texts, labels, settings=QUICK)


# Progress, cancel, snapshot, reproducibility


def test_progress_reported_once_per_step(trainable):
    events = []

    result = finetune(trainable, TEXTS, LABELS, settings=QUICK, progress=events.append)

    assert len(events) == result.steps_done
    assert [event.step for event in events] == list(range(1, result.steps_done + 1))
    assert {event.total_steps for event in events} == {result.total_steps}
    assert all(math.isfinite(event.loss) for event in events)
    assert all(later.elapsed >= earlier.elapsed for earlier, later in zip(events, events[1:]))
    assert events[-1].eta_seconds is not None
    assert [event.epoch for event in events] == sorted(event.epoch for event in events)


def test_cancel_after_step_returns_cancelled(trainable, tmp_path):
    before = _weights(trainable.model)
    steps = []

    def stop_after_three() -> bool:
        return len(steps) >= 3

    result = finetune(trainable, TEXTS, LABELS, settings=QUICK, progress=steps.append, should_stop=stop_after_three)

    assert result.cancelled
    assert result.model is None
    assert result.steps_done == 3
    assert len(steps) == 3
    assert result.after == {}
    assert any("cancelled" in note for note in result.messages)
    with pytest.raises(ValueError):
        save_result(result, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    for name, tensor in trainable.model.state_dict().items():
        assert torch.equal(tensor, before[name]), name


def test_cancel_before_start_trains_nothing(trainable):
    events = []

    result = finetune(trainable, TEXTS, LABELS, settings=QUICK, progress=events.append, should_stop=lambda: True)

    assert result.cancelled
    assert result.steps_done == 0
    assert events == []


def test_input_model_unchanged_after_training(trainable):
    before = _weights(trainable.model)

    result = finetune(trainable, TEXTS, LABELS, settings=QUICK)

    assert not result.cancelled
    for name, tensor in trainable.model.state_dict().items():
        assert torch.equal(tensor, before[name]), name
    changed = [name for name, tensor in result.model.state_dict().items() if not torch.equal(tensor, before[name])]
    assert changed


def test_edits_during_training_do_not_reach_run(trainable):
    texts = list(TEXTS)
    labels = list(LABELS)

    def edit_rows(event) -> None:
        if event.step == 1:
            texts.append("학습 중에 새로 교정한 행")
            labels[0] = NEGATIVE

    result = finetune(trainable, texts, labels, settings=QUICK, progress=edit_rows)

    assert len(texts) == len(TEXTS) + 1
    assert result.row_counts["corrections"] == len(TEXTS)
    assert result.row_counts["train"] + result.row_counts["validation"] == len(TEXTS)


def test_same_seed_gives_same_losses(trainable):
    first, second = [], []

    finetune(trainable, TEXTS, LABELS, settings=QUICK, progress=lambda event: first.append(event.loss))
    finetune(trainable, TEXTS, LABELS, settings=QUICK, progress=lambda event: second.append(event.loss))

    assert first == second


def test_finetune_from_folder_loads_fp32(trainable_dir):
    result = finetune(trainable_dir, TEXTS, LABELS, settings=QUICK, device="cpu")

    assert next(result.model.parameters()).dtype == torch.float32
    assert result.device.type == "cpu"


def test_word_embeddings_frozen_by_default(trainable):
    embeddings_before = trainable.model.get_input_embeddings().weight.detach().clone()

    result = finetune(trainable, TEXTS, LABELS, settings=QUICK)

    assert torch.equal(result.model.get_input_embeddings().weight, embeddings_before)


# Data recipe


def test_stratified_split_keeps_small_label_in_training():
    label_ids = np.array([0] * 11 + [1] * (MIN_LABEL_ROWS_FOR_VALIDATION - 1))

    train, validation, kept = stratified_split(label_ids, 0.2, np.random.default_rng(0))

    assert kept == [1]
    assert set(label_ids[validation]) == {0}
    assert len(validation) == 2
    assert sorted(np.concatenate([train, validation]).tolist()) == list(range(len(label_ids)))


def test_prepare_data_reports_label_without_validation():
    rows = LabelledRows.build(NEGATIVE_REVIEWS[:11] + POSITIVE_REVIEWS[:1], [0] * 11 + [1])

    data = prepare_data(rows, [NEGATIVE, POSITIVE], seed=0)

    assert any(f'"{POSITIVE}"' in note and "1 labelled row" in note for note in data.messages)
    assert data.row_counts["validation"] == 2
    assert POSITIVE_REVIEWS[0] in data.train.texts


def test_conflicting_duplicates_left_out():
    rows = LabelledRows.build(["좋아요", "좋아요 ", "별로예요", "별로예요"], [1, 0, 0, 0])

    kept, conflicting = deduplicate(rows)

    assert conflicting == 1
    assert kept.texts == ("별로예요",)


def test_correction_kind_wins_for_duplicate_text():
    rows = LabelledRows.build(["좋아요", "좋아요"], [1, 1], ["accepted", "correction"])

    kept, _ = deduplicate(rows)

    assert kept.kinds == ("correction",)


def test_replay_selection_filters_and_balances():
    texts = [f"긍정 후보 {i}" for i in range(30)] + [f"부정 후보 {i}" for i in range(6)] + ["교정한 행", "애매한 행"]
    label_ids = [1] * 30 + [0] * 6 + [0, 1]
    confidences = [0.99] * 36 + [0.99, 0.6]
    candidates = ReplayCandidates.build(texts, label_ids, confidences)

    chosen = select_replay(candidates, exclude_texts={"교정한 행"}, target_rows=20, num_labels=2, rng=np.random.default_rng(0))

    assert "교정한 행" not in chosen.texts
    assert "애매한 행" not in chosen.texts
    assert int((chosen.label_ids == 1).sum()) == 10
    assert int((chosen.label_ids == 0).sum()) == 6
    assert set(chosen.kinds) == {"replay"}


def test_replay_split_into_training_and_reference():
    rows = LabelledRows.build(NEGATIVE_REVIEWS[:6] + POSITIVE_REVIEWS[:6], [0] * 6 + [1] * 6)
    replay = ReplayCandidates.from_known_labels(NEGATIVE_REVIEWS[20:] + POSITIVE_REVIEWS[20:], [0] * 20 + [1] * 20)

    data = prepare_data(rows, [NEGATIVE, POSITIVE], replay=replay, seed=0)

    reference_texts = set(data.reference.texts)
    assert reference_texts
    assert not reference_texts & set(data.train.texts)
    assert data.row_counts["replay"] == 40
    assert "replay" in data.train.kinds


def test_sampling_weights_balance_labels():
    rows = LabelledRows(
        ("a", "b", "c", "d", "e"), np.array([0, 0, 0, 1, 1]), ("correction", "correction", "replay", "correction", "replay")
    )

    weights = sampling_weights(rows, 2, balance_power=1.0)

    assert weights[rows.label_ids == 0].sum() == pytest.approx(0.5)
    assert weights[rows.label_ids == 1].sum() == pytest.approx(0.5)
    assert weights[0] / weights[2] == pytest.approx(LABELLED_ROW_WEIGHT)


def test_sampling_weights_square_root_balance():
    rows = LabelledRows(tuple("abcdefghij"), np.array([0] * 9 + [1]), ("correction",) * 10)

    weights = sampling_weights(rows, 2, balance_power=0.5)

    assert weights[rows.label_ids == 1].sum() == pytest.approx(1 / (1 + 3))


def test_sampling_weights_without_balance_follow_counts():
    rows = LabelledRows(("a", "b", "c", "d"), np.array([0, 0, 0, 1]), ("correction",) * 4)

    weights = sampling_weights(rows, 2, balance_power=0.0)

    assert weights[rows.label_ids == 0].sum() == pytest.approx(0.75)
    assert weights[rows.label_ids == 1].sum() == pytest.approx(0.25)


def test_epoch_plan_draws_labels_evenly():
    label_ids = np.array([0] * 90 + [1] * 10)
    rows = LabelledRows(tuple(str(i) for i in range(100)), label_ids, ("correction",) * 100)
    weights = sampling_weights(rows, 2, balance_power=1.0)
    lengths = np.arange(100) % 7 + 3

    batches = plan_epoch(weights, lengths, 16, torch.Generator().manual_seed(0))
    drawn = np.concatenate(batches)
    share = (label_ids[drawn] == 1).mean()

    assert len(drawn) == 128
    assert 0.35 < share < 0.65
    assert all(lengths[batch].max() - lengths[batch].min() <= 6 for batch in batches)


# Guard rails


def _metrics(accuracy: float, counts: dict[str, int]) -> SetMetrics:
    return SetMetrics(rows=20, accuracy=accuracy, macro_f1=accuracy, predicted_counts=counts)


def test_judge_accepts_drop_within_margin():
    before = {"reference": _metrics(0.90, {NEGATIVE: 10, POSITIVE: 10})}
    after = {"reference": _metrics(0.85, {NEGATIVE: 11, POSITIVE: 9})}

    assert judge(before, after, [NEGATIVE, POSITIVE]) == []


def test_judge_flags_accuracy_drop():
    before = {"reference": _metrics(0.90, {NEGATIVE: 10, POSITIVE: 10})}
    after = {"reference": _metrics(0.80, {NEGATIVE: 12, POSITIVE: 8})}

    reasons = judge(before, after, [NEGATIVE, POSITIVE])

    assert len(reasons) == 1
    assert "90.0%" in reasons[0] and "80.0%" in reasons[0]


def test_judge_flags_vanished_label():
    before = {"validation": _metrics(0.5, {NEGATIVE: 3, POSITIVE: 1}), "reference": _metrics(0.9, {NEGATIVE: 9, POSITIVE: 11})}
    after = {"validation": _metrics(0.75, {NEGATIVE: 4, POSITIVE: 0}), "reference": _metrics(0.9, {NEGATIVE: 20, POSITIVE: 0})}

    reasons = judge(before, after, [NEGATIVE, POSITIVE])

    assert any(POSITIVE in reason for reason in reasons)


def test_result_metrics_cover_both_sets(trainable):
    replay = ReplayCandidates.from_known_labels(POSITIVE_REVIEWS[10:] + NEGATIVE_REVIEWS[10:], [1] * 30 + [0] * 30)

    result = finetune(trainable, TEXTS, LABELS, replay=replay, settings=QUICK)
    summary = result.metrics_dict()

    assert set(result.before) == {"validation", "reference"}
    assert set(result.after) == {"validation", "reference"}
    assert summary["after"]["reference"]["rows"] == result.row_counts["reference"]
    assert isinstance(summary["is_worse"], bool)
    assert result.is_worse == bool(result.verdict)


def test_save_result_writes_loadable_checkpoint(trainable, tmp_path):
    result = finetune(trainable, TEXTS, LABELS, settings=QUICK)

    folder = save_result(result, tmp_path / "out")
    reloaded = load_model(folder, device="cpu")
    original = classify_texts(result.as_loaded_model(), TEXTS)
    again = classify_texts(reloaded, TEXTS)

    assert reloaded.label_names == [NEGATIVE, POSITIVE]
    assert (folder / "training.json").is_file()
    assert np.allclose(original.probabilities, again.probabilities, atol=1e-5)
    assert [entry.name for entry in tmp_path.iterdir()] == ["out"]


def test_none_texts_count_as_blank():
    rows = LabelledRows.build(["좋아요", None, "별로예요"], [1, 1, 0])

    kept, _ = deduplicate(rows)

    assert rows.texts[1] == ""
    assert kept.texts == ("좋아요", "별로예요")


def test_no_check_rows_reported(trainable):
    settings = FinetuneSettings(epochs=1, learning_rate=1e-3, validation_share=0.0)

    result = finetune(trainable, TEXTS, LABELS, settings=settings)

    assert not result.was_checked
    assert result.before == {}
    assert any("No rows are left to check" in note for note in result.messages)


def test_half_precision_model_trained_from_fp32_source(trainable_dir):
    source = load_model(trainable_dir, device="cpu")
    exact = source.model.get_input_embeddings().weight.detach().clone()
    rounded = dataclasses.replace(source, model=copy.deepcopy(source.model).to(torch.bfloat16), dtype=torch.bfloat16)

    result = finetune(rounded, TEXTS, LABELS, settings=QUICK)

    assert next(result.model.parameters()).dtype == torch.float32
    assert torch.equal(result.model.get_input_embeddings().weight, exact)
    assert next(rounded.model.parameters()).dtype == torch.bfloat16
