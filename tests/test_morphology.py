"""Inflections and derivations generated from a listed base form."""
from __future__ import annotations

import pytest

from newslint.engine import lint_text
from newslint.morphology import expand, forms


@pytest.mark.parametrize(("term", "word_class", "wanted"), [
    ("fierce", "adjective", {"fiercer", "fiercest", "fiercely", "fierceness"}),
    ("crazy", "adjective", {"crazier", "craziest", "crazily", "craziness"}),
    ("tragic", "adjective", {"tragically"}),
    ("terrible", "adjective", {"terribly"}),
    ("big", "adjective", {"bigger", "biggest"}),
    ("thug", "noun", {"thugs"}),
    ("atrocity", "noun", {"atrocities"}),
    ("dirty trick", "noun", {"dirty tricks"}),
    ("smear", "verb", {"smears", "smeared", "smearing"}),
    ("slam", "verb", {"slammed", "slamming"}),
    ("lash out at", "verb", {"lashed out at", "lashing out at"}),
    ("demonize", "verb", {"demonization", "demonizations"}),  # the noun of the act
    ("vilify", "verb", {"vilification"}),
    ("annihilate", "verb", {"annihilation"}),
    ("agree on", "verb", {"agrees on", "agreed on", "agreeing on"}),  # (not "agreeed")
])
def test_regular_forms(term, word_class, wanted):
    assert wanted <= forms(term, word_class) and term in forms(term, word_class)


@pytest.mark.parametrize(("term", "wanted", "never"), [
    ("send shockwaves", {"sent shockwaves", "sends shockwaves", "sending shockwaves"}, "sended shockwaves"),
    ("hit the ground running", {"hits the ground running", "hitting the ground running"}, "hitted the ground running"),
    ("rise from obscurity", {"rose from obscurity", "risen from obscurity"}, "rised from obscurity"),
    ("hang on", {"hung on", "hanged on", "hanging on"}, "hunged on"),
])
def test_an_irregular_verb_has_its_own_past_not_a_regular_one(term, wanted, never):
    out = forms(term, "verb")
    assert wanted <= out and never not in out


def _rules(folder, body):
    """The rules of one house rule file, stock/phrases.yaml, of the `existence` kind with `body`'s options."""
    from newslint.rulebook import load_rules
    (folder / "stock").mkdir()
    (folder / "stock" / "phrases.yaml").write_text("kind: existence\nmessage: \"'{match}'\"\n" + body)
    return load_rules([folder])


def test_verb_phrases_are_found_in_every_form_of_their_verb(tmp_path):
    rules = _rules(tmp_path, "verb_phrases: [send shockwaves]\nterms: [war of words]\n")
    text = "The vote sent shockwaves and will send shockwaves again, in a war of words.\n"
    found = [f.text for f in lint_text(text, rules=rules)]
    assert found == ["sent shockwaves", "send shockwaves", "war of words"]


def test_verb_exceptions_are_excepted_in_every_form_of_their_verb(tmp_path):
    rules = _rules(tmp_path, "patterns: ['\\bin in\\b']\nverb_exceptions: [give in in]\n")
    text = "They gave in in May, are giving in in June and have given in in July; the key was in in the box.\n"
    assert [f.text for f in lint_text(text, rules=rules)] == ["in in"]


def test_a_participle_adjective_does_not_become_a_reported_reaction():
    assert "shocked" not in forms("shocking", "adjective")


def test_only_verbs_in_ate_ize_ify_have_a_noun_of_the_act():
    assert not {f for f in forms("smear", "verb") if f.endswith("ion")}
    assert not {f for f in forms("rate", "verb") if f.endswith("ion")}  # too short to be a derivation


def test_a_hyphenated_word_is_found_closed_up_and_spaced_if_a_participle():
    assert "leftwing" in forms("left-wing", "adjective") and "left wing" not in forms("left-wing", "adjective")
    assert {"fearmongering", "fear mongering"} <= forms("fear-mongering", "noun")
    assert "two faced" not in forms("two-faced", "adjective")  # "the two faced a judge"


def test_every_spelling_of_a_listed_word_is_found():
    found = {(f.rule, f.text) for f in lint_text("The reckless court issued a jawdropping reversal of the ban.\n")}
    assert ("loaded.extremity", "jawdropping") in found
    found = {(f.rule, f.text) for f in lint_text("The rightwingers on the council cut the grant.\n")}
    assert ("labels.contentious", "rightwingers") in found


def test_expand_is_sorted_and_unique():
    out = expand(["thug", "thugs"], "noun")
    assert out == sorted(set(out)) and out.count("thugs") == 1


def test_an_unknown_word_class_is_an_error():
    with pytest.raises(ValueError):
        forms("thug", "pronoun")


def test_listed_words_are_found_in_their_other_forms():
    rules = {(f.rule, f.text) for f in lint_text("The rebels fought fiercely and the fiercest clashes came at night.\n")}
    assert {("loaded.adjectives", "fiercely"), ("loaded.adjectives", "fiercest")} <= rules
    assert ("labels.contentious", "bigots") in {(f.rule, f.text) for f in lint_text("The bigots gathered outside.\n")}
