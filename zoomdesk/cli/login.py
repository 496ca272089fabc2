"""``zoomdesk login``: the sign-in window, or the system browser with a loopback listener.

The way is ``--browser``/``--embedded``, else the ``sign_in`` setting
(DESIGN.md §3.1, §3.3). The browser way loads no Qt: it opens the authorize
URL with ``webbrowser`` (so ``$BROWSER`` is honoured) and waits for the answer
on 127.0.0.1 (``core/loopback.py``). With ``--no-open``, or when no browser
could be opened, it prints the URL on stderr and also takes, on stdin, the
address a browser on another machine ended at; the first answer wins. The
terminal shows where to look, never the code, state or verifier.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import TYPE_CHECKING, TextIO

from zoomdesk.cli.errors import NETWORK, OK, USAGE
from zoomdesk.cli.terminal import clean

if TYPE_CHECKING:
    from zoomdesk.cli.context import Context
    from zoomdesk.core.account import Account
    from zoomdesk.core.loopback import LoopbackReceiver
    from zoomdesk.core.user import User

log = logging.getLogger(__name__)


def login(ctx: Context) -> int:
    """Sign in the chosen way; print who is signed in (stdout). Ctrl+C: 130 (``cli.errors``)."""
    way: str | None = getattr(ctx.args, "sign_in", None)
    if ctx.args.no_open:
        if way == "embedded":
            ctx.say("zoomdesk: --no-open is for signing in with the web browser, not --embedded.")
            return USAGE
        way = "browser"
    account = ctx.account()
    if (way or account.config.sign_in) == "browser":
        return _browser(ctx, account)
    from zoomdesk.ui.entry import run_login

    return _signed_in(ctx, run_login(account))  # SignInCancelled: exit 130 (cli.errors)


def _signed_in(ctx: Context, user: User | None) -> int:
    if user is not None and user.signature:
        ctx.print(f"Signed in as {clean(user.signature)}")
    else:  # Zoom refused /users/me or did not answer; the tokens are saved all the same
        ctx.print("Signed in")
        ctx.say("zoomdesk: Zoom did not send your profile this time; `zoomdesk whoami` asks again.")
    return OK


def _browser(ctx: Context, account: Account) -> int:
    from zoomdesk.core.errors import OAuthError
    from zoomdesk.core.loopback import LoopbackReceiver, TimedOut
    from zoomdesk.core.oauth import Captured, Denied

    # A redirect URL that is not loopback, or a busy port a confidential client
    # needs: ConfigError, worded with the setting to change (cli.errors).
    with LoopbackReceiver(account.config) as receiver:
        if ctx.args.no_open or not _open_browser(ctx, receiver):
            _offer_paste(ctx, receiver, sys.stdin)
        outcome = receiver.wait()  # KeyboardInterrupt leaves through close(): port closed
    if isinstance(outcome, Captured):
        return _signed_in(ctx, account.finish_sign_in(receiver.attempt, outcome.code))
    if isinstance(outcome, Denied):
        reason = outcome.description or (
            "access was declined in the browser"
            if outcome.error == "access_denied"
            else "Zoom refused the sign-in"
        )
        raise OAuthError(outcome.error, reason)
    if isinstance(outcome, TimedOut):
        minutes = max(1, round(outcome.seconds / 60))
        ctx.say(
            f"zoomdesk: the sign-in was not finished in the browser within {minutes} "
            "minutes; nothing was saved. Run `zoomdesk login` to try again."
        )
        return NETWORK
    raise KeyboardInterrupt  # Cancelled: only close() cancels, and only on the way out


def _open_browser(ctx: Context, receiver: LoopbackReceiver) -> bool:
    import webbrowser

    ctx.say(
        f"zoomdesk: sign in to {receiver.host} in your web browser; "
        "waiting for it here (Ctrl+C cancels)…"
    )
    try:
        opened = webbrowser.open(receiver.authorize_url)
    except webbrowser.Error:
        opened = False
    if not opened:
        log.info("login: no web browser could be opened")
        ctx.say("zoomdesk: no web browser could be opened.")
    return opened


def _offer_paste(ctx: Context, receiver: LoopbackReceiver, stdin: TextIO) -> None:
    """Print the URL, and take pasted addresses from ``stdin`` on a thread of their own."""
    ctx.say("zoomdesk: open this address in a web browser to sign in:")
    ctx.say(receiver.authorize_url)
    ctx.say(
        "zoomdesk: waiting for the browser to come back; if it is on another machine, "
        "paste here the whole address it ended at (it starts with "
        f"{receiver.redirect_uri}), then press Enter."
    )
    reader = threading.Thread(
        target=_read_pastes, args=(ctx, receiver, stdin), name="zoomdesk-paste", daemon=True
    )
    reader.start()


def _read_pastes(ctx: Context, receiver: LoopbackReceiver, stdin: TextIO) -> None:
    from zoomdesk.core.oauth import Allow, Captured, Denied

    try:
        for line in stdin:
            if not line.strip():
                continue
            verdict = receiver.offer_pasted_url(line)
            if isinstance(verdict, Captured | Denied) or receiver.outcome is not None:
                return
            if isinstance(verdict, Allow):
                ctx.say(
                    "zoomdesk: that is not the address zoomdesk waits for; it starts with "
                    f"{receiver.redirect_uri}. Paste the whole address, or keep waiting."
                )
            else:
                ctx.say(f"zoomdesk: refused: {verdict.reason} Paste another, or keep waiting.")
    except (OSError, ValueError) as exc:  # stdin closed or unreadable: the listener still waits
        log.info("login: stopped reading pasted addresses (%s)", type(exc).__name__)
