"""Supporting pieces: error reports, the excepthook, background tasks, the delayed progress bar."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from review_labeler.core.errors import ModelLoadError
from review_labeler.gui.background import BackgroundTask
from review_labeler.gui.error_dialog import ErrorDialog, ExceptionHook
from review_labeler.gui.error_report import ErrorReport
from review_labeler.gui.progress_panel import SHOW_DELAY_MS, ProgressPanel


def _raise(error: Exception) -> ErrorReport:
    try:
        raise error
    except Exception as caught:  # noqa: BLE001 - the report is what the test checks
        return ErrorReport.from_exception(caught)


def test_report_of_user_error_keeps_its_message():
    report = _raise(ModelLoadError("Model folder not found: /x"))

    assert report.expected
    assert report.summary == "Model folder not found: /x"
    assert "ModelLoadError" in report.details


def test_report_of_unexpected_error_is_generic():
    report = _raise(ZeroDivisionError("division by zero"))

    assert not report.expected
    assert "ZeroDivisionError" in report.summary
    assert "division by zero" in report.details


def test_error_dialog_details_and_copy(qtbot):
    dialog = ErrorDialog("Title", _raise(KeyError("missing")))
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.details_view.isVisible()
    dialog.details_button.click()
    assert dialog.details_view.isVisible()
    dialog.copy_button.click()
    assert "KeyError" in QGuiApplication.clipboard().text()


def test_excepthook_logs_and_shows_dialog(qtbot, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.report) or 0)
    hook = ExceptionHook()
    hook.install()
    try:
        error = _raise_and_keep(ValueError("broken slot"))
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        hook.uninstall()

    assert len(shown) == 1
    assert "ValueError" in shown[0].details
    assert "Uncaught exception" in caplog.text


def test_excepthook_in_other_thread_only_logs(monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.report) or 0)
    hook = ExceptionHook()
    hook.install()
    try:
        thread = threading.Thread(target=lambda: 1 / 0, name="failing-helper")
        thread.start()
        thread.join()
    finally:
        hook.uninstall()

    assert shown == []
    assert "failing-helper" in caplog.text


def _raise_and_keep(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:  # noqa: BLE001 - returned to the test with its traceback
        return caught


def test_background_task_newest_call_wins(qtbot):
    task = BackgroundTask("test-task")
    release = threading.Event()
    results = []

    task.start(lambda: release.wait(10) and "old", results.append, results.append)
    task.start(lambda: "new", results.append, results.append)
    release.set()
    qtbot.waitUntil(lambda: not task.is_busy(), timeout=10_000)

    assert results == ["new"]


def test_background_task_reports_failure(qtbot):
    task = BackgroundTask("test-task")
    failures = []

    task.start(lambda: 1 / 0, lambda value: None, failures.append)
    qtbot.waitUntil(lambda: not task.is_busy(), timeout=10_000)

    assert len(failures) == 1
    assert failures[0].error_type == "ZeroDivisionError"


def test_background_task_shutdown_waits(qtbot):
    task = BackgroundTask("test-task")
    release = threading.Event()
    results = []
    task.start(lambda: release.wait(10), results.append, results.append)

    release.set()
    task.shutdown()

    assert not task.is_busy()
    assert results == []


def test_progress_shows_only_after_delay(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)

    panel.begin("Working")
    assert not panel.isVisible()
    qtbot.waitUntil(panel.isVisible, timeout=SHOW_DELAY_MS * 10)
    panel.update_progress(50, 200, 0.25, 75)
    assert panel.bar.value() == 250
    assert "50 / 200 rows" in panel.text_label.text()
    assert "1 min 15 s" in panel.text_label.text()
    panel.end()
    assert not panel.isVisible()


def test_quick_work_never_shows_progress(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)

    panel.begin("Quick")
    panel.end()
    qtbot.wait(SHOW_DELAY_MS + 200)

    assert not panel.isVisible()


@pytest.mark.parametrize(("seconds", "text"), [(0.2, "1 s"), (59, "59 s"), (61, "1 min 1 s"), (3700, "1 h 1 min")])
def test_duration_format(qtbot, seconds, text):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    assert panel.format_duration(seconds) == text
