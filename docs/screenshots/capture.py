"""Take the user guide's screenshots from the real window, in one language.

Run it under Xvfb with the bundled model and a demo table from ``make_demo_table.py``:

    xvfb-run -a -s "-screen 0 1400x900x24" python docs/screenshots/capture.py \\
        --language ko --table /tmp/demo/reviews.csv --output docs/screenshots/ko

The script drives the window the way an analyst would: it opens the table, classifies it,
confirms the known-label mapping, corrects rows with the keyboard, filters, bulk-accepts,
fine-tunes, opens the versions list and exports. After each step it grabs the screen area of
the window and of any dialog over it. Settings, the project and the model versions go to a
temporary folder, never to the user's own settings. Look at every picture before committing it.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("capture")

WINDOW_SIZE = (1280, 800)
# Classification runs in small batches so that the progress bar can be caught half-way.
SLOW_BATCH_SIZE = 16


class Director:
    """Runs the steps in order inside the Qt event loop and saves the pictures."""

    def __init__(self, app, window, output: Path, work: Path, table: Path) -> None:
        self.app = app
        self.window = window
        self.output = output
        self.work = work
        self.table = table
        self.taken: list[Path] = []

    # --- waiting and grabbing ---------------------------------------------------------------

    def settle(self, seconds: float = 0.4) -> None:
        """Let Qt paint for ``seconds``."""
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)

    def wait_until(self, condition: Callable[[], bool], description: str, timeout: float = 120.0) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {description}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)

    def visible_top_levels(self) -> list:
        from PySide6.QtWidgets import QApplication

        return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]

    def find_visible(self, object_name: str):
        return next((widget for widget in self.visible_top_levels() if widget.objectName() == object_name), None)

    def grab(self, name: str, settle: float = 0.5) -> None:
        """Save the screen area of the window and every visible dialog or popup as ``name``.png."""
        from PySide6.QtCore import QRect

        self.settle(settle)
        area = QRect()
        for widget in self.visible_top_levels():
            area = area.united(widget.frameGeometry())
        area = area.intersected(self.app.primaryScreen().geometry())
        image = self.app.primaryScreen().grabWindow(0, area.x(), area.y(), area.width(), area.height())
        path = self.output / f"{name}.png"
        # For PNG, Qt maps a low quality to a high zlib compression level; the pixels stay exact.
        if not image.save(str(path), "PNG", 0):
            raise OSError(f"could not write {path}")
        self.taken.append(path)
        log.info("Saved %s (%dx%d, %d KB)", path, area.width(), area.height(), path.stat().st_size // 1024)

    def answer_question(self, name: str, object_name: str = "questionBox") -> None:
        """Grab the next modal question box as ``name`` when it appears, then press its default button.

        The question runs its own event loop (``exec``), so the grab happens from a timer.
        """
        from PySide6.QtCore import QTimer

        def poll() -> None:
            box = self.find_visible(object_name)
            if box is None:
                QTimer.singleShot(100, poll)
                return
            self.grab(name)
            box.defaultButton().click()

        QTimer.singleShot(200, poll)

    # --- steps ------------------------------------------------------------------------------

    def start_screen(self) -> None:
        self.grab("01_start_screen")

    def open_table(self) -> None:
        window = self.window
        window.open_file(self.table)
        self.wait_until(lambda: window.document.table is not None, "the table to open")
        self.settle(1.0)
        combo = window.source_panel.encoding_combo
        combo.showPopup()
        self.grab("02_file_opened")
        combo.hidePopup()

    def classify(self) -> None:
        window = self.window
        workspace = window.workspace
        create = workspace.offer_bar.buttons.get("createProjectButton")
        if create is not None:
            create.click()
        window.source_panel.batch_spin.setValue(SLOW_BATCH_SIZE)
        progress = {"fraction": 0.0}
        window.flow.progressed.connect(lambda done, total, fraction, eta: progress.update(fraction=fraction))
        mapping_dialogs = []
        workspace.known_labels.dialogOpened.connect(mapping_dialogs.append)

        window.actions.run.trigger()
        self.wait_until(lambda: progress["fraction"] >= 0.3 and window.progress_panel.isVisible(), "progress")
        self.grab("03_classifying", settle=0.2)
        self.wait_until(lambda: not window.flow.is_active(), "the classification to finish", timeout=600)
        window.source_panel.batch_spin.setValue(64)

        # The known-label column (stars) opens the mapping dialog once the model's labels are known.
        self.wait_until(lambda: bool(mapping_dialogs), "the label-mapping dialog")
        self.grab("04_label_mapping")
        mapping_dialogs[0].accept()
        self.settle(0.5)
        window.table_view.setFocus()
        window.table_view.selectRow(0)
        self.grab("05_classified")

    def correct_with_keyboard(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        window = self.window
        view = window.table_view
        window.workspace.filters.sort_least_confident_first()
        self.settle(0.5)
        view.setFocus()
        view.selectRow(0)
        # One key per review: 1 = 부정, 2 = 긍정, Enter accepts the prediction; each moves down a row.
        for key in (Qt.Key.Key_1, Qt.Key.Key_Return, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_Return):
            QTest.keyClick(view, key)
            self.settle(0.15)
        self.grab("06_keyboard_correction")

    def filters(self) -> None:
        window = self.window
        bar = window.workspace.filter_bar
        window.workspace.filters.clear()
        bar.search_edit.setFocus()
        # QTest types ASCII only; the field gets the Korean word ("stings") as pasted text.
        bar.search_edit.setText("따가")
        bar.label_combo.setCurrentIndex(bar.label_combo.findData(0))
        bar.label_combo.activated.emit(bar.label_combo.currentIndex())
        self.settle(0.8)
        window.table_view.selectRow(0)
        self.grab("07_filters")

    def summary(self) -> None:
        window = self.window
        window.workspace.filters.clear()
        window.workspace.actions.summary.setChecked(True)
        window.workspace.summary_panel.show()
        self.settle(1.5)
        self.grab("08_summary")
        window.workspace.summary_panel.hide()

    def bulk_edit(self) -> None:
        from dataclasses import replace

        window = self.window
        filters = window.workspace.filters
        # Accept the confident predictions of the reviews that mention the product ("리무버") at once.
        filters.set_spec(replace(filters.spec, text="리무버", confidence_min=0.97))
        self.settle(0.8)
        self.answer_question("09_bulk_edit")
        window.workspace.bulk.accept("shown")
        self.settle(0.5)
        filters.clear()

    def finetune(self) -> None:
        window = self.window
        flow = window.finetune_flow
        progress = window.model_menu.progress
        steps = {"done": 0}
        flow.progressed.connect(lambda step, total, epoch, epochs, loss, eta: steps.update(done=step))
        results = []
        flow.resultReady.connect(results.append)

        # The mapped star ratings are trained on too, so the before/after figures compare real labels.
        window.model_menu.include_known.setChecked(True)
        window.model_menu.finetune.trigger()
        self.wait_until(lambda: steps["done"] >= 3 and progress.isVisible(), "fine-tuning progress", timeout=300)
        self.grab("10_finetune_progress", settle=0.2)
        self.wait_until(lambda: bool(results), "the fine-tune result", timeout=900)
        self.wait_until(lambda: flow.result_dialog is not None and flow.result_dialog.isVisible(), "the result dialog")
        self.grab("11_finetune_result")
        button = flow.result_dialog.activate_button
        if button.isEnabled():
            button.click()
            self.wait_until(lambda: not window.flow.is_active() and window.document.changed_rows is not None,
                            "the new version to classify the table", timeout=600)
        else:
            flow.result_dialog.reject()
        self.settle(0.5)

    def versions(self) -> None:
        window = self.window
        window.model_menu.versions.trigger()
        self.wait_until(lambda: self.find_visible("versionsDialog") is not None, "the versions dialog")
        self.grab("12_versions")
        self.find_visible("versionsDialog").close()

    def export(self) -> None:
        from review_labeler.gui.export_flow import XLSX, ExportTarget, build_export_dialog

        window = self.window
        suggested = self.work / (self.table.stem + window.export_flow.tr("_labelled"))
        dialog = build_export_dialog(window, suggested, XLSX)
        dialog.setOption(dialog.Option.DontUseNativeDialog, True)
        dialog.show()
        self.grab("13_export_dialog", settle=1.0)
        dialog.close()

        reports = []
        window.export_flow.exported.connect(reports.append)
        window.export_flow.write(ExportTarget(suggested.with_suffix(".xlsx"), XLSX))
        self.wait_until(lambda: bool(reports), "the export", timeout=300)
        self.grab("14_export_done", settle=0.8)
        notice = self.find_visible("noticeBox")
        if notice is not None:
            notice.close()

    def run(self, steps: list[str]) -> None:
        for step in steps:
            log.info("Step %s", step)
            getattr(self, step)()


STEPS = ["start_screen", "open_table", "classify", "correct_with_keyboard", "filters", "summary", "bulk_edit",
         "finetune", "versions", "export"]


def prepare_work_folder(work: Path, table: Path, language: str) -> Path:
    """Copy the table and the sample into a folder named as an analyst would; return the table's copy."""
    if language == "ko":
        folder, name = work / "문서" / "리뷰분석", "화장품_영화_리뷰.csv"
    else:
        folder, name = work / "Documents" / "reviews", "cosmetics_and_movie_reviews.csv"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(table, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["ko", "en"], required=True)
    parser.add_argument("--table", type=Path, required=True, help="demo table from make_demo_table.py")
    parser.add_argument("--output", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated steps to run (default: all)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    # A fixed, short folder, because its path shows in the pictures.
    work = Path(tempfile.gettempdir()) / "review-labeler-demo"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    # Settings, the sample copy and model versions stay in the temporary folder.
    os.environ["XDG_DATA_HOME"] = str(work / ".data")
    os.environ["XDG_CONFIG_HOME"] = str(work / ".config")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    # The system locale of an analyst's desktop: Qt's file dialog formats sizes and dates with it.
    os.environ["LANG"] = os.environ["LC_ALL"] = "ko_KR.UTF-8" if arguments.language == "ko" else "en_US.UTF-8"
    table = prepare_work_folder(work, arguments.table, arguments.language)
    arguments.output.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))

    from review_labeler.gui import app as app_module
    from review_labeler.gui import i18n
    from review_labeler.gui.recent_paths import RECENT_FILES, RECENT_PROJECTS

    app = app_module.create_application([])
    translators = i18n.install_translators(app, arguments.language)
    # The start screen lists what an analyst would have opened before.
    sample = table.parent / "sample_reviews.csv"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample_reviews.csv", sample)
    RECENT_FILES.remember(sample)
    RECENT_FILES.remember(table)
    for name in (("2분기_리뷰.rlproj", "신제품_반응.rlproj") if arguments.language == "ko"
                 else ("q2_reviews.rlproj", "new_product_feedback.rlproj")):
        placeholder = table.parent / name
        placeholder.write_bytes(b"")
        RECENT_PROJECTS.remember(placeholder)

    from review_labeler.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.move(0, 0)
    window.show()
    director = Director(app, window, arguments.output, table.parent, table)
    try:
        director.settle(1.0)
        director.run([step for step in arguments.steps.split(",") if step])
    finally:
        window.shutdown()
        i18n.remove_translators(app, translators)
        shutil.rmtree(work, ignore_errors=True)
    total = sum(path.stat().st_size for path in director.taken)
    log.info("%d screenshots, %.1f MB in all", len(director.taken), total / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
