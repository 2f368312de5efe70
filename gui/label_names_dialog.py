"""A dialog for the names shown for the model's labels (for example LABEL_0 → 부정)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class LabelNamesDialog(QDialog):
    """One text field per label; an empty field keeps the model's name. objectName ``labelNamesDialog``."""

    def __init__(self, model_names: list[str], display_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelNamesDialog")
        self.setWindowTitle(self.tr("Label names"))
        self.edits: list[QLineEdit] = []

        intro = QLabel(self.tr("Names shown in the table, the summary and exported files. "
                               "The model's own names stay in the project."))
        intro.setWordWrap(True)
        form = QFormLayout()
        for label_id, (model_name, shown) in enumerate(zip(model_names, display_names)):
            edit = QLineEdit(shown if shown != model_name else "")
            edit.setObjectName(f"labelNameEdit_{label_id}")
            edit.setPlaceholderText(model_name)
            form.addRow(f"{label_id + 1}. {model_name}", edit)
            self.edits.append(edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def names(self) -> list[str]:
        """Return the entered names; "" where the model's name stays."""
        return [edit.text().strip() for edit in self.edits]
