"""The window's actions, menus and toolbar, with stable object names for scripted tests."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from . import i18n
from .icons import standard_icon

# pyside6-lupdate extracts calls written as translate("Context", "text") or QCoreApplication.translate(...).
translate = QCoreApplication.translate


@dataclass
class WindowActions:
    open: QAction
    export: QAction
    run: QAction
    cancel: QAction
    quit: QAction
    languages: QActionGroup


def _action(window: QMainWindow, name: str, text: str, icon: QStyle.StandardPixmap | None = None,
            shortcut: QKeySequence | str | None = None, icon_text: str | None = None) -> QAction:
    """Create an action; ``text`` carries the menu mnemonic, ``icon_text`` is the toolbar's text without it."""
    action = QAction(text, window)
    action.setObjectName(name)
    if icon_text is not None:
        # Qt derives the toolbar text by dropping "&" only, which would show "열기(O)…".
        action.setIconText(icon_text)
    if icon is not None:
        action.setIcon(standard_icon(icon))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_actions(window: QMainWindow, current_language_setting: str) -> WindowActions:
    """Create actions, the menu bar and the toolbar of ``window``."""
    actions = WindowActions(
        open=_action(window, "openAction", translate("WindowActions", "&Open…"), QStyle.StandardPixmap.SP_DialogOpenButton,
                     QKeySequence.StandardKey.Open, translate("WindowActions", "Open")),
        export=_action(window, "exportAction", translate("WindowActions", "&Export…"), QStyle.StandardPixmap.SP_DialogSaveButton,
                       "Ctrl+E", translate("WindowActions", "Export")),
        run=_action(window, "runAction", translate("WindowActions", "&Run classification"), QStyle.StandardPixmap.SP_MediaPlay,
                    "F5", translate("WindowActions", "Run classification")),
        cancel=_action(window, "cancelAction", translate("WindowActions", "&Cancel classification"),
                       QStyle.StandardPixmap.SP_MediaStop, "Shift+F5", translate("WindowActions", "Cancel")),
        quit=_action(window, "quitAction", translate("WindowActions", "&Quit"), None, QKeySequence.StandardKey.Quit),
        languages=QActionGroup(window),
    )
    actions.open.setToolTip(translate("WindowActions", "Open a review file (CSV, TSV, TXT or XLSX)"))
    actions.export.setToolTip(translate("WindowActions", "Export the table with predicted, corrected and final labels"))
    actions.run.setToolTip(translate("WindowActions", "Classify every review with the chosen model"))
    actions.cancel.setToolTip(translate("WindowActions", "Stop after the current batch; finished rows keep their labels"))

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(translate("WindowActions", "&File"))
    file_menu.setObjectName("fileMenu")
    file_menu.addActions([actions.open, actions.export])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    run_menu = menu_bar.addMenu(translate("WindowActions", "&Classification"))
    run_menu.setObjectName("classificationMenu")
    run_menu.addActions([actions.run, actions.cancel])

    settings_menu = menu_bar.addMenu(translate("WindowActions", "&Settings"))
    settings_menu.setObjectName("settingsMenu")
    language_menu = settings_menu.addMenu(translate("WindowActions", "&Language"))
    language_menu.setObjectName("languageMenu")
    actions.languages.setExclusive(True)
    for value, text in (
        (i18n.SYSTEM_LANGUAGE, translate("WindowActions", "&System default")),
        # Each language is named in itself, so a user who cannot read the current one finds theirs.
        ("ko", "한국어(&K)"),
        ("en", "&English"),
    ):
        action = QAction(text, window)
        action.setObjectName(f"language_{value}")
        action.setCheckable(True)
        action.setData(value)
        action.setChecked(value == current_language_setting)
        actions.languages.addAction(action)
        language_menu.addAction(action)

    toolbar = QToolBar(translate("WindowActions", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(toolbar)
    for action, button_name in (
        (actions.open, "openButton"),
        (actions.export, "exportButton"),
        (actions.run, "runButton"),
        (actions.cancel, "cancelButton"),
    ):
        toolbar.addAction(action)
        toolbar.widgetForAction(action).setObjectName(button_name)
    return actions
