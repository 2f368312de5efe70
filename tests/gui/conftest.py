"""GUI test fixtures: isolated settings, answered questions, a window, and a QThread leak check."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThread

sys.path.insert(0, str(Path(__file__).parent))

DATA_DIR = Path(__file__).parent.parent / "data"
REVIEWS_500 = DATA_DIR / "cases" / "case15" / "reviews_500.csv"


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(tmp_path_factory):
    """Keep QSettings written by the window out of the user's real settings."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def clear_settings(isolated_settings):
    from review_labeler.gui.settings import app_settings

    app_settings().clear()
    yield


def _running_qthreads(main_thread: QThread) -> list[str]:
    gc.collect()
    running = []
    for candidate in gc.get_objects():
        # type() rather than isinstance(): some torch objects warn when their __class__ is read.
        if not issubclass(type(candidate), QThread):
            continue
        try:
            if candidate != main_thread and candidate.isRunning():
                running.append(candidate.objectName() or repr(candidate))
        except RuntimeError:
            # The C++ thread object is already deleted.
            continue
    return running


@pytest.fixture(autouse=True)
def fail_on_leaked_threads(qapp):
    """Fail a test that leaves a QThread running after its teardown."""
    yield
    leaked = _running_qthreads(qapp.thread())
    if leaked:
        pytest.fail(f"test leaked running QThreads: {leaked}")


class Answers:
    """Replaces yes/no questions: records each question and answers with ``answer``."""

    def __init__(self) -> None:
        self.answer = True
        self.questions: list[str] = []

    def __call__(self, parent, title, question, *, default_yes=False) -> bool:
        self.questions.append(question)
        return self.answer


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> Answers:
    from review_labeler.gui import dialogs

    recorder = Answers()
    monkeypatch.setattr(dialogs, "ask_yes_no", recorder)
    return recorder


@pytest.fixture
def window(qtbot):
    from review_labeler.gui.main_window import MainWindow

    main_window = MainWindow()
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    main_window.shutdown()


@pytest.fixture
def new_window(qtbot):
    """Create further windows, as after restarting the app; they read what earlier windows saved."""
    from review_labeler.gui.main_window import MainWindow

    created = []

    def create() -> MainWindow:
        other = MainWindow()
        qtbot.addWidget(other)
        other.show()
        created.append(other)
        return other

    yield create
    for other in created:
        other.shutdown()


@pytest.fixture
def open_file(qtbot, window):
    """Open a file in ``window`` and wait until the table is shown."""

    def open_and_wait(path: Path, options=None) -> None:
        with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
            window.open_file(path, options)

    return open_and_wait


@pytest.fixture
def run_classification(qtbot, window):
    """Press Run and wait for the run to finish; returns the outcome."""

    def run_and_wait(timeout_ms: int = 60_000) -> str:
        with qtbot.waitSignal(window.flow.runFinished, timeout=timeout_ms) as blocker:
            window.actions.run.trigger()
        qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=timeout_ms)
        return blocker.args[0]

    return run_and_wait
