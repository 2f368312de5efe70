"""The list of model versions of the open table, with the button that activates (or rolls back to) one.

The dialog only shows the registry and requests an activation through ``activationRequested``.
The fine-tune flow activates the version and re-classifies the table, then calls :meth:`refresh`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review_labeler.core.errors import ModelVersionsError
from review_labeler.core.model_versions import BUNDLED_REFERENCE, ModelVersions, VersionInfo

from . import locale_format
from .finetune_result_dialog import check_set_name, check_set_tooltip, format_before_after, format_row_counts

ID_ROLE = Qt.ItemDataRole.UserRole


class VersionsDialog(QDialog):
    """Model versions: base model, time, training rows by kind and metrics; activate any of them."""

    activationRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.setWindowTitle(self.tr("Model versions"))
        self._registry: ModelVersions | None = None

        self.location_label = QLabel()
        self.location_label.setObjectName("versionsLocation")
        self.location_label.setWordWrap(True)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("versionsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Version"), self.tr("Active"), self.tr("Verdict"), self.tr("Created"), self.tr("Base model"),
            self.tr("Training rows"), check_set_name("validation"), check_set_name("reference"),
        ])
        for column, name in ((6, "validation"), (7, "reference")):
            self.table.horizontalHeaderItem(column).setToolTip(check_set_tooltip(name))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._request_activation())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The long columns (training rows, figures) share the rest of the width and wrap their
        # text, so that nothing is cut off in a narrow window or at a large font.
        for column in (5, 6, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.activate_button = QPushButton(self.tr("Activate"))
        self.activate_button.setObjectName("activateVersionButton")
        self.activate_button.setToolTip(self.tr("Use the selected version and classify the table again with it. "
                                                "Choosing an older version rolls back."))
        self.activate_button.clicked.connect(self._request_activation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.activate_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.location_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1280, 380)

    def show_registry(self, registry: ModelVersions, beside_project: bool) -> None:
        """Show the versions of ``registry``; ``beside_project`` selects the note on where the folder is and why."""
        self._registry = registry
        if beside_project:
            where = self.tr("Versions are kept beside the project file, in {folder}.")
        else:
            where = self.tr("No project is open, so versions are kept in your user data folder, in {folder}, "
                            "under the path of the data file. Save a project to keep them beside it.")
        self.location_label.setText(where.format(folder=registry.folder))
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._registry is None:
            return
        selected = self.selected_version_id()
        try:
            versions = self._registry.list()
        except ModelVersionsError as error:
            self.location_label.setText(str(error))
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(versions))
        for row, version in enumerate(reversed(versions)):
            self._fill_row(row, version)
        if selected is not None:
            self.select_version(selected)
        elif versions:
            self.select_version(next(version.id for version in versions if version.is_active))
        self._update_buttons()

    def _fill_row(self, row: int, version: VersionInfo) -> None:
        metrics = version.metrics or {}
        cells = [
            self._version_name(version),
            "✓" if version.is_active else "",
            self._verdict(version),
            _local_time(version.created),
            self._base_name(version.base_model),
            format_row_counts(version.row_counts) if not version.is_base else "–",
            format_before_after(metrics, "validation"),
            format_before_after(metrics, "reference"),
        ]
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setData(ID_ROLE, version.id)
            if column == 2 and metrics.get("verdict"):
                item.setToolTip("\n".join(str(reason) for reason in metrics["verdict"]))
            if column == 4:
                item.setToolTip(version.base_model)
            if column >= 5:
                item.setToolTip(value)
            if version.is_active:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def _version_name(self, version: VersionInfo) -> str:
        if version.is_base:
            return self.tr("{id} (base model)").format(id=version.id)
        if version.parent_id is not None:
            return self.tr("{id} (from {parent})").format(id=version.id, parent=version.parent_id)
        return str(version.id)

    def _base_name(self, reference: str) -> str:
        if reference == BUNDLED_REFERENCE:
            return self.tr("Bundled Korean model")
        # A folder shows by its name (the full path is the tooltip); a hub id shows whole.
        return Path(reference).name if Path(reference).is_absolute() else reference

    def _verdict(self, version: VersionInfo) -> str:
        metrics = version.metrics or {}
        if version.is_base or "is_worse" not in metrics:
            return ""
        return self.tr("Worse than its parent") if metrics["is_worse"] else self.tr("Not worse")

    def selected_version_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def select_version(self, version_id: int) -> None:
        for row in range(self.table.rowCount()):
            if int(self.table.item(row, 0).data(ID_ROLE)) == version_id:
                self.table.selectRow(row)
                return

    @Slot()
    def _update_buttons(self) -> None:
        selected = self.selected_version_id()
        active = None
        for row in range(self.table.rowCount()):
            if self.table.item(row, 1).text():
                active = int(self.table.item(row, 0).data(ID_ROLE))
        self.activate_button.setEnabled(selected is not None and selected != active)
        rolls_back = selected is not None and active is not None and selected < active
        self.activate_button.setText(self.tr("Roll back") if rolls_back else self.tr("Activate"))

    @Slot()
    def _request_activation(self) -> None:
        version_id = self.selected_version_id()
        if version_id is not None and self.activate_button.isEnabled():
            self.activationRequested.emit(version_id)


def _local_time(created: str) -> str:
    try:
        return locale_format.date_time(datetime.fromisoformat(created))
    except ValueError:
        return created
