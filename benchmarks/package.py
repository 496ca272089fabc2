"""What do the packages cost? Build time, sizes, and frozen vs virtualenv start-up.

1. Runs ``scripts/package.sh`` (unless ``--no-build``) and reports its time and
   the PyInstaller / dpkg-deb / tar parts it logs.
2. Sizes of ``dist/zoomdesk/``, the .deb and the tarball (goal: .deb <= 150 MB).
3. Start-up of ``dist/zoomdesk/zoomdesk`` against ``.venv/bin/zoomdesk``, as
   subprocesses, interleaved so machine load hits both alike, median of N:

   * ``--version``: interpreter / bootloader start, no Qt (3N runs: it is short);
   * main window shown: ``--sandbox`` with ``ZOOMDESK_BENCH_EXIT_ON_SHOW=1``, timed
     to the ``zoomdesk-bench: main window shown`` line the main window prints
     (skipped with a note if this build lacks that hook);
   * ``--self-test``: QtWebEngine login in the real view + a meeting created.

   Goal: frozen <= 1.1x the virtualenv. Each process gets fresh temporary XDG
   directories and the offscreen platform. Page cache warm by default;
   ``--drop-caches`` (root) empties it before every run for disk-cold starts,
   which slows everything else on the machine for a moment.

Usage: .venv/bin/python benchmarks/package.py [--no-build] [--runs N] [--drop-caches]
Not a test: it prints numbers and exits 0 unless something is broken.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "dist" / "zoomdesk" / "zoomdesk"
VENV = REPO / ".venv" / "bin" / "zoomdesk"
DEB_GOAL_MB = 150.0
START_GOAL = 1.1
SHOWN_MARKER = "zoomdesk-bench: main window shown"


def version() -> str:
    text = (REPO / "zoomdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert match, "no __version__"
    return match.group(1)


def build() -> None:
    print("== build: scripts/package.sh")
    started = time.monotonic()
    run = subprocess.run(
        [str(REPO / "scripts" / "package.sh")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    total = time.monotonic() - started
    if run.returncode != 0:
        sys.exit(f"package.sh failed ({run.returncode}):\n{run.stderr[-3000:]}")
    print(f"   total                {total:7.1f} s")
    for step in ("PyInstaller", "dpkg-deb", "tar"):
        match = re.search(rf"^package: {step} took (\d+) s$", run.stderr, re.MULTILINE)
        if match:
            print(f"   {step:<20} {float(match.group(1)):7.1f} s")


def tree_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def sizes() -> None:
    v = version()
    deb = REPO / "dist" / f"zoomdesk_{v}_amd64.deb"
    tarball = REPO / "dist" / f"zoomdesk-{v}-linux-x86_64.tar.gz"
    print("== sizes (MB = 10^6 bytes)")
    app = FROZEN.parent
    files = sum(1 for p in app.rglob("*") if p.is_file())
    print(f"   dist/zoomdesk/       {tree_bytes(app) / 1e6:7.1f} MB  ({files} files)")
    for path in (deb, tarball):
        if path.is_file():
            print(f"   {path.name:<34} {path.stat().st_size / 1e6:7.1f} MB")
        else:
            print(f"   {path.name:<34}  missing")
    if deb.is_file():
        mb = deb.stat().st_size / 1e6
        verdict = "ok" if mb <= DEB_GOAL_MB else "OVER THE GOAL"
        print(f"   .deb goal <= {DEB_GOAL_MB:.0f} MB: {verdict}")


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        env[var] = str(home / sub)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    for var in ("ZOOMDESK_CLIENT_ID", "ZOOMDESK_REDIRECT_URI", "ZOOMDESK_CLIENT_SECRET"):
        env.pop(var, None)
    return env


def drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def timed(exe: Path, args: list[str], marker: str | None = None, timeout: float = 90.0) -> float:
    """Seconds from spawn to exit, or to the ``marker`` line on stderr; NaN if it never came."""
    with tempfile.TemporaryDirectory(prefix="zoomdesk-bench-") as tmp:
        env = child_env(Path(tmp))
        if marker:
            env["ZOOMDESK_BENCH_EXIT_ON_SHOW"] = "1"
        started = time.monotonic()
        proc = subprocess.Popen(
            [str(exe), *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        seen = float("nan")
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                if marker and line.startswith(marker) and math.isnan(seen):
                    seen = time.monotonic() - started
                    proc.terminate()  # the hook quits by itself; don't wait for teardown
            rc = proc.wait()
        finally:
            killer.cancel()
        ended = time.monotonic() - started
        if marker:
            return seen
        if rc != 0:
            raise RuntimeError(f"{exe} {' '.join(args)} exited {rc}")
        return ended


def compare(
    label: str, measure: Callable[[Path], float], runs: int, cold: bool
) -> tuple[float, float] | None:
    for exe in (VENV, FROZEN):  # warm-up; also tells whether the measurement works here
        if math.isnan(measure(exe)):
            where = exe.relative_to(REPO)
            print(f"   {label:<22} skipped: {where} never printed {SHOWN_MARKER!r}")
            return None
    samples: dict[Path, list[float]] = {FROZEN: [], VENV: []}
    for _ in range(runs):
        for exe in (FROZEN, VENV):
            if cold:
                drop_caches()
            samples[exe].append(measure(exe))
    frozen, venv = statistics.median(samples[FROZEN]), statistics.median(samples[VENV])
    ratio = frozen / venv
    verdict = "ok" if ratio <= START_GOAL else "over the goal"
    print(f"   {label:<22} {frozen:6.3f} s  {venv:6.3f} s  {ratio:5.2f}x  {verdict}")
    return frozen, venv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="measure the existing dist/")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--drop-caches", action="store_true", help="disk-cold starts (root)")
    args = parser.parse_args(argv)
    if not VENV.is_file():
        sys.exit(f"{VENV} is missing; run scripts/setup.sh first")

    if not args.no_build:
        build()
    if not FROZEN.is_file():
        sys.exit(f"{FROZEN} is missing; run scripts/package.sh (or drop --no-build)")
    sizes()

    cache = "disk-cold (caches dropped)" if args.drop_caches else "page cache warm"
    print(
        f"== start-up, median of {args.runs} ({3 * args.runs} for --version), {cache};"
        f" frozen vs .venv (goal <= {START_GOAL}x)"
    )
    print(f"   {'':<22} {'frozen':>8}  {'venv':>8}  {'ratio':>6}")
    # ~0.1 s each and noisy at that scale: three times the runs.
    compare("--version", lambda exe: timed(exe, ["--version"]), 3 * args.runs, args.drop_caches)
    compare(
        "main window shown",
        lambda exe: timed(exe, ["--sandbox"], marker=SHOWN_MARKER, timeout=15),
        args.runs,
        args.drop_caches,
    )
    compare("--self-test", lambda exe: timed(exe, ["--self-test"]), args.runs, args.drop_caches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
