"""Safe fixes: --fix and --diff with a house rule marked `safe: true`; writes keep BOM, CRLF and mode."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.finding import Finding, Severity
from newslint.fixes import Fix, apply, edits

SAFE = """kind: substitution
safe: true
severity: warning
message: "Use '{replacement}', not '{match}'."
swap:
  passed away: died
  utilize: use
"""
UNSAFE = """kind: substitution
severity: suggestion
message: "Consider '{replacement}' for '{match}'."
swap:
  away: gone
  commence: begin
"""


@pytest.fixture()
def house(tmp_path: Path) -> Path:  # this module's own house rules, in place of conftest's
    folder = tmp_path / "house" / "plain"
    folder.mkdir(parents=True)
    (folder / "words.yaml").write_text(SAFE, encoding="utf-8")
    (folder / "maybe.yaml").write_text(UNSAFE, encoding="utf-8")
    return tmp_path / "house"



def fix(house: Path, *args: str):
    return CliRunner().invoke(main, ["check", "--no-color", "--rules", str(house), "--select", "plain", *args])


def test_fix_rewrites_and_a_second_run_changes_nothing(house, workdir):
    story = workdir / "story.md"
    story.write_text("The actor Passed away on Sunday. They will commence and utilize it.\n", encoding="utf-8")
    story.chmod(0o640)
    first = fix(house, "--fix", str(story))
    assert story.read_text(encoding="utf-8") == "The actor Died on Sunday. They will commence and use it.\n"
    assert stat.S_IMODE(story.stat().st_mode) == 0o640
    assert "plain.maybe" in first.stdout and "plain.words" not in first.stdout  # only what is left is reported
    assert first.stderr == "newslint: applied 2 fixes\n"
    before = story.read_bytes()
    second = fix(house, "--fix", str(story))
    assert story.read_bytes() == before and second.stdout == first.stdout
    assert second.stderr == "newslint: applied 0 fixes\n"
    assert [p.name for p in workdir.iterdir()] == ["story.md"]  # no temporary files left behind


def test_diff_prints_and_writes_nothing(house, workdir):
    story = workdir / "story.md"
    story.write_text("Line one.\nShe passed away.\n", encoding="utf-8")
    result = fix(house, "--diff", str(story))
    assert result.exit_code == 1
    assert result.output == (f"--- a/{story}\n+++ b/{story}\n@@ -1,2 +1,2 @@\n Line one.\n"
                             "-She passed away.\n+She died.\n")
    assert story.read_text() == "Line one.\nShe passed away.\n"
    story.write_text("Nothing to do.\n")
    assert fix(house, "--diff", str(story)).exit_code == 0


def test_crlf_and_bom_are_kept(house, workdir):
    story = workdir / "story.md"
    story.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\nWe utilize it.\r\nHe passed away.\r\n")
    fix(house, "--fix", str(story))
    assert story.read_bytes() == b"\xef\xbb\xbfHeadline\r\n\r\nWe use it.\r\nHe died.\r\n"


def test_overlapping_fixes_apply_the_first_and_skip_the_rest():
    text = "He passed away."
    def finding(col: int, end: int, rule: str) -> Finding:
        return Finding("x", 1, col, 1, end, col - 1, end - 1, rule, Severity.WARNING, "m", text[col - 1:end - 1])
    fixers = {"a.long": lambda s: Fix("died", True), "b.short": lambda s: Fix("gone", True),
              "a.he": lambda s: Fix("She", True)}
    found = [finding(4, 15, "a.long"), finding(11, 15, "b.short"), finding(1, 3, "a.he")]
    changes = edits(text, found, fixers, ())
    assert [(e.start, e.end, e.replacement) for e in changes] == [(0, 2, "She"), (3, 14, "died")]
    assert apply(text, changes) == "She died."
    assert edits(text, found, {"b.short": fixers["b.short"]}, ())[0].replacement == "gone"
    assert edits(text, found, {}, ()) == []
    unsafe = {"a.long": lambda s: Fix("died", False)}
    assert edits(text, found, unsafe, ()) == [] and edits(text, found, unsafe, (), unsafe=True)[0].replacement == "died"


@pytest.mark.parametrize(("text", "words", "fixed"), [
    ("Needless to say, the plan failed.", "Needless to say", "The plan failed."),
    ("The plan, needless to say, failed.", "needless to say", "The plan failed."),
    ("Yes. It is important to note that the vote was close.", "It is important to note", "Yes. The vote was close."),
    ("- It is worth noting that turnout rose.", "It is worth noting", "- Turnout rose."),
])
def test_a_deletion_takes_its_comma_and_gives_the_sentence_its_capital(text, words, fixed):
    start = text.index(words)
    f = Finding("x", 1, start + 1, 1, start + len(words) + 1, start, start + len(words), "a.b", Severity.WARNING, "m", words)
    assert apply(text, edits(text, [f], {"a.b": lambda s: Fix("", True)}, ())) == fixed


def test_a_deletion_that_would_not_read_is_not_made():
    text = "We know it is important to note that x."
    start = text.index("it is")
    f = Finding("x", 1, start + 1, 1, start + 24, start, start + 23, "a.b", Severity.WARNING, "m", "it is important to note")
    assert edits(text, [f], {"a.b": lambda s: Fix("", True)}, ()) == []


def test_unsafe_fixes_only_with_the_flag(house, workdir):
    story = workdir / "story.md"
    story.write_text("They will commence it.\n", encoding="utf-8")
    fix(house, "--fix", str(story))
    assert story.read_text() == "They will commence it.\n"
    fix(house, "--fix", "--unsafe-fixes", str(story))
    assert story.read_text() == "They will begin it.\n"


def test_symlink_outside_the_work_folder_is_refused(house, workdir, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("She passed away.\n")
    (workdir / "link.md").symlink_to(outside)
    inside = workdir / "real.md"
    inside.write_text("She passed away.\n")
    (workdir / "inner.md").symlink_to(inside)
    result = fix(house, "--fix", str(workdir / "link.md"), str(workdir / "inner.md"))
    assert result.exit_code == 2 and "symlink points outside" in result.stderr
    assert outside.read_text() == "She passed away.\n"
    assert inside.read_text() == "She died.\n" and (workdir / "inner.md").is_symlink()


def test_a_failed_write_leaves_the_file_whole(house, workdir, monkeypatch):
    story = workdir / "story.md"
    story.write_text("She passed away.\n")
    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken)
    result = fix(house, "--fix", str(story))
    assert result.exit_code == 2 and "not written: No space left on device" in result.stderr
    assert story.read_text() == "She passed away.\n"
    assert [p.name for p in workdir.iterdir()] == ["story.md"]
