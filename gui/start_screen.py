"""The page the window shows while no table is open: open buttons, recent projects and files.

Every control is reachable with Tab, and the lists open an entry with Enter or a click. The
screen only emits requests, and the window decides how to open what was chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from .icons import app_icon
from .recent_paths import RECENT_FILES, RECENT_PROJECTS, RecentPaths

PATH_ROLE = Qt.ItemDataRole.UserRole
# The folder shown on the entry's second line.
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1
# Width of the centred column that contains the buttons and lists, in widths of the digit "0".
CONTENT_CHARS = 110
# The lists are as high as this many two-line entries and scroll beyond.
LIST_ROWS = 6


class RecentEntryDelegate(QStyledItemDelegate):
    """Draws a recent entry as its file name over its folder, each shortened with "…" to fit."""

    MARGIN = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        lines = 2 if index.data(FOLDER_ROLE) else 1
        return QSize(option.rect.width(), option.fontMetrics.height() * lines + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        name = option.text
        folder = index.data(FOLDER_ROLE) or ""
        # The style draws the background, selection and focus frame, and the text is drawn below.
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        main_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        area = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        line_height = option.fontMetrics.height()
        metrics = option.fontMetrics

        painter.save()
        painter.setPen(option.palette.color(group, main_role))
        first_line = QRect(area.left(), area.top(), area.width(), line_height)
        painter.drawText(first_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, area.width()))
        if folder:
            if not selected:
                painter.setPen(option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            second_line = first_line.translated(0, line_height)
            painter.drawText(second_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, area.width()))
        painter.restore()


class StartScreen(QWidget):
    """objectName ``startScreen``; lists ``recentProjectsList`` and ``recentFilesList``."""

    openFileRequested = Signal()
    openProjectRequested = Signal()
    openSampleRequested = Signal()
    # A path from one of the lists: a data file or a project (.rlproj).
    pathChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")

        self.open_file_button = self._button("startOpenFileButton", self.tr("&Open a file…"), self.openFileRequested)
        self.open_project_button = self._button("startOpenProjectButton", self.tr("Open a pro&ject…"),
                                                self.openProjectRequested)
        self.open_sample_button = self._button("startOpenSampleButton", self.tr("Open the s&ample file"),
                                               self.openSampleRequested)
        self.open_file_button.setDefault(True)
        self.open_file_button.setToolTip(self.tr("Open a review table: CSV, TSV, TXT or XLSX"))
        self.open_project_button.setToolTip(self.tr("Continue a project (.rlproj) with its labels and corrections"))
        self.open_sample_button.setToolTip(self.tr("A small table of invented shopping reviews that comes with the app"))

        self.projects_list = self._list("recentProjectsList", self.tr("Recent projects"))
        self.files_list = self._list("recentFilesList", self.tr("Recent files"))
        self.hint_label = QLabel(self.tr(
            "Tip: drop a CSV, TSV, TXT or XLSX file anywhere on this window to open it, "
            "or open the sample file to try the app."
        ))
        self.hint_label.setObjectName("startHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # A double click sends a click and an activation; the second one is dropped.
        self._last_choice = ("", QElapsedTimer())

        self._build_layout()
        self.refresh()

    def _button(self, name: str, text: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(button.sizeHint().height() + 8)
        button.clicked.connect(signal)
        return button

    def _list(self, name: str, accessible_name: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(accessible_name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widget.setUniformItemSizes(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setItemDelegate(RecentEntryDelegate(widget))
        entry_height = 2 * widget.fontMetrics().height() + 2 * RecentEntryDelegate.MARGIN
        widget.setMaximumHeight(entry_height * LIST_ROWS + 2 * widget.frameWidth())
        # Enter (and a double click) emit itemActivated; a single click opens too, as on a web page.
        widget.itemActivated.connect(self._on_item_chosen)
        widget.itemClicked.connect(self._on_item_chosen)
        return widget

    def _build_layout(self) -> None:
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64), self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Review Labeler"))
        title.setObjectName("startTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Label the sentiment of shopping reviews, correct the labels and export them."))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_file_button, self.open_project_button, self.open_sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        lists = QGridLayout()
        lists.setHorizontalSpacing(18)
        for column, (text, widget) in enumerate(((self.tr("&Recent projects"), self.projects_list),
                                                 (self.tr("Recent f&iles"), self.files_list))):
            heading = QLabel(text)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            # The mnemonic in the heading moves the focus to its list (Alt+R, Alt+I). The letters of
            # the buttons and headings differ from the menu bar's (F, E, V, C, M, S).
            heading.setBuddy(widget)
            lists.addWidget(heading, 0, column)
            lists.addWidget(widget, 1, column)
            lists.setColumnStretch(column, 1)

        content = QFrame()
        content.setObjectName("startContent")
        content.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * CONTENT_CHARS)
        layout = QVBoxLayout(content)
        layout.setSpacing(12)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(lists)
        layout.addWidget(self.hint_label)

        # The content takes most of the width up to its maximum and stays centred.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(content, 4)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def focus_chain(self) -> list[QWidget]:
        """Return the controls in the order Tab visits them: buttons, then the lists."""
        return [self.open_file_button, self.open_project_button, self.open_sample_button,
                self.projects_list, self.files_list]

    # --- lists ------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read both lists from the settings again."""
        self._fill(self.projects_list, RECENT_PROJECTS, self.tr("No recent projects"))
        self._fill(self.files_list, RECENT_FILES, self.tr("No recent files"))

    def _fill(self, widget: QListWidget, paths: RecentPaths, empty_text: str) -> None:
        widget.clear()
        entries = paths.entries()
        for path in entries:
            location = Path(path)
            item = QListWidgetItem(location.name)
            item.setData(PATH_ROLE, path)
            item.setData(FOLDER_ROLE, str(location.parent))
            item.setToolTip(path)
            if not location.exists():
                item.setText(self.tr("{name} (not found)").format(name=location.name))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            widget.addItem(item)
        if not entries:
            placeholder = QListWidgetItem(empty_text)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(placeholder)
        first_enabled = next((row for row in range(widget.count())
                              if widget.item(row).flags() & Qt.ItemFlag.ItemIsEnabled), -1)
        # The first entry is current, so that Enter opens it, but not highlighted until the user moves.
        widget.setCurrentRow(first_enabled, QItemSelectionModel.SelectionFlag.NoUpdate)
        # A list with nothing to open is left out of the Tab order.
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus if first_enabled >= 0 else Qt.FocusPolicy.NoFocus)

    @Slot(QListWidgetItem)
    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if not path or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        last_path, since = self._last_choice
        if path == last_path and since.isValid() and since.elapsed() < QApplication.doubleClickInterval():
            return
        since.start()
        self._last_choice = (path, since)
        self.pathChosen.emit(path)

    def showEvent(self, event: QShowEvent) -> None:
        # Another window may have opened files since this page was last shown.
        self.refresh()
        super().showEvent(event)
