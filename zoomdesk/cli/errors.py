"""The CLI's words for the core's errors, with the commands to type, and their exit codes.

The core's errors say what happened; this is the one place the command line
turns them into advice (``Run `zoomdesk login` ...``) and an exit code
(DESIGN.md §3.3). The window phrases the same errors with buttons
(``ui/status.py``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from zoomdesk.cli.args import FLAG_FOR
from zoomdesk.cli.terminal import write_line
from zoomdesk.core.errors import (
    AuthRequired,
    ConfigError,
    CreateUnconfirmed,
    NetworkError,
    OAuthError,
    SignInCancelled,
    StoreError,
    ZoomApiError,
)

if TYPE_CHECKING:
    from zoomdesk.cli.context import Context

log = logging.getLogger(__name__)

OK, UNEXPECTED, USAGE, SIGN_IN, REFUSED, NETWORK, CANCELLED = 0, 1, 2, 3, 4, 5, 130
LOGIN_HINT = "Run `zoomdesk login` to sign in."
LOOK_FIRST = "Run `zoomdesk meetings list` before trying again."


class InvalidInputError(Exception):
    """Input that cannot be sent; ``problems`` maps Zoom field names to plain words."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        first = next(iter(self.problems.items()), ("input", "invalid"))
        super().__init__(f"{first[0]}: {first[1]}")

    def lines(self) -> list[str]:
        return [
            f"invalid {field} ({FLAG_FOR[field]}): {message}" if field in FLAG_FOR else message
            for field, message in self.problems.items()
        ]


def classify(exc: BaseException) -> tuple[int, list[str]]:
    """Exit code and stderr lines for an error; unexpected ones get a one-line summary."""
    if isinstance(exc, KeyboardInterrupt):
        return CANCELLED, ["Cancelled."]
    if isinstance(exc, SignInCancelled):  # the user cancelled after Zoom had answered
        return CANCELLED, [str(exc)]
    if isinstance(exc, InvalidInputError):
        return USAGE, exc.lines()
    if isinstance(exc, ConfigError):
        return USAGE, [_config_text(exc)]
    if isinstance(exc, AuthRequired):
        if exc.lost_create_at is not None:
            return SIGN_IN, [f"{exc} Sign in again (`zoomdesk login`), then {_lower(LOOK_FIRST)}"]
        return SIGN_IN, [f"{exc} {LOGIN_HINT}"]
    if isinstance(exc, ZoomApiError):  # RateLimited included
        lines = [str(exc)]
        lines += [f"  {f.field}: {f.message}" for f in exc.field_errors]
        return REFUSED, lines
    if isinstance(exc, OAuthError):
        return REFUSED, [str(exc)]
    if isinstance(exc, CreateUnconfirmed):
        return NETWORK, [f"{exc} {LOOK_FIRST}"]
    if isinstance(exc, NetworkError):
        return NETWORK, [str(exc)]
    if _is_requests_error(exc):  # should not escape the core, but if it does
        return NETWORK, [f"Network error ({type(exc).__name__})."]
    if isinstance(exc, StoreError):
        return UNEXPECTED, [str(exc)]
    return UNEXPECTED, [f"Unexpected error: {type(exc).__name__}: {exc}"]


def _config_text(exc: ConfigError) -> str:
    # Imported here, as ``redact`` below: ``--version`` and the window's first
    # paint should not pay for modules only an error needs.
    from zoomdesk.core.config import ENV_VARS

    if exc.key is None:
        return str(exc)
    where = f" in {exc.path}" if exc.path else ""
    variable = ENV_VARS.get(exc.key)
    env = f" or the {variable} environment variable" if variable else ""
    return f"{exc} Set `{exc.key}`{where}{env}."


def _lower(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


def _is_requests_error(exc: BaseException) -> bool:
    requests = sys.modules.get("requests")
    return requests is not None and isinstance(exc, requests.RequestException)


def report(ctx: Context | None, exc: BaseException, log_file: Path | None) -> int:
    """Print the message for ``exc`` on stderr, log it, and return its exit code."""
    from zoomdesk.core.logs import redact

    code, lines = classify(exc)
    if code == UNEXPECTED and not isinstance(exc, StoreError):
        log.error("unexpected error", exc_info=exc)
        where = f" Details are in {log_file}." if log_file else ""
        lines = [redact(lines[0])[:500] + where]
    else:
        log.info("exit %d: %s", code, type(exc).__name__)
    if code == SIGN_IN and ctx is not None and ctx.store_problem():
        lines.insert(0, str(ctx.store_problem()))
    err = ctx.err if ctx else sys.stderr
    for line in lines:
        write_line(err, f"zoomdesk: {line}")
    return code
