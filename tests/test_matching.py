from __future__ import annotations

import json
import re

import regex

import pytest

from newslint.document import Document
from newslint.matching import literals, patterns, prefilter, state
from newslint.matching.literals import literal_prefixes
from newslint.matching.compiled import BuiltinPattern
from newslint.matching.matcher import Matcher, prepare
from newslint.matching import plans as plans_
from newslint.matching.plans import COMMON, Plan
from newslint.schema import Where


def _p(text: str, word_start: bool = True, closed: bool = True, then: tuple[str, ...] | None = None,
       whole: bool = False) -> literals.Prefix:
    return literals.Prefix(text, word_start, closed, then, then_whole=whole)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:Said|says)\s+\w+", (_p("said"), _p("says"))),
    (r"(?<=,\s*)(?:of\s+course|sadly)\b", (_p("of", then=("course",), whole=True), _p("sadly"))),  # a comma or a space before: a word starts
    (r"(?<=\b(?:too|so)[\s-]+)woke\b", (_p("woke"),)),
    (r"(?<=(?:the|[A-Z]\w*)\s+(?:[A-Z]\w*\s+)?)regime\b", (_p("regime"),)),
    (r"(?<=x\s*)foo\b", (_p("foo", False),)),  # "xfoo": the word may start before
    (r"(?<=[^a])foo\b", (_p("foo", False),)),
    (r"(?<=a|,)foo\b", (_p("foo", False),)),
    (r"(?:^|(?<=[.!?]\s+)|(?<=\n))(?:Sadly|Of\s+course)\b", (_p("of", then=("course",), whole=True), _p("sadly"))),  # each way a word starts
    (r"(?:^|(?<=a))sadly\b", (_p("sadly", False),)),
    (r"(?:|(?<=\s))sadly\b", (_p("sadly", False),)),  # the empty alternative
    (r"\bwoke(?=[\s-]+(?:crowd|mob))", (_p("woke"),)),  # what the lookahead asks for closes the word
    (r"\bfoo(?![\w-])", (_p("foo"),)),
    (r"\bfoo(?=s)", (_p("foo", closed=False),)),
    (r"\bfoo(?!s)", (_p("foo", closed=False),)),
    (r"\bab(?:cd|de)x", (_p("abcd", closed=False), _p("abde", closed=False))),  # the word goes on
    (r"\b(?:a|an|the)\s+study", (_p("a", then=("study",)), _p("an", then=("study",)), _p("the", then=("study",)))),  # "a" is the whole word: not a prefix of "an"  # noqa: E501
    (r"\b(?:a|the)\s+(?:key|main)\s+player", (_p("a", then=("key", "main"), whole=True), _p("the", then=("key", "main"), whole=True))),
    (r"\ba\s+(?:large\s+)?number", (_p("a", then=("large", "number")),)),  # an optional word, or what follows
    (r"\b(?:lethal\s+)?force\b", (_p("force"), _p("lethal", then=("force",), whole=True))),
    (r"\ba\s+(?:\w+\s+)?number", (_p("a"),)),
    (r"\bthe\s+(?:cat|dogs?)\b", (_p("the", then=("cat", "dog", "dogs"), whole=True),)),  # each way the next word ends
    (r"\bthe\s+(?:cat|dog)s?\b", (_p("the", then=("cat", "dog")),)),  # "the cats": "cat" is not the whole word
    (r"\bthe\s+(?:cat\b|dog-)", (_p("the", then=("cat", "dog"), whole=True),)),  # "dog-": the word ends at "-"  # the next word is not known
    (r"\bab?c", (_p("ab", closed=False), _p("ac", closed=False))),
    (r"(?<![\w\-])foo(?:-|\b)", (_p("foo"), _p("foo-", closed=False))),
    (r"\bfoo(?:s|\s)", (_p("foo", closed=False),)),  # "foos" goes on
    (r"\bfoo", (_p("foo", closed=False),)),  # the end of a pattern closes nothing
    (r"\[(?:insert|name)\b", (_p("[insert", False), _p("[name", False))),
    (r"\b(?:at\s+least\s+)?\d+", (*(_p(d, closed=False) for d in "0123456789"), _p("at", then=("least",), whole=True))),  # a digit: one of ten
    (r"\b\d{4}\b", tuple(_p(d, closed=False) for d in "0123456789")),  # the first digit only
    (r"\b(?:in|of)\s+[0-9]+s?\b", (_p("in", then=tuple("0123456789")), _p("of", then=tuple("0123456789")))),
    (r"\b(?:at\s+least\s+|\w+)\d+", None),  # may start with any word character
    (r"\b(?:its|\w+'s)\s+resolve", None),
    (r"(?x) said", None),  # flags outside the shortcut
    (r"\b(?:[Mm]ake|[Nn]eedless)\s+no\b", (_p("make", then=("no",), whole=True), _p("needless", then=("no",), whole=True))),  # a letter in both cases
    (r"\b[Mm0]ake", None),
    (r"\b(?=([A-Za-z]+)[ \t]+\1\b)(?!(?:had|that)\b)\1[ \t]+\1\b", (_p("", then=None)._replace(repeated=True),)),  # a doubled word
    (r"\b([a-z0-9]+)\s+\1", (_p("", closed=False)._replace(repeated=True),)),  # the next word may go on
    (r"\b([a-z0-9]+)\s+\1(?!\w)", (_p("")._replace(repeated=True),)),
    (r"\b(\w+)\s+\1", None),  # \w takes letters that lower-casing may change
    (r"([a-z]+)\s+\1", None),  # may start inside a word
    (r"\b([a-z]+),\1", None),  # no white space between
])
def test_literal_prefixes(pattern, expected):
    assert literal_prefixes(pattern) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:said|says)\b", ("said", "says")),
    (r"\b\w+-(?:baiting|mad|worshipp?ing)\b", ("-baiting", "-mad", "-worship")),  # the literal runs on into each
    (r"^\s*(?:sure|of\s+course)!\s+here\b", ("course!", "sure!")),  # each alternative runs on into the literal
    (r"x(?:a|b*)y", ("x",)),  # an alternative with no literal at its edge: no longer literal
    (r"\b[Mm]ake\s+no\b", ("make",)),
    (r"\b\w+\s+\d+", None),
    (r"\bin\s+(?:the\s+)?(?-i:History)\b", ("history",)),  # case flags: a literal is still in the lower-cased text
    (r"\b(?i:the)\s+[A-Z]\w+\s+(?i:said|says)\b", ("said", "says")),
    (r"(?s:ab.)|(?x: a b c )", None),  # other flags: no shortcut
])
def test_required_literals(pattern, expected):
    assert literals.required_literals(pattern) == expected


