"""Size and memory checks made before a review file is read into memory.

The reader keeps a whole table in memory: the file's bytes, the decoded text and one Python
string per cell. Reading a 50 MB UTF-8 CSV of Korean reviews peaked at about 6.8 times the file
size, and a 5.8 MB XLSX at about 34 times (resident memory above the baseline, measured with
``resource.getrusage`` on synthetic files, Linux x86-64, Python 3.11, pandas 3.1). Without a
check, a file too big for the machine ends in MemoryError at best; on Linux the kernel may kill
the whole app instead, taking unsaved work with it. So a file is refused with a message before
reading when it is over :data:`MAX_TABLE_BYTES`, or when its estimated peak memory exceeds the
memory the operating system reports as available.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from .errors import TableReadError
from .messages import text

log = logging.getLogger(__name__)

# Policy, not a technical limit: a million reviews of 1 KB each (Excel's row limit, long reviews)
# make a 1 GB file, so files above twice that are refused outright.
MAX_TABLE_BYTES = 2 * 1024**3
# Estimated peak memory per byte of file, from the measurements in the module docstring, rounded up.
TEXT_MEMORY_FACTOR = 8
WORKBOOK_MEMORY_FACTOR = 40


def format_size(size: int) -> str:
    """Return ``size`` in bytes as a short text such as "2.1 GB" (decimal units, as file managers show)."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def check_table_size(path: Path, size: int, *, workbook: bool) -> None:
    """Raise TableReadError if the file at ``path`` of ``size`` bytes is too big to read here."""
    if size > MAX_TABLE_BYTES:
        raise TableReadError(text("read.too_large", file=path.name, size=format_size(size), limit=format_size(MAX_TABLE_BYTES)))

    needed = size * (WORKBOOK_MEMORY_FACTOR if workbook else TEXT_MEMORY_FACTOR)
    available = available_memory_bytes()
    if available is not None and needed > available:
        log.warning("%s: refusing to read %d bytes; about %d bytes needed, %d available", path, size, needed, available)
        raise TableReadError(
            text("read.not_enough_memory", file=path.name, size=format_size(size), needed=format_size(needed),
                 available=format_size(available))
        )


def out_of_memory_error(path: Path, size: int) -> TableReadError:
    """Return the error reported when reading ``path`` raised MemoryError."""
    return TableReadError(text("read.out_of_memory", file=path.name, size=format_size(size)))


def available_memory_bytes() -> int | None:
    """Return the memory the system can give this process now, or None where it cannot be read.

    Linux: MemAvailable plus free swap from /proc/meminfo. Windows: the commit charge still
    available (``ullAvailPageFile`` of GlobalMemoryStatusEx), which counts physical memory and
    the page file. Other systems: None, and only the size limit and MemoryError protect the read.
    """
    try:
        if sys.platform.startswith("linux"):
            return _linux_available_memory()
        if os.name == "nt":
            return _windows_available_memory()
    except (OSError, ValueError, AttributeError) as error:
        log.info("Could not read the available memory: %s", error)
    return None


def _linux_available_memory() -> int | None:
    fields: dict[str, int] = {}
    with open("/proc/meminfo", encoding="ascii") as stream:
        for line in stream:
            name, _, value = line.partition(":")
            parts = value.split()
            if parts:
                fields[name] = int(parts[0]) * 1024
    if "MemAvailable" not in fields:
        return None
    return fields["MemAvailable"] + fields.get("SwapFree", 0)


def _windows_available_memory() -> int | None:
    import ctypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.dwLength = ctypes.sizeof(MemoryStatus)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
        return None
    return int(status.ullAvailPageFile)
