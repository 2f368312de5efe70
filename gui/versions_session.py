"""The versions folder of the open table and the active model version of the window.

With a project open, the versions folder sits beside the project file (``<project stem>.models/``)
and activating a version also records it in the project (``ProjectStore.set_model``: the
registry's base model as ``model_ref`` and the version id as ``model_version``). Without a
project it sits in the user's data folder, in a subfolder named after the data file and a hash
of its full path, so two files of the same name keep separate versions.

The registry (:class:`~review_labeler.core.model_versions.ModelVersions`) is opened only when
it is needed: the first fine-tune or the versions dialog. Its base model is the model chosen
in the source panel at that moment.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal

from review_labeler.core.model_loading import bundled_model_path
from review_labeler.core.model_versions import ModelVersions, VersionInfo
from review_labeler.core.project_store import ProjectStore
from review_labeler.core.project_training import project_versions_folder

from .document import ReviewDocument
from .settings import APPLICATION_SLUG, ORGANIZATION
from .source_panel import SourcePanel

log = logging.getLogger(__name__)

# Folder under the user's data folder for tables opened without a project.
UNSAVED_VERSIONS_FOLDER = "model-versions"
_UNSAFE_NAME_CHARACTERS = re.compile(r"[^\w.-]+")


def data_file_versions_folder(data_path: str | Path) -> Path:
    """Return the versions folder for a data file opened without a project.

    The name joins the file's stem (for people looking in the folder) with a hash of its
    resolved path (so equal names in different folders never share versions).
    """
    resolved = Path(data_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:12]
    stem = _UNSAFE_NAME_CHARACTERS.sub("_", resolved.stem)[:40] or "table"
    root = Path(platformdirs.user_data_dir(APPLICATION_SLUG, ORGANIZATION)) / UNSAVED_VERSIONS_FOLDER
    return root / f"{stem}-{digest}"


def same_reference(first: str, second: str) -> bool:
    """Return True when two model references (folder paths or hub ids) name the same model."""
    if first == second:
        return True
    first_path, second_path = Path(first).expanduser(), Path(second).expanduser()
    if first_path.exists() and second_path.exists():
        return first_path.resolve() == second_path.resolve()
    return False


def select_model_in_panel(panel: SourcePanel, reference: str) -> None:
    """Make ``reference`` the model of the source panel, so the next classification run uses it."""
    if same_reference(reference, str(bundled_model_path())):
        panel.select_bundled_model()
    elif Path(reference).expanduser().is_dir():
        panel.set_model_folder(reference)
    else:
        panel.set_hub_id(reference)


class VersionsSession(QObject):
    """The versions folder of the open table and the project (if any) that records the active version.

    ``versionsChanged`` is emitted after a version was saved or activated.
    """

    versionsChanged = Signal()

    def __init__(self, document: ReviewDocument, panel: SourcePanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._panel = panel
        self._project: ProjectStore | None = None
        self._registry: ModelVersions | None = None
        self._registry_folder: Path | None = None
        document.tableReplaced.connect(self._forget_registry)

    # --- where the versions are -------------------------------------------------------------

    @property
    def project(self) -> ProjectStore | None:
        return self._project

    def set_project(self, store: ProjectStore | None) -> None:
        """Attach the open project (None when it is closed); the project session calls this.

        The versions folder moves beside the project. When the project names an active version
        that the registry has, that version becomes active and is selected in the source panel,
        so the next classification run uses it.
        """
        self._project = store
        self._forget_registry()
        if store is None:
            return
        version_id = _version_id(store.info.model_version)
        folder = self.folder()
        if version_id is None or folder is None or not (folder / "registry.json").is_file():
            return
        registry = self.registry()
        known = {version.id for version in registry.list()}
        if version_id not in known:
            log.warning("Project %s names model version %d, which %s does not list", store.path, version_id, folder)
            return
        if registry.active().id != version_id:
            registry.activate(version_id)
        select_model_in_panel(self._panel, registry.reference_of(version_id))
        self.versionsChanged.emit()

    def folder(self) -> Path | None:
        """Return the versions folder of the open table, or None when no table is open.

        NOTE: versions made before a project was saved stay in the user data folder; they are
        not moved beside the new project, whose list starts again from a base version.
        """
        if self._project is not None:
            return project_versions_folder(self._project.path)
        if self._document.table is None:
            return None
        return data_file_versions_folder(self._document.table.source_path)

    def is_beside_project(self) -> bool:
        return self._project is not None

    def exists(self) -> bool:
        """Return True when the versions folder already has a registry (nothing is created)."""
        folder = self.folder()
        return folder is not None and (folder / "registry.json").is_file()

    def registry(self) -> ModelVersions:
        """Open (creating if needed) the registry of the open table.

        A new registry takes the model chosen in the source panel as its base model. Raises
        ModelVersionsError when the folder cannot be created or read, and RuntimeError when no
        table is open.
        """
        folder = self.folder()
        if folder is None:
            raise RuntimeError("no table is open, so there is no versions folder")
        if self._registry is None or self._registry_folder != folder:
            choice = self._panel.model_choice()
            base = choice.reference if choice is not None else None
            self._registry = ModelVersions(folder, base_model=base)
            self._registry_folder = folder
            log.info("Model versions of this table: %s", folder)
        return self._registry

    def _forget_registry(self) -> None:
        self._registry = None
        self._registry_folder = None

    # --- which version ----------------------------------------------------------------------

    def version_for_reference(self, reference: str) -> VersionInfo | None:
        """Return the registered version whose checkpoint is ``reference``, or None."""
        registry = self.registry()
        for version in registry.list():
            if same_reference(registry.reference_of(version.id), reference):
                return version
        return None

    def activate(self, version_id: int) -> VersionInfo:
        """Make ``version_id`` active in the registry and the project, and select it in the source panel.

        Raises ModelVersionsError when its files are missing and ProjectError when the project
        cannot record it. In both cases the registry, the project and the source panel stay as they were.
        """
        registry = self.registry()
        version = registry.get(version_id)
        project = self._project if self._project is not None and not self._project.read_only else None
        previous = project.info if project is not None else None
        if project is not None:
            # The project checks the labels first; the registry is changed only when that passed.
            project.set_model(version.base_model, str(version.id), version.label_names or self._document.label_names)
        try:
            version = registry.activate(version_id)
        except Exception:
            if project is not None and previous is not None:
                project.set_model(previous.model_ref, previous.model_version, previous.label_names)
            raise
        select_model_in_panel(self._panel, registry.reference_of(version_id))
        self.versionsChanged.emit()
        return version


def _version_id(value: str | None) -> int | None:
    if value is None or not str(value).strip().isdigit():
        return None
    return int(str(value).strip())
