"""Pop-ups of the sign-in page: only a click's one https window goes out (no engine needed)."""

from __future__ import annotations

import pytest

from zoomdesk.core.oauth import Allow
from zoomdesk.ui.login.navigation import (
    GESTURE_GAP,
    NavKind,
    NavRequest,
    OpenExternally,
    PopupGate,
    Stop,
    decide,
    decide_new_window,
)

OAUTH = "https://zoom.us"
REDIRECT = "https://example.com/zoomdesk/callback"
TERMS = "https://zoom.us/terms"


@pytest.mark.parametrize(
    ("url", "user_initiated", "expected"),
    [
        (TERMS, True, OpenExternally(TERMS)),
        ("https://support.zoom.us/help?x=1", True, OpenExternally("https://support.zoom.us/help?x=1")),
        # A script on load (no user gesture): dropped, whatever the URL.
        (TERMS, False, Stop()),
        ("mailto:a@b.c", False, Stop()),
        # Clicked, but not https: the system would hand it to a mail client, a file viewer...
        ("mailto:a@b.c", True, Stop()),
        ("http://zoom.us/terms", True, Stop()),
        ("file:///etc/passwd", True, Stop()),
        ("javascript:alert(1)", True, Stop()),
        ("zoommtg://zoom.us/join?confno=1", True, Stop()),
        ("", True, Stop()),
        (f"{REDIRECT}?code=abc&state=x", True, Stop()),  # never hand a code to the browser
        ("https://EXAMPLE.com/zoomdesk/./callback?code=abc", True, Stop()),
    ],
)  # fmt: skip
def test_new_window_table(url: str, user_initiated: bool, expected: object) -> None:
    assert decide_new_window(url, redirect_uri=REDIRECT, user_initiated=user_initiated) == expected


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("requests", "opened"),
    [
        # (seconds since the start, user initiated?, url) -> which ones go out
        ([(0.0, True, TERMS)], [TERMS]),
        ([(0.0, False, TERMS)], []),
        # One click, two window.open calls: only the first.
        ([(0.0, True, TERMS), (0.0, True, "https://zoom.us/privacy")], [TERMS]),
        ([(0.0, True, TERMS), (0.3, True, "https://zoom.us/privacy")], [TERMS]),
        # The click's first request decides, even when it is refused.
        ([(0.0, True, "mailto:a@b.c"), (0.1, True, TERMS)], []),
        # A request without a gesture spends nothing.
        ([(0.0, False, TERMS), (0.1, True, TERMS)], [TERMS]),
        # A later click is a new gesture.
        ([(0.0, True, TERMS), (GESTURE_GAP + 0.1, True, "https://zoom.us/privacy")],
         [TERMS, "https://zoom.us/privacy"]),
    ],
)  # fmt: skip
def test_at_most_one_window_per_click(
    requests: list[tuple[float, bool, str]], opened: list[str]
) -> None:
    clock = Clock()
    gate = PopupGate(REDIRECT, clock=clock)
    start = clock.now
    out = []
    for at, user_initiated, url in requests:
        clock.now = start + at
        verdict = gate.decide(url, user_initiated=user_initiated)
        if isinstance(verdict, OpenExternally):
            out.append(verdict.url)
    assert out == opened


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://support.zoom.us/hc/en-us", OpenExternally("https://support.zoom.us/hc/en-us")),
        ("mailto:help@zoom.us", Stop()),
        ("http://help.example.com/", Stop()),
        ("file:///etc/passwd", Stop()),
    ],
)
def test_clicked_links_leave_the_app_only_as_https(url: str, expected: object) -> None:
    verdict = decide(
        NavRequest(url, NavKind.LINK), lambda _: Allow(), oauth_url=OAUTH, redirect_uri=REDIRECT
    )
    assert verdict == expected
