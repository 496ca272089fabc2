"""CLI tests: `python -m zoomdesk ...` as a subprocess against a real Sandbox on loopback.

Every test gets its own Sandbox and its own XDG directories (tests/conftest.py).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# cli_support sits next to this file (zoom_schema comes from tests/support, via pyproject).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_support import Cli

from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Undo, for the next tests, the root logger set-up (handler, level) of an in-process main()."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bytecode cache for every child: where PYTHONDONTWRITEBYTECODE is set (as on
    these machines) each child would otherwise recompile zoomdesk at start-up."""
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def cli(sandbox: Sandbox, isolated_dirs: Path, pycache: Path) -> Cli:
    """Configured for the sandbox (settings from the environment); not signed in yet.

    No ZOOMDESK_API_URL: the REST base comes from the ``api_url`` of the token
    answer, as with real Zoom.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZOOMDESK_")}
    env.update(
        ZOOMDESK_CLIENT_ID=PUBLIC_CLIENT_ID,
        ZOOMDESK_REDIRECT_URI=sandbox.redirect_uri,
        ZOOMDESK_OAUTH_URL=sandbox.url,
        ZOOMDESK_TOKEN_STORAGE="file",  # the keyring tests ask for theirs (test_keyring.py)
        TZ="Europe/Berlin",
        PYTHONPYCACHEPREFIX=str(pycache),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return Cli(sandbox, env)


@pytest.fixture
def signed_in(cli: Cli) -> Cli:
    cli.sign_in()
    return cli
