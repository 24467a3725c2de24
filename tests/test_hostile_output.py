"""Output that other tools read: diffs that `git apply` applies, JUnit that is XML, whatever the text holds."""
from __future__ import annotations

import os
import shutil
import subprocess
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from newslint.cli import main



def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-color", *args])


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("odd", ["\u2028", "\x0b", "\x0c", "\x85", "\r", "\u2029\x1c"], ids=repr)
def test_a_diff_applies_with_git_apply_whatever_a_line_holds(house, tmp_path, monkeypatch, odd):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    text = f"The mayor{odd}said it.\nHe slammed{odd}the plan.\n\nShe passed away{odd}on Sunday.\nEnd"
    (work / "story.md").write_bytes(text.encode("utf-8"))
    result = check("--rules", str(house), "--select", "obit", "--diff", "story.md")
    assert result.exit_code == 1 and result.stdout.startswith("--- a/story.md")
    (work / "fix.patch").write_bytes(result.stdout_bytes)
    applied = subprocess.run(["git", "apply", "--unsafe-paths", "fix.patch"], check=False, cwd=work, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    patched = (work / "story.md").read_bytes()
    (work / "story.md").write_bytes(text.encode("utf-8"))
    assert check("--rules", str(house), "--select", "obit", "--fix", "story.md").exit_code in (0, 1)
    assert patched == (work / "story.md").read_bytes()
    assert b"criticized" in patched and b"died" in patched


def test_junit_is_valid_xml_whatever_the_text_or_file_name_holds(house, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = ["soft.md", "ctl\x01name.md"]
    for name in names:
        (tmp_path / name).write_text("She passed\x0baway\x0c.\nA savage\x1bday.\n", encoding="utf-8")
    result = check("--rules", str(house), "--format", "junit", *names)
    root = ET.fromstring(result.stdout_bytes)  # raises on anything XML 1.0 cannot hold
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["soft.md", "ctl\\x01name.md"]
    texts = [f.text for f in root.iter("failure")]
    assert texts and all("\x0b" not in t for t in texts) and any("\\x0b" in t for t in texts)


def test_junit_counts_files_it_could_not_read_as_valid_xml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bin\x02.md").write_bytes(b"\x00\x01\x02")
    result = check("--format", "junit", "bin\x02.md", "missing\x03.md")
    ET.fromstring(result.stdout_bytes)
    assert result.exit_code == 2 and os.path.exists("bin\x02.md")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "junit", "github"])
def test_text_that_decodes_to_lone_surrogates_is_an_input_error(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seven.md").write_bytes(b"The brutal raid +2D0-.\n")  # UTF-7 for a lone U+D83D
    (tmp_path / "good.md").write_text("The brutal raid ended.\n", encoding="utf-8")
    result = check("--format", fmt, "--encoding", "utf-7", "seven.md", "good.md")
    assert result.exit_code == 2, result.output
    assert "seven.md: not valid utf-7: it decodes to a lone surrogate (line 1)" in result.stderr
    assert "good.md" in result.stdout
