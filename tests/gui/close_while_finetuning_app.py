"""Run the real app, start a slowed fine-tune, close the window after two steps and click Yes.

Used by test_gui_finetune.py in a subprocess:
``python close_while_finetuning_app.py REVIEWS.csv MODEL_DIR RESULT.json``. Writes what happened
to RESULT.json and exits with run_app's exit code.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from review_labeler.core.finetune import FinetuneSettings  # noqa: E402
from review_labeler.gui import app as gui_app  # noqa: E402
from review_labeler.gui import finetune_worker  # noqa: E402

CLOSE_AT_STEP = 2
CORRECTED_PER_LABEL = 12


def slowed_finetune(original):
    def run(*args, progress=None, **kwargs):
        def report(event):
            time.sleep(0.1)
            progress(event)

        return original(*args, progress=report, **kwargs)

    return run


def main() -> int:
    reviews, model_dir, result_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    finetune_worker.finetune = slowed_finetune(finetune_worker.finetune)
    application = gui_app.create_application([])
    record: dict = {"questions": [], "closed_at_step": None}

    def find_window():
        return next(widget for widget in QApplication.topLevelWidgets() if widget.objectName() == "mainWindow")

    def classify_when_loaded():
        window = find_window()
        if window.document.table is None or window.opener.is_busy():
            QTimer.singleShot(50, classify_when_loaded)
            return
        window.source_panel.set_model_folder(model_dir)
        window.finetune_flow.settings = FinetuneSettings(epochs=6)
        window.flow.runFinished.connect(lambda outcome, result: QTimer.singleShot(0, finetune))
        window.actions.run.trigger()

    def finetune():
        window = find_window()
        names = window.document.label_names
        half = window.document.row_count // 2
        window.label_editor.set_label(np.arange(CORRECTED_PER_LABEL), names.index("긍정"))
        window.label_editor.set_label(np.arange(half, half + CORRECTED_PER_LABEL), names.index("부정"))
        window.finetune_flow.progressed.connect(lambda step, *rest: close_at(window, step))
        window.model_menu.finetune.trigger()

    def close_at(window, step):
        if step >= CLOSE_AT_STEP and record["closed_at_step"] is None:
            record["closed_at_step"] = step
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
        record["job_running"] = window.finetune_flow.job.is_running()
        registry = window.finetune_flow.versions.registry()
        record["versions"] = [version.id for version in registry.list()]
        record["active"] = registry.active().id

    application.aboutToQuit.connect(on_quit)
    QTimer.singleShot(0, classify_when_loaded)
    exit_code = gui_app.run_app([reviews])
    result_path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
