"""One zoomdesk per user and profile: a second start hands its request to the running one.

The running instance listens on a ``QLocalServer`` (a Unix socket; a named pipe
on Windows). A second ``zoomdesk`` (a launcher, a double-click, the command
without a sub-command) connects before it builds anything, sends one line of
JSON (``{"request": "raise"}`` or ``"new-meeting"``), waits for ``ok`` and
exits 0. ``forward`` is that client side: it needs no ``QApplication``, so a
second start costs an import of QtNetwork and one round trip, no window.

**The name.** ``zoomdesk-<user>-<profile>``: the user (the uid, or the login
name where there is none) keeps users apart where the namespace is shared (a
common ``/tmp``, Windows' pipe names); the profile is a hash of the config
folder (``XDG_CONFIG_HOME`` moves it), so a second profile, a test run or a
packaging check with its own folder never reaches the user's real zoomdesk,
and ``--sandbox`` (another Zoom, another folder) is an instance of its own. On
Linux the socket lives in ``$XDG_RUNTIME_DIR`` (the user's private 0700 run
folder), elsewhere in Qt's temporary folder (``$TMPDIR``, per user on macOS).
On Linux both ends check that the peer runs as the same user
(``SO_PEERCRED``), so another account can neither send requests nor, by
taking the name first in a shared ``/tmp``, swallow them; a Windows pipe is
made owner-only (``UserAccessOption``).

**A crash.** A socket file left by a crashed instance refuses connections, so
``forward`` answers ``NOT_RUNNING``; ``InstanceServer.claim`` then finds the
name taken, asks once more under a lock file in the config folder
(``startup_lock``), and when nobody answers removes the file
(``QLocalServer.removeServer``) and listens. The lock is only taken on that
path: binding a socket is atomic, so of two ordinary starts at the same moment
one listens and the other, finding the name taken, hands over to it. A first
start thus costs one failed connect and one bind.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

RAISE = "raise"
NEW_MEETING = "new-meeting"
REQUESTS = frozenset({RAISE, NEW_MEETING})
#: Wayland's focus permission, handed from the launcher to the running window.
ACTIVATION_TOKEN = "XDG_ACTIVATION_TOKEN"  # noqa: S105 - a variable's name, no secret
CONNECT_TIMEOUT_MS = 1000
#: The running instance answers from its event loop; it may still be building its window.
ANSWER_TIMEOUT_MS = 5000
#: A connection that has not sent its line by then is dropped.
IDLE_TIMEOUT_MS = 5000
MAX_LINE = 4096
LOCK_NAME = "instance.lock"
LOCK_TIMEOUT = 10.0
#: Platforms without a window stack (tests, CI): Qt warns on every raise there.
_CANNOT_RAISE = frozenset({"offscreen", "minimal"})
#: sockaddr_un holds 108 bytes; past this the socket goes to Qt's temporary folder.
_MAX_SOCKET_PATH = 100


class Forwarded(Enum):
    """What became of a request sent to a running instance."""

    DELIVERED = "delivered"
    NOT_RUNNING = "not running"  # nobody listens (or only a stale socket file)
    NO_ANSWER = "no answer"  # someone listens but did not take the request
    REFUSED = "refused"  # it answered, but does not know this request (an older version)


def instance_name(
    config_dir: Path, *, sandbox: bool = False, env: Mapping[str, str] | None = None
) -> str:
    """The server name for ``config_dir`` (see the module docstring): a name, or a socket path."""
    env = os.environ if env is None else env
    profile = os.path.normpath(Path(config_dir).absolute()) + ("\0sandbox" if sandbox else "")
    digest = _digest(profile)
    user = str(os.getuid()) if hasattr(os, "getuid") else _login_name(env)
    name = f"zoomdesk-{user}-{digest}"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and _private_dir(runtime):
        path = str(Path(runtime) / name)
        if len(path.encode()) <= _MAX_SOCKET_PATH:
            return path
    return name


def profile_dir(env: Mapping[str, str] | None = None) -> Path:
    """The config folder that names this profile's instance.

    On Linux and the BSDs it follows the XDG rule itself (``$XDG_CONFIG_HOME``,
    else ``~/.config``), as platformdirs does, because importing platformdirs
    costs a first start 5 ms before its window; elsewhere it asks platformdirs.
    """
    env = os.environ if env is None else env
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = env.get("XDG_CONFIG_HOME", "").strip()
        return Path(base or Path.home() / ".config") / "zoomdesk"
    from zoomdesk.core import paths

    return paths.config_dir()


def _digest(text: str) -> str:
    """64 bits telling profiles apart. Not hashlib: its OpenSSL costs every start 3.7 MiB,
    and a name needs no cryptographic hash (both ends are the same user)."""
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _login_name(env: Mapping[str, str]) -> str:
    raw = env.get("USERNAME") or env.get("USER") or "user"
    return _digest(raw)[:8]


def _private_dir(path: str) -> bool:
    """An absolute folder of ours that no one else may enter (as XDG_RUNTIME_DIR must be)."""
    if not path or not Path(path).is_absolute():
        return False
    try:
        info = Path(path).stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and info.st_mode & 0o077 == 0


def _same_user(socket: QLocalSocket) -> bool:
    """On Linux: True only when the process at the other end runs as this user."""
    import socket as stdlib_socket

    option = getattr(stdlib_socket, "SO_PEERCRED", None)
    fd = int(socket.socketDescriptor())
    if option is None or fd < 0:
        return True  # no way to ask: macOS's per-user TMPDIR, Windows' owner-only pipe
    import struct

    try:
        with stdlib_socket.fromfd(fd, stdlib_socket.AF_UNIX, stdlib_socket.SOCK_STREAM) as peer:
            raw = peer.getsockopt(stdlib_socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return False
    _pid, uid, _gid = struct.unpack("3i", raw)
    return bool(uid == os.getuid())


def forward(name: str, request: str, *, env: Mapping[str, str] | None = None) -> Forwarded:
    """Hand ``request`` to the instance listening on ``name``, if there is one.

    Blocking, and needs no QApplication: it runs before the second start builds anything.
    """
    env = os.environ if env is None else env
    answer_timeout_ms = ANSWER_TIMEOUT_MS
    message: dict[str, str] = {"request": request}
    if env.get(ACTIVATION_TOKEN):
        message["token"] = env[ACTIVATION_TOKEN]
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        error = socket.error()
        socket.abort()
        if error == QLocalSocket.LocalSocketError.SocketTimeoutError:
            return Forwarded.NO_ANSWER  # a server so busy it cannot even accept
        return Forwarded.NOT_RUNNING
    try:
        if not _same_user(socket):
            log.warning("another user's program listens on zoomdesk's name; ignored")
            return Forwarded.NOT_RUNNING
        socket.write(json.dumps(message).encode("utf-8") + b"\n")
        if not socket.waitForBytesWritten(answer_timeout_ms):
            return Forwarded.NO_ANSWER
        answer = _read_line(socket, answer_timeout_ms)
    finally:
        socket.abort()
    if answer is None:
        return Forwarded.NO_ANSWER
    return Forwarded.DELIVERED if answer == b"ok" else Forwarded.REFUSED


def _read_line(socket: QLocalSocket, timeout_ms: int) -> bytes | None:
    while not socket.canReadLine():
        if socket.bytesAvailable() > MAX_LINE or not socket.waitForReadyRead(timeout_ms):
            return None
    return bytes(socket.readLine(MAX_LINE).data()).strip()


def _config_dir() -> Path:
    from zoomdesk.core import paths

    return paths.config_dir()


@contextmanager
def startup_lock(config_dir: Path) -> Iterator[None]:
    """Orders starts that find the name taken (``InstanceServer.claim``).

    Without a usable config folder (read-only, say) it goes on unlocked: the lock
    only orders two simultaneous starts, and starting matters more.
    """
    from zoomdesk.core.errors import StoreError
    from zoomdesk.core.filelock import FileLock

    with ExitStack() as held:
        try:
            held.enter_context(FileLock(config_dir / LOCK_NAME).hold(LOCK_TIMEOUT))
        except StoreError as exc:
            log.warning("starting without the instance lock: %s", exc)
        yield


class InstanceServer(QObject):
    """Listens on the instance name; ``requested(request, token)`` for each start handed over."""

    requested = Signal(str, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        if sys.platform == "win32":
            # A pipe is open to every user unless told otherwise. Elsewhere the socket
            # file is owner-only by its folder or umask and the peer check, and with
            # no option its bind is atomic (with one, Qt renames a file into place,
            # which would replace a socket another start has just made).
            self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def claim(self, request: str, lock_dir: Path | None = None) -> Forwarded:
        """Become the instance: ``NOT_RUNNING`` when this one now listens (or cannot, and
        works alone); otherwise what became of ``request`` at the instance that won.

        Call it after ``forward`` found nobody. Binding the socket is atomic, so of
        two starts only one can listen; the other finds the name taken. A taken
        name is also what a crash leaves: under ``startup_lock`` the loser asks
        again, and only when nobody answers removes the stale socket and listens.
        """
        from PySide6.QtNetwork import QAbstractSocket

        if self._listen():
            return Forwarded.NOT_RUNNING
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            with startup_lock(lock_dir or _config_dir()):
                handed = forward(self.name, request)
                if handed is not Forwarded.NOT_RUNNING:
                    return handed  # another start won the name a moment ago
                log.info("replacing the socket a previous zoomdesk left behind")
                QLocalServer.removeServer(self.name)
                if self._listen():
                    return Forwarded.NOT_RUNNING
        log.warning("cannot listen for other starts: %s", self.server.errorString())
        return Forwarded.NOT_RUNNING

    def _listen(self) -> bool:
        if self.server.listen(self.name):
            log.info("listening for other starts")
            return True
        return False

    def close(self) -> None:
        self.server.close()  # removes the socket file

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            if not _same_user(socket):
                log.warning("refused a connection from another user")
                socket.abort()
                socket.deleteLater()
                continue
            _Connection(socket, self)

    def _take(self, message: bytes) -> bool:
        """Parse one request line; True when it is a request this version knows."""
        try:
            data = json.loads(message)
        except (UnicodeDecodeError, ValueError):
            data = None
        request = data.get("request") if isinstance(data, dict) else None
        token = data.get("token") if isinstance(data, dict) else None
        if request not in REQUESTS:
            log.warning("ignored a request from another start that this version does not know")
            return False
        log.info("another start asks: %s", request)
        token = token if isinstance(token, str) and len(token) < MAX_LINE else ""
        # After the answer has gone out: the other start exits whatever this does.
        QTimer.singleShot(0, self, lambda: self.requested.emit(request, token))
        return True


class _Connection(QObject):
    """One other start: reads its line, answers, and closes."""

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(socket)  # lives and dies with the socket
        self.socket = socket
        self.host = server
        self.buffer = b""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._expire)
        self.timer.start(IDLE_TIMEOUT_MS)
        socket.disconnected.connect(socket.deleteLater)
        socket.readyRead.connect(self._read)
        if socket.bytesAvailable():
            self._read()

    def _expire(self) -> None:
        log.warning("dropped another start that sent no request")
        self.socket.abort()

    def _read(self) -> None:
        self.buffer += bytes(self.socket.readAll().data())
        if b"\n" not in self.buffer:
            if len(self.buffer) > MAX_LINE:
                self.socket.abort()
            return
        self.timer.stop()
        line = self.buffer.split(b"\n", 1)[0]
        known = self.host._take(line)
        self.socket.write(b"ok\n" if known else b"unknown\n")
        self.socket.flush()
        self.socket.disconnectFromServer()


def activate(widget: QWidget, token: str = "") -> None:
    """Show ``widget`` (un-minimised) in front and give it the focus, for another start.

    ``token`` is the launcher's Wayland activation token: Qt's Wayland plugin
    reads it from ``XDG_ACTIVATION_TOKEN`` when the window asks to be activated,
    which is what lets the compositor give focus to an app that did not have it.
    """
    # Not at the top: a second start, which only forwards, should not build Qt's enums.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if token:
        os.environ[ACTIVATION_TOKEN] = token
    state = widget.windowState() & ~Qt.WindowState.WindowMinimized
    widget.setWindowState(state | Qt.WindowState.WindowActive)
    widget.show()
    if QGuiApplication.platformName() not in _CANNOT_RAISE:
        widget.raise_()
    widget.activateWindow()


__all__ = [
    "NEW_MEETING",
    "RAISE",
    "Forwarded",
    "InstanceServer",
    "activate",
    "forward",
    "instance_name",
    "startup_lock",
]
