"""The window's words for every core error: facts plus buttons, never a command to type.

The core's errors carry facts (``AuthRequired.reason``, ``CreateUnconfirmed.sent_at``);
the CLI adds ``zoomdesk login`` and the like (``cli/errors.py``), the window
must not. Every ``ZoomdeskError`` subclass is rendered through every GUI path
that shows errors: the status bar, the meeting dialog's banner (and its
tooltip detail) and the sign-in dialog's panels.
"""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import pytest

from zoomdesk.cli.errors import classify
from zoomdesk.core import errors
from zoomdesk.core.config import KEYS, validate_value
from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    ConfigError,
    CreateUnconfirmed,
    FieldError,
    KeyringFailed,
    NetworkError,
    OAuthError,
    RateLimited,
    SignInCancelled,
    StoreError,
    ZoomApiError,
    ZoomdeskError,
)
from zoomdesk.ui.login.text import exchange_failure_panel, unavailable_panel
from zoomdesk.ui.meeting.page import explain
from zoomdesk.ui.status import describe

#: What a terminal command looks like in a sentence: backticks, a sub-command, a flag.
COMMAND = re.compile(
    r"`|\bzoomdesk (login|logout|whoami|meetings|sandbox)\b|(^|\s)--?[a-z]|\bRun\b"
)


def _samples() -> list[ZoomdeskError]:
    auth = [AuthRequired(reason) for reason in AuthReason]
    auth += [AuthRequired(reason, lost_create_at=1.0) for reason in AuthReason]
    config = [
        ConfigError(problem, key=key, path=Path("/home/u/.config/zoomdesk/config.json"))
        for key in KEYS
        if (problem := validate_value(key, "ftp://user:pw@x/#f?q" if "url" in key else " "))
    ]
    return [
        *auth,
        *config,
        ConfigError("zoomdesk is not configured."),
        SignInCancelled(),
        OAuthError("invalid_client", "Invalid client_id or client_secret", 401),
        NetworkError("Network error: api.zoom.us did not answer in time."),
        CreateUnconfirmed(1.0, looked=True),
        CreateUnconfirmed(1.0, looked=False, cause="Network error: could not connect."),
        StoreError("Could not save tokens.json: No space left on device"),
        KeyringFailed("The system keyring is locked; the session stays where it was.", locked=True),
        KeyringFailed("The system keyring did not answer: the D-Bus service is gone."),
        ZoomApiError(404, 3001, "Meeting does not exist: 123."),
        ZoomApiError(400, 300, "Validation Failed.", (FieldError("topic", "Too long"),)),
        RateLimited(429, "Too many requests.", 3.0),
        RateLimited(429, "You have reached the daily limit.", None, daily_cap=True),
    ]


SAMPLES = _samples()


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_core_error_type_has_a_sample() -> None:
    defined = {c for c in _all_subclasses(ZoomdeskError) if c.__module__ == errors.__name__}
    assert defined <= {type(s) for s in SAMPLES}


@pytest.mark.parametrize("exc", SAMPLES, ids=lambda e: f"{type(e).__name__}:{str(e)[:30]}")
def test_the_window_never_shows_a_terminal_command(exc: ZoomdeskError) -> None:
    problem = describe(exc)
    failure = explain(exc, UTC)
    shown = [
        problem.text,
        problem.detail,
        failure.text,
        exchange_failure_panel(exc).message,
        unavailable_panel(exc).message,
    ]
    for text in shown:
        assert not COMMAND.search(text), text


@pytest.mark.parametrize(
    "exc",
    [
        AuthRequired(),
        AuthRequired(AuthReason.SESSION_ENDED, lost_create_at=1.0),
        CreateUnconfirmed(1.0, looked=True),
    ],
    ids=["auth", "auth-lost-create", "create-unconfirmed"],
)
def test_the_cli_words_the_same_facts_with_commands(exc: ZoomdeskError) -> None:
    # The counterpart: the pattern above does find the CLI's advice.
    _, lines = classify(exc)
    assert COMMAND.search(" ".join(lines))


def test_a_lost_create_is_named_in_both_front_ends() -> None:
    exc = AuthRequired(AuthReason.SESSION_ENDED, lost_create_at=1.0)
    assert "looks for the meeting" in describe(exc).text
    assert "looks for the meeting" in explain(exc, UTC).text
    assert "meetings list" in " ".join(classify(exc)[1])
