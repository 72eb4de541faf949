"""Generate the Python side of the vocabulary from ``claimgraph.ttl``, the source of truth.

    python -m claimgraph.ontology.generate      # after editing the .ttl

It writes ``_cg.py`` (the closed rdflib namespace), ``vocab.py`` (the stances, modes, quote kinds
and actor kinds as enums, with their terms, stance edges and polarities) and the stance tables of
the named queries (the ``VALUES`` line before a ``# vocabulary: …`` comment). A test checks that
all of them are up to date, so adding a stance is an edit of the .ttl (plus its lexicon words and
its colour) and one run of this script.
"""
from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL

HERE = Path(__file__).parent
NAMESPACE = "https://w3id.org/claimgraph/ontology#"
CG = rdflib.Namespace(NAMESPACE)
#: The named queries' generated lines: ``VALUES … { … }  # vocabulary: <table>``.
_TABLE_LINE = re.compile(r"(?m)^(?P<indent>[ \t]*)VALUES[^\n]*?# vocabulary: (?P<table>[a-z ]+)$")


def _graph() -> rdflib.Graph:
    return rdflib.Graph().parse(HERE / "claimgraph.ttl")


def terms() -> list[str]:
    graph = _graph()
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


def _local(term: rdflib.term.Node | None) -> str:
    return str(term)[len(NAMESPACE):]


def _members(graph: rdflib.Graph, listed: rdflib.term.Node | None) -> list[tuple[str, str]]:
    """(code, local name) of each term of an RDF list, in its order."""
    if listed is None:
        raise SystemExit("claimgraph.ttl lacks a list the vocabulary is generated from (owl:oneOf, cg:kinds)")
    out = []
    for term in Collection(graph, listed):
        code = graph.value(term, CG.code)
        if code is None:
            raise SystemExit(f"{_local(term)} has no cg:code in claimgraph.ttl")
        out.append((str(code), _local(term)))
    return out


def _tables(graph: rdflib.Graph) -> dict[str, list[tuple[str, str]]]:
    one_of = {name: graph.value(CG[name], OWL.oneOf) for name in ("Stance", "Mode", "QuoteKind")}
    return {
        "Stance": _members(graph, one_of["Stance"]),
        "Mode": _members(graph, one_of["Mode"]),
        "QuoteKind": _members(graph, one_of["QuoteKind"]),
        "SourceKind": _members(graph, graph.value(CG.Actor, CG.kinds)),
    }


_DOCS = {
    "Stance": "How a source stands toward a claim (``cg:Stance``).",
    "Mode": "What kind of attribution: a speech act, a belief, an intention, evidence a record gives or an\n"
            "    evaluation (``cg:Mode``; PolNeAR counts them all; Pareti 2016).",
    "QuoteKind": "Whether the content is quoted (``cg:QuoteKind``).",
    "SourceKind": "The kinds of actor (the subclasses of ``cg:Actor`` in ``cg:kinds``).",
}


def render_vocab() -> str:
    graph = _graph()
    tables = _tables(graph)
    lines = [
        '"""The claimgraph vocabulary as typed enums. Generated from claimgraph.ttl by generate.py — do not edit.',
        "",
        "Each member is its record code (a ``str``: ``Stance.ASSERTS == \"asserts\"``); the tables below give",
        "its ontology term, and for stances the actor → claim edge and the polarity. No import of rdflib or",
        'pyoxigraph: the extractors use these too."""',
        "from __future__ import annotations",
        "",
        "from enum import StrEnum",
        "from typing import Final",
        "",
        f'NS: Final = "{NAMESPACE}"',
    ]
    for name, members in tables.items():
        lines += ["", "", f"class {name}(StrEnum):", f'    """{_DOCS[name]}"""', ""]
        lines += [f'    {code.upper()} = "{code}"' for code, _ in members]
    for name, members in tables.items():
        lines += ["", "", f"#: Each {name} member's term (an IRI in ``NS``).",
                  f"{_snake(name)}_TERM: Final[dict[{name}, str]] = {{"]
        lines += [f'    {name}.{code.upper()}: NS + "{local}",' for code, local in members]
        lines.append("}")
    edges = {code: _local(graph.value(CG[local], CG.stanceEdge)) for code, local in tables["Stance"]}
    polarity = {code: str(graph.value(CG[local], CG.polarity)) for code, local in tables["Stance"]}
    lines += ["", "", "#: The actor → claim property each stance is materialised as.",
              "STANCE_EDGE: Final[dict[Stance, str]] = {"]
    lines += [f'    Stance.{code.upper()}: NS + "{edges[code]}",' for code, _ in tables["Stance"]]
    lines += ["}", "#: Stances for a claim and against it: a contested claim has one of each, from different actors."]
    for side in ("positive", "negative"):
        chosen = ", ".join(f"Stance.{c.upper()}" for c, _ in tables["Stance"] if polarity[c] == side)
        lines.append(f"{side.upper()}_STANCES: Final[frozenset[Stance]] = frozenset({{{chosen}}})")
    lines += ["#: Every term the ontology defines (local names): code that mints a term checks against it.",
              "TERMS: Final[frozenset[str]] = frozenset({"]
    row = "   "
    for name in terms():
        if len(row) + len(name) + 4 > 110:
            lines.append(row)
            row = "   "
        row += f' "{name}",'
    lines += [row, "})"]
    return "\n".join(lines) + "\n"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def query_tables(graph: rdflib.Graph | None = None) -> dict[str, str]:
    """The named queries' generated ``VALUES`` tables, by name."""
    graph = graph or _graph()
    stances = _tables(graph)["Stance"]
    polarity = {code: str(graph.value(CG[local], CG.polarity)) for code, local in stances}

    def table(rows: list[tuple[str, str]]) -> str:
        return "VALUES (?st ?stance) { " + " ".join(f'(cg:{local} "{code}")' for code, local in rows) + " }"

    return {
        "stance codes": table(stances),
        "positive stance codes": table([(c, n) for c, n in stances if polarity[c] == "positive"]),
    }


def render_query(text: str, tables: dict[str, str]) -> str:
    """A named query with its generated ``VALUES`` lines rewritten."""
    def line(m: re.Match[str]) -> str:
        name = m.group("table").strip()
        if name not in tables:
            raise SystemExit(f"unknown vocabulary table {name!r}; known: {sorted(tables)}")
        return f"{m.group('indent')}{tables[name]}  # vocabulary: {name}"
    return _TABLE_LINE.sub(line, text)


def main() -> None:
    (HERE / "_cg.py").write_text(render(), encoding="utf-8")
    (HERE / "vocab.py").write_text(render_vocab(), encoding="utf-8")
    tables = query_tables()
    for path in sorted((HERE / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        path.write_text(render_query(text, tables), encoding="utf-8")


if __name__ == "__main__":
    main()
