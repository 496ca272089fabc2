"""The session in a real keyring: GNOME Keyring on a private D-Bus, ``zoomdesk`` as a subprocess.

The daemon and its bus are the tests' own (tests/support/keyring_daemon.py);
the developer's keyring is never touched. Without the programs the tests are
skipped, saying which ones are missing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from cli_support import Cli
from keyring_daemon import PrivateKeyring

from zoomdesk.core import keyring_probe, paths
from zoomdesk.core.tokens import store_for

pytestmark = pytest.mark.keyring

GNOME = "Stored in: Secret Service (GNOME Keyring)"


@pytest.fixture
def kcli(cli: Cli, real_keyring: PrivateKeyring) -> Cli:
    """The CLI with the private keyring, ``token_storage`` = ``auto`` (the default)."""
    cli.env.pop("PYTHON_KEYRING_BACKEND", None)
    cli.env.update(
        DBUS_SESSION_BUS_ADDRESS=real_keyring.env["DBUS_SESSION_BUS_ADDRESS"],
        ZOOMDESK_TOKEN_STORAGE="auto",
    )
    return cli


def refreshes(cli: Cli) -> int:
    return int(cli.state()["token_requests"]["refresh_token"])


def the_item(ring: PrivateKeyring) -> dict[str, Any]:
    """The one zoomdesk item (asserting there is exactly one) and its tokens."""
    items = ring.items()
    assert len(items) == 1, items
    item = items[0]
    assert item["username"].startswith("tokens:sandbox-public-client@127.0.0.1:")
    tokens: dict[str, Any] = json.loads(item["secret"])
    return tokens


def tokens_file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(paths.tokens_path().read_text())
    return data


def test_sign_in_refresh_and_logout_with_a_real_keyring(
    kcli: Cli, real_keyring: PrivateKeyring
) -> None:
    kcli.sign_in()
    meta = tokens_file()
    assert meta["version"] == 2 and meta["storage"] == "keyring"
    assert "access_token" not in meta and "refresh_token" not in meta
    first = the_item(real_keyring)
    assert first["access_token"] not in paths.tokens_path().read_text()
    assert first["refresh_token"] not in paths.tokens_path().read_text()
    assert first["expires_at"] == meta["expires_at"]

    r = kcli.run("whoami")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Sandy Box <sandbox@zoomdesk.test>"
    assert GNOME in r.stderr.splitlines()
    r = kcli.run("whoami", "--json")
    assert r.returncode == 0, r.stderr
    assert r.json()["zoomdesk_storage"] == {
        "kind": "keyring",
        "name": "Secret Service (GNOME Keyring)",
    }

    kcli.sandbox.expire_tokens()
    r = kcli.run("whoami")  # 401, refresh, retry
    assert r.returncode == 0, r.stderr
    assert refreshes(kcli) == 1
    rotated = the_item(real_keyring)
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    assert "refresh_token" not in tokens_file()

    r = kcli.run("logout")
    assert (r.returncode, r.stdout) == (0, "Signed out\n"), r.stderr
    assert real_keyring.items() == []
    assert not paths.tokens_path().exists()


def test_two_processes_refreshing_at_once_refresh_once(
    kcli: Cli, real_keyring: PrivateKeyring
) -> None:
    kcli.sign_in()
    store = store_for(kcli.config())
    tokens = store.load()
    assert tokens is not None
    # Expired here and at Zoom: both processes must refresh before their call.
    kcli.sandbox.expire_tokens()
    past = int(time.time()) - 60
    store.save(dataclasses.replace(tokens, expires_at=past))
    t0 = time.monotonic()
    procs = [kcli.start("meetings", "list", "--json") for _ in range(2)]
    results = [kcli.finish(p, ("meetings", "list"), t0) for p in procs]
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert refreshes(kcli) == 1
    winner = the_item(real_keyring)
    assert (
        winner["expires_at"] > time.time() and tokens_file()["expires_at"] == winner["expires_at"]
    )
    # The keyring holds the live pair: the next refresh works with its refresh token.
    kcli.sandbox.expire_tokens()
    r = kcli.run("whoami", "--json")
    assert r.returncode == 0, r.stderr
    assert refreshes(kcli) == 2
    assert the_item(real_keyring)["refresh_token"] != winner["refresh_token"]


def test_a_keyring_daemon_killed_mid_session_loses_nothing(
    kcli: Cli, real_keyring: PrivateKeyring
) -> None:
    kcli.sign_in()
    before = paths.tokens_path().read_bytes()
    real_keyring.kill_keyring()
    r = kcli.run("whoami")
    assert r.returncode == 1
    [message] = r.stderr.splitlines()
    assert message.startswith("zoomdesk: The zoomdesk session is in the system keyring")
    assert "does not answer" in message
    assert paths.tokens_path().read_bytes() == before  # still signed in, nothing moved
    assert not list(paths.tokens_path().parent.glob("tokens.json.corrupt-*"))
    real_keyring.start_keyring()  # the daemon comes back, unlocked: the session works again
    r = kcli.run("whoami")
    assert r.returncode == 0, r.stderr
    assert GNOME in r.stderr.splitlines()


def test_a_version_1_file_moves_in_and_file_storage_moves_it_back(
    kcli: Cli, real_keyring: PrivateKeyring
) -> None:
    r = kcli.run("whoami", env={"ZOOMDESK_TOKEN_STORAGE": "file"})
    assert r.returncode == 3  # not signed in yet
    # An existing user's tokens.json, version 1.
    keyring_probe.pin(None, "a zoomdesk from before the keyring")
    kcli.sign_in()
    keyring_probe.reset()
    v1 = tokens_file()
    assert v1["version"] == 1 and real_keyring.items() == []

    r = kcli.run("whoami")
    assert r.returncode == 0, r.stderr
    assert GNOME in r.stderr.splitlines()
    moved = the_item(real_keyring)
    assert (moved["access_token"], moved["refresh_token"]) == (
        v1["access_token"],
        v1["refresh_token"],
    )
    assert tokens_file()["version"] == 2

    r = kcli.run("whoami", env={"ZOOMDESK_TOKEN_STORAGE": "file"})
    assert r.returncode == 0, r.stderr
    assert "Stored in: a private file (token_storage = file)" in r.stderr.splitlines()
    assert tokens_file() == v1
    assert real_keyring.items() == []


def test_keyring_storage_without_a_keyring_exits_2(cli: Cli) -> None:
    env = {"ZOOMDESK_TOKEN_STORAGE": "keyring", "DBUS_SESSION_BUS_ADDRESS": ""}
    r = cli.run("whoami", env=env)
    assert r.returncode == 2
    assert "token_storage is keyring, but no system keyring answers" in r.stderr
    assert "ZOOMDESK_TOKEN_STORAGE" in r.stderr


@pytest.mark.parametrize(
    ("storage", "said"),
    [
        ("file", "Stored in: a private file (token_storage = file)"),
        ("auto", "Stored in: a private file, no keyring found"),
    ],
)
def test_whoami_says_where_the_session_is(signed_in: Cli, storage: str, said: str) -> None:
    env = {"ZOOMDESK_TOKEN_STORAGE": storage, "DBUS_SESSION_BUS_ADDRESS": ""}
    r = signed_in.run("whoami", env=env)
    assert r.returncode == 0, r.stderr
    assert said in r.stderr.splitlines()
    assert said not in r.stdout
    r = signed_in.run("whoami", "--json", env=env)
    assert r.json()["zoomdesk_storage"]["kind"] == "file"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--version",), 0),
        (("--help",), 0),
        (("sandbox", "--help"), 0),
        (("sandbox", "--access-token-ttl", "0"), 2),
        (("meetings", "create"), 2),
        (("frobnicate",), 2),
    ],
)
def test_commands_that_need_no_token_never_import_keyring(
    kcli: Cli, args: tuple[str, ...], code: int
) -> None:
    loaded = kcli.loaded(*args, packages=("keyring",))
    assert (loaded.code, loaded.modules) == (code, []), loaded.stderr


def test_the_keyring_tests_use_a_private_bus(real_keyring: PrivateKeyring) -> None:
    address = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    assert address == f"unix:path={real_keyring.socket}"
    assert Path(real_keyring.socket).is_relative_to(real_keyring.root)


def test_file_storage_never_imports_keyring(kcli: Cli) -> None:
    kcli.env["ZOOMDESK_TOKEN_STORAGE"] = "file"
    keyring_probe.pin(None, "signed in with token_storage = file")
    kcli.sign_in()
    for args in (("whoami",), ("meetings", "list"), ("logout",)):
        loaded = kcli.loaded(*args, packages=("keyring",))
        assert (loaded.code, loaded.modules) == (0, []), loaded.stderr
