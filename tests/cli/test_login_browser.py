"""`zoomdesk login --browser` end to end: a real subprocess, the sandbox, and a stand-in browser.

``BROWSER`` points at ``tests/support/fake_browser.py``, which walks the
sandbox's forms with ``requests`` and lands on zoomdesk's loopback listener.
The sandbox's ``oauth_requests`` show what zoomdesk really sent.
"""

from __future__ import annotations

import json
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from cli_support import QT, REPO, Cli, Result, closed_port
from fake_browser import browser_command, walk, with_state

from zoomdesk.core import paths
from zoomdesk.core.loopback import EXAMPLE_REDIRECT
from zoomdesk.sandbox import CALLBACK_PATH, CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET

SIGNED_IN = "Signed in as Sandy Box <sandbox@zoomdesk.test>\n"
#: A one-time value's shape (state: 43 characters, code 43, verifier 86).
LONG_TOKEN = re.compile(r"[A-Za-z0-9_-]{40,}")


@dataclass
class Browser:
    log: Path

    def notes(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


@pytest.fixture
def browser(cli: Cli, tmp_path: Path) -> Browser:
    log = tmp_path / "browser.jsonl"
    cli.env.update(BROWSER=browser_command(tmp_path), ZOOMDESK_TEST_BROWSER_LOG=str(log))
    return Browser(log)


def mode(name: str) -> dict[str, str]:
    return {"ZOOMDESK_TEST_BROWSER_MODE": name}


def is_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def log_text() -> str:
    path = paths.log_dir() / "zoomdesk.log"
    return path.read_text() if path.exists() else ""


def one_loopback_sign_in(cli: Cli) -> tuple[dict[str, Any], dict[str, Any]]:
    """Zoom saw one authorize and one token request, both with one loopback redirect_uri."""
    seen = cli.state()["oauth_requests"]
    [authorize] = [r for r in seen if r["endpoint"] == "authorize"]
    [token] = [r for r in seen if r["endpoint"] == "token"]
    redirect = urlsplit(authorize["redirect_uri"])
    assert (redirect.scheme, redirect.hostname, redirect.path) == (
        "http",
        "127.0.0.1",
        CALLBACK_PATH,
    )
    assert redirect.port and authorize["code_challenge_method"] == "S256"
    assert token["grant_type"] == "authorization_code" and token["code_verifier_sent"]
    assert token["redirect_uri"] == authorize["redirect_uri"]
    return authorize, token


def landed(browser: Browser, authorize: dict[str, Any]) -> dict[str, Any]:
    """The browser's last landing: on the listener, with the state Zoom was sent."""
    note = browser.notes()[-1]
    assert note["landed"] == authorize["redirect_uri"]
    assert note["state_digest"] == authorize["state_digest"]
    return note


def assert_no_secrets(result: Result, browser: Browser, *, allowed_url: str = "") -> None:
    """No code, state or verifier in stdout, stderr or the log (the --no-open URL aside)."""
    err = result.stderr.replace(allowed_url, "") if allowed_url else result.stderr
    texts = {"stdout": result.stdout, "stderr": err, "log": log_text()}
    for note in browser.notes():
        for secret in (note.get("code"), note.get("state")):
            for where, text in texts.items():
                assert not secret or secret not in text, where
    for where, text in texts.items():
        assert not LONG_TOKEN.search(text), (where, LONG_TOKEN.search(text))


# -- signing in ---------------------------------------------------------------------------------


def test_public_client_signs_in_through_the_browser(cli: Cli, browser: Browser) -> None:
    result = cli.run("login", "--browser")
    assert result.returncode == 0, result.stderr
    assert result.stdout == SIGNED_IN
    # One line saying where to look: the host, never the URL.
    [line] = result.stderr.splitlines()
    assert "127.0.0.1" in line and "browser" in line and "http" not in line
    authorize, token = one_loopback_sign_in(cli)
    assert token["client_auth"] == "body"
    # The registered port is the sandbox's own (busy): a free one was taken.
    assert urlsplit(authorize["redirect_uri"]).port != urlsplit(cli.sandbox.url).port
    note = landed(browser, authorize)
    assert note["status"] == 200 and "Signed in — you can close this tab" in note["page"]
    assert note["code"] not in note["page"] and note["state"] not in note["page"]
    assert cli.tokens()["access_token"]
    assert not is_open(urlsplit(authorize["redirect_uri"]).port)
    assert_no_secrets(result, browser)


def test_confidential_client_signs_in_on_its_registered_port(cli: Cli, browser: Browser) -> None:
    registered = f"http://127.0.0.1:{closed_port()}{CALLBACK_PATH}"
    cli.sandbox.register_client("loopback-app", registered, CONFIDENTIAL_CLIENT_SECRET)
    env = {
        "ZOOMDESK_CLIENT_ID": "loopback-app",
        "ZOOMDESK_CLIENT_SECRET": CONFIDENTIAL_CLIENT_SECRET,
        "ZOOMDESK_REDIRECT_URI": registered,
        **mode("google"),  # and through the stand-in Google, which any real browser may use
    }
    result = cli.run("login", "--browser", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == SIGNED_IN
    authorize, token = one_loopback_sign_in(cli)
    assert authorize["redirect_uri"] == registered and token["client_auth"] == "basic"
    assert landed(browser, authorize)["status"] == 200
    assert_no_secrets(result, browser)


def test_the_sign_in_setting_picks_the_browser(cli: Cli, browser: Browser) -> None:
    result = cli.run("login", env={"ZOOMDESK_SIGN_IN": "browser"})
    assert (result.returncode, result.stdout) == (0, SIGNED_IN), result.stderr
    landed(browser, one_loopback_sign_in(cli)[0])


def test_declined_consent_saves_nothing(cli: Cli, browser: Browser) -> None:
    result = cli.run("login", "--browser", env=mode("deny"))
    assert result.returncode == 4 and result.stdout == ""
    assert "declined" in result.stderr and "access_denied" in result.stderr
    seen = cli.state()["oauth_requests"]
    assert [r["endpoint"] for r in seen] == ["authorize"]
    note = landed(browser, seen[0])
    assert note["status"] == 200 and "Sign-in declined" in note["page"]
    assert not paths.tokens_path().exists()
    assert_no_secrets(result, browser)


def test_a_state_mismatch_is_refused_and_the_sign_in_goes_on(cli: Cli, browser: Browser) -> None:
    result = cli.run("-vv", "login", "--browser", env=mode("tamper"))  # debug logs on stderr too
    assert (result.returncode, result.stdout) == (0, SIGNED_IN), result.stderr
    forged, real = browser.notes()
    assert forged["tampered"] and forged["status"] == 400
    assert "This sign-in did not come from zoomdesk" in forged["page"]
    assert real["status"] == 200
    landed(browser, one_loopback_sign_in(cli)[0])
    assert_no_secrets(result, browser)


# -- what is refused up front -----------------------------------------------------------------


def test_a_redirect_url_that_is_not_loopback_is_refused(cli: Cli, browser: Browser) -> None:
    env = {"ZOOMDESK_REDIRECT_URI": "https://example.com/zoomdesk/callback"}
    result = cli.run("login", "--browser", env=env)
    assert result.returncode == 2
    assert EXAMPLE_REDIRECT in result.stderr and "ZOOMDESK_REDIRECT_URI" in result.stderr
    assert cli.requests() == [] and browser.notes() == []


def test_a_confidential_client_whose_port_is_busy_is_told_so(cli: Cli, browser: Browser) -> None:
    env = {
        "ZOOMDESK_CLIENT_ID": CONFIDENTIAL_CLIENT_ID,
        "ZOOMDESK_CLIENT_SECRET": CONFIDENTIAL_CLIENT_SECRET,
    }  # its redirect URL is on the sandbox's own port
    result = cli.run("login", "--browser", env=env)
    assert result.returncode == 2
    assert f"port {urlsplit(cli.sandbox.url).port}" in result.stderr
    assert cli.requests() == [] and browser.notes() == []


def test_no_open_cannot_go_with_the_window(cli: Cli) -> None:
    result = cli.run("login", "--embedded", "--no-open")
    assert result.returncode == 2 and "--no-open" in result.stderr
    assert cli.run("login", "--embedded", "--browser").returncode == 2


# -- --no-open and the pasted address --------------------------------------------------------


class Lines:
    """A child's stderr, line by line as it comes (a reader thread; no sleeping)."""

    def __init__(self, stream: Any) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._stream = stream
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def close(self) -> None:
        """Once the child has exited: the reader sees the end, and the pipe is closed."""
        self._reader.join(10)
        self._stream.close()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put("")

    def until(self, needle: str) -> str:
        while True:
            line = self._queue.get(timeout=20)
            self.seen.append(line)
            assert line, f"stderr ended without {needle!r}: {self.seen}"
            if needle in line:
                return line

    def rest(self) -> str:
        while (line := self._queue.get(timeout=20)) != "":
            self.seen.append(line)
        return "".join(self.seen)


@pytest.fixture
def no_open(cli: Cli, browser: Browser) -> Iterator[tuple[subprocess.Popen[str], Lines, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "zoomdesk", "login", "--no-open"],
        cwd=REPO,
        env={**cli.env, "PYTHONFAULTHANDLER": "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = Lines(proc.stderr)
    url = lines.until("/oauth/authorize?").strip()
    assert url.startswith(cli.sandbox.url + "/oauth/authorize?")
    yield proc, lines, url
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()
    lines.close()
    assert browser.notes() == []  # --no-open never ran the browser


def paste(proc: subprocess.Popen[str], text: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(text + "\n")
    proc.stdin.flush()


def test_no_open_takes_the_address_pasted_on_stdin(
    cli: Cli, browser: Browser, no_open: tuple[subprocess.Popen[str], Lines, str]
) -> None:
    proc, lines, url = no_open
    address = walk(url)  # the browser on "another machine" ends there, and cannot load it
    port = urlsplit(address).port
    assert port and is_open(port)  # meanwhile the listener waits too
    paste(proc, "https://zoom.us/")
    lines.until("not the address zoomdesk waits for")
    paste(proc, with_state(address, "forged-" + "y" * 40))
    lines.until("refused")
    paste(proc, address)
    assert proc.stdout is not None
    out = proc.stdout.read()
    assert proc.wait(20) == 0 and out == SIGNED_IN
    err = lines.rest()
    assert "Traceback" not in err
    landed_at = one_loopback_sign_in(cli)[0]["redirect_uri"]
    assert address.startswith(landed_at + "?") and not is_open(port)
    code = dict(p.split("=", 1) for p in urlsplit(address).query.split("&"))["code"]
    result = Result(("login", "--no-open"), 0, out, err, 0.0)
    assert code not in err
    assert_no_secrets(result, browser, allowed_url=url)


# -- Ctrl+C ---------------------------------------------------------------------------------


def test_ctrl_c_while_waiting_exits_130_and_closes_the_listener(
    cli: Cli, no_open: tuple[subprocess.Popen[str], Lines, str]
) -> None:
    proc, lines, _ = no_open
    port = urlsplit(lines.until("it starts with").split("it starts with ")[1]).port
    assert port and is_open(port)
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(30)
    except subprocess.TimeoutExpired:  # say where it hangs: faulthandler dumps every thread
        proc.send_signal(signal.SIGABRT)
        proc.wait(10)
        raise AssertionError("no exit after Ctrl+C:\n" + lines.rest()[-6000:]) from None
    assert code == 130
    assert "Cancelled." in lines.rest()
    assert not is_open(port)
    assert [r["endpoint"] for r in cli.state()["oauth_requests"]] == []


def test_ctrl_c_while_the_browser_runs_exits_130(cli: Cli, browser: Browser) -> None:
    cli.env.update(mode("idle"))  # opens the sign-in page and walks away
    result = cli.interrupt_when_requested("login", "--browser", path="/oauth/authorize")
    assert result.returncode == 130 and "Cancelled." in result.stderr
    [note] = browser.notes()
    assert note["listening"]
    assert not is_open(urlsplit(note["redirect_uri"]).port)


# -- no Qt ----------------------------------------------------------------------------------


def test_browser_login_loads_no_qt(cli: Cli, browser: Browser) -> None:
    loaded = cli.loaded("login", "--browser", packages=QT)
    assert (loaded.code, loaded.modules) == (0, []), loaded.stderr
    assert len(browser.notes()) == 1


# -- the window, when asked for -------------------------------------------------------------


@pytest.mark.usefixtures("restore_logging")
def test_embedded_forces_the_window_over_the_setting(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zoomdesk.cli import main as zcli
    from zoomdesk.core.user import User

    shown: list[Any] = []
    entry = types.ModuleType("zoomdesk.ui.entry")
    entry.run_login = lambda account: (
        shown.append(account)
        or User(  # type: ignore[attr-defined]
            first_name="Sandy", last_name="Box", email="sandbox@zoomdesk.test"
        )
    )
    monkeypatch.setitem(sys.modules, "zoomdesk.ui.entry", entry)
    for key, value in cli.env.items():
        if key.startswith("ZOOMDESK_"):
            monkeypatch.setenv(key, value)
    monkeypatch.setenv("ZOOMDESK_SIGN_IN", "browser")
    assert zcli.main(["login", "--embedded"]) == 0
    assert len(shown) == 1 and capsys.readouterr().out == SIGNED_IN
    monkeypatch.setenv("ZOOMDESK_SIGN_IN", "embedded")
    assert zcli.main(["login"]) == 0 and len(shown) == 2
    monkeypatch.setenv("ZOOMDESK_SIGN_IN", "sideways")
    assert zcli.main(["login"]) == 2 and "ZOOMDESK_SIGN_IN" in capsys.readouterr().err
    assert cli.state()["oauth_requests"] == []
