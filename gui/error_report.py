"""What the user is told about a failure, built where it happened (often a worker thread)."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from review_labeler.core.errors import ReviewLabelerError


@dataclass(frozen=True)
class ErrorReport:
    """A short message in the user's language plus the technical details behind it.

    ``expected`` is True for errors the user can act on (a bad file, a broken checkpoint); those
    carry a message written for users, the rest get a generic one.
    """

    summary: str
    details: str
    error_type: str
    expected: bool

    @classmethod
    def from_exception(cls, error: BaseException) -> "ErrorReport":
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        if isinstance(error, ReviewLabelerError):
            return cls(summary=str(error), details=details, error_type=type(error).__name__, expected=True)
        summary = QCoreApplication.translate(
            "ErrorReport", "An unexpected error occurred ({error_type}). The details are in the log file."
        ).format(error_type=type(error).__name__)
        return cls(summary=summary, details=details, error_type=type(error).__name__, expected=False)
