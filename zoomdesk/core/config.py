"""Settings: ``config.json`` keys, ``ZOOMDESK_*`` variables and their resolution order.

Order (DESIGN.md §3.1): command-line flag > environment variable > ``config.json`` > default.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from zoomdesk.core import paths
from zoomdesk.core.errors import ConfigError
from zoomdesk.core.securefile import (
    DamagedFile,
    read_json_object,
    remove_temp_files,
    write_private_json,
)

log = logging.getLogger(__name__)

DEFAULT_OAUTH_URL = "https://zoom.us"
DEFAULT_API_URL = "https://api.zoom.us/v2"
#: config.json has no lock: a younger temp file may be another process's save in flight.
STALE_TEMP_AGE = 60.0

#: config.json key -> environment variable
ENV_VARS: dict[str, str] = {
    "client_id": "ZOOMDESK_CLIENT_ID",
    "client_secret": "ZOOMDESK_CLIENT_SECRET",
    "redirect_uri": "ZOOMDESK_REDIRECT_URI",
    "oauth_url": "ZOOMDESK_OAUTH_URL",
    "api_url": "ZOOMDESK_API_URL",
}
KEYS = tuple(ENV_VARS)

_LABELS = {
    "client_id": "client ID",
    "client_secret": "client secret",
    "redirect_uri": "redirect URL",
    "oauth_url": "OAuth URL",
    "api_url": "API URL",
}


@dataclass(frozen=True)
class Config:
    """Resolved settings. ``api_url`` is None unless set explicitly somewhere."""

    client_id: str
    redirect_uri: str
    client_secret: str = ""
    oauth_url: str = DEFAULT_OAUTH_URL
    api_url: str | None = None

    def __repr__(self) -> str:
        secret = "<set>" if self.client_secret else "<empty>"
        return (
            f"Config(client_id={self.client_id!r}, client_secret={secret}, "
            f"redirect_uri={self.redirect_uri!r}, oauth_url={self.oauth_url!r}, "
            f"api_url={self.api_url!r})"
        )

    @property
    def is_public_client(self) -> bool:
        """No secret: a public PKCE client (Zoom's recommendation for desktop apps)."""
        return not self.client_secret

    def resolved_api_url(self, token_api_url: str | None) -> str:
        """The REST base: explicit setting, else the token's ``api_url`` + ``/v2``, else default."""
        if self.api_url:
            return self.api_url.rstrip("/")
        if token_api_url:
            # tokens.json may predate the check in TokenSet.from_response, or be hand-edited.
            problem = validate_value("api_url", token_api_url)
            if not problem:
                return token_api_url.rstrip("/") + "/v2"
            log.warning("ignoring the api_url saved with the tokens: %s", problem)
        return DEFAULT_API_URL


def validate_value(key: str, value: str) -> str | None:
    """Return a plain-words problem with one setting's value, or None when it is fine."""
    value = value.strip()
    if key == "client_id":
        if not value:
            return "Enter the client ID of your Zoom app."
        if any(c.isspace() for c in value):
            return "The client ID cannot contain spaces."
        return None
    if key == "client_secret":
        if any(c.isspace() for c in value):
            return "The client secret cannot contain spaces."
        return None
    if not value:
        return None if key in ("oauth_url", "api_url") else f"Enter the {_LABELS[key]}."
    if any(c.isspace() or not c.isprintable() for c in value):
        return f"The {_LABELS[key]} cannot contain spaces or control characters."
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0-65535
    except ValueError:
        return f"The {_LABELS[key]} is not a valid URL."
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"The {_LABELS[key]} must be a full http:// or https:// URL."
    if parts.username or parts.password:
        return f"The {_LABELS[key]} must not contain a user name or password."
    if parts.fragment:
        return f"The {_LABELS[key]} must not contain a #fragment."
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return f"The {_LABELS[key]} must use https:// (http:// is allowed only for 127.0.0.1)."
    if parts.query:
        # The redirect must match exactly; a query on the other two would end
        # up in the middle of the URLs built from them.
        return f"The {_LABELS[key]} must not contain a ?query."
    return None


def _is_loopback(host: str) -> bool:
    # A real address check: a prefix test would let http://127.evil.example through.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_file(path: Path | None = None, problems: list[str] | None = None) -> dict[str, str]:
    """The settings stored in ``config.json`` (only known keys with string values).

    A damaged file is moved aside and logged; the app then behaves as unconfigured.
    The plain-words report of that is appended to ``problems`` when it is given,
    so that a caller can tell the user (DESIGN.md §3.2: moved aside *and reported*).
    """
    path = path or paths.config_path()
    remove_temp_files(path, min_age=STALE_TEMP_AGE)
    try:
        data = read_json_object(path)
    except DamagedFile as exc:
        if problems is not None:
            problems.append(f"{exc}; its settings were not used.")
        return {}
    if data is None:
        return {}
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, str)}


def save_file(values: Mapping[str, str], path: Path | None = None) -> None:
    """Write the known, non-empty keys of ``values`` to ``config.json`` (0600, atomic)."""
    path = path or paths.config_path()
    clean = {k: v.strip() for k, v in values.items() if k in KEYS and v and v.strip()}
    write_private_json(path, clean)


def resolve(
    flags: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
    problems: list[str] | None = None,
) -> dict[str, str]:
    """Merge flag > environment > file for every key; absent keys are left out.

    ``problems`` collects the report of a damaged ``config.json`` (see ``load_file``).
    """
    env = os.environ if env is None else env
    merged = load_file(path, problems)
    for key, var in ENV_VARS.items():
        if env.get(var):
            merged[key] = env[var]
    for key, value in (flags or {}).items():
        if key in KEYS and value:
            merged[key] = value
    return merged


def load_config(
    flags: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
    problems: list[str] | None = None,
) -> Config:
    """Resolve and validate the settings; raise ConfigError naming what is missing or wrong.

    ``problems`` collects the report of a damaged ``config.json`` (see ``load_file``),
    also when the other sources still make a valid configuration.
    """
    values = resolve(flags, env, path, problems)
    where = path or paths.config_path()
    for key in ("client_id", "redirect_uri", "client_secret", "oauth_url", "api_url"):
        problem = validate_value(key, values.get(key, ""))
        if problem:
            raise ConfigError(problem, key=key, path=where)
    return Config(
        client_id=values["client_id"].strip(),
        redirect_uri=values["redirect_uri"].strip(),
        client_secret=values.get("client_secret", "").strip(),
        oauth_url=(values.get("oauth_url") or DEFAULT_OAUTH_URL).strip().rstrip("/"),
        api_url=(values.get("api_url") or "").strip().rstrip("/") or None,
    )
