"""Opening files in the window: encodings, sheets, guessed columns, warnings, drag and drop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox

from gui_helpers import invented_reviews, write_csv, write_two_sheet_xlsx


def test_cp949_csv_shows_rows_and_guessed_columns(window, open_file, tmp_path):
    path = write_csv(tmp_path / "cp949.csv", invented_reviews(12), encoding="cp949")

    open_file(path)

    assert window.document.row_count == 12
    assert window.proxy.rowCount() == 12
    assert window.document.table.encoding == "cp949"
    encoding_combo = window.findChild(QComboBox, "encodingCombo")
    assert "CP949" in encoding_combo.currentText()
    assert window.findChild(QComboBox, "reviewColumnCombo").currentText() == "리뷰"
    assert window.findChild(QComboBox, "labelColumnCombo").currentText() == "라벨"
    first_review = window.proxy.index(0, 1).data()
    assert first_review == invented_reviews(12)[0][0]


def test_encoding_override_rereads_file(qtbot, window, open_file, tmp_path):
    path = write_csv(tmp_path / "utf8.csv", invented_reviews(5), encoding="utf-8")
    open_file(path)
    combo = window.findChild(QComboBox, "encodingCombo")

    with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
        combo.setCurrentIndex(combo.findData("utf-8-sig"))
        combo.activated.emit(combo.currentIndex())

    assert window.document.read_options.encoding == "utf-8-sig"
    assert window.document.row_count == 5
    assert combo.currentData() == "utf-8-sig"


def test_wrong_encoding_offers_lossy_read(qtbot, window, open_file, answers, tmp_path):
    path = write_csv(tmp_path / "cp949.csv", invented_reviews(5), encoding="cp949")
    open_file(path)
    combo = window.findChild(QComboBox, "encodingCombo")
    answers.answer = True

    with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
        combo.setCurrentIndex(combo.findData("utf-8"))
        combo.activated.emit(combo.currentIndex())

    assert len(answers.questions) == 1
    assert window.document.read_options.lossy
    assert window.banner.isVisible()
    assert window.document.table.lossy_rows


def test_xlsx_sheet_switch_loads_other_sheet(qtbot, window, open_file, tmp_path):
    path = write_two_sheet_xlsx(tmp_path / "two_sheets.xlsx")
    open_file(path)
    sheet_combo = window.findChild(QComboBox, "sheetCombo")
    assert sheet_combo.isEnabled()
    assert [sheet_combo.itemText(position) for position in range(sheet_combo.count())] == ["1월", "2월"]
    assert window.document.row_count == 6
    assert window.document.review_column == "후기 내용"

    with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
        sheet_combo.setCurrentIndex(1)
        sheet_combo.activated.emit(1)

    assert window.document.table.sheet == "2월"
    assert window.document.row_count == 9
    assert window.document.review_column == "review"
    assert window.document.label_column == "sentiment"
    assert sheet_combo.currentText() == "2월"
    assert window.proxy.rowCount() == 9


def test_changing_review_column_updates_table(window, open_file, tmp_path):
    path = tmp_path / "two_text_columns.csv"
    path.write_text("제목,본문\n짧은 제목,배송이 빨라서 좋았어요\n다른 제목,배송이 너무 늦었어요\n", encoding="utf-8")
    open_file(path)
    assert window.document.review_column == "본문"
    combo = window.findChild(QComboBox, "reviewColumnCombo")

    combo.setCurrentIndex(combo.findText("제목"))
    combo.activated.emit(combo.currentIndex())

    assert window.document.review_column == "제목"
    assert window.proxy.index(1, 1).data() == "다른 제목"


def test_read_warnings_shown_in_banner(window, open_file, tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("2024년 리뷰 모음,,\n번호,리뷰,평점\n1,좋아요,5\n2,별로예요,1\n", encoding="utf-8")

    open_file(path)

    assert window.document.row_count == 2
    assert window.banner.isVisible()
    assert window.banner.messages == window.document.table.warnings
    assert "2024년 리뷰 모음" in window.findChild(QLabel, "warningBannerText").text()


def test_open_failure_shows_error_dialog(qtbot, window, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    window.open_file(path)

    qtbot.waitUntil(lambda: _error_dialog() is not None, timeout=20_000)
    dialog = _error_dialog()
    assert "empty.csv" in dialog.report.summary
    assert window.document.table is None
    dialog.close()


# PySide6 marks the QPoint constructor of QDragEnterEvent deprecated, but Qt 6 has no other.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_drop_opens_file(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "dropped.csv", invented_reviews(4))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, modifiers)

    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
        QApplication.sendEvent(window, drop)

    assert window.document.row_count == 4
    assert window.document.table.source_path == path


def test_header_only_file_gives_no_rows_message(qtbot, window, open_file, tmp_path, monkeypatch):
    path = tmp_path / "header_only.csv"
    path.write_text("리뷰,라벨\n", encoding="utf-8")
    open_file(path)
    load_calls = []
    monkeypatch.setattr(window.flow.model_session, "loader", lambda *args, **kwargs: load_calls.append(args))

    window.actions.run.trigger()

    notice = _notice_box()
    assert notice is not None
    assert "no rows to classify" in notice.text()
    assert not window.flow.is_active()
    assert not window.flow.job.is_running()
    assert load_calls == []
    notice.close()


def test_all_empty_reviews_give_no_rows_message(window, open_file, tmp_path):
    path = tmp_path / "blank_reviews.csv"
    path.write_text("번호,리뷰\n1,\n2,   \n", encoding="utf-8")
    open_file(path)
    window.source_panel.review_combo.setCurrentIndex(1)
    window.document.set_columns("리뷰", None)

    window.actions.run.trigger()

    notice = _notice_box()
    assert notice is not None
    assert not window.flow.is_active()
    notice.close()


def _error_dialog():
    from review_labeler.gui.error_dialog import ErrorDialog

    dialogs = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ErrorDialog) and widget.isVisible()]
    return dialogs[-1] if dialogs else None


def _notice_box():
    boxes = [
        widget for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.objectName() == "noticeBox" and widget.isVisible()
    ]
    return boxes[-1] if boxes else None


@pytest.fixture(autouse=True)
def close_leftover_dialogs():
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) or widget.objectName() == "errorDialog":
            widget.close()


def test_declined_lossy_read_keeps_table_and_panel(qtbot, window, open_file, answers, tmp_path):
    path = write_csv(tmp_path / "cp949.csv", invented_reviews(5), encoding="cp949")
    open_file(path)
    combo = window.findChild(QComboBox, "encodingCombo")
    answers.answer = False

    with qtbot.waitSignal(window.opener.failed, timeout=20_000):
        combo.setCurrentIndex(combo.findData("utf-8"))
        combo.activated.emit(combo.currentIndex())

    assert len(answers.questions) == 1
    assert window.document.table.encoding == "cp949"
    assert window.document.row_count == 5
    assert combo.currentData() is None
    assert "CP949" in combo.currentText()
