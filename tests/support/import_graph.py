"""The import graph of ``zoomdesk``, read from the source: every import, deferred ones included.

Imports inside functions count, and so, for circles, do those under
``if TYPE_CHECKING:``: a circle that only type checkers see is still two
modules that cannot be understood one without the other. A module's implicit
import of its parent package is left out; importing a package's face
(``from zoomdesk.core.meeting import X``) from inside it is not.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "zoomdesk"


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: Path = PACKAGE, root: Path = REPO) -> dict[str, Path]:
    """Every module below ``package``, by dotted name."""
    return {module_name(p, root): p for p in sorted(package.rglob("*.py"))}


def runtime_imports(
    tree: ast.Module, current: str = "", is_package: bool = False, *, type_checking: bool = False
) -> list[str]:
    """Imported names (``a.b`` and ``a.b.name``); ``if TYPE_CHECKING:`` blocks only on request."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if (
            not type_checking
            and isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test)
        ):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = current.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def graph(
    package: Path = PACKAGE, root: Path = REPO, *, type_checking: bool = True
) -> dict[str, set[str]]:
    """Module -> the ``zoomdesk`` modules it imports (the most specific existing name)."""
    known = modules(package, root)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        is_package = path.name == "__init__.py"
        for imported in runtime_imports(tree, name, is_package, type_checking=type_checking):
            if imported in known:
                targets.add(imported)
        # ``from a.b import c`` adds both ``a.b`` and ``a.b.c``; where ``c`` is a
        # module, the package face ``a.b`` was only passed through.
        for target in list(targets):
            passed_through = any(other.startswith(target + ".") for other in targets)
            if passed_through and not _names_of(tree, target, known):
                targets.discard(target)
        targets.discard(name)
        edges[name] = targets
    return edges


def _names_of(tree: ast.Module, package: str, known: dict[str, Path]) -> bool:
    """Whether ``from package import ...`` in ``tree`` takes any name that is not a module."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == package
            and any(f"{package}.{a.name}" not in known for a in node.names)
        ):
            return True
        if isinstance(node, ast.Import) and any(a.name == package for a in node.names):
            return True
    return False


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module, as a sorted list (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                strongconnect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            strongconnect(node)
    return found
