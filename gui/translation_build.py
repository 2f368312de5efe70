"""Update and compile the interface translations: ``python -m review_labeler.gui.translation_build``.

``pyside6-lupdate`` collects every ``tr()`` and ``translate()`` string of gui/ into
``resources/translations/review_labeler_ko.ts``. A translator fills in the Korean text with Qt
Linguist or an editor. ``pyside6-lrelease`` then compiles the ``.qm`` that the app loads. Both
files are committed, and tests check that the ``.ts`` is complete and the ``.qm`` matches it.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

GUI_DIR = Path(__file__).resolve().parent
TRANSLATIONS_DIR = GUI_DIR.parent / "resources" / "translations"
TS_FILE = TRANSLATIONS_DIR / "review_labeler_ko.ts"
QM_FILE = TRANSLATIONS_DIR / "review_labeler_ko.qm"


def _tool(name: str) -> str:
    """Find a PySide6 tool next to the running interpreter first, then on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found next to {sys.executable} or on PATH; install PySide6")
    return found


def source_files() -> list[Path]:
    """Return the gui/ modules that hold user-visible strings (every module but this one)."""
    return sorted(path for path in GUI_DIR.glob("*.py") if path.name != Path(__file__).name)


def update_ts(ts_file: Path = TS_FILE) -> None:
    """Add new source strings to ``ts_file`` and drop ones no longer in the code."""
    relative = [os.path.relpath(path, ts_file.parent) for path in source_files()]
    command = [_tool("pyside6-lupdate"), *relative, "-ts", ts_file.name, "-no-obsolete", "-locations", "none"]
    subprocess.run(command, cwd=ts_file.parent, check=True)


def compile_qm(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    command = [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file), "-silent"]
    subprocess.run(command, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .qm, leave the .ts as it is")
    arguments = parser.parse_args(argv)
    if not arguments.no_update:
        update_ts()
    compile_qm()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
