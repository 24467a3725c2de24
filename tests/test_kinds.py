from __future__ import annotations


from newslint.document import Document
from newslint.engine import run_rules as lint
from conftest import load_one_rule as rule


def found(r, text: str, path: str = "a.md") -> list[str]:
    return [f.text for f in lint(Document.from_text(text, path), [r])]


def test_existence_word_boundaries_case_and_hyphens(tmp_path):
    r = rule(tmp_path, "kind: existence\nmessage: m\nterms: [terrorism, deeply rooted]\n")
    assert found(r, "Terrorism, anti-terrorism and counterterrorism; a deeply\nrooted fear.") == [
        "Terrorism", "deeply\nrooted"]


def test_existence_skips_proper_names_and_quotes(tmp_path):
    r = rule(tmp_path, "kind: existence\nmessage: m\nterms: [steadfast, extreme]\n")
    text = ('Operation Steadfast Defender began. An Extreme Heat Warning was issued. '
            '"It was a steadfast, extreme effort," the chief said. The extreme plan failed.')
    assert found(r, text) == ["extreme"]


def test_existence_exceptions(tmp_path):
    r = rule(tmp_path, "kind: existence\nmessage: m\nterms: [record]\nexceptions: [record label]\n")
    assert found(r, "She signed with a record label. It was a record.") == ["record"]


def test_a_negated_noun_is_a_label_denied_and_a_negated_adjective_a_verdict_denied(tmp_path):
    """With `negated`, a noun's term passes where the writer denies the label ("is no ideologue", "hardly a
    zealot", "Ruiz, no zealot, ..."); an adjective's where a verb of being is negated ("was not reckless")."""
    nouns = rule(tmp_path, "kind: existence\nmessage: m\nterms: [zealot]\ninflect: noun\nnegated: true\n")
    assert found(nouns, "She is no zealot. He is hardly a zealot. It is far from a zealot's plan. Ruiz, no zealot, "
                        "voted. He is a zealot. The zealots left. They chose no one but zealots.") == ["zealot", "zealots", "zealots"]
    adjectives = rule(tmp_path, "kind: existence\nmessage: m\nterms: [reckless]\ninflect: adjective\nnegated: true\n")
    assert found(adjectives, "The plan was not reckless. It isn't wholly reckless. It is not only reckless but "
                             "unlawful.") == ["reckless"]


def test_substitution_suggests_with_matching_case(tmp_path):
    r = rule(tmp_path, "kind: substitution\nmessage: \"use '{replacement}'\"\nswap: {passed away: died}\n")
    (f,) = lint(Document.from_text("Passed away on Sunday, he was 90.", "a.md"), [r])
    assert f.suggestions == ("Died",) and f.message == "use 'Died'"


def test_requires_companion_window(tmp_path):
    r = rule(tmp_path, "kind: requires\nmessage: m\ntrigger: {terms: [killed]}\n"
                       "companion: {terms: [said]}\nbefore: 1\n")
    assert found(r, "Police said the bomb went off. It killed two.") == []
    assert found(r, "The bomb went off.\n\nIt killed two.") == ["killed"]
    assert found(r, "It killed two. Police said so.") == ["killed"]


def test_requires_paragraph_unit(tmp_path):
    r = rule(tmp_path, "kind: requires\nmessage: m\nunit: paragraph\ntrigger: {terms: [killed]}\n"
                       "companion: {terms: [said]}\n")
    assert found(r, "It killed two. Later that day the ministry said it had ended.") == []


def test_metric_counts_words_and_skips_quotations(tmp_path):
    r = rule(tmp_path, "kind: metric\nmessage: '{count} > {max}'\nmeasure: sentence_words\nmax: 5\n")
    assert found(r, "One two three four five six seven.") == ["One two three four five six seven."]
    assert found(r, '"One two three four five six seven," she said.') == []
    lede = rule(tmp_path, "kind: metric\nmessage: m\nmeasure: lede_words\nmax: 3\n")
    assert len(found(lede, "# Head line words here\n\nOne two three four. Five six seven eight.")) == 1


