"""Test-wide isolation: every test gets its own config, log and cache dirs, and
Qt/Chromium are configured for headless, root, network-less machines before Qt starts."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import: the offscreen platform, and Chromium refuses to run
# as root without its sandbox disabled. Resolver rules stop every DNS lookup
# except loopback, so a leaked redirect could never reach a real host;
# localhost (which Chromium resolves itself, never by DNS) stays reachable so
# the e2e tests can show that an alias of a loopback redirect is vetoed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault(
    "QTWEBENGINE_CHROMIUM_FLAGS",
    '--disable-gpu --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"',
)
os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.debug=false")

for _var in (
    "ZOOMDESK_CLIENT_ID",
    "ZOOMDESK_CLIENT_SECRET",
    "ZOOMDESK_REDIRECT_URI",
    "ZOOMDESK_OAUTH_URL",
    "ZOOMDESK_API_URL",
):
    os.environ.pop(_var, None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every platformdirs location at a fresh temporary directory."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    for var in (
        "ZOOMDESK_CLIENT_ID",
        "ZOOMDESK_CLIENT_SECRET",
        "ZOOMDESK_REDIRECT_URI",
        "ZOOMDESK_OAUTH_URL",
        "ZOOMDESK_API_URL",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def gui_thread_http_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any HTTP request made from the main (GUI) thread."""
    import requests.adapters

    offenders: list[str] = []
    real_send = requests.adapters.HTTPAdapter.send

    def guarded_send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            offenders.append(f"{request.method} {request.path_url.split('?')[0]}")
            raise AssertionError(f"HTTP request on the GUI thread: {offenders[-1]}")
        return real_send(self, request, *args, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", guarded_send)
    yield offenders
    assert not offenders, f"HTTP requests made on the GUI thread: {offenders}"
