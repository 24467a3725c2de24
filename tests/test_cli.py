from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import __version__
from newslint.cli import main


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text("The brutal raid ended.\n\nIt was calm, police said.\n", encoding="utf-8")
    return path


def test_text_output_marks_the_span(article):
    result = run("check", "--no-color", str(article))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{article}:1:5: warning loaded.adjectives " \
                       "'brutal' tells the reader what to think. Describe what happened and let the facts carry the weight."
    assert lines[1] == "    The brutal raid ended."
    assert lines[2] == "        ^^^^^^"
    assert lines[-1] == "1 finding in 1 file (0 errors, 1 warning, 0 suggestions)"


def test_json_output_shape(article):
    result = run("check", "--format", "json", str(article))
    data = json.loads(result.output)
    assert data == {"version": 1, "findings": [{
        "path": str(article), "line": 1, "column": 5, "end_line": 1, "end_column": 11,
        "rule": "loaded.adjectives", "severity": "warning",
        "message": "'brutal' tells the reader what to think. Describe what happened and let the facts carry the weight.",
        "text": "brutal",
        "suggestions": ["describe the act (time, place, method, numbers), or attribute the characterization"]}]}


def test_fail_on_select_and_ignore(article):
    assert run("check", "--fail-on", "error", str(article)).exit_code == 0
    assert run("check", "--ignore", "loaded", str(article)).exit_code == 0
    assert run("check", "--select", "loaded.adjectives", str(article)).exit_code == 1
    assert run("check", "--select", "sources", str(article)).exit_code == 0
    bad = run("check", "--select", "nope", str(article))
    assert bad.exit_code == 2 and "unknown rule or family 'nope'" in bad.output


