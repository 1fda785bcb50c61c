"""The name library is pure and has no import loop: every module can be read from the top."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import archive.names

PACKAGE = Path(archive.names.__file__).parent


def imports_of(path: Path) -> set[str]:
    """The absolute names of what a module of the package imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "archive.names" if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found.add(module)
            if node.level and not node.module:  # from . import x
                found.update(f"archive.names.{alias.name}" for alias in node.names)
    return found


def modules() -> dict[str, set[str]]:
    return {
        f"archive.names.{path.stem}" if path.stem != "__init__" else "archive.names": imports_of(path)
        for path in PACKAGE.glob("*.py")
    }


def test_it_imports_nothing_of_django():
    for name, imported in modules().items():
        assert not {i for i in imported if i.split(".")[0] == "django"}, name


def test_its_modules_import_one_another_without_a_loop():
    graph = {
        name: {i for i in imported if i.startswith("archive.names.") and i != name}
        for name, imported in modules().items()
        if name != "archive.names"
    }
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as e:
        raise AssertionError(f"import loop: {e.args[1]}") from None
    assert order.index("archive.names.romaji") < order.index("archive.names.cyrillic")
