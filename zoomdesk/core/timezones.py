"""The time zone catalogue: every IANA zone with its current UTC offset, and the search over it.

Reading the zone database means opening a few hundred files (about 0.25 s on a
cold cache), so ``load_catalog`` blocks (the GUI runs it on its ``TaskRunner``,
once per process) and ``cached_catalog`` hands the result to every later caller
without waiting. It holds every zone zoneinfo lists, the legacy names too, so no
caller has to read a zone file to tell whether a name is a zone.

The search is forgiving: ``new york`` finds ``America/New_York`` (underscores
match spaces), ``kolkata`` the city alone, ``CET`` the zones that use that
abbreviation. ``resolve_zone`` says which one zone a finished search means,
names the list leaves out (``US/Eastern``, ``CET``, ``EST5EDT``) included.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from zoomdesk.core.systz import system_timezone

# Canonical region prefixes; the rest of the database (``US/Eastern``, ``EST5EDT``,
# ``Etc/GMT+5`` ...) are legacy aliases that only make the list longer.
_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


@dataclass(frozen=True)
class Zone:
    """One entry of the list: ``name`` is what Zoom gets, ``label`` what the user reads.

    ``abbreviations`` (``CET``, ``CEST``) are the ones the zone database gives the
    zone in winter and summer; the search finds them, Zoom never sees them.
    """

    name: str
    label: str
    offset: timedelta
    abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The system's zone and every zone offered, sorted by offset then name.

    ``others`` are the rest of the zones zoneinfo lists (``US/Eastern``, ``CET``,
    ``EST5EDT`` ...): never offered, but a meeting made elsewhere may use one and a
    user may type one.
    """

    system: str
    zones: tuple[Zone, ...]
    others: tuple[Zone, ...] = ()


def offset_text(offset: timedelta) -> str:
    """``(UTC+05:30)`` style text for an offset."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(UTC{sign}{hours:02d}:{mins:02d})"


def name_in_label(text: str) -> str:
    """The zone name in a label such as ``(UTC+01:00) Europe/Berlin``; other text as it is."""
    return text.split(") ", 1)[1] if text.startswith("(UTC") and ") " in text else text


def _abbreviations(tz: tzinfo, now: datetime) -> tuple[str, ...]:
    """The zone's letter abbreviations now, in January and in July (``+03`` style ones left out)."""
    found: list[str] = []
    for moment in (now, now.replace(month=1, day=15), now.replace(month=7, day=15)):
        name = moment.astimezone(tz).tzname() or ""
        if name.isalpha() and name not in found:
            found.append(name)
    return tuple(found)


def make_zone(name: str, now: datetime | None = None) -> Zone:
    """The entry for ``name`` with its UTC offset at ``now`` (blocking: reads the zone file)."""
    now = now or datetime.now(UTC)
    tz = ZoneInfo(name)
    offset = now.astimezone(tz).utcoffset() or timedelta(0)
    return Zone(name, f"{offset_text(offset)} {name}", offset, _abbreviations(tz, now))


def load_catalog(now: datetime | None = None) -> Catalog:
    """Read the zone database and the system zone. Blocking: the GUI runs it on the TaskRunner."""
    global _cache
    now = now or datetime.now(UTC)
    every = available_timezones()
    names = {n for n in every if n.startswith(_REGIONS)} | {"UTC"}
    system = system_timezone()
    names.add(system)
    zones = tuple(sorted((make_zone(n, now) for n in names), key=lambda z: (z.offset, z.name)))
    others = tuple(make_zone(n, now) for n in sorted(every - names))
    catalog = Catalog(system, zones, others)
    with _lock:
        _cache = catalog
    return catalog


def cached_catalog() -> Catalog | None:
    """The catalog loaded earlier in this process, if any."""
    with _lock:
        return _cache


# Written by load_catalog on a worker thread, read from the GUI thread.
_cache: Catalog | None = None
_lock = threading.Lock()

_UTC_BEFORE_SIGN = re.compile(r"utc ?(?=[+-])")


def search_text(text: str) -> str:
    """What a search for ``text`` looks for: lower case, single spaces, no brackets,
    ``UTC+01:00`` as ``+01:00`` (so a label typed or trimmed still finds its zone)."""
    text = " ".join(text.replace("(", " ").replace(")", " ").split()).lower()
    return _UTC_BEFORE_SIGN.sub("", text)


def search_key(zone: Zone) -> str:
    """Everything a search for ``zone`` may match: ``+01:00 europe/berlin``, the name with
    spaces for ``_`` and ``-`` (``america/new york``), the bare words, the abbreviations."""
    offset = offset_text(zone.offset)[4:-1]  # "+01:00": "utc" alone should find only UTC
    spaced = zone.name.replace("_", " ").replace("-", " ")
    parts = (f"{offset} {zone.name}", spaced, spaced.replace("/", " "), *zone.abbreviations)
    return " | ".join(parts).lower()


def find_zones(zones: Sequence[Zone], text: str) -> list[Zone]:
    """The zones a search for ``text`` finds, in list order (what the popup shows)."""
    wanted = search_text(text)
    return [zone for zone in zones if wanted in search_key(zone)]


def resolve_zone(text: str, zones: Sequence[Zone], known: Container[str]) -> str | None:
    """The one zone a finished search for ``text`` means, or None (several, or none).

    ``zones`` are those listed; ``known`` every name that is a zone, listed or not.
    A label matched whole is the caller's to find first: it knows what it shows.
    """
    text = text.strip()
    if not text:
        return None
    wanted = search_text(text)
    # The name itself, in any case, spaces for underscores: "utc", "europe/berlin".
    # It wins over the search, which may find it inside other names ("Etc/UTC").
    named = [
        z for z in zones if wanted in {search_text(z.name), search_text(z.name.replace("_", " "))}
    ]
    if len(named) == 1:
        return named[0].name
    found = find_zones(zones, text)
    if len(found) == 1:
        return found[0].name
    # A real zone name we do not list, such as CET or EST5EDT (any case).
    for name in (text, text.upper()):
        if name in known:
            return name
    return None
