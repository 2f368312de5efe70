"""The panel above the table: how the file was read, which columns to use, which model to run."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from review_labeler.core.inference import DEFAULT_BATCH_SIZE
from review_labeler.core.model_loading import bundled_model_path
from review_labeler.core.review_table import ReviewTable
from review_labeler.core.text_encoding import ENCODING_CHOICES

from . import settings as keys
from .wrapping_row import WrappingRow

log = logging.getLogger(__name__)

MAX_BATCH_SIZE = 1024
# Kinds of entries in the model combo box.
BUNDLED, FOLDER, HUB = "bundled", "folder", "hub"


def _item_data(kind: str, path: str) -> str:
    """Encode a model entry as "KIND:PATH" (a string survives QVariant unchanged, a tuple does not)."""
    return f"{kind}:{path}"


def _split_item_data(data: object) -> tuple[str, str]:
    if not isinstance(data, str) or ":" not in data:
        return BUNDLED, str(bundled_model_path())
    kind, path = data.split(":", 1)
    return kind, path


@dataclass(frozen=True)
class ModelChoice:
    """Model reference, device and batch size for a run; ``reference`` is a folder path or a hub id."""

    reference: str
    device: str
    batch_size: int


def bundled_model_available() -> bool:
    return (bundled_model_path() / "config.json").is_file()


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the window.

    A long file name would otherwise set the minimum width of the whole window.
    """

    MIN_CHARS = 8

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("0") * self.MIN_CHARS, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, area.width())
        self.style().drawItemText(painter, area, int(self.alignment()), self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())


