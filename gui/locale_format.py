"""Numbers, percentages, durations and times formatted for the interface language's locale.

:func:`review_labeler.gui.i18n.install_translators` makes the locale of the chosen language
the default ``QLocale``, and every helper here formats with it. So a German system that runs
the English interface still gets "1,234", and a Korean interface gets Korean dates.
"""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

# pyside6-lupdate extracts calls written as translate("Context", "text").
translate = QCoreApplication.translate

DASH = "–"
# Replaces the C locale. It is built once, because the table formats a cell per paint with it.
_FALLBACK_LOCALE = QLocale("en_US")


def ui_locale() -> QLocale:
    """Return the interface locale: the default ``QLocale``, or en_US in place of the bare C locale.

    The C locale (``LANG=C``, and any process that never installed the translators) writes
    numbers without thousands separators.
    """
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return _FALLBACK_LOCALE
    return locale


def count(value: int | float) -> str:
    """Format a whole number with the locale's thousands separator ("12,345")."""
    return ui_locale().toString(int(value))


def decimal(value: float, decimals: int = 1) -> str:
    """Format ``value`` with ``decimals`` digits after the locale's decimal point, and NaN as a dash."""
    if not math.isfinite(value):
        return DASH
    return ui_locale().toString(float(value), "f", decimals)


def percent(ratio: float, decimals: int = 1) -> str:
    """Format a ratio in [0, 1] as a percentage ("87.5%"), and NaN and None as a dash."""
    if ratio is None or not math.isfinite(ratio):
        return DASH
    locale = ui_locale()
    return locale.toString(float(ratio) * 100, "f", decimals) + locale.percent()


def duration(seconds: float) -> str:
    """Format a duration for progress texts: "45 s", "3 min 5 s", "2 h 10 min"."""
    seconds = max(0, int(math.ceil(seconds)))
    if seconds < 60:
        return translate("Duration", "{seconds} s").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return translate("Duration", "{minutes} min {seconds} s").format(minutes=minutes, seconds=seconds)
    hours, minutes = divmod(minutes, 60)
    return translate("Duration", "{hours} h {minutes} min").format(hours=count(hours), minutes=minutes)


def date_time(moment: datetime) -> str:
    """Format a moment in local time in the locale's short format, with a four-digit year.

    The short formats of Qt's locale data write two-digit years ("26. 3. 4. 오후 2:05",
    "3/4/26 2:05 PM"), which is ambiguous in a list of model versions.
    """
    locale = ui_locale()
    pattern = locale.dateTimeFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    qt_moment = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return locale.toString(qt_moment, pattern)


def locale_for_language(language: str, system: QLocale | None = None) -> QLocale:
    """Return the locale that formats numbers and dates for the interface ``language``.

    The system locale is kept when it speaks that language, so that its country conventions
    stay (English in the UK writes dates differently from the US). Otherwise the language's
    main locale is used: ko_KR or en_US.
    """
    system = system or QLocale.system()
    spoken = QLocale.Language.Korean if language == "ko" else QLocale.Language.English
    if system.language() == spoken:
        return system
    return QLocale("ko_KR" if language == "ko" else "en_US")
