"""Attribution rules on sentences written for these tests (not from the seed corpus)."""
from __future__ import annotations

import pytest


def only(records, **want):
    """The one record matching ``want`` (by field prefix for strings)."""
    hits = [r for r in records if all(_field(r, k) == v for k, v in want.items())]
    assert len(hits) == 1, f"want one of {want}, got {[(r.source.name, r.cue, r.content) for r in records]}"
    return hits[0]


def _field(rec, key):
    return {"source": rec.source.name, "source_text": rec.source.text, "kind": rec.source.kind}.get(key, getattr(rec, key, None))


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "stance", "type_"),
    [
        # indirect speech
        ("The mayor said the bridge would reopen in May.", "mayor", "said", "the bridge would reopen in May", "asserts", "indirect"),
        ("The senator warned that the bill would hurt small farmers.", "senator", "warned", "the bill would hurt small farmers", "warns", "indirect"),
        ("Police denied that officers had used tear gas against protesters.", "Police", "denied", "officers had used tear gas against protesters", "denies", "indirect"),
        ("The economy is slowing, the central bank said on Thursday.", "central bank", "said", "The economy is slowing", "asserts", "indirect"),
        ("The company said in a statement that it was cooperating fully with investigators.", "company", "said in a statement", "it was cooperating fully with investigators", "asserts", "indirect"),
        ("Sources told Reuters that the deal was close.", "unnamed sources", "told Reuters", "the deal was close", "asserts", "indirect"),
        # according to
        ("According to the Associated Press, the company laid off 300 workers last month.", "Associated Press", "according to", "the company laid off 300 workers last month", "asserts", "indirect"),
        ("The factory will close next year, according to two people briefed on the plan.", "unnamed people", "according to", "The factory will close next year", "asserts", "indirect"),
        # direct quotes, both orders, straight and curly marks
        ("“We have no plans to raise taxes,” the finance minister told reporters.", "finance minister", "told", "We have no plans to raise taxes", "asserts", "direct"),
        ('"This is a disgrace," said opposition leader Maria Lopez.', "Maria Lopez", "said", "This is a disgrace", "asserts", "direct"),
        ("The coach said: “We were simply not good enough today.”", "coach", "said", "We were simply not good enough today", "asserts", "direct"),
        # mixed quotes
        ("The minister said the talks had been “very productive” and would continue.", "minister", "said", "the talks had been “very productive” and would continue", "asserts", "mixed"),
        # noun-phrase objects of denial / claims
        ("The ministry rejected the allegations as baseless.", "ministry", "rejected", "the allegations as baseless", "denies", "indirect"),
        ("The opposition accused the government of lying about the death toll.", "opposition", "accused", "the government of lying about the death toll", "asserts", "indirect"),
        # warnings with a preposition
        ("The WHO warned of a second wave of infections.", "WHO", "warned of", "a second wave of infections", "warns", "indirect"),
        # headline attribution
        ("Minister resigns over scandal, sources say", "unnamed sources", "say", "Minister resigns over scandal", "asserts", "indirect"),
        # quoted as saying
        ("The president was quoted as saying that the talks were productive.", "president", "saying", "the talks were productive", "asserts", "indirect"),
    ],
)
def test_attribution_families(attributions, text, source, cue, content, stance, type_):
    rec = only(attributions(text), content=content)
    assert rec.source.name == source
    assert rec.cue == cue
    assert rec.stance == stance
    assert rec.type == type_


def test_offsets_point_into_the_text_as_read(attributions):
    text = "Officials said the U.S.U.S. embassy would stay open.\n\nLeave a Reply"
    [rec] = attributions(text)
    assert text[rec.content_start:rec.content_end] == rec.content == "the U.S.U.S. embassy would stay open"
    assert text[rec.source.start:rec.source.end] == "Officials"


def test_negated_speech_act_is_not_an_attribution(attributions):
    assert attributions("The ministry has not commented on the reports.") == []
    assert attributions("The officials refused to disclose what the request contained.") == []


def test_question_headline_is_not_a_warning(attributions):
    assert attributions("Why is Washington warning Beijing?") == []


