"""Layer rules (DESIGN.md §2), checked in fresh interpreters and by reading the source.

* ``zoomdesk.core`` and ``zoomdesk.sandbox`` never load PySide6.
* The main window, signed in with its meetings on screen, has loaded no QtWebEngine
  module (only the login dialog may, when it opens), and not even ``requests``
  before its first paint.
* No ``zoomdesk.ui`` module outside ``ui/login/`` imports QtWebEngine at run time.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from import_graph import runtime_imports

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "zoomdesk" / "ui"


def run_python(code: str, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_core_and_sandbox_load_no_pyside(tmp_path: Path) -> None:
    code = """
import importlib, json, pkgutil, sys
import zoomdesk.core, zoomdesk.sandbox
names = []
for package in (zoomdesk.core, zoomdesk.sandbox):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(json.dumps({"modules": names, "qt": qt}))
"""
    result = run_python(code, tmp_path)
    assert "zoomdesk.core.account" in result["modules"]
    assert "zoomdesk.sandbox.app" in result["modules"]
    assert result["qt"] == []


def test_signed_in_main_window_loads_no_webengine(tmp_path: Path) -> None:
    code = f"""
import json, sys
sys.path.insert(0, {str(REPO / "tests" / "support")!r})
from pathlib import Path
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.app import create_app
from zoomdesk.ui.session import Backend
early_requests = "requests" in sys.modules

from sandbox_signin import sign_in_headless
from zoomdesk.core.config import save_file
from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox

sandbox = Sandbox()
url = sandbox.start()
home = Path({str(tmp_path / "profile")!r})
save_file({{"client_id": PUBLIC_CLIENT_ID, "redirect_uri": sandbox.redirect_uri,
           "oauth_url": url, "api_url": url + "/v2"}}, home / "config.json")
account = Backend(home).load().account
sign_in_headless(account)
account.client.create_meeting({{"topic": "Layer check", "type": 2,
    "start_time": "2031-01-01T10:00:00", "timezone": "UTC", "duration": 30}})

app = create_app()
window = mw.MainWindow(Backend(home))
shown = []
window.meetingsShown.connect(lambda n: (shown.append(n), app.quit()))
window.show()
app.exec()
window.runner.wait_for_done()
sandbox.stop()
print(json.dumps({{
    "early_requests": early_requests,
    "state": window.state,
    "shown": shown,
    "webengine": sorted(m for m in sys.modules if "WebEngine" in m),
    "login": "zoomdesk.ui.login.dialog" in sys.modules,
}}))
"""
    result = run_python(code, tmp_path)
    assert result["state"] == "signed_in" and result["shown"] == [1]
    assert result["webengine"] == [] and result["login"] is False
    assert result["early_requests"] is False


@pytest.mark.parametrize(
    "path",
    sorted(p for p in UI.rglob("*.py") if UI / "login" not in p.parents),
    ids=lambda p: str(p.relative_to(UI)),
)
def test_only_login_modules_import_webengine(path: Path) -> None:
    imports = runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
    assert not [name for name in imports if "QtWebEngine" in name], path.name


def test_the_scan_sees_webengine_imports() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from PySide6.QtWebEngineCore import QWebEnginePage\n"
        "def f():\n    import PySide6.QtWebEngineWidgets\n"
    )
    assert runtime_imports(tree) == [
        "typing",
        "typing.TYPE_CHECKING",
        "PySide6.QtWebEngineWidgets",
    ]
