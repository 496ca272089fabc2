"""State, PKCE, the authorize URL, and the login view's navigation decisions."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from zoomdesk.core.config import Config
from zoomdesk.core.oauth import (
    Allow,
    AuthorizationAttempt,
    Captured,
    Denied,
    PkcePair,
    Rejected,
    authorize_url,
    classify_navigation,
    new_pkce,
    new_state,
    s256_challenge,
)

REDIRECT = "https://redirect.host/cb"
STATE = "s7aTe-value_0123456789abcdefghijklmnop"
CODE = "Zc0de_SplxlOBeZQQYbYS6WxSbIA"
UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]+")


def config(**overrides: str) -> Config:
    values = {"client_id": "client-1", "redirect_uri": REDIRECT, "oauth_url": "https://zoom.us"}
    values.update(overrides)
    return Config(**values)


# --- PKCE and state -------------------------------------------------------------


def test_rfc7636_appendix_b_vector() -> None:
    # The values printed in RFC 7636 Appendix B.
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_new_pkce_verifier_is_43_to_128_unreserved_chars_and_matches_its_challenge() -> None:
    pairs = [new_pkce() for _ in range(200)]
    for pair in pairs:
        assert 43 <= len(pair.verifier) <= 128
        assert UNRESERVED.fullmatch(pair.verifier)
        assert pair.challenge == s256_challenge(pair.verifier)
        assert "=" not in pair.challenge
    assert len({p.verifier for p in pairs}) == len(pairs)


def test_pkce_pair_repr_hides_the_verifier() -> None:
    pair = new_pkce()
    assert pair.verifier not in repr(pair)
    assert pair.challenge in repr(pair)


def test_state_has_at_least_128_bits_and_is_url_safe() -> None:
    states = [new_state() for _ in range(500)]
    assert len(set(states)) == len(states)
    for state in states:
        assert UNRESERVED.fullmatch(state)
        # base64url: 6 bits per character
        assert len(state) * 6 >= 128
    # Characters are spread over the whole alphabet (a crude entropy check).
    alphabet = set("".join(states))
    assert len(alphabet) >= 60
    per_char = math.log2(len(alphabet))
    assert min(len(s) for s in states) * per_char >= 128


def test_authorize_url_carries_exactly_the_expected_parameters() -> None:
    url = authorize_url(config(oauth_url="https://zoomgov.com/"), "st", "ch")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "zoomgov.com", "/oauth/authorize")
    assert parse_qs(parts.query) == {
        "response_type": ["code"],
        "client_id": ["client-1"],
        "redirect_uri": [REDIRECT],
        "state": ["st"],
        "code_challenge": ["ch"],
        "code_challenge_method": ["S256"],
    }


def test_authorize_url_escapes_values() -> None:
    url = authorize_url(config(redirect_uri="http://127.0.0.1:8765/zoomdesk/callback"), "a&b", "c")
    query = parse_qs(urlsplit(url).query)
    assert query["redirect_uri"] == ["http://127.0.0.1:8765/zoomdesk/callback"]
    assert query["state"] == ["a&b"]


# --- classify_navigation --------------------------------------------------------

ANSWER = f"code={CODE}&state={STATE}"

CAPTURED = [
    f"{REDIRECT}?{ANSWER}",
    f"{REDIRECT}?state={STATE}&code={CODE}",
    f"https://REDIRECT.Host/cb?{ANSWER}",
    f"HTTPS://redirect.host/cb?{ANSWER}",
    f"https://redirect.host:443/cb?{ANSWER}",
    f"{REDIRECT}?{ANSWER}&extra=1",
    f"  {REDIRECT}?{ANSWER}\n",
    f"{REDIRECT}?{ANSWER}#",
    # Spellings that reach the same endpoint (more in test_navigation_aliases.py).
    f"https://redirect.host/cb/?{ANSWER}",
    f"https://redirect.host/./cb?{ANSWER}",
    f"https://redirect.host/%63b?{ANSWER}",
    f"https://redirect.host./cb?{ANSWER}",
]


@pytest.mark.parametrize("url", CAPTURED)
def test_the_redirect_with_our_state_and_a_code_is_captured(url: str) -> None:
    assert classify_navigation(url, REDIRECT, STATE) == Captured(CODE)


ALLOWED = [
    "https://zoom.us/oauth/authorize?response_type=code&state=" + STATE,
    "https://zoom.us/signin",
    "https://redirect.host.evil/cb",
    f"https://redirect.host.evil/cb?{ANSWER}",
    f"https://evil.example/?x={REDIRECT}?{ANSWER}",
    f"https://evil.example/{REDIRECT}",
    "https://redirect.host/cbx",
    "https://redirect.host/cb/extra",
    "https://redirect.host/CB",
    "https://redirect.host/",
    "http://redirect.host/cb",
    "https://redirect.host:8443/cb",
    f"https://xredirect.host/cb?{ANSWER}",
    # A browser reads the backslash as "/": the host is evil.example, as we read it too.
    f"https://evil.example\\@redirect.host/cb?{ANSWER}",
    "about:blank",
    "data:text/html,hello",
    "",
]


@pytest.mark.parametrize("url", ALLOWED)
def test_other_addresses_are_allowed(url: str) -> None:
    assert classify_navigation(url, REDIRECT, STATE) == Allow()


REJECTED_LOOKALIKES = [
    # on the redirect host, carrying an answer, but not the exact endpoint
    f"https://redirect.host/cb/extra?{ANSWER}",
    f"https://redirect.host/cbx?{ANSWER}",
    f"https://redirect.host/CB?{ANSWER}",
    f"https://redirect.host/c%62x?{ANSWER}",
    f"http://redirect.host/cb?{ANSWER}",
    f"https://redirect.host:8443/cb?{ANSWER}",
    f"https://redirect.host.:8443/cb?{ANSWER}",
    f"https://redirect.host/other#{ANSWER}",
    f"https://redirect.host/?error=access_denied&state={STATE}",
]


@pytest.mark.parametrize("url", REJECTED_LOOKALIKES)
def test_lookalikes_carrying_an_answer_are_blocked_but_never_captured(url: str) -> None:
    decision = classify_navigation(url, REDIRECT, STATE)
    assert isinstance(decision, Rejected)
    assert "not the redirect URL" in decision.reason


REJECTED_AT_ENDPOINT = [
    (f"https://user@redirect.host/cb?{ANSWER}", "user name"),
    (f"https://user:pw@redirect.host/cb?{ANSWER}", "user name"),
    (f"https://@redirect.host/cb?{ANSWER}", "user name"),
    ("https://user@redirect.host/cb", "user name"),
    (f"{REDIRECT}#{ANSWER}", "fragment"),
    (f"{REDIRECT}?state={STATE}#code={CODE}", "fragment"),
    (f"{REDIRECT}?code={CODE}", "no state"),
    (f"{REDIRECT}?code={CODE}&state=", "no state"),
    (f"{REDIRECT}?code={CODE}&state=wrong", "does not belong"),
    (f"{REDIRECT}?code={CODE}&state={STATE}x", "does not belong"),
    (f"{REDIRECT}?code={CODE}&state={STATE[:-1]}", "does not belong"),
    (f"{REDIRECT}?code={CODE}&state={STATE}&state={STATE}", "repeated"),
    (f"{REDIRECT}?code={CODE}&code=other&state={STATE}", "repeated"),
    (f"{REDIRECT}?state={STATE}", "no usable authorization code"),
    (f"{REDIRECT}?code=&state={STATE}", "no usable authorization code"),
    (f"{REDIRECT}?code=a%0Ab&state={STATE}", "no usable authorization code"),
    (f"{REDIRECT}?code={'a' * 5000}&state={STATE}", "no usable authorization code"),
    (f"{REDIRECT}?code={CODE}&error=x&state={STATE}", "both"),
    (REDIRECT, "no state"),
    ("https://redirect.host:443/cb", "no state"),
]


@pytest.mark.parametrize(("url", "why"), REJECTED_AT_ENDPOINT)
def test_bad_answers_at_the_redirect_are_rejected_in_plain_words(url: str, why: str) -> None:
    decision = classify_navigation(url, REDIRECT, STATE)
    assert isinstance(decision, Rejected)
    reason = decision.reason.lower()
    assert why.replace("no state", "no state value") in reason
    assert CODE not in decision.reason


def test_an_error_with_our_state_is_denied_with_its_description() -> None:
    url = f"{REDIRECT}?error=access_denied&error_description=The+user+declined.&state={STATE}"
    assert classify_navigation(url, REDIRECT, STATE) == Denied(
        "access_denied", "The user declined."
    )
    bare = f"{REDIRECT}?error=access_denied&state={STATE}"
    assert classify_navigation(bare, REDIRECT, STATE) == Denied("access_denied", "")


def test_an_error_with_the_wrong_state_is_rejected() -> None:
    url = f"{REDIRECT}?error=access_denied&state=forged"
    assert isinstance(classify_navigation(url, REDIRECT, STATE), Rejected)


def test_denied_text_is_made_printable_and_bounded() -> None:
    url = f"{REDIRECT}?error=x%07y&error_description={'d' * 2000}%0A&state={STATE}"
    decision = classify_navigation(url, REDIRECT, STATE)
    assert isinstance(decision, Denied)
    assert decision.error == "xy"
    assert decision.description == "d" * 500


@pytest.mark.parametrize(
    ("redirect", "url"),
    [
        (
            "http://127.0.0.1:8765/zoomdesk/callback",
            f"http://127.0.0.1:8765/zoomdesk/callback?{ANSWER}",
        ),
        ("http://[::1]:8765/cb", f"http://[::1]:8765/cb?{ANSWER}"),
        ("http://localhost/cb", f"http://localhost:80/cb?{ANSWER}"),
        ("https://example.com", f"https://example.com/?{ANSWER}"),
    ],
)
def test_other_redirect_shapes_capture(redirect: str, url: str) -> None:
    assert classify_navigation(url, redirect, STATE) == Captured(CODE)


def test_oauth_pages_sharing_the_loopback_host_with_the_redirect_load() -> None:
    # The sandbox: OAuth pages on one port of 127.0.0.1, the redirect on another.
    redirect = "http://127.0.0.1:8765/zoomdesk/callback"
    cfg = config(redirect_uri=redirect, oauth_url="http://127.0.0.1:9000")
    for url in (authorize_url(cfg, STATE, "challenge"), "http://127.0.0.1:9000/oauth/consent"):
        assert classify_navigation(url, redirect, STATE) == Allow()


def test_loopback_redirect_on_another_port_is_not_captured() -> None:
    redirect = "http://127.0.0.1:8765/zoomdesk/callback"
    decision = classify_navigation(
        f"http://127.0.0.1:8766/zoomdesk/callback?{ANSWER}", redirect, STATE
    )
    assert isinstance(decision, Rejected)


def test_an_empty_expected_state_never_captures() -> None:
    assert isinstance(classify_navigation(f"{REDIRECT}?code={CODE}&state=", REDIRECT, ""), Rejected)
    assert isinstance(classify_navigation(f"{REDIRECT}?{ANSWER}", REDIRECT, ""), Rejected)


@pytest.mark.parametrize("url", ["https://[::1", "https://redirect.host:99999/cb", "http://h:x/"])
def test_invalid_urls_are_blocked(url: str) -> None:
    assert isinstance(classify_navigation(url, REDIRECT, STATE), Rejected)


def test_an_invalid_redirect_setting_blocks_everything() -> None:
    for url in (f"{REDIRECT}?{ANSWER}", "https://zoom.us/"):
        assert isinstance(classify_navigation(url, "not a url", STATE), Rejected)


def test_captured_repr_hides_the_code() -> None:
    captured = Captured(CODE)
    assert CODE not in repr(captured)
    assert CODE not in str(captured)
    assert captured.code == CODE


# --- AuthorizationAttempt -------------------------------------------------------


def test_attempt_start_builds_state_pkce_and_url() -> None:
    attempt = AuthorizationAttempt.start(config())
    query = parse_qs(urlsplit(attempt.url).query)
    assert query["state"] == [attempt.state]
    assert query["code_challenge"] == [s256_challenge(attempt.verifier)]
    assert query["code_challenge_method"] == ["S256"]
    assert AuthorizationAttempt.start(config()).state != attempt.state


def attempt() -> AuthorizationAttempt:
    verifier = "v" * 43
    return AuthorizationAttempt(config(), STATE, PkcePair(verifier, s256_challenge(verifier)))


def test_the_state_is_single_use_after_a_capture() -> None:
    a = attempt()
    assert a.classify("https://zoom.us/oauth/authorize") == Allow()
    assert a.classify(f"{REDIRECT}?{ANSWER}") == Captured(CODE)
    assert a.finished
    again = a.classify(f"{REDIRECT}?{ANSWER}")
    assert again == Rejected("This sign-in attempt is already finished.")
    denied = a.classify(f"{REDIRECT}?error=access_denied&state={STATE}")
    assert isinstance(denied, Rejected)
    # Leaving the redirect alone is still fine.
    assert a.classify("https://zoom.us/") == Allow()


def test_the_state_is_single_use_after_a_denial() -> None:
    a = attempt()
    assert isinstance(a.classify(f"{REDIRECT}?error=access_denied&state={STATE}"), Denied)
    assert isinstance(a.classify(f"{REDIRECT}?{ANSWER}"), Rejected)


def test_a_rejected_answer_does_not_finish_the_attempt() -> None:
    a = attempt()
    assert isinstance(a.classify(f"{REDIRECT}?code=forged&state=forged"), Rejected)
    assert not a.finished
    assert a.classify(f"{REDIRECT}?{ANSWER}") == Captured(CODE)


def test_attempt_repr_hides_verifier_and_state() -> None:
    a = AuthorizationAttempt.start(config())
    text = repr(a)
    assert a.verifier not in text
    assert a.state not in text
    assert "redirect.host" in text
