"""Helpers for the login end-to-end tests: a counting server, sandbox state, process counts.

A plain module (not conftest) so test files can import the helpers by name.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class CountingServer:
    """A loopback HTTP server that counts (and answers) every request it gets.

    Registered as a redirect URI, it must never see a request: the login view
    keeps the redirect, and the code in it, inside the app.
    """

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def _count(self) -> None:
                hits.append(self.command + " " + self.path.split("?")[0])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_GET = do_POST = do_HEAD = _count  # noqa: N815 - http.server's names

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sandbox_state(base_url: str) -> dict[str, Any]:
    """``GET /_sandbox/state`` (from the test, not the app: plain urllib)."""
    with urllib.request.urlopen(base_url.rstrip("/") + "/_sandbox/state", timeout=5) as resp:
        data: dict[str, Any] = json.load(resp)
    return data


def sandbox_config(
    base_url: str, client_id: str = "sandbox-public-client", redirect_uri: str | None = None
) -> Any:
    from zoomdesk.core.config import Config

    base = base_url.rstrip("/")
    return Config(
        client_id=client_id,
        redirect_uri=redirect_uri or f"{base}/zoomdesk/callback",
        oauth_url=base,
        api_url=f"{base}/v2",
    )


def webengine_page_processes() -> list[int]:
    """PIDs of QtWebEngineProcess processes below this one that serve pages.

    Chromium starts two zygote processes as direct children when the web
    engine starts; they belong to the engine, not to a page, and stay until the
    application quits. Every renderer is forked from a zygote, so it is a
    QtWebEngineProcess whose parent is a QtWebEngineProcess: those are counted.
    """
    me = os.getpid()
    procs: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        procs[int(entry)] = (ppid, name)
    engine = {pid for pid, (_, name) in procs.items() if name.startswith("QtWebEngineProc")}

    def below_me(pid: int) -> bool:
        seen = set()
        while pid not in (0, 1) and pid not in seen:
            seen.add(pid)
            if pid == me:
                return True
            pid = procs.get(pid, (0, ""))[0]
        return False

    return sorted(pid for pid in engine if procs[pid][0] in engine and below_me(pid))


def webengine_children() -> list[int]:
    """Direct children of this process named QtWebEngineProcess (the engine's zygotes)."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            if ppid == me and "QtWebEngineProc" in stat[: stat.rindex(")")]:
                found.append(int(entry))
    return sorted(found)
