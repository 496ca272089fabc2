"""Keyring backends for failure injection: a dict, and switches that fail like the real ones.

The happy paths are tested against the real GNOME Keyring (keyring_daemon.py);
these stand in only where a failure must be made to happen on cue: a locked
collection, a dismissed unlock prompt, a refusal, a daemon gone mid-way.

The priority is below keyring's own fail backend, so that defining these
classes (keyring registers every subclass) never makes keyring choose one.
"""

from __future__ import annotations

from collections.abc import Callable

from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError, PasswordSetError


class DBusGone(Exception):  # noqa: N818 - reads as what happened
    """What jeepney and SecretStorage raise when the daemon went away (a stand-in)."""


#: The failures the real keyring raises, by the name the tests use.
FAILURES: dict[str, Callable[[], Exception]] = {
    "locked": lambda: KeyringLocked("Failed to unlock the collection!"),
    "dismissed": lambda: KeyringLocked("Failed to unlock the item!"),
    "refused": lambda: PasswordSetError("refused"),
    "init": lambda: InitError("Failed to create the collection: no such object."),
    "dbus": lambda: DBusGone("org.freedesktop.DBus.Error.NoReply"),
}


class MemoryKeyring(KeyringBackend):
    """Items in a dict. ``fail[op]`` (op: get, set, delete) names the failure that op raises."""

    priority = -2  # type: ignore[assignment]  # never chosen by keyring itself

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.fail: dict[str, str] = {}
        self.calls: list[str] = []
        self.keep_nothing = False  # set_password "works" but keeps nothing (read-back fails)

    def _maybe_fail(self, op: str) -> None:
        self.calls.append(op)
        if op in self.fail:
            raise FAILURES[self.fail[op]]()

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_fail("get")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_fail("set")
        if not self.keep_nothing:
            self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_fail("delete")
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file backend: zoomdesk must not count it as a keyring."""
