"""``Backend.load``: where the window's settings come from (DESIGN §3.1 order)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zoomdesk.core.config import save_file
from zoomdesk.ui.session import Backend

APP = {"client_id": "file-client", "redirect_uri": "https://example.com/zoomdesk/callback"}


def test_flags_outrank_the_environment_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_file(APP, tmp_path / "config.json")
    monkeypatch.setenv("ZOOMDESK_CLIENT_ID", "env-client")
    monkeypatch.setenv("ZOOMDESK_OAUTH_URL", "https://zoomgov.com")
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE")  # tests/conftest.py's; no keyring is pinned
    flags = {"client_id": "flag-client", "client_secret": "flag-secret", "api_url": None}
    startup = Backend(tmp_path, flags=flags).load()
    assert startup.account is not None
    config = startup.account.config
    assert (config.client_id, config.client_secret) == ("flag-client", "flag-secret")
    assert config.oauth_url == "https://zoomgov.com"
    assert startup.overrides == {
        "client_id": "--client-id",
        "client_secret": "--client-secret",
        "oauth_url": "ZOOMDESK_OAUTH_URL",
    }
    # The window keeps flags to itself: QtWebEngine's child processes inherit the environment.
    assert "ZOOMDESK_CLIENT_SECRET" not in os.environ
    assert startup.values["client_id"] == "file-client"  # the form still shows the saved value


def test_flags_alone_are_a_complete_configuration(tmp_path: Path) -> None:
    startup = Backend(tmp_path, flags=APP).load()
    assert startup.account is not None and startup.problem == ""
    assert startup.account.config.client_id == "file-client"
    assert startup.values == {}


def test_a_damaged_config_is_reported_even_when_the_environment_configures_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.json").write_text("{oops")
    monkeypatch.setenv("ZOOMDESK_CLIENT_ID", APP["client_id"])
    monkeypatch.setenv("ZOOMDESK_REDIRECT_URI", APP["redirect_uri"])
    startup = Backend(tmp_path).load()
    assert startup.account is not None and not startup.signed_in
    assert "config.json" in startup.problem and "moved aside" in startup.problem
    assert [p.read_text() for p in tmp_path.glob("config.json.corrupt-*")] == ["{oops"]


def test_the_sandbox_window_can_sign_in_both_ways(tmp_path: Path) -> None:
    """``zoomdesk --sandbox``: the embedded way and the browser way, against one sandbox."""
    from fake_browser import land, walk
    from sandbox_signin import in_thread, sign_in_headless

    from zoomdesk.core.loopback import LoopbackReceiver, loopback_problem
    from zoomdesk.core.oauth import Captured
    from zoomdesk.ui.session import SandboxBackend

    backend = SandboxBackend(tmp_path)

    def both_ways() -> None:  # on a worker thread, as the window does it
        account = backend.load().account
        assert account is not None and loopback_problem(account.config.redirect_uri) is None
        assert sign_in_headless(account).email == "sandbox@zoomdesk.test"  # the embedded way
        with LoopbackReceiver(account.config) as receiver:  # the browser way
            assert land(walk(receiver.authorize_url))["status"] == 200
            outcome = receiver.wait()
        assert isinstance(outcome, Captured)
        user = account.finish_sign_in(receiver.attempt, outcome.code)
        assert user is not None and user.email == "sandbox@zoomdesk.test"

    try:
        in_thread(both_ways)
    finally:
        backend.shutdown()
