"""The log file and redaction; and, end to end, that no secret reaches a log or an error."""

from __future__ import annotations

import json
import logging
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from zoomdesk.core import logs, paths
from zoomdesk.core.config import Config
from zoomdesk.core.errors import ZoomdeskError
from zoomdesk.core.logs import MASK, redact, setup_logging
from zoomdesk.core.oauth import AuthorizationAttempt, Captured, OAuthClient, new_pkce
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

CODE = "AuThC0de-7Hq2Lm9Xw4Zp"
VERIFIER = new_pkce().verifier
SECRET = "Cl1entS3cretValue-xyz"
ACCESS = "eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJhYmMifQ.AcCeSsSiGnAtUrE"
REFRESH = "eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJkZWYifQ.ReFrEsHsIgNaTuRe"
NEW_ACCESS = "eyJhbGciOiJIUzUxMiJ9.eyJuZXciOjF9.NeWaCcEsS"
NEW_REFRESH = "eyJhbGciOiJIUzUxMiJ9.eyJuZXciOjJ9.NeWrEfReSh"
SECRETS = (CODE, VERIFIER, SECRET, ACCESS, REFRESH, NEW_ACCESS, NEW_REFRESH)


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


# --- redact -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"access_token={ACCESS}&x=1", ACCESS),
        (f"refresh_token={REFRESH}", REFRESH),
        (f"code={CODE}&state=abc", CODE),
        (f"code_verifier={VERIFIER}", VERIFIER),
        (f"client_secret={SECRET}", SECRET),
        (f"token={ACCESS}", ACCESS),
        (f'{{"access_token": "{ACCESS}", "expires_in": 3599}}', ACCESS),
        (f"{{'refresh_token': '{REFRESH}'}}", REFRESH),
        (f'{{\\"access_token\\": \\"{ACCESS}\\"}}', ACCESS),
        (f'"code":"{CODE}"', CODE),
        (f"Authorization: Bearer {ACCESS}", ACCESS),
        (f"{{'Authorization': 'Basic {SECRET}'}}", SECRET),
        (f"header Bearer {ACCESS} end", ACCESS),
        (f"bearer {CODE}", CODE),
        (f"Basic {SECRET}", SECRET),
        (f"the token {ACCESS} leaked", ACCESS),
        (f'https://zoom.us:443 "GET /oauth/x?code={CODE}&state=s HTTP/1.1" 200 None', CODE),
        (f'"POST /v2/users?password={SECRET} HTTP/1.1" 401 12', SECRET),
        (f"https://zoom.us/j/1?pwd={SECRET}", SECRET),
        (f"https://us05web.zoom.us/s/1?zak={SECRET}", SECRET),
        (f"password: {SECRET}", SECRET),
        (f"https://example.com/cb?error=access_denied&state={VERIFIER}", VERIFIER),
    ],
)
def test_redact_masks_secrets(text: str, secret: str) -> None:
    redacted = redact(text)
    assert secret not in redacted
    assert MASK in redacted


@pytest.mark.parametrize(
    "text",
    [
        "Zoom refused the request: Invalid access token. (code 124)",
        '{"code": 124, "message": "Invalid access token."}',
        "error_code=300 token_type=bearer expires_in=3599",
        '{"token_type": "bearer", "scope": "meeting:write"}',
        "POST /oauth/token authorization_code",
        "POST /oauth/token -> HTTP 200",
        "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "tokens.json is damaged (not valid JSON); moved aside to tokens.json.corrupt-1",
    ],
)
def test_redact_leaves_ordinary_text_alone(text: str) -> None:
    assert redact(text) == text


# --- setup_logging ----------------------------------------------------------------


