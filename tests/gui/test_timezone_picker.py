"""The time-zone picker: zones as Zoom labels them, with offsets; search by any part (spaces
for underscores, the city alone, abbreviations, the IANA name), the best match first; typed
names, and when a search is done."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from meeting_fakes import press_key, spy_zone_lookups, type_keys, where_keys_go
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from zoomdesk.core.timezones import load_catalog
from zoomdesk.ui.meeting.timezone_picker import TimezonePicker

WINTER = datetime(2030, 1, 15, 12, tzinfo=UTC)


def make_picker(qtbot: QtBot) -> TimezonePicker:
    picker = TimezonePicker()
    qtbot.addWidget(picker)
    picker.set_zones(load_catalog(WINTER).zones)
    picker.show()
    return picker


def focus(qtbot: QtBot, picker: TimezonePicker) -> None:
    """Keyboard focus to ``picker`` in its active window (where the user's keys then go)."""
    picker.window().activateWindow()
    qtbot.waitUntil(picker.window().isActiveWindow)
    picker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker)


def test_completer_filters_contains_any_case(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    completer = picker.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.completionMode() == QCompleter.CompletionMode.PopupCompletion
    completer.setCompletionPrefix("berl")
    found = [completer.completionModel().index(i, 0).data()
             for i in range(completer.completionModel().rowCount())]  # fmt: skip
    assert found == ["(GMT+01:00) Amsterdam, Berlin, Rome, Stockholm, Vienna"]
    completer.setCompletionPrefix("new_y")
    assert completer.currentCompletion() == "(GMT-05:00) Eastern Time (US and Canada)"


def test_typing_a_search_then_choosing_selects_the_zone(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    seen: list[str] = []
    picker.zoneChanged.connect(seen.append)
    type_search(qtbot, picker, "kolk")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    press_key(qtbot, Qt.Key.Key_Down)
    press_key(qtbot, Qt.Key.Key_Return)
    assert picker.zone() == "Asia/Kolkata"
    assert seen[-1] == "Asia/Kolkata"


def test_set_zone_and_typed_names(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    picker.set_zone("America/New_York")
    assert picker.currentText() == "(GMT-05:00) Eastern Time (US and Canada)"
    assert picker.zone() == "America/New_York"
    picker.setEditText("Europe/Paris")  # a bare name typed in full
    assert picker.zone() == "Europe/Paris"
    picker.setEditText("nowhere")  # left for validation to explain
    assert picker.zone() == "nowhere"


def test_an_alias_from_zoom_is_added_and_kept(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    picker.set_zone("US/Eastern")
    assert picker.zone() == "US/Eastern"
    assert picker.currentText().endswith(") US/Eastern")


def test_zone_set_before_the_list_arrives_survives(qtbot: QtBot) -> None:
    picker = TimezonePicker()
    qtbot.addWidget(picker)
    picker.set_zone("Asia/Tokyo")
    assert picker.zone() == "Asia/Tokyo"
    picker.set_zones(load_catalog(WINTER).zones)
    assert picker.currentText() == "(GMT+09:00) Osaka, Sapporo, Tokyo"


def found(picker: TimezonePicker, text: str) -> list[str]:
    """The labels the popup lists for ``text``."""
    completer = picker.completer()
    completer.setCompletionPrefix(text)
    model = completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


@pytest.mark.parametrize(
    "text",
    ["new york", "New York", "NEW YORK", "york", "america new york", "America/New York",
     "new_york", "  new   york "],
)  # fmt: skip
def test_search_takes_spaces_for_underscores_and_the_city_alone(qtbot: QtBot, text: str) -> None:
    assert found(make_picker(qtbot), text) == ["(GMT-05:00) Eastern Time (US and Canada)"]


def test_search_finds_cities_trimmed_labels_and_abbreviations(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    assert found(picker, "kolkata") == ["(GMT+05:30) Mumbai, Kolkata, New Delhi"]
    assert found(picker, "port au prince") == ["(GMT-05:00) Port-au-Prince"]
    # A label the user trimmed from the end still finds its zone.
    assert found(picker, "(GMT+01:00) Amsterdam, Berl") == [
        "(GMT+01:00) Amsterdam, Berlin, Rome, Stockholm, Vienna"
    ]
    # The zone database's own abbreviations: CET finds the zones that use it, and
    # only those (winter or summer time alike).
    cet = found(picker, "CET")
    assert (
        "(GMT+01:00) Amsterdam, Berlin, Rome, Stockholm, Vienna" in cet
        and "(GMT+01:00) Paris" in cet
    )
    assert all(label.startswith("(GMT+01:00)") for label in cet)
    assert found(picker, "pst")[0] == "(GMT-08:00) Pacific Time (US and Canada)"
    # "UTC" finds the zone UTC, not every label that starts with "(GMT".
    utc = found(picker, "utc")
    assert "(GMT+00:00) Universal Time UTC" in utc and len(utc) <= 2  # system: Etc/UTC?
    # What the field shows for a match is its label, never the search text.
    completer = picker.completer()
    completer.setCompletionPrefix("new york")
    assert completer.currentCompletion() == "(GMT-05:00) Eastern Time (US and Canada)"


def type_search(qtbot: QtBot, picker: TimezonePicker, text: str) -> None:
    """Type ``text`` over the field's text, as the user does: to the focus widget."""
    focus(qtbot, picker)
    picker.lineEdit().selectAll()
    type_keys(qtbot, text)


def test_typed_text_is_a_search_until_enter(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    committed: list[str] = []
    picker.zoneCommitted.connect(committed.append)
    assert not picker.is_searching()
    type_search(qtbot, picker, "new york")
    assert picker.is_searching() and picker.zone() == "new york" and committed == []
    popup = picker.completer().popup()
    assert popup.isVisible() and where_keys_go() is popup
    press_key(qtbot, Qt.Key.Key_Return)  # nothing highlighted: the one zone found
    assert not picker.is_searching()
    assert picker.zone() == "America/New_York"
    assert picker.currentText() == "(GMT-05:00) Eastern Time (US and Canada)"
    assert committed == ["America/New_York"]


def test_choosing_from_the_popup_commits_that_zone(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    committed: list[str] = []
    picker.zoneCommitted.connect(committed.append)
    first = found(picker, "CET")[0]
    type_search(qtbot, picker, "CET")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    press_key(qtbot, Qt.Key.Key_Down)
    press_key(qtbot, Qt.Key.Key_Return)
    assert picker.currentText() == first and not picker.is_searching()
    assert committed == [picker.zone()] and picker.zone() == "Europe/Berlin"


def search_dialog(qtbot: QtBot) -> tuple[QDialog, TimezonePicker, QLineEdit, list[str]]:
    """The picker in a dialog with another field and a default button (its clicks listed)."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    picker, other, button = TimezonePicker(), QLineEdit(), QPushButton("Create")
    button.setDefault(True)
    layout = QVBoxLayout(dialog)
    for widget in (picker, other, button):
        layout.addWidget(widget)
    picker.set_zones(load_catalog(WINTER).zones)
    events: list[str] = []
    button.clicked.connect(lambda: events.append("clicked"))
    picker.zoneCommitted.connect(lambda zone: events.append(f"committed {zone}"))
    dialog.show()
    focus(qtbot, picker)
    return dialog, picker, other, events


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("cet", "CET"), ("est5edt", "EST5EDT"), ("Europe/berlin", "Europe/Berlin"),
     ("utc", "UTC"), ("xyz", "xyz"), ("new", "new")],
)  # fmt: skip
def test_enter_ends_the_search_without_pressing_the_default_button(
    qtbot: QtBot, typed: str, zone: str
) -> None:
    _dialog, picker, _other, events = search_dialog(qtbot)
    type_search(qtbot, picker, typed)
    picker.completer().popup().hide()  # Enter in the field itself, as with no match
    assert where_keys_go() is picker  # not its line edit: the picker is its focus proxy
    press_key(qtbot, Qt.Key.Key_Return)
    # A real zone key typed in any case is taken; text that finds several or none stays.
    assert picker.zone() == zone and not picker.is_searching()
    assert events == [f"committed {zone}"]
    press_key(qtbot, Qt.Key.Key_Return)  # the search is over: now it creates
    assert events == [f"committed {zone}", "clicked"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_after_closing_the_popup_ends_the_search_too(qtbot: QtBot, key: Qt.Key) -> None:
    _dialog, picker, _other, events = search_dialog(qtbot)
    type_search(qtbot, picker, "kolkata")
    popup = picker.completer().popup()
    assert where_keys_go() is popup
    press_key(qtbot, Qt.Key.Key_Escape)  # closes the list, keeps the search
    assert not popup.isVisible() and picker.is_searching() and where_keys_go() is picker
    press_key(qtbot, key)
    assert events == ["committed Asia/Kolkata"] and picker.zone() == "Asia/Kolkata"
    press_key(qtbot, key)
    assert events == ["committed Asia/Kolkata", "clicked"]


def test_names_not_listed_are_known_without_reading_zone_files(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dialog, picker, _other, events = search_dialog(qtbot)
    lookups = spy_zone_lookups(monkeypatch)
    for typed, zone in [("est5edt", "EST5EDT"), ("US/Eastern", "US/Eastern"), ("qxz", "qxz")]:
        type_search(qtbot, picker, typed)
        picker.completer().popup().hide()
        press_key(qtbot, Qt.Key.Key_Return)
        assert picker.zone() == zone and picker.currentText().endswith(zone)
    picker.set_zone("Etc/GMT+5")  # from a meeting made elsewhere
    assert picker.currentText() == "(GMT-05:00) Etc/GMT+5"
    assert events == ["committed EST5EDT", "committed US/Eastern", "committed qxz"]
    assert lookups == []  # the catalog knew them all


def test_leaving_the_field_ends_the_search(qtbot: QtBot) -> None:
    _dialog, picker, other, events = search_dialog(qtbot)
    type_search(qtbot, picker, "Mars/Olympus")
    assert picker.is_searching() and events == []
    # Offscreen, the popup shown for "M" keeps the activation: give it back first.
    picker.completer().popup().hide()
    focus(qtbot, picker)
    assert picker.hasFocus() and picker.is_searching() and events == []
    other.setFocus()
    qtbot.waitUntil(lambda: not picker.is_searching())
    assert events == ["committed Mars/Olympus"] and picker.zone() == "Mars/Olympus"


def test_set_by_the_program_is_no_search(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    type_search(qtbot, picker, "berl")
    picker.set_zone("Asia/Tokyo")
    assert not picker.is_searching()
    picker.setEditText("nowhere")
    assert not picker.is_searching() and picker.zone() == "nowhere"


@pytest.mark.parametrize(
    ("typed", "first", "zone"),
    [("pacific", "(GMT-08:00) Pacific Time (US and Canada)", "America/Los_Angeles"),
     ("EST", "(GMT-05:00) Eastern Time (US and Canada)", "America/New_York"),
     ("eastern", "(GMT-05:00) Eastern Time (US and Canada)", "America/New_York"),
     ("america/los_angeles", "(GMT-08:00) Pacific Time (US and Canada)", "America/Los_Angeles")],
)  # fmt: skip
def test_the_zone_people_mean_is_listed_first_and_chosen_with_down_enter(
    qtbot: QtBot, typed: str, first: str, zone: str
) -> None:
    picker = make_picker(qtbot)
    type_search(qtbot, picker, typed)
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == first
    if typed == "pacific":  # the IANA names still find the Pacific/ zones, after it
        assert "(GMT-11:00) Midway Island, Samoa" in found(picker, typed)[1:]
    press_key(qtbot, Qt.Key.Key_Down)
    press_key(qtbot, Qt.Key.Key_Return)
    assert picker.zone() == zone and picker.currentText() == first


def test_the_list_shows_zoom_labels_with_the_iana_name_as_tooltip(qtbot: QtBot) -> None:
    picker = make_picker(qtbot)
    index = picker.findData("America/Los_Angeles")
    assert picker.itemText(index) == "(GMT-08:00) Pacific Time (US and Canada)"
    assert picker.itemData(index, Qt.ItemDataRole.ToolTipRole) == "America/Los_Angeles"
