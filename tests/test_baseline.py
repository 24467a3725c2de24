"""Baselines: fingerprints survive lines moving; only new findings are reported."""
from __future__ import annotations

import json

from click.testing import CliRunner

from newslint.cli import main

STORY = "# Night raid\n\nThe brutal raid ended.\n\nA brutal raid again, a savage one.\n\nIt was calm, police said.\n"


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--format", "json", *args])


def test_baseline_survives_moved_lines_and_reports_only_new(tmp_path):
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    base = tmp_path / "baseline.json"
    result = check("--write-baseline", str(base), str(story))
    assert result.exit_code == 0 and "recorded 3 findings" in result.stderr
    data = json.loads(base.read_text())
    assert data["version"] == 1 and len(data["findings"]) == 3 and "line" not in data["findings"][0]
    assert check("--baseline", str(base), str(story)).exit_code == 0

    moved = "Editor's note: updated.\n\n" + STORY.replace("# Night raid\n\n", "# Night raid\n\nMore text here.\n\n")
    story.write_text(moved, encoding="utf-8")
    assert json.loads(check("--baseline", str(base), str(story)).stdout)["findings"] == []

    story.write_text(moved + "\nA vicious turn, and another brutal raid.\n", encoding="utf-8")
    result = check("--baseline", str(base), str(story))
    assert result.exit_code == 1
    assert [(f["line"], f["text"]) for f in json.loads(result.stdout)["findings"]] == [(13, "vicious"), (13, "brutal")]


def test_repeated_identical_findings_are_counted(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("A brutal day.\n\nA brutal day.\n", encoding="utf-8")
    base = tmp_path / "b.json"
    check("--write-baseline", str(base), str(story))
    story.write_text("A brutal day.\n\nA brutal day.\n\nA brutal day.\n", encoding="utf-8")
    assert [f["line"] for f in json.loads(check("--baseline", str(base), str(story)).stdout)["findings"]] == [5]


def test_bad_baseline_is_an_error(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("A calm day.\n")
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    result = check("--baseline", str(bad), str(story))
    assert result.exit_code == 2 and f"{bad}:1: malformed baseline JSON" in result.stderr
    bad.write_text('{"version": 7, "findings": []}')
    assert "not a newslint baseline" in check("--baseline", str(bad), str(story)).stderr
    assert check("--baseline", str(tmp_path / "missing.json"), str(story)).exit_code == 2


def test_baseline_dash_is_a_standard_stream(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    written = check("--write-baseline", "-", "story.md")
    assert written.exit_code == 0 and "recorded 3 findings in standard output" in written.stderr
    assert len(json.loads(written.stdout)["findings"]) == 3 and not (tmp_path / "-").exists()

    story.write_text(STORY + "\nA vicious turn.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--baseline", "-", "story.md"],
                                input=written.stdout)
    assert result.exit_code == 1
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["vicious"]

    both = CliRunner().invoke(main, ["check", "--baseline", "-", "-"], input="A brutal day.\n")
    assert both.exit_code == 2 and "standard input is the text being linted" in both.stderr
    garbled = CliRunner().invoke(main, ["check", "--baseline", "-", "story.md"], input="{not json")
    assert garbled.exit_code == 2 and "<stdin>:1: malformed baseline JSON" in garbled.stderr
