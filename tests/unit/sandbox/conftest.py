"""Fixtures: a fresh sandbox per test on a fake clock, a session, and a signed-in API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from sandbox_support import Api, FakeClock, sign_in

from zoomdesk.sandbox import Sandbox


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Iterator[Sandbox]:
    with Sandbox(clock=clock) as box:
        yield box


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture
def tokens(session: requests.Session, sandbox: Sandbox) -> dict[str, str]:
    """A token response from a full public-client sign-in."""
    return sign_in(session, sandbox)


@pytest.fixture
def api(session: requests.Session, sandbox: Sandbox, tokens: dict[str, str]) -> Api:
    return Api(session, sandbox, tokens["access_token"])
