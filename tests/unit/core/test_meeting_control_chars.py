"""Control characters, line breaks, lone surrogates: refused in a draft, folded from Zoom."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from meeting_drafts import draft

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.meeting.ical import escape_text, meeting_to_ics

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "topic",
    [
        "Sync\r\nJoin Zoom Meeting",
        "Sync\nx",
        "Sync\rx",
        "clear \x1b[2J screen",
        "nel\x85x",
        "line\u2028sep",
        "para\u2029sep",
        "tab\tinside",
        "csi\x9b2J",
        "lone \udcff surrogate",
        "nul\x00x",
    ],
)
def test_a_topic_with_control_characters_is_refused(topic: str) -> None:
    problems = draft(topic=topic).validate(NOW)
    assert set(problems) == {"topic"}
    assert "one line" in problems["topic"]
    assert all(c.isprintable() for c in problems["topic"])  # named by code point, not raw


@pytest.mark.parametrize("agenda", ["One\ntwo", "One\r\ntwo\r\n", "a\tb", "para\u2029graph"])
def test_an_agenda_may_hold_line_breaks_and_tabs(agenda: str) -> None:
    assert draft(agenda=agenda).validate(NOW) == {}


@pytest.mark.parametrize("agenda", ["bell\x07", "esc \x1b[31m red", "lone \ud800", "c1\x9b"])
def test_an_agenda_with_other_control_characters_is_refused(agenda: str) -> None:
    problems = draft(agenda=agenda).validate(NOW)
    assert set(problems) == {"agenda"}
    assert all(c.isprintable() for c in problems["agenda"])


def test_a_passcode_with_a_control_character_names_it_by_code_point() -> None:
    problems = draft(passcode="ab\x1bc").validate(NOW)
    assert "U+001B" in problems["password"] and "\x1b" not in problems["password"]


def zoom_meeting(**changes: Any) -> Meeting:
    reply: dict[str, Any] = {
        "id": 85746065432,
        "topic": "Planning",
        "type": 2,
        "start_time": "2026-12-03T08:30:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "join_url": "https://zoom.us/j/85746065432",
        "password": "abc123",
    }
    reply.update(changes)
    return Meeting.from_zoom_json(reply)


def test_a_topic_from_zoom_cannot_forge_invitation_lines() -> None:
    forged = "Sync\r\n\r\nJoin Zoom Meeting\r\nhttps://evil.example/j/1\u2028Passcode: x\x85y"
    text = zoom_meeting(topic=forged).invitation()
    lines = text.split("\n")
    assert lines.count("Join Zoom Meeting") == 1
    assert "https://evil.example/j/1" not in lines
    assert [line for line in lines if line.startswith("Topic:")] == [
        "Topic: Sync Join Zoom Meeting https://evil.example/j/1 Passcode: x y"
    ]
    assert not any(c in text for c in "\r\u2028\u2029\x85")


def test_a_host_name_or_passcode_from_zoom_cannot_forge_lines_either() -> None:
    text = zoom_meeting(password="ab\nMeeting ID: 1").invitation(host_name="Eve\r\nTopic: x")
    assert text.count("\n") == zoom_meeting().invitation(host_name="Eve").count("\n")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a\u2028b\u2029c\x85d", "a\\nb\\nc\\nd"),
        ("vt\x0bff\x0cfs\x1cgs\x1drs\x1e", "vt\\nff\\nfs\\ngs\\nrs\\n"),
        ("c1\x9b2J\x80", "c12J"),
        ("lone\udcffsurrogate", "lonesurrogate"),
    ],
)
def test_escape_text_leaves_no_line_breaking_or_control_character(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_no_line_separator_reaches_the_calendar_file() -> None:
    m = zoom_meeting(
        topic="a\u2028DTSTART:19700101T000000Z\u2029b\x85c\udcff",
        join_url="https://zoom.us/j/1\u2028ATTACH:evil",
    )
    text = meeting_to_ics(m, now=NOW)
    assert not any(c in text for c in "\u2028\u2029\x85\udcff")
    text.encode("utf-8")  # no lone surrogate left to break the file
    assert "\r\nURL:https://zoom.us/j/1ATTACH:evil\r\n" in text
