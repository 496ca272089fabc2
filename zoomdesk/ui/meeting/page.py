"""The meeting dialog's form page: error banner, the scrolling form, progress and buttons.

The banner's general wording comes from ``status.describe`` (the GUI's one
mapping of core errors); ``explain`` adds what only the dialog knows: which
fields Zoom refused, when the daily cap resets in the user's own time, that
everything typed is kept, and (when the Zoom session has ended) a *Sign in…* button
in place of *Retry*, which would only fail the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.errors import AuthRequired, RateLimited, ZoomApiError
from zoomdesk.ui import placement, style
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.field_errors import Problem, focus_chain
from zoomdesk.ui.meeting.form import MeetingForm
from zoomdesk.ui.status import Kind, describe
from zoomdesk.ui.untrusted import plain

#: The scroll area is never made shorter than this (px), however small the screen.
MIN_FORM_HEIGHT = 120
#: Starts the banner's good news, so it is not told from an error by its colour alone.
NOTE_MARK = "\N{CHECK MARK} "

BANNER_STYLE = """
QFrame#errorBanner { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 6px; }
QFrame#errorBanner QLabel { color: #7f1d1d; }
QFrame#errorBanner[tone="note"] { background: #e8f5ec; border: 1px solid #b9dfc5; }
QFrame#errorBanner[tone="note"] QLabel { color: #14532d; }
"""


@dataclass(frozen=True)
class Failure:
    """What the banner shows: ``text``, whether *Retry* helps, per-field messages, and
    whether signing in again is the way on (``sign_in``: *Sign in…* instead of *Retry*)."""

    text: str
    retry: bool = False
    fields: tuple[tuple[str, str], ...] = ()
    sign_in: bool = False


def daily_reset(now: datetime, tz: tzinfo) -> datetime:
    """The next 00:00 UTC (when Zoom's daily create/update count resets) in ``tz``."""
    midnight = datetime.combine(now.astimezone(UTC).date() + timedelta(days=1), time(), UTC)
    return midnight.astimezone(tz)


def _in(delta: timedelta) -> str:
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def explain(exc: BaseException, tz: tzinfo, now: datetime | None = None) -> Failure:
    """The banner for a failed create/save/load; ``tz`` is the user's zone."""
    now = now or datetime.now(UTC)
    problem = describe(exc)
    if problem.kind is Kind.AUTH:
        ended = "Your Zoom session has ended." if isinstance(exc, AuthRequired) else problem.text
        text = f"{ended} Sign in again to continue; everything you entered is kept."
        if isinstance(exc, AuthRequired) and exc.lost_create_at is not None:
            text += " Create then looks for the meeting Zoom may have made before it makes another."
        return Failure(text, sign_in=True)
    if isinstance(exc, RateLimited) and exc.daily_cap:
        reset = daily_reset(now, tz)
        message = exc.message.strip().rstrip(".")
        return Failure(
            f"Zoom says: {message}. You have reached Zoom's daily limit for creating and "
            f"changing meetings. It resets at {reset:%H:%M} your time "
            f"(in {_in(reset - now)}); everything you entered is kept."
        )
    if isinstance(exc, RateLimited) and exc.retry_after:
        return Failure(
            f"{problem.text} (Zoom asks to wait {round(exc.retry_after)} s.)", retry=True
        )
    if isinstance(exc, ZoomApiError) and exc.field_errors:
        fields = tuple((f.field, f.message) for f in exc.field_errors)
        return Failure(f"{problem.text} Fix the marked fields and try again.", fields=fields)
    return Failure(problem.text, retry=problem.retryable)


class Banner(QFrame):
    """A red box above the form with the message and, when it helps, *Retry* or *Sign in…*;
    green (``show_note``) once the trouble is over."""

    retryClicked = Signal()
    signInClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # Zoom's text is never markup
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton(keys.RETRY)
        self.retry.setAutoDefault(False)
        # Focused after a failure that needs it, so Enter signs in rather than fails again.
        self.sign_in = QPushButton("Sign in…")  # no letter left: it takes the focus instead
        self.sign_in.setToolTip("Sign in to Zoom again; this meeting stays as it is.")
        style.make_primary(self.sign_in)  # the thing to do next (Create waits for it)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.sign_in, 0, Qt.AlignmentFlag.AlignTop)
        self.retry.clicked.connect(self.retryClicked)
        self.sign_in.clicked.connect(self.signInClicked)
        self.hide()

    def show_failure(self, failure: Failure, extra: str = "") -> None:
        self._show("error", failure.text + (f"\n{extra}" if extra else ""))
        self.retry.setVisible(failure.retry and not failure.sign_in)
        self.sign_in.setVisible(failure.sign_in)

    def show_note(self, text: str) -> None:
        """Good news in the banner's place (e.g. signed in again), without buttons."""
        self._show("note", NOTE_MARK + text)
        self.retry.hide()
        self.sign_in.hide()

    def tone(self) -> str:
        return str(self.property("tone") or "error")

    def _show(self, tone: str, text: str) -> None:
        if self.property("tone") != tone:
            self.setProperty("tone", tone)
            for widget in (self, self.label):  # the style sheet's [tone] selectors
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()


class FormPage(QWidget):
    """Banner, a note about the meeting, the form in a scroll area, then progress and
    *Cancel* / *Create*."""

    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = MeetingForm()
        self.banner = Banner()
        # What the action will touch beyond what the form shows (a whole series).
        self.note = style.muted("")
        self.note.setObjectName("formNote")
        self.note.hide()
        self._grown = 0  # height fit() made the window grow by, to give back later
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # indeterminate: Zoom gives no progress
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Working")
        self.progress_label = plain(QLabel())
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        # The default button (Enter in any one-line field creates), made so by the dialog
        # once it holds this page: marked before then, a dialog never learns of it.
        self.create_button = QPushButton(action)
        style.make_primary(self.create_button)
        self.defaults_button = QPushButton(keys.SAVE_DEFAULTS)
        self.defaults_button.setAutoDefault(False)
        self.defaults_button.setToolTip(
            "New meetings will start with this duration, time zone, settings and options."
        )
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that does nothing
        self.scroll_area.setWidget(self.form)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 8, 0, 0)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.progress_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

    def set_busy(self, text: str) -> None:
        """Form and *Create* disabled (so nothing is sent twice), progress shown."""
        self.banner.clear()
        self.form.setEnabled(False)
        self.create_button.setEnabled(False)
        self.defaults_button.setEnabled(False)
        self.progress.show()
        self.progress_label.setText(text)

    def set_idle(self, form_enabled: bool) -> None:
        self.form.setEnabled(form_enabled)
        self.defaults_button.setEnabled(form_enabled)
        self.progress.hide()
        self.progress_label.clear()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def problems(self) -> list[Problem]:
        """The form's messages, first field first (as Tab visits them)."""
        return self.form.errors.problems(self.form)

    def go_to_problem(self) -> bool:
        """Scroll to the first marked field and its message and focus it; False if none."""
        problems = self.problems()
        if not problems:
            return False
        problem = problems[0]
        # The message sits under its field: show it, then make sure the field is in view.
        self.scroll_area.ensureWidgetVisible(problem.label)
        if problem.widget is not self.form:  # the catch-all: a message, no field
            self.scroll_area.ensureWidgetVisible(problem.widget)
            _focus_into(problem.widget)
        return True

    def fit(self) -> None:
        """Tall enough for the whole form, up to 3/4 of the screen and never so tall that
        the window's buttons leave it; call after each change (repeat rows and error
        lines make it grow).

        Qt grows the window for a taller form but never shrinks it; the height it grew
        by is given back once the form needs less (the user's own resizing is kept).
        """
        _settle_layouts(self.form)
        limit = self._tallest()
        # With wrapped (error) lines the height depends on the width: the size hint is
        # a guess at some other width, too short or (leaving a gap) too tall.
        width = self.scroll_area.viewport().width()
        needed = self.form.heightForWidth(width) if self.form.hasHeightForWidth() else -1
        wanted = min(limit, needed if needed > 0 else self.form.sizeHint().height())
        before = self.scroll_area.minimumHeight()
        window_minimum = self.window().minimumHeight()
        # The scroll area is at least as tall as the last minimum, even before Qt applied it.
        current = max(self.scroll_area.height(), before)
        self.scroll_area.setMinimumHeight(wanted)
        window = self.window()
        if window is self or not window.isVisible() or window.isMaximized():
            return  # nothing grown yet (its first size is Qt's to choose), or the user's choice
        # The window's minimum height follows now, so a resize is not undone by a stale one.
        parent = self.scroll_area.parentWidget()
        while parent is not None:
            layout = parent.layout()
            if layout is not None:
                layout.activate()
            parent = None if parent.isWindow() else parent.parentWidget()
        if wanted > current:
            self._grown += wanted - current
        elif wanted < before and self._grown:
            if window.height() > window_minimum:
                # Taller than the form made it: the user's size (or Qt's first
                # choice, which the messages never pushed past). Keep it.
                self._grown = 0
                return
            give_back = min(self._grown, before - wanted)
            self._grown -= give_back
            window.resize(window.width(), max(window.height(), window.minimumHeight()) - give_back)

    def _tallest(self) -> int:
        """The scroll area's cap: 3/4 of the screen's free height, less when the rest of
        the window (banner, note, buttons, its frame) would otherwise not fit on it."""
        window = self.window()
        area = placement.free_area(window, window.parentWidget())
        frame = placement.frame_margins(window, window.parentWidget())
        # This page's own minimum (not the window's: a stack counts its other pages
        # too), without the scroll area's share as Qt counts it, plus the margins of
        # the layouts around the page.
        scroll = self.scroll_area
        counted = scroll.minimumHeight() or scroll.minimumSizeHint().height()
        own = self.layout()
        rest = (own.minimumSize().height() if own is not None else 0) - counted
        widget: QWidget | None = self
        while widget is not None and widget is not window:
            widget = widget.parentWidget()
            layout = widget.layout() if widget is not None else None
            if layout is not None:
                rest += layout.contentsMargins().top() + layout.contentsMargins().bottom()
        room = area.height() - frame.top() - frame.bottom() - max(0, rest)
        return max(MIN_FORM_HEIGHT, min(int(area.height() * 0.75), room))


