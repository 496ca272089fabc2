"""Render every state and dialog of zoomdesk into ``docs/screenshots/*.png``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR] [--only NAME ...]
    xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python scripts/screenshots.py

It then renders the 800×600 and the 2× sets (``scripts/screen_sets.py``: every
window on an 800×600 screen and on 2560×1600 at 2× scale, under Xvfb and Openbox
when installed) into ``build/screenshots/`` (``--sets-out``; ``--no-sets`` skips
them). Those are for looking at, not for the README, so they stay out of git.

Offscreen renders each widget with ``QWidget.grab()``; under X11 (xvfb) the
screen itself is captured, so the pictures show real xcb rendering, web view
included. Everything runs against an in-process sandbox in a temporary config
dir: the user's own settings and tokens are never read, and nothing leaves
127.0.0.1. The viewer's time zone is Europe/Berlin (``TZ``), like the sandbox user.

Adding pictures: write a function ``def my_shot(studio: Studio) -> None`` that
builds the state and calls ``studio.save(widget, "name")``, and decorate it
with ``@shot("name", ...)``; ``scripts/window_scenes.py`` holds more of them. The
meeting dialog's pictures come from ``scripts/meeting_screenshots.py``
(``render_all``), and the tray's (``tray-menu``, ``reminder``, ``settings-desktop``:
a real tray and notification server) from ``scripts/tray_screenshots.py``, run
at the end; those three are skipped, with a note, where Xvfb, openbox, trayer,
dunst, xdotool or dbus-run-session is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# First: it sets the environment (TZ, a temporary config dir, Qt platform) up.
from screenshot_studio import (
    HOME,
    REPO,
    SHOTS,
    Studio,
    close_login,
    demo_meetings,
    dialog_of,
    shot,
)

# isort: split
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from zoomdesk.ui.app import create_app
from zoomdesk.ui.session import Backend, SandboxBackend
from zoomdesk.ui.window import main_window as mw

#: Rendered by scripts/meeting_screenshots.py (the meeting dialog's own script).
MEETING_DIALOG_SHOTS = {
    "meeting-new",
    "meeting-errors",
    "meeting-recurring",
    "meeting-success",
    "meeting-session-ended",
    "meeting-signed-in-again",
}


# -- the main window ----------------------------------------------------------------------


@shot("first-run", "First run: connect your Zoom app or try the sandbox")
def first_run(studio: Studio) -> None:
    window = studio.window(Backend(HOME / "empty"), mw.FIRST_RUN)
    studio.save(window, "first-run")


@shot("first-run-errors", "First run: each field is checked as you type")
def first_run_errors(studio: Studio) -> None:
    window = studio.window(Backend(HOME / "empty"), mw.FIRST_RUN)
    form = window.pages.first_run.form
    form.set_values({"client_id": "my client id", "redirect_uri": "http://example.com/callback"})
    form.edit("redirect_uri").setFocus()
    studio.save(window, "first-run-errors")


@shot("signed-out", "Signed out: one button to sign in")
def signed_out(studio: Studio) -> None:
    window = studio.window(Backend(studio.config_dir()), mw.SIGNED_OUT)
    studio.save(window, "signed-out")


@shot("sandbox", "Started with --sandbox (or Try the offline sandbox)")
def sandbox_mode(studio: Studio) -> None:
    window = studio.window(SandboxBackend(HOME / "sandbox"), mw.SIGNED_OUT)
    studio.save(window, "sandbox")


@shot("signed-in", "Signed in, with upcoming meetings")
def signed_in(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    studio.save(window, "signed-in")


@shot("signed-in-empty", "Signed in, no meetings yet")
def signed_in_empty(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    studio.save(window, "signed-in-empty")


@shot("offline", "Zoom can't be reached: say so, offer a retry")
def offline(studio: Studio) -> None:
    path = studio.signed_in_dir(demo_meetings())
    # Every attempt of the list call (the client retries dropped connections) fails.
    studio.sandbox.inject_fault("drop", count=3, path_prefix="/v2/users/me/meetings")
    window = studio.window(Backend(path), mw.SIGNED_IN)
    meetings = window.pages.signed_in.meetings
    studio.wait(lambda: "Can't reach" in meetings.message, what="the network error")
    studio.save(window, "offline")
    studio.sandbox.clear_faults()


@shot("meeting-details", "A meeting's details and invitation")
def meeting_details(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    meetings = window.pages.signed_in.meetings
    row = next(i for i, m in enumerate(meetings.model.meetings) if m.type == 8)
    window.meeting_actions.handle("details", meetings.model.meeting(row))
    studio.wait(lambda: _dialog(window) is not None, what="the details dialog")
    studio.save(_dialog(window), "meeting-details")


@shot("occurrence-edit", "Editing one occurrence of a series")
def occurrence_edit(studio: Studio) -> None:
    from zoomdesk.ui.window.occurrence_edit import OccurrenceDialog
    from zoomdesk.ui.window.occurrences import listed

    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    actions = window.meeting_actions
    series = next(m for m in window.pages.signed_in.meetings.model.meetings if m.type == 8)
    full: list[Any] = []
    actions._with_full(series, full.append, "Opening the meeting…")
    studio.wait(lambda: bool(full), what="the series")
    actions._edit_occurrence(full[0], listed(full[0])[1])
    studio.wait(
        lambda: isinstance(d := _dialog(window), OccurrenceDialog) and d.save_button.isEnabled(),
        what="the occurrence",
    )
    studio.save(_dialog(window), "occurrence-edit")


@shot("undo-delete", "After a delete: Undo for a few seconds, before Zoom is asked")
def undo_delete(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    actions = window.meeting_actions
    meeting = next(m for m in window.pages.signed_in.meetings.model.meetings if m.type == 2)
    actions._delete(meeting, None)  # what *Delete* does once confirmed
    studio.save(window, "undo-delete")
    actions.pending.undo()


@shot("delete-recurring", "Deleting a recurring meeting: this occurrence or all")
def delete_recurring(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    meetings = window.pages.signed_in.meetings
    series = next(m for m in meetings.model.meetings if m.type == 8)

    def grab_then_cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, grab_then_cancel)
            return
        studio.save(box, "delete-recurring")
        box.reject()

    QTimer.singleShot(0, grab_then_cancel)
    window.meeting_actions.handle("delete", series)
    studio.wait(lambda: "delete-recurring" in {p.stem for p in studio.written}, what="box")


@shot("settings", "Settings")
def settings(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    window.open_settings()
    studio.wait(lambda: _dialog(window) is not None, what="the settings dialog")
    studio.save(_dialog(window), "settings")


# -- the login dialog ------------------------------------------------------------------------


def _login(studio: Studio, decision: str | None, stop_at: Callable[[Any], bool]) -> Any:
    from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill

    window = studio.window(Backend(studio.config_dir()), mw.SIGNED_OUT)
    window.sign_in()
    dialog = window.login_dialog
    pause = {"signin"} if decision is None else set()
    SandboxAutofill(dialog.page, decision=decision, pause_at=pause)
    studio.wait(lambda: stop_at(dialog), seconds=30, what="the login dialog")
    return dialog


@shot("login-signin", "Sign-in inside zoomdesk (here: the sandbox)")
def login_signin(studio: Studio) -> None:
    dialog = _login(studio, None, lambda d: d.state == "page" and d.page.title() != "")
    studio.settle(500)  # the page paints after loadFinished
    studio.save(dialog, "login-signin")
    _close_login(dialog)


@shot("login-declined", "After Decline on Zoom's consent page")
def login_declined(studio: Studio) -> None:
    dialog = _login(studio, "deny", lambda d: d.state == "declined")
    studio.save(dialog, "login-declined")
    _close_login(dialog)


_close_login = close_login
_dialog = dialog_of


def _meeting_dialog_shots(out: Path) -> list[Path]:
    script = REPO / "scripts" / "meeting_screenshots.py"
    if not script.exists():
        return []
    spec = importlib.util.spec_from_file_location("meeting_screenshots", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.render_all(out)
    for path in paths:
        print(f"wrote {path}")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="just these pictures")
    parser.add_argument("--sets-out", type=Path, default=REPO / "build" / "screenshots")
    parser.add_argument("--no-sets", action="store_true", help="no 800×600 and 2× sets")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication, as Qt wants
    import tray_screenshots
    import window_scenes  # noqa: F401 - its scenes join SHOTS, after these

    app = create_app()
    studio = Studio(app, args.out.resolve())
    try:
        for item in SHOTS:
            if args.only and item.name not in args.only:
                continue
            item.render(studio)
            studio.close_all()
        if not args.only or set(args.only) & MEETING_DIALOG_SHOTS:
            studio.written += _meeting_dialog_shots(args.out)
        if not args.only or set(args.only) & set(tray_screenshots.NAMES):
            studio.written += tray_screenshots.render(args.out.resolve())
    finally:
        studio.close_all()
        studio.sandbox.stop()
    print(f"{len(studio.written)} pictures in {args.out}")
    if not args.no_sets and not args.only:
        from screen_sets import SETS, problems, render_set

        for name in SETS:
            target = render_set(name, args.sets_out)
            found = problems(target)
            print(f"{name}: pictures in {target}" + (f"; PROBLEMS: {found}" if found else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
