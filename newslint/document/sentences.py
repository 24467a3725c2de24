"""Split a block of prose into sentences without breaking after abbreviations or initials."""
from __future__ import annotations

import re

from newslint.cache import programs

# Abbreviations that end in a period but rarely end a sentence (AP style and common titles).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt sgt capt cmdr adm maj cpl pvt gov sen rep reps sens supt insp
det rev fr sr jr st ste mt ft messrs mme mlle hon pres
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb
nev okla ore pa tenn vt va wash wis wyo
inc corp co ltd llc plc bros dept univ assn ave blvd rd hwy
no nos vol vols fig figs approx est etc vs v al cf ca op pp ed eds
""".split())

# A candidate end: terminal punctuation, closing quotes/brackets, then space and a likely start
# or a line break. Matches start only where a run of terminal marks starts (the mark before is
# tested after the first one is read), so "........" costs linear time; and as the pattern opens
# with a character class, the scan skips straight to terminal marks.
_END = programs.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Ý]|\s*\n)")
# The same, where the block has no "!", "?" or "…": a program that opens with a literal finds the full stops
# several times faster than one that tests a class at every character.
_STOP_END = programs.compile(r"\.(?<![.!?…][.!?…])[.!?…]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Ý]|\s*\n)")
_NEWLINE_END = programs.compile(r"[.!?…:\"”’')\]]\s*\n")
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."  # an abbreviation's letters and dots: U.S., a.m., J.K.


def _is_abbreviation(prose: str, dot: int) -> bool:
    """Does the period at `dot` belong to an abbreviation, an initial or a dotted acronym?"""
    before = prose[max(0, dot - 20):dot]
    word = before[len(before.rstrip(_WORD_CHARS)):].lstrip(".")  # from its first letter
    if not word:
        return False
    if "." in word:  # U.S., a.m., J.K.
        return True
    if len(word) == 1 and word.isupper():  # an initial: J. Smith
        return True
    low = word.lower()
    if low == "no":  # "No. 1" is an abbreviation; "said no." ends a sentence
        return bool(re.match(r"\s*\d", prose[dot + 1:dot + 4]))
    return low in ABBREVIATIONS


def split(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (trimmed of surrounding space) inside `prose[start:end]`."""
    cuts: list[int] = []
    other = prose.find("!", start, end) >= 0 or prose.find("?", start, end) >= 0 or prose.find("…", start, end) >= 0
    for m in (_END if other else _STOP_END).finditer(prose, start, end):
        dot = m.start()
        if prose[dot] == "." and not prose.startswith("...", dot) and _is_abbreviation(prose, dot):
            continue
        cuts.append(m.end())  # increasing
    # A line break after sentence-final punctuation always ends a sentence (one line per paragraph).
    if prose.find("\n", start, end) >= 0:
        cuts.extend(m.start() + 1 for m in _NEWLINE_END.finditer(prose, start, end))
        cuts = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    prev = start
    for cut in (*cuts, end):
        if cut <= prev:
            continue
        seg = prose[prev:cut]
        body = seg.strip()
        if body:
            a = prev + len(seg) - len(seg.lstrip())
            out.append((a, a + len(body)))
        prev = cut
    return out
