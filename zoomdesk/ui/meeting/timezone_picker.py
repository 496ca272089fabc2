"""A searchable time-zone picker: the catalogue's zones as Zoom labels them, with their offsets.

The zones, their labels and the ranked search come from ``zoomdesk.core.timezones``,
whose ``load_catalog`` the dialog runs on the ``TaskRunner``; the picker itself
never reads a zone file on the GUI thread, even to tell whether a name not
listed (``US/Eastern``) is a zone: the catalogue's ``others`` know.

The text typed is only a search until the user is done with it (Enter, a choice
from the list, or leaving the field): ``is_searching`` tells the form not to call
it a mistake yet, and ``zoneCommitted`` says when it is done.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from zoomdesk.core import ui_state
from zoomdesk.core.timezones import (
    Catalog,
    Zone,
    cached_catalog,
    find_zones,
    load_catalog,
    name_in_label,
    resolve_zone,
    search_key,
    search_text,
)
from zoomdesk.ui.guard import guarded

#: The item data role holding what the search looks in (see ``search_key``).
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


_Index = QModelIndex | QPersistentModelIndex


def load_zones() -> Catalog:
    """The zone list and the zone last used (blocking: reads files; for the TaskRunner)."""
    ui_state.load_last_zone()
    return cached_catalog() or load_catalog()


def default_zone(catalog: Catalog) -> str:
    """A new meeting's zone: the one last used (``ui_state``) while it is still a zone the
    catalogue knows, else the system's."""
    last = ui_state.cached_last_zone()
    known = (*catalog.zones, *catalog.others)
    return last if last and any(zone.name == last for zone in known) else catalog.system


class _RankedZones(QAbstractListModel):
    """The zones in the order a search ranks them (``find_zones``): what the popup lists.

    Those the search does not find come last; the completer's filter (the search
    text in ``search_key``) leaves them out.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zones: list[Zone] = []
        self._order: list[Zone] = []
        self._keys: dict[str, str] = {}

    def set_zones(self, zones: list[Zone]) -> None:
        self.beginResetModel()
        self._zones, self._order = list(zones), list(zones)
        self._keys = {zone.name: search_key(zone) for zone in zones}
        self.endResetModel()

    def rank_for(self, text: str) -> None:
        found = find_zones(self._zones, text)
        names = {zone.name for zone in found}
        self.beginResetModel()
        self._order = found + [zone for zone in self._zones if zone.name not in names]
        self.endResetModel()

    @guarded(0)
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._order)

    @guarded(None)
    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        zone = self._order[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return zone.label
        if role == SEARCH_ROLE:
            return self._keys[zone.name]
        if role == Qt.ItemDataRole.UserRole:
            return zone.name
        return None


class _ZoneCompleter(QCompleter):
    """Lists the zones a search finds, best first, but puts the label in the field."""

    def __init__(self, picker: QComboBox) -> None:
        super().__init__(picker)
        self.ranked = _RankedZones(self)
        self.setModel(self.ranked)
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    @guarded([], fallback=QCompleter.splitPath)
    def splitPath(self, path: str) -> list[str]:
        # Each new text re-ranks the list; the filter then keeps the zones found.
        self.ranked.rank_for(path)
        return [search_text(path)]

    @guarded("")
    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class TimezonePicker(QComboBox):
    """Editable combo box; typing lists the zones found, best first (any part of the label
    or the IANA name, any case, spaces for underscores, abbreviations such as ``CET``)."""

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
        self._completer = _ZoneCompleter(self)
        self.setCompleter(self._completer)
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

    def set_zones(self, zones: tuple[Zone, ...], others: tuple[Zone, ...] | None = None) -> None:
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
        self._completer.ranked.set_zones(list(zones))
        self._names = {z.name for z in zones}
        self._others = {z.name: z for z in others if z.name not in self._names}
        self.blockSignals(False)
        self.set_zone(keep)

    def _add(self, zone: Zone) -> None:
        self.addItem(zone.label, zone.name)
        self.setItemData(self.count() - 1, zone.name, Qt.ItemDataRole.ToolTipRole)
        self._zones[zone.name] = zone

    def set_zone(self, name: str) -> None:
        """Select ``name``; a valid zone not listed is added, other text is shown as typed."""
        self._searching = False
        index = self.findData(name)
        if index < 0 and name in self._others:
            # A meeting made elsewhere may use an alias (``US/Eastern``) we do not
            # list. Only once the catalog is in: before that the name is shown
            # as typed and ``set_zones`` comes back here.
            self._add(self._others[name])
            self._names.add(name)
            self._completer.ranked.set_zones(list(self._zones.values()))
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
        return name_in_label(text)

    # -- searching ------------------------------------------------------------------

    def is_searching(self) -> bool:
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
            self.set_zone(name)
        self.zoneCommitted.emit(self.zone())

    def _resolve(self, text: str) -> str | None:
        text = text.strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index))
        # A label is matched by Qt, the same way ``zone()`` matches it; the rest is the search's.
        return resolve_zone(text, list(self._zones.values()), self._names | self._others.keys())

    def _on_typed(self, _text: str) -> None:
        self._searching = True

    @guarded(None, fallback=QComboBox.keyPressEvent)
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
