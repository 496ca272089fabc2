"""Choosing the keyring: only a real one counts, decided once, and no import of keyring if moot."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring.core
import pytest
from fake_keyrings import MemoryKeyring

from zoomdesk.core import keyring_probe

PROBE = """
import json, sys
from zoomdesk.core import keyring_probe
found = keyring_probe.probe()
print(json.dumps({"backend": found.backend is not None, "reason": found.reason,
                  "keyring": "keyring" in sys.modules}))
"""


def probe_in_child(**env: str) -> dict[str, object]:
    base = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",)}
    base.pop("PYTHON_KEYRING_BACKEND", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus short cut is Linux's")
def test_without_a_session_bus_keyring_is_not_even_imported(tmp_path: Path) -> None:
    assert probe_in_child() == {
        "backend": False,
        "reason": "no D-Bus session bus",
        "keyring": False,
    }
    gone = probe_in_child(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    assert gone == {"backend": False, "reason": "the D-Bus session bus is gone", "keyring": False}


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pinned choice, and keyring's own cached backend forgotten."""
    keyring_probe.reset()
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


@pytest.mark.parametrize(
    ("backend", "why"),
    [
        ("keyring.backends.fail.Keyring", "no keyring backend answered"),
        ("keyring.backends.null.Keyring", "no keyring backend answered"),
        ("fake_keyrings.PlaintextKeyring", "keeps secrets in a plain file"),
    ],
)
def test_fail_null_and_plaintext_backends_do_not_count(
    fresh: None, monkeypatch: pytest.MonkeyPatch, backend: str, why: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    found = keyring_probe.probe()
    assert found.backend is None
    assert why in found.reason
    assert keyring_probe.backend_for("auto") is None
    assert keyring_probe.fell_back()
    assert keyring_probe.describe("file", "auto") == "a private file, no keyring found"


def test_a_real_backend_counts_and_is_asked_once(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "fake_keyrings.MemoryKeyring")
    first = keyring_probe.backend_for("auto")
    assert isinstance(first, MemoryKeyring)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert keyring_probe.backend_for("keyring") is first  # decided once per process
    assert keyring_probe.backend_for("file") is None
    assert not keyring_probe.fell_back()


def test_modes() -> None:
    assert [keyring_probe.validate_mode(v) for v in ("auto", "keyring", "file", " File", "")] == [
        None
    ] * 5
    assert (
        keyring_probe.validate_mode("vault") == "The token storage must be auto, keyring or file."
    )


def test_names_people_know() -> None:
    class Keyring:
        pass

    for module, name in [
        ("keyring.backends.macOS", "macOS Keychain"),
        ("keyring.backends.Windows", "Windows Credential Locker"),
        ("keyring.backends.kwallet", "KWallet"),
    ]:
        Keyring.__module__ = module
        assert keyring_probe.name_of(Keyring()) == name


def test_only_the_probe_imports_keyring() -> None:
    # The ~80 ms import stays behind one door, opened only when a secret is needed.
    # (jeepney alone also speaks to the notification service, imported when a
    # reminder is first due: ui/window/desktop_notify.py.)
    package = Path(keyring_probe.__file__).resolve().parents[1]
    found = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            where = path.relative_to(package).as_posix()
            roots = {n.split(".")[0] for n in names}
            if where == "ui/window/desktop_notify.py":
                roots.discard("jeepney")
            if roots & {"keyring", "jeepney", "secretstorage"}:
                found.add(where)
    assert found == {"core/keyring_probe.py"}
