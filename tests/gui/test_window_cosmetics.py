"""Small things a demanding user saw: titles, icons, elided messages, the address line, busy bars.

- the sign-out question's title bar had room for "Sign o… desk" only;
- the success page kept the *New meeting* title, inside the form's height;
- the recurrence icon was all but invisible on a selected row;
- the status bar cut long messages mid-word instead of ending them in "…";
- the sign-in address line said "Connecting…" beside an error;
- the busy bar stayed up while the delete question waited for an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fake_zoom import FakeAccount, FakeBackend
from meeting_fakes import open_dialog
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStyle
from pytestqt.qtbot import QtBot

from zoomdesk.core.config import Config
from zoomdesk.core.errors import ZoomdeskError
from zoomdesk.core.oauth import AuthorizationAttempt
from zoomdesk.ui import placement
from zoomdesk.ui.status import StatusBar
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import list_model
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.questions import confirm_sign_out


def when_a_box_opens(look: Callable[[QMessageBox], None]) -> list[QMessageBox]:
    """Call ``look`` with the next modal message box once it shows, then close it."""
    seen: list[QMessageBox] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(box)
        try:
            look(box)
        finally:
            box.reject()

    QTimer.singleShot(0, poll)
    return seen


def test_the_sign_out_question_is_wide_enough_for_its_title(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    widths: list[tuple[int, int]] = []
    seen = when_a_box_opens(lambda box: widths.append((box.width(), placement.title_width(box))))
    assert confirm_sign_out(window) is False
    assert seen and seen[0].windowTitle() == "Sign out"
    ((width, needed),) = widths
    # The whole "Sign out — zoomdesk" in a bold title font, and the title bar's buttons.
    assert needed > placement.TITLE_BAR_EXTRA
    assert width >= needed


def test_the_success_page_has_its_own_title_and_size(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    kind = dialog.form.recurrence.kind
    kind.setCurrentIndex(kind.findData(3))  # a tall form: monthly
    qtbot.waitUntil(lambda: dialog.height() > 450)
    form_height = dialog.height()
    assert dialog.windowTitle() == "New meeting"
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.create_button.click()
    assert dialog.stack.currentWidget() is dialog.success
    assert dialog.windowTitle() == "Meeting scheduled"
    # No longer inside the form's height: the page's own, give or take the margins.
    wanted = dialog.success.sizeHint().height()
    qtbot.waitUntil(lambda: dialog.height() <= wanted + 40)
    assert dialog.height() < form_height - 100


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink(image: QImage) -> QColor:
    """The average colour of the icon's visible pixels."""
    totals = [0.0, 0.0, 0.0, 0.0]
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            weight = pixel.alphaF()
            totals[0] += pixel.redF() * weight
            totals[1] += pixel.greenF() * weight
            totals[2] += pixel.blueF() * weight
            totals[3] += weight
    assert totals[3] > 5, "the icon is empty"
    return QColor.fromRgbF(totals[0] / totals[3], totals[1] / totals[3], totals[2] / totals[3])


def test_the_recurrence_icon_stands_out_on_a_selected_row(qtbot: QtBot) -> None:
    palette = QApplication.palette()
    selection = palette.color(QPalette.ColorRole.Highlight)
    icon = list_model.recurring_icon()
    selected = ink(icon.pixmap(QSize(16, 16), QIcon.Mode.Selected).toImage())
    assert contrast(selected, selection) >= 3.0  # WCAG's minimum for graphics
    # Unselected, it is the style's own icon, as before.
    style_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
    normal = icon.pixmap(QSize(16, 16), QIcon.Mode.Normal).toImage()
    assert normal == style_icon.pixmap(QSize(16, 16)).toImage()


def test_a_long_status_message_ends_in_an_ellipsis(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    status = StatusBar(window)
    window.setStatusBar(status)
    window.resize(420, 200)
    window.show()
    qtbot.waitExposed(window)
    message = "Copied the invitation to “" + "Quarterly planning " * 6 + "”."
    status.show_note(message)
    qtbot.waitUntil(lambda: status._message.text().endswith("…"))
    shown = status._message.text()
    assert message.startswith(shown[:-1])
    fm = status._message.fontMetrics()
    assert fm.horizontalAdvance(shown) <= status._message.contentsRect().width()
    assert status.text == message and status._message.toolTip() == message


class Unreachable:
    """An account whose sign-in page cannot be reached (port 9 refuses), or cannot start."""

    def __init__(self, fail: bool = False) -> None:
        self.config = Config(
            client_id="cid",
            redirect_uri="http://127.0.0.1:9/zoomdesk/callback",
            oauth_url="http://127.0.0.1:9",
        )
        self.fail = fail

    def begin_sign_in(self) -> AuthorizationAttempt:
        if self.fail:
            raise ZoomdeskError("zoomdesk is not configured.")
        return AuthorizationAttempt.start(self.config)


@pytest.mark.parametrize(
    ("account", "state", "line"),
    [
        (Unreachable(), "load_failed", "127.0.0.1:9 — not connected"),
        (Unreachable(fail=True), "unavailable", "Not connected"),
    ],
    ids=["refused", "not-started"],
)
def test_the_address_line_never_says_connecting_beside_an_error(
    qtbot: QtBot, runner: TaskRunner, account: Any, state: str, line: str
) -> None:
    from zoomdesk.ui.login.dialog import LoginDialog

    dialog = LoginDialog(account, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state == state, timeout=10000)
    assert dialog.origin.line.text() == line
    assert dialog.origin.icon.pixmap().isNull()  # no padlock: nothing is connected


def test_no_busy_bar_while_the_delete_question_waits(qtbot: QtBot) -> None:
    window = mw.MainWindow(FakeBackend(account=FakeAccount()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and not window.runner.busy)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    meetings = window.pages.signed_in.meetings
    weekly = next(r for r, m in enumerate(meetings.model.meetings) if m.type == 8)
    meetings.view.setCurrentIndex(meetings.view_index(weekly, 1))
    busy_while_asked: list[bool] = []
    seen = when_a_box_opens(lambda _box: busy_while_asked.append(window.status._busy.isVisible()))
    # A series: its occurrences are fetched first (busy), then the question is asked.
    window.menus.meeting[wm.DELETE].trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert busy_while_asked == [False]
    assert not window.runner.busy
