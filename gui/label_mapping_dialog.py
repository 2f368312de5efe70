"""The dialog that maps the known-label column's values (stars, scores, words) to the model's labels.

It lists every distinct value with its row count and a combo box of the labels plus "Not
mapped", pre-filled with a suggestion from :func:`suggest_label_mapping`, and describes the
scale that was detected. The dialog edits a copy; the caller stores the accepted mapping.
"""

from __future__ import annotations

import copy
import logging

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review_labeler.core.label_mapping import LabelMapping

from . import locale_format

log = logging.getLogger(__name__)

# Values listed with a combo box each; a column with more distinct values is not a label column,
# and the rest keep their suggested label.
MAX_LISTED_VALUES = 200
VALUE_COLUMN, COUNT_COLUMN, LABEL_COLUMN = 0, 1, 2


class LabelMappingDialog(QDialog):
    """Edit a :class:`LabelMapping`; objectName ``labelMappingDialog``."""

    def __init__(self, column: str, mapping: LabelMapping, suggestion: LabelMapping, display_names: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelMappingDialog")
        self.setWindowTitle(self.tr("Map known labels"))
        self._mapping = copy.deepcopy(mapping)
        self._suggestion = suggestion
        self._names = list(display_names)
        self._combos: list[QComboBox] = []

        intro = QLabel(self.tr("Choose the model label that each value of the column \"{column}\" means. "
                               "Rows with an unmapped value are left out of the metrics.").format(column=column))
        intro.setWordWrap(True)
        self.scale_label = QLabel(self._mapping.description(self._names))
        self.scale_label.setObjectName("mappingScaleLabel")
        self.scale_label.setWordWrap(True)
        self.warning_label = QLabel(self.tr("The values fit more than one reading. Check the suggested labels before relying on the metrics."))
        self.warning_label.setObjectName("mappingWarningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a5300;")
        self.warning_label.setVisible(self._mapping.needs_check)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels([self.tr("Value"), self.tr("Rows"), self.tr("Label")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VALUE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.more_label = QLabel()
        self.more_label.setObjectName("mappingMoreLabel")
        self.more_label.setWordWrap(True)
        self.coverage_label = QLabel()
        self.coverage_label.setObjectName("mappingCoverageLabel")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = QPushButton(self.tr("Use suggestion"))
        self.reset_button.setObjectName("mappingResetButton")
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.use_suggestion)

        layout = QVBoxLayout(self)
        for widget in (intro, self.scale_label, self.warning_label):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(self.coverage_label)
        layout.addWidget(buttons)

        self._fill_table()
        self.resize(560, 520)

    def _fill_table(self) -> None:
        entries = self._mapping.entries[:MAX_LISTED_VALUES]
        self.table.setRowCount(len(entries))
        self._combos = []
        for position, entry in enumerate(entries):
            value = QTableWidgetItem(entry.value if entry.value.strip() else self.tr("(empty)"))
            value.setToolTip(entry.value)
            count = QTableWidgetItem(locale_format.count(entry.count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(position, VALUE_COLUMN, value)
            self.table.setItem(position, COUNT_COLUMN, count)
            combo = QComboBox()
            combo.setObjectName(f"mappingCombo_{position}")
            combo.addItem(self.tr("Not mapped"), -1)
            for label_id, name in enumerate(self._names):
                combo.addItem(name, label_id)
            combo.setCurrentIndex(max(combo.findData(entry.label_id if entry.label_id is not None else -1), 0))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.table.setCellWidget(position, LABEL_COLUMN, combo)
            self._combos.append(combo)

        hidden = self._mapping.entries[MAX_LISTED_VALUES:]
        self.more_label.setVisible(bool(hidden))
        if hidden:
            self.more_label.setText(
                self.tr("{count} more values ({rows} rows) are not listed and keep their suggested label.").format(
                    count=locale_format.count(len(hidden)), rows=locale_format.count(sum(entry.count for entry in hidden))
                )
            )
        self._update_coverage()

    @Slot()
    def _on_combo_changed(self) -> None:
        for combo, entry in zip(self._combos, self._mapping.entries):
            label_id = combo.currentData()
            entry.label_id = label_id if isinstance(label_id, int) and label_id >= 0 else None
        self._update_coverage()

    def _update_coverage(self) -> None:
        self.coverage_label.setText(
            self.tr("Mapped: {mapped} rows · not mapped: {unmapped} rows").format(
                mapped=locale_format.count(self._mapping.mapped_rows), unmapped=locale_format.count(self._mapping.unmapped_rows)
            )
        )

    @Slot()
    def use_suggestion(self) -> None:
        """Reset every value to the suggested label."""
        suggested = {entry.value: entry.label_id for entry in self._suggestion.entries}
        for combo, entry in zip(self._combos, self._mapping.entries):
            label_id = suggested.get(entry.value)
            combo.setCurrentIndex(max(combo.findData(label_id if label_id is not None else -1), 0))

    def set_value_label(self, value: str, label_id: int | None) -> None:
        """Choose the label of one listed value, as picking it in its combo box does."""
        for combo, entry in zip(self._combos, self._mapping.entries):
            if entry.value == value:
                combo.setCurrentIndex(max(combo.findData(label_id if label_id is not None else -1), 0))
                return
        raise KeyError(value)

    def mapping(self) -> LabelMapping:
        """Return a copy of the mapping as the dialog shows it."""
        return copy.deepcopy(self._mapping)
