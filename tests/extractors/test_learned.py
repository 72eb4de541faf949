"""The trained attribution model: packaged weights, BIO decoding, the extractor seam, training."""
from __future__ import annotations

import filecmp

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.extractors import Article, ModelMissing, PipelineSpec, extract, load_pipeline
from claimgraph.extractors.learned.tagger import DEFAULT_MODEL_DIR, AttributionModel, spans
from claimgraph.extractors.lexicon import EN
from claimgraph.extractors.strategies import EXTRACTORS, Extractor, make_extractor

from ..conftest import FIXTURES

SLICE = FIXTURES / "polnear_slice"


def test_the_trained_weights_ship_with_the_package_and_stay_small():
    assert DEFAULT_MODEL_DIR.is_dir()
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir())
    assert 0 < size < 30_000_000
    AttributionModel()  # loads from the installed package


def test_bio_labels_decode_to_spans():
    labels = ["O", "B-CNT", "I-CNT", "O", "B-SRC", "B-CNT", "I-CNT", "I-CNT"]
    assert spans(labels, "CNT") == [(1, 3), (5, 8)]
    assert spans(labels, "SRC", offset=10) == [(14, 15)]
    assert spans(["I-CUE", "I-CUE"], "CUE") == [(0, 2)]


def test_the_model_alone_finds_source_cue_and_content():
    model = AttributionModel()
    bare = load_pipeline(attributions=False)
    doc = bare("Republican leaders believe the tax plan will pass before the summer recess.")
    [tagged] = model.tag(doc)
    assert doc[tagged.source[0]:tagged.source[1]].text == "Republican leaders"
    assert doc[tagged.cue[0]:tagged.cue[1]].text == "believe"
    assert " ".join(doc[a:b].text for a, b in tagged.content) == "the tax plan will pass before the summer recess"
    assert 0.5 < tagged.confidence <= 1.0


@pytest.mark.parametrize("name", EXTRACTORS)
def test_every_extractor_plugs_into_the_pipeline(name):
    nlp = load_pipeline(PipelineSpec(extractor=name))
    [(_, recs)] = list(extract([Article(id="t", text="The mayor said the bridge would reopen in May.")], nlp))
    assert [(r.source.text, r.cue, r.content) for r in recs] == [("The mayor", "said", "the bridge would reopen in May")]


def test_an_extractor_of_your_own_follows_the_protocol(nlp):
    from claimgraph.extractors.records import Found

    class Nothing:
        def __call__(self, doc) -> list[Found]:
            return []

    finder = nlp.get_pipe("claimgraph_attributions")
    mine: Extractor = Nothing()
    before, finder.extractor = finder.extractor, mine
    try:
        [(_, recs)] = list(extract([Article(id="t", text="The mayor said the bridge would reopen.")], nlp))
    finally:
        finder.extractor = before
    assert recs == []


def test_unknown_extractor_and_missing_weights_are_refused(tmp_path):
    with pytest.raises(ValueError, match="hybrid, model, rules"):
        make_extractor("magic", EN)  # type: ignore[arg-type]
    with pytest.raises(ModelMissing, match="claimgraph train"):
        AttributionModel(tmp_path)


def test_training_on_a_slice_writes_weights_that_load_and_tag(tmp_path):
    runner = CliRunner()
    args = ["train", str(SLICE), "--iterations", "20"]
    first = runner.invoke(main, [*args, "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    assert "trained on 6 articles (20 attributions" in first.output
    model = AttributionModel(tmp_path / "a")
    doc = load_pipeline(attributions=False)("The governor said the budget was balanced.")
    assert isinstance(model.tag(doc), list)
    # the same corpus gives the same weights
    second = runner.invoke(main, [*args, "--out", str(tmp_path / "b")])
    assert second.exit_code == 0, second.output
    assert filecmp.cmp(tmp_path / "a" / "cue.crfsuite", tmp_path / "b" / "cue.crfsuite", shallow=False)
    assert filecmp.cmp(tmp_path / "a" / "role.crfsuite", tmp_path / "b" / "role.crfsuite", shallow=False)


def test_build_uses_weights_you_trained(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["train", str(SLICE), "--iterations", "5", "--out", str(tmp_path / "w")]).exit_code == 0
    (tmp_path / "in.txt").write_text("The governor said the budget was balanced for the third year.", encoding="utf-8")
    result = runner.invoke(main, ["build", str(tmp_path / "in.txt"), "--out", str(tmp_path / "out"),
                                  "--extractor", "model", "--weights", str(tmp_path / "w")])
    assert result.exit_code == 0, result.output


def test_training_refuses_a_folder_that_is_no_corpus(tmp_path):
    result = CliRunner().invoke(main, ["train", str(tmp_path), "--out", str(tmp_path / "w")])
    assert result.exit_code != 0 and "needs gold.jsonl and articles/" in result.output


# -- what the learned additions must not bring ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The former aide pleaded guilty to lying to investigators in March.",
    "The campaign manager was charged with fraud last year.",
    "The newspaper published the archives on Monday.",
    "The governor attacked the investigation.",
    "Asked whether the budget was to blame, the minister paused.",
])
def test_acts_that_are_not_attributions_are_not_added(attributions, text):
    assert attributions(text) == [], text


def test_the_first_person_inside_a_credited_quote_is_not_a_second_speaker(attributions):
    recs = attributions("“We urge the committee to act now, and we believe it will,” Senator Ada Ruiz said on Tuesday.")
    assert {r.source.name for r in recs} == {"Ada Ruiz"}


def test_an_evaluation_that_gives_its_reason_stays(attributions):
    [rec] = attributions("The senator praised the governor for her handling of the floods.")
    assert rec.mode == "evaluation"


@pytest.mark.parametrize("text", [
    "Trump offered some flexibility, despite disagreements over the funding of the promised wall.",
    "The meeting also highlighted the difficulty of the current situation for both parties.",
])
def test_a_learned_attribution_without_a_speaker_is_not_added(attributions, text):
    assert all(r.source.name not in {"unspecified (implicit)", "unknown source"} for r in attributions(text)), text


@pytest.mark.parametrize("text", [
    "The state legislature passed the bill last week.",
    "Trump said on Friday he could declare a national emergency if talks fail, and then railed against the press.",
])
def test_a_thing_done_is_not_a_proposition_said(attributions, text):
    recs = attributions(text)
    assert all(r.cue not in {"passed", "could declare", "railed against"} for r in recs), [r.cue for r in recs]
