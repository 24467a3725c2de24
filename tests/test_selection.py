"""Choosing rules: `ALL`, `extend_select` (config and Checker), and `extend:` to inherit a parent config."""
from __future__ import annotations

from pathlib import Path

import pytest

from newslint import config
from newslint.checking import Checker
from newslint.errors import RuleError
from newslint.rulebook import load_rules, select


def _ids(checker: Checker, cfg: config.Config) -> set[str]:
    rules, _ = checker.active(cfg, None)
    return {r.id for r in rules}


def test_select_all_takes_every_rule_off_ones_included():
    rules = load_rules()
    assert {r.id for r in select(rules, ["ALL"])} == {r.id for r in rules}
    assert "time.relative" not in {r.id for r in select(rules, ["ALL"], ["time"])}
    assert _ids(Checker(select_=["ALL"]), config.Config()) == {r.id for r in rules}


def test_extend_select_adds_to_the_defaults():
    defaults = _ids(Checker(), config.Config())
    assert "length.sentence" not in defaults
    extended = _ids(Checker(extend_select=["length.sentence"]), config.Config())
    assert extended == defaults | {"length.sentence"}
    assert _ids(Checker(extend_select=["ap"]), config.Config()) >= defaults | {"ap.dates", "ap.times"}
    assert _ids(Checker(), config.Config(extend_select=("time",))) == defaults | {"time.relative"}
    with pytest.raises(RuleError, match="unknown rule or family 'nope'"):
        Checker(extend_select=["nope"]).active(config.Config(), None)


def test_extend_inherits_a_parent_config(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslint]\nignore = ["loaded.adverbs"]\nfail_on = "error"\nextend_select = ["puffery"]\n'
        'accepted = ["Operation Brutal Storm"]\n', encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".newslint.yaml").write_text("extend: ../pyproject.toml\nextend_select: [time]\nfail_on: warning\n",
                                         encoding="utf-8")
    child = config.load(desk / ".newslint.yaml")
    assert child is not None
    assert child.ignore == ("loaded.adverbs",) and child.accepted == ("Operation Brutal Storm",)  # inherited
    assert child.fail_on == "warning"  # given here: replaces the parent's
    assert child.extend_select == ("puffery", "time")  # added to the parent's
    assert child.path == desk / ".newslint.yaml"
    ids = _ids(Checker(), child)
    assert {"puffery.peacock", "time.relative"} <= ids and "loaded.adverbs" not in ids
    plain = desk / "plain.yaml"  # without extend, a nearer config replaces a parent one entirely
    plain.write_text("fail_on: warning\n", encoding="utf-8")
    assert config.load(plain).ignore == ()


def test_extend_errors_name_the_file_and_key(tmp_path: Path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("extend: b.yaml\n", encoding="utf-8")
    b.write_text("extend: a.yaml\n", encoding="utf-8")
    with pytest.raises(RuleError, match="key 'extend': configurations extend each other in a loop"):
        config.load(a)
    a.write_text("extend: missing.yaml\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"a\.yaml:1: key 'extend': no such configuration file"):
        config.load(a)
