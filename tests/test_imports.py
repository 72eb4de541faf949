"""Commands that never parse text answer at once: they must not import spaCy (or trafilatura)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "thinc", "trafilatura")


def loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize("module", ["claimgraph", "claimgraph.cli", "claimgraph.graph", "claimgraph.server",
                                    "claimgraph.graph.query.sparql", "claimgraph.graph.store.database", "claimgraph.graph.view.network",
                                    "claimgraph.graph.store.validate", "claimgraph.graph.store.export"])
def test_importing_a_command_module_does_not_load_spacy(module):
    assert loaded_after(f"import {module}") == []


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["serve", "--help"], ["stats", "--help"]])
def test_help_does_not_load_spacy(args):
    code = ("from click.testing import CliRunner\nfrom claimgraph.cli import main\n"
            f"r = CliRunner().invoke(main, {args!r})\nassert r.exit_code == 0, r.output")
    assert loaded_after(code) == []


def test_querying_stats_export_and_validate_do_not_load_spacy(tmp_path):
    from claimgraph.graph import GraphStore

    with GraphStore(tmp_path, write=True):  # an empty store is enough: no command parses text
        pass
    store = str(tmp_path)
    code = ("from click.testing import CliRunner\nfrom claimgraph.cli import main\n"
            f"for args in (['query', '--store', {store!r}, '--name', 'who-denies', '--param', 'text=x'],\n"
            f"             ['stats', '--store', {store!r}], ['validate', '--store', {store!r}],\n"
            f"             ['export', '--store', {store!r}, '-o', {str(tmp_path / 'g.trig')!r}]):\n"
            "    r = CliRunner().invoke(main, args)\n    assert r.exit_code == 0, (args, r.output)")
    assert loaded_after(code) == []


def test_the_library_still_offers_everything_by_name():
    import claimgraph
    from claimgraph import extractors, graph

    for package in (claimgraph, extractors, graph):
        for name in package.__all__:
            assert getattr(package, name) is not None, f"{package.__name__}.{name}"
    assert callable(extractors.extract) and callable(graph.export)


def test_every_lazy_name_is_listed_and_every_listed_name_is_offered():
    import claimgraph
    from claimgraph import extractors, graph
    from claimgraph.graph import query, resolve, store, view

    for package in (claimgraph, extractors, graph, query, resolve, store, view):
        assert set(package._LAZY) <= set(package.__all__), package.__name__
        for name in package.__all__:
            assert getattr(package, name) is not None, f"{package.__name__}.{name}"


@pytest.mark.parametrize("where", ["beside a clone named claimgraph", "anywhere else"])
def test_the_python_api_works_from_any_working_directory(tmp_path, where):
    """A script (or a notebook) in the folder that holds the clone must import the package, not the
    clone's folder as an empty namespace package ("module 'claimgraph' has no attribute 'build'")."""
    if where.startswith("beside"):
        (tmp_path / "claimgraph").symlink_to(ROOT, target_is_directory=True)
    (tmp_path / "script.py").write_text(
        "import claimgraph, claimgraph.extractors.strategies, claimgraph.graph.store, claimgraph.ontology\n"
        "print(claimgraph.build.__module__)\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "script.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "claimgraph.pipeline"
