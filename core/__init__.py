"""GUI-free core of Review Labeler: tables, models, inference, fine-tuning and the project store.

Nothing in this package imports Qt; ``tests/test_core_has_no_qt.py`` checks that.
"""
