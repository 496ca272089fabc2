"""``meetings show ID --ics FILE``: the calendar file, written atomically, as Zoom scheduled it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cli_support import Cli
from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar


def create_monthly_31(cli: Cli) -> tuple[str, list[datetime]]:
    r = cli.run(
        "meetings", "create", "--json", "--topic", "Month end", "--start", "2031-01-31T09:00",
        "--recurrence", "monthly", "--monthly-day", "31", "--end-times", "4",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    created = r.json()
    starts = [
        datetime.fromisoformat(o["start_time"].replace("Z", "+00:00"))
        for o in created["occurrences"]
    ]
    return str(created["id"]), starts


def expansion(text: str) -> list[datetime]:
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    start = event.decoded("DTSTART")
    found = rruleset()
    found.rdate(start)
    if "RRULE" in event:
        found.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    for name, add in (("RDATE", found.rdate), ("EXDATE", found.exdate)):
        value = event.get(name)
        for group in value if isinstance(value, list) else [value] if value else []:
            for d in group.dts:
                add(d.dt)
    return [d.astimezone(UTC) for d in found]


def test_ics_file_says_what_zoom_scheduled(signed_in: Cli, tmp_path: Path) -> None:
    mid, starts = create_monthly_31(signed_in)
    target = tmp_path / "month-end.ics"
    target.write_text("old")
    r = signed_in.run("meetings", "show", mid, "--ics", str(target))
    assert r.returncode == 0, r.stderr
    assert "Month end" in r.stdout and str(target) in r.stderr
    text = target.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert expansion(text) == starts
    assert [p.name for p in tmp_path.iterdir()] == ["month-end.ics"]  # no temp file left


def test_ics_dash_is_stdout_and_nothing_else(signed_in: Cli) -> None:
    mid, starts = create_monthly_31(signed_in)
    r = signed_in.run("meetings", "show", mid, "--ics", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("BEGIN:VCALENDAR") and r.stdout.endswith("END:VCALENDAR\n")
    assert expansion(r.stdout) == starts


def test_a_bad_path_exits_2_before_asking_zoom(signed_in: Cli, tmp_path: Path) -> None:
    mid, _ = create_monthly_31(signed_in)
    before = len(signed_in.requests())
    cases = [
        (tmp_path / "missing" / "x.ics", "does not exist"),
        (tmp_path, "is a folder"),
        (tmp_path / "file.txt" / "x.ics", "is not a folder"),
    ]
    (tmp_path / "file.txt").write_text("")
    for path, words in cases:
        r = signed_in.run("meetings", "show", mid, "--ics", str(path))
        assert r.returncode == 2, r.stderr
        assert "--ics" in r.stderr and words in r.stderr, r.stderr
        assert r.stdout == ""
    r = signed_in.run("meetings", "show", mid, "--ics", "-", "--json")
    assert r.returncode == 2 and "--json" in r.stderr
    assert len(signed_in.requests()) == before


def test_the_lazy_parser_knows_ics() -> None:
    from zoomdesk.cli.args import build_parser

    argv = ["meetings", "show", "123", "--ics", "-"]
    lazy, full = vars(build_parser(argv).parse_args(argv)), vars(build_parser().parse_args(argv))
    lazy.pop("meetings_parser", None)
    full.pop("meetings_parser", None)
    assert lazy == full and lazy["ics"] == "-"
