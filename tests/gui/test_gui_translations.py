"""Korean interface: every string translated, the compiled .qm current, the window in Korean."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QToolButton

from review_labeler.core import messages
from review_labeler.gui import i18n, translation_build
from review_labeler.gui import settings as keys


def _messages(ts_file) -> list[tuple[str, str, ElementTree.Element]]:
    root = ElementTree.parse(ts_file).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found.append((name, message.findtext("source"), message.find("translation")))
    return found


def _unfinished(ts_file) -> list[str]:
    return [
        f"{context}: {source!r}"
        for context, source, translation in _messages(ts_file)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip()
    ]


def test_ts_file_has_korean_for_every_string():
    entries = _messages(translation_build.TS_FILE)
    assert len(entries) > 50
    assert _unfinished(translation_build.TS_FILE) == []


def test_ts_file_matches_source_strings(tmp_path):
    """Running lupdate on a copy adds nothing untranslated and removes nothing."""
    copy = tmp_path / translation_build.TS_FILE.name
    shutil.copy(translation_build.TS_FILE, copy)

    translation_build.update_ts(copy)

    assert _unfinished(copy) == [], "run python -m review_labeler.gui.translation_build and translate the new strings"
    committed = {(context, source) for context, source, _ in _messages(translation_build.TS_FILE)}
    current = {(context, source) for context, source, _ in _messages(copy)}
    assert committed == current


def test_qm_file_is_compiled_from_current_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"

    translation_build.compile_qm(translation_build.TS_FILE, fresh)

    assert translation_build.QM_FILE.read_bytes() == fresh.read_bytes(), (
        "review_labeler_ko.qm is stale; run python -m review_labeler.gui.translation_build --no-update"
    )


def test_lrelease_reports_no_untranslated_strings():
    result = subprocess.run(
        [translation_build._tool("pyside6-lrelease"), str(translation_build.TS_FILE), "-qm", "/dev/null"],
        capture_output=True, text=True, check=True,
    )
    assert "untranslated" not in result.stdout.replace("0 untranslated", "")


@pytest.mark.parametrize(
    ("language", "expected"),
    [(QLocale.Language.Korean, "ko"), (QLocale.Language.English, "en"), (QLocale.Language.Japanese, "en")],
)
def test_system_language_default(language, expected):
    assert i18n.system_language(QLocale(language)) == expected


def test_stored_language_wins_over_system():
    store = keys.app_settings()
    store.setValue(keys.LANGUAGE, "en")
    assert i18n.chosen_language(store, QLocale(QLocale.Language.Korean)) == "en"
    store.setValue(keys.LANGUAGE, i18n.SYSTEM_LANGUAGE)
    assert i18n.chosen_language(store, QLocale(QLocale.Language.Korean)) == "ko"


@pytest.fixture
def korean(qapp):
    translators = i18n.install_translators(qapp, "ko")
    yield translators
    i18n.remove_translators(qapp, translators)
    messages.set_language("en")


def test_window_in_korean(qtbot, korean):
    from review_labeler.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)

    assert len(korean) == 2
    assert messages.get_language() == "ko"
    assert window.findChild(QToolButton, "runButton").text() == "분류 실행"
    assert window.findChild(QToolButton, "cancelButton").text() == "취소"
    assert window.findChild(QToolButton, "openButton").text().startswith("열기")
    assert window.findChild(QToolButton, "exportButton").text().startswith("내보내기")
    headers = [window.proxy.headerData(section, Qt.Orientation.Horizontal) for section in range(window.proxy.columnCount())]
    assert "예측 라벨" in headers
    assert "신뢰도" in headers
    assert "수정 라벨" in headers
    assert "최종 라벨" in headers
    assert window.source_panel.batch_spin.toolTip().startswith("한 배치")
    window.shutdown()


def test_language_menu_stores_choice(qtbot, window, monkeypatch):
    from review_labeler.gui import dialogs

    notices = []
    monkeypatch.setattr(dialogs, "show_notice", lambda *args, **kwargs: notices.append(args))
    korean_action = next(action for action in window.actions.languages.actions() if action.data() == "ko")

    korean_action.trigger()

    assert keys.app_settings().value(keys.LANGUAGE) == "ko"
    assert len(notices) == 1
    assert QApplication.instance() is not None
