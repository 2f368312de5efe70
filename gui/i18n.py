"""Interface language: the default choice, the stored choice, and the installed translators.

English is the source language of every string in gui/. Korean comes from
``resources/translations/review_labeler_ko.qm`` plus Qt's own ``qtbase_ko.qm`` for standard
buttons and dialogs.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from review_labeler.core import messages

from . import settings as settings_keys
from .locale_format import locale_for_language

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("ko", "en")
# The stored value that means "follow the system locale".
SYSTEM_LANGUAGE = "system"
TRANSLATION_BASENAME = "review_labeler"


def translations_dir() -> Path:
    return Path(str(resources.files("review_labeler.resources").joinpath("translations")))


def system_language(locale: QLocale | None = None) -> str:
    """Return "ko" for a Korean system locale and "en" for any other."""
    locale = locale or QLocale.system()
    return "ko" if locale.language() == QLocale.Language.Korean else "en"


def chosen_language(store: QSettings, locale: QLocale | None = None) -> str:
    """Return the language the user picked in the settings menu, or the system default."""
    stored = settings_keys.read_string(store, settings_keys.LANGUAGE, SYSTEM_LANGUAGE)
    if stored in SUPPORTED_LANGUAGES:
        return stored
    return system_language(locale)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language``, and switch core messages and the default locale to it.

    Returns the installed translators; the caller keeps them alive (a collected translator is
    removed from the application) and may pass them to :func:`remove_translators`.
    """
    messages.set_language(language)
    # Numbers and dates follow the interface language, whatever the system's language is.
    QLocale.setDefault(locale_for_language(language))
    if language == "en":
        return []

    installed = []
    app_translator = QTranslator(app)
    if app_translator.load(f"{TRANSLATION_BASENAME}_{language}", str(translations_dir())):
        app.installTranslator(app_translator)
        installed.append(app_translator)
    else:
        log.warning("No %s translation found in %s; the interface stays in English", language, translations_dir())

    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        log.info("Qt's own %s translation is not in %s; standard buttons stay in English", language, qt_folder)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
