"""The error dialog (short message, details one click away, a copy button) and the excepthook."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QThread, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .error_report import ErrorReport
from .log_setup import current_log_file

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """Shows an :class:`ErrorReport`: the summary first, the traceback behind "Details"."""

    def __init__(self, title: str, report: ErrorReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary_label = QLabel(report.summary)
        self.summary_label.setObjectName("errorSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setMinimumWidth(420)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.summary_label, 1)

        self.details_view = QPlainTextEdit(self._details_text())
        self.details_view.setObjectName("errorDetails")
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setMinimumSize(640, 220)
        self.details_view.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setObjectName("errorDetailsButton")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("errorCopyButton")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)

    def _details_text(self) -> str:
        text = self.report.details.rstrip()
        log_file = current_log_file()
        if log_file is not None:
            text += "\n\n" + self.tr("Log file: {path}").format(path=log_file)
        return text

    @Slot(bool)
    def _show_details(self, visible: bool) -> None:
        self.details_view.setVisible(visible)
        self.adjustSize()

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report.summary + "\n\n" + self._details_text())


def show_error(parent: QWidget | None, title: str, report: ErrorReport) -> ErrorDialog:
    """Open an error dialog without blocking the event loop (running jobs keep their progress)."""
    dialog = ErrorDialog(title, report, parent)
    dialog.open()
    return dialog


class ExceptionHook:
    """Logs uncaught exceptions and shows them in an error dialog when raised in the GUI thread.

    Exceptions in other threads are only logged: widgets must not be created there.
    """

    def __init__(self) -> None:
        self._showing = False
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread_hook

    def __call__(
        self, error_type: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(error_type, KeyboardInterrupt):
            self._previous(error_type, error, trace)
            return
        log.critical("Uncaught exception", exc_info=(error_type, error, trace))

        app = QApplication.instance()
        in_gui_thread = app is not None and QThread.currentThread() == app.thread()
        # A failure inside the dialog itself must not open another dialog.
        if not in_gui_thread or self._showing:
            return
        if error.__traceback__ is None:
            error = error.with_traceback(trace)
        self._showing = True
        try:
            title = QApplication.translate("ExceptionHook", "Unexpected error")
            ErrorDialog(title, ErrorReport.from_exception(error), QApplication.activeWindow()).exec()
        finally:
            self._showing = False

    def _thread_hook(self, arguments: threading.ExceptHookArgs) -> None:
        log.critical(
            "Uncaught exception in thread %s",
            arguments.thread.name if arguments.thread else "?",
            exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback),
        )
