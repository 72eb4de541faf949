"""The main job: ingest → extract → export, with a report of what happened."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.extractors import Article, Attribution, IngestError, extract, load_pipeline, read_inputs
from claimgraph.graph import write_attributions


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts, the files it skipped and why, and where it wrote."""

    out_dir: Path
    articles: int = 0
    words: int = 0
    attributions: int = 0
    seconds: float = 0.0
    skipped: list[IngestError] = field(default_factory=list)
    sources: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        """A one-screen summary for the terminal."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        lines = [
            f"claimgraph: {self.articles} articles, {self.attributions} attributions "
            f"in {self.seconds:.1f} s ({rate:.1f} articles/s, {self.words / max(self.seconds, 1e-9):,.0f} words/s)",
            "  stance: " + ", ".join(f"{k} {v}" for k, v in self.stances.most_common()),
            "  type:   " + ", ".join(f"{k} {v}" for k, v in self.types.most_common()),
            "  top sources: " + "; ".join(f"{name} ({n})" for name, n in self.sources.most_common(5)),
            f"  wrote {self.out_dir / 'attributions.jsonl'}",
        ]
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} input(s):")
            lines += [f"    {err}" for err in self.skipped[:20]]
            if len(self.skipped) > 20:
                lines.append(f"    … and {len(self.skipped) - 20} more")
        return "\n".join(lines)


def build(inputs: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *, model: str | None = None,
          batch_size: int = 16, workers: int = 1,
          on_error: Callable[[IngestError], None] | None = None,
          on_article: Callable[[int], None] | None = None) -> BuildReport:
    """Read ``inputs``, extract attributions and write ``<out_dir>/attributions.jsonl``.

    Unreadable inputs are reported through ``on_error`` (and in the report) while the rest goes on.
    The output file is replaced atomically only when the build finishes and read at least one
    article, so an interrupted or empty build leaves the previous output intact.
    """
    out = Path(out_dir)
    report = BuildReport(out_dir=out)
    start = time.perf_counter()
    nlp = load_pipeline(model)

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, IngestError):
                report.skipped.append(item)
                if on_error:
                    on_error(item)
                continue
            yield item

    def records() -> Iterator[Attribution]:
        for article, recs in extract(articles(), nlp, batch_size=batch_size, n_process=workers):
            report.articles += 1
            report.words += len(article.text.split())
            for rec in recs:
                report.sources[rec.source.name] += 1
                report.stances[rec.stance] += 1
                report.types[rec.type] += 1
            if on_article:
                on_article(report.articles)
            yield from recs

    partial = out / ".attributions.jsonl.partial"
    report.attributions = write_attributions(records(), partial)
    if report.articles:
        os.replace(partial, out / "attributions.jsonl")
    else:  # nothing was read: keep what an earlier build wrote
        partial.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - start
    return report


def progress_printer(stream=sys.stderr, every: int = 25) -> Callable[[int], None] | None:  # type: ignore[no-untyped-def]
    """A progress callback for a terminal; ``None`` when the stream is not a TTY (quiet when piped)."""
    if not stream.isatty():
        return None

    def show(n: int) -> None:
        if n % every == 0:
            print(f"\r  {n} articles …", end="", file=stream, flush=True)

    return show