def turn_to(stack: QStackedWidget, page: QWidget, title: str) -> None:
    """Show ``page`` of ``stack``, with the window at that page's size and titled ``title``.

    The pages it hides stop counting toward the window's size: the success page
    after a tall form was left inside the form's height, in wide empty bands.
    """
    for index in range(stack.count()):
        other = stack.widget(index)
        policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
        if other is not None:
            other.setSizePolicy(policy, policy)
    stack.setCurrentWidget(page)
    window = stack.window()
    window.setWindowTitle(title)
    window.adjustSize()


def _settle_layouts(root: QWidget) -> None:
    """Bring the sizes of ``root``'s layouts up to date now, innermost first.

    A message just shown or hidden reaches the outer layouts only through posted
    events, one nesting level at a time; measured before those, the form is as
    tall as it was one edit ago.
    """
    for widget in reversed(root.findChildren(QWidget)):  # children come after parents
        layout = widget.layout()
        if layout is not None:
            layout.activate()
    layout = root.layout()
    if layout is not None:
        layout.activate()


def _focus_into(widget: QWidget) -> None:
    """Focus ``widget``, or the first of its children Tab reaches (a row of day buttons)."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.TabFocusReason)  # a line edit selects its text
        return
    for candidate in focus_chain(widget):
        if (
            widget.isAncestorOf(candidate)
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
            and candidate.isEnabled()
            and candidate.isVisibleTo(widget)
        ):
            candidate.setFocus(Qt.FocusReason.TabFocusReason)
            return
