"""Write files through temporary siblings and atomic renames.

If writing fails half-way, the temporary file is removed and any existing file at the target
path is left untouched, so no reader ever sees a partial file. A process killed with SIGKILL
cannot remove its temporary file. That file stays as a hidden ``.NAME.PID.XXXX.part`` beside the
target, never under the target's name. The next write to the same target removes it on POSIX,
where the dead writer's process id can be checked.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import ExportError
from .messages import text

log = logging.getLogger(__name__)

TEMPORARY_SUFFIX = ".part"
# The process umask can only be read by setting it; this runs once on import, before the app
# starts worker threads that create files.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    Raises ExportError for an OS error, and for an existing ``target`` that is write-protected:
    on Windows such a file cannot be replaced, and elsewhere replacing it would silently undo
    the protection.
    """
    target = Path(target)
    _check_replaceable(target)
    _remove_stale_temporaries(target)
    temporary = _create_temporary(target)

    try:
        yield temporary
        _fsync(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise export_error(target, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_outputs(targets: Sequence[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """Yield one temporary path per target; on success all targets are replaced, otherwise none.

    Existing targets are moved aside before the new files are renamed into place and are moved
    back if any rename fails, so readers see either the old set or the complete new set. Only a
    crash during that last loop of renames can leave a mixed set.
    """
    targets = [Path(target) for target in targets]
    for target in targets:
        _check_replaceable(target)
        _remove_stale_temporaries(target)
    temporaries: list[Path] = []
    try:
        for target in targets:
            temporaries.append(_create_temporary(target))
        yield temporaries
        for temporary in temporaries:
            _fsync(temporary)
        _replace_all(temporaries, targets)
    except OSError as error:
        raise export_error(targets[0], error) from error
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _replace_all(temporaries: list[Path], targets: list[Path]) -> None:
    backups: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for target in targets:
            if target.exists():
                # Not named like a temporary file, so that a cleanup never deletes a previous export.
                backup = target.with_name(f".{target.name}.{os.getpid()}.backup")
                os.replace(target, backup)
                backups.append((backup, target))
        for temporary, target in zip(temporaries, targets):
            os.replace(temporary, target)
            placed.append(target)
    except OSError:
        for target in placed:
            target.unlink(missing_ok=True)
        for backup, target in backups:
            os.replace(backup, target)
        raise
    for backup, _target in backups:
        backup.unlink(missing_ok=True)


def _check_replaceable(target: Path) -> None:
    if target.is_file() and not os.access(target, os.W_OK):
        raise ExportError(text("export.permission", file=str(target)))


def _create_temporary(target: Path) -> Path:
    try:
        handle, temporary_name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
        )
    except OSError as error:
        raise export_error(target, error) from error
    os.close(handle)
    temporary = Path(temporary_name)
    # mkstemp creates the file readable by its owner only, and the rename would keep that. An
    # export gets the mode of the file it replaces, or the mode a new file gets under the umask.
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise export_error(target, error) from error
    return temporary


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary siblings of ``target`` left by writers that are no longer running."""
    if os.name != "posix" or not target.parent.is_dir():
        return
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\..+{re.escape(TEMPORARY_SUFFIX)}$")
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _process_is_running(int(match.group(1))):
            continue
        log.warning("Removing %s, left behind by an interrupted write", entry)
        try:
            entry.unlink()
        except OSError as error:
            log.warning("Could not remove %s: %s", entry, error)


def _process_is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # The process exists but belongs to another user.
        return True
    return True


def _fsync(path: Path) -> None:
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def export_error(target: Path, error: OSError) -> ExportError:
    """Turn an OS error on ``target`` into an ExportError the user can act on."""
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(text("export.permission", file=str(target)))
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(text("export.disk_full", file=str(target)))
    detail = error.strerror or str(error)
    return ExportError(text("export.failed", file=str(target), detail=detail))