class SourcePanel(QFrame):
    """Sheet, encoding, review and known-label columns, model, device and batch size."""

    sheetChosen = Signal(str)
    # A codec name, or None to detect the encoding again.
    encodingChosen = Signal(object)
    # Review column and known-label column (None for none).
    columnsChosen = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._settings = keys.app_settings()

        self.file_label = ElidedLabel(self.tr("No file open"))
        self.file_label.setObjectName("fileLabel")
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.sheet_combo = self._combo("sheetCombo", self._on_sheet_activated)
        self.encoding_combo = self._combo("encodingCombo", self._on_encoding_activated)
        self.review_combo = self._combo("reviewColumnCombo", self._on_columns_activated)
        self.label_combo = self._combo("labelColumnCombo", self._on_columns_activated)
        # Minimum widths in characters; the combos never size themselves from long column names.
        self.sheet_combo.setMinimumContentsLength(10)
        self.encoding_combo.setMinimumContentsLength(18)
        self.review_combo.setMinimumContentsLength(14)
        self.label_combo.setMinimumContentsLength(12)

        self.model_combo = self._combo("modelCombo", self._on_model_activated)
        self.model_combo.setMinimumContentsLength(16)
        self.model_folder_button = QToolButton()
        self.model_folder_button.setObjectName("modelFolderButton")
        self.model_folder_button.setText(self.tr("Folder…"))
        self.model_folder_button.setToolTip(self.tr("Choose a folder that holds a fine-tuned checkpoint"))
        self.model_folder_button.clicked.connect(self._browse_model_folder)
        self.hub_edit = QLineEdit()
        self.hub_edit.setObjectName("hubIdEdit")
        self.hub_edit.setPlaceholderText(self.tr("Hugging Face model id, e.g. klue/roberta-base"))
        self.hub_edit.setMinimumWidth(220)
        self.hub_edit.editingFinished.connect(self._save_model_settings)
        self.device_combo = self._combo("deviceCombo", self._save_model_settings)
        self.device_combo.setMinimumContentsLength(10)
        self.batch_spin = QSpinBox()
        self.batch_spin.setObjectName("batchSizeSpin")
        self.batch_spin.setRange(1, MAX_BATCH_SIZE)
        self.batch_spin.setToolTip(self.tr("Reviews per batch; lower it if the GPU runs out of memory"))
        self.batch_spin.valueChanged.connect(self._save_model_settings)

        self._fill_devices()
        self._fill_models()
        self._layout()
        self.show_table(None)

    def _combo(self, name: str, slot) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.activated.connect(slot)
        return combo

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)

        # Each row wraps its second half below the first when the window is narrow (long English
        # labels, the summary panel docked beside the table, 200% scaling).
        self._file_controls: list[QWidget] = []
        file_row, file_choices = self._group(), self._group()
        file_row.layout().addWidget(self.file_label, 1)
        self._add_choices(file_row, ((self.tr("Sheet"), self.sheet_combo), (self.tr("Encoding"), self.encoding_combo)))
        self._add_choices(file_choices, ((self.tr("Review column"), self.review_combo),
                                         (self.tr("Known label column"), self.label_combo)))
        file_choices.layout().addStretch(1)
        grid.addWidget(WrappingRow(file_row, file_choices), 0, 0)

        model_row, run_choices = self._group(), self._group()
        model_row.layout().addWidget(self._buddy(self.tr("Model"), self.model_combo))
        model_row.layout().addWidget(self.model_combo, 1)
        model_row.layout().addWidget(self.model_folder_button)
        model_row.layout().addWidget(self.hub_edit, 1)
        for title, widget in ((self.tr("Device"), self.device_combo), (self.tr("Batch size"), self.batch_spin)):
            run_choices.layout().addSpacing(10)
            run_choices.layout().addWidget(self._buddy(title, widget))
            run_choices.layout().addWidget(widget)
        run_choices.layout().addStretch(1)
        grid.addWidget(WrappingRow(model_row, run_choices), 1, 0)

    @staticmethod
    def _group() -> QWidget:
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        return group

    def _add_choices(self, group: QWidget, choices) -> None:
        # Hidden while no file is open, when they would only show empty boxes.
        for title, widget in choices:
            label = self._buddy(title, widget)
            group.layout().addSpacing(10)
            group.layout().addWidget(label)
            group.layout().addWidget(widget)
            self._file_controls += [label, widget]

    def focus_chain(self) -> list[QWidget]:
        """Return the panel's controls in the order Tab visits them: file row, then model row."""
        return [self.sheet_combo, self.encoding_combo, self.review_combo, self.label_combo, self.model_combo,
                self.model_folder_button, self.hub_edit, self.device_combo, self.batch_spin]

    @staticmethod
    def _buddy(title: str, widget: QWidget) -> QLabel:
        label = QLabel(title)
        label.setBuddy(widget)
        return label

    # --- file and columns -------------------------------------------------------------------

    def show_table(self, table: ReviewTable | None, review_column: str | None = None,
                   label_column: str | None = None, forced_encoding: str | None = None) -> None:
        """Fill the file controls from ``table`` (None clears them) without emitting signals."""
        for combo in (self.sheet_combo, self.encoding_combo, self.review_combo, self.label_combo):
            combo.blockSignals(True)
            combo.clear()

        if table is None:
            self.file_label.setText(self.tr("No file open"))
            self.file_label.setToolTip("")
        else:
            self.file_label.setText(Path(table.source_path).name)
            self.file_label.setToolTip(str(table.source_path))
            self._fill_sheets(table)
            self._fill_encodings(table, forced_encoding)
            self.review_combo.addItems(table.columns)
            if review_column is not None:
                self.review_combo.setCurrentIndex(table.columns.index(review_column))
            else:
                self.review_combo.setCurrentIndex(-1)
            self.label_combo.addItem(self.tr("None"), None)
            for column in table.columns:
                self.label_combo.addItem(column, column)
            self.label_combo.setCurrentIndex(max(self.label_combo.findData(label_column), 0) if label_column else 0)

        has_table = table is not None
        for control in self._file_controls:
            control.setVisible(has_table)
        self.review_combo.setEnabled(has_table)
        self.label_combo.setEnabled(has_table)
        self.sheet_combo.setEnabled(has_table and len(table.sheet_names) > 1)
        self.encoding_combo.setEnabled(has_table and table.file_format == "csv")
        for combo in (self.sheet_combo, self.encoding_combo, self.review_combo, self.label_combo):
            combo.blockSignals(False)

    def _fill_sheets(self, table: ReviewTable) -> None:
        if table.file_format != "xlsx":
            self.sheet_combo.addItem(self.tr("(text file)"))
            return
        self.sheet_combo.addItems(table.sheet_names)
        if table.sheet in table.sheet_names:
            self.sheet_combo.setCurrentIndex(table.sheet_names.index(table.sheet))

    def _fill_encodings(self, table: ReviewTable, forced_encoding: str | None) -> None:
        if table.file_format != "csv":
            self.encoding_combo.addItem(self.tr("(workbook)"), None)
            return
        names = {codec: name for name, codec in ENCODING_CHOICES.items()}
        detected = names.get(table.encoding or "", table.encoding or "?")
        self.encoding_combo.addItem(self.tr("Detected: {encoding}").format(encoding=detected), None)
        for name, codec in ENCODING_CHOICES.items():
            self.encoding_combo.addItem(name, codec)
        if forced_encoding is not None:
            self.encoding_combo.setCurrentIndex(max(self.encoding_combo.findData(forced_encoding), 0))

    def review_column(self) -> str | None:
        return self.review_combo.currentText() if self.review_combo.currentIndex() >= 0 else None

    def label_column(self) -> str | None:
        return self.label_combo.currentData()

    @Slot(int)
    def _on_sheet_activated(self, _position: int) -> None:
        self.sheetChosen.emit(self.sheet_combo.currentText())

    @Slot(int)
    def _on_encoding_activated(self, _position: int) -> None:
        self.encodingChosen.emit(self.encoding_combo.currentData())

    @Slot(int)
    def _on_columns_activated(self, _position: int) -> None:
        self.columnsChosen.emit(self.review_column(), self.label_column())

    # --- model ------------------------------------------------------------------------------

    def _fill_devices(self) -> None:
        self.device_combo.addItem(self.tr("Automatic"), "auto")
        self.device_combo.addItem(self.tr("CPU"), "cpu")
        self.device_combo.addItem(self.tr("GPU (CUDA)"), "cuda")
        if not cuda_available():
            item = self.device_combo.model().item(2) if isinstance(self.device_combo.model(), QStandardItemModel) else None
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(self.tr("No CUDA GPU is available on this computer"))
        stored = keys.read_string(self._settings, keys.DEVICE, "auto")
        position = self.device_combo.findData(stored)
        if position < 0 or (stored == "cuda" and not cuda_available()):
            position = 0
        self.device_combo.setCurrentIndex(position)
        self.batch_spin.setValue(keys.read_int(self._settings, keys.BATCH_SIZE, DEFAULT_BATCH_SIZE))

    def _fill_models(self) -> None:
        self.model_combo.clear()
        bundled = _item_data(BUNDLED, str(bundled_model_path()))
        if bundled_model_available():
            self.model_combo.addItem(self.tr("Bundled Korean model"), bundled)
        else:
            self.model_combo.addItem(self.tr("Bundled Korean model (not installed)"), bundled)
        for folder in keys.read_string_list(self._settings, keys.MODEL_FOLDERS):
            self._add_folder_item(folder)
        self.model_combo.addItem(self.tr("Hugging Face Hub id"), _item_data(HUB, ""))
        self.hub_edit.setText(keys.read_string(self._settings, keys.HUB_ID))

        stored = keys.read_string(self._settings, keys.MODEL_CHOICE, BUNDLED)
        self.model_combo.setCurrentIndex(max(self._find_model_item(stored), 0))
        self._update_hub_edit()

    def _add_folder_item(self, folder: str) -> int:
        data = _item_data(FOLDER, folder)
        position = self.model_combo.findData(data)
        if position >= 0:
            return position
        # Folders go after the bundled entry and before the hub entry.
        position = 1
        self.model_combo.insertItem(position, Path(folder).name or folder, data)
        self.model_combo.setItemData(position, folder, Qt.ItemDataRole.ToolTipRole)
        return position

    def _find_model_item(self, stored: str) -> int:
        """Find an entry by its stored form: "bundled", "hub" or "folder:PATH"."""
        for position in range(self.model_combo.count()):
            data = self.model_combo.itemData(position)
            kind, _path = _split_item_data(data)
            if stored == (data if kind == FOLDER else kind):
                return position
        return -1

    def set_model_folder(self, folder: str | Path) -> None:
        """Select a checkpoint folder (what the folder button does after its dialog)."""
        position = self._add_folder_item(str(folder))
        self.model_combo.setCurrentIndex(position)
        self._update_hub_edit()
        self._save_model_settings()

    def select_bundled_model(self) -> None:
        self.model_combo.setCurrentIndex(max(self._find_model_item(BUNDLED), 0))
        self._update_hub_edit()
        self._save_model_settings()

    def set_hub_id(self, hub_id: str) -> None:
        self.model_combo.setCurrentIndex(self._find_model_item(HUB))
        self.hub_edit.setText(hub_id)
        self._update_hub_edit()
        self._save_model_settings()

    @Slot()
    def _browse_model_folder(self) -> None:
        start = keys.read_string(self._settings, keys.LAST_FOLDER, str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"), start)
        if folder:
            self.set_model_folder(folder)

    @Slot(int)
    def _on_model_activated(self, _position: int) -> None:
        self._update_hub_edit()
        if self.hub_edit.isVisible():
            self.hub_edit.setFocus()
        self._save_model_settings()

    def _current_model_item(self) -> tuple[str, str]:
        return _split_item_data(self.model_combo.currentData())

    def _update_hub_edit(self) -> None:
        kind, _path = self._current_model_item()
        self.hub_edit.setVisible(kind == HUB)

    def model_choice(self) -> ModelChoice | None:
        """Return the chosen model, or None when the hub id is chosen but empty."""
        kind, path = self._current_model_item()
        reference = self.hub_edit.text().strip() if kind == HUB else path
        if not reference:
            return None
        return ModelChoice(reference=reference, device=self.device_combo.currentData(), batch_size=self.batch_spin.value())

    @Slot()
    def _save_model_settings(self) -> None:
        kind, path = self._current_model_item()
        self._settings.setValue(keys.MODEL_CHOICE, _item_data(FOLDER, path) if kind == FOLDER else kind)
        items = [_split_item_data(self.model_combo.itemData(position)) for position in range(self.model_combo.count())]
        folders = [path for kind, path in items if kind == FOLDER]
        self._settings.setValue(keys.MODEL_FOLDERS, folders[: keys.MAX_RECENT_MODEL_FOLDERS])
        self._settings.setValue(keys.HUB_ID, self.hub_edit.text().strip())
        self._settings.setValue(keys.DEVICE, self.device_combo.currentData())
        self._settings.setValue(keys.BATCH_SIZE, self.batch_spin.value())
