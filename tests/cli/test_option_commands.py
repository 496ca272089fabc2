"""The Options end to end: CLI -> sandbox -> ``meetings show --json`` -> the same draft.

Also ``meetings invitation`` (Zoom's text, and zoomdesk's own when Zoom refuses
for a missing scope), ``meetings templates``, and ``meetings list`` over pages.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from cli_support import Cli

from zoomdesk.cli.args import build_parser
from zoomdesk.cli.draft import draft_for_create
from zoomdesk.core.meeting import CLASSIC_SETTINGS, OPTION_SETTINGS, MeetingDraft
from zoomdesk.sandbox.model import SCOPES

START = ("--start", "2031-03-04T10:00", "--timezone", "Europe/Berlin")
LECTURE = "AdxbhxCzKgSiWAw"


def create(cli: Cli, *flags: str) -> dict[str, Any]:
    r = cli.run("meetings", "create", "--json", "--topic", "Options", *flags)
    assert r.returncode == 0, r.stderr
    created: dict[str, Any] = r.json()
    return created


def shown(cli: Cli, mid: object) -> MeetingDraft:
    r = cli.run("meetings", "show", str(mid), "--json")
    assert r.returncode == 0, r.stderr
    return MeetingDraft.from_zoom_json(r.json())


def sent(*flags: str) -> MeetingDraft:
    """The draft the CLI makes of these flags, as it made it before sending."""
    words = ["meetings", "create", "--topic", "Options", *flags]
    return draft_for_create(build_parser(words).parse_args(words))


@pytest.mark.parametrize(
    "flags",
    [
        ("--use-pmi", "--audio", "telephony", "--auto-summary",
         "--alternative-hosts", "alex.chen@zoomdesk.test,kim.lee@zoomdesk.test",
         "--invitees", "ada@example.com,grace@example.org"),
        ("--registration", "manual", "--encryption", "e2ee", "--audio", "voip",
         "--no-auto-summary", "--no-use-pmi"),
        ("--registration", "auto", "--encryption", "enhanced", "--audio", "both",
         "--recurrence", "weekly", "--end-times", "3"),
        ("--registration", "off", "--invitees", ""),
    ],
)  # fmt: skip
def test_each_option_comes_back_unchanged(signed_in: Cli, flags: tuple[str, ...]) -> None:
    before = sent(*START, *flags)
    back = shown(signed_in, create(signed_in, *START, *flags)["id"])
    given = [k for k in OPTION_SETTINGS if getattr(before.settings, k) is not None]
    assert given, "the flags set no option"
    for key in [*given, *CLASSIC_SETTINGS]:
        assert getattr(back.settings, key) == getattr(before.settings, key), key
    # What was sent, diffed against the draft Zoom's answer makes, changes nothing.
    assert dataclasses.replace(before, passcode=back.passcode).patch_from(back) == {}


def test_options_change_and_come_back(signed_in: Cli) -> None:
    mid = str(create(signed_in, *START, "--audio", "both")["id"])
    r = signed_in.run(
        "meetings", "update", mid, "--encryption", "e2ee", "--audio", "voip",
        "--alternative-hosts", "kim.lee@zoomdesk.test", "--registration", "auto",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "updated: settings" in r.stdout
    back = shown(signed_in, mid).settings
    assert (back.encryption_type, back.audio, back.alternative_hosts, back.approval_type) == (
        "e2ee", "voip", ("kim.lee@zoomdesk.test",), 0
    )  # fmt: skip
    r = signed_in.run("meetings", "update", mid, "--alternative-hosts", "")
    assert r.returncode == 0, r.stderr
    assert shown(signed_in, mid).settings.alternative_hosts == ()


def test_a_template_is_applied_by_zoom(signed_in: Cli) -> None:
    created = create(signed_in, *START, "--template", LECTURE, "--no-host-video")
    back = shown(signed_in, created["id"]).settings
    assert back.auto_recording == "cloud" and back.mute_upon_entry  # from the template
    assert back.host_video is False  # chosen here, over the template's
    r = signed_in.run("meetings", "create", "--topic", "T", "--template", "uL8pQx3vR0aYc5dE")
    assert r.returncode == 4 and "template_id" in r.stderr


def test_e2ee_conflicts_are_refused_before_anything_is_sent(signed_in: Cli) -> None:
    before = len(signed_in.requests())
    r = signed_in.run("meetings", "create", "--topic", "T", "--encryption", "e2ee",
                      "--join-before-host")  # fmt: skip
    assert r.returncode == 2
    assert "settings.join_before_host (--join-before-host)" in r.stderr
    assert "End-to-end encryption" in r.stderr
    assert len(signed_in.requests()) == before


def test_a_host_outside_the_account_is_zooms_refusal_on_that_field(signed_in: Cli) -> None:
    r = signed_in.run("meetings", "create", "--topic", "T", "--alternative-hosts", "eve@x.test")
    assert r.returncode == 4
    assert "code 1114" in r.stderr and "settings.alternative_hosts: Unable to assign" in r.stderr


def test_the_pmi_is_refused_for_a_series_naming_the_field(signed_in: Cli) -> None:
    r = signed_in.run("meetings", "create", "--topic", "T", *START, "--use-pmi",
                      "--recurrence", "daily", "--end-times", "2")  # fmt: skip
    assert r.returncode == 2 and "settings.use_pmi (--use-pmi)" in r.stderr


# -- invitation and templates ----------------------------------------------------------------


def test_the_invitation_is_zooms_text(signed_in: Cli) -> None:
    mid = create(signed_in, *START, "--passcode", "abc123")["id"]
    r = signed_in.run("meetings", "invitation", str(mid))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Sandy Box is inviting you to a scheduled Zoom meeting."
    assert "Time: Mar 4, 2031 10:00 AM Europe, Berlin" in lines  # Zoom's way of naming the zone
    assert "Passcode: abc123" in lines and "\r" not in r.stdout
    assert r.stderr == ""


def test_the_invitation_falls_back_when_zoom_refuses(cli: Cli) -> None:
    cli.sandbox.set_scopes(SCOPES.replace("meeting:read:invitation", ""))
    cli.sign_in()
    mid = create(cli, *START, "--passcode", "abc123")["id"]
    r = cli.run("meetings", "invitation", str(mid), "-v")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Sandy Box is inviting you to a scheduled Zoom meeting."
    assert "Time: Mar 4, 2031 10:00 AM Europe/Berlin" in lines  # zoomdesk's own words
    assert "Passcode: abc123" in lines
    assert "zoomdesk's own text" in r.stderr and "meeting:read:invitation" in r.stderr
    assert "code 4711" in r.stderr  # the -v log names the fallback and why


def test_templates(signed_in: Cli) -> None:
    r = signed_in.run("meetings", "templates")
    assert r.returncode == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines()]
    assert rows[0] == ["ID", "KIND", "NAME"]
    assert ["AdxbhxCzKgSiWAw", "admin", "Recorded", "lecture"] in rows
    r = signed_in.run("meetings", "templates", "--json")
    assert r.returncode == 0 and {t["name"] for t in r.json()} == {
        "Town hall", "Recorded lecture", "My weekly sync"
    }  # fmt: skip


# -- paging ------------------------------------------------------------------------------------


def test_list_merges_every_page(signed_in: Cli) -> None:
    signed_in.sandbox.set_max_page_size(2)
    made = [create(signed_in, "--start", f"2031-03-0{d}T10:00")["id"] for d in range(1, 6)]
    r = signed_in.run("meetings", "list", "--type", "scheduled", "--json")
    assert r.returncode == 0, r.stderr
    assert [m["id"] for m in r.json()] == made
    pages = [p for m, p in signed_in.requests() if p == "/v2/users/me/meetings" and m == "GET"]
    assert len(pages) == 3
    r = signed_in.run("meetings", "list", "--type", "scheduled")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1 + 5


def test_previous_meetings_over_pages(signed_in: Cli) -> None:
    signed_in.sandbox.set_max_page_size(1)
    gone = [create(signed_in, "--start", f"2031-03-0{d}T10:00")["id"] for d in range(1, 4)]
    create(signed_in, "--start", "2031-06-01T10:00")
    r = signed_in.run("meetings", "list", "--type", "previous_meetings", "--json")
    assert r.returncode == 0 and r.json() == []
    # Move the sandbox past March 2031: the first three have ended, the June one has not.
    ahead = datetime(2031, 4, 1, tzinfo=UTC).timestamp() - signed_in.state()["now"]
    signed_in.sandbox.advance_clock(ahead)
    signed_in.sign_in()  # the old access token has long expired
    r = signed_in.run("meetings", "list", "--type", "previous_meetings", "--json")
    assert r.returncode == 0, r.stderr
    assert [m["id"] for m in r.json()] == gone
    r = signed_in.run("meetings", "list", "--type", "previous_meetings")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1 + 3


def test_whoami_shows_the_personal_meeting_id(signed_in: Cli) -> None:
    r = signed_in.run("whoami")
    assert r.returncode == 0, r.stderr
    assert "Personal Meeting ID: 555 123 4567" in r.stdout
