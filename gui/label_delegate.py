"""Combo-box editor for the corrected-label column: the model's labels plus "(none)" to clear."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget


class LabelComboDelegate(QStyledItemDelegate):
    """Edits a label id (EditRole, -1 for none) with a combo box; choosing an entry commits it."""

    def __init__(self, label_names: Callable[[], list[str]], parent=None) -> None:
        super().__init__(parent)
        self._label_names = label_names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QComboBox(parent)
        editor.setObjectName("labelEditor")
        editor.addItem(self.tr("(none)"), -1)
        for label_id, name in enumerate(self._label_names()):
            editor.addItem(f"{label_id + 1}  {name}", label_id)
        editor.activated.connect(self._commit_and_close)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(int(value) if value is not None else -1)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, int(editor.currentData()), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setGeometry(option.rect)

    @Slot(int)
    def _commit_and_close(self, _position: int) -> None:
        editor = self.sender()
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
