"""Export button handling: choose a file and format, write it in the background, report the result."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from review_labeler.core.annotations import Annotations
from review_labeler.core import export as export_module
from review_labeler.core.export import ExportReport, export_table

from . import dialogs, locale_format
from . import settings as keys
from .background import BackgroundTask
from .document import ReviewDocument
from .error_dialog import show_error
from .error_report import ErrorReport

log = logging.getLogger(__name__)

XLSX, CSV = "xlsx", "csv"
# Answers to the question shown when a table does not fit into one Excel sheet.
SPLIT = "split"


@dataclass(frozen=True)
class ExportTarget:
    path: Path
    file_format: str


def name_filters() -> dict[str, str]:
    """Return the save dialog's filters, keyed by format."""
    return {
        XLSX: QCoreApplication.translate("ExportFlow", "Excel workbook (*.xlsx)"),
        CSV: QCoreApplication.translate("ExportFlow", "CSV, UTF-8 with BOM for Excel (*.csv)"),
    }


def build_export_dialog(parent: QWidget | None, suggested: Path, preferred: str = XLSX) -> QFileDialog:
    """Create the save dialog (a separate function so that screenshots can show it unblocked)."""
    dialog = QFileDialog(parent, QCoreApplication.translate("ExportFlow", "Export labelled reviews"))
    dialog.setObjectName("exportDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    filters = name_filters()
    dialog.setNameFilters([filters[XLSX], filters[CSV]])
    dialog.selectNameFilter(filters[preferred])
    dialog.setDefaultSuffix(preferred)
    dialog.setDirectory(str(suggested.parent))
    dialog.selectFile(suggested.with_suffix("." + preferred).name)
    return dialog


def choose_export_target(parent: QWidget | None, suggested: Path, preferred: str = XLSX) -> ExportTarget | None:
    """Ask where to export; the chosen filter decides the format and the suffix follows it."""
    dialog = build_export_dialog(parent, suggested, preferred)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    formats = {text: file_format for file_format, text in name_filters().items()}
    file_format = formats.get(dialog.selectedNameFilter(), preferred)
    path = Path(dialog.selectedFiles()[0])
    if path.suffix.lower() != "." + file_format:
        path = path.with_name(path.name + "." + file_format)
    return ExportTarget(path, file_format)


def snapshot(annotations: Annotations) -> Annotations:
    """Copy the annotations, so that edits made during a background export do not mix in."""
    return Annotations(
        label_names=list(annotations.label_names),
        predicted=annotations.predicted.copy(),
        probabilities=annotations.probabilities.copy(),
        truncated=annotations.truncated.copy(),
        status=annotations.status.copy(),
        corrected=annotations.corrected.copy(),
        review_state=annotations.review_state.copy(),
    )


class ExportFlow(QObject):
    """Exports the document; ``exported(ExportReport)`` follows a successful write."""

    busyChanged = Signal(bool)
    statusMessage = Signal(str)
    exported = Signal(object)

    def __init__(self, document: ReviewDocument, window: QWidget) -> None:
        super().__init__(window)
        self._document = document
        self._window = window
        self._task = BackgroundTask("export", self)
        self._task.busyChanged.connect(self.busyChanged)

    def is_busy(self) -> bool:
        return self._task.is_pending()

    def export(self) -> None:
        table = self._document.table
        if table is None or self.is_busy():
            return
        if not self._document.has_predictions():
            question = self.tr(
                "This table has not been classified yet, so the predicted label and confidence columns "
                "will be empty. Export anyway?"
            )
            if not dialogs.ask_yes_no(self._window, self.tr("Export"), question):
                return
        self._choose_and_write(XLSX)

    def _choose_and_write(self, preferred: str) -> None:
        table = self._document.table
        folder = Path(keys.read_string(keys.app_settings(), keys.LAST_FOLDER, str(Path(table.source_path).parent)))
        suggested = folder / (Path(table.source_path).stem + self.tr("_labelled"))
        target = choose_export_target(self._window, suggested, preferred)
        if target is not None:
            self.write(target)

    def write(self, target: ExportTarget, split_rows: int | None = None) -> None:
        """Write the document to ``target`` in the background; ``split_rows`` splits an XLSX export."""
        table = self._document.table
        annotations = snapshot(self._document.annotations)
        # Exported files name labels as the table shows them (the user's display names).
        annotations.label_names = self._document.display_names
        keys.app_settings().setValue(keys.LAST_FOLDER, str(target.path.parent))
        log.info("Exporting %d rows to %s as %s", table.row_count, target.path, target.file_format)
        self.statusMessage.emit(self.tr("Exporting to {file}…").format(file=target.path.name))
        self._task.start(
            lambda: export_table(table, annotations, target.path, file_format=target.file_format, csv_for_excel=True,
                                 split_rows=split_rows),
            self._on_exported,
            lambda report: self._on_failed(target, report),
        )

    def _on_exported(self, report: ExportReport) -> None:
        self._document.has_unexported_edits = False
        if report.parts:
            self.statusMessage.emit(
                self.tr("Exported {rows} rows into {count} Excel files in {folder}.").format(
                    rows=locale_format.count(report.rows), count=len(report.parts), folder=str(report.parts[0].parent)
                )
            )
        else:
            self.statusMessage.emit(
                self.tr("Exported {rows} rows to {file}.").format(rows=locale_format.count(report.rows), file=str(report.path))
            )
        if report.parts:
            dialogs.show_notice(
                self._window,
                self.tr("Export finished"),
                self.tr("Exported {rows} rows into {count} Excel files:").format(
                    rows=locale_format.count(report.rows), count=len(report.parts)
                ),
                details=["\n".join(str(part) for part in report.parts)],
            )
        notes = report.messages()
        if notes:
            dialogs.show_notice(
                self._window,
                self.tr("Export finished"),
                self.tr("Exported {rows} rows to {file}. Some cells were changed:").format(
                    rows=locale_format.count(report.rows), file=report.path.name
                ),
                details=notes,
            )
        self.exported.emit(report)

    def _on_failed(self, target: ExportTarget, report: ErrorReport) -> None:
        self.statusMessage.emit(self.tr("Export failed."))
        if report.error_type == "ExcelLimitError" and self._too_many_rows_for_excel():
            question = self.tr(
                "{message}\n\nExport as one CSV file, or split the rows into several Excel files "
                "({file_1}, {file_2}, …)?"
            ).format(message=report.summary, file_1=f"{target.path.stem}_1.xlsx", file_2=f"{target.path.stem}_2.xlsx")
            choices = [(CSV, self.tr("Export as CSV")), (SPLIT, self.tr("Split into several Excel files"))]
            answer = dialogs.ask_choice(self._window, self.tr("Too large for Excel"), question, choices)
            if answer == CSV:
                self._choose_and_write(CSV)
            elif answer == SPLIT:
                self.write(target, split_rows=export_module.EXCEL_MAX_ROWS - 1)
            return
        if report.error_type == "ExcelLimitError":
            # Splitting does not shorten a cell, so CSV is the only way to keep long cells whole.
            question = self.tr("{message}\n\nExport as CSV instead?").format(message=report.summary)
            if dialogs.ask_yes_no(self._window, self.tr("Too large for Excel"), question, default_yes=True):
                self._choose_and_write(CSV)
            return
        show_error(self._window, self.tr("Export failed"), report)

    def _too_many_rows_for_excel(self) -> bool:
        table = self._document.table
        return table is not None and table.row_count + 1 > export_module.EXCEL_MAX_ROWS

    def shutdown(self) -> None:
        self._task.shutdown()