def test_the_lede_is_the_first_sentence_of_narrative(tmp_path):
    lede = rule(tmp_path, "kind: metric\nmessage: m\nmeasure: lede_words\nmax: 3\n")
    quoted = '"One two three four five," she said.\n\nSix seven eight nine. Ten eleven.'
    assert found(lede, quoted) == ["Six seven eight nine."]  # the quotation opens the story; the lede is after it
    assert found(lede, quoted.replace("Six seven eight nine.", "Six seven.")) == []  # (a later long one is no lede)
    assert found(lede, "One two three. Four five six seven eight nine.\n\nSeven eight.") == []


def test_the_lede_scopes_are_worked_out_only_when_a_sentence_is_too_long(tmp_path):
    """Which sentence is the lede (the first in the writer's voice) matters only when one is too long:
    otherwise the scopes, and the quotations they are read from, are never worked out."""
    lede = rule(tmp_path, "kind: metric\nmessage: m\nmeasure: lede_words\nmax: 5\n")
    short = Document.from_text('"One two," she said.\n\nSix seven. Ten eleven.', "a.md")
    assert lint(short, [lede]) == []
    assert "_regions" not in vars(short) and "quotations" not in vars(short)
    long = Document.from_text('"One two," she said.\n\nSix seven eight nine ten eleven. Twelve.', "a.md")
    assert [f.text for f in lint(long, [lede])] == ["Six seven eight nine ten eleven."]
    assert "_regions" in vars(long)


def test_a_sentence_just_long_enough_to_hold_one_word_over_the_limit_is_measured(tmp_path):
    """Sentences too short to hold more words than the limit are passed over unmeasured; the shortest
    that can (every word one letter, one space between) is still measured."""
    r = rule(tmp_path, "kind: metric\nmessage: m\nmeasure: sentence_words\nmax: 5\n")
    assert found(r, "A b c d e f") == ["A b c d e f"]  # six words in eleven characters
    assert found(r, "A b c d e") == []
    lede = rule(tmp_path, "kind: metric\nmessage: m\nmeasure: lede_words\nmax: 5\n")
    assert found(lede, "A b c d e f\n\nNext one.") == ["A b c d e f"]


def test_sentences_are_counted_alike_whether_their_white_space_is_counted_or_split(tmp_path):
    """A sentence with fewer spaces and line breaks than the limit is passed over without being split,
    where the document holds no other white space; the findings are those of splitting every sentence."""
    import random

    from newslint.kinds.metric import Metric, other_space

    metric = Metric("sentence_words", 5)
    rng = random.Random(5)
    pieces = ["a", "bc", "-", "—", "“x”", "9", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2009", ",", "\u00ad"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))) + "."
        doc = Document.from_text(text, "a.txt")
        for s in doc.sentences:
            plain = metric._too_long(doc, s)
            assert metric._too_long(doc, s, not other_space(doc.prose)) == plain, text
    assert other_space("a\tb") and other_space("a\u00a0b") and other_space("é\u2009") and not other_space("é b\nc")


def test_sources_checks(tmp_path):
    text = "Story text, the BBC reported.\n\nSources:\n\n- [BBC](https://www.bbc.com/news)\n- [Reuters](https://www.reuters.com/world/2024/01/03/story-slug)\n"
    home = rule(tmp_path, "kind: sources\ncheck: homepage\nmessage: m\n")
    assert found(home, text) == ["[BBC](https://www.bbc.com/news)"]
    uncited = rule(tmp_path, "kind: sources\ncheck: uncited\nmessage: '{outlet}'\n")
    assert found(uncited, text) == ["[Reuters](https://www.reuters.com/world/2024/01/03/story-slug)"]
    empty = rule(tmp_path, "kind: sources\ncheck: empty\nmessage: m\n")
    assert found(empty, "Text.\n\n## References\n\nNothing here.\n") == ["References"]


def test_quotation_unattributed(tmp_path):
    r = rule(tmp_path, "kind: quotation\ncheck: unattributed\nmessage: m\n")
    assert len(found(r, '"Nobody is coming to help us at all."')) == 1
    assert found(r, '"Nobody is coming to help us," she said.') == []


class Asked:
    """A rule's kind that counts the documents it is asked to check."""

    def __init__(self, kind: object) -> None:
        self.kind = kind
        self.asked = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.kind, name)

    def check(self, doc: object) -> object:
        self.asked += 1
        return self.kind.check(doc)  # type: ignore[attr-defined]