TEXT = ("Officials said the flood, sadly, was the worst. Some said so; others says otherwise.\n\n"
        "The study by the agency - a study of rivers - found nothing. SAID the man: an anti-said.\n")


@pytest.mark.parametrize("spec", [
    {"patterns": [r"\b(?:said|says)\b", r"(?<=,\s*)sadly\b", r"\b(?:a|the)\s+study\s+(?:by|of)\b"]},
    {"terms": ["said", "the study", "anti-said", "worst"], "exceptions": ["the worst"]},
    {"terms": ["said"], "patterns": [r"\bsome\s+\w+"], "proper_names": True},
    {"patterns": [r"\b(?:a|an)\s+study", r"\bsa(?:id|dly)", r"\bth(?:e|ey)\b", r"(?<![\w\-])anti-said\b", r"\bflood,"]},
    {"patterns": [r"\b[Ss]aid\b", r"\b(?:[Tt]he|[Aa])\s+[Ss]tudy\b"], "ignore_case": False},
])
def test_matching_at_candidates_finds_what_a_scan_finds(spec, monkeypatch):
    def scan(matcher: Matcher, doc: Document) -> list[tuple[int, int]]:
        monkeypatch.setattr(state.current(), "documents", 1)  # no shortcuts: every pattern scans the text
        return list(matcher.finditer(doc))

    matcher = Matcher.build(spec, Where("test.yaml"), trusted=True)
    expected = scan(matcher, Document.from_text(TEXT, "a.txt"))
    monkeypatch.setattr(state.current(), "documents", 5)  # as in a run over many documents: candidates only
    doc = Document.from_text(TEXT, "a.txt")
    assert expected and list(matcher.finditer(doc)) == expected
    first = expected[0]
    assert matcher.search(doc, first[0], first[1]) and not matcher.search(doc, first[0], first[1] - 1)
    assert [s for s in expected if s[0] >= 50] == list(matcher.finditer(doc, 50, len(TEXT)))


SECOND = TEXT + ("the studys, The  Study; of\nrivers; a-study; of\u00a0river, THE MAN; the manx; of, rivers.\n"
                 "Study the study. the\tagency in 1990, the 2020s; of early 1850 x1990; in\n2001; is studied, was  stud\n"
                 "of 19, in the 1980s, the-1990, in late 20th\n")


@pytest.mark.parametrize("spec", [
    {"patterns": [r"\b(?:the|of|a)\s+(?:study|agency|rivers?|man)\b"]},
    {"terms": ["the study", "of rivers", "of river", "the man", "a study of", "the agency"]},
    {"patterns": [r"\b(?:[Tt]he|[Oo]f)\s+(?:study|rivers?)\b"], "ignore_case": False},
    {"patterns": [r"\b(?:the|of|in)\s+(?:(?:early|late)\s+)?(?:1[0-9]|20)\d{2}s?\b", r"\b(?:is|was)\s+stud"]},  # by where the next word begins
])
def test_a_pattern_found_by_its_second_word_finds_what_a_scan_finds(spec, monkeypatch):
    """A pattern that starts with a common word and then a whole word is looked up by that second
    word (the common word checked before it), and finds exactly what a scan of the text finds."""
    with state.fresh():
        _second_word_plans(spec, monkeypatch)


