"""Steps 3 and 4 of the pipeline (see `engine`) for one document: the rules its configuration selects
(`Checker`), the rules step (`run_rules`), then accepted terms, reported speech, synopses of works,
the story's voice (`voice`), article type, the story verdict, folding, severities and suppression
comments."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Sequence

from newslint import config as config_
from newslint import suppressions
from newslint.articles import type_of
from newslint.document import Document
from newslint.document.positions import within
from newslint.errors import NewslintError, RuleError, RuleTimeout
from newslint.finding import Finding, Severity
from newslint.folding import CLUSTER_KINDS, STRUCTURAL_KINDS, fold
from newslint.matching import prefilter
from newslint.matching.compiled import HousePattern
from newslint.matching.patterns import term_pattern
from newslint.rulebook import ALL, Rule, builtin_root, load_rules, select
from newslint.reported import drop_paraphrased, drop_reported
from newslint.synopsis import drop_synopses
from newslint.verdict import STORY_RULE, story_verdict
from newslint.verdict import may_stand as verdict_stands
from newslint.voice import by_voice, drop_apart, drop_plain, drop_unvoiced, may_stand, story_words
from newslint.cache import programs

if TYPE_CHECKING:
    from newslint.fixes import Fixer


def fixers(rules: Sequence[Rule]) -> dict[str, Fixer]:
    """Rule id -> its kind's `fix`, for the rules that can fix what they flag."""
    found: dict[str, Fixer] = {}
    for r in rules:
        if r.kind.fixable:
            found[r.id] = r.kind.fix
    return found


