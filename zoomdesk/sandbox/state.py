"""Everything the sandbox remembers, behind one lock, and the token rules.

The HTTP server holds :attr:`State.lock` for the whole of each route call, so
the routes read and write these fields freely; nothing here does I/O.
"""

from __future__ import annotations

import secrets
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from zoomdesk.sandbox.faults import Fault
from zoomdesk.sandbox.meetings import Meeting
from zoomdesk.sandbox.model import (
    REFRESH_TOKEN_LIFETIME,
    SANDBOX_USER,
    SCOPES,
    AccessToken,
    AuthCode,
    Client,
    Grant,
    PendingAuthorization,
    User,
)

DAILY_LIMIT = 100  # Zoom: meeting create/update requests per user per UTC day
MAX_PAGE_SIZE = 300  # Zoom: the largest page_size of a listing


@dataclass
class Knobs:
    """The settings tests and demos may change while the sandbox runs."""

    access_token_ttl: int
    latency: float
    daily_limit: int = DAILY_LIMIT
    #: The largest page a listing answers (Zoom: 300); lower it to test paging.
    max_page_size: int = MAX_PAGE_SIZE
    #: The scopes a sign-in grants from now on (space-separated, as Zoom's ``scope``).
    scopes: str = SCOPES


@dataclass
class PageCursor:
    """What a ``next_page_token`` stands for: the rest of a listing snapshot."""

    meeting_ids: list[int]
    total_records: int
    expires_at: float


