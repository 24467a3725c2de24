"""Inflected and derived forms of a listed word, generated in one place by regular English spelling.

A rule lists the base form once ("fierce", "smear", "thug"); its `inflect` option names the word
class, and matching then also finds "fiercer", "fiercest", "fiercely", "fierceness" (adjective),
"smears", "smeared", "smearing" (verb; and the noun of the act of a verb in -ate, -ize or -ify:
"demonization", "annihilation"), "thugs" (noun); a hyphenated word is found closed up too
("earthshattering"), and spaced where it ends in -ing ("earth shattering"). Multi-word terms inflect their head: the
last word of a noun phrase, the first word of a verb phrase. Forms that English never spells simply
never match; the rules are the regular ones (y to i, final e dropped, final consonant doubled).
"""
from __future__ import annotations

from typing import Callable
from newslint.cache import programs

WORD_CLASSES = ("adjective", "noun", "verb")
_VOWELS = "aeiou"
_PARTICIPLE_STEM = programs.compile(r"\A[a-z]*[aeiouy][a-z]*[^aeiouy]\Z")  # "shatter", "blow": a verb's stem, not the "w" of "wing"
_CVC = programs.compile(r"(?:^|[^aeiou])[aeiou][bdfgklmnprt]\Z")  # one short vowel before a final consonant


def _double(word: str) -> str:
    """The stem before -ed, -ing, -er: "big" -> "bigg", "stop" -> "stopp" (short words only)."""
    if len(word) <= 4 and _CVC.search(word) and not word.endswith(("w", "x", "y")):
        return word + word[-1]
    return word


def plural(noun: str) -> set[str]:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return {noun + "es"}
    if noun.endswith("y") and noun[-2:-1] not in _VOWELS:
        return {noun[:-1] + "ies"}
    if noun.endswith("man"):
        return {noun[:-3] + "men"}
    return {noun + "s"}


def nominal(verb: str) -> set[str]:
    """The noun of the act a verb in -ate, -ize, -ise or -ify names, and its plural ("annihilate" ->
    "annihilation", "demonize" -> "demonization", "vilify" -> "vilification"): the same verdict."""
    if verb.endswith("ate") and len(verb) > 5:
        noun = verb[:-1] + "ion"
    elif verb.endswith(("ize", "ise")) and len(verb) > 5:
        noun = verb[:-1] + "ation"
    elif verb.endswith("ify") and len(verb) > 5:
        noun = verb[:-1] + "ication"
    else:
        return set()
    return {noun, noun + "s"}


# The past forms of common irregular verbs: "send shockwaves" is also "sent shockwaves".
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "bite": ("bit", "bitten"), "blow": ("blew", "blown"), "break": ("broke", "broken"), "bring": ("brought",),
    "build": ("built",), "buy": ("bought",), "catch": ("caught",), "cling": ("clung",), "come": ("came",), "deal": ("dealt",),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "fall": ("fell", "fallen"), "fight": ("fought",),
    "fly": ("flew", "flown"), "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grow": ("grew", "grown"), "hang": ("hung", "hanged"), "hit": ("hit",), "hold": ("held",), "keep": ("kept",), "know": ("knew", "known"),
    "lay": ("laid",), "lead": ("led",), "leave": ("left",), "lose": ("lost",), "make": ("made",),
    "pay": ("paid",), "put": ("put",), "ride": ("rode", "ridden"), "ring": ("rang", "rung"),
    "rise": ("rose", "risen"), "run": ("ran",), "seek": ("sought",), "sell": ("sold",), "send": ("sent",),
    "set": ("set",), "shake": ("shook", "shaken"), "shine": ("shone",), "shoot": ("shot",), "sink": ("sank", "sunk"),
    "spend": ("spent",), "spin": ("spun",), "stand": ("stood",), "steal": ("stole", "stolen"), "stick": ("stuck",),
    "sting": ("stung",), "strike": ("struck",), "swing": ("swung",), "take": ("took", "taken"), "tear": ("tore", "torn"),
    "tell": ("told",), "throw": ("threw", "thrown"), "win": ("won",),
}


def verb_forms(verb: str) -> set[str]:
    if verb in _IRREGULAR:  # its own past, not a regular "-ed" ("sent", never "sended")
        return {f for f in _regular_verb_forms(verb) if not f.endswith("ed")} | set(_IRREGULAR[verb])
    return _regular_verb_forms(verb)


def _regular_verb_forms(verb: str) -> set[str]:
    if verb.endswith("ee"):  # "agree": "agreed", "agreeing"
        return {verb + "s", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        return {verb + "s", verb + "d", verb[:-1] + "ing"} | nominal(verb)
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"} | nominal(verb)
    third = verb + "es" if verb.endswith(("s", "x", "z", "ch", "sh", "o")) else verb + "s"
    stem = _double(verb)
    return {third, stem + "ed", stem + "ing"}


def adjective_forms(adj: str) -> set[str]:
    out: set[str] = set()
    if adj.endswith("y") and adj[-2:-1] not in _VOWELS:
        out |= {adj[:-1] + "ily", adj[:-1] + "iness"}
    elif adj.endswith("ic"):
        out |= {adj + "ally"}
    elif adj.endswith("le") and adj[-3:-2] not in _VOWELS:
        out |= {adj[:-1] + "y", adj + "ness"}
    elif adj.endswith("ll"):
        out |= {adj + "y", adj + "ness"}
    else:
        out |= {adj + "ly", adj + "ness"}
    if len(adj) <= 6 and "-" not in adj and not adj.endswith(("ing", "ed", "ous", "ful", "ive", "ic")):
        base = adj[:-1] if adj.endswith("e") else adj[:-1] + "i" if adj.endswith("y") else _double(adj)
        out |= {base + "er", base + "est"}
    # Not the participle's verb: "shocking" is the writer's verdict, "shocked" a reaction someone reports.
    return out


def spellings(word: str) -> set[str]:
    """The other ways a hyphenated word is written: closed up ("earthshattering", "leftwing"), and
    spaced where its last part is a participle in -ing ("earth shattering", "fear mongering"); a spaced
    "-ed" compound reads as two words too often ("the two faced a judge") to be one."""
    if "-" not in word or " " in word:
        return set()
    out = {word.replace("-", "")}
    last = word.rsplit("-", 1)[1]
    if last.endswith("ing") and _PARTICIPLE_STEM.search(last[:-3]) and word.count("-") == 1:
        out.add(word.replace("-", " "))  # not "left wing": "wing" is no participle
    return out


def forms(term: str, word_class: str) -> set[str]:
    """`term` and its regular inflections and derivations as a word of `word_class`."""
    words = term.split(" ")
    make: Callable[[str], set[str]]
    if word_class == "verb":
        head, make, at = words[0], verb_forms, 0
    elif word_class == "noun":
        head, make, at = words[-1], plural, len(words) - 1
    elif word_class == "adjective":
        if len(words) > 1:
            return {term}
        head, make, at = words[0], adjective_forms, 0
    else:
        raise ValueError(f"unknown word class {word_class!r} (choose from {', '.join(WORD_CLASSES)})")
    if not head.isalpha() and "-" not in head:
        return {term}
    out = {term}
    for form in make(head.lower()):
        out.add(" ".join([*words[:at], form, *words[at + 1:]]))
    if len(words) == 1:
        for form in list(out):
            out |= spellings(form)
    return out


def expand(terms: tuple[str, ...] | list[str], word_class: str) -> list[str]:
    """Every term with its forms, sorted, without duplicates."""
    out: set[str] = set()
    for term in terms:
        out |= forms(term, word_class)
    return sorted(out)
