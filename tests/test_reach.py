"""Reach (`matching.reach`): the most runs of non-word characters a match of a pattern holds, and the
candidates a pattern is tried at only where one of its required words follows within that many words."""
from __future__ import annotations

import random
import re
from typing import Iterator

import pytest

from newslint.document import Document
from newslint.matching import matcher as matching
from newslint.matching import prefilter, state
from newslint.matching.compiled import BuiltinPattern
from newslint.matching.matcher import Matcher
from newslint.matching.reach import gaps
from newslint.rulebook import load_rules, matchers
from newslint.schema import Where

_GAPS = re.compile(r"\W+")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bhistory\b", 0),
    (r"\bthe\s+attack\b", 1),
    (r"\b(?:this|the|that)\s+(?:\w+\s+)?(?:attack|raid)\b", 2),  # a run of white space is one gap, however long
    (r"\b(?:a|the)\s+(?:\d{4}\s+)?(?:survey|study)\s+(?:by|from)\s+", 4),
    (r"\bthe\s+(?:[a-z]+\s+){1,3}said\b", 4),
    (r"\bsaid\b[^.;!?\n]{0,5}\bno\b", 5),  # a class that takes both: each character may be a gap of its own
    (r"\b(?:short|much\s+longer\s+branch)\b", 2),  # the longer alternative
    (r"\bcover-up\b", 1),
    (r"(?<=,\s)it\s+(?=seems)", 1),  # lookarounds take no characters
    (r"\b(?:very\s+)+good\b", None),  # a repeat without bound of something holding a gap
    (r"\bthe\s+[\w'-]+\s+said\b", None),  # a word class with a hyphen in it: any number of gaps
    (r"\b(\w+)\s+\1\b", None),  # a back reference: not read
    (r"(?x) \b word \b", None),  # verbose: not read
])
def test_gaps(pattern, expected):
    assert gaps(pattern) == expected


def _builtin_patterns() -> list[BuiltinPattern]:
    found = {item.source: item for m in matchers(load_rules()) for item in m.compiled if isinstance(item, BuiltinPattern)}
    return [found[k] for k in sorted(found)]


def test_no_match_of_a_builtin_pattern_in_the_rules_cases_holds_more_gaps_than_its_bound():
    rules = load_rules()
    texts = [case.text for rule in rules for case in (*rule.flag_cases, *rule.pass_cases)]
    checked = 0
    for item in _builtin_patterns():
        bound = gaps(item.text)
        if bound is None:
            continue
        try:
            program = re.compile(item.text, re.MULTILINE | (re.IGNORECASE if item.source[1] else 0))
        except re.error:
            continue
        for text in texts:
            for m in program.finditer(text):
                checked += 1
                assert len(_GAPS.findall(m.group())) <= bound, (item.text, m.group())
    assert checked > 100


_PATTERN = r"\b(?:this|the|that)\s+(?:\w+\s+)?(?:attack|raid|move)\s+(?:clearly\s+)?(?:demonstrates|shows|underscores)\b"


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE) if m.end() > m.start()]


def test_a_candidate_is_tried_only_within_reach_of_a_required_word():
    text = ("The council met on Tuesday. The mayor said that the plan was fine and the budget sound.\n\n"
            "This raid clearly demonstrates resolve, and the move shows it.\n")
    matcher = Matcher.build({"patterns": [_PATTERN]}, Where("t.yaml"), trusted=True)
    (item,) = matcher.compiled
    assert item.reach is not None and item.reach.words == {"demonstrates", "shows", "underscores"}
    assert item.reach.gaps == 4
    with state.fresh() as fresh:
        fresh.documents = 5
        doc = Document.from_text(text, "a.txt")
        assert list(matcher.finditer(doc)) == _spans(_PATTERN, text)
        scan = prefilter.scan(doc)
        candidates = scan.candidates(item.plan)
        near = scan.within_reach(candidates, item.reach)
    assert len(candidates) == 7  # every "the", "this" and "that"
    assert len(near) == 2 and set(near) <= set(candidates)  # "This raid ..." and "the move shows"
    assert [a for a, _ in _spans(_PATTERN, text)] == near


_WORDS = ("the this that a raid attack move clearly demonstrates shows underscores it and council said "
          "plan budget was fine").split()
_SEPARATORS = (" ", " ", " ", "  ", ", ", ". ", "\n", "-", "'", " (", ") ")


def _made_up(seed: str, words: tuple[str, ...] | list[str]) -> Iterator[Document]:
    """300 made-up documents of 3 to 40 of `words`, each word followed by one of the separators, each read
    as in a run over many documents (the state fresh while the caller looks at it)."""
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice(_SEPARATORS) for _ in range(rng.randint(3, 40))).capitalize()
        with state.fresh() as fresh:
            fresh.documents = 5
            yield Document.from_text(text, "a.txt")


