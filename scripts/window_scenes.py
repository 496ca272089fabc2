"""More of the README's pictures: the browser sign-in, Settings' tabs, Options, the list.

Imported by ``scripts/screenshots.py``, whose ``@shot`` registry (in
``screenshot_studio``) these scenes join; same sandbox, zone and helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QWidget
from screenshot_studio import BERLIN, Studio, close_login, demo_meetings, dialog_of, shot

from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw

# -- the sign-in dialog's browser way ----------------------------------------------------------


@contextmanager
def _no_browser() -> Iterator[None]:
    """The desktop "opens" the sign-in page: no real browser starts for a picture."""
    real = QDesktopServices.openUrl
    QDesktopServices.openUrl = lambda url: True  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        QDesktopServices.openUrl = real  # type: ignore[method-assign]


def _browser_login(studio: Studio, provider: str, name: str) -> None:
    from zoomdesk.ui.login.dialog import LoginDialog

    window = studio.window(Backend(studio.config_dir()), mw.SIGNED_OUT)
    account = window.backend.load().account
    with _no_browser():
        # As Settings' "Sign in with: your web browser" does; the hand-off starts embedded.
        dialog = LoginDialog(
            account, window.runner, window, way="embedded" if provider else "browser"
        )
        dialog.show()
        if provider:
            studio.wait(lambda: dialog.state == "page", seconds=30, what="the sign-in page")
            dialog.hand_off(provider)  # what the view does when Google refuses it
        studio.wait(lambda: dialog.browser.receiver is not None, what="the loopback receiver")
        studio.save(dialog, name)
    close_login(dialog)


@shot("login-browser", "Sign-in in your web browser: zoomdesk waits for the answer")
def login_browser(studio: Studio) -> None:
    _browser_login(studio, "", "login-browser")


@shot("login-handoff", "Google refuses sign-in inside apps: zoomdesk hands over to the browser")
def login_handoff(studio: Studio) -> None:
    _browser_login(studio, "Google", "login-handoff")


# -- Settings' other tabs ----------------------------------------------------------------------


def _settings_tab(studio: Studio, index: int, name: str) -> None:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    window.open_settings()
    studio.wait(lambda: (d := dialog_of(window)) is not None and not d.loading, what="settings")
    dialog = dialog_of(window)
    dialog.tabs.setCurrentIndex(index)
    studio.save(dialog, name)


@shot("settings-storage", "Settings: how to sign in, and where the sign-in is kept")
def settings_storage(studio: Studio) -> None:
    _settings_tab(studio, 1, "settings-storage")


# Settings' *Desktop* tab: scripts/tray_screenshots.py, where a system tray is.


# -- the meeting dialog's Options and templates ------------------------------------------------


def _new_meeting_with_options(studio: Studio) -> Any:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    window.new_meeting()
    studio.wait(lambda: dialog_of(window) is not None, what="the meeting dialog")
    dialog = dialog_of(window)
    studio.wait(dialog.ready, what="the meeting dialog's fields")
    dialog.form.topic.setText("Design review: onboarding flow")
    more = dialog.form.more
    more.set_open(True)
    combo = more.template.combo
    studio.wait(lambda: combo.count() > 1, what="the templates")
    studio.settle()
    # The section opens below the fold: scroll it into view, the form's top rows out of
    # it, with the dialog's height chosen so the view starts on a whole row (Duration).
    form, area = dialog.form, dialog.page.scroll_area
    bar = area.verticalScrollBar()
    for _ in range(4):
        top = form.duration.mapTo(form, form.duration.rect().topLeft()).y() - 6
        if bar.maximum() == top:
            break
        dialog.resize(dialog.width(), dialog.height() + bar.maximum() - top)
        studio.settle(100)
    bar.setValue(bar.maximum())
    return dialog


@shot("meeting-options", "The meeting dialog's Options: template, hosts, invitees and more")
def meeting_options(studio: Studio) -> None:
    studio.save(_new_meeting_with_options(studio), "meeting-options")


@shot("meeting-templates", "Choosing one of your Zoom meeting templates")
def meeting_templates(studio: Studio) -> None:
    dialog = _new_meeting_with_options(studio)
    combo = dialog.form.more.template.combo
    combo.showPopup()
    popup = combo.view().window()
    studio.wait(popup.isVisible, what="the template list")
    _save_with_popup(studio, dialog, popup, "meeting-templates")
    combo.hidePopup()


def _save_with_popup(studio: Studio, window: QWidget, popup: QWidget, name: str) -> None:
    """``window`` with its open popup, which may reach past the window's edge."""
    studio.settle(600)
    area = window.frameGeometry().united(popup.frameGeometry())
    if QGuiApplication.platformName() == "xcb":
        picture = window.screen().grabWindow(0, area.x(), area.y(), area.width(), area.height())
    else:  # offscreen: each grabbed on its own, then laid out as on the screen
        picture = QPixmap(area.size())
        picture.fill(Qt.GlobalColor.transparent)
        with _painter(picture) as paint:
            for widget in (window, popup):
                at = widget.frameGeometry().topLeft() - area.topLeft()
                paint.drawPixmap(QRect(at, widget.size()), widget.grab())
    path = studio.out / f"{name}.png"
    if not picture.save(str(path)):
        raise RuntimeError(f"could not write {path}")
    studio.written.append(path)
    print(f"wrote {path}")


