"""Values of the wrong type or range in tokens.json or in a token answer are damaged data."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import responses

from zoomdesk.core.config import Config
from zoomdesk.core.errors import OAuthError
from zoomdesk.core.oauth import OAuthClient
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

ACCESS = "eyJhY2Nlc3MiOjF9.eyJ4IjoxfQ.access-secret"
REFRESH = "eyJyZWZyZXNoIjoxfQ.eyJ4IjoyfQ.refresh-secret"
OAUTH = "https://zoom.example"
NOW = 1_700_000_000

HUGE = "1" + "0" * 400  # an int that float() cannot hold

#: JSON number texts that no timestamp can be.
BAD_NUMBERS = [
    HUGE,
    "-" + HUGE,
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-5",
    "true",
    '"17"',
    "1e300",
]


def saved() -> TokenSet:
    return TokenSet(
        access_token=ACCESS,
        refresh_token=REFRESH,
        expires_at=NOW + 60,
        obtained_at=NOW - 3539,
        api_url="https://api.zoom.us",
    )


def with_number(key: str, number: str) -> str:
    """tokens.json text with ``key`` set to the raw JSON ``number`` (json.dumps cannot)."""
    data = {**saved().to_json(), key: "@@"}
    return json.dumps(data).replace('"@@"', number)


@pytest.mark.parametrize("key", ["expires_at", "obtained_at"])
@pytest.mark.parametrize("number", BAD_NUMBERS, ids=lambda n: n if len(n) < 10 else f"{n[:3]}...")
def test_a_store_with_an_impossible_time_is_moved_aside_and_reported(
    tmp_path: Path, key: str, number: str
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    content = with_number(key, number)
    store.path.write_text(content)
    assert store.load() is None
    [moved] = list(tmp_path.glob("tokens.json.corrupt-*"))
    assert moved.read_text() == content
    assert store.last_problem is not None and key in store.last_problem
    assert not store.path.exists()


@pytest.mark.parametrize("number", ["3599", "0", "1700000000.5"])
def test_plain_times_still_load(tmp_path: Path, number: str) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.path.write_text(with_number("expires_at", number))
    assert store.load() is not None


def answer(**changes: Any) -> dict[str, Any]:
    return {
        "access_token": "new-access",
        "refresh_token": "new-refresh",
        "token_type": "bearer",
        "expires_in": 3599,
        **changes,
    }


@pytest.mark.parametrize(
    "lifetime",
    [10**400, -(10**400), float("inf"), float("nan"), -1, True, "soon", "9" * 400, 1e300, None],
    ids=["huge", "-huge", "inf", "nan", "negative", "bool", "word", "huge-text", "1e300", "null"],
)
def test_an_impossible_lifetime_in_a_token_answer_is_refused(lifetime: object) -> None:
    with pytest.raises(ValueError, match="expires_in"):
        TokenSet.from_response(answer(expires_in=lifetime), now=NOW)


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as rsps:
        yield rsps


def test_a_refresh_answer_with_a_huge_lifetime_is_refused_and_keeps_the_stored_tokens(
    tmp_path: Path, mocked: responses.RequestsMock
) -> None:
    # Raw text: json= would not let the test send a 400-digit number as Zoom's JSON.
    body = json.dumps(answer(expires_in="@@")).replace('"@@"', HUGE)
    mocked.post(f"{OAUTH}/oauth/token", body=body, content_type="application/json")
    store = TokenStore(tmp_path / "tokens.json")
    store.save(saved())
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb", oauth_url=OAUTH)
    manager = RefreshManager(store, OAuthClient(config), clock=lambda: float(NOW))

    with pytest.raises(OAuthError) as info:
        manager.access_token()
    assert info.value.error == "invalid_response"
    assert store.load() == saved()


@pytest.mark.parametrize(
    "api_url",
    [
        "http://api.zoom.example",
        "ftp://api.zoom.us",
        "https://user:pw@api.zoom.us",
        "https://api.zoom.us/?x=1",
        "https://api.zoom.us/#frag",
        "https://api zoom.us",
        "api.zoom.us",
    ],
)
def test_an_unsafe_api_url_in_a_token_answer_is_ignored_and_logged(
    api_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="zoomdesk.core.tokens"):
        tokens = TokenSet.from_response(answer(api_url=api_url), now=NOW)
    assert tokens.api_url is None
    assert any("api_url" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "api_url", ["https://api.zoom.us", "https://api.zoomgov.com", "http://127.0.0.1:8080"]
)
def test_a_safe_api_url_in_a_token_answer_is_kept(api_url: str) -> None:
    assert TokenSet.from_response(answer(api_url=api_url), now=NOW).api_url == api_url


def test_an_unsafe_api_url_already_in_tokens_json_is_not_used(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb")
    with caplog.at_level(logging.WARNING, logger="zoomdesk.core.config"):
        assert config.resolved_api_url("http://evil.example") == "https://api.zoom.us/v2"
    assert any("api_url" in r.getMessage() for r in caplog.records)
    assert config.resolved_api_url("http://127.0.0.1:9") == "http://127.0.0.1:9/v2"
    assert config.resolved_api_url("https://api.zoomgov.com") == "https://api.zoomgov.com/v2"