def test_split_quote_is_one_attribution_in_two_pieces(attributions):
    text = '"We will not back down," said Prime Minister Jan Novak, "and we will win this fight."'
    [rec] = attributions(text)
    assert rec.source.name == "Jan Novak"
    assert [text[a:b] for a, b in rec.content_pieces] == ["We will not back down", "and we will win this fight"]
    assert rec.content == "We will not back down and we will win this fight"
    assert (rec.content_start, rec.content_end) == (rec.content_pieces[0][0], rec.content_pieces[-1][1])
    assert rec.type == "direct"


def test_a_quote_that_opens_a_new_sentence_is_another_attribution_of_the_same_speaker(attributions):
    recs = attributions('"We will not back down," Novak said. "We will win this fight in the end."')
    assert [r.source.name for r in recs] == ["Novak", "Novak"]
    assert [r.content for r in recs] == ["We will not back down", "We will win this fight in the end"]


def test_quote_over_several_sentences_is_one_attribution(attributions):
    [rec] = attributions("“We tried. We failed. We will try again,” the captain said.")
    assert rec.content == "We tried. We failed. We will try again"
    assert rec.type == "direct"


def test_quote_continuing_over_a_paragraph_break_keeps_its_speaker(attributions):
    text = "Mr Brown said: “I have no idea who he is.\n\n“And I have never been to that hotel.”"
    recs = attributions(text)
    assert [r.source.name for r in recs] == ["Brown", "Brown"]
    assert recs[1].content == "And I have never been to that hotel"


def test_standalone_quote_paragraph_goes_on_from_the_last_speaker(attributions):
    text = "“Prices will fall,” Ms Okafor said.\n\n“Nobody in this room believes otherwise.”"
    recs = attributions(text)
    assert [r.source.name for r in recs] == ["Okafor", "Okafor"]


def test_unbalanced_quote_marks_do_not_lose_the_article(attributions):
    text = "“We will win, the general said.\n\nThe army said it had not fired on civilians."
    recs = attributions(text)
    assert any(r.source.name == "army" and r.negated for r in recs)


def test_scare_quotes_are_not_speech(attributions):
    assert attributions("A tank with the letter “Z” painted on it rolled past.") == []


def test_nested_report_citing_sources_gives_two_linked_attributions(attributions):
    recs = attributions("The Wall Street Journal reported, citing people familiar with the matter, "
                        "that the merger talks had collapsed.")
    outer = only(recs, source="Wall Street Journal")
    inner = only(recs, cue="citing")
    assert inner.source.name == "people familiar with the matter"
    assert inner.source.kind == "anonymous"
    assert outer.content == inner.content == "the merger talks had collapsed"
    assert inner.parent == outer.id and outer.parent is None


def test_report_pointing_back_to_the_previous_sentence(attributions):
    recs = attributions("The regime is preparing a new offensive.\n\nThe Guardian reports, citing officials in Kyiv.")
    outer = only(recs, source="Guardian")
    assert outer.content == "The regime is preparing a new offensive"
    assert only(recs, cue="citing").parent == outer.id


def test_speech_inside_a_report_is_nested(attributions):
    recs = attributions("The Times reported that US officials said Russia had asked China for drones.")
    outer = only(recs, source="Times")
    inner = only(recs, source="US officials")
    assert inner.parent == outer.id
    assert inner.content == "Russia had asked China for drones"


def test_reportedly_is_a_hedged_attribution_to_unnamed_media(attributions):
    [rec] = attributions("Officials are reportedly considering a ban on the app.")
    assert (rec.source.name, rec.source.text, rec.stance, rec.cue) == ("unnamed media reports", None, "hedged", "reportedly")


def test_reportedly_on_a_speech_verb_wraps_it(attributions):
    recs = attributions("Officials have reportedly revealed that the plant will close.")
    outer = only(recs, cue="reportedly")
    inner = only(recs, cue="have revealed")
    assert inner.parent == outer.id and inner.stance == "asserts" and outer.stance == "hedged"


def test_is_said_to_is_hedged_with_an_implicit_source(attributions):
    [rec] = attributions("The governor is said to be furious about the leak.")
    assert rec.stance == "hedged" and rec.source.text is None


def test_long_article_is_parsed_in_pieces_with_offsets_into_the_whole(nlp, monkeypatch):
    import importlib

    from claimgraph.extractors import Article

    extract_mod = importlib.import_module("claimgraph.extractors.extract")

    monkeypatch.setattr(extract_mod, "CHUNK_CHARS", 200)
    text = "\n\n".join(f"Officer {i} said the road number {i} was closed for repairs today." for i in range(30))
    [(_, recs)] = list(extract_mod.extract([Article(id="long", text=text)], nlp))
    assert len(recs) == 30
    assert all(text[r.content_start:r.content_end] == r.content for r in recs)
    assert recs[-1].content == "the road number 29 was closed for repairs today"


