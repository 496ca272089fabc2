"""RefreshManager: when it refreshes, what it sends, and what it does when things go wrong.

Every test runs against both storages: ``tokens.json`` alone, and the real
keyring with the metadata in ``tokens.json`` (tests/unit/core/conftest.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from token_stores import reopen

from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError, StoreError
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

NOW = 1_700_000_000


class Clock:
    def __init__(self) -> None:
        self.now = float(NOW)

    def __call__(self) -> float:
        return self.now


def tokens(n: int, expires_in: float, api_url: str | None = "https://api.zoom.us") -> TokenSet:
    return TokenSet(
        access_token=f"access-{n}",
        refresh_token=f"refresh-{n}",
        expires_at=int(NOW + expires_in),
        obtained_at=NOW,
        api_url=api_url,
    )


class FakeZoom:
    """Zoom's refresh grant with rotation: only the latest refresh token works."""

    def __init__(self, valid: str = "refresh-1") -> None:
        self.valid = valid
        self.sent: list[str] = []
        self.issued = 100
        self.during: Callable[[], None] | None = None
        self.failure: Exception | None = None

    def refresh(self, refresh_token: str) -> TokenSet:
        self.sent.append(refresh_token)
        if self.during is not None:
            self.during()
        if self.failure is not None:
            raise self.failure
        if refresh_token != self.valid:
            raise AuthRequired(AuthReason.SESSION_ENDED)
        self.issued += 1
        fresh = tokens(self.issued, 3599, api_url=None)
        self.valid = fresh.refresh_token
        return fresh


@pytest.fixture
def store(tmp_path: Path, open_store: Callable[[Path], TokenStore]) -> TokenStore:
    return open_store(tmp_path / "tokens.json")


def manager(store: TokenStore, zoom: FakeZoom, clock: Clock | None = None) -> RefreshManager:
    return RefreshManager(store, zoom, clock=clock or Clock())


def test_no_tokens_means_sign_in(store: TokenStore) -> None:
    zoom = FakeZoom()
    with pytest.raises(AuthRequired):
        manager(store, zoom).access_token()
    with pytest.raises(AuthRequired):
        manager(store, zoom).refresh_after_rejection("x")
    assert manager(store, zoom).tokens() is None
    assert zoom.sent == []


def test_a_fresh_token_is_used_as_is(store: TokenStore) -> None:
    store.save(tokens(1, 3000))
    zoom = FakeZoom()
    assert manager(store, zoom).access_token() == "access-1"
    assert zoom.sent == []


@pytest.mark.parametrize(
    ("left", "refreshes"), [(301, False), (300, False), (299, True), (0, True)]
)
def test_refreshes_when_less_than_five_minutes_are_left(
    store: TokenStore, left: int, refreshes: bool
) -> None:
    store.save(tokens(1, left))
    zoom = FakeZoom()
    token = manager(store, zoom).access_token()
    assert (token == "access-101") is refreshes
    assert zoom.sent == (["refresh-1"] if refreshes else [])


def test_an_expired_token_is_refreshed_after_time_passes(store: TokenStore) -> None:
    store.save(tokens(1, 3599))
    zoom, clock = FakeZoom(), Clock()
    m = manager(store, zoom, clock)
    assert m.access_token() == "access-1"
    clock.now += 3599 - 299
    assert m.access_token() == "access-101"


def test_rotated_tokens_are_saved_before_they_are_used(store: TokenStore) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom()
    token = manager(store, zoom).access_token()
    on_disk = reopen(store).load()
    assert on_disk is not None
    assert on_disk.access_token == token == "access-101"
    assert on_disk.refresh_token == "refresh-101"
    # Zoom's refresh answer had no api_url: the one from sign-in is kept.
    assert on_disk.api_url == "https://api.zoom.us"