def test_setup_logging_writes_a_private_file_in_the_log_dir() -> None:
    path = setup_logging()
    assert path == paths.log_dir() / "zoomdesk.log"
    logging.getLogger("zoomdesk.test").info("hello %s", "world")
    assert "hello world" in path.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_setup_logging_is_idempotent(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    first = setup_logging(logging.INFO, tmp_path / "logs")
    second = setup_logging(logging.DEBUG, tmp_path / "logs")
    assert first == second
    assert len(root.handlers) == before + 1
    assert root.level == logging.DEBUG
    logging.getLogger("x").debug("once")
    assert first is not None
    assert first.read_text().count("once") == 1


def test_setup_logging_in_another_directory_replaces_the_handler(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    setup_logging(logging.INFO, tmp_path / "a")
    moved = setup_logging(logging.INFO, tmp_path / "b")
    assert len(root.handlers) == before + 1
    logging.getLogger("x").warning("where")
    assert moved is not None and "where" in moved.read_text()
    assert "where" not in (tmp_path / "a" / "zoomdesk.log").read_text()


def test_setup_logging_survives_an_unusable_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert setup_logging(logging.INFO, blocker / "logs") is None


def test_the_file_rotates_and_keeps_three_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (logs.MAX_BYTES, logs.BACKUP_COUNT) == (1_000_000, 3)
    monkeypatch.setattr(logs, "MAX_BYTES", 20_000)  # the same rotation, in less time
    path = setup_logging(logging.INFO, tmp_path)
    assert path is not None
    line = "x" * 1000
    for _ in range(90):
        logging.getLogger("bulk").info(line)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["zoomdesk.log", "zoomdesk.log.1", "zoomdesk.log.2", "zoomdesk.log.3"]
    assert all(p.stat().st_size <= 20_000 for p in tmp_path.iterdir())
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in tmp_path.iterdir())


def test_every_logger_args_and_tracebacks_are_redacted(tmp_path: Path) -> None:
    path = setup_logging(logging.DEBUG, tmp_path)
    assert path is not None
    logging.getLogger("urllib3.connectionpool").debug(
        '%s://%s:%s "%s %s %s" %s %s',
        "https",
        "zoom.us",
        443,
        "GET",
        f"/oauth/authorize?code={CODE}&state=s",
        "HTTP/1.1",
        200,
        None,
    )
    logging.getLogger("some.library").info("headers: %r", {"Authorization": f"Bearer {ACCESS}"})
    try:
        raise RuntimeError(f"failed with refresh_token={REFRESH}")
    except RuntimeError:
        logging.getLogger("zoomdesk").exception("boom")
    text = path.read_text()
    for secret in (CODE, ACCESS, REFRESH):
        assert secret not in text
    assert "GET /oauth/authorize?[REDACTED] HTTP/1.1" in text
    assert "RuntimeError" in text and "boom" in text


def test_a_record_with_bad_arguments_keeps_its_format_string() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s and %s", ("one",), None)
    assert logs.RedactingFilter().filter(record)
    assert record.getMessage() == "got %s and %s"
    secret = logging.LogRecord("x", logging.INFO, __file__, 1, f"code={CODE} %s", ("x", "y"), None)
    logs.RedactingFilter().filter(secret)
    assert CODE not in secret.getMessage()


# --- end to end: the sign-in flows at DEBUG ------------------------------------------


class FakeZoom:
    """A local OAuth endpoint: answers are queued per path, each call is recorded."""

    def __init__(self) -> None:
        self.answers: dict[str, list[tuple[int, object, float]]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status, body, delay = server.answers[self.path.split("?")[0]].pop(0)
                time.sleep(delay)
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def queue(self, path: str, status: int, body: object, delay: float = 0.0) -> None:
        self.answers.setdefault(path, []).append((status, body, delay))


@pytest.fixture
def zoom() -> Iterator[FakeZoom]:
    fake = FakeZoom()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


GRANT = {
    "access_token": NEW_ACCESS,
    "refresh_token": NEW_REFRESH,
    "token_type": "bearer",
    "expires_in": 3599,
}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("secret", ["", SECRET])
def test_no_secret_in_logs_errors_or_reprs(
    tmp_path: Path, zoom: FakeZoom, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    log_file = setup_logging(logging.DEBUG, tmp_path / "logs")
    assert log_file is not None
    config = Config(
        client_id="client",
        client_secret=secret,
        redirect_uri="http://127.0.0.1/cb",
        oauth_url=zoom.url,
    )
    client = OAuthClient(config, timeout=(2.0, 0.5))
    store = TokenStore(tmp_path / "tokens.json")
    errors: list[BaseException] = []

    def expect_error(call: object) -> None:
        try:
            call()  # type: ignore[operator]
        except ZoomdeskError as exc:
            errors.append(exc)
        else:
            raise AssertionError("expected an error")

    # The happy paths: grant, refresh (through the manager), revoke.
    zoom.queue("/oauth/token", 200, {**GRANT, "access_token": ACCESS, "refresh_token": REFRESH})
    tokens = client.exchange_code(CODE, VERIFIER)
    store.save(
        TokenSet.from_response(
            {**GRANT, "expires_in": 10, "access_token": ACCESS, "refresh_token": REFRESH},
            time.time(),
        )
    )
    zoom.queue("/oauth/token", 200, GRANT)
    assert RefreshManager(store, client).access_token() == NEW_ACCESS
    zoom.queue("/oauth/revoke", 200, {"status": "success"})
    client.revoke(NEW_ACCESS)

    # The failures, with Zoom quoting back what it was sent.
    zoom.queue(
        "/oauth/token", 400, {"reason": f"Invalid Token! {NEW_REFRESH}", "error": "invalid_grant"}
    )
    expect_error(lambda: client.refresh(NEW_REFRESH))
    zoom.queue(
        "/oauth/token",
        400,
        {"reason": f"Invalid authorization code {CODE}", "error": "invalid_request"},
    )
    expect_error(lambda: client.exchange_code(CODE, VERIFIER))
    zoom.queue(
        "/oauth/token", 401, {"reason": f"bad secret {secret or 'none'}", "error": "invalid_client"}
    )
    expect_error(lambda: client.exchange_code(CODE, VERIFIER))
    zoom.queue("/oauth/revoke", 500, f"Internal error for token={ACCESS}")
    expect_error(lambda: client.revoke(ACCESS))
    zoom.queue("/oauth/token", 200, f"<html>{CODE}</html>")
    expect_error(lambda: client.exchange_code(CODE, VERIFIER))
    zoom.queue("/oauth/token", 200, GRANT, delay=1.5)
    expect_error(lambda: client.refresh(NEW_REFRESH))
    offline = OAuthClient(
        Config(
            client_id="c",
            client_secret=secret,
            redirect_uri="http://127.0.0.1/cb",
            oauth_url=f"http://127.0.0.1:{closed_port()}",
        ),
    )
    expect_error(lambda: offline.exchange_code(CODE, VERIFIER))

    texts = [log_file.read_text()]
    texts += [f"{e}\n{e!r}\n{getattr(e, 'reason', '')}" for e in errors]
    texts += [
        repr(x) for x in (tokens, config, store, AuthorizationAttempt.start(config), Captured(CODE))
    ]
    texts += [r.getMessage() for r in caplog.records]
    secrets = [s for s in SECRETS if s]
    for text in texts:
        for value in secrets:
            assert value not in text, (value, text)
    assert len(errors) == 7
    assert "POST /oauth/token" in texts[0]  # the log did record the flows


# --- end to end: a meeting's start_url (the host's sign-in) ---------------------------


def test_no_start_url_in_logs_reprs_or_invitations(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Zoom documents ``start_url`` as a secret: the REST calls that carry it, at DEBUG,
    and everything made from a meeting, leave it out."""
    from sandbox_signin import sign_in_headless

    from zoomdesk.core.account import Account
    from zoomdesk.core.invitation import fetch_invitation
    from zoomdesk.core.meeting import Meeting, meeting_to_ics
    from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox

    log_file = setup_logging(logging.DEBUG, tmp_path / "logs")
    assert log_file is not None
    with Sandbox() as sandbox:
        account = Account(
            Config(
                client_id=PUBLIC_CLIENT_ID,
                redirect_uri=sandbox.url + "/zoomdesk/callback",
                oauth_url=sandbox.url,
                api_url=sandbox.url + "/v2",
            ),
            TokenStore(tmp_path / "tokens.json"),
        )
        sign_in_headless(account)
        created = account.client.create_meeting(
            {
                "topic": "Start me",
                "type": 2,
                "start_time": "2031-03-04T10:00:00",
                "timezone": "Europe/Berlin",
                "duration": 30,
            }
        )
        fetched = account.client.get_meeting(created["id"])
        listed = account.client.list_meetings("upcoming")
        invitation = fetch_invitation(account.client, created["id"], host_name="Sandy Box")
    start_urls = {created["start_url"], fetched["start_url"]}
    zaks = {url.split("zak=")[1] for url in start_urls}
    assert all(url.startswith(sandbox.url + "/s/") for url in start_urls) and all(zaks)
    assert all("start_url" not in item for item in listed)  # as Zoom: the list has none
    meeting = Meeting.from_zoom_json(fetched)
    texts = [
        log_file.read_text(),
        repr(meeting),
        str(meeting),
        meeting.invitation("Europe/Berlin", "Sandy Box"),
        invitation.text,
        meeting_to_ics(meeting),
    ]
    texts += [r.getMessage() for r in caplog.records]
    for text in texts:
        for secret in (*start_urls, *zaks):
            assert secret not in text, (secret, text)
    assert f"GET /meetings/{created['id']}" in texts[0]  # the log did record the fetch
