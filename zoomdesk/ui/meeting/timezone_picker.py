"""A searchable time-zone picker: IANA names shown with their current UTC offset.

Reading the zone database means opening a few hundred files (about 0.25 s on a
cold cache), so ``load_catalog`` runs on the ``TaskRunner`` once per process;
``cached_catalog`` hands the result to every later dialog without waiting. It
holds every zone zoneinfo lists, the legacy names too, so the picker never reads
a zone file on the GUI thread to tell whether a name is a zone.

The search is forgiving: ``new york`` finds ``America/New_York`` (underscores
match spaces), ``kolkata`` the city alone, ``CET`` the zones that use that
abbreviation. The text typed is only a search until the user is done with it
(Enter, a choice from the list, or leaving the field): ``isSearching`` tells the
form not to call it a mistake yet, and ``zoneCommitted`` says when it is done.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

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

#: The item data role holding what the search looks in (see ``search_key``).
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


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
    """Read the zone database and the system zone. Blocking: run it on the TaskRunner."""
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


def find_zones(zones: tuple[Zone, ...] | list[Zone], text: str) -> list[Zone]:
    """The zones a search for ``text`` finds, in list order (what the popup shows)."""
    wanted = search_text(text)
    return [zone for zone in zones if wanted in search_key(zone)]


class _ZoneCompleter(QCompleter):
    """Matches the typed text against ``search_key`` but puts the label in the field."""

    def __init__(self, picker: QComboBox) -> None:
        super().__init__(picker.model(), picker)
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [search_text(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class TimezonePicker(QComboBox):
    """Editable combo box; typing filters the list (any part of the name, any case,
    spaces for underscores, abbreviations such as ``CET``)."""

    zoneChanged = Signal(str)
    #: The user is done with the field (Enter, a choice from the list, focus left);
    #: carries ``zone()``, which a search that found one zone has already chosen.
    zoneCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Typed text must never become a new item: it is only a search.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        self.setCompleter(_ZoneCompleter(self))
        edit = self.lineEdit()
        assert edit is not None  # editable combo boxes always have one
        edit.setPlaceholderText("Type to search, e.g. Berlin or New York")
        self._zones: dict[str, Zone] = {}
        self._names: set[str] = set()
        self._others: dict[str, Zone] = {}  # zones known but not listed, by name
        self._searching = False
        # textEdited (keys only, never setEditText) comes before currentTextChanged.
        edit.textEdited.connect(self._on_typed)
        edit.editingFinished.connect(self.commit)
        self.activated.connect(lambda _index: self.commit())
        self.currentTextChanged.connect(lambda _text: self.zoneChanged.emit(self.zone()))

    def setZones(self, zones: tuple[Zone, ...], others: tuple[Zone, ...] | None = None) -> None:
        """Fill the list, keeping the zone currently chosen (or typed).

        ``others`` are zones not listed that a name may still be (an alias such as
        ``US/Eastern``); by default those of the catalog this process loaded.
        """
        if others is None:
            catalog = cached_catalog()
            others = catalog.others if catalog is not None else ()
        keep = self.zone()
        self.blockSignals(True)
        self.clear()
        self._zones = {}
        for zone in zones:
            self._add(zone)
        self._names = {z.name for z in zones}
        self._others = {z.name: z for z in others if z.name not in self._names}
        self.blockSignals(False)
        self.setZone(keep)

    def _add(self, zone: Zone) -> None:
        self.addItem(zone.label, zone.name)
        self.setItemData(self.count() - 1, search_key(zone), SEARCH_ROLE)
        self._zones[zone.name] = zone

    def setZone(self, name: str) -> None:
        """Select ``name``; a valid zone not listed is added, other text is shown as typed."""
        self._searching = False
        index = self.findData(name)
        if index < 0 and name in self._others:
            # A meeting made elsewhere may use an alias (``US/Eastern``) we do not
            # list. Only once the catalog is in: before that the name is shown
            # as typed and ``setZones`` comes back here.
            self._add(self._others[name])
            self._names.add(name)
            index = self.count() - 1
        if index >= 0:
            self.setCurrentIndex(index)
            # setCurrentIndex keeps the edit text when the index did not change.
            self.setEditText(self.itemText(index))
        else:
            self.setEditText(name)

    def zone(self) -> str:
        """The IANA name chosen, or the typed text when it matches no entry (validation says so)."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index))
        if text in self._names:
            return text
        # A full label for a zone we do not list, or a bare name: keep the name part.
        return text.split(") ", 1)[1] if text.startswith("(UTC") and ") " in text else text

    # -- searching ------------------------------------------------------------------

    def isSearching(self) -> bool:
        """True while the text is the user's search, typed since they last committed."""
        return self._searching

    def commit(self) -> None:
        """End a search: choose the zone the text names or the one zone it finds.

        Text that finds several zones, or none, stays as typed (validation then
        explains). Nothing happens when the user typed nothing since the last commit.
        """
        if not self._searching:
            return
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            return  # Enter on a highlighted entry: the completer's choice commits
        name = self._resolve(self.currentText())
        self._searching = False
        if name is not None and name != self.zone():
            self.setZone(name)
        self.zoneCommitted.emit(self.zone())

    def _resolve(self, text: str) -> str | None:
        text = text.strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index))
        wanted = search_text(text)
        zones = list(self._zones.values())
        # The name itself, in any case, spaces for underscores: "utc", "europe/berlin".
        named = [
            z
            for z in zones
            if wanted in {search_text(z.name), search_text(z.name.replace("_", " "))}
        ]
        if len(named) == 1:
            return named[0].name
        found = find_zones(zones, text)
        if len(found) == 1:
            return found[0].name
        # A real zone name we do not list, such as CET or EST5EDT (any case).
        for name in (text, text.upper()):
            if name in self._names or name in self._others:
                return name
        return None

    def _on_typed(self, _text: str) -> None:
        self._searching = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter ends a search (choosing the zone found) and goes no further: only the
        next Enter reaches the dialog's default button, so a search never creates the
        meeting by itself.

        The user's keys come here, not to the line edit: the combo box is its focus
        proxy (QComboBox hands them on). While the list is open its keys go to the
        completer, which ends the search itself (the line edit's ``editingFinished``,
        or the entry chosen) and keeps Enter from the dialog.
        """
        if (
            self._searching
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._popup_open()
        ):
            self.commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _popup_open(self) -> bool:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        return popup is not None and popup.isVisible()
