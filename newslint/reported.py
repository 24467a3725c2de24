"""Reported speech: words the writer attributes to someone without quotation marks.

Two shapes, each a span whose word choices are the speaker's, not the writer's (like a quotation):
- attribution after the clause: "The title refers to life under the regime, the director said." (the
  clause before the comma);
- accusation: "The group accused the regime of brutal repression." (the accused and the charge).
The charge of an accusation someone makes is the accuser's wording: loaded words in it are dropped
too ("the paper accused reporters of a witch-hunt"; not in "was accused of ...", which names no
accuser); so is the charge of a condemnation someone makes ("bishops condemned the mayor for letting
the march be violently broken up", "was criticised by the union for its heavy-handed tactics"; not
"has been criticised for ..."), and the merit of praise someone gives ("the coach praised the keeper for his
heroic display"); so is the charge a complaint, an allegation or an accusation names ("complaints from MPs of
patronising remarks", "allegations of police brutality"), and what people are said to fear, hope or
believe ("fears that militants would stoke riots"), and an impression imagined rather than claimed ("this
might sound like an Orwellian future"). Otherwise only labels, editorializing and stock framing are taken as the speaker's: findings of
the labels, editorial and filler families inside these spans are dropped (`drop_reported`): "the minister
should resign, the union said" is the union's demand, "dialogue is essential, the envoys said" the envoys'
message. So is the verdict a clause attributed after it pronounces, its predicate ("cutting the budget now
is misguided, says Ana Ruiz": `_verdict`). A sentence adverb before the clause ("Sadly, ..., police said")
stays the writer's. An adjective in a noun phrase ("The brutal raid ended, police said") and a
euphemism or a cliché in the clause are still the writer's wording, and the attribution rules still read these sentences (a paraphrase names its source).
Attribution before the clause ("The minister said the raid was brutal", "she told reporters that ...",
and a question put: "an inquiry into whether the bank rigged the rates") is where loaded copy launders
its words most ("officials said the savage ..."), so its clause is read as the speaker's paraphrase
(`paraphrases`) only in a story whose own voice is straight: one long enough to judge
(`voice.STORY_WORDS`) that is not loaded elsewhere (`voice.loaded`). There the word choices of the
clause (PARAPHRASE_FAMILIES) are dropped (`drop_paraphrased`); the words before the verb, and a word
the writer sets in capitals, stay the writer's.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING, AbstractSet, Callable, Iterable, Sequence

from newslint.cache import programs as recache
from newslint.matching.literals import searched
from newslint.relayed import Search, relayed
from newslint.document.positions import within
from newslint.finding import Finding
from newslint.voice import STORY_WORDS, story_words, straight

if TYPE_CHECKING:
    from newslint.document.model import Memo

SPEAKERS_FAMILIES = frozenset({"labels", "editorial", "filler"})  # what a reported clause attributes to its speaker
ACCUSERS_FAMILIES = frozenset({"loaded"})  # what an accusation's charge attributes to the accuser

_VERBS = (r"said|says|say|told|tells|added|adds|argued|argues|claimed|claims|warned|warns|wrote|writes|insisted|"
          r"insists|stated|states|alleged|alleges|believes|believe|believed|contended|contends|maintained|"
          r"maintains|noted|notes|explained|explains|acknowledged|reported|announced|complained|complains|"
          r"charged|charges|asserted|asserts|suggested|suggests|testified|tweeted|posted|declared|predicted")


def _not_after(*words: str) -> str:
    """Lookbehinds: what follows comes after none of `words` (each a whole word, then a space)."""
    return "".join(rf"(?<!\b{word}\s)" for word in words)


# After a determiner the word is a noun, not a verb of saying: "..., I cannot verify the claims."
_NOT_A_NOUN = _not_after("the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "such",
                         "any", "no", "new")
# ", the director said." / ", said Jane Smith, a spokeswoman." at the end of a sentence.
_AFTER = recache.compile(
    # "according to Tom Bell" (", who chairs the group"), ", said Jane Smith, a spokeswoman", ", argues Kim Reem of the union"
    r",\s+(?:(?:according\s+to\s+[^,.;!?\n]{2,60}(?:,\s+(?:who|a|an|the)\s[^.;!?\n\"“”]{1,80}?)?)"
    r"|(?:[^,.;!?\n\"“”]{2,60}?\s+" + _NOT_A_NOUN + r"(?:" + _VERBS + r"))"
    r"|(?:(?:said|says|added|adds|wrote|writes|told|tells|argued|argues|insisted|insists|warned|warns|claimed|claims|"
    r"noted|notes|explained|explains|believes|believed)\s+(?-i:[A-Z])[^.;!?\n\"“”]{1,80}?))"
    # whom they told ("told reporters", "told BBC Sport"), and when, where or how ("on Monday", "after the game",
    # "outside court", "through her lawyer", "afterwards")
    r"(?:\s+(?:reporters|journalists|(?:the\s+)?(?-i:[A-Z])[\w'’.&-]*(?:\s+(?-i:[A-Z])[\w'’.&-]*){0,3}))?"
    r"(?:\s+(?:on|in|at|last|this|late|early|after|before|during|following|outside|inside|near|through|via|from)"
    r"\s+[^.;!?\n\"“”]{1,160}?|\s+(?:afterwards|later|yesterday|today|tonight))?"
    r"\s*(?:[.!?](?=\s|$)|$)", re.I | re.M)
# What relays someone's words: "he said (that) ...", "she told reporters that ..."; not "it is said", "was
# said to", "the alleged ...", nor the writer's adverb of manner ("said bluntly that ...", "says
# cryptically"); and a question someone puts: "(an inquiry into) whether ...", "asked whether ...".
# "Prosecutors say the pair ...": the present plural, after a subject that names someone; not after one that names
# no one ("critics say", "they say": a weasel's), nor a verb that says nothing was said ("would not say", "to say").
_SAY_NAMED = _not_after(
    "they", "people", "some", "many", "others", "critics", "experts", "observers", "analysts", "we", "you", "I",
    "to", "would", "could", "might", "may", "will", "not", "cannot", "can", "let", "who", "that") + "say"
_SAYS = r"said|says|argued|argues|claimed|claims|insisted|insists|stated|alleged|alleges|" \
        r"believes|believed|contended|contends|maintained|maintains|acknowledged|" \
        r"admitted|admits|conceded|concedes|complained|complains|asserted|asserts|suggested|suggests|" \
        r"testified|declared|predicted|predicts|thinks|feared|fears|hopes|hoped|denied|denies|" \
        + _SAY_NAMED
_TELLS = r"told|tells|warned|warns|assured|assures|reminded|reminds"  # with whom they told, or not: "warned that ..."
# A participle relays words only with "that": "opposed the plan, saying that ...", "arguing that ...".
_SAYING = r"saying|arguing|claiming|insisting|suggesting|warning|adding|noting|explaining|stressing|predicting|" \
          r"complaining|asserting|contending|maintaining|telling(?:\s+[\w'’-]+){1,4}?"
_ADDS = r"added|adds|explained|explains|points?\s+out|pointed\s+out|noted|notes|stressed|stresses|emphasi[sz]e[sd]|" \
        r"observed|observes|found|finds|concluded|concludes|ruled"  # only with "that": "added fuel to the row",
# "noted the damage", "found the body" relay nothing; "the inquiry found that ..." relays its finding
# What someone warns or speaks of is their word for it: "the charity warned of a devastating impact"; and what
# a court, a jury or an inquest heard is a witness's or counsel's ("the court heard the victim suffered horrific
# injuries").
_SPEAKS_OF = r"warned|warns|warning|spoke|speaks|speaking|complained|complains|talked|talks"
_HEARD = r"\b(?:court|jury|inquest|tribunal|hearing|trial|committee)\s+(?:had\s+)?heard"
_ASKS = r"into|about|over|on|ask|asks|asked|asking|investigate|investigates|investigating|examine|examines|" \
        r"examining|probe|probes|probing|consider|considers|considering|decide|decides|deciding|rule|rules|" \
        r"ruling|review|reviews|reviewing|assess|assesses|assessing|test|tests|testing"
_NOT_AFTER = _not_after("is", "was", "are", "were", "be", "been", "being", "it", "the", "a", "an", "his", "her", "their",
                        "its")
# The space between a reporting verb and its clause: one line break at most. A blank line after the verb
# ends a headline ("Mayor says sorry", then the story), and the next paragraph is not what was said.
_GAP = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
_BEFORE = searched(recache.compile(
    r"(?:\b(?:" + _ASKS + r")\s+whether" + _GAP + r"|" + _HEARD + _GAP + r"(?:that" + _GAP + r")?|" + _NOT_AFTER + r"\b(?:"
    r"(?:" + _SAYS + r")(?:\s+(?:on|last|this|late|early)\s+[A-Za-z]+)?(?:\s+[a-z]+ly)?" + _GAP + r"(?:that" + _GAP + r")?"
    r"|(?:" + _TELLS + r")\s+(?:[\w'’-]+\s+){0,4}?that" + _GAP + r"|(?:" + _ADDS + "|" + _SAYING + r")\s+that" + _GAP
    + r"|(?:" + _SPEAKS_OF + r")\s+of" + _GAP + r"))"
    r"(?!(?:to|in|on|at|with|for|about|of|by|from|into|as|after|before|during|so|and|or|it\s+was)\b|[a-z]+ly\s*(?:[.,;:!?\n]|$))"
    r"(?=[\w'’])",
    re.I))
_PARAPHRASE_END = recache.compile(r"[.!?](?=\s|$)|[;:,\n]")
PARAPHRASE_FAMILIES = frozenset({"loaded", "labels", "editorial", "puffery", "cliches", "filler"})
_ACCUSED = recache.compile(r"\baccus(?:ed|es|ing)\s+(?=\S)", re.I)
# "accused the regime of ...", "accusing reporters of ...": someone is accused, so someone accuses
_CHARGE = recache.compile(r"\baccus(?:ed|es|ing)\s+(?!of\b)(?:[\w'’.-]+\s+){1,6}?of\s+(?=\S)", re.I)
# "condemned the mayor for [allowing the square to be cleared]", "was criticised by the union for [its
# handling of the strike]": someone is named as condemning, so the charge is theirs, as an accusation's
# is, and so is the merit praise names ("hailed the nurses for [their heroic work]"); not "has been
# criticised for ..." (no critic), nor "criticised support for Israel" (what follows "for" is no act or
# conduct: the charge starts with a gerund or a possessive)
_CONDEMNED = recache.compile(
    r"\b(?:condemn|criticis|criticiz|blam|fault|denounc|castigat|lambast|rebuk|chastis|censur|slamm?"
    r"|prais|hail|laud|commend|applaud)"
    r"(?:e|es|ed|ing|s)?\s+(?!for\b)(?:(?!for\b)[\w'’.-]+\s+){1,4}?for\s+"
    r"(?=(?:[a-z]+ing|his|her|its|their|what|not)\b)", re.I)
_CONDEMN_STEMS = ("ondemn", "ritici", "lam", "ault", "enounc", "astigat", "ebuk", "hastis", "ensur",
                  "raise", "raisi", "hail", "Hail", "aud", "ommend", "pplaud",
                  "ONDEMN", "RITICI", "LAM", "AULT", "ENOUNC", "ASTIGAT", "EBUK", "HASTIS", "ENSUR",
                  "RAISE", "RAISI", "HAIL", "AUD", "OMMEND", "PPLAUD")
# "complaints from MPs of [sexist insults and patronising assumptions]", "accusations of [shameless
# lying]": the charge a complaint or an accusation names is its makers' wording, up to the end of its
# clause; a comma ends it unless a list runs on to its last item ("of X, Y and Z."): "Despite
# complaints of noise, the brutal ..." goes back to the writer.
_CHARGE_NOUN = recache.compile(r"\b(?:accusations?|allegations?|complaints?)\s+(?:(?:from|by)\s+[^,.;!?\n]{1,60}?\s+)?"
                               r"of\s+(?=\S)", re.I)
_CHARGE_STEMS = ("llegation", "omplaint", "ccusation", "LLEGATION", "OMPLAINT", "CCUSATION")  # most prose has none
# "fears that [the rally would stoke unrest]", "the belief that ...": what people fear, hope or believe is
# their view, worded as they hold it, to the end of its clause, as a charge is. (Not what someone was told
# or urged to do: a call to act is where loaded copy sets its own words most.)
_HELD = searched(recache.compile(r"\b(?:fears?|worries|concerns?|hopes?|beliefs?|suspicions?)\s+that\s+(?=\S)"
                        # an impression imagined, not claimed: "this might sound like [an Orwellian future]",
                        # "the plan may seem [reckless] at first"
                        r"|\b(?:might|may|could)\s+(?:well\s+|at\s+first\s+)?(?:sound|seem|look|appear)\s+(?:like\s+)?(?=\S)",
                        re.I))
_CLAUSE_STOP = recache.compile(r"[.!?;](?=\s|$)|\n")
_LIST_TAIL = recache.compile(r",\s+[^,.;!?\n]{1,60}?\s(?:and|or)\s[^,.;!?\n]{1,80}(?:[.!?]|$)", re.I)
# An aside set off by commas inside the clause ("the belief that landlords, especially the big ones, are
# greedy"): the clause runs on past it.
_ASIDE = recache.compile(r",\s+(?:specifically|especially|particularly|notably|namely|mainly|mostly|chiefly|largely|"
                         r"in\s+particular|above\s+all|including|such\s+as)(?:\s[^,.;:!?\n]{1,60})?,\s", re.I)
# ... where it follows the clause's subject, before its verb: "that landlords, especially ..." (not "that
# militants would riot, especially in the north, [the writer's clause]")
_SUBJECT = recache.compile(r"\s*(?:(?!(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|"
                           r"might|must|shall|should)\b)[\w'’-]+\s*){1,4}", re.I)
_SENTENCE_END = recache.compile(r"[.!?](?=\s|$)|\n")
_LAST_END = recache.compile(r"(?:[.!?]\s+|\n)(?=[^.!?\n]*\Z)")
_COMMENT = recache.compile(r"\s*(?:[\"“‘']\s*)?(?:[A-Za-z]+ly|of\s+course|needless\s+to\s+say|clearly|indeed),\s+", re.I)
REACH = 400  # characters a reported clause may run
# What a verdict stands after: a verb of being or having and at most three small words ("is misguided",
# "would be a cruel blow", "was simply not good enough", "remains deeply flawed", "has a shameful record"), or
# the effect a speaker foresees ("would cause chaos", "could spell disaster").
_PREDICATE = recache.compile(
    r"\b(?:is|are|was|were|be|been|being|seems?|seemed|remains?|remained|looks?|looked|sounds?|sounded|appears?|"
    r"appeared|proves?|proved|becomes?|became|has|have|had|(?:it|that|what|he|she|this|there|here)['’]s|"
    r"(?:they|we|you)['’]re|(?:will|would|could|may|might|can)\s+(?:cause|create|bring|spell|mean|trigger|unleash|"
    r"lead\s+to|result\s+in|amount\s+to))\s+(?:(?:a|an|the|not|never|also|just|still|more|most|"
    r"less|so|too|very|quite|rather|utterly|simply|deeply|truly|entirely|completely|wholly|hugely|plainly)\s+){0,3}\Z",
    re.I)


def _sentence_start(prose: str, at: int) -> int:
    window = prose[max(0, at - REACH):at]
    m = _LAST_END.search(window)
    return at - len(window) + (m.end() if m else 0)


def _clause_end(prose: str, at: int, stop: re.Pattern[str] = _SENTENCE_END) -> int:
    m = stop.search(prose, at, min(len(prose), at + REACH))
    return m.start() if m else min(len(prose), at + REACH)


def _may_accuse(prose: str) -> bool:
    """Can the prose hold an accusation at all ("accused", "Accusing", "ACCUSES")? Most cannot."""
    return "ccus" in prose or "CCUS" in prose


def _after(pattern: re.Pattern[str], prose: str) -> list[tuple[int, int]]:
    """Sorted (start, end): from the end of each match of `pattern` to the end of its clause."""
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(prose):
        end = _clause_end(prose, m.end())
        if end > m.end():
            out.append((m.end(), end))
    return out


def _to_clause_end(matches: Iterable[re.Match[str]], prose: str) -> list[tuple[int, int]]:
    """(start, end): from the end of each of `matches` (in `prose`) to the end of its clause; a comma ends
    it unless a list runs on to its last item ("of X, Y and Z.") or it opens an aside closed by another
    comma after the clause's subject ("that landlords, especially the big ones, are greedy")."""
    out: list[tuple[int, int]] = []
    for m in matches:
        end = _clause_end(prose, m.end(), _CLAUSE_STOP)
        comma = prose.find(", ", m.end(), end)
        if comma >= 0 and _SUBJECT.fullmatch(prose, m.end(), comma) and (aside := _ASIDE.match(prose, comma)) \
                and aside.end() < end:
            comma = prose.find(", ", aside.end(), end)
        if comma >= 0 and not _LIST_TAIL.match(prose, comma):
            end = comma
        out.append((m.end(), end))
    return out


