"""The two meetings that made ``meetings list`` exit 1, viewed from Tokyo; and the rules that
now keep ``meetings create`` from making them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cli_support import Cli
from odd_meetings import FAR_FUTURE, FAR_FUTURE_BODY, HUGE, HUGE_DURATION, HUGE_DURATION_BODY

from zoomdesk.cli.output import UNKNOWN_TIME, meeting_details, meeting_table, time_line
from zoomdesk.core.account import Account
from zoomdesk.core.meeting import Meeting

TOKYO = {"TZ": "Asia/Tokyo"}


@pytest.fixture
def odd(signed_in: Cli) -> tuple[Cli, str, str]:
    """The sandbox holding both meetings (sent past the CLI's rules, as another app could)."""
    client = Account(signed_in.config()).client
    far = client.create_meeting(FAR_FUTURE_BODY)
    endless = client.create_meeting(HUGE_DURATION_BODY)
    assert far["start_time"] == "9999-12-31T22:00:00Z" and endless["duration"] == HUGE
    return signed_in, str(far["id"]), str(endless["id"])


def test_meetings_list_from_tokyo(odd: tuple[Cli, str, str]) -> None:
    cli = odd[0]
    r = cli.run("meetings", "list", env=TOKYO)
    assert r.returncode == 0, r.stderr
    header, *rows = r.stdout.splitlines()
    assert header.startswith("START (Asia/Tokyo)")
    assert [row.split()[0] for row in rows] == ["2031-01-01", "unknown"]
    assert rows[0].endswith("Endless") and rows[1].endswith("Far future")
    listed = cli.run("meetings", "list", "--json", env=TOKYO).json()
    assert {m["duration"] for m in listed} == {60, HUGE}  # Zoom's values, untouched


def test_meetings_show_from_tokyo(odd: tuple[Cli, str, str]) -> None:
    cli, far_id, endless_id = odd
    r = cli.run("meetings", "show", far_id, env=TOKYO)
    assert r.returncode == 0, r.stderr
    assert f"Time:       {UNKNOWN_TIME}" in r.stdout and "Duration:   60 min" in r.stdout
    r = cli.run("meetings", "show", endless_id, env=TOKYO)
    assert r.returncode == 0, r.stderr
    assert "Time:       Wed 1 Jan 2031 19:00 (Asia/Tokyo); Wed 1 Jan 2031 10:00 in UTC" in r.stdout
    assert "Duration" not in r.stdout
    shown = cli.run("meetings", "show", far_id, "--json", env=TOKYO).json()
    assert shown["start_time"] == "9999-12-31T22:00:00Z"


def test_meetings_create_refuses_both_naming_the_field(cli: Cli) -> None:
    r = cli.run(
        "meetings", "create", "--topic", "Far future", "--start", "9999-12-31T22:00",
        "--timezone", "UTC", env=TOKYO,
    )  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("zoomdesk: invalid start_time (--start): The start is too far")
    r = cli.run(
        "meetings", "create", "--topic", "Endless", "--start", "2031-01-01T10:00",
        "--timezone", "UTC", "--duration", str(HUGE), env=TOKYO,
    )  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("zoomdesk: invalid duration (--duration): The duration can be")
    assert cli.requests() == []  # refused before anything was sent


# -- the same formatting, in-process, for meetings no parser would make --------------------------


def built(**changes: Any) -> Meeting:
    values: dict[str, Any] = {
        "id": 85746065432, "uuid": "u", "topic": "Odd", "type": 2,
        "start": datetime(9999, 12, 31, 22, 0, tzinfo=UTC), "timezone": "UTC", "duration": HUGE,
        "join_url": "", "password": "", "agenda": "", "recurrence": None, "occurrences": (),
        "raw": {},
    }  # fmt: skip
    values.update(changes)
    return Meeting(**values)


@pytest.mark.parametrize(
    ("meeting", "line"),
    [
        (built(), "Fri 31 Dec 9999 22:00 in UTC"),
        (built(timezone="Asia/Tokyo"), UNKNOWN_TIME),
        (built(start=datetime(2031, 1, 1, 10, tzinfo=UTC)), "Wed 1 Jan 2031 19:00 (Asia/Tokyo)"),
    ],
)
def test_time_line_falls_back(meeting: Meeting, line: str) -> None:
    assert time_line(meeting, ZoneInfo("Asia/Tokyo")).startswith(line)
    assert any(row.startswith("Time:") for row in meeting_details(meeting, ZoneInfo("Asia/Tokyo")))


def test_the_table_takes_them_as_zoom_lists_them() -> None:
    lines = meeting_table([FAR_FUTURE, HUGE_DURATION], ZoneInfo("Asia/Tokyo"))
    assert [line.split()[0] for line in lines[1:]] == ["unknown", "2031-01-01"]
