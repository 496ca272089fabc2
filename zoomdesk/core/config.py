"""Settings: ``config.json`` keys, ``ZOOMDESK_*`` variables and their resolution order.

Order (DESIGN.md §3.1): command-line flag > environment variable > ``config.json`` > default.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from zoomdesk.core import config_secret, keyring_probe, paths
from zoomdesk.core.errors import ConfigError, StoreError
from zoomdesk.core.securefile import (
    DamagedFile,
    read_json_object,
    remove_temp_files,
    write_private_json,
)

log = logging.getLogger(__name__)

DEFAULT_OAUTH_URL = "https://zoom.us"
DEFAULT_API_URL = "https://api.zoom.us/v2"
#: ``sign_in``: the embedded view (the product's default) or the system browser (RFC 8252).
SIGN_IN_WAYS = ("embedded", "browser")
#: config.json has no lock: a younger temp file may be another process's save in flight.
STALE_TEMP_AGE = 60.0

#: config.json key -> environment variable
ENV_VARS: dict[str, str] = {
    "client_id": "ZOOMDESK_CLIENT_ID",
    "client_secret": "ZOOMDESK_CLIENT_SECRET",
    "redirect_uri": "ZOOMDESK_REDIRECT_URI",
    "oauth_url": "ZOOMDESK_OAUTH_URL",
    "api_url": "ZOOMDESK_API_URL",
    "sign_in": "ZOOMDESK_SIGN_IN",
    "token_storage": "ZOOMDESK_TOKEN_STORAGE",
}
KEYS = tuple(ENV_VARS)
#: Kept from config.json by a save whose values leave them out (the settings form has no field).
_KEPT = ("token_storage", "sign_in")
#: One writer of config.json at a time in this process (the form's save, a section's).
_WRITE_LOCK = threading.Lock()

_LABELS = {
    "client_id": "client ID",
    "client_secret": "client secret",
    "redirect_uri": "redirect URL",
    "oauth_url": "OAuth URL",
    "api_url": "API URL",
    "sign_in": "sign-in way",
    "token_storage": "token storage",
}


@dataclass(frozen=True)
class Config:
    """Resolved settings. ``api_url`` is None unless set explicitly somewhere."""

    client_id: str
    redirect_uri: str
    client_secret: str = ""
    oauth_url: str = DEFAULT_OAUTH_URL
    api_url: str | None = None
    sign_in: str = SIGN_IN_WAYS[0]
    token_storage: str = keyring_probe.DEFAULT_MODE

    def __repr__(self) -> str:
        secret = "<set>" if self.client_secret else "<empty>"
        return (
            f"Config(client_id={self.client_id!r}, client_secret={secret}, "
            f"redirect_uri={self.redirect_uri!r}, oauth_url={self.oauth_url!r}, "
            f"api_url={self.api_url!r}, sign_in={self.sign_in!r}, "
            f"token_storage={self.token_storage!r})"
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
    if key == "token_storage":
        return keyring_probe.validate_mode(value)
    if key == "sign_in":
        if value and value.lower() not in SIGN_IN_WAYS:
            return "The sign-in way must be embedded (this app's window) or browser."
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


def load_file(
    path: Path | None = None, problems: list[str] | None = None, *, with_secret: bool = True
) -> dict[str, str]:
    """The settings stored in ``config.json`` (only known keys with string values).

    A damaged file is moved aside and logged; the app then behaves as unconfigured.
    The plain-words report of that is appended to ``problems`` when it is given,
    so that a caller can tell the user (DESIGN.md §3.2: moved aside *and reported*).
    A client secret the file keeps in the system keyring is read from there
    (ConfigError when it cannot be), unless ``with_secret`` is False.
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
    values = {k: v for k, v in data.items() if k in KEYS and isinstance(v, str)}
    if with_secret and config_secret.in_keyring(data):
        values["client_secret"] = config_secret.fetch(_secret_item(data), path)
    return values


def save_file(values: Mapping[str, str], path: Path | None = None) -> None:
    """Write the known, non-empty keys of ``values`` to ``config.json`` (0600, atomic).

    A key of ``_KEPT`` that ``values`` leaves out keeps its saved value, and so
    do the sections (``save_section``: objects such as ``defaults``). The
    client secret goes into the system keyring when ``token_storage`` (the
    variable, else the value saved) wants it there (``config_secret``); a
    keyring item the new file no longer uses is deleted.
    """
    path = path or paths.config_path()
    with _WRITE_LOCK:
        _save_locked(values, path)


def _save_locked(values: Mapping[str, str], path: Path) -> None:
    old = _peek(path)
    clean: dict[str, Any] = {
        k: v.strip() for k, v in values.items() if k in KEYS and v and v.strip()
    }
    for key in _KEPT:
        if key not in values and isinstance(old.get(key), str):
            clean[key] = old[key]
    clean.update({k: v for k, v in old.items() if isinstance(v, dict)})
    mode = os.environ.get(ENV_VARS["token_storage"]) or clean.get("token_storage") or "auto"
    placed = _placed(clean, mode.strip().lower())
    write_private_json(path, placed)
    old_item = _secret_item(old) if config_secret.in_keyring(old) else None
    if old_item and not (config_secret.in_keyring(placed) and _secret_item(placed) == old_item):
        config_secret.forget(old_item)


