"""Finding the ``resources/`` folder (icons, desktop file) wherever zoomdesk runs from.

Three layouts are supported, first match wins:

* a PyInstaller bundle: ``sys._MEIPASS/resources``;
* an installed package that ships the folder as package data: ``zoomdesk/resources``;
* a source checkout: ``resources/`` at the repository root, next to the package.

Only cheap ``stat`` calls on files that ship with the program happen here, the
same kind of disk access as importing a module; user files (config, tokens) are
never touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # .../zoomdesk

#: Sizes of the PNG icons packaging renders from the SVG, smallest first.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_roots() -> list[Path]:
    """Candidate ``resources`` folders in search order (they may not exist)."""
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(_PACKAGE_DIR / "resources")
    roots.append(_PACKAGE_DIR.parent / "resources")
    return roots


def find_resource(relative: str) -> Path | None:
    """The first existing file ``relative`` (``"icons/zoomdesk.svg"``) under a root, or None."""
    for root in resource_roots():
        candidate = root / relative
        if candidate.is_file():
            return candidate
    return None


def app_icon_files() -> list[Path]:
    """The application icon files to register with Qt, smallest first.

    The rendered PNGs (``icons/hicolor/NxN/apps/zoomdesk.png``, the freedesktop
    layout packaging ships) are preferred: they need no SVG plugin at start-up.
    The SVG is the fallback when no PNG is there.
    """
    found = [
        png
        for size in ICON_SIZES
        if (png := find_resource(f"icons/hicolor/{size}x{size}/apps/zoomdesk.png")) is not None
    ]
    if not found and (svg := find_resource("icons/zoomdesk.svg")) is not None:
        found.append(svg)
    return found
