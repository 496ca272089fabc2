"""A private D-Bus session bus with an unlocked ``gnome-keyring-daemon``, for real-keyring tests.

Nothing here touches the developer's own keyring: the bus is a fresh
``dbus-daemon`` on a socket in a temporary directory, configured without any
service directory (so nothing is D-Bus-activated behind the test's back, not
even a second keyring daemon after the first one was killed), and the keyring
daemon keeps its files under a temporary ``HOME``/``XDG_DATA_HOME``.

Usage::

    with PrivateKeyring(tmp_dir) as ring:
        env = ring.env            # DBUS_SESSION_BUS_ADDRESS and friends
        ring.items()              # what `secret-tool search --all service zoomdesk` finds
        ring.kill_keyring()       # the daemon dies; the bus stays
        ring.start_keyring()      # a new daemon on the same keyring files
        ring.clear()              # no zoomdesk item left
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType

PASSWORD = "zoomdesk-test-password"  # a throwaway keyring's
BINARIES = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool")
#: Where those come from on Debian and Ubuntu.
PACKAGES = "gnome-keyring libsecret-tools dbus-x11"

#: A session bus of our own: the tests never touch the user's.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def missing_binaries() -> list[str]:
    """The programs this needs that are not on PATH (empty when all are there)."""
    return [name for name in BINARIES if shutil.which(name) is None]


class PrivateKeyring:
    """A private session bus and an unlocked GNOME Keyring on it, stopped on exit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.socket = root / "bus"
        self.env: dict[str, str] = {}
        self._bus_pid: int | None = None
        self._keyring_pid: int | None = None

    def __enter__(self) -> PrivateKeyring:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        for sub in ("", "data", "config", "cache", "runtime"):
            (self.home / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
        config = self.root / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=self.socket))
        out = subprocess.run(
            ["dbus-daemon", f"--config-file={config}", "--fork", "--print-pid=1"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        self._bus_pid = int(out.stdout.split()[0])
        self.env = {
            "DBUS_SESSION_BUS_ADDRESS": f"unix:path={self.socket}",
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_RUNTIME_DIR": str(self.home / "runtime"),
        }
        self.start_keyring()

    def start_keyring(self) -> None:
        """Start (or restart) the keyring daemon, unlocked with ``PASSWORD``."""
        env = {**os.environ, **self.env}
        env.pop("GNOME_KEYRING_CONTROL", None)
        proc = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
            input=PASSWORD,
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            check=True,
        )
        # It prints GNOME_KEYRING_CONTROL=... and maybe SSH_AUTH_SOCK; the pid comes from the bus.
        del proc
        self._keyring_pid = self._wait_for_owner("org.freedesktop.secrets")

    @property
    def running(self) -> bool:
        return self._keyring_pid is not None

    def clear(self, service: str = "zoomdesk") -> None:
        """Delete every item of ``service``."""
        while self.items(service):
            out = self.secret_tool("clear", "service", service)
            if out.returncode != 0:
                raise RuntimeError(f"secret-tool clear failed: {out.stderr}")

    def kill_keyring(self) -> None:
        """The keyring daemon dies (SIGKILL); the bus and the keyring files stay."""
        if self._keyring_pid is not None:
            _kill(self._keyring_pid)
            self._keyring_pid = None

    def stop(self) -> None:
        self.kill_keyring()
        if self._bus_pid is not None:
            _kill(self._bus_pid)
            self._bus_pid = None

    def secret_tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["secret-tool", *args],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env},
            timeout=30,
        )

    def items(self, service: str = "zoomdesk") -> list[dict[str, str]]:
        """The items ``secret-tool search --all service SERVICE`` finds: attributes and secret."""
        out = self.secret_tool("search", "--all", "--unlock", "service", service)
        items: list[dict[str, str]] = []
        # secret-tool prints each item as "[/path]" then "key = value" lines on stdout,
        # except "secret = ..." and the attribute lines, which go to stderr in some versions.
        for line in (out.stdout + "\n" + out.stderr).splitlines():
            if line.startswith("[/"):
                items.append({"path": line.strip("[]")})
            elif " = " in line and items:
                key, _, value = line.partition(" = ")
                items[-1][key.strip().removeprefix("attribute.")] = value
        return items

    def _wait_for_owner(self, name: str, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        env = {**os.environ, **self.env}
        while True:
            out = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.GetConnectionUnixProcessID",
                    f"string:{name}",
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=10,
            )
            if out.returncode == 0:
                return int(out.stdout.split()[-1])
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not appear on the private bus: {out.stderr}")
            time.sleep(0.05)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    # Not our child (it forked away): wait until the pid is gone.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
