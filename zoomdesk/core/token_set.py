"""``TokenSet``: one grant from Zoom, and its two ``tokens.json`` shapes (DESIGN.md §3.2).

Version 1 holds everything, tokens included. Version 2 is written when the
tokens live in the system keyring: the same fields without the two tokens,
and ``"storage": "keyring"``; the keyring item then holds the version 1 object.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zoomdesk.core.config import validate_value

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
#: ``tokens.json`` when the tokens are in the keyring.
METADATA_VERSION = 2
#: Zoom's access tokens live an hour; used only if a token answer omits expires_in.
DEFAULT_LIFETIME = 3599
#: The last second a datetime can show (9999-12-31T23:59:59Z): no token time lies beyond it.
MAX_EPOCH = 253_402_300_799


@dataclass(frozen=True, kw_only=True)
class TokenSet:
    """One grant from Zoom. Times are UTC epoch seconds. ``repr`` never shows a token."""

    access_token: str
    refresh_token: str
    expires_at: int
    obtained_at: int
    token_type: str = "bearer"  # noqa: S105 - a token type, not a secret
    scope: str = ""
    api_url: str | None = None

    def __repr__(self) -> str:
        return (
            f"TokenSet(access_token=<hidden>, refresh_token=<hidden>, "
            f"token_type={self.token_type!r}, scope={self.scope!r}, "
            f"expires_at={self.expires_at}, api_url={self.api_url!r}, "
            f"obtained_at={self.obtained_at})"
        )

    def expires_in(self, now: float) -> float:
        """Seconds of validity left at ``now`` (negative once expired)."""
        return self.expires_at - now

    @classmethod
    def from_response(cls, data: Mapping[str, Any], now: float) -> TokenSet:
        """Build from Zoom's token answer; ValueError (naming the field) if it is unusable."""
        lifetime = data.get("expires_in", DEFAULT_LIFETIME)
        # Digits as text, as some servers send; past 20 it stays text and is refused
        # below (int() of thousands of digits would raise a ValueError of its own).
        if isinstance(lifetime, str) and lifetime.isascii() and lifetime.isdigit():
            lifetime = int(lifetime) if len(lifetime) <= 20 else lifetime
        obtained = int(now)
        # Bounded so that expires_at is itself a time tokens.json can hold.
        lifetime = _seconds(lifetime, "expires_in", MAX_EPOCH - obtained)
        return cls(
            access_token=_text(data, "access_token", required=True),
            refresh_token=_text(data, "refresh_token", required=True),
            token_type=_text(data, "token_type") or "bearer",
            scope=_text(data, "scope"),
            expires_at=obtained + lifetime,
            obtained_at=obtained,
            api_url=_safe_api_url(_text(data, "api_url")),
        )

    def to_json(self) -> dict[str, Any]:
        """The ``tokens.json`` object (DESIGN.md §3.2)."""
        return {"version": FORMAT_VERSION, **dataclasses.asdict(self)}

    def metadata_json(self) -> dict[str, Any]:
        """The version 2 ``tokens.json`` object: everything but the two tokens."""
        data = self.to_json()
        del data["access_token"], data["refresh_token"]
        return {**data, "version": METADATA_VERSION, "storage": "keyring"}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TokenSet:
        """Parse a ``tokens.json`` object; ValueError (naming the field, never a value) if bad."""
        version = data.get("version")
        if type(version) is not int or version != FORMAT_VERSION:
            raise ValueError("unsupported format version")
        api_url = data.get("api_url")
        if api_url is not None and not isinstance(api_url, str):
            raise ValueError("api_url is not a string")
        return cls(
            access_token=_text(data, "access_token", required=True),
            refresh_token=_text(data, "refresh_token", required=True),
            token_type=_text(data, "token_type", required=True),
            scope=_text(data, "scope"),
            expires_at=_seconds(data.get("expires_at"), "expires_at"),
            obtained_at=_seconds(data.get("obtained_at"), "obtained_at"),
            api_url=api_url or None,
        )


def _text(data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{key} is missing or not a string")
    return value


def _seconds(value: object, key: str, limit: int = MAX_EPOCH) -> int:
    # bool is an int subclass; True is no timestamp.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} is missing or not a number")
    # Compared before any conversion: float() of a 400-digit int raises
    # OverflowError. NaN fails both comparisons, infinity the upper one.
    if not 0 <= value <= limit:
        raise ValueError(f"{key} is out of range")
    return int(value)


def _safe_api_url(value: str) -> str | None:
    # The REST calls carry the access token there: the rule of the api_url setting applies.
    problem = validate_value("api_url", value) if value else None
    if problem:
        log.warning("ignoring the api_url in Zoom's token answer: %s", problem)
        return None
    return value or None


def check_metadata(data: Mapping[str, Any]) -> None:
    """ValueError (naming the field, never a value) unless ``data`` is a version 2 object."""
    if data.get("storage") != "keyring":
        raise ValueError("storage is not keyring")
    if "access_token" in data or "refresh_token" in data:
        raise ValueError("a version 2 file holds no token")
    _text(data, "token_type", required=True)
    _seconds(data.get("expires_at"), "expires_at")
    _seconds(data.get("obtained_at"), "obtained_at")
