"""Model versions of a project: one folder per fine-tuned checkpoint plus a JSON registry.

Layout of a versions folder (the GUI keeps it beside the project file, ``<project>.models/``)::

    registry.json      versions, their parents, metrics, and which one is active
    v1/, v2/, ...      complete checkpoints that ``load_model`` can open
    .tmp-*             a checkpoint being written; removed on the next open if its writer is gone

Version 0 is the base model. It refers to the original checkpoint (the bundled model is stored
as ``BUNDLED_REFERENCE`` so that reinstalling the app does not break the link) and is never
copied. A new version is written into a temporary sibling folder and renamed into place only
when complete, and the registry is replaced atomically afterwards (temporary file, fsync,
``os.replace``). A crash at any point therefore leaves the registry and the active version as
they were. A complete folder that never reached the registry is ignored. Saving never changes
the active version; :meth:`ModelVersions.activate` does.

One process should use one ``ModelVersions`` per folder; a lock makes its methods safe to call
from a worker thread and the GUI thread.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import ModelVersionsError
from .messages import text
from .model_loading import bundled_model_path

log = logging.getLogger(__name__)

REGISTRY_NAME = "registry.json"
REGISTRY_FORMAT = 1
BUNDLED_REFERENCE = "bundled:default"
TEMP_PREFIX = ".tmp-"
BASE_VERSION_ID = 0
_VERSION_FOLDER = re.compile(r"^v(\d+)$")
# ".tmp-<pid>-..." folders and ".registry.json.<pid>.....tmp" files carry their writer's pid.
_TEMPORARY_PID = re.compile(r"^(?:\.tmp-|\.registry\.json\.)(\d+)[-.]")
# Files without which a saved checkpoint cannot be loaded.
REQUIRED_FILES = ("config.json", "model.safetensors")


@dataclass
class VersionMetadata:
    """Caller-supplied record of a new version, usually built from a ``FinetuneResult``."""

    parent_id: int | None = None
    row_counts: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    notes: str = ""


@dataclass
class VersionInfo:
    """One entry of the registry. ``folder`` is None for the base version, which is not copied."""

    id: int
    parent_id: int | None
    base_model: str
    folder: str | None
    created: str
    label_names: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    notes: str = ""
    is_active: bool = False

    @property
    def is_base(self) -> bool:
        return self.folder is None

    @classmethod
    def from_dict(cls, values: dict[str, Any], active_id: int) -> "VersionInfo":
        return cls(
            id=int(values["id"]),
            parent_id=None if values.get("parent_id") is None else int(values["parent_id"]),
            base_model=str(values["base_model"]),
            folder=values.get("folder"),
            created=str(values.get("created", "")),
            label_names=list(values.get("label_names") or []),
            row_counts=dict(values.get("row_counts") or {}),
            metrics=dict(values.get("metrics") or {}),
            training=dict(values.get("training") or {}),
            notes=str(values.get("notes") or ""),
            is_active=int(values["id"]) == active_id,
        )

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        del values["is_active"]
        return values


def resolve_base_reference(reference: str) -> str:
    """Return the loadable reference of a base model: a folder path or a hub id."""
    return str(bundled_model_path()) if reference == BUNDLED_REFERENCE else reference


class ModelVersions:
    """The versions folder of one project; see the module docstring for the guarantees."""

    def __init__(self, folder: str | os.PathLike[str], base_model: str | os.PathLike[str] | None = None) -> None:
        """Open ``folder``, creating it and a registry whose version 0 is ``base_model`` if needed.

        ``base_model`` defaults to the bundled model. For an existing registry it is ignored:
        the registry keeps the base it was created with.
        """
        self.folder = Path(folder)
        self._lock = threading.Lock()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ModelVersionsError(text("versions.save_failed", folder=str(self.folder), detail=_describe(error))) from error
        self._remove_stale_temporaries()
        if not self.registry_path.exists():
            reference = BUNDLED_REFERENCE if base_model is None else _base_reference(base_model)
            base = VersionInfo(
                id=BASE_VERSION_ID, parent_id=None, base_model=reference, folder=None, created=_now(),
                label_names=_label_names_of(Path(resolve_base_reference(reference))), notes="base model",
            )
            self._write_registry({"format": REGISTRY_FORMAT, "active_id": BASE_VERSION_ID, "versions": [base.to_dict()]})

    @property
    def registry_path(self) -> Path:
        return self.folder / REGISTRY_NAME

    # Reading

    def list(self) -> list[VersionInfo]:
        """Return every registered version, oldest first."""
        registry = self._read_registry()
        return [VersionInfo.from_dict(values, registry["active_id"]) for values in registry["versions"]]

    def active(self) -> VersionInfo:
        """Return the active version."""
        return next(version for version in self.list() if version.is_active)

    def get(self, version_id: int) -> VersionInfo:
        for version in self.list():
            if version.id == version_id:
                return version
        raise ModelVersionsError(text("versions.unknown_version", version=version_id,
                                      versions=", ".join(str(version.id) for version in self.list())))

    def path_of(self, version_id: int) -> Path:
        """Return the checkpoint folder of a version (for the base version, its original folder)."""
        return Path(self.reference_of(version_id))

    def reference_of(self, version_id: int) -> str:
        """Return what to pass to ``load_model`` for a version: a folder path, or a hub id for a hub base."""
        version = self.get(version_id)
        if version.folder is None:
            return resolve_base_reference(version.base_model)
        return str(self.folder / version.folder)

    # Writing

    def save_new(self, model: Any, tokenizer: Any, metadata: VersionMetadata | None = None) -> VersionInfo:
        """Save ``model`` and ``tokenizer`` as a new version and register it; the active version stays.

        The checkpoint is complete on disk before the registry mentions it. On failure the
        partial files are removed, the registry is unchanged and ModelVersionsError is raised.
        """
        metadata = metadata or VersionMetadata()
        with self._lock:
            registry = self._read_registry()
            versions = registry["versions"]
            parent_id = metadata.parent_id if metadata.parent_id is not None else registry["active_id"]
            parent = next((values for values in versions if int(values["id"]) == parent_id), None)
            if parent is None:
                raise ModelVersionsError(text("versions.unknown_version", version=parent_id,
                                              versions=", ".join(str(values["id"]) for values in versions)))

            version_id = self._next_id(versions)
            folder_name = f"v{version_id}"
            target = self.folder / folder_name
            try:
                save_checkpoint_atomically(model, tokenizer, target)
            except ModelVersionsError:
                raise
            except Exception as error:
                raise ModelVersionsError(text("versions.save_failed", folder=str(self.folder), detail=_describe(error))) from error

            info = VersionInfo(
                id=version_id, parent_id=parent_id, base_model=str(parent["base_model"]), folder=folder_name,
                created=_now(), label_names=_label_names_of(target), row_counts=dict(metadata.row_counts),
                metrics=dict(metadata.metrics), training=dict(metadata.training), notes=metadata.notes,
            )
            try:
                self._write_registry({**registry, "versions": versions + [info.to_dict()]})
            except ModelVersionsError:
                # The folder is complete but unregistered; removing it keeps the folder tidy.
                shutil.rmtree(target, ignore_errors=True)
                raise
            log.info("Saved model version %d in %s (parent %d)", version_id, target, parent_id)
            return info

    def activate(self, version_id: int) -> VersionInfo:
        """Make ``version_id`` the active version; activating an older one is a rollback."""
        with self._lock:
            registry = self._read_registry()
            version = self.get(version_id)
            if version.folder is not None:
                folder = self.folder / version.folder
                if not all((folder / name).is_file() for name in REQUIRED_FILES):
                    raise ModelVersionsError(text("versions.missing_files", version=version_id, folder=str(folder)))
            self._write_registry({**registry, "active_id": version_id})
            log.info("Activated model version %d", version_id)
            return self.get(version_id)

    # Internals

    def _next_id(self, versions: list[dict[str, Any]]) -> int:
        """Return an id above every registered id and every ``vN`` folder, even unregistered ones."""
        used = {int(values["id"]) for values in versions}
        for entry in self.folder.iterdir():
            match = _VERSION_FOLDER.match(entry.name)
            if match:
                used.add(int(match.group(1)))
        return max(used) + 1

    def _read_registry(self) -> dict[str, Any]:
        try:
            registry = json.loads(self.registry_path.read_text(encoding="utf-8"))
            versions = registry["versions"]
            active_id = int(registry["active_id"])
            if not any(int(values["id"]) == active_id for values in versions):
                raise ValueError(f"active version {active_id} is not listed")
            # A folder name such as "../../elsewhere" would make the registry point outside this folder.
            for values in versions:
                folder = values.get("folder")
                if folder is not None and not (isinstance(folder, str) and _VERSION_FOLDER.match(folder)):
                    raise ValueError(f"version folder {folder!r} is not a folder name of the form vN")
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ModelVersionsError(
                text("versions.registry_unreadable", file=str(self.registry_path), detail=_describe(error))
            ) from error
        registry["active_id"] = active_id
        return registry

    def _write_registry(self, registry: dict[str, Any]) -> None:
        payload = json.dumps(registry, ensure_ascii=False, indent=2) + "\n"
        try:
            write_text_atomically(self.registry_path, payload)
        except OSError as error:
            raise ModelVersionsError(text("versions.save_failed", folder=str(self.folder), detail=_describe(error))) from error

    def _remove_stale_temporaries(self) -> None:
        """Remove temporary folders and files whose writing process is no longer running."""
        for entry in self.folder.iterdir():
            if not entry.name.startswith(TEMP_PREFIX) and not entry.name.startswith(f".{REGISTRY_NAME}."):
                continue
            if _writer_pid(entry.name) == os.getpid():
                continue  # This process may still be writing it.
            log.warning("Removing %s left behind by an interrupted save", entry)
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def save_checkpoint_atomically(
    model: Any,
    tokenizer: Any,
    target: Path,
    *,
    overwrite: bool = False,
    extra_json: dict[str, Any] | None = None,
) -> Path:
    """Write a loadable checkpoint (safetensors weights, config, tokenizer) into ``target`` atomically.

    Everything goes into a temporary sibling folder first, which is fsynced and renamed to
    ``target`` when complete. An existing non-empty ``target`` raises FileExistsError unless
    ``overwrite`` is set, in which case it is swapped out and removed only after the new folder
    is in place. ``extra_json`` maps file names to JSON-ready values written alongside.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover_interrupted_swap(target)
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise FileExistsError(str(target))

    temporary = target.parent / _temporary_name(target.name)
    try:
        temporary.mkdir()
        write_checkpoint_files(model, tokenizer, temporary)
        for name, values in (extra_json or {}).items():
            (temporary / name).write_text(json.dumps(values, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _fsync_tree(temporary)
        _move_into_place(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _fsync_directory(target.parent)
    return target


def write_checkpoint_files(model: Any, tokenizer: Any, folder: Path) -> None:
    """Write the weights as safetensors, the config (with id2label and label2id) and the tokenizer."""
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise OSError(f"saving the checkpoint did not produce {', '.join(missing)}")


def _retired_path(target: Path) -> Path:
    return target.parent / f".{target.name}.old"


def _move_into_place(temporary: Path, target: Path) -> None:
    if not target.exists():
        os.replace(temporary, target)
        return
    # os.replace cannot swap a non-empty folder, so the old one steps aside first. A crash
    # between the two renames leaves only the retired folder, which recover_interrupted_swap
    # puts back.
    retired = _retired_path(target)
    shutil.rmtree(retired, ignore_errors=True)
    os.replace(target, retired)
    try:
        os.replace(temporary, target)
    except OSError:
        os.replace(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def recover_interrupted_swap(target: Path) -> None:
    """Finish or undo a folder swap that a crash interrupted, so ``target`` is a complete checkpoint again."""
    target = Path(target)
    retired = _retired_path(target)
    if not retired.exists():
        return
    if target.exists():
        shutil.rmtree(retired, ignore_errors=True)
    else:
        log.warning("Restoring %s from %s after an interrupted save", target, retired)
        os.replace(retired, target)


def write_text_atomically(path: Path, content: str) -> None:
    """Replace ``path`` with ``content`` via a fsynced temporary sibling and ``os.replace``."""
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as stream:
                os.fsync(stream.fileno())
    _fsync_directory(folder)


def _fsync_directory(folder: Path) -> None:
    # Directory fsync makes a rename durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _temporary_name(label: str) -> str:
    """Return a unique temporary folder name that records the writing process id."""
    return f"{TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}-{label}"


def _writer_pid(name: str) -> int | None:
    """Return the process id recorded in a temporary folder or registry file name, or None."""
    match = _TEMPORARY_PID.match(name)
    return int(match.group(1)) if match else None


def _label_names_of(folder: Path) -> list[str]:
    """Return the label names in ``folder``/config.json, or an empty list if it cannot be read."""
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        id2label = config.get("id2label") or {}
        return [str(id2label[key]) for key in sorted(id2label, key=int)]
    except (OSError, ValueError, TypeError, AttributeError):
        return []


def _base_reference(base_model: str | os.PathLike[str]) -> str:
    reference = str(base_model)
    if Path(reference).expanduser().exists():
        resolved = Path(reference).expanduser().resolve()
        if resolved == bundled_model_path().resolve():
            return BUNDLED_REFERENCE
        return str(resolved)
    return reference


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _describe(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