def test_bad_inputs_are_reported_and_others_still_linted(tmp_path, article):
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01binary")
    latin = tmp_path / "c.md"
    latin.write_bytes("caf\xe9 brutal".encode("latin-1"))
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "missing.md"), str(binary),
                                       str(latin), str(article)])
    assert result.exit_code == 2
    err = result.stderr.splitlines()
    assert err == [f"newslint: error: {tmp_path / 'missing.md'}: no such file or directory",
                   f"newslint: error: {binary}: binary file (NUL bytes); not linted",
                   f"newslint: error: {latin}: not valid UTF-8 (byte 0xe9 at line 1); "
                   "if it was saved as Windows-1252 or Latin-1, --encoding cp1252 reads it"]
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == [str(article)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file(tmp_path, article):
    locked = tmp_path / "locked.md"
    locked.write_text("x")
    locked.chmod(0)
    result = CliRunner().invoke(main, ["check", str(locked), str(article)])
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_directories_are_recursed_for_articles(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("A brutal day.\n")
    (tmp_path / "a" / "two.txt").write_text("Headline\n\nA savage day.\n")
    (tmp_path / "a" / "skip.py").write_text("brutal = 1\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("brutal\n")
    data = json.loads(run("check", "--format", "json", str(tmp_path)).output)
    assert [Path(f["path"]).name for f in data["findings"]] == ["one.md", "two.txt"]


def test_stdin(article):
    result = run("check", "--format", "json", "-", stdin="A savage day.\n")
    assert json.loads(result.output)["findings"][0]["path"] == "<stdin>"


def test_malformed_house_rule_is_an_error(tmp_path, article):
    bad = tmp_path / "house" / "family"
    bad.mkdir(parents=True)
    (bad / "r.yaml").write_text("kind: existence\nmessage: m\nterms: [x]\nbogus: 1\n")
    result = CliRunner().invoke(main, ["check", "--rules", str(tmp_path / "house"), str(article)])
    assert result.exit_code == 2
    assert f"{bad / 'r.yaml'}:4: key 'bogus': unknown key" in result.stderr


def test_rules_explain_and_version():
    listing = run("rules").output
    assert "loaded.adjectives" in listing and "attribution.casualties" in listing
    explained = run("explain", "loaded.adjectives")
    assert explained.exit_code == 0 and "Flagged:" in explained.output and "Passes:" in explained.output
    assert run("explain", "nope.nope").exit_code == 2
    assert __version__ in run("--version").output


def test_console_script_runs_on_the_bundled_example():
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-color", str(root / "examples" / "article.md")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "attribution.casualties" in proc.stdout and "loaded.adjectives" in proc.stdout


def test_rules_and_explain_as_json():
    listing = json.loads(run("rules", "--format", "json").output)
    ids = [r["id"] for r in listing["rules"]]
    assert ids == sorted(ids) and "loaded.adjectives" in ids
    one = json.loads(run("explain", "loaded.adjectives", "--format", "json").output)
    assert one["id"] == "loaded.adjectives" and one["severity"] == "warning" and one["fixable"] is False
    listed = listing["rules"][ids.index("loaded.adjectives")]
    assert one["flag"][0]["at"] and one["pass"] and {k: one[k] for k in listed} == listed
    assert "brutal" in one["terms"]  # explain adds the rule's words


def test_stdin_filename_picks_config_and_markup(tmp_path, monkeypatch):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".newslint.yaml").write_text("severity: {loaded: error}\n")
    monkeypatch.chdir(tmp_path)
    text = "<!-- a brutal comment -->\nA savage day.\n"
    result = run("check", "--format", "json", "--stdin-filename", "desk/story.md", "-", stdin=text)
    assert [(f["path"], f["line"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == \
           [("desk/story.md", 2, "error")]
    plain = run("check", "--format", "json", "--stdin-filename", "notes.txt", "-", stdin=text)
    assert [f["line"] for f in json.loads(plain.stdout)["findings"]] == [1, 2]  # .txt has no comments


def test_progress_bar_only_when_wanted(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"s{i}.md").write_text("A calm day.\n")
    assert "linting" not in CliRunner().invoke(main, ["check", str(tmp_path)]).stderr
    monkeypatch.setattr("newslint.batch.wants_progress", lambda targets: len(targets) >= 3)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert "linting" in result.stderr and json.loads(result.stdout) == {"version": 1, "findings": []}


def test_files_are_listed_ahead_only_when_needed(tmp_path, monkeypatch):
    """One folder is listed once, as it is linted; several paths once more, ahead, to find names given twice."""
    from newslint import targets

    for i in range(3):
        (tmp_path / f"s{i}.md").write_text("A calm day.\n")
    listings = []
    listed = targets.each

    def counting(paths, *rest):
        listings.append(paths)
        return listed(paths, *rest)

    monkeypatch.setattr(targets, "each", counting)
    assert CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)]).exit_code == 0
    assert len(listings) == 1
    story = str(tmp_path / "s0.md")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "json", str(tmp_path), story])
    assert result.exit_code == 0 and len(listings) == 3


def test_reports_and_baselines_are_written_atomically(tmp_path, article, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    assert run("check", "--format", "json", "--output", str(report), str(article)).exit_code == 1
    assert json.loads(report.read_text())["findings"][0]["rule"] == "loaded.adjectives"
    assert not [p for p in report.parent.iterdir() if p.name != "report.json"]  # no temporary left behind
    report.chmod(0o640)
    run("check", "--format", "json", "--output", str(report), str(article))
    assert report.stat().st_mode & 0o777 == 0o640  # the mode an existing report had is kept
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(outside)
    refused = run("check", "--output", str(link), str(article))
    assert refused.exit_code == 2 and "symlink points outside" in refused.stderr
    assert outside.read_text() == "keep"
    base = tmp_path / "base.json"
    assert run("check", "--write-baseline", str(base), str(article)).exit_code == 0
    assert json.loads(base.read_text())


def test_rules_lists_off_by_default_rules():
    listing = run("rules").output.splitlines()
    assert any(" off " in line for line in listing) and any(" on " in line for line in listing)
