"""Typed errors raised by the core: what happened, as fields, never what to type or click.

Each error's ``str()`` states the fact in one plain line, and its attributes
carry the details a front end needs to phrase it: the CLI adds commands
(``cli/errors.py``), the window adds buttons (``ui/status.py``). None of them
ever carries a token, authorization code, PKCE verifier or client secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class ZoomdeskError(Exception):
    """Base class of every error the core raises on purpose."""


class ConfigError(ZoomdeskError):
    """A setting is missing or invalid.

    ``key`` names the ``config.json`` key when known, and ``path`` the file the
    settings were read from; the message says only what is wrong with the value.
    """

    def __init__(self, message: str, key: str | None = None, path: Path | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.path = path


class AuthReason(StrEnum):
    """Why there is no usable session."""

    NOT_SIGNED_IN = "not_signed_in"  # no tokens are stored
    SESSION_ENDED = "session_ended"  # Zoom refused the refresh token (invalid_grant)
    TOKEN_REJECTED = "token_rejected"  # noqa: S105 - Zoom refused even a fresh access token
    CODE_REFUSED = "code_refused"  # Zoom refused the sign-in code (invalid_grant)


_AUTH_FACTS = {
    AuthReason.NOT_SIGNED_IN: "Not signed in to Zoom.",
    AuthReason.SESSION_ENDED: "Your Zoom session has ended.",
    AuthReason.TOKEN_REJECTED: "Zoom rejected the session.",
    AuthReason.CODE_REFUSED: "Zoom did not accept the sign-in code.",
}


class AuthRequired(ZoomdeskError):  # noqa: N818 - the name is part of the internal API
    """There is no usable session: the user must sign in (again).

    ``lost_create_at`` (epoch seconds) is set when the session ended while a
    create whose answer was lost could still be checked: Zoom may have made
    that meeting, so the front ends ask the user to look before creating again.
    """

    def __init__(
        self,
        reason: AuthReason = AuthReason.NOT_SIGNED_IN,
        *,
        lost_create_at: float | None = None,
    ) -> None:
        fact = _AUTH_FACTS[reason]
        if lost_create_at is not None:
            fact += " The answer to a create was lost, so Zoom may have made that meeting."
        super().__init__(fact)
        self.reason = reason
        self.lost_create_at = lost_create_at


class SignInCancelled(ZoomdeskError):  # noqa: N818 - reads as what happened
    """The user cancelled a sign-in after Zoom had answered; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("Sign-in cancelled; nothing was saved.")


class OAuthError(ZoomdeskError):
    """Zoom's OAuth endpoint refused a request with ``{"reason", "error"}``."""

    def __init__(self, error: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"Zoom sign-in failed: {reason or error} ({error})")
        self.error = error
        self.reason = reason
        self.status = status


class NetworkError(ZoomdeskError):
    """Zoom could not be reached, the connection dropped, or it timed out."""


class CreateUnconfirmed(NetworkError):  # noqa: N818 - reads as what happened
    """The answer to a create was lost (or unreadable) and the look-up after it settled nothing.

    ``sent_at`` (epoch seconds) is when the create was sent. ``looked`` says
    whether the list could be read (and did not show the meeting yet) or the
    look-up itself failed; ``cause`` is a one-line reason: the look-up's
    failure, or what became of the create's answer (a 502 from a gateway).
    """

    def __init__(self, sent_at: float, *, looked: bool, cause: str = "") -> None:
        if looked:
            fact = (
                "Zoom's answer to creating the meeting was lost, and the "
                "meeting was not in your list just after; Zoom may still add it."
            )
        else:
            fact = (
                "Zoom's answer to creating the meeting was lost, and it could "
                "not be checked whether Zoom created it."
            )
        super().__init__(f"{fact} ({cause})" if cause else fact)
        self.sent_at = sent_at
        self.looked = looked
        self.cause = cause


class StoreError(ZoomdeskError):
    """A file holding settings or tokens could not be written."""


class KeyringFailed(StoreError):  # noqa: N818 - reads as what happened
    """The system keyring did not answer, stayed locked (``locked``) or refused a secret."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


@dataclass(frozen=True)
class FieldError:
    """One entry of Zoom's ``errors: [{field, message}]`` list."""

    field: str
    message: str


class ZoomApiError(ZoomdeskError):
    """The Zoom REST API refused a request (any status Zoom answered with an error body)."""

    def __init__(
        self,
        status: int,
        code: int | None,
        message: str,
        field_errors: tuple[FieldError, ...] = (),
    ) -> None:
        detail = f"Zoom refused the request: {message}"
        if code is not None:
            detail += f" (code {code})"
        super().__init__(detail)
        self.status = status
        self.code = code
        self.message = message
        self.field_errors = field_errors


class RateLimited(ZoomApiError):  # noqa: N818 - the name is part of the internal API
    """HTTP 429. ``retry_after`` is in seconds, or None when Zoom did not say."""

    def __init__(
        self,
        code: int | None,
        message: str,
        retry_after: float | None,
        daily_cap: bool = False,
    ) -> None:
        super().__init__(429, code, message)
        self.retry_after = retry_after
        self.daily_cap = daily_cap
