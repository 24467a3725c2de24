from __future__ import annotations


import pytest

from conftest import write_rule
from newslint.errors import RuleError
from newslint.rulebook import load_rules, select


GOOD = "kind: existence\nmessage: 'x {match}'\nterms: [brutal]\n"


def test_id_is_the_path(tmp_path):
    write_rule(tmp_path, "house/words.yaml", GOOD)
    (rule,) = load_rules([tmp_path])
    assert rule.id == "house.words" and rule.family == "house"


def test_duplicate_ids_and_missing_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_rule(a, "house/words.yaml", GOOD)
    write_rule(b, "house/words.yaml", GOOD)
    with pytest.raises(RuleError, match="duplicate rule id 'house.words'"):
        load_rules([a, b])
    with pytest.raises(RuleError, match="rule folder does not exist"):
        load_rules([tmp_path / "missing"])


def test_rule_files_must_sit_in_a_family_folder(tmp_path):
    write_rule(tmp_path, "words.yaml", GOOD)
    with pytest.raises(RuleError, match="<family>/<name>.yaml"):
        load_rules([tmp_path])


def test_yaml_is_data_only(tmp_path):
    write_rule(tmp_path, "house/words.yaml", "kind: !!python/object/apply:os.system ['echo hacked']\nmessage: m\n")
    with pytest.raises(RuleError, match="malformed YAML"):
        load_rules([tmp_path])


def test_select_and_ignore_by_family_and_id(tmp_path):
    write_rule(tmp_path, "one/a.yaml", GOOD)
    write_rule(tmp_path, "one/b.yaml", GOOD + "enabled: false\n")
    write_rule(tmp_path, "two/c.yaml", GOOD)
    rules = load_rules([tmp_path])
    assert [r.id for r in select(rules)] == ["one.a", "two.c"]
    assert [r.id for r in select(rules, ["one"])] == ["one.a"]
    assert [r.id for r in select(rules, ["one.b"])] == ["one.b"]
    assert [r.id for r in select(rules, [], ["two"])] == ["one.a"]


def test_builtin_rules_are_trusted_house_rules_are_not(tmp_path):
    import re

    import regex

    from newslint.matching.compiled import HousePattern, TermList

    write_rule(tmp_path, "house/words.yaml", "kind: existence\nmessage: m\npatterns: ['\\bbrutal\\w*']\n")
    builtin = {r.id: r for r in load_rules()}
    (house,) = load_rules([tmp_path])
    assert all(r.builtin for r in builtin.values()) and not house.builtin
    (item,) = house.kind.matcher.compiled
    assert isinstance(item.pattern, regex.Pattern) and isinstance(item, HousePattern)  # runs with the time limit
    user = [c for r in builtin.values() for m in vars(r.kind).values() if hasattr(m, "compiled")
            for c in m.compiled if not isinstance(c, TermList)]
    assert user and not any(isinstance(c, HousePattern) for c in user)
    assert sum(isinstance(c.pattern, re.Pattern) for c in user) > 0.8 * len(user)  # where `re` accepts them


def test_a_runaway_house_pattern_is_stopped(tmp_path, monkeypatch):
    from newslint.matching import patterns
    from newslint.document import Document
    from newslint.engine import run_rules as lint
    from newslint.errors import RuleTimeout

    write_rule(tmp_path, "house/slow.yaml", "kind: existence\nmessage: m\npatterns: ['(a|aa)+$']\n")
    monkeypatch.setattr(patterns, "USER_PATTERN_TIMEOUT", 0.05)
    (rule,) = load_rules([tmp_path])
    with pytest.raises(RuleTimeout):
        lint(Document.from_text("a" * 60 + "b", "x.txt"), [rule])
