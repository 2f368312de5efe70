"""Render the app icon (resources/icons/review_labeler.svg) to PNG files in the hicolor theme layout.

Desktops that ignore scalable icons, and sizes where the SVG would be scaled on every start,
need PNG files. They are generated here with Qt's SVG renderer, never drawn by hand, so they
always match the SVG:

    python packaging/render_icons.py packaging/build/icons

writes ``<output>/hicolor/<size>x<size>/apps/review-labeler.png`` for every size in SIZES and
copies the SVG to ``<output>/hicolor/scalable/apps/review-labeler.svg``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = REPOSITORY_ROOT / "resources" / "icons" / "review_labeler.svg"
# The icon name used by the desktop entry (Icon=review-labeler).
ICON_NAME = "review-labeler"
# Sizes of the freedesktop hicolor theme that desktops look up most.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

log = logging.getLogger("render_icons")


def render_icons(svg: Path, output: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render ``svg`` at every size into ``output`` and return the files written."""
    # Rendering needs no display, but a QGuiApplication must exist for QImage and QPainter.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")

    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()

        target = output / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise OSError(f"failed to write {target}")
        written.append(target)

    scalable = output / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)

    del application
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the app icon to PNG files in the hicolor theme layout.")
    parser.add_argument("output", type=Path, help="folder that receives the hicolor/ tree")
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG, help="icon to render (default: %(default)s)")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")

    written = render_icons(arguments.svg, arguments.output)
    log.info("Wrote %d icon files under %s", len(written), arguments.output / "hicolor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
