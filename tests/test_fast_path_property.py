"""Property: length-sorted, token-budgeted batching gives each row the result of a batch of one.

Texts get random token counts, from empty to past the model's maximum length. The batching
knobs (rows per batch, padded-token budget, window size) are drawn as well. Batches therefore
mix padded and unpadded rows and truncated rows, and runs span several windows.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_labeler.core.inference import DEFAULT_BATCH_SIZE, DEFAULT_MAX_TOKENS, Classifier, RowStatus

PROBABILITY_TOLERANCE = 1e-5
WORDS = ["배송이", "빨라서", "좋았어요", "별로", "사이즈가", "딱", "맞아요", "ㅋㅋ", "great", "👍", "재구매", "의사"]

# Word counts reach past the tiny model's 64-token limit, so some rows are truncated.
review_text = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=80).map(" ".join),
    st.sampled_from(["", "  ", "\u00a0"]),
)
batching = st.fixed_dictionaries({
    "batch_size": st.sampled_from([DEFAULT_BATCH_SIZE, 2, 3, 7, 256]),
    "max_tokens": st.sampled_from([DEFAULT_MAX_TOKENS, 64, 100, 1000]),
    "window_rows": st.sampled_from([32768, 1, 5, 13]),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(review_text, min_size=1, max_size=40), knobs=batching)
def test_batched_rows_match_batch_of_one(tiny_bert, texts, knobs):
    batches = []
    events = []

    fast = Classifier(tiny_bert, **knobs).run(texts, on_batch=batches.append, progress=events.append)
    single = Classifier(tiny_bert, batch_size=1).run(texts)

    np.testing.assert_array_equal(fast.status, single.status)
    np.testing.assert_array_equal(fast.truncated, single.truncated)
    np.testing.assert_array_equal(fast.label_ids, single.label_ids)
    np.testing.assert_allclose(fast.probabilities, single.probabilities, atol=PROBABILITY_TOLERANCE, equal_nan=True)

    classified = np.flatnonzero(single.status == RowStatus.CLASSIFIED)
    positions = np.concatenate([batch.positions for batch in batches]) if batches else np.array([], dtype=np.int64)
    assert sorted(positions.tolist()) == classified.tolist()

    if events:
        fractions = [event.fraction for event in events]
        assert fractions == sorted(fractions)
        assert events[-1].done_rows == len(classified)
        assert events[-1].done_work == events[-1].total_work
