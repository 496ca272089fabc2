"""Date words in plain English: month and weekday names, Zoom's weekday numbers, lists.

Names are spelled out here rather than taken from ``strftime`` (``%a``, ``%b``),
whose output follows the process locale: the text must not change language
halfway through a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Zoom's weekday numbers: 1 = Sunday ... 7 = Saturday.
WEEKDAY_ABBR = {1: "Sun", 2: "Mon", 3: "Tue", 4: "Wed", 5: "Thu", 6: "Fri", 7: "Sat"}
WEEKDAY_NAME = {
    1: "Sunday",
    2: "Monday",
    3: "Tuesday",
    4: "Wednesday",
    5: "Thursday",
    6: "Friday",
    7: "Saturday",
}
WEEK_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def zoom_weekday(day: date) -> int:
    """Zoom's weekday number of ``day`` (1 = Sunday)."""
    return (day.weekday() + 1) % 7 + 1


def format_date(day: date) -> str:
    """``31 Dec 2026``."""
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
