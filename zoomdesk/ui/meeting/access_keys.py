"""Every access key (Alt+letter) of the meeting dialog's form page, in one table:

The rule, as in the GNOME and KDE guidelines: a key is unique among the controls
on screen at the same time. Qt triggers only the shortcut of a visible, enabled
widget, so controls never shown together may share one (the success page's
buttons do); with *Options* open everything is on screen, so the form, the
*Options* section, the buttons and the banner are unique together.

Its words hold 24 letters (no k, no q): too few for a key per labelled control,
so group labels (When, Video, Joining) take the focus into their group without
changing it, its buttons keeping a key of their own where a letter is left;
*makes* (not *writes*) gives the summary the k; the rest is in ``WITHOUT_KEY``.

    A At                 H alternative Hosts   O Options          V Video (group)
    B join Before host   I Invitees            P Passcode         W When (group)
    C reCording          J Joining (group)     R Retry (banner)   X No fiXed time
    D Duration           K AI summary (maKes)  S endS             Y encrYption
    E rEpeats            L personaL ID         T Topic            Z time Zone
    F save as my deFaults  G aGenda  M teMplate  N start Now  U aUdio   (Q free)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

TOPIC = "&Topic:"
WHEN = "&When:"
AT = "&At"
START_NOW = "Start &now"
NO_FIXED_TIME = "No fi&xed time: the link works any time"
DURATION = "&Duration:"
ENDS = "End&s:"
TIME_ZONE = "Time &zone:"
REPEATS = "R&epeats:"
PASSCODE = "&Passcode:"
AGENDA = "A&genda:"
VIDEO = "&Video:"
JOINING = "&Joining:"
JOIN_BEFORE_HOST = "Participants can join &before the host"
RECORDING = "Re&cording:"
OPTIONS = "&Options"
TEMPLATE = "Te&mplate:"
PMI = "Use my Persona&l Meeting ID"
ALTERNATIVE_HOSTS = "Alternative &hosts:"
INVITEES = "&Invitees:"
ENCRYPTION = "Encr&yption:"
AUDIO = "A&udio:"
SUMMARY = "AI Companion ma&kes a meeting summary"
SAVE_DEFAULTS = "Save as my de&faults"
RETRY = "&Retry"

#: Labelled controls with no letter left, and how the keyboard reaches them. Buttons
#: in a row whose label has a key (Host on, Show, Mon…) are reached with Tab from it.
WITHOUT_KEY = {
    "Create": "Enter: the default button",
    "Save": "Enter: the default button",
    "Cancel": "Esc",
    "Sign in…": "has the focus when the banner offers it; Enter",
    "Registration:": "Tab from Invitees (Alt+I)",
    "Registrants join:": "Tab from Registration",
    "On:": "Tab from Repeats (Alt+E): the recurrence's days",
    "Ends:": "Tab from Repeats (Alt+E): the recurrence's end, not the meeting's",
}


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose access key (``&X`` in ``text``) puts the focus in ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def focus_group(label: QLabel, group: QWidget, target: QWidget) -> None:
    """``label``'s key focuses ``target`` in ``group`` without pressing it (a check box
    as the buddy would be toggled by the key). ``group`` passes the focus on; click
    focus (not Tab) is what makes ``QLabel`` give it the focus at all."""
    group.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    group.setFocusProxy(target)
    label.setBuddy(group)
