"""Who said it first, and how did it spread? The seeds, dated, as a fact-checker would line them up."""
from __future__ import annotations

import pyoxigraph as ox
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.graph import GraphStore
from claimgraph.graph.iris import cg
from claimgraph.graph.query.timeline import timeline


def aid_claim(mentions):
    return [m for m in mentions if m.claim.startswith("Russia has asked China")]


def test_the_aid_claims_mentions_run_from_the_earliest_article(dated):
    with GraphStore(dated) as store:
        mentions = aid_claim(timeline(store.ox, "military"))
    assert len(mentions) >= 10
    days = [m.published for m in mentions]
    assert days == sorted(days) and days[0] == "2022-03-13"
    first = mentions[0]
    assert first.role == "first report" and first.article.startswith("003") and first.source == "Financial Times"
    # The FT "reported on Sunday": the statement time, resolved against its publication day.
    assert (first.said, first.said_as) == ("2022-03-13", "Sunday")
    assert {m.role for m in mentions} >= {"relay", "denial"}
    assert {m.source for m in mentions if m.role == "denial"} >= {"Liu Pengyu", "Dmitry Peskov"}


def test_the_story_graph_records_the_first_report_and_the_first_denial(dated):
    with GraphStore(dated) as store:
        firsts = {q.subject: q.object for q in store.ox.quads_for_pattern(None, cg("firstReport"), None, None)}
        denials = list(store.ox.quads_for_pattern(None, cg("firstDenial"), None, None))
        assert firsts and denials
        denial = denials[0].object
        stance = next(store.ox.quads_for_pattern(denial, cg("stance"), None, None)).object
        assert isinstance(stance, ox.NamedNode) and stance.value.endswith("#Denial")


def test_the_command_line_prints_the_timeline(dated):
    result = CliRunner().invoke(main, ["timeline", "--store", str(dated), "--claim", "military"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    aid = lines.index(next(line for line in lines if line.startswith("Russia has asked China")))
    assert lines[aid + 1].split()[:3] == ["2022-03-13", "first", "report"]
    nothing = CliRunner().invoke(main, ["timeline", "--store", str(dated), "--claim", "no such words"])
    assert nothing.exit_code == 0 and "no claim has a mention containing" in nothing.output


def test_the_quick_starts_build_of_the_seed_files_gives_a_dated_timeline_first_report_first(seeds_out):
    """The README's first command builds plain files: their metadata.csv dates them (issue 28)."""
    result = CliRunner().invoke(main, ["timeline", "--store", str(seeds_out), "--claim", "military"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines() if line.startswith("  20")]
    assert len({r[0] for r in rows}) >= 3 and "date unknown" not in result.output
    blocks = result.output.split("\n\n")
    for block in filter(str.strip, blocks):
        first = next(line for line in block.splitlines() if line.startswith("  "))
        assert first.split()[1:3] == ["first", "report"], block  # never a relay before its first report
