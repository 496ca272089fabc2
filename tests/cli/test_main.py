"""``zoomdesk.cli.main.main`` in-process: GUI dispatch, error mapping, and the bodies it sends."""

from __future__ import annotations

import json
import logging
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import requests.adapters
from cli_support import Cli
from zoom_schema import validate_request

from zoomdesk.cli import errors as cli_errors
from zoomdesk.cli import main as zcli
from zoomdesk.cli import meetings as cli_meetings
from zoomdesk.cli.errors import InvalidInputError
from zoomdesk.core import paths
from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    ConfigError,
    CreateUnconfirmed,
    FieldError,
    NetworkError,
    OAuthError,
    RateLimited,
    SignInCancelled,
    StoreError,
    ZoomApiError,
)
from zoomdesk.core.user import User

pytestmark = pytest.mark.usefixtures("restore_logging")  # main() runs in this process


@pytest.fixture
def fake_ui(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Stand-ins for zoomdesk.ui.entry / selftest that record how they were called."""
    calls: dict[str, Any] = {
        "user": User(first_name="Sandy", last_name="Box", email="sandbox@zoomdesk.test")
    }
    entry = types.ModuleType("zoomdesk.ui.entry")

    def run_gui(
        sandbox: bool = False,
        flags: dict[str, str | None] | None = None,
        *,
        minimized: bool = False,
        new_meeting: bool = False,
    ) -> int:
        calls.setdefault("gui", []).append((sandbox, flags))
        calls.setdefault("gui_options", []).append((minimized, new_meeting))
        return 0

    entry.run_gui = run_gui  # type: ignore[attr-defined]

    def run_login(account: Any) -> User | None:
        calls["login"] = account
        if calls["user"] == "cancel":
            raise SignInCancelled()
        user: User | None = calls["user"]
        return user

    entry.run_login = run_login  # type: ignore[attr-defined]
    selftest = types.ModuleType("zoomdesk.ui.selftest")
    selftest.run_self_test = lambda: 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zoomdesk.ui.entry", entry)
    monkeypatch.setitem(sys.modules, "zoomdesk.ui.selftest", selftest)
    return calls


def configure(monkeypatch: pytest.MonkeyPatch, cli_: Cli) -> None:
    for key, value in cli_.env.items():
        if key.startswith("ZOOMDESK_") or key == "TZ":
            monkeypatch.setenv(key, value)


def test_gui_and_self_test_dispatch(
    fake_ui: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOMDESK_CLIENT_SECRET", raising=False)
    assert zcli.main([]) == 0
    assert zcli.main(["--sandbox"]) == 0
    assert zcli.main(["--client-secret", "s3cret", "--client-id", "cid"]) == 0
    assert [sandbox for sandbox, _ in fake_ui["gui"]] == [False, True, False]
    flags = fake_ui["gui"][-1][1]
    assert flags["client_secret"] == "s3cret" and flags["client_id"] == "cid"
    # Handed to the window, not exported: QtWebEngine's child processes inherit the environment.
    assert "ZOOMDESK_CLIENT_SECRET" not in os.environ
    assert zcli.main(["--self-test"]) == 7
    assert zcli.main(["--new-meeting"]) == 0
    assert zcli.main(["--minimized"]) == 0
    assert fake_ui["gui_options"][-2:] == [(False, True), (True, False)]
    assert fake_ui["gui_options"][0] == (False, False)


@pytest.mark.parametrize("flag", ["--new-meeting", "--minimized", "--sandbox"])
def test_window_flags_do_not_go_with_a_command(
    fake_ui: dict[str, Any], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert zcli.main([flag, "meetings", "list"]) == 2
    assert "use them without a command" in capsys.readouterr().err
    assert "gui" not in fake_ui


def test_login_prints_the_user(
    fake_ui: dict[str, Any], cli: Cli, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    configure(monkeypatch, cli)
    assert zcli.main(["login"]) == 0
    assert capsys.readouterr().out == "Signed in as Sandy Box <sandbox@zoomdesk.test>\n"
    assert fake_ui["login"].config.client_id == "sandbox-public-client"
    fake_ui["user"] = None  # signed in, but Zoom did not send the profile
    assert zcli.main(["login"]) == 0
    printed = capsys.readouterr()
    assert printed.out == "Signed in\n" and "zoomdesk whoami" in printed.err
    fake_ui["user"] = "cancel"
    assert zcli.main(["login"]) == 130
    assert "cancelled" in capsys.readouterr().err


def test_unexpected_error_is_one_line_and_logged(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(monkeypatch, cli)

    def boom(ctx: Any) -> int:
        raise RuntimeError("kaput access_token=abc123")

    monkeypatch.setattr(cli_meetings, "list_meetings", boom)
    assert zcli.main(["meetings", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "RuntimeError: kaput" in err and "abc123" not in err
    assert str(paths.log_dir()) in err
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = (paths.log_dir() / "zoomdesk.log").read_text()
    assert "Traceback" in log and "in boom" in log and "abc123" not in log


def test_ctrl_c_in_a_command(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(monkeypatch, cli)

    def interrupted(ctx: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_meetings, "list_meetings", interrupted)
    assert zcli.main(["meetings", "list"]) == 130


@pytest.mark.parametrize(
    ("exc", "code", "text"),
    [
        (InvalidInputError({"password": "Too long."}), 2, "invalid password (--passcode)"),
        (ConfigError("Enter the client ID.", key="client_id"), 2, "client ID"),
        (AuthRequired(), 3, "zoomdesk login"),
        (AuthRequired(AuthReason.SESSION_ENDED), 3, "session has ended. Run `zoomdesk login`"),
        (
            AuthRequired(AuthReason.SESSION_ENDED, lost_create_at=1.0),
            3,
            "then run `zoomdesk meetings list` before trying again",
        ),
        (CreateUnconfirmed(1.0, looked=True), 5, "Run `zoomdesk meetings list` before"),
        (
            ConfigError("Enter the client ID.", key="client_id", path=Path("/c.json")),
            2,
            "Set `client_id` in /c.json or the ZOOMDESK_CLIENT_ID environment variable.",
        ),
        (ZoomApiError(404, 3001, "Meeting does not exist."), 4, "(code 3001)"),
        (ZoomApiError(400, 300, "Bad.", (FieldError("topic", "Too long"),)), 4, "topic: Too"),
        (RateLimited(429, "Slow down. Zoom did not say when.", None), 4, "did not say when"),
        (OAuthError("invalid_client", "Invalid client"), 4, "invalid_client"),
        (NetworkError("Network error: no route."), 5, "no route"),
        (requests.ConnectionError("x"), 5, "Network error"),
        (StoreError("Could not save tokens.json: disk full"), 1, "disk full"),
        (ValueError("surprise"), 1, "Unexpected error: ValueError: surprise"),
        (KeyboardInterrupt(), 130, "Cancelled."),
        (SignInCancelled(), 130, "nothing was saved"),
    ],
)
def test_one_mapping_from_errors_to_exit_codes(exc: BaseException, code: int, text: str) -> None:
    got, lines = cli_errors.classify(exc)
    assert got == code
    assert text in "\n".join(lines)


def test_request_bodies_fit_zooms_schema(
    signed_in: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every POST/PATCH body the CLI really sends passes both published schemas."""
    configure(monkeypatch, signed_in)
    sent: list[tuple[str, str, Any]] = []
    real_send = requests.adapters.HTTPAdapter.send

    def spy(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.path_url.startswith("/v2/") and request.method in ("POST", "PATCH"):
            sent.append((request.method, request.path_url, json.loads(request.body)))
        return real_send(self, request, *args, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", spy)
    runs = [
        ["meetings", "create", "--topic", "Instant"],
        ["meetings", "create", "--topic", "One-off", "--start", "2031-01-02T10:00",
         "--timezone", "America/New_York", "--duration", "30", "--agenda", "Hello",
         "--no-waiting-room", "--join-before-host", "--mute-on-entry", "--host-video",
         "--participant-video", "--auto-recording", "local"],
        ["meetings", "create", "--topic", "Weekly", "--start", "2031-01-06T09:00",
         "--recurrence", "weekly", "--weekly-days", "mon,thu", "--repeat-interval", "2",
         "--end-date", "2031-03-31"],
        ["meetings", "create", "--topic", "Monthly", "--start", "2031-01-06T09:00",
         "--recurrence", "monthly", "--monthly-week", "last", "--monthly-week-day", "fri",
         "--end-times", "4"],
        ["meetings", "create", "--topic", "Daily", "--start", "2031-01-06T09:00",
         "--recurrence", "daily", "--end-times", "2", "--passcode", ""],
    ]  # fmt: skip
    ids = []
    for argv in runs:
        assert zcli.main([*argv, "--json"]) == 0, capsys.readouterr().err
        ids.append(str(json.loads(capsys.readouterr().out)["id"]))
    updates = [
        [ids[1], "--topic", "Renamed", "--start", "2031-01-03T11:00", "--waiting-room",
         "--no-join-before-host"],
        [ids[0], "--start", "2031-02-01T08:00", "--recurrence", "weekly", "--end-times", "3"],
        [ids[2], "--weekly-days", "fri", "--end-times", "5"],
        [ids[3], "--monthly-day", "15", "--passcode", "abc@_*-"],
    ]  # fmt: skip
    for argv in updates:
        assert zcli.main(["meetings", "update", *argv]) == 0, capsys.readouterr().err
    methods = [m for m, _, _ in sent]
    assert methods.count("POST") == len(runs) and methods.count("PATCH") == len(updates)
    for method, path, body in sent:
        validate_request(method, path, body)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--sandbox"],
        ["whoami", "--json"],
        ["--api-url", "meetings", "whoami"],
        ["-v", "meetings", "--api-url=x", "list", "--type", "live"],
        ["meetings", "create", "--topic", "T", "--start", "2031-01-01T10:00", "--end-times", "3"],
        ["meetings", "update", "123", "--no-waiting-room", "--client-id", "c"],
        ["meetings", "delete", "123", "--occurrence-id", "9"],
        ["sandbox", "--port", "0"],
        ["logout"],
    ],
)
def test_the_lazy_parser_parses_like_the_full_one(argv: list[str]) -> None:
    from zoomdesk.cli.args import build_parser

    def parsed(parser: Any) -> dict[str, Any]:
        found = vars(parser.parse_args(argv))
        found.pop("meetings_parser", None)
        return found

    assert parsed(build_parser(argv)) == parsed(build_parser())


@pytest.mark.parametrize("answer", [{}, {"id": "not a number", "topic": "Odd"}])
def test_show_survives_an_answer_without_a_usable_id(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: dict[str, Any],
) -> None:
    from zoomdesk.core.api import ZoomClient

    configure(monkeypatch, cli)
    monkeypatch.setattr(ZoomClient, "get_meeting", lambda self, *a, **k: dict(answer))
    assert zcli.main(["meetings", "show", "123 456 789"]) == 0, capsys.readouterr().err
    assert "123 456 789" in capsys.readouterr().out
