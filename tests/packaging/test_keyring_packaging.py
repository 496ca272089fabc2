"""The keyring in the packages: build.spec keeps its metadata and backends, the .deb
recommends a Secret Service, and ``--self-test`` names the keyring it finds (issue 11)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from zoomdesk.core import keyring_probe
from zoomdesk.ui.selftest import keyring_report

REPO = Path(__file__).resolve().parents[2]


def test_the_spec_keeps_keyrings_metadata_and_names_its_backends() -> None:
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    assert '*copy_metadata("keyring")' in spec
    assert "*KEYRING_IMPORTS" in spec
    names = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    for module in ("SecretService", "macOS", "Windows", "chainer", "fail"):
        assert f"keyring.backends.{module}" in names
    assert {"secretstorage", "jeepney", "jeepney.io.blocking"} <= names


def test_the_deb_recommends_a_secret_service_and_a_session_bus() -> None:
    control = (REPO / "packaging" / "deb" / "control.in").read_text(encoding="utf-8")
    match = re.search(r"^Recommends: (.+)$", control, re.MULTILINE)
    assert match is not None
    groups = [{alt.strip() for alt in group.split("|")} for group in match.group(1).split(",")]
    assert any({"gnome-keyring", "kwalletmanager", "keepassxc"} <= g for g in groups)
    assert any("default-dbus-session-bus" in g for g in groups)


def test_the_self_test_line_says_none_without_a_keyring() -> None:
    keyring_probe.pin(None, "no D-Bus session bus")
    line = keyring_report()
    assert line.startswith("keyring: none (no D-Bus session bus); backends known: ")
    assert "SecretService" in line  # from keyring's entry points, as the frozen app must


def test_the_self_test_line_names_the_real_keyring(real_keyring: Any) -> None:
    line = keyring_report()
    assert line.startswith("keyring: Secret Service (GNOME Keyring); backends known: ")


def test_the_self_test_line_says_when_the_metadata_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.metadata

    keyring_probe.pin(None, "no D-Bus session bus")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_: [])
    assert keyring_report().endswith("backends known: none (keyring's package metadata is missing)")
