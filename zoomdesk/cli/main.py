"""The ``zoomdesk`` entry point: parse the arguments, run one sub-command, report its error.

Exit codes (DESIGN.md §3.3): 0 ok, 1 unexpected, 2 usage or invalid input,
3 not signed in, 4 Zoom refused, 5 network error or timeout, 130 cancelled.
Results go to stdout (``--json``: Zoom's JSON and nothing else); messages to
stderr. Tracebacks go to the log file only.

Start-up stays fast: the Zoom client, ``requests`` and the meeting model are
imported by the commands that need them, and PySide6 only by the commands
that open a window (no command, ``--sandbox``, ``--self-test``, ``login``
unless it signs in with the browser).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from zoomdesk.cli.args import build_parser, config_flags
from zoomdesk.cli.context import Context
from zoomdesk.cli.errors import CANCELLED, OK, UNEXPECTED, USAGE, report
from zoomdesk.cli.terminal import clean_lines, write_line
from zoomdesk.core.errors import (
    ConfigError,
)
from zoomdesk.core.qt_args import split_qt_args

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


# -- commands that are not about meetings ---------------------------------------------------


def _whoami(ctx: Context) -> int:
    from zoomdesk.cli.output import emit_json, user_lines
    from zoomdesk.core.user import User

    account = ctx.account()
    data = account.client.me()
    # Where the session lives (DESIGN.md §3.2: never a silent fall-back to the file).
    stored = account.store.describe()
    if ctx.args.json:
        if isinstance(data, dict):  # one key of ours, named so that it cannot be Zoom's
            data = {**data, "zoomdesk_storage": {"kind": account.store.where, "name": stored}}
        emit_json(data, ctx.out)
    else:
        for line in user_lines(User.from_zoom_json(data)):
            ctx.print(line)
        ctx.say(f"Stored in: {stored}")
    return OK


def _logout(ctx: Context) -> int:
    try:
        account = ctx.account()
    except ConfigError:
        # Without settings nothing can be revoked, but the local sign-out still works.
        from zoomdesk.core.tokens import TokenStore

        TokenStore().clear()
        ctx.print("Signed out")
        ctx.say("zoomdesk: the session was not revoked at Zoom: zoomdesk is not configured.")
        return OK
    account.sign_out()
    ctx.print("Signed out")
    return OK


def _login(ctx: Context) -> int:
    # Its own module: the browser way (loopback listener, webbrowser) costs the
    # other commands nothing, and the window's way imports Qt only when chosen.
    from zoomdesk.cli.login import login

    return login(ctx)


def _sandbox(ctx: Context) -> int:
    from zoomdesk.sandbox import run_cli

    try:
        return int(run_cli(ctx.args.host, ctx.args.port, ctx.args.access_token_ttl))
    except ValueError as exc:  # a knob out of range, e.g. --access-token-ttl 0
        ctx.say(f"zoomdesk: cannot start the sandbox: {exc}")
        return USAGE
    except OSError as exc:  # e.g. the port is taken
        ctx.say(f"zoomdesk: cannot start the sandbox: {exc.strerror or exc}")
        return UNEXPECTED


def _gui(ctx: Context) -> int:
    if ctx.args.self_test:
        from zoomdesk.ui.selftest import run_self_test

        return int(run_self_test())
    from zoomdesk.ui.entry import run_gui

    return int(
        run_gui(
            sandbox=ctx.args.sandbox,
            flags=config_flags(ctx.args),
            minimized=ctx.args.minimized,
            new_meeting=ctx.args.new_meeting,
        )
    )


def _meetings_help(ctx: Context) -> int:
    ctx.args.meetings_parser.print_help(ctx.err)
    return USAGE


def _meetings(name: str) -> Callable[[Context], int]:
    """A ``meetings`` sub-command, imported only when it runs.

    ``cli_meetings`` pulls in the Zoom client and ``requests``; the window and
    the other commands must not pay for that at start-up.
    """

    def run(ctx: Context) -> int:
        from zoomdesk.cli import meetings as cli_meetings

        handler: Callable[[Context], int] = getattr(cli_meetings, name)
        return handler(ctx)

    return run


HANDLERS: dict[str, Callable[[Context], int]] = {
    "gui": _gui,
    "login": _login,
    "logout": _logout,
    "whoami": _whoami,
    "sandbox": _sandbox,
    "meetings_help": _meetings_help,
    "meetings_list": _meetings("list_meetings"),
    "meetings_create": _meetings("create"),
    "meetings_show": _meetings("show"),
    "meetings_update": _meetings("update"),
    "meetings_delete": _meetings("delete"),
    "meetings_invitation": _meetings("invitation"),
    "meetings_templates": _meetings("templates"),
}


# -- entry points ---------------------------------------------------------------------------


def _setup_logging(verbose: int) -> Path | None:
    from zoomdesk.core.logs import RedactingFilter, RedactingFormatter, setup_logging

    path = setup_logging(logging.DEBUG if verbose else logging.INFO)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _TerminalHandler)]:
        root.removeHandler(old)  # main() may run more than once in a process (tests)
    if verbose:
        handler = _TerminalHandler(sys.stderr)
        handler.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
        handler.addFilter(RedactingFilter())
        handler.setFormatter(
            _NoTraceback(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        )
        root.addHandler(handler)
    return path


class _TerminalHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The ``-v`` handler: stderr, redacted, no tracebacks."""


