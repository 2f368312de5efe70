"""The "Model" menu, the "Fine-tune" toolbar button and the fine-tuning widgets in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from .document import ReviewDocument
from .finetune_flow import FinetuneFlow
from .finetune_panel import ChangedRowsButton, FinetuneProgress
from .icons import standard_icon
from .index_proxy import IndexProxyModel

# pyside6-lupdate extracts calls written as translate("Context", "text").
translate = QCoreApplication.translate


class ModelMenu(QObject):
    """Builds the model actions of ``window`` and connects them, and the status-bar widgets, to ``flow``."""

    def __init__(self, window: QMainWindow, flow: FinetuneFlow, document: ReviewDocument, proxy: IndexProxyModel) -> None:
        super().__init__(window)
        self._flow = flow

        self.finetune = QAction(standard_icon(QStyle.StandardPixmap.SP_BrowserReload),
                                translate("ModelMenu", "&Fine-tune"), window)
        self.finetune.setObjectName("finetuneAction")
        # The toolbar shows the text without the menu mnemonic.
        self.finetune.setIconText(translate("ModelMenu", "Fine-tune"))
        self.finetune.setShortcut(QKeySequence("F6"))
        self.finetune.setToolTip(translate(
            "ModelMenu", "Train the model further on your corrected and accepted rows, in the background"))
        self.cancel = QAction(translate("ModelMenu", "&Cancel fine-tuning"), window)
        self.cancel.setObjectName("finetuneCancelAction")
        self.cancel.setShortcut(QKeySequence("Shift+F6"))
        self.include_known = QAction(translate("ModelMenu", "Also train on &known labels"), window)
        self.include_known.setObjectName("finetuneKnownLabelsAction")
        self.include_known.setCheckable(True)
        self.include_known.setChecked(flow.include_known_labels)
        self.include_known.setToolTip(translate(
            "ModelMenu", "Rows without a correction whose known label maps to a model label are trained on too"))
        self.versions = QAction(translate("ModelMenu", "Model &versions…"), window)
        self.versions.setObjectName("versionsAction")

        menu = QMenu(translate("ModelMenu", "&Model"), window)
        menu.setObjectName("modelMenu")
        menu.addActions([self.finetune, self.cancel])
        menu.addAction(self.include_known)
        menu.addSeparator()
        menu.addAction(self.versions)
        settings_menu = window.findChild(QMenu, "settingsMenu")
        if settings_menu is not None:
            window.menuBar().insertMenu(settings_menu.menuAction(), menu)
        else:
            window.menuBar().addMenu(menu)
        self.menu = menu

        toolbar = window.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.finetune)
            toolbar.widgetForAction(self.finetune).setObjectName("finetuneButton")

        self.progress = FinetuneProgress()
        self.changed_rows_button = ChangedRowsButton(document, proxy)
        window.statusBar().addPermanentWidget(self.changed_rows_button)
        window.statusBar().addPermanentWidget(self.progress)

        self.finetune.triggered.connect(flow.start)
        self.cancel.triggered.connect(flow.cancel)
        self.include_known.toggled.connect(flow.set_include_known_labels)
        self.versions.triggered.connect(flow.show_versions)
        self.progress.cancelRequested.connect(flow.cancel)
        flow.progressStarted.connect(self.progress.begin)
        flow.progressed.connect(self.progress.update_progress)
        flow.phaseChanged.connect(self.progress.show_phase)
        flow.progressEnded.connect(self.progress.end)
        flow.statusMessage.connect(window.statusBar().showMessage)

    def update_actions(self, *, has_table: bool, other_job_running: bool) -> None:
        """Enable the actions for the window's state; ``other_job_running`` covers classification and reading."""
        finetuning = self._flow.is_active()
        self.finetune.setEnabled(has_table and not finetuning and not other_job_running)
        self.cancel.setEnabled(finetuning)
        # The list stays open to look at; activating checks again that no job runs.
        self.versions.setEnabled(has_table)