def test_a_kind_is_not_asked_where_its_gate_matches_nothing(tmp_path):
    """A kind whose hits all stand on a match of one matcher (its gate) is asked only of a document
    where that matcher matches: in the others it would find nothing."""
    r = rule(tmp_path, "kind: requires\nmessage: m\ntrigger: {terms: [killed]}\ncompanion: {terms: [said]}\n")
    asked = Asked(r.kind)
    counted = r._replace(kind=asked)
    assert found(counted, "The storm closed the road. Crews cleared it by noon.") == []
    assert asked.asked == 0
    assert found(counted, "The storm killed two people.") == ["killed"]
    assert asked.asked == 1
    assert rule(tmp_path, "kind: metric\nmessage: m\nmeasure: lede_words\nmax: 3\n").kind.gate is None


def test_a_gated_kind_finds_nothing_where_its_gate_matches_nothing():
    """The contract of `gate`, for every built-in rule that has one: no hit where its gate has no match."""
    from pathlib import Path

    from newslint.rulebook import load_rules

    texts = [Path(__file__).parent.parent.joinpath("examples", "article.md").read_text(encoding="utf-8"),
             "Critics say the shameless plan, widely regarded as a disaster, killed 14 people. Officials said so.",
             "The council met on Tuesday. It approved the budget and adjourned."]
    gated = [r for r in load_rules() if r.kind.gate is not None]
    assert {r.kind.name for r in gated} >= {"existence", "requires", "substitution", "evaluative", "density"}
    for text in texts:
        for r in gated:
            doc = Document.from_text(text, "a.md")
            if not r.kind.gate.spans(doc):
                assert list(r.kind.check(doc)) == [], r.id


def test_superlative_scopes_joined_find_what_each_finds():
    """The scopes are tried one by one only where all of them in one program find one: the claims are
    the same as when each is tried in turn."""
    from newslint.engine import default_engine

    (r,) = [r for r in default_engine().checker.ruleset(default_engine().config_for(None)).rules
            if r.id == "superlative.compared"]
    assert r.kind._any_scope is not None and r.kind._any_field is not None
    text = ("It was the largest crowd ever. Lagos, the largest city in the country, grew. The tallest tower "
            "in the world opened. The best lunch was served. Its highest level ever was reached.")
    doc = Document.from_text(text, "a.md")
    claims = list(r.kind.claims(doc))
    assert [text[a:b] for a, b in claims] == ["the largest crowd ever", "The tallest tower in the world",
                                               "Its highest level ever"]
    joined = (r.kind._any_scope, r.kind._any_field)
    try:
        r.kind._any_scope = r.kind._any_field = None  # each scope tried in turn
        assert list(r.kind.claims(doc)) == claims
    finally:
        r.kind._any_scope, r.kind._any_field = joined


def test_scopes_that_refer_back_or_differ_in_flags_are_not_joined():
    import re

    from newslint.kinds.superlative import _either

    assert _either((re.compile(r"\bever\b", re.I), re.compile(r"\bin\s+history\b", re.I))) is not None
    assert _either((re.compile(r"\b(\w+)\s+\1\b", re.I), re.compile(r"\bever\b", re.I))) is None
    assert _either((re.compile(r"\bever\b", re.I), re.compile(r"\bin\s+history\b"))) is None
    assert _either(()) is None


def test_the_lede_paragraph_is_found_once_per_document(tmp_path):
    from newslint.kinds.requires import lede_block

    doc = Document.from_text("# Head line words here\n\nThe council met on Tuesday.\n\nIt voted.", "a.md")
    assert lede_block(doc) == 1 and doc.memo == {"requires.lede_block": 1}
    doc.memo["requires.lede_block"] = 2
    assert lede_block(doc) == 2  # (kept, not worked out again)
