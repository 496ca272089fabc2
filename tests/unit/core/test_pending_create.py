"""The lost-create rule both front ends share: which failures leave a create to look for."""

from __future__ import annotations

from typing import Any

import pytest

from zoomdesk.core.api_support import RecoveredMeeting
from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    CreateUnconfirmed,
    NetworkError,
    OAuthError,
    RateLimited,
    StoreError,
    ZoomApiError,
)
from zoomdesk.core.pending_create import PendingCreate, look_for

BODY = {"topic": "Planning", "type": 2}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


@pytest.fixture
def pending() -> PendingCreate:
    return PendingCreate(Clock())


def test_a_first_create_does_not_look(pending: PendingCreate) -> None:
    assert pending.since is None
    assert pending.begin() is None
    assert pending.since == 1001.0  # when it was sent, for the next create to look from


@pytest.mark.parametrize(
    "refusal",
    [
        ZoomApiError(400, 300, "Invalid field."),
        ZoomApiError(404, 1001, "User does not exist."),
        RateLimited(429, "Daily limit.", None, daily_cap=True),
    ],
)
def test_only_zoom_refusing_the_one_create_sent_clears_it(
    pending: PendingCreate, refusal: ZoomApiError
) -> None:
    pending.begin()
    assert pending.failed(refusal) is None
    assert pending.since is None and pending.begin() is None


@pytest.mark.parametrize(
    "failure",
    [
        NetworkError("Network error: timed out."),
        CreateUnconfirmed(1.0, looked=True),
        ZoomApiError(502, None, "Bad gateway."),  # a gateway's answer, not Zoom's
        ZoomApiError(500, None, "Internal error."),
        ZoomApiError(201, None, "Zoom sent an answer that is not JSON."),
        AuthRequired(AuthReason.SESSION_ENDED),
        AuthRequired(AuthReason.SESSION_ENDED, lost_create_at=1.0),
        OAuthError("server_error", "Down"),
        StoreError("disk full"),
        RuntimeError("anything else"),
    ],
)
def test_every_other_failure_leaves_it_to_look_for(
    pending: PendingCreate, failure: BaseException
) -> None:
    pending.begin()
    assert pending.failed(failure) == 1001.0
    assert pending.begin() == 1001.0  # the next create looks from the first one's time


def test_a_retry_refused_before_its_own_look_up_still_looks_next_time(
    pending: PendingCreate,
) -> None:
    """The refusal may come from the look-up (a list Zoom would not give), not the create."""
    pending.begin()
    pending.failed(NetworkError("timed out"))
    assert pending.begin() == 1001.0
    assert pending.failed(ZoomApiError(404, None, "Not found.")) == 1001.0
    assert pending.begin() == 1001.0


def test_an_answer_clears_it(pending: PendingCreate) -> None:
    pending.begin()
    pending.failed(NetworkError("timed out"))
    pending.begin()
    pending.answered()
    assert pending.since is None and pending.begin() is None


class Finder:
    def __init__(self, result: Any) -> None:
        self.result = result
        self.calls: list[tuple[dict[str, Any], float]] = []

    def __call__(self, body: Any, since: float) -> RecoveredMeeting | None:
        self.calls.append((dict(body), since))
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result  # type: ignore[no-any-return]


def test_look_for_returns_the_meeting_found() -> None:
    found = RecoveredMeeting({"id": 1, "topic": "Planning"})
    finder = Finder(found)
    assert look_for(finder, BODY, 5.0) is found
    assert finder.calls == [(BODY, 5.0)]


def test_look_for_nothing_found_says_it_may_still_come() -> None:
    with pytest.raises(CreateUnconfirmed) as info:
        look_for(Finder(None), BODY, 5.0, cause="HTTP 502: Bad gateway.")
    assert (info.value.sent_at, info.value.looked) == (5.0, True)
    assert info.value.cause == "HTTP 502: Bad gateway."


@pytest.mark.parametrize(
    "failure",
    [NetworkError("down"), ZoomApiError(500, None, "x"), OAuthError("e", "r"), StoreError("s")],
)
def test_look_for_that_cannot_look_says_it_could_not_check(failure: BaseException) -> None:
    with pytest.raises(CreateUnconfirmed) as info:
        look_for(Finder(failure), BODY, 5.0)
    assert (info.value.looked, info.value.cause) == (False, str(failure))


def test_look_for_with_an_ended_session_keeps_the_lost_create() -> None:
    with pytest.raises(AuthRequired) as info:
        look_for(Finder(AuthRequired(AuthReason.SESSION_ENDED)), BODY, 5.0)
    assert (info.value.reason, info.value.lost_create_at) == (AuthReason.SESSION_ENDED, 5.0)
