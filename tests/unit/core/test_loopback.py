"""The browser sign-in's loopback listener: where it listens, what it takes, and when it closes."""

from __future__ import annotations

import logging
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import responses

from zoomdesk.core.account import Account
from zoomdesk.core.config import Config
from zoomdesk.core.errors import ConfigError
from zoomdesk.core.loopback import (
    EXAMPLE_REDIRECT,
    Cancelled,
    LoopbackReceiver,
    TimedOut,
    loopback_problem,
)
from zoomdesk.core.oauth import Allow, Captured, Denied, Rejected
from zoomdesk.core.tokens import TokenStore

OAUTH = "https://zoom.example"
CODE = "c0de-" + "k" * 40
PATH = "/zoomdesk/callback"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config(redirect: str, secret: str = "") -> Config:
    return Config("client", redirect, client_secret=secret, oauth_url=OAUTH)


@pytest.fixture
def receiver() -> Iterator[LoopbackReceiver]:
    with LoopbackReceiver(config(f"http://127.0.0.1:{free_port()}{PATH}"), timeout=30) as r:
        yield r


def answer(r: LoopbackReceiver, **query: str) -> str:
    return f"{r.redirect_uri}?{urlencode(query)}"


def get(url: str) -> requests.Response:
    return requests.get(url, timeout=5, allow_redirects=False)


def is_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h1 = ""
        self._in_h1 = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


# -- where it listens ---------------------------------------------------------------------


def test_it_listens_on_the_registered_port_of_127_0_0_1_only() -> None:
    port = free_port()
    redirect = f"http://127.0.0.1:{port}{PATH}"
    with LoopbackReceiver(config(redirect)) as r:
        assert (r.port, r.redirect_uri, r.attempt.redirect_uri) == (port, redirect, redirect)
        assert parse_qs(urlsplit(r.authorize_url).query)["redirect_uri"] == [redirect]
        assert is_open(port)
        with socket.socket() as other:  # another loopback address: nothing listens there
            assert other.connect_ex(("127.0.0.2", port)) != 0


def test_a_receiver_that_fails_to_start_gives_its_port_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import zoomdesk.core.loopback as loopback

    def broken(*_args: object) -> None:
        raise RuntimeError("no randomness today")

    monkeypatch.setattr(loopback.AuthorizationAttempt, "start", broken)
    port = free_port()
    with pytest.raises(RuntimeError):
        LoopbackReceiver(config(f"http://127.0.0.1:{port}{PATH}"))
    assert not is_open(port)


@pytest.mark.parametrize("redirect", ["busy", f"http://127.0.0.1{PATH}"])
def test_a_public_client_takes_a_free_port_and_says_so_everywhere(redirect: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        if redirect == "busy":
            redirect = f"http://127.0.0.1:{busy.getsockname()[1]}{PATH}"
        with LoopbackReceiver(config(redirect)) as r:
            assert r.port != busy.getsockname()[1]
            assert r.redirect_uri == f"http://127.0.0.1:{r.port}{PATH}"
            assert r.attempt.redirect_uri == r.redirect_uri
            assert parse_qs(urlsplit(r.authorize_url).query)["redirect_uri"] == [r.redirect_uri]
            assert get(answer(r, code=CODE, state=r.attempt.state)).status_code == 200


def test_a_confidential_client_with_its_port_busy_gets_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ConfigError) as caught:
            LoopbackReceiver(config(f"http://127.0.0.1:{port}{PATH}", secret="s3cret"))
    assert caught.value.key == "redirect_uri"
    assert f"port {port}" in str(caught.value) and "client secret" in str(caught.value)
    with pytest.raises(ConfigError, match="has no port"):
        LoopbackReceiver(config(f"http://127.0.0.1{PATH}", secret="s3cret"))


@pytest.mark.parametrize(
    "redirect",
    [
        "https://example.com/zoomdesk/callback",
        "http://localhost:27183/zoomdesk/callback",
        "http://[::1]:27183/zoomdesk/callback",
        "https://127.0.0.1:27183/zoomdesk/callback",
        "http://127.0.0.2:27183/zoomdesk/callback",
        "http://127.0.0.1:99999/zoomdesk/callback",
    ],
)
def test_a_redirect_that_is_not_loopback_is_refused_up_front(redirect: str) -> None:
    with pytest.raises(ConfigError) as caught:
        LoopbackReceiver(config(redirect))
    assert caught.value.key == "redirect_uri"
    assert loopback_problem(redirect) == str(caught.value)
    if "99999" not in redirect:
        assert EXAMPLE_REDIRECT in str(caught.value) and redirect in str(caught.value)
    assert loopback_problem(EXAMPLE_REDIRECT) is None


