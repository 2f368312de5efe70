"""The installed PySide6 must keep Python's reference counts intact.

PySide6 6.12.0 on CPython 3.10 and 3.11 drops one reference to None on every call of a Qt
method that returns void (measured with setObjectName). Each such call brings the process closer
to "Fatal Python error: none_dealloc", which aborts the app during a long session or at exit.
CPython 3.12 and later make None immortal, so there the count cannot run out.
"""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject

CALLS = 1000


def test_void_qt_calls_keep_none_references():
    target = QObject()
    before = sys.getrefcount(None)

    for _call in range(CALLS):
        target.setObjectName("probe")

    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, (
        f"PySide6 {pyside_version} on Python {sys.version.split()[0]} lost {lost} references to None in "
        f"{CALLS} void calls; the app will abort with 'none_dealloc'. Install another PySide6 version "
        f"(6.11.3 keeps the count) or run on Python 3.12+."
    )
