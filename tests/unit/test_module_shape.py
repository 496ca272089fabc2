"""Every module of ``zoomdesk`` is small and says its job in the first line of its docstring."""

from __future__ import annotations

import ast

import import_graph
import pytest

#: Past this a module usually has two jobs (docs/ARCHITECTURE.md).
MAX_LINES = 400

MODULES = import_graph.modules()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small_and_says_its_job(name: str) -> None:
    text = MODULES[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{name} has more than {MAX_LINES} lines"
    doc = ast.get_docstring(ast.parse(text))
    assert doc, f"{name} has no docstring"
    first = doc.splitlines()[0]
    assert first.strip() and first.rstrip().endswith((".", ":")), f"{name}: {first!r}"