def test_every_receiver_has_a_new_state_and_pkce_pair() -> None:
    redirect = f"http://127.0.0.1:{free_port()}{PATH}"
    with LoopbackReceiver(config(redirect)) as one, LoopbackReceiver(config(redirect)) as two:
        assert one.attempt.state != two.attempt.state
        assert one.attempt.verifier != two.attempt.verifier
        assert "code_challenge_method=S256" in one.authorize_url


# -- what it takes --------------------------------------------------------------------------


def test_the_answer_is_taken_once_with_a_small_accessible_page(receiver: LoopbackReceiver) -> None:
    state = receiver.attempt.state
    page = get(answer(receiver, code=CODE, state=state))
    assert page.status_code == 200
    outcome = receiver.wait()
    assert isinstance(outcome, Captured) and outcome.code == CODE
    parsed = Page(page.text)
    assert ("html", {"lang": "en"}) in parsed.tags
    assert "title" in [t for t, _ in parsed.tags] and "script" not in [t for t, _ in parsed.tags]
    assert parsed.h1 == "Signed in — you can close this tab"
    assert CODE not in page.text and state not in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # It closes on its own once answered; a second answer reaches nothing.
    assert receiver.wait_closed() and not is_open(receiver.port)
    with pytest.raises(requests.ConnectionError):
        get(answer(receiver, code=CODE, state=state))
    assert receiver.offer_pasted_url(answer(receiver, code=CODE, state=state)) == Rejected(
        "This sign-in attempt is already finished."
    )
    assert receiver.wait() is outcome


def test_a_declined_sign_in_ends_with_denied(receiver: LoopbackReceiver) -> None:
    page = get(answer(receiver, error="access_denied", state=receiver.attempt.state))
    assert page.status_code == 200 and Page(page.text).h1 == "Sign-in declined"
    assert receiver.wait() == Denied("access_denied", "")


def test_other_paths_and_methods_get_404_and_it_keeps_waiting(receiver: LoopbackReceiver) -> None:
    state = receiver.attempt.state
    base = f"http://127.0.0.1:{receiver.port}"
    for url in (
        f"{base}/",
        f"{base}/favicon.ico",
        f"{base}/zoomdesk/callbackx?code={CODE}&state={state}",
        f"{base}/zoomdesk?code={CODE}&state={state}",
    ):
        assert get(url).status_code == 404
    good = answer(receiver, code=CODE, state=state)
    assert requests.post(good, timeout=5).status_code == 404
    assert requests.head(good, timeout=5).status_code == 404
    assert receiver.wait(timeout=0.05) is None and receiver.outcome is None
    assert get(good).status_code == 200  # the attempt was not spent by any of those


def test_a_wrong_state_is_refused_and_the_attempt_goes_on(receiver: LoopbackReceiver) -> None:
    for query in ({"code": CODE, "state": "not-ours"}, {"code": CODE}, {"state": "x"}):
        page = get(answer(receiver, **query))
        assert page.status_code == 400
        assert Page(page.text).h1 == "This sign-in did not come from zoomdesk"
        assert CODE not in page.text
    assert receiver.wait(timeout=0.05) is None
    assert get(answer(receiver, code=CODE, state=receiver.attempt.state)).status_code == 200
    assert isinstance(receiver.wait(), Captured)


def test_an_idle_connection_does_not_hold_up_the_answer(receiver: LoopbackReceiver) -> None:
    # A browser's speculative connection that never sends a request: a
    # single-threaded server would sit on it while the real answer waits.
    with socket.create_connection(("127.0.0.1", receiver.port)):
        started = time.monotonic()
        assert get(answer(receiver, code=CODE, state=receiver.attempt.state)).status_code == 200
        assert time.monotonic() - started < 2
    assert isinstance(receiver.wait(), Captured)
    assert receiver.wait_closed()


