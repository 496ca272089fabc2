"""What a wheel ships besides code: ``resources/`` as ``zoomdesk/resources``.

Building a wheel needs setuptools from PyPI, so this reads the packaging
configuration instead and lays the files out as a wheel would, then checks that
``ui/resources.py`` finds the window icon and the desktop files there.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from zoomdesk.ui import resources

REPO = Path(__file__).resolve().parents[2]


def _shipped_data(repo: Path) -> dict[Path, Path]:
    """Wheel path -> source file, for every package-data glob in pyproject.toml."""
    setuptools = tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_dir: dict[str, str] = setuptools.get("package-dir", {})
    shipped: dict[Path, Path] = {}
    for package, patterns in setuptools["package-data"].items():
        assert package in setuptools["packages"], f"{package} has data but is not a package"
        parts = package.split(".")
        # The longest mapped prefix decides where the package's folder is in the checkout.
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in package_dir:
                source = repo / package_dir[prefix] / Path(*parts[cut:])
                break
        else:
            source = repo / Path(*parts)
        for pattern in patterns:
            for file in source.glob(pattern):
                shipped[Path(*parts) / file.relative_to(source)] = file
    return shipped


def test_the_wheel_ships_icons_and_desktop_files() -> None:
    names = {str(path) for path in _shipped_data(REPO)}
    assert "zoomdesk/py.typed" in names
    assert "zoomdesk/resources/zoomdesk.desktop" in names
    assert "zoomdesk/resources/io.github.zoomdesk.zoomdesk.metainfo.xml" in names
    assert "zoomdesk/resources/icons/zoomdesk.svg" in names
    for size in resources.ICON_SIZES:
        assert f"zoomdesk/resources/icons/hicolor/{size}x{size}/apps/zoomdesk.png" in names


def test_an_installed_package_finds_its_icons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site-packages"
    for target, source in _shipped_data(REPO).items():
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / target)
    # As installed from a wheel: no checkout next to the package, no bundle.
    monkeypatch.setattr(resources, "_PACKAGE_DIR", site / "zoomdesk")
    monkeypatch.delattr("sys._MEIPASS", raising=False)
    icons = resources.app_icon_files()
    assert [icon.parent.parent.name for icon in icons] == [
        f"{size}x{size}" for size in resources.ICON_SIZES
    ]
    assert all(icon.is_relative_to(site) for icon in icons)
    assert (
        resources.find_resource("zoomdesk.desktop") == site / "zoomdesk/resources/zoomdesk.desktop"
    )
