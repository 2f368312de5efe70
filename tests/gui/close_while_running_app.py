"""Run the real app, start a slow classification, close the window at about 30% and click Yes.

Used by test_gui_close_while_running.py in a subprocess:
``python close_while_running_app.py REVIEWS.csv MODEL_DIR RESULT.json``. Writes what happened
to RESULT.json and exits with run_app's exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from gui_helpers import slow_loader  # noqa: E402
from review_labeler.gui import app as gui_app  # noqa: E402
from review_labeler.gui import model_session  # noqa: E402

CLOSE_AT_FRACTION = 0.3


def main() -> int:
    reviews, model_dir, result_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    model_session.load_model = slow_loader(model_dir, seconds=0.05)
    application = gui_app.create_application([])
    record: dict = {"questions": [], "closed_at_fraction": None}

    def find_window():
        return next(widget for widget in QApplication.topLevelWidgets() if widget.objectName() == "mainWindow")

    def start_when_loaded():
        window = find_window()
        if window.document.table is None or window.opener.is_busy():
            QTimer.singleShot(50, start_when_loaded)
            return
        window.source_panel.set_model_folder(model_dir)
        window.source_panel.batch_spin.setValue(8)
        window.flow.progressed.connect(lambda done, total, fraction, eta: close_at(window, fraction))
        window.actions.run.trigger()

    def close_at(window, fraction):
        if fraction >= CLOSE_AT_FRACTION and record["closed_at_fraction"] is None:
            record["closed_at_fraction"] = fraction
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(50, answer_question)

    def answer_question():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_question)
            return
        record["questions"].append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def on_quit():
        window = find_window()
        status = window.document.annotations.status
        record["classified_rows"] = int((status == 1).sum())
        record["job_running"] = window.flow.job.is_running()

    application.aboutToQuit.connect(on_quit)
    QTimer.singleShot(0, start_when_loaded)
    exit_code = gui_app.run_app([reviews])
    result_path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
