"""Read articles from plain text, HTML and JSON Lines files, directories and globs.

Every input that cannot be read yields an :class:`IngestError` naming the file and the reason, in
place of an article, so one bad file never stops a batch.
"""
from __future__ import annotations

import csv
import dataclasses
import glob
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .article import Article, IngestError, one_line
from .clean import dateline_outlet
from .times import dateline_date, published_on

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: The sidecar beside plain-text and HTML articles that gives what their files cannot: one row per
#: file (``file`` names it in the same folder) with ``title``, ``outlet``, ``url``, ``published``.
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("file", "title", "outlet", "url", "published")
_METADATA_MAX_BYTES = 16 * 1024 * 1024

#: Largest single article file read (bytes); larger ones are reported, not read.
MAX_BYTES = 10 * 1024 * 1024
_MAGIC = {
    b"\x89PNG": "PNG image", b"\x1f\x8b": "gzip archive", b"PK\x03\x04": "zip archive",
    b"%PDF": "PDF document", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
}


def read_inputs(inputs: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestError]:
    """Yield an :class:`Article` (or an :class:`IngestError`) for every article in ``inputs``.

    An input is a file, a directory (read recursively, known suffixes only, in name order) or a
    glob pattern. Article ids are file names for file inputs, the ``id`` field for JSON Lines.
    """
    seen: set[str] = set()
    sidecars: dict[Path, dict[str, dict[str, str]] | IngestError] = {}
    for path in expand(inputs):
        if isinstance(path, IngestError):
            yield path
            continue
        for item in read_file(path, max_bytes=max_bytes):
            if isinstance(item, Article) and path.suffix.lower() not in JSONL_SUFFIXES:
                folder = path.parent
                if folder not in sidecars:
                    sidecars[folder] = read_metadata(folder / METADATA_FILE)
                    if isinstance(sidecars[folder], IngestError):  # said once, the articles read without it
                        yield sidecars[folder]  # type: ignore[misc]
                item = with_metadata(item, sidecars[folder], path.name)
            if isinstance(item, Article):
                if item.id in seen:
                    yield IngestError(item.path or item.id, f"duplicate article id {item.id!r}; skipped")
                    continue
                seen.add(item.id)
            yield item


def read_metadata(path: Path) -> dict[str, dict[str, str]] | IngestError:
    """A folder's ``metadata.csv`` as file name → its non-empty fields (``{}`` when there is none).

    A spreadsheet's CSV (UTF-8, with or without a byte-order mark, comma-separated, a header row
    naming at least ``file``). A file that cannot be read, or a row with a date that is none, is an
    :class:`IngestError` naming the file and the row: the articles are then read without it."""
    try:
        if not path.is_file():
            return {}
        data = _read_bytes(path, _METADATA_MAX_BYTES)
        reader = csv.DictReader(io.StringIO(decode(data, str(path))))
        if reader.fieldnames is None or "file" not in reader.fieldnames:
            return IngestError(str(path), "no 'file' column in the header row "
                                          f"(columns: {', '.join(METADATA_COLUMNS)})")
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            name = (row.get("file") or "").strip()
            if not name:
                continue
            fields = {k: v.strip() for k in METADATA_COLUMNS[1:] if isinstance(v := row.get(k), str) and v.strip()}
            when = fields.get("published")
            if when is not None and published_on(when) is None:
                return IngestError(f"{path}:{reader.line_num}", f"'published' is not a date: {when[:40]!r} "
                                                                "(write it as 2024-03-01 or March 1, 2024)")
            rows[name] = fields
        return rows
    except IngestError as exc:
        return exc
    except (OSError, csv.Error, ValueError) as exc:
        return IngestError(str(path), f"cannot read: {one_line(str(exc))}")


