"""The time zone catalogue: zones labelled as Zoom labels them, with their offsets and
abbreviations, the legacy names it knows but does not list, and the search (spaces for
underscores, the city alone, abbreviations, trimmed labels, ranked) down to the one zone a
finished search means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from zoomdesk.core.timezones import (
    Catalog,
    Zone,
    cached_catalog,
    find_zones,
    load_catalog,
    make_zone,
    name_in_label,
    offset_text,
    place_name,
    resolve_zone,
    search_key,
    search_text,
    unbroken,
    unbroken_zones,
)

WINTER = datetime(2030, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2030, 7, 15, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(WINTER)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "(GMT+00:00)"), (60, "(GMT+01:00)"), (330, "(GMT+05:30)"), (-210, "(GMT-03:30)"),
     (-600, "(GMT-10:00)"), (825, "(GMT+13:45)")],
)  # fmt: skip
def test_offset_text(minutes: int, text: str) -> None:
    assert offset_text(timedelta(minutes=minutes)) == text


def test_labels_carry_the_offset_at_the_given_moment() -> None:
    berlin = "Amsterdam, Berlin, Rome, Stockholm, Vienna"
    assert make_zone("Europe/Berlin", WINTER).label == f"(GMT+01:00) {berlin}"
    assert make_zone("Europe/Berlin", SUMMER).label == f"(GMT+02:00) {berlin}"
    assert make_zone("Asia/Kolkata", WINTER).label == "(GMT+05:30) Mumbai, Kolkata, New Delhi"


def test_zones_show_as_zoom_shows_them() -> None:
    zone = make_zone("America/Los_Angeles", WINTER)
    assert zone.label == "(GMT-08:00) Pacific Time (US and Canada)" and zone.zoom
    assert make_zone("America/New_York", SUMMER).label == "(GMT-04:00) Eastern Time (US and Canada)"
    # Zones Zoom does not list: their city, as people say it.
    creston = make_zone("America/Creston", WINTER)
    assert creston.label == "(GMT-07:00) Creston" and not creston.zoom
    assert make_zone("US/Eastern", WINTER).label == "(GMT-05:00) US/Eastern"


@pytest.mark.parametrize(
    ("name", "place"),
    [("America/New_York", "New York"), ("America/Indiana/Knox", "Knox, Indiana"),
     ("America/Port-au-Prince", "Port-au-Prince"), ("Etc/GMT+5", "Etc/GMT+5"),
     ("US/Eastern", "US/Eastern")],
)  # fmt: skip
def test_place_name(name: str, place: str) -> None:
    assert place_name(name) == place


def test_every_label_names_one_zone(catalog: Catalog) -> None:
    labels = [z.label for z in catalog.zones]
    assert len(labels) == len(set(labels))
    # Zoom's whole list is offered (but the one name zoneinfo does not know).
    listed = {z.name for z in catalog.zones if z.zoom}
    assert {"America/Los_Angeles", "Canada/Atlantic", "Etc/Greenwich", "CET"} <= listed
    assert "SST" not in listed


@pytest.mark.parametrize(
    ("text", "name"),
    [("(UTC+01:00) Europe/Berlin", "Europe/Berlin"), ("(GMT-05:00) US/Eastern", "US/Eastern"),
     ("Europe/Paris", "Europe/Paris"), ("(GMT+01:00)", "(GMT+01:00)"), ("nowhere", "nowhere")],
)  # fmt: skip
def test_name_in_label(text: str, name: str) -> None:
    assert name_in_label(text) == name


def test_catalog_lists_canonical_zones_sorted_by_offset() -> None:
    catalog = load_catalog(WINTER)
    names = [z.name for z in catalog.zones]
    assert {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"} <= set(names)
    assert "US/Eastern" not in names and "EST5EDT" not in names  # legacy aliases
    assert "CET" in names  # Zoom lists that one
    assert catalog.system in names
    offsets = [z.offset for z in catalog.zones]
    assert offsets == sorted(offsets)
    assert cached_catalog() is catalog
    # The legacy names are in it too, not offered but known (and read off the GUI thread).
    others = {z.name: z for z in catalog.others}
    assert {"US/Eastern", "EST5EDT", "Etc/GMT+5"} <= set(others)
    assert not set(others) & set(names)
    assert others["US/Eastern"].label == "(GMT-05:00) US/Eastern"


def test_zones_carry_their_abbreviations() -> None:
    assert make_zone("Europe/Berlin", WINTER).abbreviations == ("CET", "CEST")
    assert make_zone("America/New_York", SUMMER).abbreviations == ("EDT", "EST")
    assert make_zone("Asia/Dubai", WINTER).abbreviations == ()  # "+04" is no name


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("  New   York ", "new york"), ("(UTC+01:00) Europe/Berl", "+01:00 europe/berl"),
     ("(GMT-08:00) Pacific", "-08:00 pacific"), ("UTC -05:00", "-05:00"), ("utc", "utc"),
     ("CET", "cet")],
)  # fmt: skip
def test_search_text(text: str, wanted: str) -> None:
    assert search_text(text) == wanted


def test_search_key_holds_the_name_the_words_and_the_abbreviations() -> None:
    key = search_key(make_zone("America/New_York", WINTER))
    assert key == (
        "-05:00 eastern time (us and canada) | -05:00 america/new_york | america/new york | "
        "america new york | est | edt | et"
    )
    assert "utc" not in key and "gmt" not in key  # not every zone for "utc" or "gmt"
    assert search_key(make_zone("America/Port-au-Prince", WINTER)).startswith(
        "-05:00 port-au-prince | -05:00 america/port-au-prince | america/port au prince | "
    )


def labels(zones: list[Zone]) -> list[str]:
    return [zone.label for zone in zones]


@pytest.mark.parametrize(
    "text",
    ["new york", "New York", "NEW YORK", "york", "america new york", "America/New York",
     "new_york", "  new   york "],
)  # fmt: skip
def test_search_takes_spaces_for_underscores_and_the_city_alone(
    catalog: Catalog, text: str
) -> None:
    assert labels(find_zones(catalog.zones, text)) == ["(GMT-05:00) Eastern Time (US and Canada)"]


def test_search_finds_cities_trimmed_labels_and_abbreviations(catalog: Catalog) -> None:
    def found(text: str) -> list[str]:
        return labels(find_zones(catalog.zones, text))

    berlin = "(GMT+01:00) Amsterdam, Berlin, Rome, Stockholm, Vienna"
    assert found("kolkata") == ["(GMT+05:30) Mumbai, Kolkata, New Delhi"]
    assert found("port au prince") == ["(GMT-05:00) Port-au-Prince"]
    assert found("(UTC+01:00) Europe/Berl") == [berlin]  # the old labels, trimmed
    assert found("(GMT+01:00) Amsterdam, Berl") == [berlin]
    # CET finds the zones that use it, and only those (winter or summer time alike).
    cet = found("CET")
    assert berlin in cet and "(GMT+01:00) Paris" in cet
    assert all(label.startswith("(GMT+01:00)") for label in cet)
    assert "(GMT-08:00) Pacific Time (US and Canada)" in found("pst")
    # "UTC" finds the zone UTC, not every label that starts with "(GMT".
    utc = found("utc")
    assert utc[0] == "(GMT+00:00) Universal Time UTC" and len(utc) <= 2  # system: Etc/UTC?
    # Every America/ zone, Zoom's own first.
    america = find_zones(catalog.zones, "america")
    assert {z.name for z in america} == {z.name for z in catalog.zones if "America/" in z.name}
    assert [z.zoom for z in america] == sorted((z.zoom for z in america), reverse=True)


@pytest.mark.parametrize(
    ("text", "first"),
    [("pacific", "America/Los_Angeles"), ("Pacific", "America/Los_Angeles"),
     ("EST", "America/New_York"), ("est", "America/New_York"), ("eastern", "America/New_York"),
     ("ET", "America/New_York"), ("CST", "America/Chicago"), ("pst", "America/Los_Angeles"),
     ("cet", "Europe/Berlin"), ("ist", "Asia/Kolkata"), ("gmt", "Europe/London"),
     ("mountain", "America/Denver"), ("india", "Asia/Calcutta"), ("london", "Europe/London"),
     ("creston", "America/Creston"), ("America/Creston", "America/Creston")],
)  # fmt: skip
def test_search_ranks_the_zone_people_mean_first(catalog: Catalog, text: str, first: str) -> None:
    found = find_zones(catalog.zones, text)
    assert found[0].name == first
    # The IANA name is still searchable, e.g. the Pacific/ zones for "pacific".
    if text.lower() == "pacific":
        assert "Pacific/Midway" in {z.name for z in found}
    if text.lower() == "est":
        names = [z.name for z in found]
        assert names.index("America/Creston") > names.index("America/New_York")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("cet", "CET"), ("est5edt", "EST5EDT"), ("US/Eastern", "US/Eastern"),
     ("Europe/berlin", "Europe/Berlin"), ("europe/berlin ", "Europe/Berlin"), ("utc", "UTC"),
     ("new york", "America/New_York"), ("kolkata", "Asia/Kolkata"),
     ("(UTC+01:00) Europe/Berl", "Europe/Berlin"), ("xyz", None), ("new", None), ("  ", None),
     ("est", "America/New_York"), ("london", "Europe/London"), ("pacific", None),
     ("Pacific Time (US and Canada)", "America/Los_Angeles")],
)  # fmt: skip
def test_a_finished_search_means_one_zone_or_none(
    catalog: Catalog, typed: str, zone: str | None
) -> None:
    # A real zone key typed in any case is taken; text that finds several or none is not.
    known = {z.name for z in catalog.zones + catalog.others}
    assert resolve_zone(typed, catalog.zones, known) == zone


def test_names_not_known_are_not_taken(catalog: Catalog) -> None:
    assert resolve_zone("est5edt", catalog.zones, set()) is None
    assert resolve_zone("cet", catalog.zones, {"CET"}) == "CET"


def test_zone_names_in_messages_are_made_unbreakable() -> None:
    assert unbroken("America/Port-au-Prince") == "America/\u2060Port\u2011au\u2011Prince"
    assert (
        unbroken("Pacific Time (US and Canada)")
        == "Pacific\u00a0Time\u00a0(US\u00a0and\u00a0Canada)"
    )
    text = "No time zone called “America/Argentina/Buenos_Aires”, nor Etc/GMT+5; and/or UTC."
    assert unbroken_zones(text) == (
        "No time zone called “America/\u2060Argentina/\u2060Buenos_Aires”, nor "
        "Etc/\u2060GMT+5; and/or UTC."
    )
