"""Articles in, attribution records out: cleaning, batched parsing, offsets back to the text as read."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from claimgraph.ontology.vocab import SourceKind

from .fields import shifted
from .lexicon import Lexicon, default_lexicon
from .reading.article import Article, IngestError
from .reading.clean import CleanText, clean
from .reading.times import published_on, resolve
from .records import Attribution, FoundData, Source, SourceData

if TYPE_CHECKING:
    from spacy.language import Language

#: The source of an attribution with neither a mention nor an implicit one ("reportedly").
IMPLICIT: SourceData = {"text": None, "name": "unspecified (implicit)", "kind": SourceKind.ANONYMOUS, "start": -1, "end": -1,
                        "sieve": "", "author": None, "author_kind": None}

#: Longest piece of text parsed at once; longer articles are parsed in paragraph-aligned pieces
#: (spaCy refuses texts over ``nlp.max_length`` and its memory grows with the text).
CHUNK_CHARS = 20_000


def extract(articles: Iterable[Article], nlp: Language, *, batch_size: int = 16,
            n_process: int = 1) -> Iterator[tuple[Article, list[Attribution] | IngestError]]:
    """Yield each article with its attributions, in input order, parsing in batches with ``nlp.pipe``;
    an article on which the attribution rules failed comes with an :class:`IngestError` instead.

    Articles longer than :data:`CHUNK_CHARS` are parsed in pieces cut at paragraph breaks; speaker
    resolution then starts afresh in each piece.
    """
    def texts() -> Iterator[tuple[str, tuple[Article, CleanText, int, bool]]]:
        for article in articles:
            cleaned = clean(article.text)
            pieces = list(_pieces(cleaned.text, min(CHUNK_CHARS, nlp.max_length)))
            for k, (start, end) in enumerate(pieces):
                yield cleaned.text[start:end], (article, cleaned, start, k == len(pieces) - 1)

    found: list[FoundData] = []
    error: str | None = None
    finder = nlp.get_pipe("claimgraph_attributions") if "claimgraph_attributions" in nlp.pipe_names else None
    lex = getattr(finder, "lexicon", None)
    for doc, (article, cleaned, offset, last) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size,
                                                           n_process=n_process):
        found.extend(_shifted(doc._.attributions or [], offset, len(found)))
        error = error or doc._.attribution_error
        if last:
            if error:
                yield article, IngestError(article.path or article.id, f"attribution rules failed ({error}); not stored")
            else:
                yield article, to_records(article, cleaned, found, lex)
            found, error = [], None


def _pieces(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of at most ``limit`` characters, cut after a line break where possible."""
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        end = cut + 1 if cut >= 0 else start + limit
        yield start, end
        start = end
    yield start, len(text)


def _shifted(found: list[FoundData], offset: int, before: int) -> list[FoundData]:
    """A piece's finds on the whole text: every offset the field table marks moved by the piece's
    start, the statement's time too, and nesting indices by the finds before the piece."""
    if not offset and not before:
        return list(found)
    out = []
    for f in found:
        g = cast(FoundData, shifted(dict(f), offset))
        if g.get("time"):
            g["time"] = [t + offset for t in g["time"] or ()]
        if g["parent"] is not None:
            g["parent"] += before
        if g["act"] is not None:
            g["act"] += before
        out.append(g)
    return out


def to_records(article: Article, cleaned: CleanText, found: list[FoundData],
               lex: Lexicon | None = None) -> list[Attribution]:
    """Map found attributions (``Found.as_data()``, offsets into the cleaned text) to records on
    the raw text, their statement times resolved against the article's publication date (``lex``:
    the words of time; English when ``None``). Claims are left to the linker
    (``claimgraph.graph.resolve``), which joins the same claim across articles."""
    lex = lex or default_lexicon()
    raw = article.text
    stem = Path(article.id).stem if article.path else article.id
    published = published_on(article.published)
    ids = [f"{stem}-{n}" for n in range(1, len(found) + 1)]
    records = []
    for n, f in enumerate(found):
        cs, ce = cleaned.to_raw(f["content_start"]), cleaned.to_raw_end(f["content_end"])
        qs, qe = cleaned.to_raw(f["cue_start"]), cleaned.to_raw_end(f["cue_end"])
        ss, se = cleaned.to_raw(f["sentence_start"]), cleaned.to_raw_end(f["sentence_end"])
        src = f["source"] or IMPLICIT
        text, a, b = src["text"], src["start"], src["end"]
        if a >= 0:
            a, b = cleaned.to_raw(a), cleaned.to_raw_end(b)
            text = raw[a:b]
        parent, act = f["parent"], f["act"]
        when = f.get("time")
        time_text = raw[cleaned.to_raw(when[0]):cleaned.to_raw_end(when[1])] if when else None
        pieces = (tuple((cleaned.to_raw(a), cleaned.to_raw_end(b)) for a, b in f["content_pieces"])
                  if len(f["content_pieces"]) > 1 else ())
        records.append(Attribution(
            id=ids[n], doc=article.id, cue=f["cue"],
            source=Source(text, src["name"], src["kind"], a, b, src["sieve"], src["author"], src["author_kind"]),
            cue_start=qs, cue_end=qe, content=" ".join(raw[a:b] for a, b in pieces) if pieces else raw[cs:ce],
            content_start=cs, content_end=ce,
            type=f["type"], stance=f["stance"], certainty=f["certainty"], sentence=raw[ss:se].strip(),
            sentence_start=ss, sentence_end=se, parent=ids[parent] if parent is not None else None,
            act=ids[act] if act is not None else None,
            mode=f["mode"], content_pieces=pieces, negated=f["negated"],
            statement_time=resolve(time_text, published, lex) if time_text else None, statement_time_text=time_text,
        ))
    return records