def with_metadata(article: Article, sidecar: dict[str, dict[str, str]] | IngestError, name: str) -> Article:
    """``article`` with what its folder's ``metadata.csv`` says of file ``name`` (it wins over
    what the text suggests: a dateline's day or outlet, the first line as the title)."""
    if isinstance(sidecar, IngestError) or name not in sidecar:
        return article
    return dataclasses.replace(article, **sidecar[name])


def expand(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestError]:
    """Files named by ``inputs``: files as given, directories walked, globs matched."""
    for raw in inputs:
        text = os.fspath(raw)
        if any(ch in text for ch in "*?[") and not os.path.exists(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield IngestError(text, "no file matches this pattern")
            for m in matches:
                if os.path.isfile(m):
                    yield Path(m)
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield IngestError(text, "broken or looping symbolic link")
        else:
            yield IngestError(text, "no such file or directory")


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """The article files under ``root``, in name order; every other file is named with why it is
    skipped (a PDF, an image, an unknown suffix), so a folder never loses one silently. Hidden
    files and the folders' ``metadata.csv`` are not articles and are passed over quietly."""
    found: list[Path] = []
    unreadable: list[IngestError] = []
    skipped: list[IngestError] = []

    def refused(exc: OSError) -> None:  # a folder that cannot be listed is reported, not skipped silently
        unreadable.append(IngestError(str(exc.filename or root), f"cannot list folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=refused):
        dirnames.sort()
        for name in filenames:
            p = Path(dirpath) / name
            if p.suffix.lower() in SUFFIXES:
                found.append(p)
            elif name != METADATA_FILE and not name.startswith("."):
                skipped.append(IngestError(str(p), _why_skipped(p)))
    yield from unreadable
    yield from sorted(skipped, key=lambda e: e.path)
    yield from sorted(found)


def _why_skipped(path: Path) -> str:
    """Why a file in a folder is not read: what its first bytes say it is, else its suffix."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return f"not read ({exc.strerror or exc.__class__.__name__})"
    what = next((kind for magic, kind in _MAGIC.items() if head.startswith(magic)), None)
    if what is not None:
        return f"{what}, not an article; skipped"
    shown = path.suffix or "(none)"
    return (f"unknown suffix {shown}; skipped (articles are {', '.join(sorted(SUFFIXES))}; "
            "give the file by name to read it as text)")


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestError]:
    """Read one file into articles; errors come back as items, never raised."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
            return
        data = _read_bytes(path, max_bytes)
        text = decode(data, str(path))
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            yield _from_html(text, path)
        else:
            yield _from_text(text, path)
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield IngestError(str(path), exc.strerror or exc.__class__.__name__)
    except (ValueError, RecursionError, MemoryError, LookupError) as exc:  # a parser choked (HTML, encodings)
        yield IngestError(str(path), f"cannot read: {exc.__class__.__name__}: {one_line(str(exc))}")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(str(path), f"file is {size / 2**20:.1f} MiB, "
                                     f"over the {max_bytes / 2**20:.0f} MiB limit for one article")
    with path.open("rb") as fh:
        return fh.read(max_bytes + 1)


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: BOMs honoured, UTF-8 first, a few damaged bytes survived,
    other encodings detected; binary files refused."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(name, f"binary file ({what}), not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), name)
        except UnicodeDecodeError:
            raise IngestError(name, "invalid UTF-16 text") from None
    if b"\x00" in data[:8192] and data[:8192].count(b"\x00") > len(data[:8192]) // 100:
        raise IngestError(name, "binary file (NUL bytes), not an article")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(data) // 200):
        return _checked(text, name)  # a few damaged bytes in UTF-8 text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(name, "cannot decode: not text in any known encoding")
    return _checked(str(best), name)


#: Fewer words than this is no article (a stub, a placeholder, a crawl's error page).
MIN_WORDS = 3


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise IngestError(name, "empty file")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(sample) // 20:
        raise IngestError(name, "binary content (control characters), not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _enough_words(text: str, name: str) -> None:
    words = len(text.split(None, MIN_WORDS))
    if words < MIN_WORDS:
        raise IngestError(name, f"too short to be an article ({words} word{'s' if words != 1 else ''})")


def _from_text(text: str, path: Path) -> Article:
    _enough_words(text, str(path))
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if len(first) <= 300 else None
    return Article(id=path.name, text=text, title=title, path=str(path), published=dateline_date(text),
                   outlet=dateline_outlet(text))


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


#: libxml2's HTML parser (under lxml and trafilatura) drops what lies deeper than this.
_MAX_HTML_DEPTH = 255


def _depth(html: str) -> int:
    """How deep the parser's tree of ``html`` goes (it stops at :data:`_MAX_HTML_DEPTH`)."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return 0
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _from_html(html: str, path: Path, **meta: str | None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      with_metadata=True, favor_precision=True)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split(None, MIN_WORDS)) < MIN_WORDS:
        if _depth(html) >= _MAX_HTML_DEPTH:
            raise IngestError(str(path), f"HTML nested over {_MAX_HTML_DEPTH} levels deep: the HTML parser "
                                         "stops there and no article text was read")
        raise IngestError(str(path), "HTML page has no article text (only scripts, navigation or markup)")
    title = meta.get("title") or getattr(doc, "title", None)
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Article(
        id=meta.get("id") or path.name, text=text, title=title,
        outlet=meta.get("outlet") or getattr(doc, "sitename", None) or dateline_outlet(text),
        url=meta.get("url") or getattr(doc, "url", None),
        published=meta.get("published") or getattr(doc, "date", None) or dateline_date(text), path=str(path),
    )


def article_from_row(row: object, where: str, default_id: str) -> Article | IngestError:
    """One article from a JSON object (``text`` and optionally ``id``, ``title``, ``outlet``,
    ``url``, ``published``), as a JSON Lines file or the ingest endpoint gives it; ``where`` names
    it in an error, ``default_id`` is its id when the row has none."""
    if not isinstance(row, dict):
        return IngestError(where, f"expected a JSON object, got {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(where, "missing or empty 'text' field (a string is required)")
    meta = {k: row.get(k) for k in ("id", "title", "outlet", "url", "published")}
    bad = [k for k, v in meta.items() if v is not None and not isinstance(v, (str, int)) or isinstance(v, bool)]
    if bad:
        return IngestError(where, f"field {bad[0]!r} must be a string")
    if meta["published"] is not None and published_on(str(meta["published"])) is None:
        shown = str(meta["published"])
        return IngestError(where, f"'published' is not a date: {shown[:40]!r}{'…' if len(shown) > 40 else ''} "
                                  "(write it as 2024-03-01 or March 1, 2024)")
    strmeta = {k: (str(v) if v is not None else None) for k, v in meta.items()}
    for key, value in (("text", text), *strmeta.items()):
        if value is not None and not _encodable(value):
            return IngestError(where, f"field {key!r} is not valid Unicode (a lone surrogate)")
    art_id = strmeta["id"] or default_id
    try:
        if _looks_like_html(text):
            return _from_html(text, Path(where), **{**strmeta, "id": art_id})
        clean_text = _checked(text, where)
        _enough_words(clean_text, where)
    except IngestError as exc:
        return IngestError(where, exc.reason)
    return Article(id=art_id, text=clean_text, title=strmeta["title"],
                   outlet=strmeta["outlet"] or dateline_outlet(clean_text), url=strmeta["url"],
                   published=strmeta["published"] or dateline_date(clean_text), path=where)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            if len(line) > max_bytes:
                yield IngestError(where, f"line is {len(line) / 2**20:.1f} MiB, "
                                         f"over the {max_bytes / 2**20:.0f} MiB limit for one article")
                continue
            try:
                row = json.loads(decode(line, where))
            except IngestError as exc:
                yield exc
                continue
            except json.JSONDecodeError as exc:
                yield IngestError(where, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
                continue
            yield article_from_row(row, where, f"{path.name}:{n}")
