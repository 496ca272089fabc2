"""The measured side of ``benchmarks/startup.py``: one case per fresh interpreter.

Kept apart from the parent so the children import nothing the case doesn't:
``bare`` loads only PySide6, ``app`` goes through ``zoomdesk.cli.main.main([])``
exactly as the ``zoomdesk`` command does. One JSON line on stdout is the result.

    python benchmarks/startup_child.py CASE T0   (T0: the parent's time.monotonic())
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer


def tree_memory_mib() -> tuple[float, float]:
    """Rss and Pss summed over this process and all its descendants, in MiB."""
    todo, rss, pss = [os.getpid()], 0, 0
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    name, _, rest = line.partition(":")
                    if name in ("Rss", "Pss"):
                        kib = int(rest.split()[0])
                        rss, pss = (rss + kib, pss) if name == "Rss" else (rss, pss + kib)
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                    todo.extend(int(child) for child in fh.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue  # it exited meanwhile
    return rss / 1024, pss / 1024


def emit(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


class FirstPaint(QObject):
    """Notes the first paint of anything in a QMainWindow: the window is on screen."""

    def __init__(self, t0: float, wait_for_meetings: bool) -> None:
        super().__init__()
        self.t0 = t0
        self.wait_for_meetings = wait_for_meetings
        self.result: dict[str, Any] | None = None
        #: More figures for the result, read at the first paint.
        self.extra: dict[str, Any] = {}
        #: Figures that come after the first paint (the tray), added when the meetings show.
        self.late: dict[str, Any] = {}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

        if (
            self.result is None
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and isinstance(obj.window(), QMainWindow)
        ):
            wall_ms = (time.monotonic() - self.t0) * 1000
            rss, pss = tree_memory_mib()
            self.result = {"wall_ms": wall_ms, "rss_mib": rss, "pss_mib": pss}
            self.result.update((key, figure()) for key, figure in self.extra.items())
            window = obj.window()
            if self.wait_for_meetings and hasattr(window, "meetingsShown"):
                window.meetingsShown.connect(self._listed)
            else:
                emit(self.result)
                QTimer.singleShot(0, QApplication.quit)
        return False

    def _listed(self, _count: int) -> None:
        from PySide6.QtWidgets import QApplication

        assert self.result is not None
        self.result["listed_ms"] = (time.monotonic() - self.t0) * 1000
        self.result.update(self.late)
        emit(self.result)
        QApplication.quit()


def run_bare(t0: float, with_text: bool) -> int:
    """The baseline: an empty QMainWindow; ``with_text`` adds a menu, a label, a status line.

    The text variant is a reference only: it shows what drawing any text at all
    (fontconfig, font files) costs a window before the app's own work.
    """
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    probe = FirstPaint(t0, wait_for_meetings=False)
    app.installEventFilter(probe)
    window = QMainWindow()
    window.resize(900, 640)
    if with_text:
        window.menuBar().addMenu("&File")
        window.setCentralWidget(QLabel("Loading…"))
        window.statusBar().showMessage("Ready")
    window.show()
    return app.exec()


def run_app(t0: float, through_cli: bool = True) -> int:
    """``zoomdesk`` as the command runs it, or (``through_cli=False``) straight to ``run_gui``."""
    import zoomdesk.ui.app as zapp

    probe = FirstPaint(t0, wait_for_meetings=True)
    create_app = zapp.create_app

    def create_and_watch(argv: Any = None) -> Any:
        app = create_app(argv)
        app.installEventFilter(probe)
        return app

    zapp.create_app = create_and_watch
    _time_the_instance_check(probe)
    _time_the_desktop(probe)
    if not through_cli:
        from zoomdesk.ui.entry import run_gui

        return run_gui()
    from zoomdesk.cli.main import main

    return main([])


def _time_the_instance_check(probe: FirstPaint) -> None:
    """Add up, in ``probe``'s result, the time the single-instance check takes in a start.

    It is what a first start pays before its window: looking for a running
    instance, and listening (the lock and a second look only after a crash).
    """
    started = time.perf_counter()
    import zoomdesk.ui.single_instance as si  # with QtNetwork, which only it needs

    imported = (time.perf_counter() - started) * 1000
    probe.extra["instance_import_ms"] = lambda: imported
    spent = [0.0]
    forward, claim = si.forward, si.InstanceServer.claim

    def timed(fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0

        return run

    si.forward = timed(forward)  # type: ignore[assignment]
    si.InstanceServer.claim = timed(claim)  # type: ignore[method-assign]
    probe.extra["instance_ms"] = lambda: spent[0] * 1000


def _time_the_desktop(probe: FirstPaint) -> None:
    """Note, in ``probe``'s late figures, when ``AppInstance`` built the tray and reminders.

    ``tray_ms`` (from the parent's start) and the tree's memory then, with ``tray``
    saying whether there was a system tray (there is none under ``offscreen``).
    """
    from zoomdesk.ui.window.instance import AppInstance

    start_desktop = AppInstance._start_desktop

    def timed(self: AppInstance, *args: object) -> None:
        had = self.desktop is not None
        t0 = time.perf_counter()
        start_desktop(self, *args)
        if had or self.desktop is None:
            return
        done = time.monotonic()
        rss, pss = tree_memory_mib()
        probe.late.update(
            desktop_build_ms=(time.perf_counter() - t0) * 1000,
            tray_ms=(done - probe.t0) * 1000,
            tray_rss_mib=rss,
            tray_pss_mib=pss,
            tray=self.desktop.tray is not None and self.desktop.tray.isVisible(),
        )

    AppInstance._start_desktop = timed  # type: ignore[method-assign]


def run_stall(case: str) -> int:
    """Sign in from the signed-out window, then wait for the meetings; beat every 10 ms."""
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.session import Backend
    from zoomdesk.ui.window import main_window as mw

    app = create_app()
    if case == "window-only":
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "support"))
        from sandbox_signin import headless_login_class

        import zoomdesk.ui.login.dialog

        zoomdesk.ui.login.dialog.LoginDialog = headless_login_class()  # type: ignore[misc]
    window = mw.MainWindow(Backend())
    window.show()
    phases: dict[str, float] = {}
    state = {"phase": "", "last": 0.0, "start": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        if state["phase"]:
            gap = (now - state["last"]) * 1000
            phases[state["phase"]] = max(phases.get(state["phase"], 0.0), gap)
        state["last"] = now

    def enter(phase: str) -> None:
        beat()  # the gap up to here belongs to the phase that ends
        state["phase"] = phase

    def click() -> None:
        enter("open" if case == "login-dialog" else "sign-in")
        state["start"] = time.perf_counter()
        window.sign_in()
        if case == "login-dialog":
            from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill

            dialog = window.login_dialog
            SandboxAutofill(dialog.page, decision="allow")
            dialog.stateChanged.connect(lambda s: s == "page" and state["phase"] == "open"
                                        and enter("sign-in"))  # fmt: skip

    def done(_count: int) -> None:
        beat()
        emit({
            "max_gap_ms": max(phases.values()),
            "phases": phases,
            "total_s": time.perf_counter() - state["start"],
        })  # fmt: skip
        app.quit()

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)

    def ready(new_state: str) -> None:
        if new_state == mw.SIGNED_OUT and not state["start"]:
            heart.start()
            QTimer.singleShot(200, click)  # some calm beats first
        elif new_state == mw.SIGNED_IN:
            enter("load")

    window.stateChanged.connect(ready)
    window.meetingsShown.connect(done)
    QTimer.singleShot(60000, app.quit)  # never hang the parent
    code = app.exec()
    window.runner.wait_for_done(5000)
    return code


def run_list() -> int:
    """Signed in already: the window loads the meetings; beat every 5 ms until they are drawn.

    The beats start when the signed-in page shows (the list is then asked for) and
    go on for ``LIST_SETTLE_MS`` after the list is filled, so the layout and the
    paint of the rows count too. One JSON line: the longest gap, the meetings shown,
    and when they were shown.
    """
    from PySide6.QtCore import Qt

    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.session import Backend
    from zoomdesk.ui.window import main_window as mw

    app = create_app()
    window = mw.MainWindow(Backend())
    window.resize(900, 640)
    window.show()
    state = {"last": 0.0, "max": 0.0, "start": 0.0, "shown": 0.0, "count": 0}

    def beat() -> None:
        now = time.perf_counter()
        if state["last"]:
            state["max"] = max(state["max"], (now - state["last"]) * 1000)
        state["last"] = now

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(LIST_HEARTBEAT_MS)
    heart.timeout.connect(beat)

    def ready(new_state: str) -> None:
        if new_state == mw.SIGNED_IN and not state["start"]:
            state["start"] = state["last"] = time.perf_counter()
            heart.start()

    def shown(count: int) -> None:
        beat()
        state["shown"] = time.perf_counter()
        state["count"] = count
        QTimer.singleShot(LIST_SETTLE_MS, finish)

    def finish() -> None:
        beat()
        emit({
            "max_gap_ms": state["max"],
            "count": state["count"],
            "shown_ms": (state["shown"] - state["start"]) * 1000,
        })  # fmt: skip
        app.quit()

    window.stateChanged.connect(ready)
    window.meetingsShown.connect(shown)
    QTimer.singleShot(60000, app.quit)  # never hang the parent
    code = app.exec()
    window.runner.wait_for_done(5000)
    return code


#: The list case's heartbeat, and how long it keeps beating once the list is filled.
LIST_HEARTBEAT_MS = 5
LIST_SETTLE_MS = 400


def run(case: str, t0: float) -> int:
    if case in ("bare", "text"):
        return run_bare(t0, with_text=case == "text")
    if case in ("app", "gui"):
        return run_app(t0, through_cli=case == "app")
    if case == "list":
        return run_list()
    return run_stall(case)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], float(sys.argv[2])))