def _second_word_plans(spec: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = Matcher.build(spec, Where("test.yaml"), trusted=True)
    monkeypatch.setattr(state.current(), "documents", 1)  # no shortcuts: every pattern scans the text
    expected = list(matcher.finditer(Document.from_text(SECOND, "a.txt")))
    monkeypatch.setattr(state.current(), "documents", 5)  # candidates only
    doc = Document.from_text(SECOND, "a.txt")
    assert len(expected) >= 5 and list(matcher.finditer(doc)) == expected
    plans = [c.plan for c in matcher.compiled if c.plan is not None]
    # No plan indexes a common word: each looks its matches up by the word after one.
    assert plans and all((p.preceded or p.begun) and not COMMON & {*p.words, *p.followed, *p.preceded} for p in plans)
    monkeypatch.setattr(plans_, "COMMON", frozenset())  # plans that look up the first word, then the next
    starts: set[int] = set()
    for c in matcher.compiled:
        assert c.plan is not None and c.prefixes is not None
        forward = Plan(c.prefixes)
        assert forward.followed and not forward.preceded and not forward.begun
        forward.make_known(state.current())
        through_first = prefilter.scan(Document.from_text(SECOND, "b.txt"))._plan_candidates(forward)
        # Found through the second word, in one sweep or for the plan alone: where a common word stands
        # before that word, which the lookup through the first word also finds (and more, when the
        # second word is known to be whole).
        at = _before_next_words(SECOND, c.plan)
        assert at and prefilter.scan(doc).candidates(c.plan) == at
        assert prefilter.scan(Document.from_text(SECOND, "a.txt"))._plan_candidates(c.plan) == at
        assert set(at) <= set(through_first)
        starts.update(at)
    assert {s for s, _ in expected} <= starts  # every match starts at a candidate


def _before_next_words(text: str, plan: Plan) -> list[int]:
    """Where a word stands that white space and a next word follow which the plan wants after it."""
    low = text.lower()
    words = list(re.finditer(r"\w+", low))
    return [a.start() for a, b in zip(words, words[1:]) if low[a.end():b.start()].isspace() and (
        a.group() in plan.preceded.get(b.group(), ())
        or any(b.group().startswith(t) and a.group() in heads for t, heads in plan.begun.items()))]


NUMBERS = ("At least 12 people were killed and 3,000 homes destroyed; x1990 people, 1st and 22nd places, "
           "about 40 people\n\n7 people. In 2019 and of 1990s: 5\tpeople, and 10,500 more people on the 3rd.\n")
NUMBER_PATTERNS = [r"\b(?:at\s+least\s+|about\s+)?\d[\d,]*\s+(?:people|homes)\b", r"\b\d+(?:st|nd|rd)\b",
                   r"\b(?:in|of)\s+\d{4}s?\b", r"\d+"]


@pytest.mark.parametrize("text", [NUMBERS, NUMBERS + "Then \u0663 people and \uff11\uff12 people came.\n"])
def test_patterns_opening_with_a_digit_find_what_a_scan_finds(text, monkeypatch):
    """A digit opening a pattern is looked up as one of 0-9, at word starts where the pattern asks;
    a text holding another digit (Arabic-Indic, full width) is scanned whole."""
    monkeypatch.setattr(state.current(), "documents", 5)  # candidates from the sweep
    doc = Document.from_text(text, "a.txt")
    for pattern in NUMBER_PATTERNS:
        matcher = Matcher.build({"patterns": [pattern], "proper_names": True}, Where("test.yaml"), trusted=True)
        expected = [m.span() for m in re.finditer(pattern, text, re.I | re.M)]
        assert expected and list(matcher.finditer(doc)) == expected
        assert matcher.compiled[0].plan is not None
    assert (prefilter.scan(doc).low is None) == (not text.isascii())


DOUBLED = "The the vote. THE the rest, the theory; the\tthe end; had had; the  the and the, the.\n\nthe\nthe 1 1\n"


@pytest.mark.parametrize(("pattern", "starts"), [
    (r"\b(?=([A-Za-z]+)[ \t]+\1\b)(?!had\b)\1[ \t]+\1\b", [0, 14, 40, 53, 62, 75, 80, 86, 94]),  # the same word again
    (r"\b([a-z]+)\s+\1", [0, 14, 28, 40, 53, 62, 75, 80, 86, 94]),  # a word starting with it: "the theory"
])
def test_doubled_words_matched_at_candidates_are_what_a_scan_finds(pattern, starts, monkeypatch):
    matcher = Matcher.build({"patterns": [pattern], "proper_names": True}, Where("test.yaml"), trusted=True)
    monkeypatch.setattr(state.current(), "documents", 1)  # no shortcuts: the pattern scans the text
    expected = list(matcher.finditer(Document.from_text(DOUBLED, "a.txt")))
    monkeypatch.setattr(state.current(), "documents", 5)  # candidates only
    doc = Document.from_text(DOUBLED, "a.txt")
    assert len(expected) >= 4 and list(matcher.finditer(doc)) == expected
    assert prefilter.scan(doc).candidates(matcher.compiled[0].plan) == starts


@pytest.mark.parametrize("program", [
    re.compile(r"(?<![\w'’-])(?:(?:the\s+)?(?:world|planet)['’]s|the)\s+(best|worst|[a-z]{2,}est)\b", re.I),
    re.compile(r"\b(?:a|the)\s+study\b"),  # case-sensitive: "The study" is no match
    re.compile(r"^the\b", re.I | re.M),
    re.compile(r"\d+"),  # tried at each digit
    re.compile(r"[A-Z]\w+"),  # no literal prefix: the text is scanned
])
def test_a_program_tried_at_candidates_finds_what_its_finditer_finds(program, monkeypatch):
    from newslint.matching.matcher import finditer

    text = TEXT + "The world's tallest, the planet’s best; the worst-ever study. the greatest\nthe latest 42.\n"
    monkeypatch.setattr(state.current(), "documents", 5)
    expected = [m.span() for m in program.finditer(text)]
    assert expected and [m.span() for m in finditer(program, Document.from_text(text, "a.txt"))] == expected


def test_trusted_patterns_use_re_unless_only_regex_knows_them():
    where = Where("test.yaml")
    assert isinstance(patterns.user_pattern(r"\bsaid\b", where, trusted=True), re.Pattern)
    assert not isinstance(patterns.user_pattern(r"\p{Lu}\w+", where, trusted=True), re.Pattern)
    assert not isinstance(patterns.user_pattern(r"\bsaid\b", where), re.Pattern)


WORDS = ["war", "war crimes", "war-torn", "warlord", "warlords", "the war on", "the regime", "thug's",
         "so-called", "so called", "regime change", "rogue state", "rogue"]
WAR_TEXT = ("The war on drugs. A warlord's war-torn land; war crimes and warlords. So-called rogue "
            "states, the regime and regime change, a rogue state's thug's war.\n\nWAR. The War On it.\n")


@pytest.mark.parametrize("ignore_case", [True, False])
def test_a_term_list_split_by_first_word_finds_what_the_whole_list_finds(ignore_case, monkeypatch):
    spec = {"terms": WORDS, "exceptions": ["war crimes and"], "ignore_case": ignore_case, "proper_names": True}
    matcher = Matcher.build(spec, Where("test.yaml"), trusted=True)
    monkeypatch.setattr(state.current(), "split_term_lists_until", 0)  # the whole list's pattern
    whole = list(matcher.finditer(Document.from_text(WAR_TEXT, "a.txt")))
    monkeypatch.setattr(state.current(), "split_term_lists_until", 10**9)  # one small pattern per first word
    split = list(matcher.finditer(Document.from_text(WAR_TEXT, "a.txt")))
    assert len(whole) > 5 and split == whole
    (item,) = matcher.compiled
    assert item.by_first_word["war"] == ("war", "war crimes", "war-torn")


def test_split_term_lists_give_the_recorded_findings(monkeypatch):
    from tests.test_regression import EXPECTED, current_findings

    monkeypatch.setattr(state.current(), "split_term_lists_until", 10**9)
    assert current_findings() == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_a_pattern_with_a_case_sensitive_literal_is_tried_only_where_that_literal_stands():
    pattern = r"(?<!\b(?:among|one\s+of)\s+the\s+\w+est\b[^.;!?]{0,60})\bin\s+(?:the\s+)?(?-i:history)\b"
    matcher = Matcher.build({"patterns": [pattern]}, Where("t.yaml"), trusted=True)
    text = ("The biggest crowd in history, in fact. One of the biggest in history. In History; in the history.\n"
            "It rained in May, in June, in July, in August, in the autumn and in winter.\n")
    with state.fresh() as fresh:
        fresh.documents = 5
        found = list(matcher.finditer(Document.from_text(text, "a.txt")))
        assert found == [m.span() for m in regex.finditer(pattern, text, regex.I | regex.M)]
        assert [text[a:b] for a, b in found] == ["in history", "in the history"]  # not after a rank; not "History"
        doc = Document.from_text(text.splitlines()[1] + "\n", "b.txt")
        assert list(matcher.finditer(doc)) == [] and prefilter.scan(doc).may_contain(("history",)) is False


def test_a_pattern_whose_required_literals_are_absent_finds_nothing_without_a_scan():
    matcher = Matcher.build({"patterns": [r"\b\w+-(?:baiting|mad)\b"]}, Where("t.yaml"), trusted=True)
    with state.fresh() as fresh:
        fresh.documents = 5
        assert list(matcher.finditer(Document.from_text("He made a mad dash; race-baiting.\n", "a.txt"))) == [(20, 32)]
        doc = Document.from_text("He made a mad dash.\n", "a.txt")
        assert list(matcher.finditer(doc)) == [] and prefilter.scan(doc).may_contain(("-baiting", "-mad")) is False


def test_a_builtin_pattern_is_compiled_only_where_its_literals_occur():
    matcher = Matcher.build({"patterns": [r"\bzebra\s+crossings?\b", r"\bsaid\b"]}, Where("t.yaml"), trusted=True)
    zebra, said = matcher.compiled
    assert isinstance(zebra, BuiltinPattern) and "pattern" not in vars(zebra)
    assert list(matcher.finditer(Document.from_text("Officials said so.\n", "a.txt"))) == [(10, 14)]
    assert "pattern" not in vars(zebra) and "pattern" in vars(said)  # never compiled: no "zebra" here
    assert isinstance(zebra.pattern, re.Pattern)


def test_an_invalid_builtin_pattern_names_its_file_and_key_when_compiled():
    (item,) = Matcher.build({"patterns": ["(unclosed"]}, Where("t.yaml", lines={"patterns": 3}), trusted=True).compiled
    with pytest.raises(Exception, match=r"t.yaml:3: key 'patterns\[0\]': invalid regular expression"):
        item.pattern


def test_word_lists_still_match_in_text_with_odd_case_characters():
    """ß, dotless ı or the Kelvin sign make the word index unsafe: the text is then scanned whole."""
    from newslint import lint_text

    for text in ("The brutal raid ended near the Straße on Sunday.",
                 "The brutal raid ended near the Kelvin \u212a sign on Sunday.",
                 "The brutal raid ended in Diyarbakır on Sunday."):
        assert [f.text for f in lint_text(text, path="a.md") if f.rule == "loaded.adjectives"] == ["brutal"]


def test_matchers_pickle_without_what_one_process_derived():
    """A pickled matcher (a worker's, a cached rule set's) carries no process-local numbers or
    compiled state, and finds in a new process what it found before."""
    import pickle
    import subprocess
    import sys
    from pathlib import Path

    matcher = Matcher.build({"terms": ["the study", "worst"], "patterns": [r"\bsaid\b"]}, Where("t.yaml"), trusted=True)
    doc = Document.from_text(TEXT, "a.txt")
    found = list(matcher.finditer(doc))
    assert found and {"slot", "plans"} <= matcher.__dict__.keys() and "plan" in matcher.compiled[0].__dict__
    data = pickle.dumps(matcher)
    copy = pickle.loads(data)
    assert not {"slot", "plans"} & copy.__dict__.keys() and "plan" not in copy.compiled[0].__dict__
    assert list(copy.finditer(Document.from_text(TEXT, "a.txt"))) == found
    script = ("import pickle, sys; from newslint.document import Document; from newslint.matching.matcher import Matcher; from newslint.schema import Where; "
              "list(Matcher.build({'terms': ['flood']}, Where('x.yaml')).finditer(Document.from_text('a flood', 'a.txt'))); "
              "m = pickle.loads(sys.stdin.buffer.read()); "
              f"print(list(m.finditer(Document.from_text({TEXT!r}, 'a.txt'))))")
    out = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.decode()
    assert out.strip() == str(found)


def test_a_pickled_document_leaves_its_matching_state_behind():
    import pickle

    doc = Document.from_text(TEXT, "a.txt")
    matcher = Matcher.build({"terms": ["worst"]}, Where("t.yaml"), trusted=True)
    found = list(matcher.finditer(doc))
    assert doc.scan is not None
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.scan is None and list(matcher.finditer(copy)) == found


def test_prepare_compiles_what_forked_workers_would_compile(monkeypatch):
    """Before workers are forked, term lists and built-in patterns are compiled once, in this process;
    a pattern only the `regex` module runs is left to first use, and findings do not change."""
    monkeypatch.setattr(state.current(), "documents", 0)
    matcher = Matcher.build({"terms": ["said", "the study"], "patterns": [r"\bflood\b", r"(?<=,\s*)sadly\b"]},
                            Where("t.yaml"), trusted=True)
    expected = list(matcher.finditer(Document.from_text(TEXT, "a.txt")))
    fresh = Matcher.build({"terms": ["said", "the study"], "patterns": [r"\bflood\b", r"(?<=,\s*)sadly\b"]},
                          Where("t.yaml"), trusted=True)
    prepare([fresh])
    terms, plain, variable = fresh.compiled
    assert "pattern" in vars(terms) and "pattern" in vars(plain) and "pattern" not in vars(variable)
    assert state.current().documents > state.current().split_term_lists_until
    assert list(fresh.finditer(Document.from_text(TEXT, "a.txt"))) == expected


def test_one_sweep_finds_each_plans_candidates_as_a_search_for_that_plan_alone(monkeypatch):
    """A document's candidates are found for every known plan in one pass; for each plan that pass
    gives exactly what looking for that plan's prefixes alone gives."""
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        _sweep_each_plan(fresh)


def _sweep_each_plan(fresh: state.MatchState) -> None:
    import newslint
    from pathlib import Path

    articles = sorted((Path(__file__).parent / "data" / "articles").iterdir())
    texts = [p.read_text(encoding="utf-8") for p in articles] + [TEXT, "Of course the study of the regime."]
    for text in texts:
        newslint.lint_text(text, path="a.md")  # makes the default rules' plans known
    plans = fresh.sweep.plans
    assert len(plans) > 50 and any(p.followed for p in plans) and any(p.anywhere for p in plans)
    assert any(p.repeated for p in plans)
    hits = 0
    for text in texts:
        swept = prefilter.scan(Document.from_text(text, "a.md"))
        alone = prefilter.scan(Document.from_text(text, "a.md"))
        assert swept.candidates(plans[0]) is not None
        for plan in plans:
            expected = alone._plan_candidates(plan)
            assert swept.nothing_for(frozenset({id(plan)})) == (not expected)  # (told before the candidates are read)
            assert swept.candidates(plan) == expected
            hits += bool(expected)
    assert hits > 20


@pytest.mark.parametrize("text", [
    "The crowd cheered.",  # a word standing once, its next word wanted
    "A crowd. Crowd chanted, crowd jeered, crowd cheered and the crowd chanted; crowd cheered, crowd",  # many places, the last one at the end
    "crowd-cheered crowd\ncheered crowd  chanted crowd,cheered crowd_cheered crowd cheer",  # gaps that are not white space, a cut word
    "_1 x1 1 (1) 11 a_1 crowd 2",  # numbers at word starts and inside words
])
def test_a_word_followed_by_a_wanted_word_is_swept_as_a_search_of_the_text_finds(text):
    """The sweep looks at the word after each place of a word (and at word-initial literals) as a search
    of the whole text finds them, whether the word stands once or many times, at the end or not."""
    spec = {"terms": ["crowd cheered", "crowd chanted"], "patterns": [r"\b\d+\b"]}
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        matcher = Matcher.build(spec, Where("t.yaml"), trusted=True)
        plan = matcher.compiled[0].plan
        assert plan is not None and plan.followed == {"crowd": ("chanted", "cheered")}
        assert matcher.compiled[1].plan is not None and matcher.compiled[1].plan.opening
        list(matcher.finditer(Document.from_text("A crowd.", "a.txt")))  # makes its plans known to the sweep
        doc = Document.from_text(text, "a.txt")
        found = list(matcher.finditer(doc))
        assert prefilter.scan(doc)._swept > 0  # (found through the sweep)
    expected = sorted({m.span() for p in (patterns.term_pattern(spec["terms"]), re.compile(spec["patterns"][0]))
                       for m in p.finditer(doc.prose)})
    assert found == expected
    alone = prefilter.scan(Document.from_text(text, "a.txt"))
    assert prefilter.scan(doc).candidates(plan) == alone._plan_candidates(plan)


@pytest.mark.parametrize("text", [
    "Critics criticised the critic; uncritical readers recriticised it. Critici-ism, criticism, 3rd and x3.",
    "Über-critics naïvely criticize; ÉCRITS critiqued, écriticism and criticísm in 2nd place.",  # Unicode words
])
def test_beginnings_of_words_are_swept_as_a_search_of_the_text_finds(text):
    """Beginnings of words (of several plans, one beginning another's) are found among a document's
    words by the sweep where a search of the text finds them at the start of a word."""
    spec = {"patterns": [r"\bcritic\w*", r"\bcritici[sz]e", r"\b\d+(?:rd|nd)\b"], "proper_names": True}
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        matcher = Matcher.build(spec, Where("t.yaml"), trusted=True)
        plans = [item.plan for item in matcher.compiled]
        assert all(plan is not None and plan.opening for plan in plans)
        list(matcher.finditer(Document.from_text("A critic.", "a.txt")))  # makes its plans known to the sweep
        doc = Document.from_text(text, "a.txt")
        found = list(matcher.finditer(doc))
        assert prefilter.scan(doc)._swept > 0  # (found through the sweep)
    expected = sorted(m.span() for p in spec["patterns"] for m in re.finditer(p, doc.prose, re.I | re.M))
    assert len(found) > 4 and found == expected
    alone = prefilter.scan(Document.from_text(text, "a.txt"))
    for plan in plans:
        assert prefilter.scan(doc).candidates(plan) == alone._plan_candidates(plan)


@pytest.mark.parametrize("text", [
    "In 1990 the 19th of the 1990s, the 20 and the\n1985 rally; the-1990 of 1990 is 19 x1990 the  2001.",
    "1990 came first, then the 1919 flu and the 19, of 2, is 20 the",  # at the start and the end of the text
    "Was stud was studied WAS  Studs, of 19 students; the studio was\tstudying.",
])
def test_a_common_word_before_a_wanted_beginning_is_swept_through_the_beginning(text):
    """A common word before the beginning of a wanted next word ("the 19..." in "the 1990s") is swept
    through the words that begin so, as beginnings of words are: the common word is not indexed, and
    the sweep finds what a search for the plan alone and a scan of the text find."""
    spec = {"patterns": [r"\b(?:the|of|in)\s+19\d{2}", r"\b(?:is|was)\s+stud", r"\b(?:the|of)\s+1\d", r"\b19\d\d\b"],
            "proper_names": True}
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        matcher = Matcher.build(spec, Where("t.yaml"), trusted=True)
        plans = [item.plan for item in matcher.compiled]
        assert all(plan is not None for plan in plans) and all(plan.begun for plan in plans[:3]) and plans[3].opening
        list(matcher.finditer(Document.from_text("The 1990s.", "a.txt")))  # makes its plans known to the sweep
        assert not {"the", "of", "in", "is", "was"} & fresh.known_words
        doc = Document.from_text(text, "a.txt")
        found = list(matcher.finditer(doc))
        assert prefilter.scan(doc)._swept > 0  # (found through the sweep)
    expected = sorted(m.span() for p in spec["patterns"] for m in re.finditer(p, doc.prose, re.I | re.M))
    assert len(found) >= 3 and found == expected
    alone = prefilter.scan(Document.from_text(text, "a.txt"))
    for plan in plans:
        assert prefilter.scan(doc).candidates(plan) == alone._plan_candidates(plan)


def test_plans_wanting_a_word_after_the_same_common_words_share_one_look_at_its_places():
    """Plans that want a word after the same common words ("has been", "have been") are swept with one
    look at the word's places, and each finds what a search for it alone finds; a plan wanting it after
    other common words, or a beginning after common words, is swept with its own."""
    from newslint.matching.plans import plan_for

    text = ("It has been said. They have been told, had been warned; has  been\nbeen. Been there, has\tbeen. "
            "The 1990s and a 1980 law; is 19 the 2001 of 19th the\n1999 and x the-1990.")
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        plans = [plan_for((_p("has", then=("been",), whole=True), _p("have", then=("been",), whole=True))),
                 plan_for((_p("has", then=("been",), whole=True), _p("have", then=("been",), whole=True), _p("said"))),
                 plan_for((_p("had", then=("been",), whole=True),)),
                 plan_for((_p("the", then=("19",)), _p("a", then=("19",)))),
                 plan_for((_p("the", then=("1",)), _p("is", then=("1",)))),
                 plan_for(tuple(_p(d, closed=False) for d in "0123456789"))]
        assert all(plan.preceded for plan in plans[:3]) and all(plan.begun for plan in plans[3:5])
        for plan in plans:
            plan.make_known(fresh)
        fresh.sweep.arrange()
        assert [sorted(takers) for _, takers in fresh.sweep.by_word["been"].before] == [[0, 1], [2]]
        swept = prefilter.scan(Document.from_text(text, "a.txt"))
        alone = prefilter.scan(Document.from_text(text, "a.txt"))
        for plan in plans:
            assert swept.candidates(plan) == alone._plan_candidates(plan) != []
        assert swept._swept == len(plans)  # (found through the sweep)


def test_text_with_sharp_s_or_ligatures_is_matched_at_candidates_as_a_scan_finds(monkeypatch):
    """Lower-casing keeps offsets and word edges for every character but İ ı ſ K (see `positions.fold`),
    so such text is searched by its words, and finds what a scan of it finds."""
    text = "Die Straße said: THE STUDY of ﬆudies, Åland's study; ẞ and ﬅ said so.\n"
    matcher = Matcher.build({"terms": ["said", "the study"], "patterns": [r"\bstud(?:y|ies)\b"]}, Where("t.yaml"),
                            trusted=True)
    monkeypatch.setattr(state.current(), "documents", 5)
    with monkeypatch.context() as m:
        m.setattr(prefilter, "fold", lambda text: None)  # no lower-cased text: every item scans the whole text
        scanned = list(matcher.finditer(Document.from_text(text, "a.txt")))
    doc = Document.from_text(text, "a.txt")
    assert prefilter.scan(doc).low is not None and list(matcher.finditer(doc)) == scanned and len(scanned) == 5


def test_paraphrases_found_at_candidates_are_those_a_search_finds():
    from newslint.document import paraphrase

    text = ("The ministry called the raid brutal. Critics described him as a traitor, and the union\n"
            "CALLED FOR calm; what they see as theft was branded a scandal by some. Recalled it.\n"
            "Lee condemned the cuts as cruel, though they were welcomed as overdue. It is what critics\n"
            "call a folly; his call was brief.\n")
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents: the verbs are tried at candidates only
        doc = Document.from_text(text, "a.txt")
        assert doc.paraphrases == paraphrase.paraphrases(text) and len(doc.paraphrases) == 5
        held = "Churches regard the law as barbaric. Unions consider the\ndeal to be a scandal. Tenants see it as theft.\n"
        doc = Document.from_text(held, "b.txt")
        assert doc.paraphrases == paraphrase.paraphrases(held) and len(doc.paraphrases) == 3


@pytest.mark.parametrize(("text", "found"), [
    ("Mayor Slams Cuts To Libraries\n\nThe mayor spoke on Monday.\n", ["Slams Cuts"]),  # a Title Case headline
    ("The mayor spoke on Monday.\n\nThe mayor slams cuts to libraries.\n", ["slams cuts"]),
    ("The film Mayor Slams Cuts opened on Monday.\n", []),  # capitals mid-sentence: a title's words
])
def test_a_pattern_match_in_a_title_case_headline_is_the_word_not_a_name(text, found):
    matcher = Matcher.build({"patterns": [r"\bslams\s+\w+"]}, Where("test.yaml"), trusted=True)
    doc = Document.from_text(text, "a.txt")
    assert [doc.prose[a:b] for a, b in matcher.finditer(doc)] == found


def test_a_document_indexed_before_words_became_known_adds_just_their_places():
    """Plans made known while a document is linted add their words to its index without reading
    the prose again: the index is the one a document indexed after them has."""
    from newslint.matching.plans import plan_for

    text = "Of course the study of the regime said, the regime said. Study it: of course, of course."
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents (not every word indexed)
        first = plan_for((_p("study"), _p("of", then=("course",), whole=True)))
        first.make_known(fresh)
        early = prefilter.scan(Document.from_text(text, "a.md"))
        early.index
        parts = early._parts
        later = plan_for((_p("regime"), _p("said"), _p("the", then=("regime",), whole=True)))
        later.make_known(fresh)
        assert len(fresh.known_order) == len(fresh.known_words) and set(fresh.known_order) == fresh.known_words
        fresh_scan = prefilter.scan(Document.from_text(text, "a.md"))
        assert early.index == fresh_scan.index and {"study", "regime", "said"} <= set(early.index)
        assert early._parts is parts  # (the prose was split once)
        assert early.candidates(later) == fresh_scan.candidates(later) != []


def test_an_exception_list_found_on_its_own_finds_what_the_sweep_finds():
    """An exception list is read only where its rule has matched: its plan is never made known to
    the sweep (which would look its words up in every document); its candidates are found in the
    places of the document's own words, and they are those the sweep finds for it."""
    import newslint
    from pathlib import Path

    from newslint.rulebook import load_rules

    articles = sorted((Path(__file__).parent / "data" / "articles").iterdir())
    texts = [p.read_text(encoding="utf-8") for p in articles] + [TEXT, "About this this, of course the study. It it is."]
    exceptions = list({id(m.exceptions.plan): m.exceptions.plan for r in load_rules() for m in r.kind.matchers
                       if m.exceptions is not None and m.exceptions.plan is not None}.values())
    assert len(exceptions) > 10
    with state.fresh() as apart:
        apart.documents = 5  # as in a run over many documents
        for text in texts:
            newslint.lint_text(text, path="a.md")
        assert apart.sweep.plans and not any(plan.known is apart.known_words for plan in exceptions)
        found = [[prefilter.scan(Document.from_text(text, "a.md")).candidates(plan, swept=False) for plan in exceptions]
                 for text in texts]
        assert not any(plan.known is apart.known_words for plan in exceptions)
    assert sum(bool(c) for one in found for c in one) >= 3
    with state.fresh() as swept:
        swept.documents = 5
        for plan in exceptions:
            plan.make_known(swept)
        for text, expected in zip(texts, found):
            scan = prefilter.scan(Document.from_text(text, "a.md"))
            assert [scan.candidates(plan) for plan in exceptions] == expected


@pytest.mark.parametrize("text", [
    "The mayor said: \"We will rebuild it,\" on Monday.",
    "  leading space, trailing punctuation...",
    "snake_case and digits 2024 x1 and 1,000 and 3.5%",
    "Café crème, Straße; naïve façade — résumé… 東京 and ١٢٣ digits",
    "tabs\tand\nnew lines\r\nand \u00a0 no-break spaces",
    "",
    "!!!",
    "word",
])
def test_the_word_index_splits_words_and_the_runs_between_as_a_plain_split_does(text):
    """The word index's splits (written so that their search skips at C speed to a non-word character;
    one for ASCII text) give exactly the words and non-word runs that splitting on `(\\W+)` gives."""
    low = text.lower()
    assert prefilter._NON_WORDS.split(low) == re.split(r"(\W+)", low)
    if low.isascii():  # (split with ASCII word characters, told by a table)
        assert prefilter._ASCII_NON_WORDS.split(low) == re.split(r"(\W+)", low)


def test_a_pattern_opening_with_look_behinds_tries_what_follows_them_first():
    body_first = patterns.body_first
    assert body_first(r"(?<!\bsaid\b[^.]{0,60})\bis\s+thought\s+to\b") == \
        r"(?=\bis\s+thought\s+to\b)(?<!\bsaid\b[^.]{0,60})\bis\s+thought\s+to\b"
    assert body_first(r"(?<!a)(?<=b\w{1,3})c+") == r"(?=c+)(?<!a)(?<=b\w{1,3})c+"  # every leading look-behind
    assert body_first(r"(?<![\])x])y") == r"(?=y)(?<![\])x])y"  # a ")" in a class closes nothing
    # left as written: no look-behind first, nothing after it, a group, a reference, a top-level alternative
    for pattern in (r"\bplain\b", r"(?<!x)", r"(?<!x)(a)\1", r"(?<!x)(?P<n>a)", r"(?<!x)a|b", r"a(?<!x)b"):
        assert body_first(pattern) == pattern
    # the same matches, at the same places, as the pattern as written
    text = "He said it is thought to be safe. It is thought to be cheap, but is thought to cost more than is said. Many thought so."
    for pattern in (r"(?<!\bsaid\b[^.]{0,60})\bis\s+thought\s+to\b", r"(?<!\bis\s)(?<=\w{2}\s)thought\b",
                    r"(?<!\b(?:said|cheap)[^.]{0,30})\b(?:is|to)\s+(?:thought|said|cost)(?:\s+\w+)?"):
        assert [m.span() for m in regex.finditer(body_first(pattern), text)] == \
            [m.span() for m in regex.finditer(pattern, text)]
        assert [m.span() for m in regex.finditer(pattern, text)]  # (each finds something)


@pytest.mark.parametrize("text", [
    "Don't re-elect the co-op's chair: it's the chair's 2nd term, and the chair (the co-op's) said so.",
    "Über-critics naïvely said «non», l'été à Paris — 12,5 % of 1,000; the ½ and ① and ٣ stand apart.",
    "  the  the\tthe\nthe",  # white space first and last, a word at the end
    "",
    "!!!",
])
def test_the_word_index_holds_each_word_at_every_place_it_stands(text):
    """The word index gives each word (every word, or those wanted) the places a word by word walk over
    the words and the runs between them gives, in order."""
    low = text.lower()
    parts = (prefilter._ASCII_NON_WORDS if low.isascii() else prefilter._NON_WORDS).split(low)
    walked: dict[str, list[int]] = {}
    for i in range(0, len(parts), 2):
        walked.setdefault(parts[i], []).append(i)
    index = prefilter._places(parts, None)
    assert index == walked and list(index) == list(walked)
    wanted = {"the", "co", "op", "s", "12", "1", "000", "été", "chair", "said"}
    assert prefilter._places(parts, wanted.__contains__) == {w: at for w, at in walked.items() if w in wanted}
    with pytest.raises(KeyError):
        index["absent"]  # (as a dict)


@pytest.mark.parametrize("text", ["plain 2024", "l'été ’ « » — £5", "x ٣ y", "١", "x 𝟘 y", "a\ud800b ١", "\udcff 7", "ﬁ ①"])
def test_a_digit_other_than_0_to_9_is_found_among_the_characters_outside_ascii(text):
    """What `\\d` matches other than 0-9 is looked for among a text's characters outside ASCII only,
    and found exactly where a search of the whole text finds it (lone surrogates read as they stand)."""
    assert prefilter._other_digit(text) == (re.search(r"[^\D0-9]", text) is not None)


def test_a_rule_whose_gate_the_sweep_found_nothing_for_is_not_asked():
    """Over many documents, a rule whose gate's plans the document's sweep found no candidate for is
    passed over without asking its gate, and the rules step finds what it finds with every gate asked
    (as in the first document of a process, which is not swept)."""
    from newslint.engine import default_rules, run_rules

    rules = default_rules()
    story = ("Officials said the brutal attack was widely condemned. Some critics say the plan is a disaster,\n"
             "and the council's shocking decision, experts believe, will be reversed.\n")
    text = "The council approved the shocking budget on Tuesday, some critics say.\n"
    with state.fresh():
        first = run_rules(Document.from_text(text, "a.txt"), rules)  # not swept: every gate asked
    with state.fresh() as fresh:
        fresh.documents = 5  # as in a run over many documents
        run_rules(Document.from_text(story, "a.txt"), rules)  # makes the gates' plans known to the sweep
        doc = Document.from_text(text, "a.txt")
        found = run_rules(doc, rules)
        unmatched = prefilter.scan(doc).swept_empty()
        passed = [r for r in rules if r.kind.gate is not None and r.kind.gate.plans is not None
                  and r.kind.gate.plan_ids <= unmatched]
        assert prefilter.scan(doc)._swept > 0 and len(passed) > 10
    assert found == first and {f.rule for f in found} == {"loaded.adjectives", "weasel.attributions"}