class _NoTraceback(logging.Formatter):
    """Wraps a formatter for the terminal: the traceback stays in the log file, controls out."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        bare = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return clean_lines(self.inner.format(bare))


def main(argv: list[str] | None = None) -> int:
    """Run one ``zoomdesk`` command and return its exit code (never raises)."""
    ctx: Context | None = None
    log_file: Path | None = None
    try:
        try:
            argv = sys.argv[1:] if argv is None else argv
            # Qt's own options (-style Fusion, -reverse) are for Qt: ui.app.create_app
            # hands them over from sys.argv; argparse took "Fusion" for a command.
            argv, qt_options = split_qt_args(argv)
            args = build_parser(argv).parse_args(argv)
        except SystemExit as exc:  # --help, --version, usage errors (2)
            return exc.code if isinstance(exc.code, int) else USAGE
        if qt_options and args.handler not in ("gui", "login"):
            write_line(
                sys.stderr,
                f"zoomdesk: {qt_options[0]} is an option of Qt's windows; this command opens none.",
            )
            return USAGE
        window_flags = (args.sandbox, args.self_test, args.new_meeting, args.minimized)
        if args.handler != "gui" and any(window_flags):
            write_line(
                sys.stderr,
                "zoomdesk: --sandbox, --self-test, --new-meeting and --minimized open the "
                "window; use them without a command.",
            )
            return USAGE
        # The window starts its own log file on a worker thread once it is on
        # screen (ui.app.start_logging); doing it here would delay the first paint.
        if args.handler != "gui" or args.verbose:
            log_file = _setup_logging(args.verbose)
        ctx = Context(args, sys.stdout, sys.stderr)
        code = HANDLERS[args.handler](ctx)
        if ctx.store_notice():  # the keyring refused; the session stayed where it was
            ctx.say(f"zoomdesk: {ctx.store_notice()}")
        return code
    except BrokenPipeError:
        # `zoomdesk meetings list | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return UNEXPECTED
    except (Exception, KeyboardInterrupt) as exc:
        try:
            return report(ctx, exc, log_file)
        except Exception:
            write_line(sys.stderr, f"zoomdesk: {type(exc).__name__}")
            return UNEXPECTED if not isinstance(exc, KeyboardInterrupt) else CANCELLED


def gui_main() -> None:
    """The ``zoomdesk-gui`` launcher: same arguments, no console needed."""
    sys.exit(main())


__all__ = ["gui_main", "main"]
