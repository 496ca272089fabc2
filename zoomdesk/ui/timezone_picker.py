"""A searchable time-zone picker: IANA names shown with their current UTC offset.

Reading the zone database means opening a few hundred files (about 0.25 s on a
cold cache), so ``load_catalog`` runs on the ``TaskRunner`` once per process;
``cached_catalog`` hands the result to every later dialog without waiting.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from zoomdesk.core.systz import is_valid_zone, system_timezone

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
    """One entry of the list: ``name`` is what Zoom gets, ``label`` what the user reads."""

    name: str
    label: str
    offset: timedelta


@dataclass(frozen=True)
class Catalog:
    """The system's zone and every zone offered, sorted by offset then name."""

    system: str
    zones: tuple[Zone, ...]


def offset_text(offset: timedelta) -> str:
    """``(UTC+05:30)`` style text for an offset."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(UTC{sign}{hours:02d}:{mins:02d})"


def make_zone(name: str, now: datetime | None = None) -> Zone:
    """The entry for ``name`` with its UTC offset at ``now`` (blocking: reads the zone file)."""
    now = now or datetime.now(UTC)
    offset = now.astimezone(ZoneInfo(name)).utcoffset() or timedelta(0)
    return Zone(name, f"{offset_text(offset)} {name}", offset)


def load_catalog(now: datetime | None = None) -> Catalog:
    """Read the zone database and the system zone. Blocking: run it on the TaskRunner."""
    global _cache
    now = now or datetime.now(UTC)
    names = {n for n in available_timezones() if n.startswith(_REGIONS)} | {"UTC"}
    system = system_timezone()
    names.add(system)
    zones = tuple(sorted((make_zone(n, now) for n in names), key=lambda z: (z.offset, z.name)))
    catalog = Catalog(system, zones)
    with _lock:
        _cache = catalog
    return catalog


def cached_catalog() -> Catalog | None:
    """The catalog loaded earlier in this process, if any."""
    with _lock:
        return _cache


_cache: Catalog | None = None
_lock = threading.Lock()


class TimezonePicker(QComboBox):
    """Editable combo box; typing filters the list ("contains", any case)."""

    zoneChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Typed text must never become a new item: it is only a search.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        edit = self.lineEdit()
        assert edit is not None  # editable combo boxes always have one
        edit.setPlaceholderText("Type to search, e.g. Berlin")
        self._names: set[str] = set()
        self.currentTextChanged.connect(lambda _text: self.zoneChanged.emit(self.zone()))

    def setZones(self, zones: tuple[Zone, ...]) -> None:
        """Fill the list, keeping the zone currently chosen (or typed)."""
        keep = self.zone()
        self.blockSignals(True)
        self.clear()
        for zone in zones:
            self.addItem(zone.label, zone.name)
        self._names = {z.name for z in zones}
        self.blockSignals(False)
        self.setZone(keep)

    def setZone(self, name: str) -> None:
        """Select ``name``; a valid zone not listed is added, other text is shown as typed."""
        index = self.findData(name)
        if index < 0 and self._names and name and is_valid_zone(name):
            # A meeting made elsewhere may use an alias (``US/Eastern``) we do not
            # list. Only once the catalog is in: before that the name is shown
            # as typed and ``setZones`` comes back here.
            zone = make_zone(name)
            self.addItem(zone.label, zone.name)
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
