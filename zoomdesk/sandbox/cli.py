"""Run the sandbox in the foreground: ``python -m zoomdesk.sandbox`` and ``zoomdesk sandbox``.

The URL, the ``export`` lines and the knob token go to stdout (flushed at
once, so a parent process can read the URL from the first line); notes and
warnings go to stderr. The URL is the bound address (``--port 0`` shows the
real port; a wildcard host shows this machine's loopback address, which it also
listens on). Ctrl-C stops it with exit code 130, SIGTERM with 0.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from zoomdesk.sandbox.app import Sandbox
from zoomdesk.sandbox.control import PREFIX, TOKEN_HEADER, is_loopback_name
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
        print(f"export ZOOMDESK_API_URL={url}/v2")
        # Not a user secret (it opens only this local sandbox), but kept off every log.
        print(f"Knob token ({TOKEN_HEADER} on {PREFIX}): {sandbox.knob_token}", flush=True)
        warning = exposure_warning(*sandbox.address)
        if warning:
            print(warning, file=sys.stderr)
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


def exposure_warning(host: str, port: int) -> str | None:
    """What to say when the socket bound to ``host`` is reachable from other machines."""
    if is_loopback_name(host):
        return None
    try:
        wildcard = ipaddress.ip_address(host.split("%")[0]).is_unspecified
    except ValueError:
        wildcard = False
    if wildcard:
        return (
            f"Warning: the sandbox listens on every interface ({host} port {port}): other "
            "machines can reach its sign-in pages and API. Its knobs answer this machine only. "
            "Use --host 127.0.0.1 unless you need that."
        )
    return (
        f"Warning: the sandbox listens on {host} port {port}, which other machines can reach. "
        f"Its {PREFIX} knobs answer loopback addresses only, so here they answer no one."
    )


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
