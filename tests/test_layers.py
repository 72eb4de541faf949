"""The house stays walkable: dependencies point one way, no two modules import each other (even
for types), and no module grows past 400 lines.

extract → resolve → store → query / view; the front door (cli, pipeline, server, snapshot) knows
everything and nothing imports it; the extractors know no RDF and no graph; the ontology knows nothing.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Each folder of the card and the import name it is mapped to (pyproject's package-dir).
PACKAGES = {"claimgraph": "claimgraph", "extractors": "claimgraph.extractors", "graph": "claimgraph.graph",
            "ontology": "claimgraph.ontology"}
FRONT_DOOR = {"claimgraph.cli", "claimgraph.pipeline", "claimgraph.server", "claimgraph.snapshot",
              "claimgraph.distributed", "claimgraph.evaluation", "claimgraph.replay", "claimgraph.scorer"}
SHARED = ("claimgraph.lazy", "claimgraph.ontology", "claimgraph.errors")
_EXTRACTOR_TYPES = ("claimgraph.extractors.records", "claimgraph.extractors.fields", "claimgraph.extractors.lexicon")
#: What each layer may import from claimgraph, besides itself and SHARED.
ALLOWED = {
    "claimgraph.ontology": (),
    "claimgraph.extractors": (),
    # Inside the extractors, by concern: the shared types and word lists know nothing else; reading,
    # finding, then who said it and the learned taggers; the modules at the top (rules, strategies,
    # extract, nlp) put them together.
    "claimgraph.extractors.fields": (),
    "claimgraph.extractors.records": ("claimgraph.extractors.fields",),
    "claimgraph.extractors.lexicon": (),
    "claimgraph.extractors.choices": (),
    "claimgraph.extractors.reading": _EXTRACTOR_TYPES,
    "claimgraph.extractors.finding": _EXTRACTOR_TYPES,
    "claimgraph.extractors.speakers": (*_EXTRACTOR_TYPES, "claimgraph.extractors.finding"),
    # training reads a corpus as extraction reads articles (cleaned)
    "claimgraph.extractors.learned": (*_EXTRACTOR_TYPES, "claimgraph.extractors.finding", "claimgraph.extractors.reading"),
    "claimgraph.graph.iris": (),
    "claimgraph.graph.resolve": ("claimgraph.extractors", "claimgraph.graph.iris"),
    "claimgraph.graph.store": ("claimgraph.extractors", "claimgraph.graph.iris", "claimgraph.graph.resolve"),
    "claimgraph.graph.query": ("claimgraph.graph.store",),
    "claimgraph.graph.view": ("claimgraph.extractors", "claimgraph.graph.iris", "claimgraph.graph.store"),
}


def modules() -> list[tuple[str, Path]]:
    out = []
    for folder, name in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            out.append((".".join([name, *parts]), path))
    return out


def imports(module: str, path: Path) -> set[str]:
    """The claimgraph modules ``path`` imports (relative imports resolved), type-only ones included."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
    return {m for m in found if m == "claimgraph" or m.startswith("claimgraph.")}


def _layer(module: str) -> str | None:
    return next((layer for layer in sorted(ALLOWED, key=len, reverse=True)
                 if module == layer or module.startswith(layer + ".")), None)


@pytest.mark.parametrize(("module", "path"), modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_dependencies_point_one_way(module, path):
    layer = _layer(module)
    if layer is None:  # the front door and the graph package's own namespace
        return
    for target in imports(module, path):
        if target.startswith(layer) or target.startswith(SHARED) or target == "claimgraph.graph":
            continue
        assert target not in FRONT_DOOR, f"{module} imports the front door ({target})"
        assert target.startswith(ALLOWED[layer]), f"{module} ({layer}) must not import {target}"


@pytest.mark.parametrize(("module", "path"), modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_no_module_is_over_400_lines(module, path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{module}: {lines} lines; split it by concern"


def test_no_import_cycles():
    """A cycle (even one hidden behind ``TYPE_CHECKING`` or a callback) means two modules are one
    concern split wrongly: the graph of claimgraph's own imports has none."""
    import networkx as nx

    known = dict(modules())
    G = nx.DiGraph()
    for module, path in known.items():
        for target in imports(module, path):
            while target not in known and "." in target:  # "from .x import name" names a module or its member
                target = target.rpartition(".")[0]
            if target in known and target != module and known[module].name != "__init__.py":  # facades re-export
                G.add_edge(module, target)
    cycles = list(nx.simple_cycles(G))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_the_graph_package_is_split_by_concern():
    concerns = {p.name for p in (ROOT / "graph").iterdir() if (p / "__init__.py").is_file()}
    assert {"store", "resolve", "query", "view"} <= concerns


def test_the_extractors_are_split_by_concern():
    """Reading articles, finding attributions, naming speakers and the learned model each have a
    sub-package; what they share is one module of types (records.py) and the word lists."""
    concerns = {p.name for p in (ROOT / "extractors").iterdir() if (p / "__init__.py").is_file()}
    assert {"reading", "finding", "speakers", "learned", "lexicon"} <= concerns
    flat = sorted(p.stem for p in (ROOT / "extractors").glob("*.py") if p.stem != "__init__")
    assert len(flat) <= 10, f"extractors/ has {len(flat)} top-level modules: {flat}"


def test_every_package_folder_ships_in_the_wheel():
    """pyproject lists the packages by hand (the card's folders are mapped into one namespace): a
    sub-package left out of the list works in a checkout and is missing from an installed wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {module for module, path in modules() if path.name == "__init__.py"}
    assert folders == listed
