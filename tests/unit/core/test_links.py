"""The link policy: only https URLs with a host are opened; logs never carry the query."""

from __future__ import annotations

import pytest

from zoomdesk.core.links import is_safe_to_open, loggable_link


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://zoom.us/j/81234567890?pwd=abc", True),
        ("HTTPS://ZOOM.US/j/1", True),
        ("https://zoom.us:8443/j/1", True),
        ("https://[::1]/x", True),
        ("http://zoom.us/j/1", False),
        ("file:///etc/passwd", False),
        ("FILE:///etc/passwd", False),
        ("mailto:help@zoom.us", False),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>x</script>", False),
        ("zoommtg://zoom.us/join?confno=1", False),
        ("zoomus://zoom.us/join?confno=1", False),
        ("https:///etc/passwd", False),
        ("https:/zoom.us/j/1", False),
        ("https://", False),
        ("", False),
        ("/j/1", False),
        (" https://zoom.us/j/1", False),
        ("\x01https://zoom.us/j/1", False),
        ("https://zoom.us/j/1 file:///etc/passwd", False),
        ("https://zoom.us\\@evil.example/", False),
        ("https://zoom.us:99999/j/1", False),
        ("https://zoom.us:port/j/1", False),
        ("https://zoom.us/j/1\n", False),
    ],
)
def test_only_https_with_a_host_is_safe(url: str, safe: bool) -> None:
    assert is_safe_to_open(url) is safe


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        ("https://zoom.us/j/1?pwd=SECRET#frag", "https://zoom.us/j/1"),
        ("https://zoom.us:8443/j/1?pwd=SECRET", "https://zoom.us:8443/j/1"),
        ("file:///etc/passwd?pwd=SECRET", "file:"),
        ("mailto:SECRET@x.example?subject=SECRET", "mailto:"),
        ("javascript:SECRET()", "javascript:"),
        ("https://zoom.us:bad/?pwd=SECRET", "(unreadable URL)"),
        ("", "(no URL)"),
    ],
)
def test_loggable_link_drops_query_and_fragment(url: str, logged: str) -> None:
    assert loggable_link(url) == logged
    assert "SECRET" not in loggable_link(url)
