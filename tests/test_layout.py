"""The code layout: the module import graph of ``src/storyline`` has no cycle, and nothing
outside ``storyline.evaluation`` and ``storyline.cli`` imports the evaluation package.

Imports are read with ``ast`` from every module, at module level and inside functions
(and classes); relative imports and ``from pkg import module`` are resolved to modules.
Importing ``a.b.c`` from outside package ``a.b`` also runs ``a/b/__init__.py``, so it
counts as an import of that package too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import storyline

SRC = Path(storyline.__file__).resolve().parent
ROOT = "storyline"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _known(name: str, mods: dict[str, Path]) -> str | None:
    """``name`` or its longest prefix that is one of our modules."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in mods:
            return candidate
        parts.pop()
    return None


def imports_of(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    """The modules of ``mods`` that module ``name`` imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for a in node.names:
                sub = f"{origin}.{a.name}"
                targets.add(sub if sub in mods else origin)
    out: set[str] = set()
    for t in targets:
        if not (t == ROOT or t.startswith(ROOT + ".")):
            continue
        known = _known(t, mods)
        if known is None:
            continue
        out.add(known)
        # the packages above the target that do not hold the importer run their __init__
        parts = known.split(".")
        for i in range(2, len(parts)):
            pkg = ".".join(parts[:i])
            if pkg in mods and not (name == pkg or name.startswith(pkg + ".")):
                out.add(pkg)
    out.discard(name)
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, mods) for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_graph_sees_function_level_relative_and_submodule_imports(tmp_path):
    mods = {"storyline.a": tmp_path / "a" / "__init__.py", "storyline.a.x": tmp_path / "a" / "x.py",
            "storyline.a.y": tmp_path / "a" / "y.py", "storyline.b": tmp_path / "b.py"}
    src = tmp_path / "a" / "x.py"
    src.parent.mkdir()
    src.write_text("from . import y\n\ndef f():\n    from storyline import b\n    import os\n")
    assert imports_of("storyline.a.x", src, mods) == {"storyline.a.y", "storyline.b"}
    other = tmp_path / "b.py"
    other.write_text("def g():\n    from storyline.a.y import thing\n")
    assert imports_of("storyline.b", other, mods) == {"storyline.a.y", "storyline.a"}
    assert find_cycle({"p": {"q"}, "q": {"r"}, "r": {"p"}}) == ["p", "q", "r", "p"]
    assert find_cycle({"p": {"q"}, "q": set()}) is None


def test_no_import_cycles():
    graph = import_graph()
    assert "storyline.enrich.stage" in graph and graph["storyline.enrich.stage"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_only_cli_and_evaluation_import_the_evaluation_package():
    graph = import_graph()
    allowed = ("storyline.evaluation", "storyline.cli")
    bad = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        if not any(name == a or name.startswith(a + ".") for a in allowed)
        for target in targets
        if target == "storyline.evaluation" or target.startswith("storyline.evaluation.")
    )
    assert not bad, "the product imports the evaluation package:\n" + "\n".join(bad)
    assert any(t.startswith("storyline.evaluation.") for t in graph["storyline.evaluation.geo.evaluate"])


def test_stages_do_not_import_ingest():
    """The pipeline loads the stages by name (so the graph above cannot see that edge) and
    ingest runs the pipeline: a stage importing ingest would close a cycle at run time."""
    graph = import_graph()
    stages = ("storyline.clean", "storyline.dedupe", "storyline.stories", "storyline.enrich")
    bad = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        if any(name == s or name.startswith(s + ".") for s in stages)
        for target in targets
        if target == "storyline.ingest" or target.startswith("storyline.ingest.")
    )
    assert not bad, "\n".join(bad)
