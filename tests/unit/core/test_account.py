"""Account: the real store, refresh manager, OAuth and Zoom clients wired together."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses

from zoomdesk.core import paths
from zoomdesk.core.account import Account, load_account
from zoomdesk.core.config import Config
from zoomdesk.core.errors import AuthRequired, ConfigError, SignInCancelled, StoreError
from zoomdesk.core.tokens import TokenSet, TokenStore
from zoomdesk.core.user import User

OAUTH = "https://oauth.zoom.test"
API = "https://api.zoom.test/v2"


def config(**kw: Any) -> Config:
    base: dict[str, Any] = {
        "client_id": "cid",
        "redirect_uri": "https://example.com/cb",
        "oauth_url": OAUTH,
    }
    return Config(**{**base, **kw})


def saved_tokens(store: TokenStore, *, expires_in: int = 3600, api_url: str | None = None) -> None:
    now = int(time.time())
    store.save(
        TokenSet(
            access_token="acc-old",
            refresh_token="ref-old",
            expires_at=now + expires_in,
            obtained_at=now,
            api_url=api_url,
        )
    )


def token_answer(n: int) -> dict[str, Any]:
    return {
        "access_token": f"acc-{n}",
        "refresh_token": f"ref-{n}",
        "token_type": "bearer",
        "expires_in": 3599,
        "scope": "meeting:write",
        "api_url": "https://api.zoom.test",
    }


@pytest.fixture
def rsps() -> Any:
    with responses.RequestsMock() as mock:
        yield mock


def form(call: Any) -> dict[str, list[str]]:
    return parse_qs(call.request.body)


def test_default_store_is_the_tokens_path() -> None:
    assert Account(config()).store.path == paths.tokens_path()


def test_api_url_resolution(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    assert account.api_url() == "https://api.zoom.us/v2"
    saved_tokens(store, api_url="https://api.zoomgov.test")
    assert account.api_url() == "https://api.zoomgov.test/v2"
    assert Account(config(api_url=API), store).api_url() == API


def test_sign_in_cancelled_after_the_exchange_saves_nothing_and_revokes(
    tmp_path: Path, rsps: Any
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    attempt = account.begin_sign_in()
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(1))
    rsps.post(f"{OAUTH}/oauth/revoke", json={"status": "success"})
    with pytest.raises(SignInCancelled):
        account.finish_sign_in(attempt, "the-code", cancelled=lambda: True)
    assert not store.path.exists()
    assert [c.request.url.split("?")[0] for c in rsps.calls] == [
        f"{OAUTH}/oauth/token",
        f"{OAUTH}/oauth/revoke",
    ]
    assert form(rsps.calls[1])["token"] == ["ref-1"]


def test_sign_in_that_cannot_save_revokes_the_grant_and_says_why(
    tmp_path: Path, rsps: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    attempt = account.begin_sign_in()
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(1))
    rsps.post(f"{OAUTH}/oauth/revoke", json={"status": "success"})

    def disk_full(tokens: object) -> None:
        raise StoreError("Could not save tokens.json: No space left on device")

    monkeypatch.setattr(store, "save", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        account.finish_sign_in(attempt, "the-code")
    assert form(rsps.calls[1])["token"] == ["ref-1"]


def test_sign_in_exchanges_saves_and_returns_me(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    attempt = account.begin_sign_in()
    assert attempt.url.startswith(f"{OAUTH}/oauth/authorize?")
    assert "code_challenge_method=S256" in attempt.url
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(1))
    rsps.get(f"{API}/users/me", json={"email": "a@b.test", "first_name": "A"})
    user = account.finish_sign_in(attempt, "the-code")
    assert user == User(email="a@b.test", first_name="A")
    sent = form(rsps.calls[0])
    assert sent["code"] == ["the-code"] and sent["code_verifier"] == [attempt.verifier]
    assert sent["client_id"] == ["cid"]  # public client
    assert rsps.calls[1].request.headers["Authorization"] == "Bearer acc-1"
    loaded = store.load()
    assert loaded is not None and loaded.refresh_token == "ref-1"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert account.is_signed_in()


@pytest.mark.parametrize(
    "answer",
    [
        {
            "status": 403,
            "json": {
                "code": 4711,
                "message": "Invalid access token, does not contain scopes:[user:read].",
            },
        },
        {"body": requests.ConnectionError("connection reset")},
    ],
    ids=["scope-missing", "network"],
)
def test_sign_in_with_no_profile_is_still_a_sign_in(
    tmp_path: Path, rsps: Any, answer: dict[str, Any]
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(1))
    rsps.get(f"{API}/users/me", **answer)  # also the answer to the retries of a GET
    assert account.finish_sign_in(account.begin_sign_in(), "the-code") is None
    assert account.is_signed_in()
    assert not any("revoke" in call.request.url for call in rsps.calls)


def test_sign_in_whose_new_tokens_zoom_refuses_keeps_nothing(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    account = Account(config(), store)
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(1))
    rsps.get(f"{API}/users/me", status=401, json={"code": 124, "message": "Invalid access token."})
    rsps.post(f"{OAUTH}/oauth/token", status=400, json={"error": "invalid_grant", "reason": "x"})
    with pytest.raises(AuthRequired):
        account.finish_sign_in(account.begin_sign_in(), "the-code")
    assert not account.is_signed_in() and not store.path.exists()


def test_client_refreshes_after_124_with_the_real_manager(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store)
    account = Account(config(api_url=API), store)
    rsps.get(f"{API}/users/me", status=401, json={"code": 124, "message": "Invalid access token."})
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(2))
    rsps.get(f"{API}/users/me", json={"id": "u"})
    assert account.client.me() == {"id": "u"}
    assert form(rsps.calls[1])["refresh_token"] == ["ref-old"]
    assert rsps.calls[2].request.headers["Authorization"] == "Bearer acc-2"
    loaded = store.load()
    assert loaded is not None and loaded.refresh_token == "ref-2"  # persisted before use


def test_invalid_grant_on_refresh_is_auth_required(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store)
    account = Account(config(api_url=API), store)
    rsps.get(f"{API}/users/me", status=401, json={"code": 124, "message": "Invalid access token."})
    rsps.post(
        f"{OAUTH}/oauth/token",
        status=400,
        json={"reason": "Invalid Token!", "error": "invalid_grant"},
    )
    with pytest.raises(AuthRequired):
        account.client.me()
    assert len(rsps.calls) == 2  # no retry of the API call without a new token


def test_expired_token_is_refreshed_before_the_call(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store, expires_in=-10)
    account = Account(config(api_url=API), store)
    rsps.post(f"{OAUTH}/oauth/token", json=token_answer(3))
    rsps.get(f"{API}/users/me", json={})
    account.client.me()
    assert rsps.calls[1].request.headers["Authorization"] == "Bearer acc-3"


def test_sign_out_revokes_the_refresh_token_then_deletes(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store)
    rsps.post(f"{OAUTH}/oauth/revoke", json={"status": "success"})
    account = Account(config(), store)
    account.sign_out()
    assert form(rsps.calls[0])["token"] == ["ref-old"]
    assert not store.path.exists() and not account.is_signed_in()


def test_sign_out_tries_the_access_token_when_zoom_refuses(tmp_path: Path, rsps: Any) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store)
    rsps.post(f"{OAUTH}/oauth/revoke", status=400, json={"error": "invalid_request"})
    rsps.post(f"{OAUTH}/oauth/revoke", json={"status": "success"})
    Account(config(), store).sign_out()
    assert [form(c)["token"] for c in rsps.calls] == [["ref-old"], ["acc-old"]]
    assert not store.path.exists()


@pytest.mark.parametrize(
    "failure",
    [
        {"body": requests.ConnectionError("offline")},
        {"status": 500, "body": "down"},
        {"status": 400, "json": {"reason": "Invalid Token!", "error": "invalid_grant"}},
    ],
)
def test_sign_out_works_when_revoke_fails(
    tmp_path: Path, rsps: Any, caplog: pytest.LogCaptureFixture, failure: dict[str, Any]
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    saved_tokens(store)
    rsps.post(f"{OAUTH}/oauth/revoke", **failure)
    Account(config(), store).sign_out()
    assert not store.path.exists()
    assert len(rsps.calls) == 1
    assert "ref-old" not in caplog.text and "acc-old" not in caplog.text


def test_sign_out_when_signed_out_sends_nothing(tmp_path: Path, rsps: Any) -> None:
    Account(config(), TokenStore(tmp_path / "tokens.json")).sign_out()
    assert len(rsps.calls) == 0


def test_damaged_tokens_mean_signed_out(tmp_path: Path, rsps: Any) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{not json")
    account = Account(config(), TokenStore(path))
    assert not account.is_signed_in()
    with pytest.raises(AuthRequired):
        account.client.me()
    assert any(p.name.startswith("tokens.json.corrupt-") for p in tmp_path.iterdir())


def test_load_account_uses_flags_over_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZOOMDESK_CLIENT_ID", "from-env")
    monkeypatch.setenv("ZOOMDESK_REDIRECT_URI", "https://example.com/cb")
    assert load_account().config.client_id == "from-env"
    assert load_account({"client_id": "from-flag"}).config.client_id == "from-flag"


def test_load_account_names_the_missing_setting() -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(json.dumps({"redirect_uri": "https://example.com/cb"}))
    with pytest.raises(ConfigError) as info:
        load_account()
    assert info.value.key == "client_id"


def test_repr_has_no_secret() -> None:
    account = Account(config(client_secret="s3cret"))
    assert "s3cret" not in repr(account)
