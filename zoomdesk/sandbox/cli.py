"""Run the sandbox in the foreground: ``python -m zoomdesk.sandbox`` and ``zoomdesk sandbox``.

The URL and the ``export`` lines go to stdout (flushed at once, so a parent
process can read the URL from the first line); notes go to stderr. Ctrl-C
stops it with exit code 130, SIGTERM with 0.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from zoomdesk.sandbox.app import Sandbox
from zoomdesk.sandbox.model import PUBLIC_CLIENT_ID, SANDBOX_EMAIL, SANDBOX_PASSWORD


def run_cli(host: str = "127.0.0.1", port: int = 0, access_token_ttl: int = 3599) -> int:
    """Serve until Ctrl-C (returns 130) or SIGTERM (returns 0)."""
    terminated = threading.Event()

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        terminated.set()

    # Signal handlers can only be installed from the main thread.
    installed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_sigterm) if installed else None
    sandbox = Sandbox(host=host, port=port, access_token_ttl=access_token_ttl)
    try:
        url = sandbox.start()
        print(f"Zoom sandbox running at {url}", flush=True)
        print(f"export ZOOMDESK_CLIENT_ID={PUBLIC_CLIENT_ID}")
        print(f"export ZOOMDESK_REDIRECT_URI={sandbox.redirect_uri}")
        print(f"export ZOOMDESK_OAUTH_URL={url}")
        print(f"export ZOOMDESK_API_URL={url}/v2", flush=True)
        print(f"Sandbox account: {SANDBOX_EMAIL} / {SANDBOX_PASSWORD}", file=sys.stderr)
        print("Press Ctrl-C to stop.", file=sys.stderr, flush=True)
        # A timed wait, so Ctrl-C is noticed promptly on every platform.
        while not terminated.wait(0.5):
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        sandbox.stop()
        if installed:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zoomdesk.sandbox", description="Run the local Zoom sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    parser.add_argument(
        "--access-token-ttl", type=int, default=3599, metavar="S", help="access token lifetime"
    )
    args = parser.parse_args(argv)
    try:
        return run_cli(args.host, args.port, args.access_token_ttl)
    except ValueError as exc:  # a knob out of range, e.g. --access-token-ttl 0
        print(f"Cannot start the sandbox: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. the port is taken
        print(f"Cannot start the sandbox: {exc}", file=sys.stderr)
        return 1
