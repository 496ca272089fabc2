"""Imports run one way: no circles inside ``zoomdesk``, and every package imports "down".

Read from the source (``tests/support/import_graph.py``), so imports inside
functions and under ``if TYPE_CHECKING:`` count too: they are how circles used
to hide. The layer rules themselves are ``docs/ARCHITECTURE.md``'s table.
"""

from __future__ import annotations

import ast
from pathlib import Path

import import_graph
import pytest

EDGES = import_graph.graph()

#: ``core/meeting`` from the bottom up: each module imports only those above it.
MEETING_ORDER = [
    "calendar_words",
    "values",
    "options",
    "rules",
    "span",
    "draft",
    "recurrence_text",
    "scheduled",
    "ical",
]
#: Shared pieces at the top of ``ui/``: they serve the subpackages, never import them.
UI_SHARED = [
    "app", "epoch", "guard", "resources", "session", "single_instance", "status", "style",
    "tasks", "untrusted", "placement", "qt_messages",
]  # fmt: skip
#: ``ui/`` entry points (called by the CLI): they may import the subpackages.
UI_ENTRY = ["entry", "selftest"]


def imports_of(prefix: str) -> list[tuple[str, str]]:
    return [(m, t) for m, ts in sorted(EDGES.items()) if m.startswith(prefix) for t in sorted(ts)]


def test_there_are_no_import_circles() -> None:
    assert import_graph.cycles(EDGES) == []


def test_the_circle_check_sees_deferred_and_typing_only_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n"
    )
    (package / "c.py").write_text("import pkg.a\n")
    edges = import_graph.graph(package, tmp_path)
    assert import_graph.cycles(edges) == [["pkg.a", "pkg.b"]]


@pytest.mark.parametrize(
    ("prefix", "forbidden"),
    [
        ("zoomdesk.core", ("zoomdesk.ui", "zoomdesk.cli", "zoomdesk.sandbox")),
        ("zoomdesk.sandbox", ("zoomdesk.ui", "zoomdesk.cli", "zoomdesk.core")),
        ("zoomdesk.ui.login", ("zoomdesk.ui.window", "zoomdesk.ui.meeting", "zoomdesk.cli")),
        ("zoomdesk.ui.meeting", ("zoomdesk.ui.window", "zoomdesk.ui.login", "zoomdesk.cli")),
        ("zoomdesk.ui.window", ("zoomdesk.cli",)),
        *[
            (
                f"zoomdesk.ui.{name}",
                ("zoomdesk.ui.window", "zoomdesk.ui.login", "zoomdesk.ui.meeting"),
            )
            for name in UI_SHARED
        ],
    ],
)
def test_packages_import_down(prefix: str, forbidden: tuple[str, ...]) -> None:
    assert [(m, t) for m, t in imports_of(prefix) if t.startswith(forbidden)] == []


def test_the_cli_reaches_the_window_only_through_its_entry_points() -> None:
    into_ui = {t for _, t in imports_of("zoomdesk.cli") if t.startswith("zoomdesk.ui")}
    assert into_ui <= {f"zoomdesk.ui.{name}" for name in UI_ENTRY}


def test_every_ui_module_is_placed() -> None:
    top = {p.stem for p in (import_graph.PACKAGE / "ui").glob("*.py")} - {"__init__"}
    assert top == set(UI_SHARED) | set(UI_ENTRY)


@pytest.mark.parametrize("name", MEETING_ORDER)
def test_core_meeting_imports_in_one_order(name: str) -> None:
    below = {f"zoomdesk.core.meeting.{m}" for m in MEETING_ORDER[: MEETING_ORDER.index(name)]}
    mine = {
        t for t in EDGES[f"zoomdesk.core.meeting.{name}"] if t.startswith("zoomdesk.core.meeting")
    }
    assert mine <= below


def test_core_meeting_has_no_imports_inside_functions() -> None:
    folder = import_graph.PACKAGE / "core" / "meeting"
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
                found += [f"{path.name}:{n.lineno}" for n in inner]
    assert found == []


def test_every_core_meeting_module_is_in_the_order() -> None:
    folder = import_graph.PACKAGE / "core" / "meeting"
    assert {p.stem for p in folder.glob("*.py")} - {"__init__"} == set(MEETING_ORDER)
