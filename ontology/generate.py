"""Generate ``_cg.py``, the closed Python vocabulary, from ``claimgraph.ttl``.

    python -m claimgraph.ontology.generate      # rewrite ontology/_cg.py after editing the .ttl

A test checks that the file is up to date, so the .ttl stays the source of truth.
"""
from __future__ import annotations

from pathlib import Path

import rdflib

HERE = Path(__file__).parent
NAMESPACE = "https://w3id.org/claimgraph/ontology#"


def terms() -> list[str]:
    graph = rdflib.Graph().parse(HERE / "claimgraph.ttl")
    found = {str(s)[len(NAMESPACE):] for s in graph.subjects() if str(s).startswith(NAMESPACE)}
    return sorted(t for t in found if t)


def render() -> str:
    lines = [
        '"""The claimgraph vocabulary (cg:). Generated from claimgraph.ttl by generate.py — do not edit."""',
        "from __future__ import annotations",
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class CG(DefinedNamespace):",
        '    """Closed namespace: a misspelt term raises at import or attribute access."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
        "",
    ]
    lines += [f"    {t}: URIRef" for t in terms()]
    return "\n".join(lines) + "\n"


def main() -> None:
    (HERE / "_cg.py").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
