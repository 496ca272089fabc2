"""Typed errors raised by the core.

Every error's ``str()`` is a one-line message fit to show a user. None of them
ever carries a token, authorization code, PKCE verifier or client secret; the
callers (CLI and GUI) map them to exit codes and dialogs in one place each.
"""

from __future__ import annotations

from dataclasses import dataclass


class ZoomdeskError(Exception):
    """Base class of every error the core raises on purpose."""


class ConfigError(ZoomdeskError):
    """A setting is missing or invalid. ``key`` names the ``config.json`` key when known."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class AuthRequired(ZoomdeskError):  # noqa: N818 - the name is part of the internal API
    """There is no usable session: the user must sign in (again)."""

    def __init__(self, message: str = "Not signed in. Run `zoomdesk login` to sign in.") -> None:
        super().__init__(message)


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


class StoreError(ZoomdeskError):
    """A file holding settings or tokens could not be written."""


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
