"""Menu entries for correcting and projects: Edit menu, View menu and the project entries of File.

Every action has a stable object name for scripted tests (``undoAction``, ``redoAction``, …).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from .recent_paths import RecentPathsMenu
from .recent_projects import recent_files_menu, recent_projects_menu

# pyside6-lupdate extracts strings from calls written as translate("Context", "text").
translate = QCoreApplication.translate


@dataclass
class ReviewActions:
    undo: QAction
    redo: QAction
    accept: QAction
    label_names: QAction
    label_mapping: QAction
    find: QAction
    clear_filters: QAction
    least_confident: QAction
    summary: QAction
    open_project: QAction
    save_project: QAction
    recent_projects: RecentPathsMenu
    recent_files: RecentPathsMenu
    edit_menu: QMenu
    view_menu: QMenu


def _action(window: QMainWindow, name: str, text: str, shortcuts: list[QKeySequence] | None = None) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcuts:
        action.setShortcuts(shortcuts)
    return action


def build_review_actions(window: QMainWindow, stack: QUndoStack, summary_toggle: QAction) -> ReviewActions:
    """Create the actions and put them into the window's menus; the caller connects them."""
    actions = ReviewActions(
        undo=_action(window, "undoAction", translate("ReviewActions", "Undo"), [QKeySequence(QKeySequence.StandardKey.Undo)]),
        redo=_action(window, "redoAction", translate("ReviewActions", "Redo"),
                     [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]),
        accept=_action(window, "acceptAction", translate("ReviewActions", "&Accept prediction")),
        label_names=_action(window, "labelNamesAction", translate("ReviewActions", "Label &names…")),
        label_mapping=_action(window, "labelMappingAction", translate("ReviewActions", "&Map known labels…")),
        find=_action(window, "findAction", translate("ReviewActions", "&Search reviews"), [QKeySequence(QKeySequence.StandardKey.Find)]),
        clear_filters=_action(window, "clearFiltersAction", translate("ReviewActions", "&Clear filters")),
        least_confident=_action(window, "leastConfidentAction", translate("ReviewActions", "&Least confident first")),
        summary=summary_toggle,
        open_project=_action(window, "openProjectAction", translate("ReviewActions", "Open &project…"), [QKeySequence("Ctrl+Shift+O")]),
        save_project=_action(window, "saveProjectAction", translate("ReviewActions", "Save as pro&ject…")),
        recent_projects=recent_projects_menu(window),
        recent_files=recent_files_menu(window),
        edit_menu=QMenu(translate("ReviewActions", "&Edit"), window),
        view_menu=QMenu(translate("ReviewActions", "&View"), window),
    )
    actions.accept.setToolTip(translate("ReviewActions", "Mark the predicted label of the selected rows as correct (Enter)"))
    actions.summary.setObjectName("summaryAction")
    actions.summary.setText(translate("ReviewActions", "Summary &panel"))
    actions.summary.setShortcut(QKeySequence("F9"))
    UndoActionTexts(stack, actions.undo, actions.redo)

    menu_bar = window.menuBar()
    file_menu = window.findChild(QMenu, "fileMenu")
    if file_menu is not None:
        anchor = next((action for action in file_menu.actions() if action.objectName() == "exportAction"), None)
        file_menu.insertActions(anchor, [actions.open_project, actions.save_project])
        file_menu.insertMenu(anchor, actions.recent_files)
        file_menu.insertMenu(anchor, actions.recent_projects)
        file_menu.insertSeparator(anchor)

    edit_menu = actions.edit_menu
    edit_menu.setObjectName("editMenu")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.accept)
    edit_menu.addSeparator()
    edit_menu.addActions([actions.label_names, actions.label_mapping])

    view_menu = actions.view_menu
    view_menu.setObjectName("viewMenu")
    view_menu.addActions([actions.find, actions.clear_filters, actions.least_confident])
    view_menu.addSeparator()
    view_menu.addAction(actions.summary)

    # Edit and View go right after File, where users look for them.
    menus = [action for action in menu_bar.actions() if action.menu() is not None]
    after_file = menus[1] if len(menus) > 1 else None
    menu_bar.insertMenu(after_file, edit_menu)
    menu_bar.insertMenu(after_file, view_menu)
    return actions


class UndoActionTexts(QObject):
    """Keeps the actions' text ("Undo Label 3 rows '부정'") and enabled state in step with the stack.

    The slots take the values the stack's signals carry and never call the stack, because the
    stack emits them once more while it is being destroyed.
    """

    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction) -> None:
        super().__init__(undo)
        self._undo = undo
        self._redo = redo
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self.show_undo_text)
        stack.redoTextChanged.connect(self.show_redo_text)
        undo.triggered.connect(stack.undo)
        redo.triggered.connect(stack.redo)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        self.show_undo_text(stack.undoText())
        self.show_redo_text(stack.redoText())

    @Slot(str)
    def show_undo_text(self, text: str) -> None:
        self._undo.setText(translate("ReviewActions", "Undo {action}").format(action=text) if text
                           else translate("ReviewActions", "Undo"))

    @Slot(str)
    def show_redo_text(self, text: str) -> None:
        self._redo.setText(translate("ReviewActions", "Redo {action}").format(action=text) if text
                           else translate("ReviewActions", "Redo"))
