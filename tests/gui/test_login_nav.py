"""The login view's navigation decisions, without a running web engine.

Like qutebrowser's webview tests: the Qt hook's arguments become a small value
(``NavRequest``) and plain code decides, so every case is a table row.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInfo

from zoomdesk.core.config import Config
from zoomdesk.core.oauth import Allow, AuthorizationAttempt, Captured, Denied, Rejected
from zoomdesk.ui.login.navigation import (
    Load,
    NavKind,
    NavRequest,
    OpenExternally,
    Stop,
    decide,
    decide_new_window,
    describe_load_error,
    describe_origin,
    display_host,
    loggable,
)
from zoomdesk.ui.login.page import RedirectGuard, nav_request

OAUTH = "https://zoom.us"
REDIRECT = "https://example.com/zoomdesk/callback"
CONFIG = Config(client_id="cid", redirect_uri=REDIRECT, oauth_url=OAUTH)


@pytest.fixture
def attempt() -> AuthorizationAttempt:
    return AuthorizationAttempt.start(CONFIG)


def judge(attempt: AuthorizationAttempt, url: str, kind: NavKind, main: bool = True) -> object:
    return decide(
        NavRequest(url, kind, main), attempt.classify, oauth_url=OAUTH, redirect_uri=REDIRECT
    )


def test_redirect_with_code_is_stopped_and_captured(attempt: AuthorizationAttempt) -> None:
    verdict = judge(attempt, f"{REDIRECT}?code=abc&state={attempt.state}", NavKind.REDIRECT)
    assert verdict == Stop(Captured("abc"))


def test_declined_redirect_is_stopped_as_denied(attempt: AuthorizationAttempt) -> None:
    verdict = judge(
        attempt, f"{REDIRECT}?error=access_denied&state={attempt.state}", NavKind.REDIRECT
    )
    assert verdict == Stop(Denied("access_denied", ""))


def test_foreign_state_is_stopped_as_rejected(attempt: AuthorizationAttempt) -> None:
    verdict = judge(attempt, f"{REDIRECT}?code=abc&state=someone-elses", NavKind.REDIRECT)
    assert isinstance(verdict, Stop) and isinstance(verdict.outcome, Rejected)


def test_second_capture_is_rejected(attempt: AuthorizationAttempt) -> None:
    url = f"{REDIRECT}?code=abc&state={attempt.state}"
    judge(attempt, url, NavKind.REDIRECT)
    verdict = judge(attempt, url, NavKind.REDIRECT)
    assert isinstance(verdict, Stop) and isinstance(verdict.outcome, Rejected)


@pytest.mark.parametrize(
    ("url", "kind", "expected"),
    [
        (f"{OAUTH}/oauth/signin", NavKind.FORM, Load()),
        (f"{OAUTH}/oauth/authorize?x=1", NavKind.TYPED, Load()),
        (f"{OAUTH}/help", NavKind.LINK, Load()),  # same host: still the sign-in flow
        ("https://accounts.example.net/sso", NavKind.REDIRECT, Load()),  # SSO hops
        ("https://accounts.example.net/sso", NavKind.FORM, Load()),
        (
            "https://support.zoom.us/hc/en-us",
            NavKind.LINK,
            OpenExternally("https://support.zoom.us/hc/en-us"),
        ),
        ("https://zoom.us:8443/x", NavKind.LINK, OpenExternally("https://zoom.us:8443/x")),
        ("mailto:help@zoom.us", NavKind.LINK, Stop()),  # https only leaves the app
        ("http://help.example.com/", NavKind.LINK, Stop()),
        ("zoommtg://zoom.us/join", NavKind.LINK, Stop()),
        ("file:///etc/passwd", NavKind.LINK, Stop()),
        ("data:text/html,hi", NavKind.TYPED, Stop()),
        ("about:blank", NavKind.OTHER, Load()),
    ],
)
def test_main_frame_table(
    attempt: AuthorizationAttempt, url: str, kind: NavKind, expected: object
) -> None:
    assert judge(attempt, url, kind) == expected
    assert not attempt.finished


def test_link_to_redirect_host_is_classified_not_opened(attempt: AuthorizationAttempt) -> None:
    # A link click carrying an answer goes through the core, never to the browser.
    verdict = judge(attempt, f"{REDIRECT}?code=abc&state={attempt.state}", NavKind.LINK)
    assert verdict == Stop(Captured("abc"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{REDIRECT}?code=abc&state=x", Stop()),
        (f"{REDIRECT}", Stop()),
        ("https://EXAMPLE.com/zoomdesk/./callback?code=abc", Stop()),
        ("https://example.com/other?code=abc", Stop()),
        ("https://cdn.zoom.us/widget.html", Load()),
        ("https://example.com/other", Load()),
    ],
)
def test_sub_frames_never_spend_the_attempt(
    attempt: AuthorizationAttempt, url: str, expected: object
) -> None:
    assert judge(attempt, url, NavKind.OTHER, main=False) == expected
    assert not attempt.finished  # a frame can't capture, so it can't use up the state


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://support.zoom.us/help", OpenExternally("https://support.zoom.us/help")),
        ("mailto:a@b.c", Stop()),  # https only (more in test_login_popups.py)
        (f"{REDIRECT}?code=abc&state=x", Stop()),  # never hand a code to the browser
        ("javascript:alert(1)", Stop()),
        ("file:///tmp/x", Stop()),
    ],
)
def test_new_windows(url: str, expected: object) -> None:
    assert decide_new_window(url, redirect_uri=REDIRECT, user_initiated=True) == expected
    assert decide_new_window(url, redirect_uri=REDIRECT, user_initiated=False) == Stop()


def test_failing_classify_is_not_swallowed_by_decide() -> None:
    def boom(_url: str) -> object:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        decide(NavRequest(f"{OAUTH}/", NavKind.TYPED), boom, oauth_url=OAUTH, redirect_uri=REDIRECT)


def test_allow_is_the_only_pass(attempt: AuthorizationAttempt) -> None:
    calls: list[str] = []

    def classify(url: str) -> object:
        calls.append(url)
        return Allow()

    assert (
        decide(
            NavRequest(f"{OAUTH}/x", NavKind.FORM), classify, oauth_url=OAUTH, redirect_uri=REDIRECT
        )
        == Load()
    )
    assert calls == [f"{OAUTH}/x"]


@pytest.mark.parametrize(
    ("qt_type", "kind"),
    [
        (QWebEnginePage.NavigationType.NavigationTypeLinkClicked, NavKind.LINK),
        (QWebEnginePage.NavigationType.NavigationTypeRedirect, NavKind.REDIRECT),
        (QWebEnginePage.NavigationType.NavigationTypeFormSubmitted, NavKind.FORM),
        (QWebEnginePage.NavigationType.NavigationTypeTyped, NavKind.TYPED),
        (QWebEnginePage.NavigationType.NavigationTypeBackForward, NavKind.BACK_FORWARD),
        (QWebEnginePage.NavigationType.NavigationTypeReload, NavKind.RELOAD),
        (QWebEnginePage.NavigationType.NavigationTypeOther, NavKind.OTHER),
    ],
)
def test_qt_arguments_become_a_value(qt_type: QWebEnginePage.NavigationType, kind: NavKind) -> None:
    url = QUrl("https://example.com/zoomdesk/callback?code=a%2Bb&state=s")
    request = nav_request(url, qt_type, False)
    assert request == NavRequest(
        "https://example.com/zoomdesk/callback?code=a%2Bb&state=s", kind, False
    )


@pytest.mark.parametrize(
    ("url", "text", "secure"),
    [
        ("https://zoom.us/oauth/authorize?state=s", "zoom.us — secure connection (https)", True),
        ("http://127.0.0.1:8123/oauth/signin", "127.0.0.1:8123 — not encrypted (http)", False),
        ("https://zoom.us:443/x", "zoom.us — secure connection (https)", True),
        ("http://[::1]:80/", "[::1] — not encrypted (http)", False),
        ("about:blank", "", False),
        ("", "", False),
    ],
)
def test_origin_line(url: str, text: str, secure: bool) -> None:
    assert describe_origin(url) == (text, secure)


def test_loggable_never_keeps_the_query() -> None:
    url = "http://127.0.0.1:5/zoomdesk/callback?code=SECRET&state=STATE#frag"
    assert loggable(url) == "http://127.0.0.1:5/zoomdesk/callback"
    assert "SECRET" not in loggable("mailto:SECRET@x")
    assert display_host(url) == "127.0.0.1:5"


@pytest.mark.parametrize(
    ("error", "fragment"),
    [
        ("net::ERR_CONNECTION_REFUSED", "refused the connection"),
        ("net::ERR_NAME_NOT_RESOLVED", "could not be found"),
        ("net::ERR_CERT_AUTHORITY_INVALID", "certificate"),
        ("net::ERR_SOMETHING_NEW", "ERR_SOMETHING_NEW"),
        ("", "unknown error"),
    ],
)
def test_load_errors_in_words(error: str, fragment: str) -> None:
    assert fragment in describe_load_error(error)


class FakeRequestInfo:
    """Shaped like QWebEngineUrlRequestInfo (as qutebrowser's interceptor tests do)."""

    def __init__(self, url: str, resource_type: Any) -> None:
        self.url = QUrl(url)
        self.type = resource_type
        self.blocked: bool | None = None

    def requestUrl(self) -> QUrl:
        return self.url

    def resourceType(self) -> Any:
        return self.type

    def block(self, value: bool) -> None:
        self.blocked = value


RT = QWebEngineUrlRequestInfo.ResourceType


@pytest.mark.parametrize(
    ("url", "resource_type", "blocked"),
    [
        (f"{REDIRECT}?code=abc&state=s", RT.ResourceTypeImage, True),
        (f"{REDIRECT}?code=abc&state=s", RT.ResourceTypeXhr, True),
        ("https://example.com/other?state=s&code=1", RT.ResourceTypeScript, True),
        # main frame: the page's navigation veto decides, never the interceptor
        (f"{REDIRECT}?code=abc&state=s", RT.ResourceTypeMainFrame, None),
        ("https://zoom.us/static/app.js", RT.ResourceTypeScript, None),
    ],
)
def test_redirect_guard_second_line(url: str, resource_type: Any, blocked: bool | None) -> None:
    info = FakeRequestInfo(url, resource_type)
    RedirectGuard(REDIRECT).interceptRequest(info)  # type: ignore[arg-type]
    assert info.blocked is blocked
