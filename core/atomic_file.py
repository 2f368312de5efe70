"""Write a file through a temporary sibling and an atomic rename.

If writing fails half-way, the temporary file is removed and any existing file at the target
path is left untouched, so no reader ever sees a partial file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import ExportError
from .messages import text


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target = Path(target)
    try:
        handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise export_error(target, error) from error
    os.close(handle)
    temporary = Path(temporary_name)

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
