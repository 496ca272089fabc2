"""The browser way's plain rules: which pages hand off, and which URL may be opened."""

from __future__ import annotations

import pytest

from zoomdesk.sandbox import google_idp, pages
from zoomdesk.ui.login import handoff
from zoomdesk.ui.login.handoff import may_open_sign_in, refusing_provider, sandbox_refusal

SANDBOX = "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://accounts.google.com/o/oauth2/v2/auth?client_id=x", "Google"),
        ("https://ACCOUNTS.GOOGLE.COM./signin", "Google"),
        ("http://accounts.google.com/", "Google"),
        ("https://appleid.apple.com/auth/authorize", "Apple"),
        ("https://zoom.us/oauth/authorize", None),
        ("https://accounts.google.com.evil.example/", None),
        ("https://google.com/", None),
        ("javascript:accounts.google.com", None),
        ("about:blank", None),
    ],
)
def test_refusing_providers(url: str, provider: str | None) -> None:
    assert refusing_provider(url) == provider


def test_the_sandbox_rule_follows_the_sandbox() -> None:
    """The stand-in's paths and status, as the sandbox has them today."""
    assert {pages.GOOGLE_SIGN_IN, pages.GOOGLE_CONTINUE} == handoff.SANDBOX_GOOGLE_PATHS
    response = google_idp.handle(None, _Request())  # type: ignore[arg-type]
    assert response.status == handoff.SANDBOX_REFUSAL_STATUS


class _Request:
    """Just enough of the sandbox's Request for a refused POST (the refusal comes first)."""

    path = pages.GOOGLE_SIGN_IN
    method = "POST"

    def header(self, name: str) -> str:
        return "Mozilla/5.0 QtWebEngine/6.12.0 Chrome/130" if name == "User-Agent" else ""


@pytest.mark.parametrize(
    ("url", "status", "oauth_url", "provider"),
    [
        (f"{SANDBOX}/google/signin", 403, SANDBOX, "Google"),
        (f"{SANDBOX}/google/continue", 403, SANDBOX + "/", "Google"),
        (f"{SANDBOX}/google/signin", 200, SANDBOX, None),  # the account chooser: no refusal
        (f"{SANDBOX}/oauth/signin", 403, SANDBOX, None),
        ("http://127.0.0.1:9999/google/signin", 403, SANDBOX, None),  # another server
        ("https://zoom.us/google/signin", 403, "https://zoom.us", None),  # not the sandbox
    ],
)
def test_sandbox_refusal(url: str, status: int, oauth_url: str, provider: str | None) -> None:
    assert sandbox_refusal(url, status, oauth_url) == provider


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://zoom.us/oauth/authorize?state=s", True),
        ("http://127.0.0.1:8123/oauth/authorize?state=s", True),
        ("http://[::1]:8123/oauth/authorize", True),
        ("http://zoom.us/oauth/authorize", False),
        ("http://127.0.0.1.evil.example/", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("http://127.0.0.1:8123/a b", False),
        ("", False),
    ],
)
def test_which_sign_in_pages_are_opened(url: str, allowed: bool) -> None:
    assert may_open_sign_in(url) is allowed
