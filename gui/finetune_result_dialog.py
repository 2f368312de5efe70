"""The dialog shown when a fine-tune finishes: before/after figures, the verdict, and the choice to activate.

The new version is already saved in the versions folder when this dialog opens (saving is part
of the fine-tune, so a version can be activated later from the versions dialog too). Accepting
the dialog activates it; rejecting keeps the current version. When the core judged the new
version worse, the dialog states that first and "Keep current version" is the default button.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from review_labeler.core.finetune import ACCURACY_DROP_MARGIN

from . import locale_format
from .finetune_worker import FinetuneOutcome

# pyside6-lupdate extracts calls written as translate("Context", "text").
translate = QCoreApplication.translate

CHECK_SETS = ("validation", "reference")
ROW_KINDS = ("corrections", "accepted", "known", "replay")


def check_set_name(name: str) -> str:
    if name == "validation":
        return translate("FinetuneFigures", "Validation set")
    if name == "reference":
        return translate("FinetuneFigures", "Reference set")
    return name


def check_set_tooltip(name: str) -> str:
    if name == "validation":
        return translate("FinetuneFigures", "Your corrected and accepted rows held out from training, to measure what the model learned")
    if name == "reference":
        return translate("FinetuneFigures", "Rows the previous model labelled with high confidence, never trained on, to measure what it forgot")
    return ""


def format_share(value: Any) -> str:
    """Format a share in [0, 1] as a percentage, or a dash when it is missing."""
    return locale_format.percent(float(value)) if isinstance(value, (int, float)) else locale_format.DASH


def format_counts(counts: Mapping[str, Any] | None) -> str:
    """Format predicted counts per label as "긍정 30 · 부정 10"."""
    if not counts:
        return "–"
    return " · ".join(f"{label} {locale_format.count(count)}" for label, count in counts.items())


def format_before_after(metrics: Mapping[str, Any], name: str) -> str:
    """Describe one check set of a stored metrics record ("before"/"after" per set), or return a dash."""
    before = (metrics.get("before") or {}).get(name)
    after = (metrics.get("after") or {}).get(name)
    if not before or not after:
        return "–"
    return translate("FinetuneFigures", "accuracy {before} → {after} · macro F1 {f1_before} → {f1_after} · {rows} rows").format(
        before=format_share(before.get("accuracy")),
        after=format_share(after.get("accuracy")),
        f1_before=format_share(before.get("macro_f1")),
        f1_after=format_share(after.get("macro_f1")),
        rows=locale_format.count(after.get("rows", 0)),
    )


def format_row_counts(row_counts: Mapping[str, Any]) -> str:
    """Describe how many rows of each kind a version was trained on."""
    return translate(
        "FinetuneFigures", "{corrections} corrected, {accepted} accepted, {known} known labels, {replay} replay"
    ).format(**{kind: locale_format.count(row_counts.get(kind, 0)) for kind in ROW_KINDS})


class FinetuneResultDialog(QDialog):
    """Before/after figures of one fine-tune; accepted means "activate the new version"."""

    def __init__(self, outcome: FinetuneOutcome, versions_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finetuneResultDialog")
        self.setWindowTitle(self.tr("Fine-tuning finished"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.outcome = outcome
        result = outcome.result
        can_activate = outcome.version is not None

        self.verdict_label = self._wrapped_label("finetuneVerdict", self._verdict_text())
        if result.is_worse or outcome.save_error is not None:
            self.verdict_label.setStyleSheet("QLabel { color: #a4262c; font-weight: bold; }")
        else:
            self.verdict_label.setStyleSheet("QLabel { font-weight: bold; }")

        self.metrics_table = self._metrics_table()
        rows_text = self.tr("Trained on {rows}; {steps} of {planned} steps in {seconds} s.").format(
            rows=format_row_counts(result.row_counts),
            steps=locale_format.count(result.steps_done),
            planned=locale_format.count(result.total_steps),
            seconds=locale_format.count(round(result.train_seconds)),
        )
        self.rows_label = self._wrapped_label("finetuneRows", rows_text)
        notes = list(result.messages)
        self.notes_label = self._wrapped_label("finetuneNotes", "\n".join(f"• {note}" for note in notes))
        self.notes_label.setVisible(bool(notes))
        self.saved_label = self._wrapped_label("finetuneSaved", self._saved_text(versions_folder))

        self.activate_button = QPushButton(self.tr("Activate new version"))
        self.activate_button.setObjectName("activateNewVersionButton")
        self.activate_button.setEnabled(can_activate)
        self.activate_button.setToolTip(self.tr("Use the new version and classify the table again with it"))
        self.keep_button = QPushButton(self.tr("Keep current version"))
        self.keep_button.setObjectName("keepCurrentVersionButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.activate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # A worse version must never be activated by pressing Enter. Without autoDefault, the
        # button that gets the focus does not become the default one.
        default = self.activate_button if can_activate and not result.is_worse else self.keep_button
        for button in (self.activate_button, self.keep_button):
            button.setAutoDefault(False)
        default.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.metrics_table)
        layout.addWidget(self.rows_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.saved_label)
        # Spare height collects above the buttons instead of between the lines of text.
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(960, self.sizeHint().height())

    def _wrapped_label(self, name: str, content: str) -> QLabel:
        label = QLabel(content)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _verdict_text(self) -> str:
        result = self.outcome.result
        if result.is_worse:
            lines = [self.tr("The new version is worse than the current one. Keep the current version.")]
            lines += [f"• {reason}" for reason in result.verdict]
            return "\n".join(lines)
        if not result.was_checked:
            return self.tr("There were no rows to check the new version on. Compare its predictions yourself before you rely on it.")
        return self.tr("The new version is not worse than the current one on the checked rows: no check set lost "
                       "more than {points} points of accuracy, and it still predicts every label.").format(
            points=locale_format.decimal(ACCURACY_DROP_MARGIN * 100, 0))

    def _saved_text(self, versions_folder: str) -> str:
        outcome = self.outcome
        if outcome.version is None:
            detail = outcome.save_error.summary if outcome.save_error is not None else ""
            return self.tr("The new version could not be saved: {detail} The current version stays active.").format(detail=detail)
        return self.tr(
            "Saved as version {version} in {folder}. It is not active yet: activate it now, "
            "or later from Model → Model versions."
        ).format(version=outcome.version.id, folder=versions_folder)

    def _metrics_table(self) -> QTableWidget:
        result = self.outcome.result
        headers = [
            self.tr("Check set"), self.tr("Rows"), self.tr("Accuracy before"), self.tr("Accuracy after"),
            self.tr("Macro F1 before"), self.tr("Macro F1 after"), self.tr("Predicted before"), self.tr("Predicted after"),
        ]
        names = [name for name in CHECK_SETS if name in result.before or name in result.after]

        table = QTableWidget(len(names), len(headers))
        table.setObjectName("finetuneMetricsTable")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        for row, name in enumerate(names):
            before, after = result.before.get(name), result.after.get(name)
            cells = [
                check_set_name(name),
                locale_format.count((after or before).rows),
                format_share(before.accuracy if before else None),
                format_share(after.accuracy if after else None),
                format_share(before.macro_f1 if before else None),
                format_share(after.macro_f1 if after else None),
                format_counts(before.predicted_counts if before else None),
                format_counts(after.predicted_counts if after else None),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setToolTip(check_set_tooltip(name))
                table.setItem(row, column, item)

        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.resizeRowsToContents()
        # As tall as its rows, so the figures do not float in an empty frame.
        height = header.sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height + 2)
        return table