@contextmanager
def _painter(picture: QPixmap) -> Iterator[QPainter]:
    paint = QPainter(picture)
    try:
        yield paint
    finally:
        paint.end()


# -- the meeting list --------------------------------------------------------------------------


def _busy_week() -> list[dict[str, Any]]:
    """The demo week, two more meetings, and some that are over (for *Previous*).

    As many as the window shows whole: no row cut in half at the bottom.
    """
    today = datetime.now(BERLIN).replace(hour=0, minute=0, second=0, microsecond=0)

    def meeting(topic: str, days: int, hour: int, minute: int = 0, **more: Any) -> dict[str, Any]:
        start = today + timedelta(days=days, hours=hour, minutes=minute)
        return {"topic": topic, "type": 2, "start_time": start.strftime("%Y-%m-%dT%H:%M:%S"),
                "duration": 30, "timezone": "Europe/Berlin", **more}  # fmt: skip

    return [
        *demo_meetings(),
        meeting("Stand-up", 1, 9, duration=15),
        meeting("Sprint retro", 3, 11, duration=60, agenda="What went well; the sync format"),
        meeting("Kick-off: onboarding flow", -1, 10, duration=60),
        meeting("Weekly team sync", -6, 9, 30),
        meeting("1:1 with Grace", -5, 14),
        meeting("Customer call — Initech", -12, 16, duration=60),
    ]


def _list_window(studio: Studio) -> Any:
    return studio.window(Backend(studio.signed_in_dir(_busy_week())), mw.SIGNED_IN)


@shot("list-grouped", "Upcoming meetings, grouped by day")
def list_grouped(studio: Studio) -> None:
    studio.save(_list_window(studio), "list-grouped")


@shot("list-search", "Search by topic, ID or agenda (Ctrl+F)")
def list_search(studio: Studio) -> None:
    window = _list_window(studio)
    bar = window.pages.signed_in.meetings.bar
    bar.focus_search()
    bar.search.setText("sync")
    studio.save(window, "list-search")


@shot("list-previous", "Previous meetings")
def list_previous(studio: Studio) -> None:
    window = _list_window(studio)
    meetings = window.pages.signed_in.meetings
    meetings.bar.tabs.setCurrentIndex(1)
    studio.wait(lambda: meetings.model.rowCount() > 0 and not window.runner.busy, what="previous")
    studio.save(window, "list-previous")
