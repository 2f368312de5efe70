"""Exception types that carry a message fit to show to the user.

Every error a user can cause (a bad file, a wrong column, a broken checkpoint) is raised as a
subclass of :class:`ReviewLabelerError`. The GUI and the command line show ``str(error)`` as it
is, so messages name the file, row or value and say what to do next.
"""

from __future__ import annotations


class ReviewLabelerError(Exception):
    """Base class for errors whose message is meant for the user."""


class TableReadError(ReviewLabelerError):
    """A review table could not be read; nothing was loaded."""


class EncodingDetectionError(TableReadError):
    """The text file is not in any supported encoding, or mixes encodings."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class ColumnError(ReviewLabelerError):
    """A requested column does not exist or holds no usable data."""


class ModelLoadError(ReviewLabelerError):
    """A checkpoint could not be loaded as a sequence-classification model."""


class PickleRejectedError(ModelLoadError):
    """A checkpoint has only pickle weights, which load only when the caller allows pickle."""


class InferenceError(ReviewLabelerError):
    """Classification failed on a row or batch.

    ``partial_result`` holds the rows that were classified before the failure, when known.
    """

    partial_result = None


class ExportError(ReviewLabelerError):
    """An export could not be written; no partial file was left behind."""


class ExcelLimitError(ExportError):
    """The table does not fit into an XLSX sheet (rows or cell length)."""


class LabelError(ReviewLabelerError):
    """A label is unknown to the model or a label mapping is invalid."""


class ProjectError(ReviewLabelerError):
    """A project file is missing, damaged, not a project, or does not fit its source table."""


class ProjectVersionError(ProjectError):
    """A project file was written by a newer or unknown version of Review Labeler."""


class FinetuneError(ReviewLabelerError):
    """Fine-tuning cannot start on the given rows; the model and its versions are unchanged."""


class ModelVersionsError(ReviewLabelerError):
    """The model-versions folder or its registry cannot be read or written."""
