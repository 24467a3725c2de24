"""Hostile rule, config and baseline files and standard input: one clear error each, never a crash or a hang."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_rule
from newslint import batch
from newslint.cli import main
from newslint.errors import RuleError
from newslint.rulebook import load_rules

RULE = "kind: existence\nmessage: m\nterms: [brutal]\n"


def bomb(key: str, levels: int, width: int = 9) -> str:
    """`key:` holding a YAML anchor bomb: `levels` aliases deep, `width` ** `levels` items once expanded."""
    parts = ["k0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, levels):
        parts.append(f"k{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return f"{key}: {{{', '.join(parts)}}}\n"


def check(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["check", "--no-color", *args], input=stdin)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text("The brutal raid ended.\n", encoding="utf-8")
    return path


def test_an_anchor_bomb_in_a_rule_is_refused_at_once(tmp_path):
    write_rule(tmp_path, "k/r.yaml", RULE + bomb("enabled", 5))  # 59,049 items: a message that long before
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert "anchors and aliases" in str(caught.value) and len(str(caught.value)) < 300
    write_rule(tmp_path, "k/r.yaml", RULE + bomb("enabled", 10))  # 3.5 billion items
    with pytest.raises(RuleError, match=r"r\.yaml:4: YAML anchors"):
        load_rules([tmp_path])


def test_an_anchor_bomb_in_a_discovered_config_is_one_error_line(tmp_path, story, monkeypatch):
    (tmp_path / ".newslint.yaml").write_text(bomb("fail_on", 10), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check(str(story))
    assert result.exit_code == 2 and ".newslint.yaml" in result.stderr and "aliases" in result.stderr
    assert len(result.stderr) < 300


def test_a_long_wrong_value_is_shown_short(tmp_path):
    write_rule(tmp_path, "k/r.yaml", RULE + "enabled: [" + ", ".join(["x"] * 50_000) + "]\n")
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert "enabled" in str(caught.value) and len(str(caught.value)) < 300


@pytest.mark.parametrize(("body", "expected"), [
    ("kind: [existence]\nmessage: m\nterms: [x]\n", "r.yaml:1: key 'kind': unknown kind a list of 1 items"),
    ("kind: existence\nmessage: '{match'\nterms: [x]\n", "r.yaml:2: key 'message': malformed placeholder"),
    ("kind: existence\nmessage: '{match:d}'\nterms: [x]\n", "r.yaml:2: key 'message': placeholder {match} takes no"),
    ("kind: existence\nmessage: '{match!x}'\nterms: [x]\n", "r.yaml:2: key 'message': placeholder {match} takes no"),
    ("kind: existence\nmessage: '{match:>99999999999}'\nterms: [x]\n", "key 'message': placeholder {match} takes no"),
    ("kind: existence\nmessage: '{match.__class__}'\nterms: [x]\n", "key 'message': unknown placeholder"),
    ("kind: existence\nmessage: m\npatterns: ['(?V1)x']\n", "r.yaml:3: key 'patterns[0]': invalid regular expression '(?V1)x': flags at odds"),
], ids=["kind-list", "open-brace", "spec", "conversion", "huge-width", "attribute", "flags"])
def test_rule_faults_are_found_when_the_rule_is_loaded(tmp_path, body, expected):
    write_rule(tmp_path, "k/r.yaml", body)
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert expected in str(caught.value)


def test_a_rule_fault_on_the_command_line_is_exit_2(tmp_path, story):
    write_rule(tmp_path, "house/k/r.yaml", "kind: existence\nmessage: '{match:>99999999999}'\nterms: [brutal]\n")
    result = check("--rules", str(tmp_path / "house"), str(story))
    assert result.exit_code == 2 and "placeholder {match}" in result.stderr


@pytest.mark.parametrize(("content", "expected"), [
    ("[" * 200_000, "nested too deeply"),
    ('{"version": ' + "9" * 5000 + ', "findings": []}', "malformed baseline JSON"),
], ids=["deep", "long-number"])
def test_hostile_baselines_are_one_error_line(tmp_path, story, content, expected):
    base = tmp_path / "base.json"
    base.write_text(content, encoding="utf-8")
    result = check("--baseline", str(base), str(story))
    assert result.exit_code == 2 and expected in result.stderr and len(result.stderr) < 300


def test_a_pyproject_whose_tool_is_not_a_table(tmp_path, story, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('tool = "newslint"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check(str(story))
    assert result.exit_code == 2 and "pyproject.toml: key 'tool': expected a table" in result.stderr


def test_a_baseline_holds_from_any_working_folder_and_for_absolute_paths(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "desk").mkdir()
    (repo / "desk" / "story.md").write_text("The brutal raid ended.\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert check("--write-baseline", "base.json", "desk/story.md").exit_code == 0
    assert json.loads((repo / "base.json").read_text())["findings"][0]["path"] == "desk/story.md"
    base = str(repo / "base.json")
    assert check("--baseline", base, str(repo / "desk" / "story.md")).exit_code == 0  # absolute
    monkeypatch.chdir(repo / "desk")
    assert check("--baseline", base, "story.md").exit_code == 0  # another working folder
    assert check("--baseline", base, "../desk/story.md").exit_code == 0


class _Endless:
    """Standard input that never ends (like /dev/zero); a read with no limit is a failure."""

    def __init__(self) -> None:
        self.buffer = self

    def read(self, size: int = -1) -> bytes:
        assert 0 <= size <= 20 * 1024 * 1024, "standard input read with no limit"
        return b"a" * size


def test_standard_input_is_read_no_further_than_the_size_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Endless())
    assert len(batch.read_stdin()) == 10 * 1024 * 1024 + 1


def test_endless_standard_input_is_refused(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "newslint", "check", "-"], check=False, cwd=ROOT, stdin=zero,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "<stdin>: file too large" in result.stderr


def test_a_number_too_long_to_read_in_a_rule_is_a_rule_error(tmp_path):
    write_rule(tmp_path, "k/r.yaml", RULE + "enabled: " + "9" * 5000 + "\n")
    with pytest.raises(RuleError, match="malformed YAML"):
        load_rules([tmp_path])


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n"], ids=repr)
def test_a_finding_on_a_suppression_comment_stays_on_its_line(brk):
    from newslint.suppressions import apply

    text = f"A calm day.<!-- newslint-disable-next-line nosuch{brk}more -->{brk}Calm.\n"
    found = apply([], text, "a.md", frozenset({"loaded"}), frozenset())
    assert found and all(f.line == f.end_line == 1 and f.text == "<!-- newslint-disable-next-line nosuch" and
                         text[f.column - 1:f.end_column - 1] == f.text for f in found)


def test_a_house_lexicon_named_like_a_built_in_one_is_house_data(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    from newslint.kinds import BuildContext
    from newslint.matching.compiled import HousePattern, TermList
    from newslint.rulebook import builtin_root, load_lexicons

    house = tmp_path / "house"
    write_rule(house, "_lexicons/attribution.yaml", "terms: [said]\npatterns: ['(a+)+$']\n")
    lexicons = load_lexicons([builtin_root(), house])
    assert not lexicons["attribution"].builtin and lexicons["named-sources"].builtin
    matcher = BuildContext(lexicons, builtin=True).word_list(
        {"terms": [], "patterns": [], "lexicon": ["attribution"], "ignore_case": True},
        __import__("newslint.schema", fromlist=["Where"]).Where("rules/x.yaml"))
    assert all(isinstance(item, HousePattern) for item in matcher.compiled if not isinstance(item, TermList))  # timed
    story = tmp_path / "story.md"
    story.write_text("The raid ended, " + "a" * 40 + "!\n\nPolice said it was calm.\n", encoding="utf-8")
    result = check("--rules", str(house), str(story))
    assert result.exit_code in (0, 1, 2)  # finishes: a runaway pattern is stopped by the time limit
    write_rule(house, "_lexicons/attribution.yaml", "terms: [said]\npatterns: ['(unclosed']\n")
    result = check("--rules", str(house), str(story))
    assert result.exit_code == 2
    assert "house/_lexicons/attribution.yaml: key 'patterns[0]': invalid regular expression" in result.stderr
