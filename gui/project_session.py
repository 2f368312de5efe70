"""The project file attached to the open table: commits edits, saves predictions and view state.

The window works without a project; then every method here does nothing. With one, each label
edit is committed by :meth:`ProjectSession.commit_edit` before the table shows it (the undo
commands call it first), predictions are saved by the caller after and during runs, and the
view state (filters, sort, selection, column widths) is saved shortly after it changes and
when the project is closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from review_labeler.core.annotations import Annotations
from review_labeler.core.errors import ProjectError
from review_labeler.core.project_store import ProjectStore

from .error_report import ErrorReport

log = logging.getLogger(__name__)

# View state is written this long after the last change, so that dragging a column edge or
# holding an arrow key writes once instead of on every step.
VIEW_STATE_DELAY_MS = 800


class ProjectSession(QObject):
    """Holds the open :class:`ProjectStore`, if any, for the window.

    Signals: ``changed()`` when a project is attached or detached; ``saveFailed(report)`` when
    predictions or view state could not be written (edits raise instead, see :meth:`commit_edit`).
    """

    changed = Signal()
    saveFailed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        # Set by the window: returns the view state to store (a JSON-serialisable dict).
        self.view_state_source: Callable[[], dict[str, Any]] | None = None
        self._view_state_timer = QTimer(self)
        self._view_state_timer.setSingleShot(True)
        self._view_state_timer.setInterval(VIEW_STATE_DELAY_MS)
        self._view_state_timer.timeout.connect(self._write_view_state)

    # --- state ------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.store is not None

    @property
    def read_only(self) -> bool:
        return self.store is not None and self.store.read_only

    @property
    def writable(self) -> bool:
        return self.store is not None and not self.store.read_only

    @property
    def path(self) -> Path | None:
        return self.store.path if self.store is not None else None

    def attach(self, store: ProjectStore) -> None:
        """Make ``store`` the window's project, closing the previous one."""
        self.detach()
        self.store = store
        log.info("Project %s attached (%s)", store.path, "read-only" if store.read_only else "writable")
        self.changed.emit()

    def detach(self) -> None:
        """Save the pending view state and close the project; the table stays open without one."""
        if self.store is None:
            return
        self.flush_view_state()
        store, self.store = self.store, None
        store.close()
        log.info("Project %s closed", store.path)
        self.changed.emit()

    # --- writing ----------------------------------------------------------------------------

    def commit_edit(self, rows: np.ndarray, labels: np.ndarray, states: np.ndarray, kind: str) -> None:
        """Commit one edit group; returns after the commit, raises ProjectError when it failed.

        Without a project this does nothing. The caller shows the edit only after this returns.
        """
        if self.store is None:
            return
        self.store.record_edit(rows, labels, states, kind=kind)

    def save_predictions(self, annotations: Annotations, rows: np.ndarray | None = None) -> bool:
        """Store the predictions of ``annotations`` (optionally only the chunks of ``rows``).

        Returns False when there is no writable project or the write failed; a failure is
        reported through ``saveFailed`` and leaves the previous predictions in the file.
        """
        if not self.writable:
            return False
        try:
            self.store.save_predictions(annotations, rows)
        except (ProjectError, ValueError) as error:
            log.error("Saving predictions to %s failed: %s", self.store.path, error)
            self.saveFailed.emit(ErrorReport.from_exception(error))
            return False
        return True

    # --- view state -------------------------------------------------------------------------

    def schedule_view_state_save(self) -> None:
        """Save the view state after a short pause; repeated calls restart the pause."""
        if self.writable and self.view_state_source is not None:
            self._view_state_timer.start()

    def flush_view_state(self) -> None:
        """Write the view state now if a save is pending."""
        if self._view_state_timer.isActive():
            self._view_state_timer.stop()
            self._write_view_state()

    @Slot()
    def _write_view_state(self) -> None:
        if not self.writable or self.view_state_source is None:
            return
        try:
            self.store.set_ui_state(self.view_state_source())
        except (ProjectError, ValueError) as error:
            log.error("Saving the view state to %s failed: %s", self.store.path, error)
            self.saveFailed.emit(ErrorReport.from_exception(error))

    def view_state(self) -> dict[str, Any]:
        return self.store.ui_state() if self.store is not None else {}
