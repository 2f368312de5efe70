"""Message boxes used by the window.

Questions block until answered (``exec``); notices open without blocking, so a running job keeps
reporting progress behind them. Tests replace :func:`ask_yes_no` and :func:`ask_choice` to answer
questions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, question: str, *, default_yes: bool = False) -> bool:
    """Ask ``question`` and return True when the user answers Yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("questionBox")
    box.setDefaultButton(QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_choice(parent: QWidget | None, title: str, question: str, choices: list[tuple[str, str]]) -> str | None:
    """Ask ``question`` with one button per ``(key, button text)`` plus Cancel; return the key, or None for Cancel.

    The first choice is the default button.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("choiceBox")
    buttons = {}
    for key, label in choices:
        buttons[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = key
    if buttons:
        box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton())


def show_notice(
    parent: QWidget | None,
    title: str,
    message: str,
    *,
    details: list[str] | None = None,
    warning: bool = False,
) -> QMessageBox:
    """Open a notice without blocking; ``details`` are listed below the message."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("noticeBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setInformativeText("\n\n".join(details))
    box.open()
    return box
