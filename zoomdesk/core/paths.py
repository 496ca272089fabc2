"""Where zoomdesk keeps its files (platformdirs, app name ``zoomdesk``)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "zoomdesk"


def config_dir() -> Path:
    """``user_config_dir``; ``XDG_CONFIG_HOME`` moves it on Linux."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """``user_state_dir``: what the app remembers that is no setting; ``XDG_STATE_HOME``
    moves it on Linux."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def own_root(directory: Path) -> Path:
    """Where zoomdesk's own starts: the nearest ``zoomdesk`` on the way, else ``directory``.

    ``user_log_dir`` is ``~/.local/state/zoomdesk/log`` on Linux: both of the last two are ours.
    """
    return next((d for d in (directory, *directory.parents) if d.name == APP_NAME), directory)


def config_path() -> Path:
    return config_dir() / "config.json"


def tokens_path() -> Path:
    return config_dir() / "tokens.json"
