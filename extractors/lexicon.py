"""Word lists that drive attribution extraction, keyed by language.

Each list says what a word *does* in attribution (a reporting verb, a denial predicate, an
anonymous-source head …). Lemmas are lower-case spaCy lemmas. Only English ships today; a new
language adds an entry to each ``*_BY_LANG`` table rather than a branch in the rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Stance = Literal["asserts", "denies", "warns", "questions", "hedged"]
#: What kind of attribution: a speech act, a belief, an intention, evidence a record gives, or an
#: evaluation of someone or something (PolNeAR counts all of them; Pareti 2016, "beyond speech").
Mode = Literal["statement", "belief", "intention", "evidence", "evaluation"]
MODES: Final[tuple[str, ...]] = ("statement", "belief", "intention", "evidence", "evaluation")
SourceKind = Literal["person", "organization", "outlet", "country", "anonymous", "document"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the English-style rules need to know about one language."""

    # Verbs of saying/reporting, with the stance they lend on their own.
    reporting_verbs: dict[str, Stance]
    # Verbs whose plain noun-phrase object is the content ("claimed neutrality", "denied the reports").
    np_object_verbs: frozenset[str]
    # Verbs that mainly report what an outlet published; without a complement they point back to
    # the previous sentence ("…. The Financial Times reports.").
    outlet_verbs: frozenset[str]
    # Verbs whose object names who said it: "citing officials".
    citing_verbs: frozenset[str]
    # Verbs that take the addressee as object: "told CNN", "assured allies".
    addressee_verbs: frozenset[str]
    # Nouns that carry attribution with a light verb: "issued a warning against", "a statement that".
    cue_nouns: dict[str, Stance]
    # Governors under which a speech verb reports no speech act: "refused to disclose"; and
    # refusals, which are none themselves ("declined to comment").
    blocking_governors: frozenset[str]
    refusal_verbs: frozenset[str]
    # Adverbs and phrases that hedge: "reportedly", "may", "is said to".
    hedge_words: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_predicates: frozenset[str]
    # Verbs whose passive with "to" hedges with an unnamed source: "is said to", "is thought to".
    hedge_passives: frozenset[str]
    # Predicates that reject a proposition: "reports … were untrue", "it was fake news".
    denial_predicates: frozenset[str]
    denial_phrases: tuple[str, ...]
    # Nouns for something advanced by someone: calling one "bogus" or "false" rejects it.
    claim_nouns: frozenset[str]
    # Not being aware of something, or never having heard of it, rejects it ("not aware of any
    # request"); not knowing, recalling or being sure is uncertainty ("I don't recall the meeting").
    awareness_predicates: frozenset[str]
    epistemic_predicates: frozenset[str]
    # Cues that answer something put to the speaker: a negation in an answer rejects it.
    answer_verbs: frozenset[str]
    # Threats: "there will be consequences", "will not allow".
    threat_nouns: frozenset[str]
    threat_governors: frozenset[str]
    threat_phrases: tuple[str, ...]
    # Heads of anonymous sources: "officials", "a source", "a person familiar with the matter".
    anonymous_heads: frozenset[str]
    # Heads of unnamed media: "the media", "reports", "the press".
    media_heads: frozenset[str]
    # Heads naming a document or event that "says" something: "a statement", "the meeting".
    document_heads: frozenset[str]
    # Records that information is read from, not speakers: "according to figures from …".
    record_heads: frozenset[str]
    # Heads of organizations: "ministry", "embassy", "administration".
    organization_heads: frozenset[str]
    # Role nouns that describe a person: "spokesman", "adviser"; multi-word roles; and the roles
    # of heads of state or government, who stand for their country (Putin → Russia).
    role_nouns: frozenset[str]
    role_phrases: frozenset[str]
    head_of_state_roles: frozenset[str]
    # Words stripped from the front of a source name: determiners, quantifiers, "unnamed".
    # Abbreviated and written-out titles to the role they give ("Sen." → senator), and role words
    # that name one role ("spokeswoman" → spokesperson, "congressman" → representative).
    title_roles: dict[str, str]
    role_synonyms: dict[str, str]
    # Words that tell a person's gender (honorifics, gendered nouns) and the pronouns that need one.
    gender_words: dict[str, Literal["male", "female"]]
    pronoun_gender: dict[str, Literal["male", "female"]]
    # Documents someone files or writes (the author speaks through them), their short forms, and
    # the verbs that make the subject a document's author ("the union filed a lawsuit").
    authored_documents: frozenset[str]
    # … of which these carry their author's own voice: "a statement from the ministry said" is the
    # ministry speaking, while "the union's lawsuit alleges" is a document the union filed.
    voice_documents: frozenset[str]
    document_synonyms: dict[str, str]
    authoring_verbs: frozenset[str]
    # Who published, leaked or obtained a document did not write it (unless it speaks for them).
    publishing_verbs: frozenset[str]
    # Heads that are never a speaker: times, events and topics ("Earlier Tuesday", "a wave of
    # reactions", "details of a memo"); an event's author speaks instead ("a tweet from Wu").
    time_heads: frozenset[str]
    event_heads: frozenset[str]
    topic_heads: frozenset[str]
    # "the agency", "the company": an organization named by what it is — the last organization that
    # spoke, a company preferably one whose name says so ("Bay Power Co.").
    generic_organizations: frozenset[str]
    company_suffixes: frozenset[str]
    name_strip: frozenset[str]
    # Titles stripped before matching a surname: "Mr", "President".
    titles: frozenset[str]
    # Words in an organisation name that mark a news outlet.
    outlet_words: frozenset[str]
    outlet_names: frozenset[str]
    # Place names and adjectives that stand for a country (metonymy), to its canonical name.
    countries: dict[str, str]
    # Canonical country name to the short form used before an anonymous head ("US officials").
    country_adjectives: dict[str, str]
    pronouns_singular: frozenset[str]
    pronouns_plural: frozenset[str]
    # Modes beyond speech: cue lemmas of believing ("believes", "is convinced"), of intending
    # ("wants", "plans", "calls on … to"), of evaluating ("endorsed", "blasted … for"), and the
    # verbs with which a record gives evidence ("the poll shows").
    belief_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    evaluation_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    # Verbs that also take things as subjects ("the data show", "the documents reveal"): with these
    # the subject must be able to speak.
    thing_subject_verbs: frozenset[str]
    # Objects of "deny"/"reject" that make it a refusal, not a rejected proposition ("denied bail").
    refused_things: frozenset[str]
    # Things one acts "according to" that are not sources ("according to plan").
    not_sources: frozenset[str]
    # Verbs that label someone or something ("called it a hoax"), and light verbs that carry a cue
    # noun ("issued a warning").
    label_verbs: frozenset[str]
    light_verbs: frozenset[str]
    # Prepositions: the content of a warning ("warned of/against"), of a cue's object ("accused X
    # of"), and the medium spoken in ("said on television", "told in an interview").
    warn_preps: frozenset[str]
    object_preps: frozenset[str]
    medium_preps: frozenset[str]
    # Relative pronouns ("Flynn, who said"), clause marks that start a condition rather than the
    # content ("if", "because"), and pronouns that never speak ("it", "this", "what").
    relative_pronouns: frozenset[str]
    condition_marks: frozenset[str]
    non_speaker_pronouns: frozenset[str]


