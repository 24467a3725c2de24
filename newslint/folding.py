"""One note per problem: findings on the same words, or on the same claim, fold into the most specific.

Two findings overlap when their spans share a character ("fierce" for a loaded adjective and "fierce
battle" for a cliché), or when the first is a word that grades the next (a rule marked `grades`, such
as a degree word: "absolutely disgraceful") and the second stands on that next word. Overlapping
findings form a group; the group is reported once, as the finding of the most serious rule (by
severity, then a rule that can fix it, then a house rule before a built-in one, then by how directly
the family speaks to trust in the copy, then the earliest and narrowest span), with the others
listed in its `related` entries. Where that is a word that judges (loaded words, labels) and another
judging finding of the same severity covers all the group's judging words, as a stacked verdict's note
does ("corrupt and wicked" beside a label on "corrupt"), that one is reported: the note is on the
whole verdict. Sourcing families
(attribution, weasel wording) speak about a sentence's claim, so their findings in one sentence fold
too: "overpowered ..., causing damage ..., forcing a retreat" is one unsourced claim, one note.
Document-level and sentence-length findings (`metric`, `density`, `absent` kinds) never fold into
others: their span is the whole sentence or story, or a word that is wrong only in company. A cluster
of one `density` rule in one paragraph is one problem, though: its first word carries the note and
the others are its `related` entries. So is a long sentence repeated word for word (a poll or a
promotion a page prints again and again): the same rule on the same words in it is noted at its first
appearance, and its repeats are that note's `related` entries. And unnamed sources a story goes back to
("Gulf oil sources said ... the sources said ...") are the sources it first named so: one problem, noted
where they first appear, with each return to them (the same words after "the") a `related` entry.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from newslint.finding import Finding, Related

# Families in the order an editor deals with them: sourcing and fairness first, style last.
FAMILY_ORDER = ("sources", "attribution", "anonymous", "labels", "loaded", "superlative", "weasel",
                "hedges", "verbs", "puffery", "editorial", "euphemisms", "passive", "filler", "cliches",
                "time", "ap")
# Families whose findings in one sentence are one claim: one note for the sentence.
CLAIM_FAMILIES = frozenset({"attribution", "filler"})
STRUCTURAL_KINDS = frozenset({"metric", "density", "absent"})
CLUSTER_KINDS = frozenset({"density"})  # words wrong only in company: one note per paragraph
REFERENCE_FAMILIES = frozenset({"anonymous"})  # the same unnamed sources, gone back to: one note
WORD_CHOICE_FAMILIES = frozenset({"loaded", "labels"})  # words that judge: a run of them is one verdict


def _rank(f: Finding, fixable: Callable[[str], bool]) -> tuple[int, bool, int, int, int, int]:
    family = f.family
    order = FAMILY_ORDER.index(family) if family in FAMILY_ORDER else -1  # a house rule is the desk's own word
    width = (f.end_line - f.line) * 10_000 + f.end_column - f.column
    return -int(f.severity), not fixable(f.rule), order, f.line, f.column, width


def _related(f: Finding) -> Related:
    return Related(f.rule, f.line, f.column, f.end_line, f.end_column, f.text, f.start, f.end)


def _merge(group: Sequence[Finding], fixable: Callable[[str], bool]) -> Finding:
    primary = min(group, key=lambda f: _rank(f, fixable))
    if len(group) > 1 and primary.family in WORD_CHOICE_FAMILIES:
        # a stacked verdict ("corrupt and wicked") is noted on all the words it covers, whichever of
        # them another rule flagged on its own
        judging = [f for f in group if f.family in WORD_CHOICE_FAMILIES and f.severity == primary.severity]
        covering = [f for f in judging if all(f.start <= g.start and g.end <= f.end for g in judging)]
        if covering:
            primary = min(covering, key=lambda f: _rank(f, fixable))
    others = sorted((f for f in group if f is not primary), key=lambda f: (f.line, f.column, f.rule))
    related = [*primary.related]
    for f in others:
        related += [_related(f), *f.related]
    return primary._replace(related=tuple(related))


def _repeats(findings: Sequence[Finding], sentence_of: Callable[[Finding], int],
             sentence_text: Callable[[Finding], str]) -> list[Finding]:
    """`findings` (sorted) with those in a repeated sentence folded into their first appearance; the
    same words twice in one sentence are two findings."""
    first: dict[tuple[str, str, str], tuple[int, int]] = {}
    out: list[Finding] = []
    for f in findings:
        words = sentence_text(f)
        key = (f.rule, f.text.lower(), words)
        seen = first.get(key) if words else None
        if seen is None or seen[1] == sentence_of(f):
            if words and seen is None:
                first[key] = (len(out), sentence_of(f))
            out.append(f)
            continue
        at = seen[0]
        out[at] = out[at]._replace(related=(*out[at].related, _related(f), *f.related))
    return out


def _returns(findings: Sequence[Finding], refers_back: Callable[[Finding], bool]) -> list[Finding]:
    """`findings` (sorted) with each return to unnamed sources named before (REFERENCE_FAMILIES: the same
    rule on the same words, after "the") folded into the finding where they first appear."""
    first: dict[tuple[str, str], int] = {}
    out: list[Finding] = []
    for f in findings:
        if f.family not in REFERENCE_FAMILIES:
            out.append(f)
            continue
        key = (f.rule, " ".join(f.text.lower().split()))
        at = first.get(key)
        if at is not None and refers_back(f):
            out[at] = out[at]._replace(related=(*out[at].related, _related(f), *f.related))
            continue
        first.setdefault(key, len(out))
        out.append(f)
    return out


def fold(findings: Iterable[Finding], structural: Callable[[str], bool],
         sentence_of: Callable[[Finding], int], fixable: Callable[[str], bool] = lambda rule: False,
         cluster_of: Callable[[Finding], int | None] = lambda f: None,
         sentence_text: Callable[[Finding], str] = lambda f: "",
         grades: Callable[[str], bool] = lambda rule: False,
         refers_back: Callable[[Finding], bool] = lambda f: False) -> list[Finding]:
    """`findings` of one file with overlapping ones folded (see the module docstring), sorted.

    `structural(rule_id)`: the rule reports whole sentences or stories and never folds.
    `sentence_of(finding)`: the index of the sentence a finding starts in.
    `fixable(rule_id)`: the rule can fix what it flags; among equally serious findings it carries the
    note, so that folding never hides a fix.
    `cluster_of(finding)`: for a structural finding whose rule flags words in company (`density`), the
    paragraph it stands in; None for the others.
    `sentence_text(finding)`: the words of the sentence a finding stands in ("" when unknown): a finding
    of a rule on the same words in a sentence seen before is a repeat, folded into the first.
    `grades(rule_id)`: the rule's word grades the word after it (one white-space character on), so a
    finding on that word is the same note.
    `refers_back(finding)`: the finding's words refer back to something named before ("the sources said").
    """
    kept: list[Finding] = []
    words: list[Finding] = []
    clusters: dict[tuple[str, int], list[Finding]] = {}
    for f in findings:
        if not structural(f.rule):
            words.append(f)
        elif (paragraph := cluster_of(f)) is not None:
            clusters.setdefault((f.rule, paragraph), []).append(f)
        else:
            kept.append(f)
    for cluster in clusters.values():
        cluster.sort()
        kept.append(cluster[0]._replace(related=tuple(_related(f) for f in cluster[1:])))
    words.sort()
    # Groups of findings whose spans overlap, in one pass over the findings sorted by start.
    groups: list[list[Finding]] = []
    end: tuple[int, int] = (0, 0)
    reach = -1  # the offset of the word after a grading word in the group (see `grades`)
    for f in words:
        if groups and ((f.line, f.column) < end or f.start == reach):
            groups[-1].append(f)
        else:
            groups.append([f])
            end, reach = (0, 0), -1
        end = max(end, (f.end_line, f.end_column))
        if grades(f.rule):
            reach = f.end + 1
    merged = _returns(_repeats([_merge(g, fixable) for g in groups], sentence_of, sentence_text), refers_back)
    # Claims: one note per sentence and family.
    by_claim: dict[tuple[int, str], list[Finding]] = {}
    out: list[Finding] = []
    for f in merged:
        family = f.family
        if family in CLAIM_FAMILIES:
            by_claim.setdefault((sentence_of(f), family), []).append(f)
        else:
            out.append(f)
    for group in by_claim.values():
        group.sort(key=lambda f: (f.line, f.column))
        first, rest = group[0], group[1:]  # the sentence's first problem carries the note
        related = [*first.related]
        for f in rest:
            related += [_related(f), *f.related]
        out.append(first._replace(severity=max(f.severity for f in group), related=tuple(related)))
    return sorted(out + kept)
