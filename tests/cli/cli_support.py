"""Helpers for the CLI tests: run `python -m zoomdesk ...` against a real Sandbox.

``Cli.sign_in()`` drives the sandbox's OAuth forms with `requests` and the core
OAuth code and saves tokens.json where the subprocess will look for it. Every
run asserts that stderr carries no traceback. (A module of its own, not
conftest: test modules import from it, and "conftest" is not a unique name.)
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox_signin import sign_in_headless

from zoomdesk.core import paths
from zoomdesk.core.account import Account
from zoomdesk.core.config import Config
from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox

REPO = Path(__file__).resolve().parents[2]
#: Qt's packages: what a window-less command must never load.
QT = ("PySide6", "shiboken6")


@dataclass
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.stdout)  # the whole of stdout: nothing else may be there


#: Runs ``main(argv)`` and reports, on its last stderr line, the exit code and
#: the loaded modules of the packages named in ``ZOOMDESK_TEST_PROBE_PACKAGES``.
_LOADED_PROBE = """
import json, os, sys
from zoomdesk.cli.main import main
code = main(sys.argv[1:])
roots = os.environ["ZOOMDESK_TEST_PROBE_PACKAGES"].split()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in roots)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


@dataclass
class Loaded:
    """What a command loaded: its exit code, the modules asked about, its stderr."""

    code: int
    modules: list[str]
    stderr: str


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cli:
    sandbox: Sandbox
    env: dict[str, str] = field(default_factory=dict)

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "zoomdesk", *args],
            cwd=REPO,
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, proc: subprocess.Popen[str], args: tuple[str, ...], t0: float) -> Result:
        out, err = proc.communicate(timeout=60)
        result = Result(args, proc.returncode, out, err, time.monotonic() - t0)
        assert "Traceback" not in err, err
        return result

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        t0 = time.monotonic()
        return self.finish(self.start(*args, env=env), args, t0)

    def loaded(self, *args: str, packages: tuple[str, ...]) -> Loaded:
        """Run the command in a fresh interpreter; which modules of ``packages`` it loaded."""
        proc = subprocess.run(
            [sys.executable, "-c", _LOADED_PROBE, *args],
            cwd=REPO,
            env={**self.env, "ZOOMDESK_TEST_PROBE_PACKAGES": " ".join(packages)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        report = json.loads(proc.stderr.strip().splitlines()[-1])
        return Loaded(report["code"], report["loaded"], proc.stderr)

    def interrupt_when_requested(self, *args: str, path: str) -> Result:
        """Start the command, wait until the sandbox sees a request to ``path``, send SIGINT."""
        t0 = time.monotonic()
        proc = self.start(*args)
        deadline = time.monotonic() + 20
        while not any(p == path for _, p in self.requests()):
            assert time.monotonic() < deadline and proc.poll() is None, "request never arrived"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        return self.finish(proc, args, t0)

    def sign_in(self) -> dict[str, Any]:
        """The whole OAuth dance against the sandbox, as the login window does it."""
        user: dict[str, Any] = sign_in_headless(Account(self.config()))
        return user

    def config(self) -> Config:
        return Config(
            client_id=PUBLIC_CLIENT_ID,
            redirect_uri=self.sandbox.redirect_uri,
            oauth_url=self.sandbox.url,
        )

    def state(self) -> dict[str, Any]:
        return self.sandbox.state()

    def requests(self) -> list[tuple[str, str]]:
        return [(r["method"], r["path"]) for r in self.state()["requests"]]

    def tokens(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(paths.tokens_path().read_text())
        return data
