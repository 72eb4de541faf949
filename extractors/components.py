"""spaCy factories for claimgraph's components, registered in one place (as spaCy does in
``spacy/pipeline/factories.py``) so importing a rule module never changes global state."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .learned.tagger import AttributionModel
from .lexicon import lexicon
from .reading.article import one_line
from .records import Found
from .strategies import EXTRACTORS, Extractor, ExtractorName, make_extractor

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("attribution_error"):
    Doc.set_extension("attribution_error", default=None)


class ParagraphBoundaries:
    """Make every line break a sentence boundary before the parser runs.

    News text puts headlines, captions and paragraphs on their own lines without final
    punctuation; the parser would otherwise run them into the next sentence. The parser
    respects boundaries that are already set.
    """

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text or tok.text.endswith("\n"):
                doc[tok.i + 1].is_sent_start = True
        return doc


class AttributionFinder:
    """Store the attributions of a doc in ``doc._.attributions``: one plain dict per attribution
    (:meth:`Found.as_data`), offsets into ``doc.text``, in text order.

    ``extractor`` picks what finds them (:data:`.strategies.EXTRACTORS`: the trained model with the
    rules' additions, the model alone, or the rules alone); ``model`` is a directory of trained
    weights (``claimgraph train``), the packaged ones when ``None``.
    """

    def __init__(self, lang: str = "en", extractor: ExtractorName = "hybrid", model: str | None = None) -> None:
        if extractor not in EXTRACTORS:
            raise ValueError(f"unknown extractor {extractor!r}; choose one of {', '.join(EXTRACTORS)}")
        self.lang, self.extractor_name, self.model_dir = lang, extractor, model
        self.lexicon = lexicon(lang)  # LexiconError (a ValueError) names the known languages
        weights = AttributionModel(model) if extractor != "rules" else None
        self.extractor: Extractor = make_extractor(extractor, self.lexicon, weights)

    def __call__(self, doc: Doc) -> Doc:
        """A rule that fails on some text costs that doc its attributions (the error is kept in
        ``doc._.attribution_error``), never the rest of the batch."""
        try:
            found: list[Found] = self.extractor(doc)
        except Exception as exc:
            doc._.attributions = []
            doc._.attribution_error = f"{exc.__class__.__name__}: {one_line(str(exc))}"
            return doc
        doc._.attributions = [f.as_data() for f in found]
        return doc

    def to_disk(self, path, exclude=()) -> None:
        import json
        import pathlib

        p = pathlib.Path(path)
        p.mkdir(parents=True, exist_ok=True)
        (p / "cfg.json").write_text(json.dumps({"lang": self.lang, "extractor": self.extractor_name,
                                                "model": self.model_dir}))

    def from_disk(self, path, exclude=()) -> AttributionFinder:
        import json
        import pathlib

        cfg = json.loads((pathlib.Path(path) / "cfg.json").read_text())
        self.__init__(lang=cfg["lang"], extractor=cfg.get("extractor", "hybrid"), model=cfg.get("model"))  # type: ignore[misc]
        return self


@Language.factory("claimgraph_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries()


@Language.factory("claimgraph_attributions", default_config={"lang": "en", "extractor": "hybrid", "model": None})
def make_attributions(nlp: Language, name: str, *, lang: str, extractor: ExtractorName,
                      model: str | None) -> AttributionFinder:
    return AttributionFinder(lang=lang, extractor=extractor, model=model)
