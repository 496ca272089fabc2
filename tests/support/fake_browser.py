"""A stand-in web browser for ``$BROWSER``: signs in at the sandbox with ``requests``.

``BROWSER=<the script from browser_command()>`` makes Python's ``webbrowser``
run this with the authorize URL (``webbrowser`` runs ``$BROWSER`` as one
program, not a command line: hence the small wrapper script). It walks the
sandbox's sign-in and consent forms as a person would, then loads the address
the sandbox redirected to (zoomdesk's loopback listener). It prints nothing on
stdout (that is zoomdesk's), and notes what it did as JSON lines in
``$ZOOMDESK_TEST_BROWSER_LOG``.

``$ZOOMDESK_TEST_BROWSER_MODE``:
  ``allow`` (default): sign in, *Allow*, land;
  ``google``: the same through *Sign in with Google*;
  ``deny``: *Decline*, land (with ``error=access_denied``);
  ``tamper``: land with another state first (refused), then with the real one;
  ``idle``: note the loopback address (and whether it listens), open the
  sign-in page, and leave without signing in (a user who walked away).

Each note has ``landed`` (the loopback address without its query), ``status``,
``page``, ``state_digest`` (as the sandbox's ``oauth_requests`` has it),
``tampered``, and the ``code`` and ``state`` it carried, so a test can make
sure they appear nowhere else.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests

from zoomdesk.sandbox import SANDBOX_EMAIL, SANDBOX_PASSWORD
from zoomdesk.sandbox.oauth_routes import digest

MODE = "ZOOMDESK_TEST_BROWSER_MODE"
LOG = "ZOOMDESK_TEST_BROWSER_LOG"
#: Like a desktop browser's: not the embedded engine the Google stand-in refuses.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) zoomdesk-fake-browser"
_REQUEST_ID = re.compile(r'name="request_id" value="([^"]+)"')
TIMEOUT = 10


def _request_id(html: str) -> str:
    found = _REQUEST_ID.search(html)
    if found is None:
        raise RuntimeError("the sandbox page has no request_id")
    return found.group(1)


def walk(url: str, mode: str = "allow") -> str:
    """Sign in from the authorize ``url``; the address the sandbox sends the browser back to."""
    base = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    with requests.Session() as browser:
        browser.headers["User-Agent"] = USER_AGENT
        page = browser.get(url, timeout=TIMEOUT)
        page.raise_for_status()
        if mode == "google":
            chooser = browser.post(
                base + "/google/signin",
                data={"request_id": _request_id(page.text)},
                timeout=TIMEOUT,
            )
            chooser.raise_for_status()
            consent = browser.post(
                base + "/google/continue",
                data={"request_id": _request_id(chooser.text)},
                timeout=TIMEOUT,
            )
        else:
            consent = browser.post(
                base + "/oauth/signin",
                data={
                    "request_id": _request_id(page.text),
                    "email": SANDBOX_EMAIL,
                    "password": SANDBOX_PASSWORD,
                },
                timeout=TIMEOUT,
            )
        consent.raise_for_status()
        answer = browser.post(
            base + "/oauth/consent",
            data={
                "request_id": _request_id(consent.text),
                "decision": "deny" if mode == "deny" else "allow",
            },
            allow_redirects=False,
            timeout=TIMEOUT,
        )
    if answer.status_code != 302:
        raise RuntimeError(f"the sandbox answered the consent with HTTP {answer.status_code}")
    return str(answer.headers["Location"])


def with_state(address: str, state: str) -> str:
    """``address`` with its ``state`` replaced (what a forged answer would carry)."""
    parts = urlsplit(address)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = state
    return urlunsplit(parts._replace(query=urlencode(query)))


def land(address: str, *, tampered: bool = False) -> dict[str, Any]:
    """Load ``address`` (the loopback) as the browser's tab would; what it showed."""
    page = requests.get(
        address, headers={"User-Agent": USER_AGENT}, allow_redirects=False, timeout=TIMEOUT
    )
    parts = urlsplit(address)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return {
        "landed": urlunsplit(parts._replace(query="")),
        "status": page.status_code,
        "page": page.text,
        "tampered": tampered,
        "state_digest": digest(query.get("state")),
        "state": query.get("state"),
        "code": query.get("code"),
    }


def _note(entry: dict[str, Any]) -> None:
    path = os.environ.get(LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")


def browser_command(directory: Path) -> str:
    """Write an executable that runs this script with this Python; its path, for ``BROWSER``."""
    script = directory / "fake-browser"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__).resolve()}" "$@"\n')
    script.chmod(0o700)
    return str(script)


def main(argv: list[str]) -> int:
    url, mode = argv[-1], os.environ.get(MODE, "allow")
    if mode == "idle":
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        with socket.socket() as probe:
            listening = probe.connect_ex(("127.0.0.1", urlsplit(redirect).port or 80)) == 0
        _note({"idle": True, "redirect_uri": redirect, "listening": listening})
        requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT)
        return 0
    address = walk(url, mode)
    if mode == "tamper":
        _note(land(with_state(address, "forged-" + "x" * 40), tampered=True))
    _note(land(address))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Exception as exc:  # a browser that fails says so on its own stderr
        print(f"fake_browser: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
