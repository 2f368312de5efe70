"""One-sided corrections must not wreck the model (invented reviews in data/cases/case18).

There is no pretrained model in the tests, so small BERTs are trained first on 80 invented
reviews (40 긍정, 40 부정) that share words with the case's reviews but none of its texts:

* the balanced base is trained on those 80 reviews only and gets most of the 20 reference reviews right,
  as the case assumes. It also gets most corrected rows right already, because every 부정
  reference review is one of the corrected rows.
* the mistaken base also learns the 12 corrected texts with the labels the case says the model
  gave them (11 times 긍정, once 부정), so it starts out wrong on the corrected rows and the
  fine-tune has to move it, mostly towards 부정. Only the nine 긍정 reference reviews that were
  never corrected can then show forgetting, and a collapse towards 부정 would flip exactly those.

Each base model is fine-tuned on corrections_skewed.csv with the recipe, using its confident
predictions on the 80 invented reviews as replay candidates and the 20 reference reviews as
reference rows. The learning rate is raised to 2e-3, the rate the base models were trained with
from scratch, because the recipe's low default is meant for the bundled pretrained model and
barely moves these tiny ones; the other settings are the recipe's defaults.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from finetune_helpers import NEGATIVE, NEGATIVE_REVIEWS, POSITIVE, POSITIVE_REVIEWS, build_trainable_checkpoint
from review_labeler.core import messages
from review_labeler.core.errors import FinetuneError
from review_labeler.core.finetune import ACCURACY_DROP_MARGIN, FinetuneSettings, ReplayCandidates, finetune
from review_labeler.core.inference import classify_texts

CASE_DIR = Path(__file__).parent / "data" / "cases" / "case18"
CASE_LEARNING_RATE = 2e-3
SEEDS = range(5)
INVENTED_TEXTS = POSITIVE_REVIEWS + NEGATIVE_REVIEWS
INVENTED_LABELS = [POSITIVE] * len(POSITIVE_REVIEWS) + [NEGATIVE] * len(NEGATIVE_REVIEWS)


def _read(name: str) -> list[dict[str, str]]:
    with open(CASE_DIR / name, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def case():
    anchors = _read("anchors_balanced.csv")
    skewed = _read("corrections_skewed.csv")
    corrected = {row["review_text"] for row in skewed}
    return {
        "anchor_texts": [row["review_text"] for row in anchors],
        "anchor_labels": [row["gold_label"] for row in anchors],
        "texts": [row["review_text"] for row in skewed],
        "labels": [row["corrected_label"] for row in skewed],
        "old_labels": [row["model_label"] for row in skewed],
        "untouched_positive": [row["review_text"] for row in anchors
                               if row["gold_label"] == POSITIVE and row["review_text"] not in corrected],
        "single": _read("corrections_single_class.csv"),
    }


def _train_base(folder: Path, texts: list[str], labels: list[str], vocabulary: list[str]):
    """Train a small BERT from scratch and return it with replay candidates from its own predictions."""
    build_trainable_checkpoint(folder, vocabulary)
    settings = FinetuneSettings(epochs=15, learning_rate=2e-3, patience=15, validation_share=0.0, freeze_word_embeddings=False)
    loaded = finetune(folder, texts, labels, settings=settings, device="cpu").as_loaded_model(folder.name)

    predictions = classify_texts(loaded, INVENTED_TEXTS)
    replay = ReplayCandidates.build(INVENTED_TEXTS, predictions.label_ids, predictions.confidence)
    return loaded, replay


def _fine_tune(base, case, seed: int = 42):
    loaded, replay = base
    return finetune(
        loaded, case["texts"], case["labels"], replay=replay,
        reference=(case["anchor_texts"], case["anchor_labels"]),
        settings=FinetuneSettings(learning_rate=CASE_LEARNING_RATE, seed=seed),
    )


def _naive_fine_tune(base, case, seed: int):
    """Fine-tune the way the case warns against: no replay or check rows, natural label
    frequencies, a high learning rate and many epochs."""
    loaded, _ = base
    settings = FinetuneSettings(learning_rate=3e-3, epochs=10, patience=10, validation_share=0.0,
                                balance_power=0.0, freeze_word_embeddings=False, seed=seed)
    return finetune(loaded, case["texts"], case["labels"], settings=settings)


def _accuracy(loaded, texts, labels) -> tuple[float, list[str]]:
    predicted = [loaded.label_names[label_id] for label_id in classify_texts(loaded, texts).label_ids]
    return float(np.mean([name == label for name, label in zip(predicted, labels)])), predicted


@pytest.fixture(scope="module")
def balanced(tmp_path_factory, case):
    vocabulary = INVENTED_TEXTS + case["anchor_texts"] + case["texts"]
    base = _train_base(tmp_path_factory.mktemp("case18") / "balanced", INVENTED_TEXTS, INVENTED_LABELS, vocabulary)
    return base[0], _fine_tune(base, case)


@pytest.fixture(scope="module")
def mistaken(tmp_path_factory, case):
    """The mistaken base and its fine-tunes with several seeds.

    A dozen rows on a tiny model leave a lot to chance, so these tests check averages over
    seeds and bounds that every seed meets.
    """
    vocabulary = INVENTED_TEXTS + case["anchor_texts"] + case["texts"]
    texts = INVENTED_TEXTS + case["texts"]
    labels = INVENTED_LABELS + case["old_labels"]
    base = _train_base(tmp_path_factory.mktemp("case18") / "mistaken", texts, labels, vocabulary)
    return base, [_fine_tune(base, case, seed) for seed in SEEDS]


# Balanced base: the reference reviews start out mostly right


def test_balanced_base_knows_reference_reviews(balanced, case):
    base, _ = balanced

    accuracy, predicted = _accuracy(base, case["anchor_texts"], case["anchor_labels"])

    assert accuracy >= 0.8
    assert set(predicted) == {POSITIVE, NEGATIVE}


def test_balanced_reference_accuracy_within_margin(balanced, case):
    base, result = balanced

    before, _ = _accuracy(base, case["anchor_texts"], case["anchor_labels"])
    after, predicted = _accuracy(result.as_loaded_model(), case["anchor_texts"], case["anchor_labels"])

    assert after >= before - ACCURACY_DROP_MARGIN - 1e-9
    assert set(predicted) == {POSITIVE, NEGATIVE}
    assert not result.is_worse, result.verdict


# Mistaken base: the corrected rows start out wrong


def _untouched_accuracy(loaded, case) -> float:
    untouched = case["untouched_positive"]
    return _accuracy(loaded, untouched, [POSITIVE] * len(untouched))[0]


def test_mistaken_base_gets_corrections_wrong(mistaken, case):
    (base, _), _ = mistaken

    accuracy, _ = _accuracy(base, case["texts"], case["labels"])

    assert accuracy <= 4 / 12
    assert _untouched_accuracy(base, case) == 1.0
    assert len(case["untouched_positive"]) == 9


def test_corrected_rows_now_predicted_as_corrected(mistaken, case):
    """Two of the eleven 부정 corrections are held out for validation and never trained on, and
    early stopping may end training before every trained row is learned, so the recipe
    promises most corrections, not all of them."""
    _, results = mistaken

    accuracies = [_accuracy(result.as_loaded_model(), case["texts"], case["labels"])[0] for result in results]

    assert np.mean(accuracies) >= 8 / 12


def test_uncorrected_positive_reviews_mostly_stay(mistaken, case):
    _, results = mistaken

    accuracies = [_untouched_accuracy(result.as_loaded_model(), case) for result in results]

    assert np.mean(accuracies) >= 7 / 9
    assert min(accuracies) >= 6 / 9


def test_recipe_forgets_less_than_naive_fine_tune(mistaken, case):
    base, results = mistaken

    recipe = np.mean([_untouched_accuracy(result.as_loaded_model(), case) for result in results])
    naive = np.mean([_untouched_accuracy(_naive_fine_tune(base, case, seed).as_loaded_model(), case) for seed in SEEDS])

    assert recipe > naive


def test_mistaken_reference_accuracy_within_margin(mistaken, case):
    (base, _), results = mistaken
    before, _ = _accuracy(base, case["anchor_texts"], case["anchor_labels"])

    for result in results:
        after, predicted = _accuracy(result.as_loaded_model(), case["anchor_texts"], case["anchor_labels"])
        assert after >= before - ACCURACY_DROP_MARGIN - 1e-9
        assert predicted.count(POSITIVE) >= 7
        assert predicted.count(NEGATIVE) >= 7


def test_mistaken_invented_reviews_not_forgotten(mistaken):
    (base, _), results = mistaken
    before, _ = _accuracy(base, INVENTED_TEXTS, INVENTED_LABELS)

    after = [_accuracy(result.as_loaded_model(), INVENTED_TEXTS, INVENTED_LABELS)[0] for result in results]

    assert np.mean(after) >= before - ACCURACY_DROP_MARGIN
    assert min(after) >= before - 2 * ACCURACY_DROP_MARGIN


def test_guard_rails_accept_recipe_result(mistaken):
    _, results = mistaken

    for result in results:
        assert not result.is_worse, result.verdict
        assert result.after["reference"].accuracy >= result.before["reference"].accuracy
        assert result.row_counts["corrections"] == 12
        assert result.row_counts["replay"] > 0


# Degenerate corrections


def test_single_label_corrections_refused(balanced, case):
    base, _ = balanced
    rows = case["single"]
    messages.set_language("ko")

    with pytest.raises(FinetuneError) as caught:
        finetune(base, [row["review_text"] for row in rows], [row["corrected_label"] for row in rows])

    assert "교정 데이터가 한 종류뿐입니다" in str(caught.value)
