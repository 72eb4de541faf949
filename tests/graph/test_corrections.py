"""A fact-checker's corrections: kept with their provenance beside the machine's reading, seen by
the queries, the exports and the page, and held through rebuilds (issue 29)."""
from __future__ import annotations

import json
import shutil
import threading
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import main
from claimgraph.graph import GraphStore, execute, named_queries
from claimgraph.graph.resolve.corrections import CorrectionError
from claimgraph.review import correct
from claimgraph.server import ClaimgraphServer

from ..conftest import SEEDS

PM = "UK will pursue more options"  # "the PM says …": the extractor names him "PM"
SUMMIT = "The US-China summit"  # "… is thought to be": a hedge, not an attribution


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds built once from a folder of their own (copied per test: tests change it)."""
    root = tmp_path_factory.mktemp("review")
    src = root / "src"
    shutil.copytree(SEEDS, src)
    claimgraph.build([src], root / "out")
    return root


@pytest.fixture
def seeds(built, tmp_path):
    shutil.copytree(built / "src", tmp_path / "src")
    shutil.copytree(built / "out", tmp_path / "out")
    return tmp_path


def rows(out):
    return [json.loads(line) for line in (out / "attributions.jsonl").read_text(encoding="utf-8").splitlines()]


def find(out, words):
    """The first attribution whose content holds ``words`` (a corrected one first: the PM's words
    are there twice)."""
    return min((r for r in rows(out) if words in r["content"]), key=lambda r: not r.get("corrected_by"))


def ask(out, name, **params):
    with GraphStore(out) as store:
        body, _, _ = execute(store.ox, named_queries()[name].text, params, fmt="json", index=out)
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def lines(*corrections):
    return [json.dumps(c) for c in corrections]


def three(out):
    """Ana's review of the seeds: the PM is Boris Johnson, the summit hedge is no attribution, and
    "US official" is one of the "US officials"."""
    pm, summit = find(out, PM), find(out, SUMMIT)
    return lines({"attribution": pm["id"], "set": {"source": "Boris Johnson", "source_kind": "person"}, "by": "ana",
                  "note": "the PM is Boris Johnson"},
                 {"attribution": summit["id"], "reject": True, "by": "ana", "note": "a hedge, not an attribution"},
                 {"merge_actors": ["US officials", "US official"], "by": "ana", "note": "the same group"})


def test_a_speaker_set_an_attribution_rejected_and_two_actors_merged_change_the_export(seeds):
    out = seeds / "out"
    before = rows(out)
    report = correct(out, three(out))
    assert report.added == 3 and report.orphaned == []
    after = rows(out)
    assert len(after) == len(before) - 1 and not any(SUMMIT in r["content"] for r in after)
    pm = find(out, PM)
    assert pm["source"] == "Boris Johnson" and pm["source_kind"] == "person" and len(pm["corrected_by"]) == 1
    assert pm["source_text"] == "PM"  # the text is what it was: only the reading changed
    assert not any(r["source"] == "US official" for r in after)
    assert sum(r["source"] == "US officials" for r in after) == sum(r["source"] in ("US officials", "US official")
                                                                   for r in before)


def test_the_named_queries_and_the_page_use_the_corrected_view(seeds):
    out = seeds / "out"
    cited_before = {r["source"]: int(r["attributions"]) for r in ask(out, "most-cited-sources")}
    correct(out, three(out))
    cited = {r["source"]: int(r["attributions"]) for r in ask(out, "most-cited-sources")}
    assert "US official" not in cited and cited["US officials"] == cited_before["US officials"] + cited_before["US official"]
    assert "Boris Johnson" in {r["source"] for r in ask(out, "who-asserts", text="bolster Ukraine")}
    assert "Boris Johnson" in {r["source"] for r in ask(out, "claim-stances", text="bolster Ukraine")}
    page = (out / "explorer.html").read_text(encoding="utf-8")
    assert "Boris Johnson" in page and '"corrected":true' in page.replace(" ", "")


def test_a_query_sees_both_what_the_extractor_said_and_what_the_reviewer_decided(seeds):
    out = seeds / "out"
    correct(out, three(out))
    decided = {r["action"]: r for r in ask(out, "corrections")}
    pm = decided["set"]
    assert (pm["extractedSource"], pm["correctedSource"], pm["by"], pm["status"]) == ("PM", "Boris Johnson", "ana", "applied")
    assert pm["note"] == "the PM is Boris Johnson" and pm["at"].endswith("Z")
    assert decided["reject"]["status"] == "rejected"


def test_a_stance_the_reviewer_sets_is_final_and_the_story_follows(seeds):
    out = seeds / "out"
    target = find(out, "neutrality over the war")  # China "has claimed" neutrality: asserts
    correct(out, lines({"attribution": target["id"], "set": {"stance": "denies"}, "by": "ana"}))
    assert find(out, "neutrality over the war")["stance"] == "denies"
    assert "China" in {r["source"] for r in ask(out, "who-denies", text="neutrality")}


def test_an_attribution_moved_to_another_claim_and_a_claim_split(seeds):
    out = seeds / "out"
    a, b = find(out, PM), find(out, "I’ve never heard of that")
    correct(out, lines({"attribution": a["id"], "set": {"claim": b["id"]}, "by": "ana"}))
    assert find(out, PM)["claim"] == b["claim"]
    members = [r for r in rows(out) if r["claim"] == b["claim"]]
    correct(out, lines({"split_claim": b["claim"], "attributions": [find(out, PM)["id"]], "by": "ana"}))
    moved = find(out, PM)["claim"]
    assert moved != b["claim"] and moved.startswith("split-")
    assert len([r for r in rows(out) if r["claim"] == b["claim"]]) == len(members) - 1


def test_corrections_hold_after_the_article_is_edited_and_built_again(seeds):
    out, src = seeds / "out", seeds / "src"
    correct(out, three(out))
    article = src / "001_16c6418ccb6e6c3b.txt"
    text = article.read_text(encoding="utf-8")
    cut = text.index("\n\n", 200)  # a sentence added near the top: every later offset and id moves
    article.write_text(text[:cut] + "\n\nA Kremlin aide said on Monday that the talks would go on." + text[cut:],
                       encoding="utf-8")
    report = claimgraph.build([src], out)
    assert report.graphs["replaced"] == 1 and report.orphaned == []
    pm = find(out, PM)
    assert pm["source"] == "Boris Johnson" and pm["corrected_by"]
    assert not any(SUMMIT in r["content"] for r in rows(out))
    assert not any(r["source"] == "US official" for r in rows(out))
    assert any("Kremlin aide" in r["sentence"] for r in rows(out))  # the new sentence is read as any other


def test_a_correction_whose_sentence_was_deleted_is_reported_and_kept(seeds):
    out, src = seeds / "out", seeds / "src"
    correct(out, three(out))
    article = src / "001_16c6418ccb6e6c3b.txt"
    text = article.read_text(encoding="utf-8")
    start = text.index(SUMMIT)
    article.write_text(text[:start] + text[text.index(".", start) + 1:], encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "its target is gone" in line]
    assert len(said) == 1 and "reject by ana" in said[0] and "001_16c6418ccb6e6c3b.txt" in said[0]
    kept = ask(out, "orphaned-corrections")
    assert len(kept) == 1 and kept[0]["note"] == "a hedge, not an attribution"
    twins = sorted((r for r in rows(out) if PM in r["content"]), key=lambda r: r["content_start"])
    assert [r["source"] for r in twins] == ["Boris Johnson", "PM"]  # the others hold, on the same one of the two


def test_a_file_with_a_bad_line_is_refused_whole_naming_the_line(seeds, tmp_path):
    out = seeds / "out"
    before = (out / "attributions.jsonl").read_bytes()
    good = three(out)[0]
    path = tmp_path / "review.jsonl"
    path.write_text("\n".join([good, '{"attribution": "no-such-id", "reject": true}',
                               json.dumps({"attribution": find(out, PM)["id"], "set": {"speaker": "x"}}),
                               '{"merge_actors": ["Nobody Here", "US officials"]}', "{not json"]) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["correct", "--store", str(out), str(path)])
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if line.startswith("claimgraph: refused")]
    assert [line.split(": ")[1].rsplit(":", 1)[1] for line in refused] == ["2", "3", "4", "5"]
    assert "no attribution 'no-such-id'" in refused[0] and "cannot set 'speaker'" in refused[1]
    assert (out / "attributions.jsonl").read_bytes() == before  # not even the good line
    with GraphStore(out) as store:
        assert not any(g.value.endswith("/graph/corrections") for g in store.ox.named_graphs())


def test_the_same_corrections_twice_change_nothing_more(seeds):
    out = seeds / "out"
    review = three(out)
    correct(out, review)
    once = (out / "attributions.jsonl").read_bytes()
    again = correct(out, review)  # the rejected one's target is gone, and that is fine: it is the same line
    assert again.added == 0 and (out / "attributions.jsonl").read_bytes() == once


def test_an_unknown_stance_or_kind_is_refused():
    from claimgraph.graph.resolve.corrections import Known, parse

    with pytest.raises(CorrectionError, match="unknown stance 'maybe'"):
        parse(['{"attribution": "x", "set": {"stance": "maybe"}}'],
              Known(records={"x": _record()}, actors={}, claims=set()))


def _record():
    from claimgraph.extractors import Attribution
    from claimgraph.extractors.records import Source

    return Attribution(id="x", doc="d", source=Source("he", "Al", "person"), cue="said", cue_start=0, cue_end=4,
                       content="it rained", content_start=5, content_end=14, type="indirect", stance="asserts",
                       certainty="certain", sentence="said it rained", sentence_start=0, sentence_end=14)


def test_the_server_takes_corrections_with_its_token_only(seeds):
    out = seeds / "out"
    server = ClaimgraphServer(out, port=0, allow_update=True, workers=1, token="s3cret")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def post(body, token):
        headers = {"Content-Type": "application/x-ndjson", **({"Authorization": f"Bearer {token}"} if token else {})}
        req = urllib.request.Request(f"{base}/corrections", data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    try:
        body = "\n".join(three(out)) + "\n"
        assert post(body, None)[0] == 401 and post(body, "wrong")[0] == 401
        assert post('{"attribution": "no-such-id", "reject": true}\n', "s3cret")[0] == 400
        status, said = post(body, "s3cret")
        assert status == 200 and json.loads(said)["added"] == 3
        assert find(out, PM)["source"] == "Boris Johnson"
    finally:
        server.shutdown()
        server.server_close()


def test_a_refused_file_leaves_even_the_catalog_as_it_was(seeds):
    from claimgraph.graph.store.catalog import health

    out = seeds / "out"
    with pytest.raises(CorrectionError):
        correct(out, ['{"attribution": "no-such-id", "reject": true}'])
    assert health(out) == "whole and current"


@pytest.mark.parametrize(("line", "said"), [
    ('{"merge_actors": ["US officials", "US officials"]}', "one actor only"),
    ('{"merge_actors": ["US officials", "US official"], "at": "not a date } DROP ALL"}', "not an ISO 8601 time"),
    ('{"attribution": "ID", "set": {"stance": ["denies"]}}', "unknown stance"),
    ('{"attribution": "ID", "set": {"source": "X", "source_kind": {"a": 1}}}', "unknown source_kind"),
    ('{"attribution": "ID", "note": "\\ud800", "reject": true}', "not valid Unicode"),
    ('{"attribution": "ID", "reject": true, "at": ' + "9" * 5000 + "}", "not a correction"),
])
def test_hostile_corrections_are_refused_naming_why(seeds, line, said):
    out = seeds / "out"
    with pytest.raises(CorrectionError, match=said):
        correct(out, [line.replace("ID", find(out, PM)["id"])])