def load_section(name: str, path: Path | None = None) -> dict[str, Any]:
    """The object ``config.json`` keeps under ``name`` (for example ``defaults``), or {}.

    Sections hold preferences the settings form does not edit; a damaged file
    or a section of the wrong shape reads as empty (``load_file`` reports it).
    """
    section = _peek(path or paths.config_path()).get(name)
    return dict(section) if isinstance(section, dict) else {}


def save_section(name: str, value: Mapping[str, Any], path: Path | None = None) -> None:
    """Replace the section ``name`` of ``config.json`` (0600, atomic), keeping all else.

    An empty ``value`` removes the section. Raises StoreError when it cannot be
    written, and refuses (StoreError) a damaged file rather than replace it.
    """
    if name in KEYS or name == config_secret.MARKER:
        raise ValueError(f"{name!r} is a setting, not a section")
    path = path or paths.config_path()
    with _WRITE_LOCK:
        try:
            current = read_json_object(path) or {}
        except DamagedFile as exc:
            raise StoreError(f"{exc}; {name} was not saved.") from None
        if value:
            current[name] = dict(value)
        else:
            current.pop(name, None)
        write_private_json(path, current)


def resolve(
    flags: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
    problems: list[str] | None = None,
) -> dict[str, str]:
    """Merge flag > environment > file for every key; absent keys are left out.

    ``problems`` collects the report of a damaged ``config.json`` (see ``load_file``).
    The keyring is not asked for a client secret that a flag or a variable outranks.
    """
    env = os.environ if env is None else env
    flags = flags or {}
    outranked = bool(env.get(ENV_VARS["client_secret"]) or flags.get("client_secret"))
    merged = load_file(path, problems, with_secret=not outranked)
    for key, var in ENV_VARS.items():
        if env.get(var):
            merged[key] = env[var]
    for key, value in flags.items():
        if key in KEYS and value:
            merged[key] = value
    return merged


def _secret_item(raw: Mapping[str, Any]) -> str | None:
    return config_secret.item_for(raw, DEFAULT_OAUTH_URL)


def _peek(path: Path) -> dict[str, Any]:
    """``config.json``'s object as it is, or {} (damaged files are ``load_file``'s to report)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _placed(values: Mapping[str, Any], mode: str) -> dict[str, Any]:
    """``values`` with the client secret in the keyring, if ``mode`` wants that and it took it."""
    secret, item = values.get("client_secret"), _secret_item(values)
    if mode == "file" or not isinstance(secret, str) or not secret or item is None:
        return dict(values)
    if not config_secret.keep(item, secret, mode):
        return dict(values)
    placed = {k: v for k, v in values.items() if k != "client_secret"}
    placed[config_secret.MARKER] = "keyring"
    return placed


def _settle_secret(path: Path, mode: str) -> None:
    """Move ``config.json``'s secret to where ``mode`` wants it; on failure it stays (logged).

    ``config.json`` has no lock across processes: the file is read again just
    before it is replaced, and left alone if it changed meanwhile (the next load
    moves it). In this process, writers of sections wait (``_WRITE_LOCK``).
    """
    with _WRITE_LOCK:
        _settle_secret_locked(path, mode)


def _settle_secret_locked(path: Path, mode: str) -> None:
    raw = _peek(path)
    try:
        if mode != "file" and isinstance(raw.get("client_secret"), str) and raw["client_secret"]:
            new = _placed(raw, mode)
            if config_secret.MARKER in new and _peek(path) == raw:
                write_private_json(path, new)
                log.info("moved the client secret from %s into the system keyring", path.name)
        elif mode == "file" and config_secret.in_keyring(raw):
            item = _secret_item(raw)
            back = {k: v for k, v in raw.items() if k != config_secret.MARKER}
            back["client_secret"] = config_secret.fetch(item, path)
            if item and _peek(path) == raw:
                write_private_json(path, back)
                config_secret.forget(item)
                log.info("moved the client secret from the system keyring into %s", path.name)
    except (ConfigError, StoreError) as exc:
        log.warning("the client secret stays where it is: %s", exc)


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
    keys = ("client_id", "redirect_uri", "client_secret", "oauth_url", "api_url", "sign_in")
    for key in (*keys, "token_storage"):
        problem = validate_value(key, values.get(key, ""))
        if problem:
            raise ConfigError(problem, key=key, path=where)
    storage = values.get("token_storage", "").strip().lower() or keyring_probe.DEFAULT_MODE
    config = Config(
        client_id=values["client_id"].strip(),
        redirect_uri=values["redirect_uri"].strip(),
        client_secret=values.get("client_secret", "").strip(),
        oauth_url=(values.get("oauth_url") or DEFAULT_OAUTH_URL).strip().rstrip("/"),
        api_url=(values.get("api_url") or "").strip().rstrip("/") or None,
        sign_in=(values.get("sign_in") or "").strip().lower() or SIGN_IN_WAYS[0],
        token_storage=storage,
    )
    _settle_secret(where, storage)
    return config
