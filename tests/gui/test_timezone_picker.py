"""The time-zone picker: IANA names with offsets, search by any part, typed names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter
from pytestqt.qtbot import QtBot

from zoomdesk.ui.timezone_picker import (
    TimezonePicker,
    cached_catalog,
    load_catalog,
    make_zone,
    offset_text,
)

WINTER = datetime(2030, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2030, 7, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "(UTC+00:00)"), (60, "(UTC+01:00)"), (330, "(UTC+05:30)"), (-210, "(UTC-03:30)"),
     (-600, "(UTC-10:00)"), (825, "(UTC+13:45)")],
)  # fmt: skip
def test_offset_text(minutes: int, text: str) -> None:
    assert offset_text(timedelta(minutes=minutes)) == text


def test_labels_carry_the_offset_at_the_given_moment() -> None:
    assert make_zone("Europe/Berlin", WINTER).label == "(UTC+01:00) Europe/Berlin"
    assert make_zone("Europe/Berlin", SUMMER).label == "(UTC+02:00) Europe/Berlin"
    assert make_zone("Asia/Kolkata", WINTER).label == "(UTC+05:30) Asia/Kolkata"


def test_catalog_lists_canonical_zones_sorted_by_offset() -> None:
    catalog = load_catalog(WINTER)
    names = [z.name for z in catalog.zones]
    assert {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"} <= set(names)
    assert "US/Eastern" not in names and "EST5EDT" not in names  # legacy aliases
    assert catalog.system in names
    offsets = [z.offset for z in catalog.zones]
    assert offsets == sorted(offsets)
    assert cached_catalog() is catalog


def make_picker(qtbot: QtBot) -> TimezonePicker:
    picker = TimezonePicker()
    qtbot.addWidget(picker)
    picker.setZones(load_catalog(WINTER).zones)
    picker.show()
    return picker


def test_completer_filters_contains_any_case(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    completer = picker.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.completionMode() == QCompleter.CompletionMode.PopupCompletion
    completer.setCompletionPrefix("berl")
    found = [completer.completionModel().index(i, 0).data()
             for i in range(completer.completionModel().rowCount())]  # fmt: skip
    assert found == ["(UTC+01:00) Europe/Berlin"]
    completer.setCompletionPrefix("new_y")
    assert completer.currentCompletion() == "(UTC-05:00) America/New_York"


def test_typing_a_search_then_choosing_selects_the_zone(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    seen: list[str] = []
    picker.zoneChanged.connect(seen.append)
    picker.lineEdit().clear()
    qtbot.keyClicks(picker.lineEdit(), "kolk")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.zone() == "Asia/Kolkata"
    assert seen[-1] == "Asia/Kolkata"


def test_set_zone_and_typed_names(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    picker.setZone("America/New_York")
    assert picker.currentText() == "(UTC-05:00) America/New_York"
    assert picker.zone() == "America/New_York"
    picker.setEditText("Europe/Paris")  # a bare name typed in full
    assert picker.zone() == "Europe/Paris"
    picker.setEditText("nowhere")  # left for validation to explain
    assert picker.zone() == "nowhere"


def test_an_alias_from_zoom_is_added_and_kept(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    picker.setZone("US/Eastern")
    assert picker.zone() == "US/Eastern"
    assert picker.currentText().endswith(") US/Eastern")


def test_zone_set_before_the_list_arrives_survives(qtbot: QtBot) -> None:
    picker = TimezonePicker()
    qtbot.addWidget(picker)
    picker.setZone("Asia/Tokyo")
    assert picker.zone() == "Asia/Tokyo"
    picker.setZones(load_catalog(WINTER).zones)
    assert picker.currentText() == "(UTC+09:00) Asia/Tokyo"