class State:
    """The sandbox's data. Hold :attr:`lock` while using any attribute."""

    def __init__(self, clock: Callable[[], float], knobs: Knobs) -> None:
        self.lock = threading.RLock()
        self._clock = clock
        self._initial_knobs = knobs
        self.base_url = ""
        # One per run, kept across reset(): the HTTP knobs that change anything need it.
        self.knob_token = secrets.token_urlsafe(24)
        self.clients: dict[str, Client] = {}
        self.users: dict[str, User] = {SANDBOX_USER.user_id: SANDBOX_USER}
        self.reset()

    def reset(self) -> None:
        """Forget every grant, meeting, counter and fault; keep clients and users."""
        self.knobs = replace(self._initial_knobs)
        self.clock_offset = 0.0
        self.pending: dict[str, PendingAuthorization] = {}
        self.codes: dict[str, AuthCode] = {}
        self.grants: dict[str, Grant] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, str] = {}  # current refresh token -> grant id
        self.meetings: dict[int, Meeting] = {}
        self.cursors: dict[str, PageCursor] = {}
        self.daily_usage: Counter[tuple[str, str]] = Counter()
        self.faults: list[Fault] = []
        self.token_requests: Counter[str] = Counter(authorization_code=0, refresh_token=0)
        self.revoke_requests = 0
        self.callback_hits = 0
        self.last_login: dict[str, str] = {}
        # Method and path only: a query string could carry a token or a code.
        self.request_log: deque[tuple[str, str]] = deque(maxlen=1000)
        # What each authorize and token request asked for, with no secret in it
        # (see oauth_routes.note_authorize/note_token): how tests see the flow.
        self.oauth_log: deque[dict[str, Any]] = deque(maxlen=200)

    # -- time ---------------------------------------------------------------

    def now(self) -> float:
        return self._clock() + self.clock_offset

    def now_dt(self) -> datetime:
        """Now in UTC, whole seconds, as Zoom reports times."""
        return datetime.fromtimestamp(int(self.now()), UTC)

    # -- users --------------------------------------------------------------

    def find_user(self, user_ref: str) -> User | None:
        return next((u for u in self.users.values() if u.matches(user_ref)), None)

    def find_user_by_email(self, email: str) -> User | None:
        email = email.strip().lower()
        return next((u for u in self.users.values() if u.email.lower() == email), None)

    # -- tokens -------------------------------------------------------------

    def issue_grant(self, client_id: str, user_id: str, scope: str) -> dict[str, Any]:
        """A new consent with a fresh token pair; returns Zoom's token response."""
        grant = Grant(
            grant_id=secrets.token_hex(8),
            client_id=client_id,
            user_id=user_id,
            scope=scope,
            refresh_token="",
            refresh_expires_at=0.0,
        )
        self.grants[grant.grant_id] = grant
        self.last_login[user_id] = self.now_dt().strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.rotate(grant)

    def rotate(self, grant: Grant) -> dict[str, Any]:
        """Issue a new access token and a new refresh token; the old refresh token dies.

        Older access tokens stay valid until they expire, as at Zoom.
        """
        self.refresh_tokens.pop(grant.refresh_token, None)
        grant.refresh_token = secrets.token_urlsafe(32)
        grant.refresh_expires_at = self.now() + REFRESH_TOKEN_LIFETIME
        self.refresh_tokens[grant.refresh_token] = grant.grant_id
        access = secrets.token_urlsafe(32)
        ttl = self.knobs.access_token_ttl
        self.access_tokens[access] = AccessToken(grant.grant_id, self.now() + ttl)
        return {
            "access_token": access,
            "token_type": "bearer",
            "refresh_token": grant.refresh_token,
            "expires_in": ttl,
            "scope": grant.scope,
            "api_url": self.base_url,
        }

    def grant_for_refresh_token(self, token: str) -> Grant | None:
        grant = self.grants.get(self.refresh_tokens.get(token, ""))
        if grant is None or grant.revoked or self.now() >= grant.refresh_expires_at:
            return None
        return grant

    def user_for_access_token(self, token: str) -> User | None:
        """The user an access token acts for, or None if it is unknown, expired or revoked."""
        record = self.access_tokens.get(token)
        if record is None or self.now() >= record.expires_at:
            return None
        grant = self.grants.get(record.grant_id)
        if grant is None or grant.revoked:
            return None
        return self.users.get(grant.user_id)

    def scopes_for_access_token(self, token: str) -> frozenset[str]:
        """The scopes granted with a live access token; empty for any other token."""
        record = self.access_tokens.get(token)
        grant = self.grants.get(record.grant_id) if record is not None else None
        if grant is None or grant.revoked or record is None or self.now() >= record.expires_at:
            return frozenset()
        return frozenset(grant.scope.split())

    def revoke_token(self, token: str, client_id: str) -> bool:
        """Revoke the whole grant behind one of ``client_id``'s access or refresh tokens."""
        record = self.access_tokens.get(token)
        grant = self.grants.get(record.grant_id if record else self.refresh_tokens.get(token, ""))
        if grant is None or grant.client_id != client_id:
            return False
        self._revoke_grant(grant)
        return True

    def _revoke_grant(self, grant: Grant) -> None:
        grant.revoked = True
        self.refresh_tokens.pop(grant.refresh_token, None)
        for token in [t for t, r in self.access_tokens.items() if r.grant_id == grant.grant_id]:
            del self.access_tokens[token]

    def revoke_all(self) -> int:
        live = [g for g in self.grants.values() if not g.revoked]
        for grant in live:
            self._revoke_grant(grant)
        return len(live)

    def expire_access_tokens(self) -> int:
        now = self.now()
        live = [r for r in self.access_tokens.values() if r.expires_at > now]
        for record in live:
            record.expires_at = now
        return len(live)

    # -- limits and faults --------------------------------------------------

    def use_daily_quota(self, user_id: str) -> bool:
        """Count one create/update call; False when the user is over today's limit."""
        key = (user_id, self.now_dt().date().isoformat())
        if self.daily_usage[key] >= self.knobs.daily_limit:
            return False
        self.daily_usage[key] += 1
        return True

    def take_fault(self, method: str, path: str) -> Fault | None:
        """The first pending fault matching this request, with one use consumed."""
        for fault in self.faults:
            if fault.matches(method, path):
                fault.count -= 1
                self.faults = [f for f in self.faults if f.count > 0]
                return fault
        return None

    def new_meeting_id(self) -> int:
        # Zoom meeting ids are 10 or 11 digit numbers.
        while True:
            meeting_id = 10**9 + secrets.randbelow(10**11 - 10**9)
            if meeting_id not in self.meetings:
                return meeting_id

    # -- report -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Counters for ``GET /_sandbox/state``; never a token, code or secret."""
        return {
            "token_requests": dict(self.token_requests),
            "revoke_requests": self.revoke_requests,
            "callback_hits": self.callback_hits,
            "active_grants": sum(1 for g in self.grants.values() if not g.revoked),
            "meetings": len(self.meetings),
            "meeting_ids": sorted(self.meetings),
            "daily_usage": {f"{user} {day}": n for (user, day), n in self.daily_usage.items()},
            "knobs": asdict(self.knobs),
            "now": self.now(),
            "faults": [f.to_json() for f in self.faults],
            "requests": [{"method": m, "path": p} for m, p in self.request_log],
            "oauth_requests": [dict(entry) for entry in self.oauth_log],
        }