@pytest.mark.parametrize("pattern", [
    _PATTERN,
    r"\b(?:the|a)\s+(?:\w+\s+){0,2}?(?:raid|attack)\b",
    r"\bthe\s+(?:[a-z]+\s+)?(?:move|plan)\s+(?:was|shows)\b",
    r",\s+[^,.;!?\n]{1,20}?\s+(?:demonstrates|underscores)\b",
    r"\bthat\b[^.\n]{0,30}\bbudget\b",
])
def test_the_reach_filter_finds_what_a_search_of_the_text_finds(pattern):
    """On made-up sentences, the matcher (candidates within reach of a required word) finds exactly
    the matches a plain search finds, and the filter leaves out some candidate."""
    matcher = Matcher.build({"patterns": [pattern]}, Where("t.yaml"), trusted=True)
    (item,) = matcher.compiled
    assert item.reach is not None
    dropped = 0
    for doc in _made_up(pattern, _WORDS):
        assert list(matcher.finditer(doc)) == _spans(pattern, doc.prose), doc.text
        scan = prefilter.scan(doc)
        candidates = scan.candidates(item.plan) or []
        dropped += len(candidates) - len(scan.within_reach(candidates, item.reach))
    assert dropped > 0


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b[a-z]+(?:ists|ers)\s+(?:have|had)\s+long\s+warned\b", True),  # a word boundary, then a word character
    (r"\b(?:its|\w+['’]s)\s+resolve\b", True),
    (r"(?<![\w-])\w+-baiting\b", True),  # a look-behind that no word character comes before
    (r"\bx?y", True),
    (r"[A-Z](?<!\w[A-Z])[a-z]+\s+said", False),  # the condition comes after the first character
    (r"\b(?:a|-b)\s+said", False),  # an alternative opens with a non-word character
    (r"\b(?=\w)", False),  # an empty match
    (r"[a-z]+ists\s+said", False),  # no word boundary: the match may start inside a word
])
def test_a_pattern_opens_words(pattern, expected):
    from newslint.matching.literals import opens_words

    assert opens_words(pattern) is expected


_OPENING = r"\b[a-z]+(?:ists|ers|ians)\s+(?:have|had)\s+long\s+(?:warned|argued)\s+that\b"
_OPENING_WORDS = ("engineers economists historians have had long warned argued that the plan it and said "
                  "council budget was fine").split()


def test_a_pattern_with_no_literal_prefix_is_tried_only_at_words_within_reach():
    """With no literal prefix but opening a word, a pattern is tried at the words a required word
    follows within reach (not searched for through the whole text), and finds what a search finds."""
    text = ("Engineers met on Tuesday. The council said the plan was fine.\n\n"
            "Historians had long argued that it would fail, and economists have long warned that.\n")
    matcher = Matcher.build({"patterns": [_OPENING]}, Where("t.yaml"), trusted=True)
    (item,) = matcher.compiled
    assert item.plan is None and item.reach is not None and item.reach.words == {"warned", "argued"}
    with state.fresh() as fresh:
        fresh.documents = 5
        doc = Document.from_text(text, "a.txt")
        assert list(matcher.finditer(doc)) == _spans(_OPENING, text) != []
        near = prefilter.scan(doc).within_reach(None, item.reach)
    assert item.reach.gaps == 4  # (a bound: the words up to four before a required word)
    assert [text[a:].split()[0] for a in near] == ["fine.", "Historians", "had", "long", "argued",
                                                   "and", "economists", "have", "long", "warned"]
    for doc in _made_up(_OPENING, _OPENING_WORDS):
        assert list(matcher.finditer(doc)) == _spans(_OPENING, doc.prose), doc.text


_SUPERLATIVE_WORDS = ("the The its their world world's planet's Earth’s very single all-time biggest BEST worst most "
                      "least popular fastest-growing interest almost latest highest ever in history city club "
                      "rest was is a and").split()


def test_the_ends_of_superlatives_are_where_the_endings_end():
    """The program that finds where a superlative's word ends finds the ends the plain alternation finds."""
    import random
    import re

    from newslint.kinds import superlative

    plain = re.compile(r"(?:est|most|least|worst)(?!\w)")
    rng = random.Random(3)
    pieces = ["est", "st", "most", "mo", "least", "lea", "worst", "wor", "e", "t", "s", " ", ".", "_", "é", "\u00a0", "1"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        ends = [m.end() for m in superlative._SUPERLATIVE_END.finditer(text)]
        assert ends == [m.end() for m in plain.finditer(text)], text


def test_a_superlative_is_tried_only_near_a_word_ending_as_one():
    """A superlative claim's program is tried only at the candidates that a word ending in "est",
    "most", "least" or "worst" follows within its lead's runs, and finds what a search of the text finds."""
    from newslint.kinds import superlative

    assert superlative._NEAR is not None and superlative._NEAR[1] == 5  # "the world's all-time best"
    program = superlative._SUPERLATIVE
    dropped = 0
    for doc in _made_up("superlative", _SUPERLATIVE_WORDS):
        found = [m.span() for m in matching.finditer(program, doc, superlative._NEAR)]
        assert found == [m.span() for m in program.finditer(doc.prose)], doc.text
        scan = prefilter.scan(doc)
        candidates = scan.candidates(matching._plan_of(program.pattern, program.flags)) or []
        near = scan.near_ends(candidates, *superlative._NEAR)
        assert set(near) <= set(candidates)
        dropped += len(candidates) - len(near)
    assert dropped > 0
