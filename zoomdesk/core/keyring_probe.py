"""Which system keyring zoomdesk may keep secrets in: decided once per process, only when asked.

``token_storage`` (DESIGN.md §3.1) is ``auto``, ``keyring`` or ``file``. The
``keyring`` package costs some 80 ms to import and its backends a D-Bus round
trip, so nothing here imports it before a command actually needs a secret,
``file`` never does, and on a Linux machine without a D-Bus session (SSH,
containers, CI) ``auto`` settles on the file without importing it at all.

A backend counts only when it really keeps secrets: not ``keyring``'s fail or
null backends, not a chainer with nothing real in it, and not a plaintext or
``keyrings.alt`` one (that would be the file we already have, less private).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zoomdesk.core.errors import ConfigError

log = logging.getLogger(__name__)

MODES = ("auto", "keyring", "file")
DEFAULT_MODE = "auto"


@dataclass(frozen=True)
class Probe:
    """The answer: a keyring backend object, or None and why not."""

    backend: Any | None
    reason: str = ""


_lock = threading.Lock()
_probe: Probe | None = None
_refused: str | None = None  # the keyring refused this process (locked, prompt dismissed)
_announced = False
_name: str | None = None


def probe() -> Probe:
    """The keyring this process may use, found on the first call (thread-safe)."""
    global _probe
    with _lock:
        if _probe is None:
            _probe = _find()
            found = _probe.backend
            log.debug("keyring: %s", type(found).__name__ if found else _probe.reason)
        return _probe


def pin(backend: Any | None, reason: str = "") -> None:
    """Decide without probing: ``backend`` (a keyring backend object) or none, for ``reason``.

    For tests (the suite keeps away from the developer's keyring) and for a
    front end that has already asked.
    """
    global _probe, _refused, _announced, _name
    with _lock:
        _probe = Probe(backend, reason)
        _refused, _announced, _name = None, False, None


def reset() -> None:
    """Forget the decision; the next ``probe()`` asks again."""
    global _probe, _refused, _announced, _name
    with _lock:
        _probe, _refused, _announced, _name = None, None, False, None


def validate_mode(value: str) -> str | None:
    """A plain-words problem with a ``token_storage`` value, or None when it is fine."""
    if value.strip().lower() in ("", *MODES):
        return None
    return "The token storage must be auto, keyring or file."


def backend_for(mode: str) -> Any | None:
    """Where new secrets go under ``mode``: a keyring backend, or None for the private file.

    ``keyring`` without a keyring raises ConfigError (key ``token_storage``);
    ``auto`` then uses the file and logs that once.
    """
    if mode == "file":
        return None
    found = probe()
    if found.backend is None and mode == "keyring":
        raise ConfigError(
            f"token_storage is keyring, but no system keyring answers ({found.reason}).",
            key="token_storage",
        )
    if found.backend is None or (_refused is not None and mode == "auto"):
        _announce_fallback(found.reason or str(_refused))
        return None
    return found.backend


def backend_for_reading() -> Any | None:
    """The keyring, to read what was saved there whatever the mode; None if none answers."""
    return probe().backend


def note_refused(reason: str) -> None:
    """The keyring refused (locked, prompt dismissed): ``auto`` stops asking in this process."""
    global _refused
    with _lock:
        _refused = reason


def fell_back() -> bool:
    """True once ``auto`` settled on the file in this process (for a status line)."""
    return _announced


def describe(where: str | None, mode: str) -> str:
    """Where a session is kept, in words: ``where`` is "keyring", "file" or None (unknown yet)."""
    found = _probe
    if where == "keyring":
        return keyring_name()
    if mode == "file":
        return "a private file (token_storage = file)"
    if _refused is not None:
        return f"a private file; the keyring refused ({_refused})"
    if found is not None and found.backend is None:
        return "a private file, no keyring found"
    return "a private file"


def keyring_name() -> str:
    """The name of the keyring this process uses ("the system keyring" before one is known)."""
    global _name
    found = _probe
    if found is None or found.backend is None:
        return "the system keyring"
    if _name is None:
        _name = name_of(found.backend)  # asked once: it may cost a D-Bus round trip
    return _name


def name_of(backend: Any) -> str:
    """A person's name for a keyring backend: "Secret Service (GNOME Keyring)", "macOS Keychain"…"""
    module = type(backend).__module__
    if module.endswith(("SecretService", "libsecret")):
        service = _secret_service_vendor()
        return f"Secret Service ({service})" if service else "Secret Service"
    if "macOS" in module:
        return "macOS Keychain"
    if module.endswith("Windows"):
        return "Windows Credential Locker"
    if module.endswith("kwallet"):
        return "KWallet"
    return str(getattr(backend, "name", type(backend).__name__))


def _announce_fallback(reason: str) -> None:
    global _announced
    if not _announced:
        _announced = True
        log.info("no system keyring to use (%s): the session is kept in a private file", reason)


def _find() -> Probe:
    configured = "PYTHON_KEYRING_BACKEND" in os.environ or _keyringrc().exists()
    if not configured and sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        no_bus = _no_session_bus()
        if no_bus:
            return Probe(None, reason=no_bus)
        fast = _secret_service()
        if fast is not None:
            return fast
    try:
        import keyring

        chosen = keyring.get_keyring()
    except Exception as exc:  # a broken backend plugin must not break zoomdesk
        return Probe(None, reason=f"the keyring package failed to start: {type(exc).__name__}")
    real = _real_backends(chosen)
    if not real:
        return Probe(None, reason=_why_not(chosen))
    return Probe(max(real, key=_priority))


def _secret_service() -> Probe | None:
    # Straight to Secret Service: keyring's own search imports and asks every
    # installed backend first, which costs tens of milliseconds per command.
    try:
        from keyring.backends import SecretService

        SecretService.Keyring.priority  # noqa: B018 - raises when the service does not answer
    except Exception:  # not there, or not answering: let keyring look for another
        return None
    return Probe(SecretService.Keyring())  # type: ignore[no-untyped-call]


def _real_backends(chosen: Any) -> list[Any]:
    from keyring.backends import chainer, fail, null

    chained = isinstance(chosen, chainer.ChainerBackend)
    candidates = list(chosen.backends) if chained else [chosen]
    return [
        b
        for b in candidates
        if not isinstance(b, fail.Keyring | null.Keyring | chainer.ChainerBackend)
        and not type(b).__module__.startswith("keyrings.alt")
        and "plaintext" not in type(b).__name__.lower()
    ]


def _why_not(chosen: Any) -> str:
    from keyring.backends import chainer, fail, null

    if isinstance(chosen, fail.Keyring | null.Keyring | chainer.ChainerBackend):
        return "no keyring backend answered"
    name = f"{type(chosen).__module__}.{type(chosen).__name__}"
    return f"{name} keeps secrets in a plain file"


def _priority(backend: Any) -> float:
    try:
        return float(backend.priority)
    except Exception:
        return 0.0


def _keyringrc() -> Path:
    # Where keyring reads a user's own choice of backend (keyring.util.platform_).
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("PROGRAMDATA") or "."
        return Path(base, "Python Keyring", "keyringrc.cfg")
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base, "python_keyring", "keyringrc.cfg")


def _no_session_bus() -> str:
    """Why no D-Bus session bus can answer here, or "" when one may."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        return "no D-Bus session bus"
    entries = [entry for entry in address.split(";") if entry]
    if all(entry.startswith("unix:path=") for entry in entries) and not any(
        Path(entry.removeprefix("unix:path=").split(",")[0]).exists() for entry in entries
    ):
        return "the D-Bus session bus is gone"
    return ""


def _secret_service_vendor() -> str:
    """Which program answers for Secret Service ("GNOME Keyring", "KWallet"…), or ""."""
    try:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus="SESSION") as connection:
            call = message_bus.GetConnectionUnixProcessID("org.freedesktop.secrets")
            pid = connection.send_and_get_reply(call, timeout=2).body[0]
        program = Path(f"/proc/{int(pid)}/comm").read_text().strip()
    except Exception:  # only a nicer name is at stake
        return ""
    for prefix, vendor in (
        ("gnome-keyring", "GNOME Keyring"),
        ("kwalletd", "KWallet"),
        ("keepassxc", "KeePassXC"),
    ):
        if program.startswith(prefix):
            return vendor
    return program