def _accepted_spans(doc: Document, terms: Sequence[str]) -> list[tuple[int, int]]:
    if not terms:
        return []
    return [m.span() for m in term_pattern(terms).finditer(doc.prose)]


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_rules(doc: Document, rules: Iterable[Rule], errors: list[NewslintError] | None = None) -> list[Finding]:
    """The rules step: every hit of `rules` on `doc` as a finding, deduplicated and sorted by position.

    A rule whose pattern times out on `doc` is skipped for it: a RuleTimeout is appended to
    `errors`, or raised when no list is given. The other rules still run.
    """
    seen: set[tuple[str, int, int]] = set()
    findings = []
    unmatched: frozenset[int] | None = None  # the plans the document's sweep found nothing for
    for rule in rules:
        try:
            gate = rule.kind.gate
            if gate is not None:  # (most rules match nothing in most stories: a gate the sweep found nothing for is not asked)
                if unmatched is None:
                    unmatched = prefilter.scan(doc).swept_empty()
                if gate.swept_out(unmatched) or not gate.spans(doc):
                    continue
            hits = list(rule.kind.check(doc))
        except TimeoutError:
            error = RuleTimeout(doc.path, rule.id, rule.path)
            if errors is None:
                raise error from None
            errors.append(error)
            continue
        for hit in hits:
            if doc.scope_at(hit.start) not in rule.scope or _spans_paragraphs(doc.prose, hit.start, hit.end):
                continue
            key = (rule.id, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            text = doc.text[hit.start:hit.end]
            line, col = doc.position(hit.start)
            end_line, end_col = doc.position(hit.end)
            # `match`: the words as read ("passed away", not "passed&nbsp;away"), unless the kind names it
            # (a source entry is shown with its link, which the prose leaves out)
            shown = {"match": " ".join(doc.prose[hit.start:hit.end].split())}
            message = rule.message.format_map(_Fields(shown, **hit.fields))
            suggestions = hit.suggestions or rule.suggestions
            findings.append(Finding(doc.path, line, col, end_line, end_col, hit.start, hit.end, rule.id, rule.severity,
                                    message, text, tuple(suggestions)))
    findings.sort()
    return findings


# A sentence repeated word for word is boilerplate (a poll, a promotion) from this length; a shorter one
# may be repeated on purpose ("Absolutely not!"), each time a problem of its own.
_BOILERPLATE_WORDS = 8
_PARAGRAPH_BREAK = programs.compile(r"\n[^\S\n]*\n")
_THE_BEFORE = programs.compile(r"\b[Tt]he[ \t]\Z")


def _spans_paragraphs(prose: str, start: int, end: int) -> bool:
    """Does a span hold a blank line? No finding does (a kind that meets one drops the hit)."""
    return prose.find("\n", start, end) >= 0 and _PARAGRAPH_BREAK.search(prose, start, end) is not None


class Ruleset:
    """Every loaded rule (for names in suppressions and configs) and the ids that exist."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules

    @cached_property
    def known(self) -> frozenset[str]:
        return frozenset({r.id for r in self.rules} | {r.family for r in self.rules})

    @cached_property
    def fixers(self) -> dict[str, Fixer]:
        """Rule id -> the fix its kind offers for a flagged text (see `fixes`)."""
        return fixers(self.rules)

    def check_names(self, names: Sequence[str], where: str) -> None:
        for name in names:
            if name not in self.known and name != ALL:
                raise RuleError(where, f"unknown rule or family {name!r} (see `newslint rules`)")


class _Selection(NamedTuple):
    """What the steps after the rules step need to know of a rule selection, worked out once for it."""

    ids: frozenset[str]
    fixable: Callable[[str], bool]
    structural: Callable[[str], bool]
    clustered: frozenset[str]  # the rules that flag words in company (see `Checker._cluster_of`)
    voiced: frozenset[str]  # the rules whose findings stand only where the story's voice is loaded (`voice`)
    plain: frozenset[str]  # the rules whose findings are dropped in a straight story (`voice`)
    beside: frozenset[str]  # the rules whose findings stand only beside a loaded word in their sentence (`voice`)
    grades: Callable[[str], bool]  # the rules whose word grades the next: one note with its finding (`folding`)
    first: tuple[Rule, ...]  # the rules run on every document, in selection order (see `Checker.check`)
    later: tuple[Rule, ...]  # the rules that stand by the voice, run only where their findings may stand
    verdict: tuple[Rule, ...]  # the story verdict's rule, run only where the verdict may stand

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> _Selection:
        later = tuple(r for r in rules if by_voice(r.voiced, r.plain, r.family) and not _may_time_out(r))
        verdict = tuple(r for r in rules if r.id == STORY_RULE and not by_voice(r.voiced, r.plain, r.family)
                        and not _may_time_out(r))
        held = {r.id for r in (*later, *verdict)}
        return cls(frozenset(r.id for r in rules), frozenset(r.id for r in rules if r.kind.fixable).__contains__,
                   frozenset(r.id for r in rules if r.kind.name in STRUCTURAL_KINDS).__contains__,
                   frozenset(r.id for r in rules if r.kind.name in CLUSTER_KINDS),
                   frozenset(r.id for r in rules if r.voiced), frozenset(r.id for r in rules if r.plain),
                   frozenset(r.id for r in rules if r.beside), frozenset(r.id for r in rules if r.grades).__contains__,
                   tuple(r for r in rules if r.id not in held), later, verdict)


def _may_time_out(rule: Rule) -> bool:
    """Can the rule time out on a document (a house pattern, run with a time limit)? Its timeout is
    reported, so it always runs."""
    return any(isinstance(item, HousePattern) for matcher in rule.kind.matchers for item in matcher.items)


class _Steps(NamedTuple):
    """The findings as `drop_plain` is given them, as `drop_unvoiced` is, and after it."""

    before_plain: list[Finding]
    before_unvoiced: list[Finding]
    findings: list[Finding]


class _ArticleType:
    """A document's article type (`articles.type_of`), told the first time it is asked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.told: list[str | None] = []

    def __call__(self) -> str | None:
        if not self.told:
            self.told.append(type_of(self.doc))
        return self.told[0]


class Checker:
    """Lints documents with the rules and settings their configuration asks for."""

    def __init__(self, extra_rules: Sequence[Path] = (), select_: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None, styles: Sequence[str] = (),
                 extend_select: Sequence[str] = ()) -> None:
        self.extend_select = tuple(extend_select)
        self.extra_rules = tuple(extra_rules)
        self.styles = tuple(styles)
        self.select = tuple(select_) if select_ else None
        self.ignore = tuple(ignore) if ignore else None
        self._rulesets: dict[tuple[Path, ...], Ruleset] = {}
        self._checked: set[Path | None] = set()
        self._selected: dict[tuple[object, ...], tuple[list[Rule], _Selection]] = {}
        self._builtin = builtin_root()

    def ruleset(self, config: config_.Config) -> Ruleset:
        """The rules for a config (cached by rule folders); its rule names are checked once per config."""
        folders = (self._builtin, *config.rules, *self.extra_rules)
        if folders not in self._rulesets:
            ruleset = Ruleset(tuple(load_rules(folders)))
            ruleset.check_names([*(self.select or ()), *(self.ignore or ()), *self.extend_select], "command line")
            self._rulesets[folders] = ruleset
        ruleset = self._rulesets[folders]
        if config.path not in self._checked:
            where = str(config.path) if config.path else "configuration"
            ruleset.check_names([*config.select, *config.ignore, *config.severity, *config.extend_select], where)
            for _, spec in config.per_path:
                ruleset.check_names([*(spec["select"] or ()), *spec["ignore"], *spec["severity"]], where)
            self._checked.add(config.path)
        return ruleset

    def active(self, config: config_.Config, file: Path | None) -> tuple[list[Rule], config_.FileSettings]:
        picked, _, settings = self._active(config, file)
        return picked, settings

    def _active(self, config: config_.Config, file: Path | None) -> tuple[list[Rule], _Selection, config_.FileSettings]:
        settings = config.for_file(file)
        chosen = self.select if self.select is not None else settings.select
        dropped = (*settings.ignore, *(self.ignore or ()))
        # a style pack, like a rule or family named by --extend-select, adds its rules, off ones included
        styles = (*config.style, *self.styles, *settings.extend_select, *self.extend_select)
        key = (config.path, config.rules, chosen, dropped, styles)
        if key not in self._selected:
            rules = self.ruleset(config).rules
            picked = select(rules, chosen, dropped)
            if styles:
                ids = {r.id for r in picked}
                picked += [r for r in select(rules, styles, dropped, all_rules=True) if r.id not in ids]
            self._selected[key] = picked, _Selection.of(picked)
        picked, selection = self._selected[key]
        return picked, selection, settings

    @staticmethod
    def _paragraph_of(doc: Document) -> Callable[[int], int]:
        def block(offset: int) -> int:
            index = doc.sentence_index(offset)
            return doc.sentences[index].block if index >= 0 else -1 - offset  # outside sentences: its own
        return block

    @staticmethod
    def _sentence_of(doc: Document) -> Callable[[Finding], int]:
        return lambda f: doc.sentence_index(f.start)

    @staticmethod
    def _sentence_text(doc: Document) -> Callable[[Finding], str]:
        def words(f: Finding) -> str:
            index = doc.sentence_index(f.start)
            if index < 0:
                return ""
            s = doc.sentences[index]
            found = doc.prose[s.start:s.end].lower().split()
            return " ".join(found) if len(found) >= _BOILERPLATE_WORDS else ""
        return words

    @staticmethod
    def _refers_back(doc: Document) -> Callable[[Finding], bool]:
        def back(f: Finding) -> bool:  # "the sources said": the sources the story has named before
            return _THE_BEFORE.search(doc.prose, max(0, f.start - 4), f.start) is not None
        return back

    @staticmethod
    def _cluster_of(doc: Document, ids: frozenset[str]) -> Callable[[Finding], int | None]:
        def paragraph(f: Finding) -> int | None:
            if f.rule not in ids:
                return None
            index = doc.sentence_index(f.start)
            return doc.sentences[index].block if index >= 0 else -1
        return paragraph

    def _voice_steps(self, doc: Document, findings: list[Finding], accepted: list[tuple[int, int]],
                     selection: _Selection) -> _Steps:
        """The steps up to the story's voice: accepted terms, reported speech, synopses, paraphrase,
        `plain` rules in a straight story, `voiced` rules."""
        if accepted:
            findings = [f for f in findings if not within(accepted, f.start, f.end)]
        findings = drop_reported(findings, doc.prose, doc.search, doc.memo)
        # (a retold story's words are the work's: they neither stand nor load the writer's voice)
        findings = drop_synopses(findings, doc.prose, config_.WORD_CHOICE, doc.memo, doc.search)
        before_plain = drop_paraphrased(findings, doc.prose, selection.voiced, doc.search, doc.memo)
        before_unvoiced = drop_plain(before_plain, selection.plain, selection.voiced, doc.prose)
        findings = drop_unvoiced(before_unvoiced, selection.voiced, doc.prose, self._paragraph_of(doc), selection.plain,
                                 doc.sentence_index)
        findings = drop_apart(findings, selection.beside, selection.voiced, doc.sentence_index)
        return _Steps(before_plain, before_unvoiced, findings)

    def check(self, doc: Document, config: config_.Config, file: Path | None,
              errors: list[NewslintError] | None = None, rules: Sequence[Rule] | None = None) -> list[Finding]:
        """The rules `config` selects for `file` (or `rules`) over `doc`, then what the configuration
        and the text's suppression comments make of their findings (see `engine`)."""
        selected, selection, settings = self._active(config, file)
        if rules is None:
            rules = selected
        else:
            rules = list(rules)
            selection = _Selection.of(rules)
        # The rules whose findings stand or fall by the story's voice without counting in it, then the
        # story verdict's rule, run last, and only where one of their findings could stand: in most
        # stories they are not run at all. When one runs, every finding goes through the steps again,
        # as if all the rules had run at once.
        found = run_rules(doc, selection.first, errors)
        accepted = _accepted_spans(doc, settings.accepted)
        steps = self._voice_steps(doc, found, accepted, selection)
        kind = _ArticleType(doc)  # told on first need: most stories never need it
        if selection.later:
            words = story_words(doc.prose)
            stands: dict[tuple[bool, bool], bool] = {}  # by (voiced, plain): the same for every rule alike
            for r in selection.later:
                if (r.voiced, r.plain) not in stands:
                    stands[r.voiced, r.plain] = may_stand(r.voiced, r.plain, steps.before_plain, steps.before_unvoiced,
                                                          selection.voiced, words)
            voiced = [r for r in selection.later if stands[r.voiced, r.plain]]
            added = run_rules(doc, voiced, errors) if voiced else []
            if added:  # (with nothing added, the steps would find what they found)
                found = sorted(found + added)
                steps = self._voice_steps(doc, found, accepted, selection)
        if selection.verdict and verdict_stands(steps.findings, kind, selection.ids):
            added = run_rules(doc, selection.verdict, errors)
            if added:
                found = sorted(found + added)
                steps = self._voice_steps(doc, found, accepted, selection)
        findings = story_verdict(steps.findings, kind, selection.ids)
        findings = fold(findings, selection.structural, self._sentence_of(doc), selection.fixable,
                        self._cluster_of(doc, selection.clustered), self._sentence_text(doc), selection.grades,
                        self._refers_back(doc))
        soft = [f for f in findings if f.family in config_.WORD_CHOICE or f.rule in config_.WORD_CHOICE_RULES]
        action = settings.article_types.get(kind() or "", "keep") if soft else "keep"
        if action != "keep":
            findings = [f for f in findings if f not in soft]
            if action == "suggestion":
                findings += [f._replace(severity=Severity.SUGGESTION) for f in soft]
        if settings.severity:
            findings = [f._replace(severity=settings.severity.get(f.rule) or settings.severity.get(
                f.family) or f.severity) for f in findings]
        known = self.ruleset(config).known
        return suppressions.apply(sorted(findings), doc.text, doc.path, known, selection.ids)