def test_a_failed_save_raises_and_never_hands_out_the_new_token(
    store: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom()

    def broken_save(ts: TokenSet) -> None:
        raise StoreError("Could not save tokens.json: No space left on device")

    monkeypatch.setattr(store, "save", broken_save)
    with pytest.raises(StoreError) as info:
        manager(store, zoom).access_token()
    assert "access-101" not in str(info.value)
    assert zoom.sent == ["refresh-1"]
    assert reopen(store).load() == tokens(1, 10)


def test_after_waiting_for_the_lock_a_token_refreshed_elsewhere_is_used(
    store: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom()
    real_lock = store.lock

    def lock_after_another_process_refreshed():  # type: ignore[no-untyped-def]
        # What this process finds once the other one releases the lock.
        reopen(store).save(tokens(2, 3599))
        monkeypatch.setattr(store, "lock", real_lock)
        return real_lock()

    monkeypatch.setattr(store, "lock", lock_after_another_process_refreshed)
    assert manager(store, zoom).access_token() == "access-2"
    assert zoom.sent == []


def test_the_refresh_token_sent_is_the_one_read_under_the_lock(
    store: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom(valid="refresh-2")
    real_lock = store.lock

    def lock_after_rotation_elsewhere():  # type: ignore[no-untyped-def]
        # Rotated elsewhere, and already close to expiry again: refresh is
        # still due, but with refresh-2; refresh-1 is dead at Zoom.
        reopen(store).save(tokens(2, 20))
        monkeypatch.setattr(store, "lock", real_lock)
        return real_lock()

    monkeypatch.setattr(store, "lock", lock_after_rotation_elsewhere)
    assert manager(store, zoom).access_token() == "access-101"
    assert zoom.sent == ["refresh-2"]


def test_after_a_rejection_a_token_replaced_elsewhere_is_used_without_calling_zoom(
    store: TokenStore,
) -> None:
    store.save(tokens(2, 3000))
    zoom = FakeZoom()
    assert manager(store, zoom).refresh_after_rejection("access-1") == "access-2"
    assert zoom.sent == []


def test_after_a_rejection_of_the_stored_token_it_is_refreshed(store: TokenStore) -> None:
    # Even with an hour left on the clock: Zoom said no (revoked, clock skew...).
    store.save(tokens(1, 3599))
    zoom = FakeZoom()
    assert manager(store, zoom).refresh_after_rejection("access-1") == "access-101"
    assert zoom.sent == ["refresh-1"]
    assert reopen(store).load() == dataclasses.replace(
        tokens(101, 3599), api_url="https://api.zoom.us"
    )


def test_invalid_grant_ends_the_session_but_keeps_the_file(store: TokenStore) -> None:
    store.save(tokens(1, 10))
    before = store.path.read_bytes()
    zoom = FakeZoom(valid="somebody-elses")
    m = manager(store, zoom)
    with pytest.raises(AuthRequired) as info:
        m.access_token()
    assert info.value.reason is AuthReason.SESSION_ENDED
    assert store.path.read_bytes() == before
    assert zoom.sent == ["refresh-1"]
    # The dead refresh token is never sent again by this manager.
    with pytest.raises(AuthRequired):
        m.access_token()
    with pytest.raises(AuthRequired):
        m.refresh_after_rejection("access-1")
    assert zoom.sent == ["refresh-1"]


def test_invalid_grant_then_a_token_rotated_elsewhere_is_used(store: TokenStore) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom(valid="refresh-2")

    def rotated_by_another_process() -> None:
        reopen(store).save(tokens(2, 3599))
        zoom.during = None

    zoom.during = rotated_by_another_process
    assert manager(store, zoom).access_token() == "access-2"
    assert zoom.sent == ["refresh-1"]


def test_invalid_grant_then_a_rotated_but_expiring_token_is_refreshed_once_more(
    store: TokenStore,
) -> None:
    store.save(tokens(1, 10))
    zoom = FakeZoom(valid="refresh-2")

    def rotated_by_another_process() -> None:
        reopen(store).save(tokens(2, 20))
        zoom.during = None

    zoom.during = rotated_by_another_process
    assert manager(store, zoom).access_token() == "access-101"
    assert zoom.sent == ["refresh-1", "refresh-2"]


def test_a_network_failure_falls_back_to_a_still_valid_token(store: TokenStore) -> None:
    store.save(tokens(1, 200))
    zoom = FakeZoom()
    zoom.failure = NetworkError("Could not reach Zoom sign-in (zoom.us).")
    assert manager(store, zoom).access_token() == "access-1"
    assert reopen(store).load() == tokens(1, 200)


def test_a_network_failure_with_an_expiring_token_is_raised(store: TokenStore) -> None:
    store.save(tokens(1, 20))
    zoom = FakeZoom()
    zoom.failure = NetworkError("Could not reach Zoom sign-in (zoom.us).")
    with pytest.raises(NetworkError):
        manager(store, zoom).access_token()
    with pytest.raises(NetworkError):
        manager(store, zoom).refresh_after_rejection("access-1")


def test_a_damaged_store_means_sign_in(store: TokenStore) -> None:
    store.path.write_text("{oops")
    with pytest.raises(AuthRequired):
        manager(store, FakeZoom()).access_token()
    assert store.last_problem is not None
