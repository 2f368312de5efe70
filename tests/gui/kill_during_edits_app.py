"""Run the window, label rows with the number keys and report each label once the table shows it.

Used by test_gui_project_kill.py in a subprocess:
``python kill_during_edits_app.py REVIEWS.csv MODEL_DIR PROJECT.rlproj ROWS``. After a
classification run it creates the project, then labels ROWS rows one key press at a time. After
each key press it prints ``SHOWN <source row> <label id>`` once the table shows the new label,
and finally ``DONE``; then it waits to be killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from review_labeler.gui.app import create_application
from review_labeler.gui.main_window import MainWindow
from review_labeler.gui.table_model import Column


def wait_until(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.005)


def main() -> int:
    reviews, model_dir, project, rows = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    create_application([])
    window = MainWindow()
    window.show()

    window.open_file(reviews)
    wait_until(lambda: window.document.table is not None and not window.opener.is_busy())
    window.source_panel.set_model_folder(model_dir)
    finished = []
    window.flow.runFinished.connect(lambda outcome, result: finished.append(outcome))
    window.actions.run.trigger()
    wait_until(lambda: finished and not window.flow.is_active())
    if not window.workspace.projects.request_creation(project):
        raise RuntimeError("the project was not created")

    view = window.table_view
    view.setFocus()
    proxy = window.proxy
    view.selectionModel().setCurrentIndex(
        proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    corrected_section = window.table_model.column_of(Column.CORRECTED)
    for number in range(rows):
        view_row = view.currentIndex().row()
        source_row = proxy.source_row(view_row)
        label_id = number % 2
        QTest.keyClick(view, Qt.Key.Key_1 if label_id == 0 else Qt.Key.Key_2)
        shown = proxy.index(view_row, corrected_section).data()
        if shown != window.document.display_names[label_id]:
            raise RuntimeError(f"row {source_row} shows {shown!r} after the key press")
        print(f"SHOWN {source_row} {label_id}", flush=True)
        QApplication.processEvents()
    print("DONE", flush=True)
    while True:
        QApplication.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    raise SystemExit(main())
