"""Any meeting JSON Zoom could send, through every formatter and the list model: nothing raises.

Weird types, huge integers, far-future and far-past times, garbage strings, missing
keys and nested junk go through ``Meeting.from_zoom_json`` and then the meeting
list (every role of every cell), the details and success views, the invitation,
the ``.ics``, and the CLI's table, details and JSON. A second test skips the
parser and hands the formatters meetings built directly with extreme values.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from odd_meetings import HUGE
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zoomdesk.cli.output import emit_json, meeting_details, meeting_table, time_line
from zoomdesk.core.meeting import Meeting, Occurrence, Recurrence, RecurrenceType, meeting_to_ics
from zoomdesk.ui.meeting.success import SuccessView
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window.list_model import MeetingListModel, format_when
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ROLES = [Qt.ItemDataRole(r) for r in range(0, 14)] + [MeetingListModel.MeetingRole]
#: Viewers in the zones furthest from UTC (and a few ordinary ones).
VIEWERS = st.sampled_from(
    ["Asia/Tokyo", "UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Pago_Pago",
     "America/St_Johns", "Europe/Berlin"]
)  # fmt: skip
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- what Zoom could send -----------------------------------------------------------------------

BIG_INTS = st.sampled_from([HUGE, -HUGE, 2**31, 2**63, -(2**63), 10**300])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | BIG_INTS
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
ANY_DATETIME = st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59))
TIMES = st.one_of(
    ANY_DATETIME.map(lambda d: d.isoformat(timespec="seconds") + "Z"),
    ANY_DATETIME.map(lambda d: d.isoformat(timespec="seconds")),  # wall time in the zone
    st.tuples(ANY_DATETIME, st.integers(-23 * 60 - 59, 23 * 60 + 59)).map(
        lambda p: p[0].replace(tzinfo=timezone(timedelta(minutes=p[1]))).isoformat()
    ),
    st.sampled_from(
        [
            "9999-12-31T22:00:00Z",
            "9999-12-31T23:59:59-12:00",
            "0001-01-01T00:00:00+14:00",
            "0001-01-01T00:00:00Z",
            "2031-01-01T10:00:00Z",
            "",
            " ",
            "2030-02-30T10:00:00Z",
        ]
    ),
    st.text(max_size=25),
)
ZONES = st.sampled_from(
    ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "America/New_York", "Etc/GMT+12",
     "Nowhere/Land", "", "../../etc/passwd", "Asia/Tokyo\x00", "/usr/share/zoneinfo/UTC"]
) | st.text(max_size=15)  # fmt: skip
DURATIONS = st.integers(-(10**25), 10**25) | st.sampled_from([0, 30, 1800, HUGE]) | JUNK
NUMBERS = st.integers(-5, 100) | BIG_INTS | JUNK
RECURRENCE = st.fixed_dictionaries(
    {},
    optional={
        "type": st.integers(-1, 5) | JUNK,
        "repeat_interval": NUMBERS,
        "weekly_days": st.text("0123456789,-", max_size=12) | JUNK,
        "monthly_day": NUMBERS,
        "monthly_week": NUMBERS,
        "monthly_week_day": NUMBERS,
        "end_times": NUMBERS,
        "end_date_time": TIMES | JUNK,
    },
)
OCCURRENCE = st.fixed_dictionaries(
    {},
    optional={"occurrence_id": JUNK, "start_time": TIMES | JUNK, "duration": DURATIONS,
              "status": JUNK},
) | JUNK  # fmt: skip
MEETINGS = st.fixed_dictionaries(
    {"id": st.integers(1, 10**12) | st.integers(1, 10**12).map(str) | JUNK},
    optional={
        "uuid": st.text(max_size=24) | JUNK,
        "topic": st.text(max_size=60) | JUNK,
        "type": st.sampled_from([1, 2, 3, 8, 10]) | JUNK,
        "start_time": TIMES | JUNK,
        "duration": DURATIONS,
        "timezone": ZONES | JUNK,
        "join_url": st.text(max_size=40) | JUNK,
        "password": st.text(max_size=12) | JUNK,
        "agenda": st.text(max_size=80) | JUNK,
        "recurrence": RECURRENCE | JUNK,
        "occurrences": st.lists(OCCURRENCE, max_size=3) | JUNK,
        "settings": JUNK,
    },
)


@pytest.fixture
def views(qtbot: QtBot, runner: TaskRunner) -> tuple[MeetingListModel, SuccessView]:
    view = SuccessView(runner)
    qtbot.addWidget(view)
    return MeetingListModel(), view


def show_everywhere(
    meeting: Meeting, viewer: str, model: MeetingListModel, view: SuccessView, runner: TaskRunner
) -> None:
    """Every formatter of the app, the meeting seen from ``viewer``.

    The model's methods are called past their guard (``__wrapped__``): the guard would
    turn a failure into an empty cell, and this is about there being none to hide.
    """
    model.set_meetings([meeting, meeting], viewer, now=NOW)
    data, header = MeetingListModel.data.__wrapped__, MeetingListModel.headerData.__wrapped__
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in ROLES:
                data(model, model.index(row, column), role)
    for column in range(model.columnCount()):
        header(model, column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert isinstance(format_when(meeting.start, meeting.duration, viewer, NOW.date()), str)
    view.show_meeting(meeting, viewer, host_name="Sandy Box")
    dialog = MeetingDetailsDialog(meeting, viewer, runner)
    dialog.deleteLater()
    for zone in (viewer, None):
        assert f"Meeting ID: {meeting.formatted_id}" in meeting.invitation(zone, "Sandy Box")
    (event,) = Calendar.from_ical(meeting_to_ics(meeting, now=NOW)).walk("VEVENT")
    assert event.decoded("DTSTART") is not None
    here = ZoneInfo(viewer)
    assert time_line(meeting, here)
    assert meeting_details(meeting, here)


@SETTINGS
@given(data=MEETINGS, viewer=VIEWERS)
def test_any_meeting_json(
    views: tuple[MeetingListModel, SuccessView],
    runner: TaskRunner,
    data: dict[str, Any],
    viewer: str,
) -> None:
    model, view = views
    table = meeting_table([data], ZoneInfo(viewer))  # the CLI takes Zoom's items as they are
    assert len(table) == 2
    emit_json([data], io.StringIO())
    try:
        meeting = Meeting.from_zoom_json(data)
    except ValueError:
        assert table[1].startswith("?")  # no usable id: the table still lists it
        return
    show_everywhere(meeting, viewer, model, view, runner)


# -- meetings no parser would make --------------------------------------------------------------

OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
EXTREME_STARTS = st.none() | st.datetimes(
    datetime(1, 1, 1),
    datetime(9999, 12, 31, 23, 59, 59),
    timezones=OFFSETS | st.sampled_from([UTC, ZoneInfo("Asia/Tokyo"), ZoneInfo("Etc/GMT+12")]),
)
RECURRENCES = st.none() | st.builds(
    Recurrence,
    type=st.sampled_from(list(RecurrenceType)),
    repeat_interval=st.integers(-3, 100) | BIG_INTS,
    weekly_days=st.lists(st.integers(-3, 10) | BIG_INTS, max_size=3).map(tuple),
    monthly_day=st.none() | st.integers(-3, 40) | BIG_INTS,
    monthly_week=st.none() | st.integers(-3, 6),
    monthly_week_day=st.none() | st.integers(-3, 9),
    end_times=st.none() | st.integers(-3, 100) | BIG_INTS,
    end_date=st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31)),
)
OCCURRENCES = st.builds(
    Occurrence,
    occurrence_id=st.text(max_size=14),
    start=st.datetimes(
        datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), timezones=st.just(UTC)
    ),
    duration=st.integers(-(10**25), 10**25),
    status=st.sampled_from(["available", "deleted", ""]),
)
BUILT = st.builds(
    Meeting,
    id=st.integers(0, 10**20),
    uuid=st.text(max_size=8),
    topic=st.text(max_size=30),
    type=st.sampled_from([1, 2, 3, 8, 10, -1, 2**63]),
    start=EXTREME_STARTS,
    timezone=ZONES,
    duration=st.integers(-(10**25), 10**25) | st.sampled_from([0, 60, HUGE]),
    join_url=st.text(max_size=20),
    password=st.text(max_size=10),
    agenda=st.text(max_size=20),
    recurrence=RECURRENCES,
    occurrences=st.lists(OCCURRENCES, max_size=3).map(tuple),
    raw=st.fixed_dictionaries({}, optional={"start_time": TIMES}),
)


@SETTINGS
@given(meeting=BUILT, viewer=VIEWERS)
def test_any_meeting_value(
    views: tuple[MeetingListModel, SuccessView], runner: TaskRunner, meeting: Meeting, viewer: str
) -> None:
    model, view = views
    show_everywhere(meeting, viewer, model, view, runner)
