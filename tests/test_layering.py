"""The pipeline's layering, read from the source: every import, wherever it stands in a module
(module level, inside a function, under TYPE_CHECKING), counts.

- Only the document imports lawlint.model.document: the stages it builds (dates, figures,
  residue, signature, profiles …) receive what they read and never import it back.
- The imports among lawlint/model modules form no cycle.
- The pipeline never imports back up: readers -> model -> rules -> reporters -> cli.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lawlint"

# Shared infrastructure any stage may import: errors and messages, safe writes, streams, package
# data, the parse cache, the regex cache, Chinese numerals, the package itself (its version).
SHARED = {"lawlint", "lawlint.errors", "lawlint.writer", "lawlint.streams", "lawlint.resources",
          "lawlint.cache", "lawlint.regexes", "lawlint.numerals"}

# A stage and the stages above it, which it must never import.
ABOVE = {
    "lawlint.readers": ("lawlint.model", "lawlint.rules", "lawlint.reporters", "lawlint.engine",
                        "lawlint.cli"),
    "lawlint.model": ("lawlint.rules", "lawlint.reporters", "lawlint.engine", "lawlint.cli"),
    "lawlint.rules": ("lawlint.reporters", "lawlint.engine", "lawlint.cli"),
    "lawlint.reporters": ("lawlint.cli",),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _imports(module: str) -> set[str]:
    """The lawlint modules ``module`` imports, relative imports resolved; ``from . import x``
    names module ``x`` when it is one, else the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if _is_package(module) else 0)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:
                submodule = f"{prefix}.{alias.name}"
                found.add(submodule if submodule in MODULES else prefix)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module) for module in MODULES}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_imports_are_resolved() -> None:
    """The graph sees the imports it is about (a resolver that found nothing would pass all)."""
    assert "lawlint.model.grammar" in GRAPH["lawlint.model.document"]
    assert "lawlint.model.document" in GRAPH["lawlint.engine"]
    assert "lawlint.cache" in GRAPH["lawlint.model.grammar"]  # from .. import cache


def test_only_the_document_imports_the_document() -> None:
    importers = sorted(m for m, targets in GRAPH.items()
                       if _within(m, "lawlint.model") and m != "lawlint.model.document"
                       and "lawlint.model.document" in targets)
    assert importers == [], "these model modules import lawlint.model.document: " + ", ".join(importers)


def _cycle(graph: dict[str, set[str]], nodes: set[str]) -> list[str] | None:
    """A cycle of ``graph`` restricted to ``nodes``, as the modules along it; None if acyclic."""
    state: dict[str, str] = {}  # "open" while on the depth-first path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node] & nodes):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(nodes):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_model_imports_are_acyclic() -> None:
    model = {m for m in MODULES if _within(m, "lawlint.model")}
    cycle = _cycle(GRAPH, model)
    assert cycle is None, "import cycle in lawlint/model: " + " -> ".join(cycle or [])


def test_cycle_finder_reports_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert _cycle(graph, set(graph)) == ["a", "b", "c", "a"]
    assert _cycle(graph, {"a", "b", "d"}) is None


@pytest.mark.parametrize("stage", sorted(ABOVE))
def test_stages_never_import_back_up(stage: str) -> None:
    wrong = sorted(f"{module} imports {target}"
                   for module, targets in GRAPH.items() if _within(module, stage)
                   for target in targets
                   if target not in SHARED and any(_within(target, up) for up in ABOVE[stage]))
    assert wrong == []
