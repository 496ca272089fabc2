"""A meeting's details: the whole meeting, its occurrences, and what can be done with them.

The top is the meeting dialog's success view (``meeting.success.SuccessView``):
the time in the viewer's zone and the meeting's own, the link, ID and passcode,
*Copy invitation*, *Copy link*, *Open in Zoom* and *Save to calendar*, so the
app shows and shares a meeting one way. Below it: the agenda, the length, the
settings and, for a series, every occurrence Zoom lists, each of which can be
edited or deleted on its own. Everything Zoom sent is shown as plain text.
The dialog only asks (``editRequested``, ``editOccurrenceRequested``,
``deleteRequested``); ``MeetingActions`` does it, through the same core rules
as the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.meeting import MeetingType
from zoomdesk.ui.meeting.success import SuccessView, when_text
from zoomdesk.ui.placement import Placed, size_and_place
from zoomdesk.ui.style import STYLE_SHEET, muted
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import plain_label
from zoomdesk.ui.window.occurrences import is_over, listed, next_occurrence

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting, Occurrence

#: Zoom's on/off settings, as a person would say them when on (and when off).
SWITCHES = (
    ("waiting_room", "Waiting room", "No waiting room"),
    ("join_before_host", "Participants may join before the host", ""),
    ("mute_upon_entry", "Participants muted when they join", ""),
    ("host_video", "Host video on", "Host video off"),
    ("participant_video", "Participants' video on", "Participants' video off"),
    ("auto_start_meeting_summary", "Meeting summary starts by itself", ""),
)
WORDS = {
    "auto_recording": {"local": "Recorded on the host's computer",
                       "cloud": "Recorded in the cloud"},
    "audio": {"both": "Audio: computer or telephone", "telephony": "Audio: telephone only",
              "voip": "Audio: computer only", "thirdParty": "Audio: third-party"},
    "encryption_type": {"enhanced_encryption": "Enhanced encryption",
                        "e2ee": "End-to-end encryption"},
}  # fmt: skip


def settings_lines(settings: Any) -> list[str]:
    """The settings Zoom sent, in words; values zoomdesk has no words for are left out."""
    if not isinstance(settings, dict):
        return []
    lines = []
    for key, on, off in SWITCHES:
        value = settings.get(key)
        if isinstance(value, bool) and (on if value else off):
            lines.append(on if value else off)
    for key, words in WORDS.items():
        value = settings.get(key)
        if isinstance(value, str) and value in words:
            lines.append(words[value])
    hosts = settings.get("alternative_hosts")
    if isinstance(hosts, str) and hosts.strip():
        lines.append(f"Alternative hosts: {hosts.strip()}")
    return lines


def _minutes(duration: int) -> str:
    hours, minutes = divmod(duration, 60)
    parts = [f"{hours} h"] if hours else []
    return " ".join([*parts, f"{minutes} min"] if minutes or not hours else parts)


class MeetingDetailsDialog(Placed, QDialog):
    """Shows ``meeting`` (the whole of it, as ``GET /meetings/{id}`` gave it)."""

    #: The meeting (for a series: the whole series) should be edited.
    editRequested = Signal(object)
    #: (meeting, Occurrence): that one occurrence should be edited.
    editOccurrenceRequested = Signal(object, object)
    #: (meeting, Occurrence or None): delete that occurrence, or the whole meeting.
    deleteRequested = Signal(object, object)

    def __init__(
        self,
        meeting: Meeting,
        viewer_tz: str,
        runner: TaskRunner,
        host_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self.viewer_tz = viewer_tz
        self.setWindowTitle(meeting.topic or "Meeting")
        self.setStyleSheet(STYLE_SHEET)
        self.view = SuccessView(runner, self)
        self.view.show_meeting(meeting, viewer_tz, host_name=host_name)
        self.view.title.hide()  # "Meeting scheduled" is news only right after creating it
        self.view.closeRequested.connect(self.reject)
        series = meeting.type == MeetingType.RECURRING_FIXED_TIME
        self.occurrences = self._occurrence_list() if series else None

        self.edit_button = QPushButton("&Edit the series…" if series else "&Edit…", self)
        self.edit_button.setObjectName("edit")
        self.delete_button = QPushButton("&Delete the series" if series else "&Delete", self)
        self.delete_button.setObjectName("delete")
        # No "…": nothing more is asked; *Undo* in the status bar is the way back.
        for button in (self.edit_button, self.delete_button):
            button.setAutoDefault(False)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(lambda: self._delete(None))
        self._lay_out()
        height = min(self.sizeHint().height(), 720)
        size_and_place(self, QSize(660, height), QSize(480, 360))

    # -- building -------------------------------------------------------------------

    def _facts(self) -> QWidget:
        """Agenda, length and settings: only the rows there is something to say in."""
        meeting = self.meeting
        facts = QWidget()
        form = QFormLayout(facts)
        form.setContentsMargins(18, 6, 18, 6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.agenda = plain_label(meeting.agenda.strip())
        self.agenda.setWordWrap(True)
        self.agenda.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if meeting.agenda.strip():
            form.addRow("Agenda:", self.agenda)
        if meeting.duration > 0 and meeting.type != MeetingType.INSTANT:
            form.addRow("Duration:", plain_label(_minutes(meeting.duration)))
        self.settings = plain_label("\n".join(settings_lines(meeting.raw.get("settings"))))
        self.settings.setWordWrap(True)
        if self.settings.text():
            form.addRow("Settings:", self.settings)
        return facts

    def _occurrence_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("occurrences")
        tree.setAccessibleName("Occurrences")
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(["When (your time)", "Duration"])
        tree.setAlternatingRowColors(True)
        first = next_occurrence(self.meeting)
        for occurrence in listed(self.meeting):
            over = is_over(occurrence)
            when = when_text(
                occurrence.start.astimezone(ZoneInfo(self.viewer_tz)), occurrence.duration
            )
            item = QTreeWidgetItem(
                [when + (" (over)" if over else ""), _minutes(occurrence.duration)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, occurrence)
            if over:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            tree.addTopLevelItem(item)
            if occurrence == first:
                tree.setCurrentItem(item)
        tree.resizeColumnToContents(0)
        # Whole rows only: up to six in sight (three at least), the rest scroll.
        row = max(tree.sizeHintForRow(0), 1)
        chrome = tree.header().sizeHint().height() + 2 * tree.frameWidth()
        shown = max(1, min(tree.topLevelItemCount(), 6))
        tree.setMinimumHeight(row * min(shown, 3) + chrome)
        tree.setMaximumHeight(row * shown + chrome)
        self.edit_one = QPushButton("Edit &this occurrence…", self)
        self.delete_one = QPushButton("Delete this o&ccurrence", self)
        for button in (self.edit_one, self.delete_one):
            button.setAutoDefault(False)
        self.edit_one.clicked.connect(self._edit_one)
        self.delete_one.clicked.connect(self._delete_one)
        tree.currentItemChanged.connect(self._sync)
        tree.itemActivated.connect(lambda *_: self._edit_one())
        return tree

    def _lay_out(self) -> None:
        view_layout = self.view.layout()
        assert isinstance(view_layout, QBoxLayout)
        # No empty bands: the success page centres its block with stretches; here the
        # height goes to the facts and occurrences instead.
        bottom_at = -1
        for i in range(view_layout.count()):
            item = view_layout.itemAt(i)
            if item is None:
                continue
            spacer = item.spacerItem()
            if spacer is not None and spacer.expandingDirections() & Qt.Orientation.Vertical:
                spacer.changeSize(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            inner = item.layout()
            if inner is not None and inner.indexOf(self.view.close_button) >= 0:
                bottom_at = i
                assert isinstance(inner, QHBoxLayout)
                at = inner.indexOf(self.view.close_button)
                inner.insertWidget(at, self.delete_button)
                inner.insertWidget(at, self.edit_button)
        view_layout.invalidate()

        inside = QWidget()
        column = QVBoxLayout(inside)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._facts())
        if self.occurrences is not None:
            label = QLabel("Occu&rrences:", inside)
            label.setBuddy(self.occurrences)
            column.addWidget(label)
            column.addWidget(self.occurrences)
            row = QHBoxLayout()
            row.addWidget(self.edit_one)
            row.addWidget(self.delete_one)
            row.addStretch(1)
            column.addLayout(row)
            if not listed(self.meeting):
                column.addWidget(muted("Zoom lists no occurrences for this series.", inside))
            self._sync()
        column.addStretch(1)
        scroll = QScrollArea(self.view)
        scroll.setObjectName("detailsScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inside)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view_layout.insertWidget(bottom_at if bottom_at >= 0 else view_layout.count(), scroll, 1)
        self.details_scroll = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 12)
        layout.addWidget(self.view)

    # -- the occurrences ------------------------------------------------------------

    def chosen(self) -> Occurrence | None:
        """The occurrence selected in the list (None when none, or it is over)."""
        if self.occurrences is None:
            return None
        item = self.occurrences.currentItem()
        if item is None or not (item.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        occurrence: Occurrence | None = item.data(0, Qt.ItemDataRole.UserRole)
        return occurrence

    def choose(self, occurrence_id: str) -> None:
        assert self.occurrences is not None
        for i in range(self.occurrences.topLevelItemCount()):
            item = self.occurrences.topLevelItem(i)
            if (
                item is not None
                and item.data(0, Qt.ItemDataRole.UserRole).occurrence_id == occurrence_id
            ):
                self.occurrences.setCurrentItem(item)

    def _sync(self, *_: object) -> None:
        some = self.chosen() is not None
        self.edit_one.setEnabled(some)
        self.delete_one.setEnabled(some)

    # -- asking ---------------------------------------------------------------------

    def _edit(self) -> None:
        self.accept()
        self.editRequested.emit(self.meeting)

    def _edit_one(self) -> None:
        occurrence = self.chosen()
        if occurrence is not None:
            self.accept()
            self.editOccurrenceRequested.emit(self.meeting, occurrence)

    def _delete_one(self) -> None:
        occurrence = self.chosen()
        if occurrence is not None:
            self._delete(occurrence)

    def _delete(self, occurrence: Occurrence | None) -> None:
        self.accept()
        self.deleteRequested.emit(self.meeting, occurrence)
