"""Write the hostile-input corpus: every kind of file a crawl or an archive dump hands over.

    python tests/data/make_bad.py [FOLDER]      (default: tests/data/bad, which git ignores)

The tests build it in a temporary folder (``make(folder)``). Each case names what a build must do
with it: ``"article"`` (read, possibly repaired) or the reason its one-line error gives. Good
articles sit among the bad ones, so a test can check that the batch went on.
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

PROSE = ("The minister said the talks would resume on Monday. Officials in the capital denied that any "
         "deal had been signed, according to a statement. ")

#: relative path → what a build must report: "article", or a fragment of the error's reason.
EXPECTED: dict[str, str] = {
    "good.txt": "article",
    "empty.txt": "empty file",
    "whitespace.txt": "empty file",
    "image.txt": "binary file (PNG image)",
    "archive.txt": "binary file (gzip archive)",
    "utf16-bom.txt": "article",
    "latin1.txt": "article",
    "mixed-encodings.txt": "article",
    "nul-bytes.txt": "binary",
    "huge-single-line.txt": "over the 10 MiB limit",
    "long-paragraph.txt": "article",
    "nested-200-deep.html": "article",
    "deeply-nested.html": "nested over 255 levels deep",
    "scripts-only.html": "no article text",
    "feed.jsonl:1": "article",
    "feed.jsonl:2": "malformed JSON",
    "feed.jsonl:3": "missing or empty 'text'",
    "feed.jsonl:4": "'text'",
    "feed.jsonl:5": "field 'id' must be a string",
    "feed.jsonl:6": "expected a JSON object",
    "feed.jsonl:7": "duplicate article id",
    "a/same-name.txt": "article",
    "b/same-name.txt": "duplicate article id",
    "unreadable.txt": "Permission denied",
    "loop.txt": "symbolic link",
    "tiny/": "too short to be an article",
}
TINY_FILES = 10_000


def make(root: Path, *, tiny_files: int = TINY_FILES) -> dict[str, str]:
    """Write the corpus into ``root``; returns :data:`EXPECTED`."""
    root.mkdir(parents=True, exist_ok=True)
    w = lambda name, data: (root / name).write_bytes(data)  # noqa: E731
    w("good.txt", (PROSE * 3).encode())
    w("empty.txt", b"")
    w("whitespace.txt", b"  \n\t \r\n   \n")
    w("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    w("archive.txt", gzip.compress(PROSE.encode() * 20))
    w("utf16-bom.txt", ("Le ministre a déclaré : « Nous signerons. » " + PROSE).encode("utf-16"))
    w("latin1.txt", ("Der Minister sagte, die Gespräche würden am Montag fortgesetzt. Über Öl: "
                     "Beamte bestritten, dass ein Abkommen unterzeichnet worden sei. ").encode("latin-1") * 3)
    w("mixed-encodings.txt", PROSE.encode() + "Le ministre a déclaré que l'accord était prêt. ".encode("latin-1")
      + "Der Sprecher sagte, es gebe „keine Einigung“.".encode())
    w("nul-bytes.txt", (PROSE.encode() + b"\x00" * 40) * 30)
    with (root / "huge-single-line.txt").open("wb") as fh:  # 50 MB, one line, really written
        chunk = PROSE.encode() * 1000
        for _ in range(50 * 2**20 // len(chunk) + 1):
            fh.write(chunk)
    w("long-paragraph.txt", (PROSE * (1_000_000 // len(PROSE) + 1)).encode())  # one paragraph, 1M characters
    for name, depth in (("nested-200-deep.html", 200), ("deeply-nested.html", 5_000)):
        w(name, ("<html><head><title>Deep</title></head><body>" + "<div>" * depth
                 + f"<article><p>{PROSE * 3}</p></article>" + "</div>" * depth + "</body></html>").encode())
    w("scripts-only.html", b"<html><head><script>alert(1)</script></head><body><script>document.write('x')"
                           b"</script><noscript></noscript></body></html>")
    lines = [
        json.dumps({"id": "feed-1", "text": PROSE * 2, "title": "Talks"}),
        '{"id": "feed-2", "text": "The minister said',  # truncated
        json.dumps({"id": "feed-3", "title": "no text"}),
        json.dumps({"id": "feed-4", "text": 42}),
        json.dumps({"id": ["feed-5"], "text": PROSE}),
        json.dumps([PROSE]),
        json.dumps({"id": "feed-1", "text": PROSE}),  # the same id again
    ]
    w("feed.jsonl", ("\n".join(lines) + "\n").encode())
    for sub in ("a", "b"):
        (root / sub).mkdir(exist_ok=True)
        w(f"{sub}/same-name.txt", (PROSE * 2).encode())
    w("unreadable.txt", PROSE.encode())
    os.chmod(root / "unreadable.txt", 0)
    loop = root / "loop.txt"
    if not loop.is_symlink():
        loop.symlink_to("loop.txt")
    tiny = root / "tiny"
    tiny.mkdir(exist_ok=True)
    for k in range(tiny_files):
        (tiny / f"{k:05d}.txt").write_bytes(b"ok\n")
    return EXPECTED


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "bad"
    make(target)
    print(f"wrote the hostile-input corpus to {target}")
