"""The time zone catalogue: IANA names with their offsets and abbreviations, the legacy
names it knows but does not list, and the search (spaces for underscores, the city
alone, abbreviations, trimmed labels) down to the one zone a finished search means."""

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
    resolve_zone,
    search_key,
    search_text,
)

WINTER = datetime(2030, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2030, 7, 15, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(WINTER)


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


@pytest.mark.parametrize(
    ("text", "name"),
    [("(UTC+01:00) Europe/Berlin", "Europe/Berlin"), ("(UTC-05:00) US/Eastern", "US/Eastern"),
     ("Europe/Paris", "Europe/Paris"), ("(UTC+01:00)", "(UTC+01:00)"), ("nowhere", "nowhere")],
)  # fmt: skip
def test_name_in_label(text: str, name: str) -> None:
    assert name_in_label(text) == name


def test_catalog_lists_canonical_zones_sorted_by_offset() -> None:
    catalog = load_catalog(WINTER)
    names = [z.name for z in catalog.zones]
    assert {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"} <= set(names)
    assert "US/Eastern" not in names and "EST5EDT" not in names  # legacy aliases
    assert catalog.system in names
    offsets = [z.offset for z in catalog.zones]
    assert offsets == sorted(offsets)
    assert cached_catalog() is catalog
    # The legacy names are in it too, not offered but known (and read off the GUI thread).
    others = {z.name: z for z in catalog.others}
    assert {"US/Eastern", "EST5EDT", "CET", "Etc/GMT+5"} <= set(others)
    assert not set(others) & set(names)
    assert others["US/Eastern"].label == "(UTC-05:00) US/Eastern"


def test_zones_carry_their_abbreviations() -> None:
    assert make_zone("Europe/Berlin", WINTER).abbreviations == ("CET", "CEST")
    assert make_zone("America/New_York", SUMMER).abbreviations == ("EDT", "EST")
    assert make_zone("Asia/Dubai", WINTER).abbreviations == ()  # "+04" is no name


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("  New   York ", "new york"), ("(UTC+01:00) Europe/Berl", "+01:00 europe/berl"),
     ("UTC -05:00", "-05:00"), ("utc", "utc"), ("CET", "cet")],
)  # fmt: skip
def test_search_text(text: str, wanted: str) -> None:
    assert search_text(text) == wanted


def test_search_key_holds_the_name_the_words_and_the_abbreviations() -> None:
    key = search_key(make_zone("America/New_York", WINTER))
    assert key == "-05:00 america/new_york | america/new york | america new york | est | edt"
    assert "utc" not in key  # a search for "utc" is for the zone of that name
    assert search_key(make_zone("America/Port-au-Prince", WINTER)).startswith(
        "-05:00 america/port-au-prince | america/port au prince | "
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
    assert labels(find_zones(catalog.zones, text)) == ["(UTC-05:00) America/New_York"]


def test_search_finds_cities_trimmed_labels_and_abbreviations(catalog: Catalog) -> None:
    def found(text: str) -> list[str]:
        return labels(find_zones(catalog.zones, text))

    assert found("kolkata") == ["(UTC+05:30) Asia/Kolkata"]
    assert found("port au prince") == ["(UTC-05:00) America/Port-au-Prince"]
    assert found("(UTC+01:00) Europe/Berl") == ["(UTC+01:00) Europe/Berlin"]
    # CET finds the zones that use it, and only those (winter or summer time alike).
    cet = found("CET")
    assert "(UTC+01:00) Europe/Berlin" in cet and "(UTC+01:00) Europe/Paris" in cet
    assert all(label.startswith("(UTC+01:00)") for label in cet)
    assert "(UTC-08:00) America/Los_Angeles" in found("pst")
    # "UTC" finds the zone UTC, not every label that starts with "(UTC".
    utc = found("utc")
    assert "(UTC+00:00) UTC" in utc and len(utc) <= 2  # the system zone may be Etc/UTC
    # In list order, as the popup shows them.
    assert found("america") == [z.label for z in catalog.zones if "America/" in z.name]


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("cet", "CET"), ("est5edt", "EST5EDT"), ("US/Eastern", "US/Eastern"),
     ("Europe/berlin", "Europe/Berlin"), ("europe/berlin ", "Europe/Berlin"), ("utc", "UTC"),
     ("new york", "America/New_York"), ("kolkata", "Asia/Kolkata"),
     ("(UTC+01:00) Europe/Berl", "Europe/Berlin"), ("xyz", None), ("new", None), ("  ", None)],
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
