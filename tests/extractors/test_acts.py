"""One utterance, several claims: a quote split by its cue ("“A,” she said. “B.”") stays two claims
for the graph, and both carry the same act, so a PolNeAR-style scorer can read them as one."""
from __future__ import annotations

import json

import pytest

import claimgraph
from claimgraph.graph import GraphStore
from claimgraph.graph.iris import cg
from claimgraph.scorer import exact, merge_acts

SPLIT = ("“We will not move on this, not one inch,” the minister said on Tuesday. “Not this year, and not "
         "under this government.”\n\nShe added that talks with the unions would go on.")


def test_a_quote_split_by_its_cue_is_one_utterance_of_two_claims(attributions):
    first, second, added = attributions(SPLIT)
    assert first.content.startswith("We will not move") and second.content.startswith("Not this year")
    assert first.act == second.act == first.id  # the part that opens the utterance names it
    assert second.source.name == first.source.name
    assert added.act is None  # a new cue is a new utterance


def test_a_quote_paragraph_going_on_without_a_cue_joins_the_utterance(attributions):
    text = ("“The bridge will reopen in May,” said Mayor Ann Lee.\n\n“The repairs are ahead of schedule and "
            "under budget, and the crews have worked through the winter.”\n\n“We owe the drivers an apology "
            "for the delays,” she said.")
    records = attributions(text)
    assert [r.act for r in records] == [records[0].id, records[0].id, None]


def test_merged_by_act_the_parts_are_the_span_polnear_annotates(attributions):
    records = [r.to_json() for r in attributions(SPLIT)]
    [merged] = [r for r in merge_acts({"t": records})["t"] if r.get("act")]
    gold = "We will not move on this, not one inch Not this year, and not under this government."
    assert exact(merged["content"], gold)
    assert merged["cue"] == "said"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("acts")
    (folder / "minister.txt").write_text(SPLIT, encoding="utf-8")
    out = folder / "out"
    claimgraph.build([folder / "minister.txt"], out)
    return out


def test_the_act_is_in_the_export_the_graph_and_what_reads_it_back(built):
    rows = [json.loads(line) for line in (built / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]
    opener = rows[0]["id"]
    assert [r["act"] for r in rows] == [opener, opener, None]
    with GraphStore(built) as store:
        acts = {(q.subject.value.rsplit("/", 1)[-1], q.object.value.rsplit("/", 1)[-1])
                for q in store.ox.quads_for_pattern(None, cg("act"), None, None)}
    assert acts == {(opener, opener), (rows[1]["id"], opener)}


def test_the_explorer_shows_an_utterance_once_with_every_part_marked(built):
    from claimgraph.graph.view.network import project

    with GraphStore(built) as store:
        G = project(store.ox)
    evidence = {ev.record: ev for *_, e in G.edges(data=True) for ev in e["evidence"]}
    opener = min(evidence)
    ev = evidence[opener]
    assert ev.act == opener
    a, b = ev.context_at
    passage = SPLIT[a:b]
    [(s, e)] = ev.context_parts
    assert passage[s:e].startswith("Not this year")
    assert passage[slice(*ev.context_content)].startswith("We will not move")
