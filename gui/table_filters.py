"""Applies the filter bar's :class:`FilterSpec` to the table through the proxy's row mask.

Filters are applied when the spec changes, when a run starts or ends, and when the known-label
mapping changes. Single edits do not re-filter: a row the analyst just labelled stays in view
under "not yet reviewed" until the next filter change, so the keyboard flow never jumps.

The likely-label-error filter also sorts the rows by the error margin, largest first; a click
on a column header replaces that order with the column's.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot

from review_labeler.core.summary import LabelErrorScores, likely_label_errors

from .document import ReviewDocument
from .index_proxy import IndexProxyModel
from .review_view import ReviewTableView
from .row_filters import FilterInputs, FilterSpec, TextIndex, filter_mask
from .table_model import Column

log = logging.getLogger(__name__)


class TableFilters(QObject):
    """Owns the current :class:`FilterSpec` and the per-table search index.

    Signals: ``specChanged(spec)`` after :meth:`set_spec` (the filter bar shows it);
    ``applied()`` after the proxy shows the filtered rows.
    """

    specChanged = Signal(object)
    applied = Signal()

    def __init__(self, document: ReviewDocument, proxy: IndexProxyModel, view: ReviewTableView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._proxy = proxy
        self._view = view
        self.spec = FilterSpec()
        self._text_index: TextIndex | None = None
        self._error_scores: LabelErrorScores | None = None
        # What the cached scores were computed from: (prediction version, known-label ids).
        self._error_scores_source: tuple[int, int] | None = None
        # Milliseconds the last apply() took, for the benchmark and the log.
        self.last_apply_ms = 0.0

        document.tableReplaced.connect(self._on_table_replaced)
        document.columnsChanged.connect(self._on_columns_changed)
        document.annotationsReplaced.connect(self._on_predictions_replaced)
        document.labelMappingChanged.connect(self._on_known_labels_changed)
        document.changedRowsChanged.connect(self._on_changed_rows_changed)

    # --- spec -------------------------------------------------------------------------------

    def set_spec(self, spec: FilterSpec) -> None:
        """Show the rows ``spec`` keeps; the current sort order stays.

        Turning the likely-label-error filter on also sorts by the error margin.
        """
        starts_error_sort = spec.likely_errors and not self.spec.likely_errors
        self.spec = spec
        self.apply(starts_error_sort)
        self.specChanged.emit(spec)

    def clear(self) -> None:
        self.set_spec(FilterSpec())

    def apply(self, starts_error_sort: bool = False) -> None:
        """Recompute the mask of the current spec and show it."""
        started = time.perf_counter()
        if self._document.table is None:
            return
        had_error_sort = self._proxy.has_custom_sort()
        mask = filter_mask(self.spec, self._inputs())
        if self.spec.likely_errors and (starts_error_sort or had_error_sort) and self.error_scores() is not None:
            # One rebuild of the view: the mask and the margin order (with fresh scores) together.
            self._clear_sort_indicator()
            self._proxy.set_row_mask(mask, sort_keys=self._error_margin_keys())
        else:
            self._proxy.set_row_mask(mask)
            if not self.spec.likely_errors and had_error_sort:
                self._proxy.sort(-1)
        self.last_apply_ms = (time.perf_counter() - started) * 1000
        log.debug("Filter applied in %.1f ms: %d of %d rows shown", self.last_apply_ms, self._proxy.rowCount(),
                  self._document.row_count)
        self.applied.emit()

    def _inputs(self) -> FilterInputs:
        """Collect the arrays the active filters read; the others are left out (None)."""
        annotations = self._document.annotations
        spec = self.spec
        known = self._document.known_label_ids()
        uses_confidence = spec.confidence_min is not None or spec.confidence_max is not None
        return FilterInputs(
            predicted=annotations.predicted,
            confidence=annotations.confidence if uses_confidence else None,
            review_state=annotations.review_state,
            final=annotations.final if spec.disagrees_with_known else None,
            texts=self.text_index(),
            known_label_ids=known,
            likely_errors=self.error_scores().is_likely_error if spec.likely_errors and known is not None else None,
            changed_rows=self._document.changed_rows,
        )

    # --- derived data -----------------------------------------------------------------------

    def text_index(self) -> TextIndex:
        if self._text_index is None or len(self._text_index) != self._document.row_count:
            texts = self._document.review_texts() or [""] * self._document.row_count
            self._text_index = TextIndex(texts)
        return self._text_index

    def error_scores(self) -> LabelErrorScores | None:
        """Return the likely-label-error scores of the current predictions, or None without known labels."""
        known = self._document.known_label_ids()
        if known is None:
            return None
        source = (self._document.prediction_version, id(known))
        if self._error_scores is None or self._error_scores_source != source:
            annotations = self._document.annotations
            self._error_scores = likely_label_errors(annotations.probabilities, known, annotations.predicted)
            self._error_scores_source = source
        return self._error_scores

    def has_known_labels(self) -> bool:
        return self._document.known_label_ids() is not None

    # --- sorting ----------------------------------------------------------------------------

    def sort_least_confident_first(self) -> None:
        section = self._view.table_model().column_of(Column.CONFIDENCE)
        self._view.sortByColumn(section, Qt.SortOrder.AscendingOrder)

    def _error_margin_keys(self) -> np.ndarray:
        """Return sort keys that put flagged rows first by falling margin, the others after them."""
        scores = self.error_scores()
        return np.where(scores.is_likely_error, -scores.margin, np.nan)

    def _clear_sort_indicator(self) -> None:
        header = self._view.horizontalHeader()
        # The header's indicator would otherwise still name the column sorted before, and
        # changing it with signals on would make the view sort by that column again.
        header.blockSignals(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    # --- document signals -------------------------------------------------------------------

    @Slot()
    def _on_table_replaced(self) -> None:
        self._text_index = None
        self._error_scores = None
        # The proxy keeps a mask or custom order of the same length, which would now name other rows.
        if self.spec.is_active() or self._proxy.has_custom_sort():
            self._proxy.set_row_mask(None)
        if self._proxy.has_custom_sort():
            self._proxy.sort(-1)
        self.spec = FilterSpec()
        self.specChanged.emit(self.spec)
        self.applied.emit()

    @Slot()
    def _on_columns_changed(self) -> None:
        self._text_index = None
        self._on_known_labels_changed()

    @Slot()
    def _on_predictions_replaced(self) -> None:
        self._error_scores = None
        if self.spec.is_active():
            self.apply()

    @Slot()
    def _on_known_labels_changed(self) -> None:
        self._error_scores = None
        if self.spec.disagrees_with_known or self.spec.likely_errors:
            self.apply()

    @Slot()
    def _on_changed_rows_changed(self) -> None:
        if self.spec.changed_by_model:
            self.apply()
