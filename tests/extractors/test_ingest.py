"""Reading articles: formats, folders, globs, and bad input that must not stop a batch."""
from __future__ import annotations

import gzip
import json
import os
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extractors import Article, IngestError, read_inputs

from ..conftest import SEEDS


def read(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_seed_folder_reads_five_articles_named_by_file():
    items = read(SEEDS)
    assert [a.id for a in items] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(isinstance(a, Article) for a in items)
    assert items[0].title == "China asked to join war effort in Ukraine by Russia, US official claims"


def test_text_is_kept_as_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title line\n\nBody says the U.S.U.S. will act.\n", encoding="utf-8")
    [a] = read(p)
    assert a.text == p.read_text(encoding="utf-8")


def test_glob_and_directory(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B said yes.")
    (tmp_path / "a.txt").write_text("A said no.")
    (tmp_path / "ignore.csv").write_text("x,y")
    (tmp_path / ".hidden").write_text("editor state")
    items = read(tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["a.txt", "b.txt"]
    (skipped,) = [e for e in items if isinstance(e, IngestError)]  # named, with why; a hidden file is not
    assert skipped.path.endswith("ignore.csv") and "unknown suffix .csv; skipped" in skipped.reason
    assert [a.id for a in read(tmp_path / "*.txt")] == ["a.txt"]


def test_html_main_text_without_scripts_or_navigation(tmp_path):
    body = " ".join(["The minister said the plan would go ahead despite protests."] * 6)
    html = f"""<!doctype html><html><head><title>Plan goes ahead</title><script>alert(1)</script></head>
    <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
    <article><h1>Plan goes ahead</h1><p>{body}</p><p>“We will not stop,” she said.</p></article>
    <div class="comments"><p>Great article!!! click here</p></div></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html)
    [a] = read(p)
    assert "The minister said the plan" in a.text
    assert "alert(1)" not in a.text and "Home" not in a.text
    assert a.title == "Plan goes ahead"


def test_jsonl_articles_with_metadata(tmp_path):
    p = tmp_path / "feed.jsonl"
    rows = [{"id": "x1", "text": "Officials said the port reopened.", "outlet": "Wire", "url": "http://e/x1",
             "published": "2022-03-14", "title": "Port"}, {"text": "No id here, said the editor."}]
    p.write_text("\n".join(json.dumps(r) for r in rows))
    a, b = read(p)
    assert (a.id, a.outlet, a.url, a.published, a.title) == ("x1", "Wire", "http://e/x1", "2022-03-14", "Port")
    assert b.id == "feed.jsonl:2"


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
        ("archive.txt", gzip.compress(b"hello"), "binary file (gzip archive)"),
        ("nul.txt", b"abc\x00\x00\x00def" * 100, "binary"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, name, payload, reason):
    (tmp_path / name).write_bytes(payload)
    (tmp_path / "good.txt").write_text("The mayor said the bridge would reopen.")
    items = read(tmp_path / name, tmp_path / "good.txt")
    err, good = items
    assert isinstance(err, IngestError) and reason in str(err) and name in str(err)
    assert "\n" not in str(err)
    assert isinstance(good, Article)


def test_other_encodings_are_decoded(tmp_path):
    (tmp_path / "utf16.txt").write_bytes("The minister said “no”.".encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré que la réforme était prête. Über café.".encode("latin-1"))
    (tmp_path / "damaged.txt").write_bytes(b"The mayor said yes. " * 20 + b"\xff" + b" The end.")
    texts = {a.id: a.text for a in read(tmp_path)}
    assert texts["utf16.txt"] == "The minister said “no”."
    assert "déclaré" in texts["latin1.txt"]
    assert "\ufffd The end." in texts["damaged.txt"]


def test_huge_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse 50 MB
    [err] = read(big)
    assert isinstance(err, IngestError) and "50.0 MiB" in str(err) and "big.txt" in str(err)


def test_malformed_json_lines_are_reported_per_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text('{"id": "ok", "text": "Police said the road was closed."}\n{"id": "trunc", "te\n'
                 '{"id": "notext"}\n{"id": 5, "text": 7}\n[1, 2]\n{"id": "ok2", "text": "She said so."}\n')
    items = read(p)
    assert [a.id for a in items if isinstance(a, Article)] == ["ok", "ok2"]
    errors = [str(e) for e in items if isinstance(e, IngestError)]
    assert errors[0].startswith(f"{p}:2: malformed JSON")
    assert "missing or empty 'text'" in errors[1]
    assert "'text' field" in errors[2]
    assert "expected a JSON object" in errors[3]


def test_duplicate_ids_are_reported(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text('{"id": "a", "text": "One said so."}\n{"id": "a", "text": "Two said so."}\n')
    _, err = read(p)
    assert isinstance(err, IngestError) and "duplicate article id 'a'" in str(err)


def test_missing_paths_and_symlink_loops(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    items = read(tmp_path / "nope.txt", loop, tmp_path / "*.none")
    assert [type(i) for i in items] == [IngestError] * 3
    assert "no such file" in str(items[0]) and "symbolic link" in str(items[1]) and "no file matches" in str(items[2])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("x said y")
    p.chmod(0)
    [err] = read(p)
    assert isinstance(err, IngestError) and "secret.txt" in str(err)


PIECES = st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x89PNG", b"<html>", b"<body>", b"<script>",
                          b"</p>", b"{", b"}", b'"text": ', b"\n", b"\r\n", "“said”".encode(), "é".encode("latin-1"),
                          b"\xf0\x9f", b"The minister said no. "])
BYTES = st.lists(st.one_of(PIECES, st.binary(max_size=16)), max_size=60).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(data=BYTES, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ".xml"]))
def test_arbitrary_bytes_are_read_or_refused_on_one_line(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        for item in read_inputs([path]):
            if isinstance(item, IngestError):
                assert "\n" not in str(item) and item.path.startswith(path)
            else:
                assert isinstance(item, Article) and item.text.strip() and "\r" not in item.text


def test_a_datelines_outlet_is_the_articles_outlet_when_none_is_given(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("RIVERTON, May 3, 2023 (Valley Wire) – Union leader Omar Haddad said the plant was unsafe "
                    "and that workers were scared of the next inspection.\n", encoding="utf-8")
    [article] = list(read_inputs([path]))
    assert (article.outlet, article.published) == ("Valley Wire", "2023-05-03")


@pytest.mark.parametrize("published", ['"9999-99-99"', "true", '"' + "x" * 1_000_000 + '"', '"soon"'])
def test_a_published_value_that_is_no_date_is_refused_with_a_line(tmp_path, published):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "published": ' + published + ', "text": "Mayor Ann Cole said the city paid the '
                    'contractor for the bridge repairs in March of last year."}\n', encoding="utf-8")
    [item] = list(read_inputs([feed]))
    assert isinstance(item, IngestError) and "published" in item.reason and len(item.reason) < 200


# ---- metadata.csv: what plain-text files cannot say (issue 28) ------------------------------------

def test_the_seeds_come_with_their_days_titles_and_the_outlet_their_text_names():
    items = {a.id: a for a in read(SEEDS)}
    assert len(items) == 5 and all(isinstance(a, Article) for a in items.values())
    assert {a.published for a in items.values()} == {"2022-03-13", "2022-03-14", "2022-03-15", "2022-03-16"}
    assert items["003_bcc4e1f61e0c60e7.txt"].outlet == "Time News"  # "by time news", its byline
    assert items["001_16c6418ccb6e6c3b.txt"].title.startswith("Russia has asked China for weapons")  # not "Home …"


def _article(folder, name, words=40):
    (folder / name).write_text("Officials said the talks failed. " * (words // 5), encoding="utf-8")


def test_a_folders_metadata_csv_gives_its_files_day_outlet_title_and_address(tmp_path):
    _article(tmp_path, "a.txt")
    _article(tmp_path, "b.txt")
    # as Excel saves it: a byte-order mark, CRLF line ends, columns in any order, a blank cell
    (tmp_path / "metadata.csv").write_bytes(
        "\ufeffpublished,file,outlet,title,url\r\n14 March 2022,a.txt,Daily Herald,\"Talks fail, again\","
        "https://example.org/a\r\n,b.txt,,,\r\n".encode("utf-8"))
    a, b = read(tmp_path)
    assert (a.id, a.published, a.outlet, a.title, a.url) == ("a.txt", "14 March 2022", "Daily Herald",
                                                              "Talks fail, again", "https://example.org/a")
    assert (b.published, b.outlet) == (None, None) and b.title.startswith("Officials said")  # as read


def test_a_broken_metadata_csv_is_one_line_naming_it_and_the_articles_are_still_read(tmp_path):
    _article(tmp_path, "a.txt")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,someday soon\n", encoding="utf-8")
    items = read(tmp_path)
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(errors) == 1 and "metadata.csv:2" in str(errors[0]) and "not a date" in str(errors[0])
    assert [a.id for a in items if isinstance(a, Article)] == ["a.txt"]
    (tmp_path / "metadata.csv").write_text("name,published\na.txt,2022-03-14\n", encoding="utf-8")
    assert "no 'file' column" in str(next(i for i in read(tmp_path) if isinstance(i, IngestError)))


def test_a_folders_pdfs_images_and_binaries_are_each_named_with_why(tmp_path):
    (tmp_path / "a.txt").write_text("Officials said the talks failed on Monday night.")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n...")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (tmp_path / "data.bin").write_bytes(bytes(range(256)))
    items = read(tmp_path)
    why = {os.path.basename(e.path): e.reason for e in items if isinstance(e, IngestError)}
    assert why["report.pdf"].startswith("PDF document, not an article")
    assert why["photo.jpg"].startswith("JPEG image, not an article")
    assert why["data.bin"].startswith("unknown suffix .bin")
    assert [a.id for a in items if isinstance(a, Article)] == ["a.txt"]
