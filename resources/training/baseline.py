"""TF-IDF + logistic regression baseline for the bundled sentiment model."""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion


def make_vectorizer() -> FeatureUnion:
    """Build word 1-2-gram plus character 1-4-gram (within words) features, both sublinear TF-IDF.

    Character n-grams matter for Korean, where particles and endings attach to
    the stem and the same word appears in many surface forms.
    """
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=500_000)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=3, sublinear_tf=True, max_features=1_000_000)),
        ]
    )


def make_classifier(c_value: float) -> LogisticRegression:
    return LogisticRegression(C=c_value, solver="liblinear", max_iter=1000)