def held(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of what people are said to fear, hope or believe ("fears that [...]"): their
    wording, not the writer's. `search` finds the words in `prose` faster than a search of it (see
    `Document.search`)."""
    return _to_clause_end(_HELD.finditer(prose) if search is None else search(_HELD), prose)


def charges(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of the charge of each accusation made by someone ("accused the regime of
    [brutal repression]"), of each complaint or allegation ("complaints of [patronising remarks]"), and
    of a condemnation by someone named ("condemned the mayor for [...]", "criticised by the union for
    [...]", to the end of its clause), and of what people fear, hope or believe (`held`); not of a passive
    accusation or criticism, whose accuser is not named ("was accused of ...", "has been criticised for ...")."""
    out = _after(_CHARGE, prose) if _may_accuse(prose) else []
    if any(stem in prose for stem in _CONDEMN_STEMS):
        out += _to_clause_end(_CONDEMNED.finditer(prose), prose)
    if any(stem in prose for stem in _CHARGE_STEMS):
        out += _to_clause_end(_CHARGE_NOUN.finditer(prose), prose)
    out += held(prose, search)
    out.sort()
    return out


def attributed_after(prose: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of the clauses whose speaker is named after them ("[...], the director said.")."""
    out: list[tuple[int, int]] = []
    for m in _AFTER.finditer(prose):
        start = _sentence_start(prose, m.start())
        comment = _COMMENT.match(prose, start, m.start())
        if comment:  # "Sadly, ..., police said": the sentence adverb is the writer's own comment
            start = comment.end()
        if m.start() - start >= 12:
            out.append((start, m.start()))
    return out


def spans(prose: str, search: Search | None = None, after: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of reported clauses in `prose` (`search`: as for `held`; `after`: the clauses
    attributed after them, when they are already found)."""
    out = list(attributed_after(prose) if after is None else after)
    if _may_accuse(prose):
        out += _after(_ACCUSED, prose)
    out += held(prose, search)
    out.sort()
    return out


def drop_reported(findings: Sequence[Finding], prose: str, search: Search | None = None,
                  memo: Memo | None = None) -> list[Finding]:
    """`findings` without the labels and editorializing (SPEAKERS_FAMILIES) that stand in reported
    clauses of `prose`, and without the loaded words (ACCUSERS_FAMILIES) of an accusation's charge or of
    the verdict a clause attributed after it pronounces (`_verdict`) (`search`: as for `held`; `memo`: the
    document's, where the clauses are kept for the next time the step runs on it)."""
    families = {f.family for f in findings}
    if not families & (SPEAKERS_FAMILIES | ACCUSERS_FAMILIES):
        return list(findings)
    after = _kept(memo, "reported.after", lambda: attributed_after(prose))
    reported = _kept(memo, "reported.spans", lambda: spans(prose, search, after)) \
        if families & SPEAKERS_FAMILIES else []
    charged = _kept(memo, "reported.charges", lambda: charges(prose, search)) if families & ACCUSERS_FAMILIES else []
    judged = after if families & ACCUSERS_FAMILIES else []
    if not reported and not charged and not judged:
        return list(findings)

    def kept(f: Finding) -> bool:
        if f.family in SPEAKERS_FAMILIES:
            return not within(reported, f.start, f.end)
        if f.family not in ACCUSERS_FAMILIES:
            return True
        return not within(charged, f.start, f.end) and not _verdict(judged, prose, f)
    return [f for f in findings if kept(f)]


def _kept(memo: Memo | None, key: str, make: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Spans worked out once per document when there is a `memo` (read, never changed, by the steps)."""
    return make() if memo is None else memo.kept(key, make)


def _verdict(clauses: Sequence[tuple[int, int]], prose: str, f: Finding) -> bool:
    """Is the finding's word the predicate of a clause attributed after it: the verdict the speaker gives
    ("[cutting the budget now is misguided], says Ana Ruiz")? Not a word in a noun phrase the clause is
    about ("the brutal raid ended, police said"): the writer chose to call the raid so."""
    for start, end in clauses:
        if start <= f.start and f.end <= end:
            return _PREDICATE.search(prose, max(start, f.start - 60), f.start) is not None
    return False



def paraphrases(prose: str, search: Search | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of the clause after each reporting verb ("said [he was interrogated]", "told
    reporters that [the deal was dead]", "warned of [a devastating impact]"): the speaker's words as the
    writer relays them; and of the
    relayed speech that names its speaker another way (`relayed`). `search` finds the verbs in `prose`
    faster than a search of it (see `Document.search`)."""
    out: list[tuple[int, int]] = []
    for m in _BEFORE.finditer(prose) if search is None else search(_BEFORE):
        end = _PARAPHRASE_END.search(prose, m.end(), min(len(prose), m.end() + REACH))
        out.append((m.end(), end.start() if end else min(len(prose), m.end() + REACH)))
    out += relayed(prose, search)
    out.sort()
    return out


def drop_paraphrased(findings: Sequence[Finding], prose: str, voiced: AbstractSet[str],
                     search: Search | None = None, memo: Memo | None = None) -> list[Finding]:
    """`findings` without the word choices (PARAPHRASE_FAMILIES) inside a paraphrase (`paraphrases`, its
    verbs found with `search`; kept in `memo`, as for `drop_reported`), in a story whose own voice is
    straight: at least STORY_WORDS long and not loaded (see the module)."""
    if not any(f.family in PARAPHRASE_FAMILIES for f in findings):
        return list(findings)
    words = story_words(prose)
    if not words.at_least(STORY_WORDS):
        return list(findings)
    clauses = _kept(memo, "reported.paraphrases", lambda: paraphrases(prose, search))
    if not clauses:
        return list(findings)

    def relayed(f: Finding) -> bool:  # a word set in capitals is the writer's shout, not the speaker's
        return f.family in PARAPHRASE_FAMILIES and not f.text.isupper() and within(clauses, f.start, f.end)
    own = [f for f in findings if not relayed(f)]
    # The voice is the writer's own: the words relayed from speakers do not load it.
    return own if straight(own, voiced, words) else list(findings)
