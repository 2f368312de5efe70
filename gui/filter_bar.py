"""The filter bar above the table: search, predicted label, review state, confidence and checks.

The bar only edits a :class:`FilterSpec` and hands it to :class:`TableFilters`. Typing in the
search field or the confidence boxes applies after a short pause; combo boxes, check boxes and
buttons apply at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .document import ReviewDocument
from .row_filters import FilterSpec, ReviewFilter
from .table_filters import TableFilters
from .wrapping_row import WrappingRow

log = logging.getLogger(__name__)

# Pause after the last keystroke in the search or confidence fields before filtering.
TYPING_DELAY_MS = 200


class FilterBar(QFrame):
    """Widgets for every filter; objectName ``filterBar``, each control named for scripted tests."""

    def __init__(self, document: ReviewDocument, filters: TableFilters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._document = document
        self._filters = filters
        self._showing_spec = False
        self._trailing: list[QWidget] = []

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search review text"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        # Controls without a visible label get a name for screen readers.
        self.search_edit.setAccessibleName(self.tr("Search review text"))

        self.label_combo = QComboBox()
        self.label_combo.setObjectName("predictedFilterCombo")
        self.label_combo.setToolTip(self.tr("Show only rows with this predicted label"))
        self.label_combo.setAccessibleName(self.tr("Predicted label filter"))
        self.review_combo = QComboBox()
        self.review_combo.setObjectName("reviewFilterCombo")
        self.review_combo.setAccessibleName(self.tr("Review state filter"))
        for text, value in (
            (self.tr("All rows"), ReviewFilter.ALL),
            (self.tr("Not yet reviewed"), ReviewFilter.UNREVIEWED),
            (self.tr("Reviewed"), ReviewFilter.REVIEWED),
            (self.tr("Corrected"), ReviewFilter.CORRECTED),
            (self.tr("Accepted"), ReviewFilter.ACCEPTED),
        ):
            self.review_combo.addItem(text, value.value)

        self.confidence_min = self._percent_spin("confidenceMinSpin", 0)
        self.confidence_max = self._percent_spin("confidenceMaxSpin", 100)
        self.confidence_min.setAccessibleName(self.tr("Minimum confidence"))
        self.confidence_max.setAccessibleName(self.tr("Maximum confidence"))
        self.least_confident_button = QToolButton()
        self.least_confident_button.setObjectName("leastConfidentButton")
        self.least_confident_button.setText(self.tr("Least confident first"))
        self.least_confident_button.setToolTip(self.tr("Sort by confidence, lowest first"))

        self.disagreement_check = QCheckBox(self.tr("Differs from known label"))
        self.disagreement_check.setObjectName("disagreementCheck")
        self.errors_check = QCheckBox(self.tr("Likely label errors"))
        self.errors_check.setObjectName("likelyErrorsCheck")
        self.changed_check = QCheckBox(self.tr("Changed by new model"))
        self.changed_check.setObjectName("changedByModelCheck")
        self.changed_check.setToolTip(self.tr("Show only the rows whose prediction changed when a model version was activated"))
        self.empty_check = QCheckBox(self.tr("Empty text"))
        self.empty_check.setObjectName("emptyTextCheck")
        self.empty_check.setToolTip(self.tr("Show only rows without review text"))
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.setText(self.tr("Clear filters"))

        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_DELAY_MS)
        self._typing_timer.timeout.connect(self._apply_from_widgets)

        self._layout()
        self._connect()
        self.refresh_labels()

    def _percent_spin(self, name: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, 100)
        spin.setSuffix("%")
        spin.setValue(value)
        spin.setAccelerated(True)
        return spin

    def _layout(self) -> None:
        # Two groups that sit in one row when the bar is wide enough and in two rows otherwise
        # (for example while the summary panel takes part of the window).
        self._query_group = QWidget()
        query_row = QHBoxLayout(self._query_group)
        query_row.setContentsMargins(0, 0, 0, 0)
        query_row.setSpacing(6)
        query_row.addWidget(self.search_edit, 1)
        query_row.addWidget(self.label_combo)
        query_row.addWidget(self.review_combo)
        confidence_label = QLabel(self.tr("Confidence"))
        confidence_label.setBuddy(self.confidence_min)
        query_row.addSpacing(4)
        query_row.addWidget(confidence_label)
        query_row.addWidget(self.confidence_min)
        query_row.addWidget(QLabel("–"))
        query_row.addWidget(self.confidence_max)
        query_row.addWidget(self.least_confident_button)

        self._check_group = QWidget()
        self._check_row = QHBoxLayout(self._check_group)
        self._check_row.setContentsMargins(0, 0, 0, 0)
        self._check_row.setSpacing(6)
        for widget in (self.disagreement_check, self.errors_check, self.changed_check, self.empty_check,
                       self.clear_button):
            self._check_row.addWidget(widget)
        self._check_row.addStretch(1)

        self._row = WrappingRow(self._query_group, self._check_group)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.addWidget(self._row)

    def focus_chain(self) -> list[QWidget]:
        """Return the bar's controls in the order Tab visits them: left to right, as laid out."""
        return [self.search_edit, self.label_combo, self.review_combo, self.confidence_min, self.confidence_max,
                self.least_confident_button, self.disagreement_check, self.errors_check, self.changed_check,
                self.empty_check, self.clear_button, *self._trailing]

    def add_trailing_widget(self, widget: QWidget) -> None:
        """Put ``widget`` at the right end of the bar (the bulk-edit button goes there)."""
        self._trailing.append(widget)
        self._check_row.addWidget(widget)
        self._row.update_minimum_width()

    def one_row_width(self) -> int:
        """Return the width the bar needs to show both groups side by side."""
        return self._row.one_row_width()

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_typing)
        self.confidence_min.valueChanged.connect(self._on_typing)
        self.confidence_max.valueChanged.connect(self._on_typing)
        self.label_combo.activated.connect(self._apply_from_widgets)
        self.review_combo.activated.connect(self._apply_from_widgets)
        for check in (self.disagreement_check, self.errors_check, self.changed_check, self.empty_check):
            check.toggled.connect(self._apply_from_widgets)
        self.least_confident_button.clicked.connect(self._filters.sort_least_confident_first)
        self.clear_button.clicked.connect(self._filters.clear)

        self._filters.specChanged.connect(self.show_spec)
        self._document.tableReplaced.connect(self.refresh_labels)
        self._document.annotationsReplaced.connect(self.refresh_labels)
        self._document.displayNamesChanged.connect(self.refresh_labels)
        self._document.columnsChanged.connect(self.refresh_labels)
        self._document.labelMappingChanged.connect(self.refresh_labels)
        self._document.changedRowsChanged.connect(self.refresh_labels)

    # --- spec <-> widgets -------------------------------------------------------------------

    def spec(self) -> FilterSpec:
        """Return the spec the widgets show."""
        label = self.label_combo.currentData()
        low = self.confidence_min.value()
        high = self.confidence_max.value()
        return FilterSpec(
            predicted_label=label if isinstance(label, int) and label >= 0 else None,
            confidence_min=low / 100 if low > 0 else None,
            confidence_max=high / 100 if high < 100 else None,
            review=ReviewFilter(self.review_combo.currentData() or ReviewFilter.ALL.value),
            disagrees_with_known=self.disagreement_check.isChecked() and self.disagreement_check.isEnabled(),
            text=self.search_edit.text(),
            empty_text=self.empty_check.isChecked(),
            likely_errors=self.errors_check.isChecked() and self.errors_check.isEnabled(),
            changed_by_model=self.changed_check.isChecked() and self._document.changed_rows is not None,
        )

    @Slot(object)
    def show_spec(self, spec: FilterSpec) -> None:
        """Set the widgets to ``spec`` without applying it again."""
        self._showing_spec = True
        try:
            self._typing_timer.stop()
            # Setting the same text again would move the cursor while the user types.
            if self.search_edit.text() != spec.text:
                self.search_edit.setText(spec.text)
            position = self.label_combo.findData(spec.predicted_label if spec.predicted_label is not None else -1)
            self.label_combo.setCurrentIndex(max(position, 0))
            self.review_combo.setCurrentIndex(max(self.review_combo.findData(spec.review.value), 0))
            self.confidence_min.setValue(round((spec.confidence_min or 0.0) * 100))
            self.confidence_max.setValue(round((spec.confidence_max if spec.confidence_max is not None else 1.0) * 100))
            self.disagreement_check.setChecked(spec.disagrees_with_known)
            self.errors_check.setChecked(spec.likely_errors)
            self.changed_check.setChecked(spec.changed_by_model)
            self.empty_check.setChecked(spec.empty_text)
        finally:
            self._showing_spec = False

    @Slot()
    def refresh_labels(self) -> None:
        """Fill the predicted-label combo with the current display names; enable the known-label checks."""
        current = self.label_combo.currentData()
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        self.label_combo.addItem(self.tr("All predicted labels"), -1)
        for label_id, name in enumerate(self._document.display_names):
            self.label_combo.addItem(name, label_id)
        self.label_combo.setCurrentIndex(max(self.label_combo.findData(current), 0))
        self.label_combo.blockSignals(False)

        known = self._filters.has_known_labels()
        hint = "" if known else self.tr("Choose a known-label column and map its values first")
        for check, tip in (
            (self.disagreement_check, self.tr("Show rows whose final label differs from the mapped known label")),
            (self.errors_check, self.tr("Show rows where a confident prediction disagrees with the known label, most doubtful first")),
        ):
            check.setEnabled(known)
            check.setToolTip(tip if known else hint)
        # Offered only after a model version was activated and the table re-classified.
        self.changed_check.setVisible(self._document.changed_rows is not None)

    # --- applying ---------------------------------------------------------------------------

    @Slot()
    def _on_typing(self) -> None:
        if not self._showing_spec:
            self._typing_timer.start()

    @Slot()
    def _apply_from_widgets(self) -> None:
        if self._showing_spec:
            return
        self._typing_timer.stop()
        self._filters.set_spec(self.spec())

    def apply_pending(self) -> None:
        """Apply a change still waiting for the typing pause (used before reading the filtered rows)."""
        if self._typing_timer.isActive():
            self._apply_from_widgets()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
