"""system_timezone(): TZ, /etc/timezone, the /etc/localtime link, then UTC."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoomdesk.core.systz import is_valid_zone, system_timezone


@pytest.fixture
def etc(tmp_path: Path) -> Path:
    return tmp_path


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        (":America/New_York", "America/New_York"),
        ("/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),
        ("UTC", "UTC"),
    ],
)
def test_tz_variable(etc: Path, tz: str, expected: str) -> None:
    assert system_timezone({"TZ": tz}, etc) == expected


def test_posix_rule_in_tz_falls_through(etc: Path) -> None:
    (etc / "timezone").write_text("Europe/Paris\n")
    assert system_timezone({"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"}, etc) == "Europe/Paris"


def test_etc_timezone(etc: Path) -> None:
    (etc / "timezone").write_text("Australia/Sydney\n")
    assert system_timezone({}, etc) == "Australia/Sydney"


def test_garbage_etc_timezone_falls_through_to_link(etc: Path) -> None:
    (etc / "timezone").write_text("Not/AZone\n")
    (etc / "localtime").symlink_to("../usr/share/zoneinfo/posix/America/Chicago")
    assert system_timezone({}, etc) == "America/Chicago"


def test_localtime_link(etc: Path) -> None:
    (etc / "localtime").symlink_to("/usr/share/zoneinfo/Europe/Lisbon")
    assert system_timezone({}, etc) == "Europe/Lisbon"


def test_localtime_regular_file_falls_back_to_utc(etc: Path) -> None:
    (etc / "localtime").write_bytes(b"TZif")
    assert system_timezone({}, etc) == "UTC"


def test_nothing_is_utc(etc: Path) -> None:
    assert system_timezone({}, etc) == "UTC"


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../x", " UTC", "Nope/Nowhere"])
def test_invalid_zones(name: str) -> None:
    assert not is_valid_zone(name)
