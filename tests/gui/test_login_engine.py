"""ui/login/engine.py: as root, Chromium's sandbox is turned off before QtWebEngine starts.

Started as root without ``QTWEBENGINE_DISABLE_SANDBOX``, Chromium ended the
whole app when *Sign in with Zoom* was clicked (exit code 1, empty log). The
real process is in ``tests/e2e/test_login_as_root.py``; here, the decision.
"""

from __future__ import annotations

import logging

import pytest

from zoomdesk.ui.login import engine

FLAGS = '--disable-gpu --host-resolver-rules="MAP * ~NOTFOUND"'


@pytest.mark.parametrize(
    ("euid", "env", "must_go"),
    [
        (0, {}, True),
        (0, {engine.CHROMIUM_FLAGS: FLAGS}, True),
        (0, {engine.DISABLE_SANDBOX: "0"}, True),  # "0" does not turn it off in QtWebEngine
        (0, {engine.DISABLE_SANDBOX: "1"}, False),  # scripts/run.sh, tests, CI
        (0, {engine.CHROMIUM_FLAGS: FLAGS + " --no-sandbox"}, False),
        (1000, {}, False),  # a normal user keeps the sandbox, always
        (1000, {engine.CHROMIUM_FLAGS: FLAGS}, False),
        (None, {}, False),  # no user ids (Windows)
    ],
)
def test_the_sandbox_goes_only_for_root_and_only_when_nothing_said_so(
    euid: int | None, env: dict[str, str], must_go: bool
) -> None:
    assert engine.sandbox_must_go(euid, env) is must_go


def test_prepare_turns_it_off_as_root_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(engine, "_euid", lambda: 0)
    env = {engine.CHROMIUM_FLAGS: FLAGS}
    with caplog.at_level(logging.WARNING, logger=engine.__name__):
        assert engine.prepare(env) is True
        assert engine.prepare(env) is False  # the second dialog: already done
    assert env == {engine.CHROMIUM_FLAGS: FLAGS, engine.DISABLE_SANDBOX: "1"}
    (record,) = caplog.records
    assert record.levelno == logging.WARNING and "root" in record.getMessage()
    assert engine.DISABLE_SANDBOX in record.getMessage()


def test_prepare_leaves_a_normal_user_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(engine, "_euid", lambda: 1000)
    env: dict[str, str] = {}
    with caplog.at_level(logging.DEBUG, logger=engine.__name__):
        assert engine.prepare(env) is False
    assert env == {} and caplog.records == []
