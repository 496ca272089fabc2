"""Test-wide isolation: every test gets its own config, log and cache dirs, and
Qt/Chromium are configured for headless, root, network-less machines before Qt starts."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from keyring_daemon import PrivateKeyring

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
    "ZOOMDESK_SIGN_IN",
):
    os.environ.pop(_var, None)
# No test touches the developer's keyring unless it asks for the private one
# (tests/support/keyring_daemon.py): child processes inherit this, and the
# ``isolated_dirs`` fixture below pins this process's keyring choice to none.
os.environ["ZOOMDESK_TOKEN_STORAGE"] = "file"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Path:
    """Point every platformdirs location at a fresh temporary directory; no keyring."""
    from zoomdesk.core import keyring_probe

    keyring_probe.pin(None, "the tests use no keyring unless they ask for one")
    request.addfinalizer(keyring_probe.reset)
    monkeypatch.setenv("ZOOMDESK_TOKEN_STORAGE", "file")
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
        "ZOOMDESK_SIGN_IN",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(scope="session")
def private_keyring(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateKeyring]:
    """A private D-Bus session bus with an unlocked GNOME Keyring, for the whole run."""
    from keyring_daemon import PACKAGES, PrivateKeyring, missing_binaries

    missing = missing_binaries()
    if missing:
        pytest.skip(f"no real keyring to test with: {', '.join(missing)} missing (apt {PACKAGES})")
    with PrivateKeyring(tmp_path_factory.mktemp("keyring")) as ring:
        yield ring


@pytest.fixture
def real_keyring(
    private_keyring: PrivateKeyring, monkeypatch: pytest.MonkeyPatch
) -> PrivateKeyring:
    """This test's keyring: the private one, running and empty; ``token_storage`` is ``auto``.

    The process's keyring choice is made afresh, as a new zoomdesk process would.
    """
    from zoomdesk.core import keyring_probe

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private_keyring.env["DBUS_SESSION_BUS_ADDRESS"])
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("ZOOMDESK_TOKEN_STORAGE", "auto")
    if not private_keyring.running:  # an earlier test killed it
        private_keyring.start_keyring()
    private_keyring.clear()
    keyring_probe.reset()
    return private_keyring


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


#: Skip reasons that mean "a program this machine lacks": in CI they are failures,
#: because CI installs everything (scripts/setup.sh) and a real part must not be
#: quietly left untested.
_MISSING_TOOL = ("needs ", "is not installed", "no real keyring", "did not start")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and os.environ.get("ZOOMDESK_CI_NO_MISSING_TOOLS")):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
    if any(marker in reason for marker in _MISSING_TOOL):
        report.outcome = "failed"
        report.longrepr = f"CI must run this test, but it was skipped: {reason}"