@pytest.mark.parametrize("text", [
    "The floods claimed 39 lives in the region.",
    "The court denied bail to the suspect.",
    "The launch went ahead according to plan.",
    "Needless to say, the match was cancelled.",
    "He was told to leave the building.",
])
def test_look_alikes_are_not_attributions(attributions, text):
    assert attributions(text) == []


def test_according_to_data_is_a_document_source(attributions):
    [rec] = attributions("Unemployment rose to 5%, according to figures from the statistics office.")
    assert rec.source.kind == "document" and rec.content == "Unemployment rose to 5%"


def test_a_report_citing_a_source_with_the_clause_after_the_citation_is_two_linked_attributions(attributions):
    recs = attributions("Reuters reported, citing a source, that the plant would close.")
    outer = next(r for r in recs if r.cue == "reported")
    inner = next(r for r in recs if r.cue == "citing")
    assert (outer.source.name, outer.content) == ("Reuters", "the plant would close")
    assert (inner.source.name, inner.parent) == ("unnamed source", outer.id)


def test_a_passive_with_its_teller_named_is_the_teller_speaking(attributions):
    recs = attributions("Cole said she was told by aides that the money was gone.")
    inner = next(r for r in recs if r.content == "the money was gone")
    assert inner.source.name == "unnamed aides" and inner.parent == recs[0].id


def test_a_belief_inside_reported_speech_is_nested(attributions):
    recs = attributions("The senator said many voters fear that taxes will rise.")
    inner = next(r for r in recs if r.cue == "fear")
    assert (inner.mode, inner.parent) == ("belief", recs[0].id)


def test_a_request_inside_reported_speech_is_what_is_reported_not_an_attribution(attributions):
    recs = attributions("US officials said Russia asked China for military equipment.")
    assert [r.cue for r in recs] == ["said"]


def test_speech_reported_according_to_someone_is_nested_in_the_citation(attributions):
    inner, outer = attributions("At one point, he said the speaker should back the plan because she was a good "
                                "Catholic, according to one of the officials familiar with the discussion.")
    assert (inner.cue, inner.content) == ("said", "the speaker should back the plan because she was a good Catholic")
    assert outer.cue == "according to" and inner.parent == outer.id


def test_reporters_relaying_what_they_heard_nest_what_was_said(attributions):
    outer, inner = attributions("Reporters who were on the ground relayed that people in the crowd repeatedly "
                                "said the video was the cause of their anger.")
    assert outer.cue == "relayed" and inner.parent == outer.id


def test_a_clause_the_parser_hangs_on_said_as_an_adverbial_is_what_was_said(attributions):
    [rec] = attributions("Ruiz said, as a taxpayer, he’s not willing to fund Trump’s big idea.")
    assert rec.content == "as a taxpayer, he’s not willing to fund Trump’s big idea"


def test_a_headline_credits_its_claim_with_a_colon(attributions):
    """"Pence: …" and "Former Mexican President: …" headlines attribute their claim; a section label
    ("Correction:", "Update:") or a thing that cannot speak does not."""
    [rec] = [r for r in attributions("Pence: Flowers Won’t Be at Debate, Trump Was Only Mocking Clinton\n\n"
                                     "Mike Pence spoke to Fox News on Sunday.") if r.cue == ":"]
    assert rec.source.name == "Mike Pence" and rec.content.startswith("Flowers Won’t Be at Debate")
    [rec] = [r for r in attributions("Former Mexican President: ‘I’m Not Going To Pay For That Wall’\n\n"
                                     "Vicente Fox spoke to reporters.") if r.cue == ":"]
    assert rec.type == "direct" and "Not Going To Pay" in rec.content
    for text in ("Update: The bridge reopened on Monday after repairs.\n\nTraffic was light.",
                 "Correction: An earlier version misstated the date of the vote.\n\nWe regret the error.",
                 "Weather: Sunny skies and mild winds through the whole weekend\n\nThe forecast holds."):
        assert not [r for r in attributions(text) if r.cue == ":"], text
