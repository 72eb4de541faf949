"""Token features for the learned attribution model: what a linear-chain CRF sees.

Two taggers share these features (the design of semantic-role labellers over a parse, e.g.
Gildea & Jurafsky 2002, and of PARC attribution taggers, Pareti 2016):

- the **cue tagger** reads one sentence and marks cue words (``B-CUE``/``I-CUE``) from each
  token's word, lemma, tag, dependency relation, its head and its dependents;
- the **role tagger** reads the cue's sentence with the one before and after, once per cue, and
  marks the source (``SRC``) and content (``CNT``) of *that* cue from each token's dependency path
  to the cue ("under the cue's ccomp", "the cue's subject", "above the cue"), its side and
  distance, and whether it sits in the same quotation.

Features are plain strings ("name=value"), as python-crfsuite takes them. Everything here reads
the spaCy parse only; no word lists, so the model learns what counts as a cue from the data.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..finding.quotes import Quote, find_quotes

#: Neighbouring sentences are cut to this many tokens in a role window.
NEIGHBOUR_TOKENS = 60
#: Up-steps from the cue kept in a dependency path feature.
PATH_UP = 3


@dataclass(frozen=True, slots=True)
class DocView:
    """Per-token values of a doc, read once: the taggers look at every token many times."""

    doc: Doc
    string: str  # doc.text, read once (spaCy rebuilds it at every access)
    quotes: list[Quote]  # the quotations of the text (:func:`.quotes.find_quotes`)
    text: list[str]
    idx: list[int]  # character offset of each token
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent: list[str]
    quote: list[int]  # index of the quotation a token sits in, -1 outside
    chain: list[list[int]]  # ancestors of each token, itself first, the root last
    sents: list[tuple[int, int]]  # (start, end) token indices
    sent_of: list[int]  # sentence index of each token
    left: list[int]  # first token of each token's subtree
    right: list[int]  # last token of each token's subtree
    # The role tagger's features of each token that do not depend on the cue (:meth:`static`).
    core: list[list[str] | None]

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        """Read ``doc`` once."""
        string = doc.text
        quotes = find_quotes(string)
        n = len(doc)
        text, lower, lemma, pos, tag, dep, ent = [""] * n, [""] * n, [""] * n, [""] * n, [""] * n, [""] * n, [""] * n
        head, left, right, quote, idx = [0] * n, [0] * n, [0] * n, [-1] * n, [0] * n
        for tok in doc:  # one pass: each Token object costs a Python allocation
            i = tok.i
            text[i], lower[i], lemma[i], pos[i], tag[i], dep[i], ent[i] = (
                tok.text, tok.lower_, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_, tok.ent_type_)
            head[i], left[i], right[i], idx[i] = tok.head.i, tok.left_edge.i, tok.right_edge.i, tok.idx
        k = 0
        for i in range(n):
            while k < len(quotes) and quotes[k].end <= idx[i]:
                k += 1
            if k < len(quotes) and quotes[k].start <= idx[i] < quotes[k].end:
                quote[i] = k
        chain: list[list[int]] = []
        for i in range(n):
            path = [i]
            while head[path[-1]] != path[-1] and len(path) < 64:
                path.append(head[path[-1]])
            chain.append(path)
        sents = [(s.start, s.end) for s in doc.sents]
        sent_of = [0] * n
        for m, (a, b) in enumerate(sents):
            for i in range(a, b):
                sent_of[i] = m
        return cls(doc, string, quotes, text, idx, lower, lemma, pos, tag, dep, head, ent, quote, chain, sents, sent_of,
                   left, right, [None] * n)

    def static(self, i: int) -> list[str]:
        """Token ``i``'s own features and its neighbours' (made once, on first use)."""
        made = self.core[i]
        if made is None:
            lower, pos, dep = self.lower, self.pos, self.dep
            made = ["b", "w=" + lower[i], "l=" + self.lemma[i], "p=" + pos[i], "t=" + self.tag[i], "d=" + dep[i],
                    "s=" + _shape(self.text[i]), "dp=" + dep[i] + "|" + pos[i],
                    "hd=" + dep[self.head[i]] + "|" + dep[i], "e=" + self.ent[i]]
            self.core[i] = made
        return made

    def before(self, i: int) -> list[str]:
        j = i - 1
        return ["w-1=" + self.lower[j], "p-1=" + self.pos[j], "q-1=" + ("n" if self.quote[j] < 0 else "y")]

    def after(self, i: int) -> list[str]:
        j = i + 1
        return ["w1=" + self.lower[j], "p1=" + self.pos[j], "q1=" + ("n" if self.quote[j] < 0 else "y")]


def _shape(word: str) -> str:
    if word.isupper():
        return "X"
    if word[:1].isupper():
        return "Xx"
    if word.isdigit():
        return "d"
    return "x" if word.isalpha() else "p"


def cue_features(v: DocView, start: int, end: int) -> list[list[str]]:
    """Features for the cue tagger over tokens ``start..end`` (one sentence)."""
    children: dict[int, list[str]] = {}
    subject: dict[int, str] = {}
    for i in range(start, end):
        h = v.head[i]
        if h != i:
            children.setdefault(h, []).append(v.dep[i])
            if v.dep[i] in {"nsubj", "nsubjpass"}:
                # What kind of thing the subject is: people and organisations speak, things rarely.
                subject[h] = v.ent[i] or (v.pos[i] + ("s" if v.tag[i] in {"NNS", "NNPS"} else ""))
    out = []
    for i in range(start, end):
        lem, dep, pos = v.lemma[i], v.dep[i], v.pos[i]
        h = v.head[i]
        kids = children.get(i, [])
        f = [
            "b", "w=" + v.lower[i], "l=" + lem, "p=" + pos, "t=" + v.tag[i], "d=" + dep,
            "s=" + _shape(v.text[i]), "ld=" + lem + "|" + dep, "lp=" + lem + "|" + pos,
            "hl=" + v.lemma[h], "hd=" + v.dep[h], "hp=" + v.pos[h], "dhd=" + dep + "|" + v.dep[h],
            "q=" + ("1" if v.quote[i] >= 0 else "0"), "e=" + v.ent[i],
        ]
        for k in set(kids):
            f.append("c=" + k)
            f.append("lc=" + lem + "|" + k)
        if i in subject:
            f.append("subj=" + subject[i])
            f.append("lsubj=" + lem + "|" + subject[i])
        elif pos in {"VERB", "AUX"}:
            f.append("subj=none|" + dep)
        for off in (-2, -1, 1, 2):
            j = i + off
            if start <= j < end:
                f.append(f"w{off}=" + v.lower[j])
                f.append(f"p{off}=" + v.pos[j])
            else:
                f.append(f"w{off}=<>")
        if i + 1 < end:
            f.append("lw+1=" + lem + "|" + v.lower[i + 1])
        if i > start:
            f.append("lw-1=" + v.lower[i - 1] + "|" + lem)
        out.append(f)
    return out


def window(v: DocView, cue_head: int) -> tuple[int, int]:
    """The tokens a role tagger reads for a cue: its sentence, with the sentences before and after
    (cut to :data:`NEIGHBOUR_TOKENS`), where the content of "… . The FT reports." or of a
    quotation running past its cue lies."""
    n = v.sent_of[cue_head]
    start, end = v.sents[n]
    if n > 0:
        a, b = v.sents[n - 1]
        start = max(a, b - NEIGHBOUR_TOKENS)
    if n + 1 < len(v.sents):
        a, b = v.sents[n + 1]
        end = min(b, a + NEIGHBOUR_TOKENS)
    return start, end


_NO_BEFORE = ["w-1=<>"]
_NO_AFTER = ["w1=<>"]


def _distance(d: int) -> str:
    d = abs(d)
    return "0" if d == 0 else "1" if d == 1 else "2" if d == 2 else "3-5" if d <= 5 else "6-10" if d <= 10 else "far"


def role_features(v: DocView, cue: tuple[int, int], cue_head: int, start: int, end: int) -> list[list[str]]:
    """Features for the role tagger: tokens ``start..end`` seen from the cue ``cue`` (token span)
    whose syntactic head is ``cue_head``."""
    c = cue_head
    cl = v.lemma[c]
    c_chain = v.chain[c]
    c_pos = {a: k for k, a in enumerate(c_chain)}
    c_sent = v.sent_of[c]
    c_quote = v.quote[c]
    cue_lo, cue_hi = cue
    out = []
    for i in range(start, end):
        # Dependency path from the cue to the token: up to their lowest common ancestor, then the
        # first step down (the branch the token hangs on).
        ch = v.chain[i]
        branch = "-"
        lca_k = -1
        down = 0
        b_node = i
        for k, a in enumerate(ch):
            if a in c_pos:
                lca_k = c_pos[a]
                down = k
                b_node = ch[k - 1] if k > 0 else i
                branch = v.dep[b_node] if k > 0 else "self"
                break
        if lca_k < 0:
            path = "none"
        else:
            ups = "^".join(v.dep[c_chain[k]] for k in range(min(lca_k, PATH_UP)))
            path = (ups + ("^+" if lca_k > PATH_UP else "") + ">" + branch) if lca_k else ">" + branch
        # The second step down ("the object's relative clause") and the edges of the branch's
        # subtree: where constituents, and so most content spans, begin and end.
        branch2 = v.dep[ch[down - 2]] if down >= 2 else "-"
        edge = ("L" if v.left[b_node] == i else "") + ("R" if v.right[b_node] == i else "")
        edge2 = ""
        if down >= 2:
            n2 = ch[down - 2]
            edge2 = ("L" if v.left[n2] == i else "") + ("R" if v.right[n2] == i else "")
        rel = "C" if cue_lo <= i < cue_hi else "B" if i < cue_lo else "A"
        soff = v.sent_of[i] - c_sent
        sent = "0" if soff == 0 else ("-" if soff < 0 else "+")
        q = v.quote[i]
        quote = "n" if q < 0 else ("same" if q == c_quote else "other")
        f = [
            *v.static(i),
            "rel=" + rel, "sent=" + sent, "q=" + quote,
            "dist=" + rel + _distance(i - c), "path=" + path, "br=" + branch,
            "pr=" + path + "|" + rel, "ps=" + path + "|" + sent, "pq=" + path + "|" + quote,
            "bcl=" + branch + "|" + cl, "pcl=" + path + "|" + cl, "cl=" + cl,
            "up=" + str(min(lca_k, 4)), "rs=" + rel + "|" + sent,
            "p2=" + path + ">" + branch2, "edge=" + branch + edge, "edge2=" + branch2 + edge2,
            "pe=" + path + "|" + edge,
        ]
        # Sentence edges, with the quotation state: content runs on into the next sentence mostly
        # inside a quotation.
        a, b = v.sents[v.sent_of[i]]
        if i == a:
            f.append("bos=" + sent + quote)
        if i == b - 1 or i + 1 < b and not v.text[i + 1].strip():
            f.append("eos=" + sent + quote)
        if v.head[i] == c:
            f.append("child=" + v.dep[i])
            f.append("childcl=" + v.dep[i] + "|" + cl)
        f += v.before(i) if i > start else _NO_BEFORE
        f += v.after(i) if i < end - 1 else _NO_AFTER
        out.append(f)
    return out
