"""The time zone catalogue: every IANA zone with its current offset and a name people know.

Reading the zone database means opening a few hundred files (about 0.25 s on a
cold cache), so ``load_catalog`` blocks (the GUI runs it on its ``TaskRunner``,
once per process) and ``cached_catalog`` hands the result to every later caller
without waiting. It holds every zone zoneinfo lists, the legacy names too, so no
caller has to read a zone file to tell whether a name is a zone.

Zones show as Zoom shows them, ``(GMT-08:00) Pacific Time (US and Canada)``:
Zoom's own label for the zones in its list (``zone_names``, which says why a
table and not Qt or babel), the city for the others (``(GMT-07:00) Creston``).

The search is forgiving: ``new york`` finds ``America/New_York`` (underscores
match spaces), ``kolkata`` the city alone, ``CET`` the zones that use that
abbreviation, the IANA name always. It ranks what it finds (``find_zones``):
the zone an abbreviation usually means, then exact names, then words that
start the label, then the IANA name, so ``pacific`` lists Los Angeles before
Pacific/Midway and ``EST`` New York before America/Creston. ``resolve_zone``
says which one zone a finished search means, names the list leaves out
(``US/Eastern``, ``EST5EDT``) included.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from zoomdesk.core.systz import system_timezone
from zoomdesk.core.zone_names import MAIN_ZONE, ZOOM_LABELS

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

    ``title`` is the label without its offset (Zoom's words, or the city), and
    ``zoom`` says the zone is in Zoom's own list. ``abbreviations`` (``CET``,
    ``CEST``) are the ones the zone database gives the zone in winter and summer;
    the search finds them, Zoom never sees them.
    """

    name: str
    label: str
    offset: timedelta
    abbreviations: tuple[str, ...] = ()
    title: str = ""
    zoom: bool = False


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
    """``(GMT+05:30)``, as Zoom writes an offset."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(GMT{sign}{hours:02d}:{mins:02d})"


def name_in_label(text: str) -> str:
    """The text after the offset of a label such as ``(GMT-05:00) US/Eastern``; other text
    as it is. (A zone's own label is the picker's to match: only it knows the names.)"""
    if text.startswith(("(GMT", "(UTC")) and ") " in text:
        return text.split(") ", 1)[1]
    return text


def place_name(name: str) -> str:
    """The city of an IANA name, as people say it: ``New York``, ``Knox, Indiana``.

    Names outside the regions (``US/Eastern``, ``Etc/GMT+5``) are left as they are:
    they name no place.
    """
    if not name.startswith(_REGIONS):
        return name
    parts = [part.replace("_", " ") for part in name.split("/")[1:]]
    return ", ".join(reversed(parts))


def unbroken(name: str) -> str:
    """``name`` for a wrapped label that must not break it across lines: no-break
    spaces and hyphens, and a word joiner after each ``/`` (where Qt would break)."""
    return name.replace(" ", "\u00a0").replace("-", "\u2011").replace("/", "/\u2060")


_IANA_NAME = re.compile(r"\b[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+")


def unbroken_zones(text: str) -> str:
    """``text`` with every IANA-style name in it (``America/Port-au-Prince``) ``unbroken``."""
    return _IANA_NAME.sub(lambda m: unbroken(m.group(0)), text)


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
    title = ZOOM_LABELS.get(name) or place_name(name)
    return Zone(
        name,
        f"{offset_text(offset)} {title}",
        offset,
        _abbreviations(tz, now),
        title=title,
        zoom=name in ZOOM_LABELS,
    )


def _distinct(zones: list[Zone]) -> list[Zone]:
    """Zones whose label another one already has show their IANA name instead
    (``America/Louisville`` and ``America/Kentucky/Louisville``): a label names one zone."""
    seen: set[str] = set()
    out = []
    for zone in sorted(zones, key=lambda z: (not z.zoom, len(z.name), z.name)):
        if zone.label in seen:
            zone = replace(zone, title=zone.name, label=f"{offset_text(zone.offset)} {zone.name}")
        seen.add(zone.label)
        out.append(zone)
    return out


def load_catalog(now: datetime | None = None) -> Catalog:
    """Read the zone database and the system zone. Blocking: the GUI runs it on the TaskRunner."""
    global _cache
    now = now or datetime.now(UTC)
    every = available_timezones()
    names = {n for n in every if n.startswith(_REGIONS)} | {"UTC"}
    names |= every & ZOOM_LABELS.keys()  # Zoom's own list, CET and Canada/Atlantic included
    system = system_timezone()
    names.add(system)
    made = _distinct([make_zone(n, now) for n in names])
    zones = tuple(sorted(made, key=lambda z: (z.offset, z.name)))
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

_UTC_BEFORE_SIGN = re.compile(r"(?:utc|gmt) ?(?=[+-])")


def search_text(text: str) -> str:
    """What a search for ``text`` looks for: lower case, single spaces, no brackets,
    ``GMT+01:00`` (or ``UTC+01:00``) as ``+01:00``, so a label typed or trimmed still
    finds its zone."""
    text = " ".join(text.replace("(", " ").replace(")", " ").split()).lower()
    return _UTC_BEFORE_SIGN.sub("", text)


def _name_forms(zone: Zone) -> tuple[str, ...]:
    """The IANA name as it may be typed: ``america/new_york``, ``america/new york``,
    ``america new york``."""
    spaced = zone.name.replace("_", " ").replace("-", " ").lower()
    return zone.name.lower(), spaced, spaced.replace("/", " ")


def _nicknames(zone: Zone) -> tuple[str, ...]:
    """The abbreviations that mean this zone first (``et`` for New York), see ``MAIN_ZONE``."""
    return tuple(short for short, name in MAIN_ZONE.items() if name == zone.name)


def search_key(zone: Zone) -> str:
    """Everything a search for ``zone`` may match: ``+01:00`` with the label's words and
    with the name, the name with spaces for ``_`` and ``-`` (``america/new york``), the
    bare words, the abbreviations (``MAIN_ZONE``'s too)."""
    offset = offset_text(zone.offset)[4:-1]  # "+01:00": "gmt" alone should not find all
    name, spaced, words = _name_forms(zone)
    title = f"{offset} {zone.title.lower()}" if zone.title else ""
    abbreviations = dict.fromkeys([*(a.lower() for a in zone.abbreviations), *_nicknames(zone)])
    parts = (title, f"{offset} {name}", spaced, words, *abbreviations)
    return " | ".join(part for part in parts if part)


def _rank(zone: Zone, wanted: str, at_word: re.Pattern[str]) -> int | None:
    """How well ``zone`` answers a search for ``wanted`` (0 best); None when it does not."""
    names = _name_forms(zone)
    title = search_text(zone.title)
    checks = (
        MAIN_ZONE.get(wanted) == zone.name,  # "est": the zone people mean by it
        wanted in names or wanted == title,  # the zone's own name
        wanted in (a.lower() for a in zone.abbreviations),
        bool(at_word.search(title)),  # "pacific": Pacific Time (US and Canada)
        any(at_word.search(n) for n in names),  # "pacific": Pacific/Midway
    )
    for rank, hit in enumerate(checks):
        if hit:
            return rank
    return len(checks) if wanted in search_key(zone) else None  # "est" in "Creston"


def find_zones(zones: Sequence[Zone], text: str) -> list[Zone]:
    """The zones a search for ``text`` finds, best first (what the popup shows).

    Within a rank Zoom's own zones come first, then list order (by offset).
    """
    wanted = search_text(text)
    if not wanted:
        return list(zones)
    at_word = re.compile(r"(?<![a-z0-9])" + re.escape(wanted))
    ranked = []
    for place, zone in enumerate(zones):
        rank = _rank(zone, wanted, at_word)
        if rank is not None:
            ranked.append((rank, not zone.zoom, place, zone))
    return [zone for *_key, zone in sorted(ranked, key=lambda item: item[:3])]


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
    # The zone an abbreviation means ("est": New York), or a label typed whole ("london").
    listed = {z.name for z in zones}
    if MAIN_ZONE.get(wanted) in listed:
        return MAIN_ZONE[wanted]
    titled = [z for z in zones if search_text(z.title) == wanted]
    if len(titled) == 1:
        return titled[0].name
    found = find_zones(zones, text)
    if len(found) == 1:
        return found[0].name
    # A real zone name we do not list, such as CET or EST5EDT (any case).
    for name in (text, text.upper()):
        if name in known:
            return name
    return None
