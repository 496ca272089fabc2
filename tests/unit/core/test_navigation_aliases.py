"""The redirect endpoint under every spelling that reaches it: loopback aliases, ports, paths."""

from __future__ import annotations

import pytest

from zoomdesk.core.navigation import Allow, Captured, Denied, Rejected, classify_navigation

STATE = "s7aTe-value_0123456789abcdefghijklmnop"
CODE = "Zc0de_SplxlOBeZQQYbYS6WxSbIA"
ANSWER = f"code={CODE}&state={STATE}"

LOOPBACK = "http://127.0.0.1:8765/zoomdesk/callback"
REMOTE = "https://example.com/zoomdesk/callback"

# Every host that lands on this machine's loopback listener on port 8765.
LOOPBACK_HOSTS = [
    "127.0.0.1",
    "localhost",
    "LOCALHOST",
    "LocalHost",
    "localhost.",
    "LOCALHOST.",
    "%6Cocalhost",
    "\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54",  # fullwidth, NFKC-folded by IDNA
    "app.localhost",  # Chromium resolves *.localhost itself (RFC 6761)
    "localhost.localdomain",
    "127.0.0.1.",
    # The rest of 127/8: one listener bound to 0.0.0.0 answers them all, and
    # another process may hold 127.0.0.2 while ours holds 127.0.0.1, so they
    # are vetoed too; nothing of the sign-in flow lives there.
    "127.0.0.2",
    "127.255.255.254",
    # Numeric IPv4 spellings that Chromium (WHATWG URL) turns into 127.0.0.1.
    "127.1",
    "2130706433",
    "0x7f.1",
    "0x7F.0.0.1",
    "0x7f000001",
    "017700000001",
    "0177.0.0.1",
    "0177.0.0.01",
    # IPv6 loopback and IPv4-mapped loopback.
    "[::1]",
    "[0:0:0:0:0:0:0:1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[::FFFF:7F00:2]",
    # "This host": a connect() to it reaches local listeners (Linux, macOS).
    "0.0.0.0",
    "0",
    "[::]",
]

# Paths a server (and Chromium's canonicaliser) takes for /zoomdesk/callback.
ENDPOINT_PATHS = [
    "/zoomdesk/callback",
    "/zoomdesk/callback/",
    "/zoomdesk/./callback",
    "/zoomdesk/%2e/callback",
    "/zoomdesk/%63allback",
    "/%7Aoomdesk/callback",
    "//zoomdesk/callback",
    "/zoomdesk//callback",
    "/x/../zoomdesk/callback",
    "/../zoomdesk/callback",
    "/zoomdesk/callback/.",
    "/zoomdesk/x/%2E%2E/callback",
]


def loopback_url(host: str, path: str = "/zoomdesk/callback", port: str = ":8765") -> str:
    return f"http://{host}{port}{path}"


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_every_loopback_alias_is_the_redirect(host: str) -> None:
    url = loopback_url(host)
    assert classify_navigation(f"{url}?{ANSWER}", LOOPBACK, STATE) == Captured(CODE)
    assert classify_navigation(f"{url}?error=access_denied&state={STATE}", LOOPBACK, STATE) == (
        Denied("access_denied", "")
    )


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_a_loopback_alias_without_a_good_answer_is_blocked_never_loaded(host: str) -> None:
    url = loopback_url(host)
    for bad in (url, f"{url}?state={STATE}", f"{url}?code={CODE}", f"{url}?code={CODE}&state=x"):
        decision = classify_navigation(bad, LOOPBACK, STATE)
        assert isinstance(decision, Rejected), bad
        assert "not the redirect URL" not in decision.reason  # judged as the redirect itself


@pytest.mark.parametrize("path", ENDPOINT_PATHS)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:7f00:1]"])
def test_every_spelling_of_the_path_is_the_redirect(host: str, path: str) -> None:
    url = loopback_url(host, path)
    assert classify_navigation(f"{url}?{ANSWER}", LOOPBACK, STATE) == Captured(CODE)
    assert isinstance(classify_navigation(url, LOOPBACK, STATE), Rejected)


@pytest.mark.parametrize(
    "redirect",
    [
        "http://localhost:8765/zoomdesk/callback",
        "http://[::1]:8765/zoomdesk/callback",
        "http://LOCALHOST.:8765/zoomdesk/./callback/",
        "http://2130706433:8765/zoomdesk/callback",
    ],
)
def test_the_redirect_setting_may_use_any_alias_too(redirect: str) -> None:
    for host in ("127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]"):
        url = f"{loopback_url(host)}?{ANSWER}"
        assert classify_navigation(url, redirect, STATE) == Captured(CODE), (redirect, url)


