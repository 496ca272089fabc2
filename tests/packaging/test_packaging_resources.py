"""The files desktops and software centres read: icons, the .desktop entry, AppStream metainfo.

The validators come from Debian packages (``desktop-file-utils``,
``appstream``); a test that needs a missing one is skipped and says which.
"""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import zoomdesk

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
ICONS = RESOURCES / "icons"
DESKTOP = RESOURCES / "zoomdesk.desktop"
APP_ID = "io.github.zoomdesk.zoomdesk"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package: {package})")
    return path


def _png_header(path: Path) -> tuple[int, int, int]:
    """Width, height and colour type from a PNG's IHDR chunk."""
    data = path.read_bytes()[:29]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


# --- icons ----------------------------------------------------------------------


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_exists_with_its_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "zoomdesk.png"
    assert png.is_file(), f"missing {png.relative_to(REPO)}; run packaging/render-icons.sh"
    width, height, colour = _png_header(png)
    assert (width, height) == (size, size)
    assert colour == 6, "icons need an alpha channel (RGBA) for the rounded corners"


def test_no_stray_icon_sizes() -> None:
    found = {p.name for p in (ICONS / "hicolor").iterdir()}
    assert found == {f"{n}x{n}" for n in PNG_SIZES}


@pytest.mark.parametrize("name", ["zoomdesk.svg", "zoomdesk-16.svg"])
def test_svg_icons_are_square_svg(name: str) -> None:
    root = ET.parse(ICONS / name).getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height


def test_windows_ico_has_the_usual_sizes() -> None:
    data = (ICONS / "zoomdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1), "not an .ico file"
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}  # 0 means 256
    assert {16, 24, 32, 48, 256} <= sizes


def test_macos_icns_is_well_formed() -> None:
    data = (ICONS / "zoomdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = set(), 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset + 4 : offset + 8])
        assert length > 8
        kinds.add(data[offset : offset + 4])
        offset += length
    assert offset == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds  # 128, 256, 512, 1024


# --- the desktop entry ----------------------------------------------------------


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_fields() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "zoomdesk"
    assert entry["Icon"] == "zoomdesk"  # the hicolor icon name, no path or extension
    assert entry["StartupWMClass"] == "zoomdesk"  # Qt's WM_CLASS for applicationName "zoomdesk"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert "Zoom" in entry["Keywords"].split(";")


def test_desktop_entry_offers_new_meeting_as_an_action() -> None:
    """The launcher's right-click *New meeting* runs ``zoomdesk --new-meeting`` (DESIGN §3.3)."""
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    actions = [a for a in parser["Desktop Entry"]["Actions"].split(";") if a]
    assert actions == ["new-meeting"]
    groups = [g.removeprefix("Desktop Action ") for g in parser.sections() if g != "Desktop Entry"]
    assert groups == actions  # every action listed has its group, and no group is unlisted
    action = parser["Desktop Action new-meeting"]
    assert action["Name"] == "New meeting"
    assert action["Exec"] == "zoomdesk --new-meeting"
    # The command line knows the flag, and it means the window (not a sub-command).
    from zoomdesk.cli.args import build_parser

    argv = shlex.split(action["Exec"])[1:]
    args = build_parser(argv).parse_args(argv)
    assert args.handler == "gui" and args.new_meeting and not args.sandbox


def test_desktop_file_validates() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    run = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    report = (run.stdout + run.stderr).strip()
    assert run.returncode == 0, report
    assert report == "", f"desktop-file-validate has remarks:\n{report}"


# --- AppStream metainfo -----------------------------------------------------------


def test_metainfo_fields_match_the_project() -> None:
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own file
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == "zoomdesk"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.find("content_rating") is not None
    assert (root.findtext("url[@type='homepage']") or "").startswith("https://")
    for image in root.iterfind("screenshots/screenshot/image"):
        assert (image.text or "").startswith("https://")
    versions = [r.get("version") for r in root.iterfind("releases/release")]
    assert zoomdesk.__version__ in versions, "add a <release> for the current version"
    assert versions[0] == zoomdesk.__version__, "the newest release comes first"


def test_metainfo_validates_offline() -> None:
    tool = _tool("appstreamcli", "appstream")
    run = subprocess.run(
        [tool, "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    # AppStream 0.16 (Debian 12) doesn't know <developer> yet, and 1.x calls
    # <developer_name> deprecated; the file carries both on purpose.
    known = re.compile(r"unknown-tag developer$|developer-name-tag-deprecated")
    issues = [
        line
        for line in report.splitlines()
        if re.match(r"^[EWIP]: ", line) and not known.search(line.strip())
    ]
    assert not issues, report
