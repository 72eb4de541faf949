"""The command line, as a user runs it."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from claimgraph.cli import main

from .conftest import SEEDS


def test_every_command_has_help():
    runner = CliRunner()
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in main.commands:
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output


def test_build_writes_attributions_and_prints_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output and "top sources" in result.output
    rows = (tmp_path / "out" / "attributions.jsonl").read_text().splitlines()
    assert len(rows) > 50 and {"id", "doc", "source", "content", "stance"} <= set(json.loads(rows[0]))


def test_bad_input_is_named_and_the_rest_still_builds(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("The mayor said the bridge would reopen in May.")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.txt: binary file (PNG image)" in result.output
    rows = (tmp_path / "out" / "attributions.jsonl").read_text().splitlines()
    assert [json.loads(r)["doc"] for r in rows] == ["good.txt"]


def test_failed_build_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out)])
    before = (out / "attributions.jsonl").read_bytes()
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 1 and "no such file" in result.output
    assert (out / "attributions.jsonl").read_bytes() == before


def test_unknown_model_gives_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(tmp_path), "--model", "xx_no_such_model"])
    assert result.exit_code == 1
    assert "xx_no_such_model" in result.output and "not installed" in result.output


def test_view_focuses_on_an_actor_and_draws_pictures(tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(SEEDS), "--out", str(out), "--quiet"]).exit_code == 0
    assert (out / "explorer.html").is_file()
    page, png, svg = tmp_path / "sullivan.html", tmp_path / "s.png", tmp_path / "s.svg"
    result = runner.invoke(main, ["view", "--store", str(out), "--actor", "Sullivan", "-o", str(page),
                                  "--png", str(png), "--svg", str(svg)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="cg-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    labels = {n["label"] for n in data["nodes"]}  # the text around the evidence may name anyone
    assert "Jake Sullivan" in labels and "Zhao Lijian" not in labels and "focus: actor" in html
    assert png.stat().st_size > 10_000 and svg.read_text().lstrip().startswith("<?xml")
    missing = runner.invoke(main, ["view", "--store", str(out), "--claim", "no such words anywhere"])
    assert missing.exit_code == 1 and "no claim" in missing.output

    stats = runner.invoke(main, ["stats", "--store", str(out), "--top", "3"])
    assert stats.exit_code == 0, stats.output
    assert "Most contested claims" in stats.output and "Liu Pengyu" in stats.output
    assert "Financial Times → US officials" in stats.output


def test_a_build_that_reads_nothing_says_so_and_claims_no_files(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no article could be read" in result.output and "wrote" not in result.output
    assert f"{tmp_path / 'out'} was not created" in result.output and not (tmp_path / "out").exists()


def test_remove_takes_the_path_an_article_was_built_from(tmp_path):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--quiet"])
    path = sorted(SEEDS.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["remove", "--store", str(out), str(path)])
    assert result.exit_code == 0 and "removed 1 article" in result.output
    docs = {json.loads(line)["doc"] for line in (out / "attributions.jsonl").read_text().splitlines()}
    assert path.name not in docs and len(docs) == 4


def test_query_format_and_parameter_errors_say_what_is_expected(tmp_path):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(sorted(SEEDS.glob("*.txt"))[0]), "--out", str(out), "--quiet"])
    turtle = CliRunner().invoke(main, ["query", "--store", str(out), "--format", "turtle",
                                       "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"])
    assert turtle.exit_code == 1 and "CONSTRUCT" in turtle.output and "SELECT" in turtle.output
    wrong = CliRunner().invoke(main, ["query", "--store", str(out), "--name", "who-denies", "--param", "phrase=aid"])
    assert wrong.exit_code == 1 and "--param text=" in wrong.output and "phrase" in wrong.output
    assert len(wrong.output.strip().splitlines()) == 1



def test_an_output_folder_that_cannot_be_written_gets_one_line_naming_the_file(tmp_path):
    """A read-only, full or mistyped output folder: the OS error in one line naming the path, no
    traceback, exit code 1 (a non-directory in the path stands in for a read-only mount here)."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(SEEDS / "000_6d15ec292fdd1bf3.txt"), "--out", str(out), "--quiet"]).exit_code == 0
    (tmp_path / "file").write_text("not a folder")
    for args in (["export", "--store", str(out), "--format", "nquads", "-o", str(tmp_path / "file" / "x.nq")],
                 ["view", "--store", str(out), "-o", str(tmp_path / "file" / "v.html")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert str(tmp_path / "file") in result.output and len(result.output.strip().splitlines()) == 1
    (out / "store.lock").unlink()
    (out / "store.lock").mkdir()  # the writer's lock file cannot be opened, as on a read-only mount
    for args in (["remove", "--store", str(out), "000_6d15ec292fdd1bf3.txt"],
                 ["build", str(SEEDS / "001_16c6418ccb6e6c3b.txt"), "--out", str(out)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1 and "store.lock" in result.output and "Traceback" not in result.output, result.output