def _outside_address() -> str | None:
    """This machine's own non-loopback IPv4 address, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: a route lookup only
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_a_request_from_a_non_loopback_address_is_not_taken(receiver: LoopbackReceiver) -> None:
    source = _outside_address()
    if source is None:
        pytest.skip("this machine has no non-loopback address")
    request = f"GET {PATH}?{urlencode({'code': CODE, 'state': receiver.attempt.state})} HTTP/1.1"
    with socket.socket() as s:
        s.bind((source, 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", receiver.port))
        except OSError:
            pytest.skip("127.0.0.1 cannot be reached from a non-loopback address here")
        s.sendall(f"{request}\r\nHost: 127.0.0.1\r\n\r\n".encode())
        reply = s.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 404")
    assert receiver.wait(timeout=0.05) is None


# -- when it closes -------------------------------------------------------------------------


def test_it_times_out_and_closes() -> None:
    redirect = f"http://127.0.0.1:{free_port()}{PATH}"
    with LoopbackReceiver(config(redirect), timeout=0.3) as r:
        started = time.monotonic()
        assert r.wait() == TimedOut(0.3)
        assert 0.25 <= time.monotonic() - started < 2
        assert r.wait_closed() and not is_open(r.port)


def test_cancel_from_another_thread_ends_the_wait_promptly(receiver: LoopbackReceiver) -> None:
    waiting = threading.Event()
    result: list[object] = []

    def wait() -> None:
        waiting.set()
        result.append(receiver.wait())

    waiter = threading.Thread(target=wait)
    waiter.start()
    assert waiting.wait(5)
    started = time.monotonic()
    receiver.cancel()
    waiter.join(5)
    assert result == [Cancelled()] and time.monotonic() - started < 1
    assert receiver.wait_closed() and not is_open(receiver.port)
    receiver.cancel()  # again: nothing changes
    assert receiver.outcome == Cancelled()


class SignalHandledError(Exception):
    pass


def _blocked_in_wait(thread_id: int) -> bool:
    frame = sys._current_frames().get(thread_id)
    if frame is None or frame.f_code.co_name != "wait":  # threading.Condition.wait
        return False
    while frame is not None and frame.f_code is not LoopbackReceiver.wait.__code__:
        frame = frame.f_back
    return frame is not None


def test_a_signal_taken_by_another_thread_still_ends_the_wait(
    receiver: LoopbackReceiver,
) -> None:
    """Ctrl+C may land on any thread; Python runs its handler on the main one once it wakes.

    A wait that slept until the deadline ignored such a Ctrl+C for up to five
    minutes (`zoomdesk login --no-open` in CI).
    """
    main = threading.get_ident()
    assert main == threading.main_thread().ident

    def interrupt(signum: int, frame: object) -> None:
        raise SignalHandledError

    def send_from_here() -> None:
        deadline = time.monotonic() + 5
        while not _blocked_in_wait(main) and time.monotonic() < deadline:
            time.sleep(0.005)  # no event says "the main thread is asleep": look
        signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)

    previous = signal.signal(signal.SIGUSR1, interrupt)
    sender = threading.Thread(target=send_from_here)
    try:
        started = time.monotonic()
        sender.start()
        with pytest.raises(SignalHandledError):
            receiver.wait()
        assert time.monotonic() - started < 2
    finally:
        sender.join(10)
        signal.signal(signal.SIGUSR1, previous)
    assert receiver.outcome is None  # the caller decides: the CLI closes it on the way out


# -- pasted addresses -----------------------------------------------------------------------


def test_a_pasted_address_is_judged_like_the_listener(receiver: LoopbackReceiver) -> None:
    state = receiver.attempt.state
    assert isinstance(receiver.offer_pasted_url("https://zoom.us/"), Allow)
    refused = receiver.offer_pasted_url(answer(receiver, code=CODE, state="another-attempt"))
    assert isinstance(refused, Rejected) and receiver.outcome is None
    taken = receiver.offer_pasted_url(f"  {answer(receiver, code=CODE, state=state)}\n")
    assert isinstance(taken, Captured) and receiver.wait() is taken
    assert receiver.wait_closed() and not is_open(receiver.port)


def test_the_token_request_sends_the_redirect_uri_really_listened_on() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        registered = f"http://127.0.0.1:{busy.getsockname()[1]}{PATH}"
        account = Account(config(registered), store=TokenStore())
        with LoopbackReceiver(account.config) as r:
            r.offer_pasted_url(answer(r, code=CODE, state=r.attempt.state))
            outcome = r.wait()
    assert isinstance(outcome, Captured)
    with responses.RequestsMock() as mocked:
        mocked.post(f"{OAUTH}/oauth/token", status=400, json={"error": "invalid_client"})
        with pytest.raises(Exception):  # noqa: B017 - only the request matters here
            account.finish_sign_in(r.attempt, outcome.code)
        form = parse_qs(mocked.calls[0].request.body)
    assert form["redirect_uri"] == [r.redirect_uri] and r.redirect_uri != registered
    assert form["code_verifier"] == [r.attempt.verifier]


# -- what it never says ---------------------------------------------------------------------


def test_no_code_or_state_in_logs_or_on_stderr(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    with LoopbackReceiver(config(f"http://127.0.0.1:{free_port()}{PATH}")) as r:
        state = r.attempt.state
        get(f"http://127.0.0.1:{r.port}/other?code={CODE}&state={state}")
        get(answer(r, code=CODE, state="not-" + state))
        with socket.create_connection(("127.0.0.1", r.port)) as raw:  # a malformed request
            raw.sendall(f"BREW /?code={CODE} HTCPCP/1.0\r\n\r\n".encode())
            assert CODE not in raw.recv(4096).decode("latin-1")
        get(answer(r, code=CODE, state=state))
        assert isinstance(r.wait(), Captured)
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("zoomdesk"))
    assert "browser sign-in" in ours
    printed = capsys.readouterr()
    for text in (ours, printed.out, printed.err, repr(r), repr(r.outcome)):
        assert CODE not in text and state not in text and r.attempt.verifier not in text
