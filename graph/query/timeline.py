"""A claim's timeline: who said it first, how it spread, who said the opposite.

The ``claim-timeline`` named query gives every mention of the claims a phrase belongs to, in time
order (publication day, then statement time); this module reads it into typed rows and prints
them for the terminal (``claimgraph timeline``).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from itertools import groupby

import pyoxigraph as ox

from claimgraph.graph.query.sparql import execute, named_queries


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a claim on its timeline."""

    claim: str  # the claim's label
    published: str | None  # the article's publication day
    said: str | None  # when the source said it (a day, an ISO week or a month), when the text tells
    said_as: str | None  # the words the statement time was read from ("Sunday")
    article: str
    outlet: str | None
    title: str | None  # the article's headline
    source: str
    stance: str
    mode: str
    role: str  # "first report", "denial" or "relay"
    relayed_by: str | None  # who cited the source ("the FT, citing US officials")
    content: str
    begin: int


def timeline(store: ox.Store, text: str, *, cap: int = 10_000, index: str | os.PathLike[str] | None = None,
             ) -> list[Mention]:
    """The mentions of every claim with a mention containing ``text``, earliest first per claim
    (``index``: the store's build folder, whose catalog finds the phrase)."""
    body, _, _ = execute(store, named_queries()["claim-timeline"].text, {"text": text}, fmt="json", cap=cap,
                         index=index)
    return _mentions(json.loads(body)["results"]["bindings"])


def remote_timeline(endpoint: str, text: str, *, token: str | None = None, cap: int = 10_000) -> list[Mention]:
    """:func:`timeline` answered by a remote SPARQL endpoint holding a pushed store."""
    from claimgraph.graph.query.remote import execute_remote

    body, _, _ = execute_remote(endpoint, named_queries()["claim-timeline"].text, {"text": text}, fmt="json",
                                cap=cap, token=token)
    return _mentions(json.loads(body)["results"]["bindings"])


def _mentions(rows: list[dict[str, dict[str, str]]]) -> list[Mention]:
    def value(row: dict[str, dict[str, str]], key: str) -> str | None:
        return row[key]["value"] if key in row else None

    return [Mention(claim=row["claimLabel"]["value"], published=value(row, "published"), said=value(row, "said"),
                    said_as=value(row, "saidAs"), article=row["article"]["value"], outlet=value(row, "outlet"),
                    title=value(row, "title"),
                    source=row["source"]["value"], stance=row["stance"]["value"], mode=row["mode"]["value"],
                    role=row["role"]["value"], relayed_by=value(row, "relayedBy"), content=row["content"]["value"],
                    begin=int(row["begin"]["value"]))
            for row in rows]


def format_timeline(mentions: list[Mention], width: int = 100) -> str:
    """The timeline as text: one block per claim, one line per mention."""
    out: list[str] = []
    for claim, group in groupby(mentions, key=lambda m: m.claim):
        out.append(claim)
        for m in group:
            when = m.published or "date unknown"
            said = f" · said {m.said} ({m.said_as})" if m.said else ""
            via = f" · cited by {m.relayed_by}" if m.relayed_by else ""
            headline = " ".join((m.title or "").split())
            headline = headline if len(headline) <= 50 else headline[:49] + "…"
            where = " · ".join(p for p in (m.outlet, f"“{headline}”" if headline else m.article) if p)
            line = f"  {when:<12} {m.role:<12} {m.source} {m.stance}{said}{via} — {where}"
            out.append(line)
            quote = " ".join(m.content.split())
            out.append("      “" + (quote if len(quote) <= width else quote[:width - 1] + "…") + "”")
        out.append("")
    return "\n".join(out)