@pytest.mark.parametrize(
    ("redirect", "url"),
    [
        ("http://localhost/cb", "http://127.0.0.1:80/cb"),
        ("http://127.0.0.1:80/cb", "http://localhost/cb"),
        ("https://localhost/cb", "https://[::1]:443/cb"),
        (REMOTE, "https://example.com:443/zoomdesk/callback"),
        (REMOTE, "HTTPS://EXAMPLE.COM/zoomdesk/callback"),
        (REMOTE, "https://example.com./zoomdesk/callback"),
        (REMOTE, "https://EXAMPLE.com.:443/zoomdesk/callback"),
        (REMOTE, "https://%65xample.com/zoomdesk/callback"),
        (REMOTE, "https://example.com/zoomdesk/./callback"),
        (REMOTE, "https://example.com/zoomdesk/%63allback"),
        (REMOTE, "https://example.com//zoomdesk/callback"),
        (REMOTE, "https://example.com/zoomdesk/callback/"),
        (REMOTE, "https://example.com/a/b/../../zoomdesk/callback"),
        ("https://example.com:443/zoomdesk/callback/", "https://example.com/zoomdesk/callback"),
        ("https://example.com./zoomdesk//callback", "https://example.com/zoomdesk/callback"),
        ("https://example.com", "https://example.com/"),
        ("https://[::ffff:192.0.2.1]/cb", "https://192.0.2.1/cb"),
        ("https://192.0.2.1/cb", "https://3221225985/cb"),
    ],
)
def test_default_ports_case_dots_and_paths_are_normalised(redirect: str, url: str) -> None:
    assert classify_navigation(f"{url}?{ANSWER}", redirect, STATE) == Captured(CODE)
    assert isinstance(classify_navigation(url, redirect, STATE), Rejected)


NOT_THE_ENDPOINT = [
    (LOOPBACK, "http://localhost:8766/zoomdesk/callback"),  # another port
    (LOOPBACK, "http://127.0.0.1/zoomdesk/callback"),  # port 80
    (LOOPBACK, "https://localhost:8765/zoomdesk/callback"),  # TLS: the path never arrives
    (LOOPBACK, "http://localhost:8765/zoomdesk/Callback"),  # paths are case-sensitive
    (LOOPBACK, "http://localhost:8765/zoomdesk/callbackx"),
    (LOOPBACK, "http://localhost:8765/zoomdesk"),
    (LOOPBACK, "http://localhost:8765/oauth/authorize?state=" + STATE),  # the sandbox's pages
    (LOOPBACK, "http://localhost.evil.example:8765/zoomdesk/callback"),
    (LOOPBACK, "http://127.0.0.1.evil.example:8765/zoomdesk/callback"),
    (LOOPBACK, "http://localhostx:8765/zoomdesk/callback"),
    (LOOPBACK, "http://notlocalhost:8765/zoomdesk/callback"),
    (LOOPBACK, "http://128.0.0.1:8765/zoomdesk/callback"),
    (LOOPBACK, "http://0x80.1:8765/zoomdesk/callback"),
    (LOOPBACK, "http://10.0.0.1:8765/zoomdesk/callback"),
    (LOOPBACK, "http://[::2]:8765/zoomdesk/callback"),
    (LOOPBACK, "http://[::ffff:10.0.0.1]:8765/zoomdesk/callback"),
    (LOOPBACK, "http://1.2.3.4.5:8765/zoomdesk/callback"),
    (REMOTE, "http://example.com/zoomdesk/callback"),
    (REMOTE, "https://example.com:8443/zoomdesk/callback"),
    (REMOTE, "https://www.example.com/zoomdesk/callback"),
    (REMOTE, "https://example.com/zoomdesk/Callback"),
    (REMOTE, "https://example.com/zoomdesk/callback/more"),
    (REMOTE, "https://localhost/zoomdesk/callback"),
    (REMOTE, "https://127.0.0.1/zoomdesk/callback"),
]


@pytest.mark.parametrize(("redirect", "url"), NOT_THE_ENDPOINT)
def test_other_endpoints_load(redirect: str, url: str) -> None:
    assert classify_navigation(url, redirect, STATE) == Allow()


@pytest.mark.parametrize(
    "url",
    [
        f"http://localhost:9000/other?{ANSWER}",
        f"http://[::1]:8765/zoomdesk/callbackx?{ANSWER}",
        f"http://127.0.0.2:8766/zoomdesk/callback?{ANSWER}",
        f"http://2130706433:1/?error=access_denied&state={STATE}",
    ],
)
def test_an_answer_sent_to_a_loopback_alias_elsewhere_is_a_lookalike(url: str) -> None:
    decision = classify_navigation(url, LOOPBACK, STATE)
    assert isinstance(decision, Rejected)
    assert "not the redirect URL" in decision.reason


@pytest.mark.parametrize(
    "url",
    [
        f"http://localhost:8765/zoomdesk/callback?code={CODE}&state=forged",
        f"http://[::ffff:127.0.0.1]:8765/zoomdesk/callback?code={CODE}",
        f"http://0x7f.1:8765/zoomdesk/%63allback?{ANSWER}#state={STATE}",
        f"http://user@localhost:8765/zoomdesk/callback?{ANSWER}",
    ],
)
def test_a_bad_answer_at_an_alias_is_rejected_as_the_redirect(url: str) -> None:
    assert isinstance(classify_navigation(url, LOOPBACK, STATE), Rejected)
