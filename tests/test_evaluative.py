"""The `evaluative` kind: a class word is flagged only where it passes judgment."""
from __future__ import annotations

import pytest

from conftest import load_one_rule as rule
from newslint.document import Document
from newslint.engine import run_rules as lint
from newslint.errors import RuleError
from newslint.morphology import expand
from newslint.rulebook import load_rules

RULE = "kind: evaluative\nmessage: m\nterms: [reckless, alarming, half-baked]\n"


def found(r, text: str) -> list[str]:
    return [f.text for f in lint(Document.from_text(text, "a.md"), [r])]


@pytest.mark.parametrize("text, flagged", [
    ("The council's reckless plan failed.", ["reckless"]),  # after a possessive, before a noun
    ("It was a costly, reckless plan.", ["reckless"]),  # after a comma in a row of adjectives
    ("The plan was reckless.", ["reckless"]),  # predicative
    ("The plan seemed utterly reckless to the auditors.", ["reckless"]),  # intensifier between
    ("The agency recklessly ignored the ruling.", ["recklessly"]),  # the adverb of a listed adjective
    ("Its most reckless plan yet was announced.", ["reckless"]),
    ("It was a reckless, costly plan.", ["reckless"]),  # first of a row of adjectives
    ("It was a reckless and costly plan.", ["reckless"]),
    ("The mayor's reckless and costly plan failed.", ["reckless"]),  # after a possessive, first of a row
    ("Officials said the reckless plan had failed.", ["reckless"]),  # a noun phrase stays the writer's wording
    ("The plan was half-baked.", ["half-baked"]),
    ("# Reckless Plan Sinks Council Budget", ["Reckless"]),  # a Title Case headline is not a name
    ("The board acted with reckless haste.", ["reckless"]),  # after a preposition, before a noun
    ("The budget was profoundly reckless.", ["reckless"]),  # an adverb in -ly between
    ("It was a deeply reckless decision.", ["reckless"]),
    ("# Council Backs Reckless Plan To Sell Library", ["Reckless"]),  # a headline drops its articles
    ("# Council backs reckless plan to sell library", ["reckless"]),
    ("The talks were dropped by the reckless North Koreans.", ["reckless"]),  # a people, not a name
    ("The plan was backed by some reckless Marxists.", ["reckless"]),  # the adherents of a creed
    ("The bill was drafted by reckless Democrats in the state house.", ["reckless"]),
    ("The reckless Left wants to close the prisons.", ["reckless"]),  # a side of politics named by a word
    ("The budget was cut by reckless Tories in the council.", ["reckless"]),
    ("The schools were run with reckless or careless budgets.", ["reckless"]),  # after a preposition, first of a row
    ("The reckless 64-year-old lost his seat.", ["reckless"]),  # a figure opens the noun phrase
])
def test_flags_evaluative_positions(tmp_path, text, flagged):
    assert found(rule(tmp_path, RULE), text) == flagged


@pytest.mark.parametrize("text", [
    "The plan was not reckless, the auditors found.",  # negated
    "The rise is alarming investors in the city.",  # a verb in the progressive, with its object
    "Officials described the plan as reckless.",  # an attributed characterization
    '"It is a reckless plan," the mayor said.',  # a quotation
    "She starred in Reckless Hearts on Broadway.",  # a title mid-sentence
    "He drove fast and reckless through the town.",  # no determiner or verb of being before it
    "The campaign kept alarming voters in the suburbs.",  # a participle after a verb is a verb
    "They booked Reckless Eric for the festival.",  # a capital makes the two a name
    "The band played with Reckless Eric on Friday.",
    "# Label signs Reckless Eric for a new album",  # a capital mid-headline in sentence case is a name
    "Critics said the plan was reckless.",  # the predicate is what they said
    "The plan was reckless, the auditors said.",
    "Campaigners marched through the town, saying the plan was reckless.",
    "The plan was not profoundly reckless, the auditors found.",  # negated, with an adverb between
    "The plan was deemed recklessly costly by none of the auditors.",  # an adverb, not the class word it grades
    "The club signed the reckless Morgan from a rival.",  # a given name in -an is no people
    "They booked Reckless Americans Tour for the festival.",  # capitals that run on make a name
    "The reckless Brian Cox was cast as the lead.",
    "The reckless Left Bank cafe closed.",  # capitals that run on make a name
    "The firms kept charging reckless fees to pensioners.",  # after a verb, no determiner: not read
    "The pair lived reckless in the hills.",  # no noun after it
    "Banks lent Reckless Eric money.",  # a capital makes it a name
])
def test_passes_other_uses(tmp_path, text):
    assert found(rule(tmp_path, RULE), text) == []


def test_positions_option_limits_what_is_read(tmp_path):
    r = rule(tmp_path, RULE + "positions: [predicative]\n")
    assert found(r, "A reckless plan. The plan was reckless. It acted recklessly.") == ["reckless"]
    assert found(r, "A reckless plan.") == []


def test_measured_passes_a_figure_after_the_word(tmp_path):
    r = rule(tmp_path, RULE.replace("reckless", "staggering") + "measured: true\n")
    assert found(r, "It made a staggering loss of $4 million. It made a staggering loss.") == ["staggering"]
    assert found(r, "The staggering loss, which the bank blamed on bad loans, cost millions.") == ["staggering"]
    plain = rule(tmp_path, RULE.replace("reckless", "staggering"))
    assert found(plain, "It made a staggering loss of $4 million.") == ["staggering"]


def test_exceptions(tmp_path):
    r = rule(tmp_path, RULE + "exceptions: [reckless driving]\n")
    assert found(r, "He admitted reckless driving. It was a reckless bet.") == ["reckless"]


def test_unknown_position_is_an_error_naming_the_key(tmp_path):
    with pytest.raises(RuleError, match="positions"):
        rule(tmp_path, RULE + "positions: [beside]\n")


def test_each_class_word_has_one_home():
    """A word the loaded adjectives flag anywhere is not also a class word read by position, and no
    word is in two classes."""
    rules = {r.id: r for r in load_rules()}
    listed = {t.lower() for t in expand(_terms("loaded.adjectives"), "adjective")}
    seen: dict[str, str] = {}
    for rule_id, r in rules.items():
        if r.kind.name == "evaluative":
            terms = {t.lower() for t in _terms(rule_id)}
            assert not listed & terms, rule_id
            for term in terms:
                assert seen.setdefault(term, rule_id) == rule_id, f"{term!r} is in {seen[term]} and {rule_id}"


def _terms(rule_id: str) -> list[str]:
    import yaml

    from newslint.rulebook import builtin_root

    path = builtin_root().joinpath(*rule_id.split(".")).with_suffix(".yaml")
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["terms"])
