"""``meetings update`` as a subprocess against the sandbox: settings flags alone, one
occurrence, a series under way, and an explicit offset in the repeated autumn hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cli_support import Cli

from zoomdesk.core import wallclock
from zoomdesk.core.account import Account


def create(cli: Cli, *flags: str) -> dict[str, Any]:
    r = cli.run("meetings", "create", "--json", "--topic", "Sync", *flags)
    assert r.returncode == 0, r.stderr
    created: dict[str, Any] = r.json()
    return created


def show(cli: Cli, mid: str, *flags: str) -> dict[str, Any]:
    r = cli.run("meetings", "show", mid, "--json", *flags)
    assert r.returncode == 0, r.stderr
    shown: dict[str, Any] = r.json()
    return shown


def test_a_settings_flag_alone_is_a_change(signed_in: Cli) -> None:
    mid = str(create(signed_in, "--start", "2031-03-04T10:00")["id"])
    r = signed_in.run("meetings", "update", mid, "--mute-on-entry")
    assert r.returncode == 0, r.stderr
    assert "updated: settings" in r.stdout
    r = signed_in.run("meetings", "update", mid, "--host-video", "--participant-video", "--json")
    assert r.returncode == 0, r.stderr
    settings = r.json()["settings"]
    assert settings["mute_upon_entry"] and settings["host_video"] and settings["participant_video"]
    r = signed_in.run("meetings", "update", mid, "--no-mute-on-entry")
    assert r.returncode == 0, r.stderr
    assert show(signed_in, mid)["settings"]["mute_upon_entry"] is False


def test_one_occurrence_moves_and_series_flags_are_refused(signed_in: Cli) -> None:
    created = create(
        signed_in, "--start", "2031-03-03T09:00", "--recurrence", "daily", "--end-times", "3"
    )
    mid, second = str(created["id"]), created["occurrences"][1]["occurrence_id"]
    occ = ("--occurrence-id", second)

    r = signed_in.run("meetings", "update", mid, *occ, "--start", "2031-03-04T11:15")
    assert r.returncode == 0, r.stderr
    assert f"Occurrence {second} of meeting" in r.stdout and "start_time" in r.stdout
    r = signed_in.run("meetings", "update", mid, *occ, "--duration", "20", "--mute-on-entry")
    assert r.returncode == 0, r.stderr
    moved = show(signed_in, mid, *occ)
    assert (moved["start_time"], moved["duration"]) == ("2031-03-04T10:15:00Z", 20)
    assert moved["settings"]["mute_upon_entry"] is True
    series = show(signed_in, mid)
    assert series["topic"] == "Sync" and series["duration"] == 60
    assert series["settings"]["mute_upon_entry"] is False

    before = len(signed_in.requests())
    for flags, named in (
        (("--topic", "Moved"), "--topic"),
        (("--start", "2031-03-04T12:00", "--timezone", "Europe/Paris"), "--timezone"),
        (("--end-times", "5"), "--end-times"),
    ):
        r = signed_in.run("meetings", "update", mid, *occ, *flags)
        assert r.returncode == 2, (flags, r.stderr)
        assert named in r.stderr and "occurrence" in r.stderr, r.stderr
    assert len(signed_in.requests()) == before  # refused before anything was sent


def test_a_series_that_began_last_month_can_still_be_changed(signed_in: Cli) -> None:
    tz = wallclock.zone("Europe/Berlin")
    assert tz is not None
    start = wallclock.to_wall(datetime.now(UTC) - timedelta(days=30), tz).replace(microsecond=0)
    created = Account(signed_in.config()).client.create_meeting(
        {
            "topic": "Standing",
            "type": 8,
            "start_time": wallclock.format_wall(start),
            "timezone": "Europe/Berlin",
            "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 8},
        }
    )
    mid = str(created["id"])
    r = signed_in.run("meetings", "update", mid, "--end-times", "10")
    assert r.returncode == 0, r.stderr
    assert show(signed_in, mid)["recurrence"]["end_times"] == 10
    r = signed_in.run("meetings", "update", mid, "--duration", "25", "--agenda", "Still on")
    assert r.returncode == 0, r.stderr


def test_an_offset_in_the_repeated_autumn_hour_keeps_its_instant(signed_in: Cli) -> None:
    # 26 Oct 2031: Berlin's clocks go back from 03:00 to 02:00; 02:30 happens twice.
    berlin = ("--timezone", "Europe/Berlin")
    second = create(signed_in, "--start", "2031-10-26T02:30+01:00", *berlin)
    assert second["start_time"] == "2031-10-26T01:30:00Z"
    mid = str(second["id"])
    r = signed_in.run("meetings", "update", mid, "--start", "2031-10-26T02:30+02:00")
    assert r.returncode == 0, r.stderr
    assert show(signed_in, mid)["start_time"] == "2031-10-26T00:30:00Z"
    r = signed_in.run("meetings", "update", mid, "--start", "2031-10-26T01:30Z")
    assert r.returncode == 0, r.stderr
    assert show(signed_in, mid)["start_time"] == "2031-10-26T01:30:00Z"
