"""How much does `zoomdesk meetings create --json` cost over the bare HTTP call it makes?

Starts a Sandbox in-process, signs in (sandbox OAuth forms + core OAuth code),
then times, as subprocesses and interleaved so machine load hits both alike:

* ``zoomdesk meetings create --json --topic ...``  (N runs)
* a minimal script that imports requests and POSTs the same body with the
  same token                                         (N runs)

and prints both medians and their ratio (goal: <= 1.5x). Then it runs
``python -X importtime -m zoomdesk meetings create ...`` to show that no
PySide6 module is imported, with the biggest import costs.

By default it runs as on a machine without a keyring (no D-Bus session: CI,
SSH, containers), where ``token_storage`` = ``auto`` keeps the tokens in the
file; the developer's own keyring is never touched. ``--keyring`` runs it
against a private GNOME Keyring instead (tests/support/keyring_daemon.py),
to show what reading the tokens from a keyring costs; it then also times the
minimal script reading its token from that keyring (with ``keyring``, as
zoomdesk does) and prints zoomdesk's ratio to it: the same job, done bare.

Usage: .venv/bin/python benchmarks/cli.py [N] [--keyring]
Not a test: it prints numbers and exits 0 unless something is broken.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "support"))  # the sandbox sign-in the tests use
GOAL = 1.5

RAW_SCRIPT = """
import json, os, sys
import requests
body = json.loads(os.environ["BENCH_BODY"])
r = requests.post(os.environ["BENCH_URL"], json=body, timeout=(5, 20),
                  headers={"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]})
r.raise_for_status()
sys.stdout.write(json.dumps(r.json()) + "\\n")
"""

#: The same POST, with the token read from the keyring item zoomdesk keeps.
RAW_KEYRING_SCRIPT = """
import json, os, sys
import keyring, requests
blob = keyring.get_password("zoomdesk", os.environ["BENCH_ITEM"])
body = json.loads(os.environ["BENCH_BODY"])
r = requests.post(os.environ["BENCH_URL"], json=body, timeout=(5, 20),
                  headers={"Authorization": "Bearer " + json.loads(blob)["access_token"]})
r.raise_for_status()
sys.stdout.write(json.dumps(r.json()) + "\\n")
"""


def sign_in(sandbox_url: str, redirect_uri: str) -> str:
    """Sign in as `zoomdesk login` would; the tokens go where token_storage says. The token."""
    from sandbox_signin import sign_in_headless

    from zoomdesk.core.account import Account
    from zoomdesk.core.config import Config
    from zoomdesk.sandbox import PUBLIC_CLIENT_ID

    account = Account(Config(PUBLIC_CLIENT_ID, redirect_uri, oauth_url=sandbox_url))
    sign_in_headless(account)
    tokens = account.store.load()
    assert tokens is not None
    print(f"tokens kept in: {account.store.describe()}")
    return tokens.access_token


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.strip()}")
    json.loads(proc.stdout)  # both print the created meeting and nothing else
    return elapsed


def import_report(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd[1:]],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match[1]), int(match[2]), len(match[3]) // 2, match[4]))
    qt = sorted({name for *_, name in rows if name.split(".")[0] in ("PySide6", "shiboken6")})
    print(f"\nimporttime of `zoomdesk meetings create --json` (exit {proc.returncode}):")
    print(f"  modules imported: {len(rows)}; PySide6/shiboken6 modules: {qt or 'none'}")
    total = sum(r[0] for r in rows) / 1000
    print(f"  sum of self times: {total:.1f} ms")
    print("  top cumulative (top-level imports):")
    for self_us, cum_us, _, name in sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])[:8]:
        print(f"    {cum_us / 1000:7.1f} ms  {name}  (self {self_us / 1000:.1f} ms)")
    print("  top self time:")
    for self_us, _, _, name in sorted(rows, key=lambda r: -r[0])[:8]:
        print(f"    {self_us / 1000:7.1f} ms  {name}")


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--keyring"]
    n = int(args[0]) if args else 15
    from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox

    with tempfile.TemporaryDirectory(prefix="zoomdesk-bench-") as home, Sandbox() as sandbox:
        for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
            os.environ[var] = str(Path(home) / sub)
        # Never the developer's keyring: none at all, or a private one (--keyring).
        for var in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "ZOOMDESK_TOKEN_STORAGE"):
            os.environ.pop(var, None)
        ring = None
        if "--keyring" in sys.argv:
            from keyring_daemon import PrivateKeyring

            ring = PrivateKeyring(Path(home) / "keyring")
            ring.start()
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = ring.env["DBUS_SESSION_BUS_ADDRESS"]
        try:
            sandbox.set_daily_limit(10_000)
            token = sign_in(sandbox.url, sandbox.redirect_uri)
            compare(n, home, sandbox, PUBLIC_CLIENT_ID, token, keyring=ring is not None)
        finally:
            if ring is not None:
                ring.stop()
    return 0


def compare(
    n: int, home: str, sandbox: Any, client_id: str, token: str, *, keyring: bool = False
) -> None:
    """Time both commands, interleaved, and print the medians, their ratio and the imports."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("ZOOMDESK_")}
    # Installed apps run from bytecode. Where PYTHONDONTWRITEBYTECODE is set (as on
    # these machines) every start would recompile zoomdesk, so give both commands a
    # private bytecode cache, filled by the warm-up runs.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    base["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
    env = {
        **base,
        "ZOOMDESK_CLIENT_ID": client_id,
        "ZOOMDESK_REDIRECT_URI": sandbox.redirect_uri,
        "ZOOMDESK_OAUTH_URL": sandbox.url,
        "TZ": "UTC",
    }
    zoomdesk = [sys.executable, "-m", "zoomdesk", "meetings", "create", "--json"]
    zoomdesk += ["--topic", "Benchmark", "--passcode", "abc123"]
    body = {
        "topic": "Benchmark",
        "type": 1,
        "duration": 60,
        "password": "abc123",
        "agenda": "",
        "settings": {"waiting_room": True, "join_before_host": False},
    }
    raw_env = {
        **env,
        "BENCH_URL": f"{sandbox.url}/v2/users/me/meetings",
        "BENCH_TOKEN": token,
        "BENCH_BODY": json.dumps(body),
    }
    raw = [sys.executable, "-c", RAW_SCRIPT]
    commands = [(zoomdesk, env), (raw, raw_env)]
    if keyring:
        from zoomdesk.core.keyring_vault import TOKENS, item_name

        item = item_name(TOKENS, sandbox.url, client_id)
        bare_keyring = [sys.executable, "-c", RAW_KEYRING_SCRIPT]
        commands.append((bare_keyring, {**raw_env, "BENCH_ITEM": item}))

    for command, command_env in commands:  # warm the page cache
        timed(command, command_env)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(n):  # interleaved, so machine load hits each alike
        for spent, (command, command_env) in zip(times, commands, strict=True):
            spent.append(timed(command, command_env))
    a, b, *keyring_medians = (statistics.median(t) for t in times)
    print(f"zoomdesk meetings create --json : median {a * 1000:6.1f} ms  (N={n})")
    print(f"raw requests POST script        : median {b * 1000:6.1f} ms  (N={n})")
    verdict = "ok" if a / b <= GOAL else "OVER GOAL"
    print(f"ratio                            : {a / b:.2f}x  (goal <= {GOAL}x: {verdict})")
    for c in keyring_medians:
        print(f"raw script, token from keyring  : median {c * 1000:6.1f} ms  (N={n})")
        verdict = "ok" if a / c <= GOAL else "OVER GOAL"
        print(f"ratio to it                      : {a / c:.2f}x  (goal <= {GOAL}x: {verdict})")
    print(f"sandbox meetings created: {sandbox.state()['meetings']}")
    import_report(zoomdesk, env)


if __name__ == "__main__":
    sys.exit(main())