def _world() -> tuple[dict[str, str], dict[str, str]]:
    """Every country's name, demonym, capital and longer alternative names (``countryinfo``), so
    "Damascus said" is Syria and "Syrian officials" are typed by country, whatever the story."""
    from countryinfo import all_countries

    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        demonym = info.get("demonym") or ""
        capitals = info.get("capital") or []
        capitals = [c.replace(" D.C.", "") for c in ([capitals] if isinstance(capitals, str) else capitals)]
        keys = [name, f"the {name}", demonym, f"{demonym}s" if demonym and not demonym.endswith("s") else "",
                *capitals, *(a for a in info.get("altSpellings") or () if len(a) > 3 and a.isascii())]
        for key in keys:
            if key and len(key) > 2:
                names.setdefault(key.lower(), name)
        adjectives[name] = demonym or name
    return names, adjectives


_WORLD, _DEMONYMS = _world()

EN: Final = Lexicon(
    reporting_verbs={
        **dict.fromkeys(
            "say tell state report claim add announce reveal confirm insist argue explain note write "
            "stress emphasize emphasise maintain declare acknowledge admit assert contend reply respond "
            "answer tweet post comment observe remark recall reiterate pledge promise vow predict "
            "conclude concede indicate disclose testify brief inform assure agree accuse allege "
            "mention describe continue express urge appeal propose demand announce "
            "underline underscore specify conclude suggest".split(),
            "asserts",
        ),
        **dict.fromkeys("warn threaten caution alert".split(), "warns"),
        **dict.fromkeys("deny reject dismiss refute rebut dispute disavow repudiate".split(), "denies"),
        **dict.fromkeys("question wonder query".split(), "questions"),
        **dict.fromkeys("speculate".split(), "hedged"),
    },
    np_object_verbs=frozenset(
        "claim deny reject dismiss refute rebut dispute announce pledge promise vow express accuse "
        "condemn urge demand propose reiterate confirm".split()
    ),
    outlet_verbs=frozenset("report write publish say".split()),
    citing_verbs=frozenset({"cite", "quote"}),
    addressee_verbs=frozenset("tell inform assure brief urge warn accuse".split()),
    cue_nouns={"warning": "warns", "statement": "asserts", "denial": "denies", "assurance": "asserts"},
    blocking_governors=frozenset("refuse decline fail decide plan want hope try expect".split()),
    refusal_verbs=frozenset({"refuse", "decline"}),
    hedge_words=frozenset(
        "reportedly allegedly apparently possibly probably perhaps likely presumably seemingly maybe "
        "purportedly supposedly".split()
    ),
    hedge_modals=frozenset({"may", "might", "could"}),
    hedge_predicates=frozenset({"doubt", "unclear", "uncertain", "unknown", "speculate"}),
    hedge_passives=frozenset({"say", "think", "believe", "report", "rumor", "rumour"}),
    denial_predicates=frozenset(
        "untrue false baseless groundless unfounded incorrect inaccurate fabricated nonsense "
        "rubbish lie lies fabrication fiction misleading bogus hoax smear phony phoney fake "
        "absurd ludicrous preposterous debunked discredited distortion slander libel defamatory".split()
    ),
    denial_phrases=(
        "fake news", "not true", "no knowledge of", "no basis", "no truth", "not the case", "no such",
        "pure fiction", "never happened", "not accurate", "not correct", "no merit", "without merit",
        "categorically", "hit job", "hit piece", "witch hunt", "smear campaign",
    ),
    claim_nouns=frozenset(
        "report reports story stories claim claims allegation allegations accusation accusations charge "
        "charges suggestion suggestions rumor rumors rumour rumours article articles news assertion "
        "assertions account accounts narrative reporting".split()
    ),
    awareness_predicates=frozenset({"aware", "unaware", "hear", "knowledge"}),
    epistemic_predicates=frozenset(
        "know recall remember sure certain say tell confirm recollect recollection idea clear".split()
    ),
    answer_verbs=frozenset({"reply", "respond", "answer", "retort", "counter"}),
    threat_nouns=frozenset("consequence consequences repercussion repercussions price retaliation".split()),
    threat_governors=frozenset("be face impose pay suffer bear".split()),
    threat_phrases=("will not allow", "will not tolerate", "won't allow", "won't tolerate", "would not allow",
                    "would not tolerate",
                    "will not stand", "will not accept"),
    anonymous_heads=frozenset(
        "official officials source sources person people diplomat diplomats aide aides insider "
        "insiders spokesperson spokesman spokeswoman analyst analysts expert experts observer "
        "observers witness witnesses resident residents lawmaker lawmakers scientist scientists "
        "researcher researchers economist economists meteorologist meteorologists doctor doctors "
        "critic critics activist activists investor investors protester protesters prosecutor "
        "prosecutors investigator investigators neighbor neighbors neighbour neighbours parent parents "
        "student students worker workers employee employees voter voters supporter supporters opponent "
        "opponents locals reporter reporters journalist journalists".split()
    ),
    media_heads=frozenset({"media", "medium", "press", "report", "reports", "outlet", "outlets", "news",
                           "newspaper", "paper", "broadcaster", "network", "channel", "magazine", "tabloid"}),
    document_heads=frozenset(
        "statement readout meeting communique communiqué letter document memo report transcript "
        "speech release notice".split()
    ),
    record_heads=frozenset(
        "data figure figures statistic statistics estimate estimates poll polls survey surveys study studies "
        "record records filing census document documents".split()
    ),
    organization_heads=frozenset(
        "ministry embassy government administration opposition coalition campaign movement board team club bloc "
        "faction rebels militants country countries nation nations state states side sides department office agency council commission "
        "committee company firm bank regime party army military police court parliament congress "
        "senate cabinet kremlin pentagon house union alliance organization organisation group "
        "institute foundation university league federation association network".split()
    ),
    role_nouns=frozenset(
        "spokesperson spokesman spokeswoman adviser advisor minister secretary president premier "
        "chancellor ambassador diplomat director editor chief head leader official analyst "
        "professor envoy counterpart general commander governor mayor senator representative "
        "congressman congresswoman lawmaker chair chairman chairwoman administrator commissioner "
        "attorney lawyer judge justice sheriff candidate nominee executive ceo founder manager "
        "officer deputy chancellor treasurer superintendent inspector auditor councilman councilwoman "
        "alderman assemblyman assemblywoman legislator delegate trustee coach controller comptroller "
        "editor-in-chief publisher marshal member".split()
    ),
    role_phrases=frozenset({"prime minister", "foreign minister", "national security adviser", "secretary of state",
                            "press secretary", "general secretary", "editor-in-chief"}),
    head_of_state_roles=frozenset({"leader", "president", "premier", "prime minister", "chancellor", "king", "queen",
                                   "emperor"}),
    title_roles={
        "sen.": "senator", "sen": "senator", "senator": "senator", "rep.": "representative", "rep": "representative",
        "representative": "representative", "congressman": "representative", "congresswoman": "representative",
        "gov.": "governor", "gov": "governor", "governor": "governor", "mayor": "mayor", "president": "president",
        "pres.": "president", "gen.": "general", "general": "general", "adm.": "admiral", "judge": "judge",
        "justice": "justice", "secretary": "secretary", "minister": "minister", "ambassador": "ambassador",
        "chancellor": "chancellor", "premier": "premier", "prof.": "professor", "professor": "professor",
        "administrator": "administrator", "commissioner": "commissioner", "sheriff": "sheriff",
        "attorney": "attorney", "chairman": "chair", "chairwoman": "chair", "chair": "chair",
        "director": "director", "superintendent": "superintendent", "speaker": "speaker", "leader": "leader",
        "councilman": "council member", "councilwoman": "council member", "councilmember": "council member",
        "alderman": "council member", "assemblyman": "assembly member", "assemblywoman": "assembly member",
        "coach": "coach", "controller": "controller", "comptroller": "controller", "marshal": "marshal",
    },
    role_synonyms={
        "spokesman": "spokesperson", "spokeswoman": "spokesperson", "congressman": "representative",
        "congresswoman": "representative", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
        "advisor": "adviser", "attorney": "lawyer", "councilman": "council member", "councilwoman": "council member",
        "alderman": "council member", "assemblyman": "assembly member", "assemblywoman": "assembly member",
        "comptroller": "controller",
    },
    gender_words={
        **dict.fromkeys("mr mr. sir lord king prince spokesman congressman chairman businessman husband father "
                        "son brother uncle nephew grandfather boyfriend man boy widower actor".split(), "male"),
        **dict.fromkeys("mrs mrs. ms ms. miss madam lady queen princess spokeswoman congresswoman chairwoman "
                        "businesswoman wife mother daughter sister aunt niece grandmother girlfriend woman girl "
                        "widow actress".split(), "female"),
    },
    pronoun_gender={**dict.fromkeys(["he", "him", "his", "himself"], "male"),
                    **dict.fromkeys(["she", "her", "hers", "herself"], "female")},
    authored_documents=frozenset(
        "lawsuit suit complaint filing petition motion indictment ruling audit memo memorandum letter "
        "report study statement brief affidavit subpoena order opinion decision review investigation "
        "analysis proposal bill document documents".split()
    ),
    voice_documents=frozenset(
        "report reports statement statements readout communique communiqué release study survey analysis "
        "transcript notice review investigation".split()
    ),
    document_synonyms={"suit": "lawsuit", "complaint": "lawsuit", "filing": "lawsuit", "memorandum": "memo"},
    authoring_verbs=frozenset(
        "file bring release publish issue write send submit sign draft produce commission author pen "
        "prepare conduct unveil introduce post".split()
    ),
    publishing_verbs=frozenset("publish obtain leak report reveal review see print broadcast air".split()),
    time_heads=frozenset(
        "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon "
        "evening night week weekend month year day earlier later hours minutes time".split()
    ),
    event_heads=frozenset(
        "tweet tweets post posts message messages video interview speech appearance hearing ad ads spot "
        "commercial conference briefing rally election explosion attack wave reaction reactions response "
        "responses flurry series round outpouring barrage language website remarks comment comments".split()
    ),
    generic_organizations=frozenset(
        "agency company firm group organization organisation body regulator corporation business "
        "utility operator manufacturer retailer bank insurer watchdog airline carrier union".split()
    ),
    company_suffixes=frozenset(
        "co co. inc inc. corp corp. llc ltd ltd. plc company corporation group pharmaceuticals pharma motors "
        "airlines energy holdings technologies systems industries labs bank capital partners brands foods".split()
    ),
    topic_heads=frozenset("details detail contents content parts part portions portion excerpts excerpt "
                          "copy copies version versions".split()),
    name_strip=frozenset(
        "a an the one two three four some several other another unnamed anonymous multiple many "
        "few various certain numerous both".split()
    ),
    titles=frozenset(
        "mr mr. mrs mrs. ms ms. dr dr. prof prof. president premier chancellor minister secretary "
        "senator sir lord lady general gen. rep. sen. presidents".split()
    ),
    outlet_words=frozenset(
        "times post journal news tribune herald gazette guardian telegraph independent reuters "
        "bloomberg associated press agency xinhua tass ria interfax cnn bbc nbc abc cbs fox msnbc "
        "npr politico axios economist observer standard mirror express chronicle bulletin daily "
        "weekly magazine newspaper television tv radio broadcaster wire globe inquirer examiner courier "
        "dispatch sentinel monitor ledger bee star sun".split()
    ),
    outlet_names=frozenset(
        "reuters bloomberg afp ap xinhua tass cnn bbc nbc abc cbs npr politico axios al jazeera "
        "global times".split()
    ),
    countries={
        **_WORLD,
        **dict.fromkeys(["us", "u.s.", "u.s", "usa", "u.s.a.", "united states", "the united states",
                         "america", "washington", "american", "americans"], "United States"),
        **dict.fromkeys(["china", "beijing", "chinese", "prc"], "China"),
        **dict.fromkeys(["russia", "moscow", "russian", "russians", "kremlin"], "Russia"),
        **dict.fromkeys(["ukraine", "kyiv", "kiev", "ukrainian", "ukrainians"], "Ukraine"),
        **dict.fromkeys(["uk", "u.k.", "britain", "great britain", "united kingdom", "london",
                         "british"], "United Kingdom"),
        **dict.fromkeys(["eu", "e.u.", "european union", "brussels"], "European Union"),
        **dict.fromkeys(["france", "paris", "french"], "France"),
        **dict.fromkeys(["germany", "berlin", "german"], "Germany"),
        **dict.fromkeys(["japan", "tokyo", "japanese"], "Japan"),
        **dict.fromkeys(["india", "new delhi", "indian"], "India"),
        **dict.fromkeys(["iran", "tehran", "iranian"], "Iran"),
        **dict.fromkeys(["israel", "israeli"], "Israel"),
        **dict.fromkeys(["turkey", "ankara", "turkish", "türkiye"], "Turkey"),
        **dict.fromkeys(["taiwan", "taipei", "taiwanese"], "Taiwan"),
        **dict.fromkeys(["north korea", "pyongyang", "north korean"], "North Korea"),
        **dict.fromkeys(["south korea", "seoul", "south korean"], "South Korea"),
        **dict.fromkeys(["canada", "ottawa", "canadian"], "Canada"),
        **dict.fromkeys(["australia", "canberra", "australian"], "Australia"),
        **dict.fromkeys(["poland", "warsaw", "polish"], "Poland"),
        **dict.fromkeys(["italy", "rome", "italian"], "Italy"),
        **dict.fromkeys(["nato"], "NATO"),
    },
    country_adjectives={
        "United States": "US", "China": "Chinese", "Russia": "Russian", "Ukraine": "Ukrainian",
        "United Kingdom": "UK", "European Union": "EU", "France": "French", "Germany": "German",
        "Japan": "Japanese", "India": "Indian", "Iran": "Iranian", "Israel": "Israeli",
        "Turkey": "Turkish", "Taiwan": "Taiwanese", "North Korea": "North Korean",
        "South Korea": "South Korean", "Canada": "Canadian", "Australia": "Australian",
        "Poland": "Polish", "Italy": "Italian", "NATO": "NATO",
    } | {name: demonym for name, demonym in _DEMONYMS.items() if name not in {"United States", "United Kingdom"}},
    pronouns_singular=frozenset({"he", "she", "him", "her", "it", "i"}),
    pronouns_plural=frozenset({"they", "we", "them", "us"}),
    belief_verbs=frozenset(
        "believe think fear feel know suspect doubt worry expect assume consider convince suppose reckon "
        "understand imagine trust sense realize realise recognize recognise figure guess view see regard "
        "presume hold convinced sure confident certain worried concerned afraid skeptical sceptical "
        "optimistic pessimistic".split()
    ),
    intention_verbs=frozenset(
        "want plan intend aim seek hope wish ask urge demand plead push vow pledge promise request "
        "encourage invite order instruct direct press lobby petition implore beg desire prefer "
        "need call".split()
    ),
    evaluation_verbs=frozenset(
        "endorse support back oppose praise criticize criticise blame accuse attack condemn slam blast "
        "mock applaud defend hail laud commend denounce decry fault chastise rebuke ridicule disparage "
        "welcome celebrate thank congratulate lambaste castigate scold target question".split()
    ),
    evidence_verbs=frozenset("show indicate suggest find reveal demonstrate confirm put give".split()),
    thing_subject_verbs=frozenset(
        "reveal show indicate suggest confirm note explain mention describe highlight underline underscore "
        "stress emphasize emphasise continue conclude predict estimate specify publish".split()
    ),
    refused_things=frozenset(
        "bail entry access permission request application visa appeal motion service parole asylum admission".split()
    ),
    not_sources=frozenset("plan plans schedule rule rules tradition custom legend design protocol instruction "
                          "instructions script law".split()),
    label_verbs=frozenset({"call", "describe", "label", "brand", "dub", "term"}),
    light_verbs=frozenset({"issue", "give", "make", "send", "release", "deliver", "sound", "publish"}),
    warn_preps=frozenset({"of", "against", "about"}),
    object_preps=frozenset({"of", "for", "against", "about", "on", "over", "to", "in"}),
    medium_preps=frozenset({"on", "in", "to"}),
    relative_pronouns=frozenset({"who", "that", "which"}),
    condition_marks=frozenset({"if", "unless", "although", "though", "because", "while", "whereas", "since"}),
    non_speaker_pronouns=frozenset({"it", "this", "that", "what", "which"}),
)

LEXICONS: Final[dict[str, Lexicon]] = {"en": EN}

# Lines that are never article text: comment prompts, share buttons, newsletter pitches.
BOILERPLATE_LINES: Final = re.compile(
    r"(?i)(please enter your (comment|name|email)[^\n]*|leave a (reply|comment)|"
    r"(post|add) a comment|comments?|share( this( article| story)?)?( on \w+)?|"
    r"(sign up|subscribe)( to| for)? [^\n]{0,60}newsletter[^\n]*|advertisement|"
    r"click here[^\n]{0,80}|read more[^\n]{0,80}|(follow|like) us on [^\n]{0,40}|"
    r"you may also like|related( articles| stories| posts)?:?|recommended( for you)?|"
    r"cancel reply|save my name, email[^\n]*|skip to (main )?content|print|email)"
)
# Markers after which the rest of a page is boilerplate (related links, comments).
BOILERPLATE_TAIL_MARKERS: Final = re.compile(
    r"(?im)^\s*(you may also like|leave a (reply|comment)|related (articles|stories|posts)|"
    r"more (from|on) this|comments? \(\d+\)|please enter your comment!?)\s*$"
)
