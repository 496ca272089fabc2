"""recurrence_summary(): one natural line, right in the singular and the plural."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zoomdesk.core.meeting import (
    MeetingDraft,
    MeetingType,
    Recurrence,
    RecurrenceType,
    recurrence_summary,
)

DAILY, WEEKLY, MONTHLY = RecurrenceType.DAILY, RecurrenceType.WEEKLY, RecurrenceType.MONTHLY
END = date(2026, 12, 31)

CASES = [
    (Recurrence(DAILY, end_date=END), "Every day, until 31 Dec 2026"),
    (Recurrence(DAILY, 3, end_times=10), "Every 3 days, 10 times"),
    (Recurrence(DAILY, end_times=1), "Every day, once"),
    (Recurrence(DAILY, end_times=2), "Every day, 2 times"),
    (Recurrence(WEEKLY, 1, (2,), end_times=4), "Weekly on Mon, 4 times"),
    (Recurrence(WEEKLY, 2, (4, 2), end_times=6), "Every 2 weeks on Mon and Wed, 6 times"),
    (
        Recurrence(WEEKLY, 1, (1, 2, 6), end_date=END),
        "Weekly on Mon, Fri and Sun, until 31 Dec 2026",
    ),
    (Recurrence(WEEKLY, 1, (2, 3, 4, 5, 6), end_times=20), "Every weekday, 20 times"),
    (
        Recurrence(WEEKLY, 2, (2, 3, 4, 5, 6), end_times=20),
        "Every 2 weeks on Mon, Tue, Wed, Thu and Fri, 20 times",
    ),
    (Recurrence(MONTHLY, 1, monthly_day=15, end_times=12), "Monthly on day 15, 12 times"),
    (
        Recurrence(MONTHLY, 3, monthly_day=1, end_date=END),
        "Every 3 months on day 1, until 31 Dec 2026",
    ),
    (
        Recurrence(MONTHLY, 2, monthly_week=-1, monthly_week_day=6, end_date=date(2027, 6, 30)),
        "Every 2 months on the last Friday, until 30 Jun 2027",
    ),
    (
        Recurrence(MONTHLY, 1, monthly_week=2, monthly_week_day=3, end_times=5),
        "Monthly on the second Tuesday, 5 times",
    ),
    (
        Recurrence(MONTHLY, 1, monthly_week=1, monthly_week_day=1, end_times=5),
        "Monthly on the first Sunday, 5 times",
    ),
    (Recurrence(WEEKLY, 1), "Weekly"),  # nothing to say about the days or the end
]


@pytest.mark.parametrize(("rec", "text"), CASES, ids=[c[1] for c in CASES])
def test_summary(rec: Recurrence, text: str) -> None:
    assert recurrence_summary(rec) == text


def test_start_fills_the_days_the_pattern_leaves_open() -> None:
    wednesday = datetime(2026, 4, 1, 9, 30)
    assert (
        recurrence_summary(Recurrence(WEEKLY, end_times=3), wednesday) == "Weekly on Wed, 3 times"
    )
    assert (
        recurrence_summary(Recurrence(MONTHLY, end_times=3), wednesday)
        == "Monthly on day 1, 3 times"
    )


def test_a_draft_is_summarised_from_its_own_start() -> None:
    draft = MeetingDraft(
        topic="x",
        type=MeetingType.RECURRING_FIXED_TIME,
        start=datetime(2026, 4, 3, 9, 0),  # a Friday
        recurrence=Recurrence(WEEKLY, 2, end_times=6),
    )
    assert recurrence_summary(draft) == "Every 2 weeks on Fri, 6 times"
    assert recurrence_summary(MeetingDraft(topic="x")) == ""
