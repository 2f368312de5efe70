"""The summary dock: label distributions, confidence histogram and, with known labels, metrics.

Every figure comes from :func:`review_labeler.core.summary.summarize` over the document's
row-aligned arrays. The panel recomputes shortly after edits and runs, and only while it is
visible; a hidden panel catches up when it is shown.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review_labeler.core.annotations import ReviewState
from review_labeler.core.metrics import ClassificationMetrics
from review_labeler.core.summary import Summary, summarize

from . import locale_format
from .document import ReviewDocument
from .summary_charts import FINAL_COLOR, PREDICTED_COLOR, BarChartView, HistogramView

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 300
MODEL, FINAL = "model", "final"


def format_percent(value: float) -> str:
    """Format a ratio in [0, 1] as a percentage with one decimal; NaN as a dash."""
    return locale_format.percent(value)


def format_score(value: float) -> str:
    """Format an F1-like score with three decimals; NaN as a dash."""
    return locale_format.decimal(value, 3)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _read_only_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _number_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class SummaryPanel(QDockWidget):
    """The summary dock, objectName ``summaryPanel``. ``showLikelyErrors()`` requests the likely-error filter."""

    showLikelyErrors = Signal()

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPanel")
        self.setWindowTitle(self.tr("Summary"))
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._document = document
        self.summary: Summary | None = None
        self._dirty = True

        self.counts_label = QLabel()
        self.counts_label.setObjectName("summaryCounts")
        self.counts_label.setWordWrap(True)
        self.distribution_chart = BarChartView("labelDistributionChart")
        self.histogram_chart = HistogramView("confidenceHistogramChart", self.tr("Confidence (%)"))

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("metricsSourceCombo")
        self.source_combo.addItem(self.tr("Model predictions"), MODEL)
        self.source_combo.addItem(self.tr("Final labels"), FINAL)
        self.source_combo.setToolTip(self.tr("Compare the known labels with the model's predictions or with the final labels"))
        self.accuracy_label = QLabel()
        self.accuracy_label.setObjectName("summaryAccuracy")
        self.accuracy_label.setWordWrap(True)
        self.metrics_table = _read_only_table("summaryMetricsTable")
        self.confusion_table = _read_only_table("summaryConfusionTable")
        self.confusion_note = QLabel()
        self.confusion_note.setWordWrap(True)
        self.errors_label = QLabel()
        self.errors_label.setObjectName("likelyErrorsLabel")
        self.errors_label.setWordWrap(True)
        self.errors_button = QPushButton(self.tr("Show them"))
        self.errors_button.setObjectName("showLikelyErrorsButton")
        self.no_known_label = QLabel(self.tr("Choose a known-label column and map its values to see accuracy, "
                                             "precision, recall, F1 and the confusion matrix."))
        self.no_known_label.setObjectName("noKnownLabelsHint")
        self.no_known_label.setWordWrap(True)

        self._build_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._connect()

    def _build_layout(self) -> None:
        self.metrics_box = QWidget()
        self.metrics_box.setObjectName("summaryMetrics")
        metrics_layout = QVBoxLayout(self.metrics_box)
        metrics_layout.setContentsMargins(0, 0, 0, 0)
        source_row = QHBoxLayout()
        source_row.addWidget(_heading(self.tr("Compared with known labels")), 1)
        source_row.addWidget(self.source_combo)
        metrics_layout.addLayout(source_row)
        metrics_layout.addWidget(self.accuracy_label)
        metrics_layout.addWidget(self.metrics_table)
        metrics_layout.addWidget(_heading(self.tr("Confusion matrix")))
        metrics_layout.addWidget(self.confusion_note)
        metrics_layout.addWidget(self.confusion_table)
        errors_row = QHBoxLayout()
        errors_row.addWidget(self.errors_label, 1)
        errors_row.addWidget(self.errors_button)
        metrics_layout.addLayout(errors_row)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.counts_label)
        layout.addWidget(_heading(self.tr("Label distribution")))
        layout.addWidget(self.distribution_chart)
        layout.addWidget(_heading(self.tr("Confidence histogram")))
        layout.addWidget(self.histogram_chart)
        layout.addWidget(self.metrics_box)
        layout.addWidget(self.no_known_label)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setMinimumWidth(340)
        self.setWidget(scroll)

    def _connect(self) -> None:
        document = self._document
        for signal in (document.tableReplaced, document.columnsChanged, document.annotationsReplaced,
                       document.displayNamesChanged, document.labelMappingChanged):
            signal.connect(self.schedule_refresh)
        document.rowsChanged.connect(self.schedule_refresh)
        self.visibilityChanged.connect(self._on_visibility_changed)
        self.source_combo.currentIndexChanged.connect(self._show_metrics_of_choice)
        self.errors_button.clicked.connect(self.showLikelyErrors)

    # --- refreshing -------------------------------------------------------------------------

    @Slot()
    def schedule_refresh(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    @Slot(bool)
    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._dirty:
            self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Recompute the summary from the document now and show it."""
        self._timer.stop()
        self._dirty = False
        document = self._document
        if document.table is None or not document.label_names:
            self.summary = None
            self._show_empty()
            return
        self.summary = summarize(document.annotations, document.known_label_ids())
        self._show_summary(self.summary)

    def _show_empty(self) -> None:
        self.counts_label.setText(self.tr("Open a file and run the classification to see a summary."))
        self.distribution_chart.show_bars([], [])
        self.histogram_chart.show_histogram([], [])
        self.metrics_box.setVisible(False)
        self.no_known_label.setVisible(False)

    def _show_summary(self, summary: Summary) -> None:
        names = self._document.display_names
        reviewed = summary.row_count - summary.review_counts[ReviewState.UNREVIEWED]
        self.counts_label.setText(
            self.tr("{rows} rows · {classified} classified · {reviewed} reviewed · {corrected} corrected").format(
                rows=locale_format.count(summary.row_count),
                classified=locale_format.count(summary.row_count - summary.unpredicted_rows),
                reviewed=locale_format.count(reviewed),
                corrected=locale_format.count(summary.review_counts[ReviewState.CORRECTED]),
            )
        )
        self.distribution_chart.show_bars(names, [
            (self.tr("Predicted"), summary.predicted_counts.tolist(), PREDICTED_COLOR),
            (self.tr("Final"), summary.final_counts.tolist(), FINAL_COLOR),
        ])
        self.histogram_chart.show_histogram(summary.confidence.edges.tolist(), summary.confidence.counts.tolist())

        has_metrics = summary.model_metrics is not None and summary.known_rows > 0
        self.metrics_box.setVisible(has_metrics)
        self.no_known_label.setVisible(not has_metrics)
        if has_metrics:
            self._show_metrics_of_choice()

    @Slot()
    def _show_metrics_of_choice(self) -> None:
        summary = self.summary
        if summary is None or summary.model_metrics is None:
            return
        metrics = summary.model_metrics if self.source_combo.currentData() == MODEL else summary.final_metrics
        self._show_metrics(metrics, summary)

    def _show_metrics(self, metrics: ClassificationMetrics, summary: Summary) -> None:
        names = self._document.display_names
        self.accuracy_label.setText(
            self.tr("Accuracy {accuracy} · macro F1 {f1} · {rows} rows compared").format(
                accuracy=format_percent(metrics.accuracy), f1=format_score(metrics.macro_f1), rows=locale_format.count(metrics.support)
            )
        )

        table = self.metrics_table
        table.clear()
        table.setColumnCount(5)
        table.setRowCount(len(names) + 1)
        table.setHorizontalHeaderLabels(
            [self.tr("Label"), self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Rows")]
        )
        # The label column fits its names ("Macro average" included); the figures share the rest.
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setVisible(False)
        row_support = metrics.confusion.sum(axis=1)
        for label_id, name in enumerate(names):
            table.setItem(label_id, 0, QTableWidgetItem(name))
            table.setItem(label_id, 1, _number_item(format_percent(metrics.precision[label_id])))
            table.setItem(label_id, 2, _number_item(format_percent(metrics.recall[label_id])))
            table.setItem(label_id, 3, _number_item(format_score(metrics.f1[label_id])))
            table.setItem(label_id, 4, _number_item(locale_format.count(row_support[label_id])))
        macro = len(names)
        table.setItem(macro, 0, QTableWidgetItem(self.tr("Macro average")))
        table.setItem(macro, 1, _number_item(format_percent(float(np.mean(metrics.precision)))))
        table.setItem(macro, 2, _number_item(format_percent(float(np.mean(metrics.recall)))))
        table.setItem(macro, 3, _number_item(format_score(metrics.macro_f1)))
        table.setItem(macro, 4, _number_item(locale_format.count(metrics.support)))
        self._fit_height(table)

        compared = self.tr("model prediction") if metrics is summary.model_metrics else self.tr("final label")
        self.confusion_note.setText(self.tr("Rows: known label · columns: {compared}").format(compared=compared))
        confusion = self.confusion_table
        confusion.clear()
        confusion.setRowCount(len(names))
        confusion.setColumnCount(len(names))
        confusion.setHorizontalHeaderLabels(names)
        confusion.setVerticalHeaderLabels(names)
        confusion.verticalHeader().setVisible(True)
        for known_id in range(len(names)):
            for predicted_id in range(len(names)):
                item = _number_item(locale_format.count(metrics.confusion[known_id, predicted_id]))
                if known_id == predicted_id:
                    item.setBackground(Qt.GlobalColor.lightGray)
                confusion.setItem(known_id, predicted_id, item)
        self._fit_height(confusion)

        errors = summary.label_errors
        count = errors.count if errors is not None else 0
        self.errors_label.setText(self.tr("Likely label errors: {count} rows").format(count=locale_format.count(count)))
        self.errors_button.setEnabled(count > 0)

    @staticmethod
    def _fit_height(table: QTableWidget) -> None:
        height = table.horizontalHeader().height() + 4
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height)
