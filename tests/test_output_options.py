"""Output options people ask of a linter: --quiet, --statistics, --exit-zero, NO_COLOR/FORCE_COLOR,
`check` with no path, --extend-select and --select ALL on the command line, explain for a family."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main

BRUTAL = "The brutal raid ended.\n\nIt was calm, police said.\n"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.md").write_text(BRUTAL, encoding="utf-8")
    (tmp_path / "two.md").write_text("A brutal, savage raid was the deadliest ever.\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("The council voted 7-2 on Tuesday, officials said.\n", encoding="utf-8")
    return tmp_path


def _findings(*args: str) -> list[dict[str, object]]:
    return json.loads(run("check", "--format", "json", *args).output)["findings"]


def test_check_with_no_path_lints_the_current_folder(desk):
    assert _findings() == _findings(".")
    assert len(_findings()) >= 3


def test_quiet_prints_findings_only(desk):
    loud = run("check", "--no-color", ".")
    quiet = run("check", "--quiet", "--no-color", ".")
    assert quiet.exit_code == loud.exit_code == 1
    assert "findings in" in loud.output and "findings in" not in quiet.output
    assert quiet.output.strip() and quiet.output.strip() in loud.output
    assert run("check", "--quiet", "clean.md").output == ""


def test_statistics_counts_per_rule(desk):
    result = run("check", "--statistics", ".")
    found = _findings(".")
    counts: dict[str, int] = {}
    for f in found:
        counts[str(f["rule"])] = counts.get(str(f["rule"]), 0) + 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    table = {line.split()[1]: int(line.split()[0]) for line in lines[:len(counts)]}
    assert table == counts
    assert [int(x.split()[0]) for x in lines[:len(counts)]] == sorted(counts.values(), reverse=True)
    assert result.exit_code == 1 and "brutal" not in result.output  # counts, not findings


def test_exit_zero(desk):
    assert run("check", "--exit-zero", ".").exit_code == 0
    assert run("check", "--exit-zero", "missing.md").exit_code == 2  # errors still fail


def test_colour_follows_no_color_and_force_color(desk):
    assert "\x1b[" in run("check", "one.md", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).output
    assert "\x1b[" not in run("check", "one.md", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).output
    assert "\x1b[" not in run("check", "one.md", env={"FORCE_COLOR": "", "NO_COLOR": ""}).output  # not a terminal
    assert "\x1b[" in run("check", "--color", "one.md", env={"NO_COLOR": "1"}).output  # the option wins


def test_extend_select_and_select_all_on_the_command_line(desk):
    (desk / "puff.md").write_text("The legendary chef recently opened a world-class restaurant.\n", encoding="utf-8")
    base = {f["rule"] for f in _findings("puff.md")}
    assert "time.relative" not in base
    extended = {f["rule"] for f in _findings("--extend-select", "time.relative", "puff.md")}
    assert extended == base | {"time.relative"}
    only = {f["rule"] for f in _findings("--select", "time.relative", "puff.md")}
    assert only == {"time.relative"}
    assert "time.relative" in {f["rule"] for f in _findings("--select", "ALL", "puff.md")}
    assert run("check", "--extend-select", "nope", "puff.md").exit_code == 2


def test_explain_a_family_shows_each_rules_words_and_fixes():
    result = run("explain", "euphemisms")
    assert result.exit_code == 0
    assert "euphemisms.plain" in result.output and "passed away -> died  (safe)" in result.output
    assert "collateral damage -> civilian deaths  (review)" in result.output
    assert "--fix: The actor died on Sunday." in result.output
    family = run("explain", "loaded")
    assert all(f"loaded.{name}" in family.output for name in ("adjectives", "adverbs", "neutral"))
    assert "Words:" in family.output and "audacious" in family.output
    data = json.loads(run("explain", "euphemisms.plain", "--format", "json").output)
    assert {"term": "passed away", "replacements": ["died"], "fix": "safe"} in data["swap"]
    assert json.loads(run("explain", "ap", "--format", "json").output)["rules"][0]["id"].startswith("ap.")
    assert run("explain", "nope").exit_code == 2


def test_output_is_left_as_it_was_when_the_run_ends_with_an_error(desk):
    report = desk / "ci.sarif"
    report.write_text("previous report\n", encoding="utf-8")
    (desk / "binary.md").write_bytes(b"\x00\x01 not text")
    result = run("check", "--format", "sarif", "--output", str(report), ".")
    assert result.exit_code == 2 and "not written: the run ended with an error" in result.stderr
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in desk.iterdir() if p.name.startswith(".ci.sarif")] == []  # no temporary file left
    (desk / "binary.md").unlink()
    assert run("check", "--format", "sarif", "--output", str(report), ".").exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_dash_is_standard_output_not_a_file(desk):
    plain = run("check", "--format", "json", "one.md")
    dashed = run("check", "--format", "json", "-o", "-", "one.md")
    assert dashed.exit_code == plain.exit_code == 1
    assert json.loads(dashed.output) == json.loads(plain.output)
    assert not (desk / "-").exists()


def test_output_is_refused_where_no_report_is_written(desk):
    """--diff prints the diff and --write-baseline writes its own file: an --output FILE beside either
    would never be written (or, the same name, overwritten by the baseline), so it is a usage error."""
    report = desk / "report.json"
    report.write_text("previous report\n", encoding="utf-8")
    for extra in (["--diff"], ["--write-baseline", "base.json"], ["--write-baseline", "report.json"]):
        result = run("check", "--format", "json", "--output", "report.json", *extra, "one.md")
        assert result.exit_code == 2, extra
        assert "--output" in result.stderr and extra[0] in result.stderr, result.stderr
        assert report.read_text(encoding="utf-8") == "previous report\n"
    assert not (desk / "base.json").exists()
    assert run("check", "--diff", "-o", "-", "one.md").exit_code in (0, 1)  # standard output: no conflict


def test_a_file_option_ending_in_a_slash_names_a_folder_not_a_file(desk):
    """`--output report/` (a folder, by its slash) never writes a file called `report`."""
    for option in ("--output", "--write-baseline"):
        result = run("check", option, "report/", "one.md")
        assert result.exit_code == 2 and "report/" in result.output and "folder" in result.output, result.output
        assert not (desk / "report").exists()
    result = run("check", "--baseline", "one.md/", "one.md")
    assert result.exit_code == 2 and "folder" in result.output
