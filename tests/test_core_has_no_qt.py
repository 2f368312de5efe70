"""The core package must import and run without Qt."""

import subprocess
import sys
import pkgutil

import review_labeler.core


def test_core_modules_do_not_import_qt():
    module_names = [f"review_labeler.core.{info.name}" for info in pkgutil.iter_modules(review_labeler.core.__path__)]
    script = (
        "import importlib, sys\n"
        f"for name in {module_names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in {'PySide6', 'PyQt5', 'PyQt6', 'shiboken6'})\n"
        "print(','.join(loaded))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == ""
    assert len(module_names) > 5
