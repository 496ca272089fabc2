"""What a killed save leaves behind, the modes of new directories, and the lock file's symlink."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from file_modes import mode, posix_only

from zoomdesk.core import config
from zoomdesk.core.errors import StoreError
from zoomdesk.core.filelock import FileLock
from zoomdesk.core.tokens import TokenSet, TokenStore

TOKENS = TokenSet(
    access_token="access-secret", refresh_token="refresh-secret", expires_at=2, obtained_at=1
)

# Runs write_private_json and SIGKILLs itself between writing the temp file and
# renaming it: what a power cut or `kill -9` during a save leaves behind.
KILLED_SAVE = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from zoomdesk.core import securefile
    os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
    securefile.write_private_json(Path(sys.argv[1]), {"access_token": "half-saved-secret"})
    """
)


def killed_save(path: Path) -> Path:
    """Run a save that is killed before its rename; return the temp file it left."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SAVE, str(path)], capture_output=True, check=False
    )
    assert done.returncode == -9, done.stderr
    [temp] = list(path.parent.glob(f".{path.name}.*.tmp"))
    assert "half-saved-secret" in temp.read_text()
    return temp


posix_kill = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


@posix_kill
def test_the_temp_file_of_a_killed_token_save_is_removed_at_the_next_load(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.save(TOKENS)
    temp = killed_save(store.path)
    assert store.load() == TOKENS
    assert not temp.exists()


@posix_kill
def test_the_temp_file_of_a_killed_token_save_is_removed_at_sign_out(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    temp = killed_save(store.path)
    store.clear()
    assert not temp.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.json.lock"]


@posix_kill
def test_an_old_temp_file_of_config_json_is_removed_at_the_next_load(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    config.save_file({"client_id": "abc"}, path)
    temp = killed_save(path)
    # config.json has no lock: a young temp file may be another process's save in flight.
    assert config.load_file(path) == {"client_id": "abc"}
    assert temp.exists()
    old = time.time() - 3600
    os.utime(temp, (old, old))
    assert config.load_file(path) == {"client_id": "abc"}
    assert not temp.exists()


def test_other_files_are_left_alone(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    keep = [tmp_path / n for n in (".tokens.json.tmp", "tokens.json.x.tmp", ".other.json.a.tmp")]
    for path in keep:
        path.write_text("{}")
    store.save(TOKENS)
    assert store.load() == TOKENS
    store.clear()
    assert all(path.exists() for path in keep)


# Everything zoomdesk creates on a first run, from nothing, under umask 000.
FIRST_RUN = textwrap.dedent(
    """
    import os
    os.umask(0)
    from zoomdesk.core import config, logs, paths
    from zoomdesk.core.filelock import FileLock
    from zoomdesk.core.tokens import TokenStore
    config.save_file({"client_id": "abc"})
    TokenStore().load()
    logs.setup_logging()
    with FileLock(paths.config_dir().parent / "elsewhere" / "x.lock").hold():
        pass
    """
)


@posix_only
@pytest.mark.skipif(sys.platform != "linux", reason="XDG directories")
def test_new_directories_are_private_and_new_parents_no_looser_than_0755_under_umask_000(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
    }
    subprocess.run([sys.executable, "-c", FIRST_RUN], env=env, check=True)
    home = tmp_path / "home"
    modes = {str(p.relative_to(home)): oct(mode(p)) for p in sorted(home.rglob("*")) if p.is_dir()}
    assert modes == {
        "config": oct(0o755),
        "config/elsewhere": oct(0o700),
        "config/zoomdesk": oct(0o700),
        "state": oct(0o755),
        "state/zoomdesk": oct(0o700),
        "state/zoomdesk/log": oct(0o700),
    }
    assert mode(home) == 0o755


@posix_only
@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
def test_a_symlinked_lock_file_is_refused(tmp_path: Path, dangling: bool) -> None:
    target = tmp_path / "elsewhere"
    if not dangling:
        target.write_text("precious")
        target.chmod(0o644)
    store = TokenStore(tmp_path / "conf" / "tokens.json")
    store.path.parent.mkdir()
    store.lock_path.symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        store.load()
    with pytest.raises(StoreError, match="symbolic link"), FileLock(store.lock_path).hold():
        pass
    assert target.exists() is not dangling
    if not dangling:
        assert target.read_text() == "precious"
        assert mode(target) == 0o644  # never chmod-ed through the link
    assert not store.path.exists()
