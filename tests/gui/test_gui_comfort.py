"""Comfort of the window: start screen, settings kept between sessions, keyboard use, locale formats."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QByteArray, QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QListWidget,
    QPushButton,
    QToolButton,
    QWidget,
)

from gui_helpers import invented_reviews, write_csv
from review_labeler.core.self_test import sample_file_path
from review_labeler.gui import i18n, locale_format
from review_labeler.gui import main_window as main_window_module
from review_labeler.gui import settings as keys
from review_labeler.gui.recent_projects import recent_files, remember_file, remember_project
from review_labeler.gui.source_panel import SourcePanel
from review_labeler.gui.table_model import Column


@pytest.fixture
def default_locale():
    """Restore the default QLocale that a test changes."""
    saved = QLocale()
    yield
    QLocale.setDefault(saved)


# --- start screen ------------------------------------------------------------------------------


def test_start_screen_shown_without_file(window):
    assert window.stack.currentWidget() is window.start_screen
    assert window.start_screen.objectName() == "startScreen"
    assert window.workspace.filter_bar.isHidden()
    names = {button.objectName() for button in window.start_screen.findChildren(QPushButton)}
    assert {"startOpenFileButton", "startOpenProjectButton", "startOpenSampleButton"} <= names


def test_start_screen_replaced_by_table(window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))

    assert window.stack.currentWidget() is window.table_view
    assert not window.workspace.filter_bar.isHidden()


def test_sample_button_opens_copy_of_sample(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(main_window_module.QStandardPaths, "writableLocation", lambda _location: str(tmp_path))

    with qtbot.waitSignal(window.document.tableReplaced, timeout=20_000):
        window.start_screen.open_sample_button.click()

    copy = tmp_path / "samples" / sample_file_path().name
    assert copy.read_bytes() == sample_file_path().read_bytes()
    assert window.document.table.source_path == copy
    assert window.document.row_count == 30


def test_recent_file_listed_and_opened_with_enter(qtbot, window, new_window, open_file, tmp_path):
    path = write_csv(tmp_path / "reviews.csv", invented_reviews(6))
    open_file(path)
    assert recent_files() == [str(path.resolve())]

    other = new_window()
    files = other.start_screen.findChild(QListWidget, "recentFilesList")
    assert files.count() == 1
    assert files.item(0).toolTip() == str(path.resolve())
    files.setFocus()
    with qtbot.waitSignal(other.document.tableReplaced, timeout=20_000):
        qtbot.keyClick(files, Qt.Key.Key_Return)

    assert other.document.table.source_path == path.resolve()


def test_recent_project_opened_from_list(qtbot, window, tmp_path, monkeypatch):
    project = tmp_path / "work.rlproj"
    project.write_bytes(b"")
    remember_project(project)
    window.start_screen.refresh()
    opened = []
    monkeypatch.setattr(window.workspace.projects, "open_project", lambda path: opened.append(str(path)) or True)
    projects = window.start_screen.findChild(QListWidget, "recentProjectsList")

    projects.setFocus()
    qtbot.keyClick(projects, Qt.Key.Key_Return)

    assert opened == [str(project.resolve())]


def test_missing_recent_file_disabled(window, tmp_path):
    remember_file(tmp_path / "gone.csv")
    window.start_screen.refresh()
    files = window.start_screen.findChild(QListWidget, "recentFilesList")

    item = files.item(0)

    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "gone.csv" in item.text()
    assert files.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_start_screen_tab_order(qtbot, window):
    screen = window.start_screen
    screen.open_file_button.setFocus()

    visited = [QApplication.focusWidget()]
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())

    assert visited == [screen.open_file_button, screen.open_project_button, screen.open_sample_button]


# --- settings kept between sessions ------------------------------------------------------------


def test_first_start_uses_default_size(window):
    # The window never gets smaller than its layout's minimum, even on a small test screen.
    expected = main_window_module.default_window_size(window.screen().availableGeometry().size())
    assert window.size() == expected.expandedTo(window.minimumSizeHint())
    assert window.width() >= main_window_module.MIN_RESTORED_SIZE.width()
    assert window.height() >= main_window_module.MIN_RESTORED_SIZE.height()


def test_default_size_fits_small_screen():
    assert main_window_module.default_window_size(QSize(1024, 600)) == QSize(1024, 600)
    assert main_window_module.default_window_size(QSize(2560, 1440)) == QSize(1280, 800)
    assert main_window_module.default_window_size(None) == QSize(1280, 800)


def test_tiny_saved_geometry_replaced(qtbot, window, new_window):
    window.resize(1080, 320)
    keys.app_settings().setValue(keys.WINDOW_GEOMETRY, window.saveGeometry())

    other = new_window()

    assert other.height() >= main_window_module.MIN_RESTORED_SIZE.height()


def test_saved_geometry_restored(window, new_window):
    window.resize(QSize(1000, 640).expandedTo(window.minimumSizeHint()))
    window.close()
    assert isinstance(keys.app_settings().value(keys.WINDOW_GEOMETRY), QByteArray)

    other = new_window()

    # The height distinguishes the restored geometry from the default one. The width may be held at the
    # layout's minimum, which is wider than the 800-pixel screen of the offscreen platform.
    assert other.height() == 640


def test_column_widths_kept(qtbot, window, new_window, open_file, tmp_path):
    path = write_csv(tmp_path / "reviews.csv", invented_reviews(5))
    open_file(path)
    section = window.table_model.column_of(Column.PREDICTED)
    window.table_view.horizontalHeader().resizeSection(section, 233)
    window.close()
    assert json.loads(keys.app_settings().value(keys.COLUMN_WIDTHS))[Column.PREDICTED.value] == 233

    other = new_window()
    with qtbot.waitSignal(other.document.tableReplaced, timeout=20_000):
        other.open_file(path)

    assert other.table_view.horizontalHeader().sectionSize(other.table_model.column_of(Column.PREDICTED)) == 233


def test_model_device_batch_kept(qtbot):
    first = SourcePanel()
    qtbot.addWidget(first)
    first.batch_spin.setValue(17)
    first.device_combo.setCurrentIndex(first.device_combo.findData("cpu"))
    first.device_combo.activated.emit(first.device_combo.currentIndex())

    second = SourcePanel()
    qtbot.addWidget(second)

    assert second.batch_spin.value() == 17
    assert second.device_combo.currentData() == "cpu"
    assert keys.read_string(keys.app_settings(), keys.MODEL_CHOICE) == "bundled"


def test_window_with_file_and_summary_fits_default_width(qtbot, window, open_file, tmp_path):
    # English labels are the longest. With the summary panel open, the rows above the table
    # must wrap so that the window still fits a 1280-pixel screen.
    open_file(write_csv(tmp_path / "a_rather_long_file_name_of_reviews.csv", invented_reviews(6)))
    window.findChild(QDockWidget, "summaryPanel").show()
    narrowest = window.minimumSizeHint().width()
    assert narrowest <= main_window_module.DEFAULT_WINDOW_SIZE.width()

    window.resize(narrowest, 800)
    qtbot.waitUntil(lambda: window.width() == narrowest)

    panel = window.findChild(SourcePanel)
    names = ("sheetCombo", "encodingCombo", "reviewColumnCombo", "labelColumnCombo", "deviceCombo", "batchSizeSpin")
    controls = [panel.findChild(QWidget, name) for name in names]
    # Squeezed below its size hint, a combo box cuts its text off.
    qtbot.waitUntil(lambda: all(control.width() >= control.sizeHint().width() for control in controls))
    for control in controls:
        assert control.isVisible()
        assert control.mapTo(panel, control.rect().topRight()).x() <= panel.width(), control.objectName()


# --- keyboard ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action_name", "sequence"),
    [("openAction", "Ctrl+O"), ("exportAction", "Ctrl+E"), ("runAction", "F5"), ("cancelAction", "Shift+F5"),
     ("finetuneAction", "F6"), ("finetuneCancelAction", "Shift+F6"), ("openProjectAction", "Ctrl+Shift+O"),
     ("summaryAction", "F9")],
)
def test_action_shortcuts(window, action_name, sequence):
    from PySide6.QtGui import QAction, QKeySequence

    action = window.findChild(QAction, action_name)

    assert action.shortcut() == QKeySequence(sequence)


def test_f5_runs_classification_from_table(qtbot, window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.table_view.setFocus()

    with qtbot.waitSignal(window.actions.run.triggered, timeout=5_000):
        qtbot.keyClick(window.table_view, Qt.Key.Key_F5)
    window.flow.cancel()
    qtbot.waitUntil(lambda: not window.flow.is_active(), timeout=60_000)


def test_menus_have_mnemonics(window):
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
    file_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu")
    for action in file_menu.actions():
        if not action.isSeparator():
            assert "&" in action.text(), action.text()


def test_toolbar_texts_without_mnemonic(window):
    for name in ("openButton", "exportButton", "runButton", "cancelButton", "finetuneButton"):
        text = window.findChild(QToolButton, name).text()
        assert "&" not in text, text
        assert "(" not in text, text
    assert window.findChild(QToolButton, "openButton").text() == "Open"


def test_icon_only_buttons_have_accessible_names(window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))

    unnamed = [button.objectName() for button in window.findChildren(QAbstractButton)
               if not button.text() and not button.icon().isNull() and not button.accessibleName()
               and button.isVisibleTo(window) and button.parent() is not window.menuBar()]

    assert unnamed == []


def test_source_panel_then_filter_bar_tab_order(qtbot, window, open_file, tmp_path):
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))
    window.source_panel.batch_spin.setFocus()
    chain = window.workspace.filter_bar.focus_chain()

    visited = []
    for _ in range(len(chain) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is window.table_view:
            break

    # Disabled controls (no known-label column, nothing classified yet) are skipped.
    expected = [widget for widget in chain if widget.isEnabled() and widget.isVisible()]
    assert visited == [*expected, window.table_view]
    assert visited[0] is window.workspace.filter_bar.search_edit


# --- locale formats ----------------------------------------------------------------------------


def test_numbers_follow_default_locale(default_locale):
    QLocale.setDefault(QLocale("de_DE"))
    assert locale_format.count(1234567) == "1.234.567"
    assert locale_format.percent(0.875) == "87,5%"

    QLocale.setDefault(QLocale("ko_KR"))
    assert locale_format.count(1234567) == "1,234,567"
    assert locale_format.percent(0.875) == "87.5%"
    assert locale_format.percent(float("nan")) == locale_format.DASH


def test_c_locale_still_groups_thousands(default_locale):
    QLocale.setDefault(QLocale.c())

    assert locale_format.count(12345) == "12,345"


def test_date_time_has_four_digit_year(default_locale):
    moment = datetime(2026, 3, 4, 14, 5, tzinfo=timezone.utc)

    QLocale.setDefault(QLocale("ko_KR"))
    korean = locale_format.date_time(moment)
    QLocale.setDefault(QLocale("en_US"))
    english = locale_format.date_time(moment)

    assert "2026." in korean and ("오후" in korean or "오전" in korean)
    assert "2026" in english and ("AM" in english or "PM" in english)


@pytest.mark.parametrize(
    ("language", "system", "expected"),
    [("ko", "en_US", "ko_KR"), ("en", "ko_KR", "en_US"), ("en", "en_GB", "en_GB"), ("ko", "ko_KR", "ko_KR")],
)
def test_locale_for_language(language, system, expected):
    assert locale_format.locale_for_language(language, QLocale(system)).name() == expected


def test_translators_set_default_locale(qapp, default_locale):
    translators = i18n.install_translators(qapp, "ko")
    try:
        assert QLocale().language() == QLocale.Language.Korean
    finally:
        i18n.remove_translators(qapp, translators)


def test_status_counts_use_locale(window, open_file, tmp_path, default_locale):
    QLocale.setDefault(QLocale("de_DE"))
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(1200)))

    window.workspace.status_counts.refresh()

    assert window.workspace.status_counts.text().startswith("1.200 rows")


# --- Korean desktop ----------------------------------------------------------------------------


def test_label_columns_fit_cjk_font(window, open_file, tmp_path):
    from PySide6.QtGui import QFont, QFontDatabase

    if "Noto Sans CJK KR" not in QFontDatabase.families():
        pytest.skip("the Noto Sans CJK KR font is not installed")
    # A CJK interface font, as on a Korean desktop: its average character width is a Hangul syllable's.
    window.table_view.setFont(QFont("Noto Sans CJK KR", 10))
    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(4)))
    metrics = window.table_view.fontMetrics()
    header = window.table_view.horizontalHeader()

    width = header.sectionSize(window.table_model.column_of(Column.PREDICTED))

    assert metrics.averageCharWidth() > metrics.horizontalAdvance("0")
    assert width < 12 * metrics.averageCharWidth()


def test_export_headers_follow_korean_interface(qapp, qtbot, window, open_file, tmp_path):
    from review_labeler.core import messages
    from review_labeler.core.table_reader import read_table
    from review_labeler.gui.export_flow import CSV, ExportTarget

    open_file(write_csv(tmp_path / "reviews.csv", invented_reviews(3)))
    translators = i18n.install_translators(qapp, "ko")
    try:
        target = tmp_path / "out.csv"
        with qtbot.waitSignal(window.export_flow.exported, timeout=20_000):
            window.export_flow.write(ExportTarget(target, CSV))
    finally:
        i18n.remove_translators(qapp, translators)
        messages.set_language("en")

    columns = read_table(target).columns

    assert columns[:2] == ["리뷰", "라벨"]
    assert columns[2:] == ["예측_라벨", "신뢰도", "수정_라벨", "최종_라벨", "상태"]


def test_app_lang_option_parsed():
    from review_labeler.gui.app import parse_arguments

    arguments = parse_arguments(["--lang", "ko", "reviews.csv"])

    assert arguments.lang == "ko"
    assert arguments.file == "reviews.csv"
    assert parse_arguments([]).lang is None
