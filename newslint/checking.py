"""One file through the pipeline: rules for its config, lint, accepted terms, article type, severities, suppressions."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Sequence

from newslint import config as config_
from newslint import suppressions
from newslint.document import Document
from newslint.engine import lint
from newslint.errors import NewslintError, RuleError
from newslint.finding import Finding, Severity
from newslint.matching.patterns import term_pattern
from newslint.document.positions import offset_of
from newslint.rulebook import Rule, builtin_root, load_rules, select


def article_type(text: str) -> str | None:
    """The `type:` of a Markdown article's YAML front matter, lower-cased, if there is one."""
    body = text.lstrip("\ufeff")
    if not body.startswith("---"):
        return None
    lines = body.splitlines()
    for i, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            if "type" not in front and "\\" not in front:  # no `type` key, however the YAML reads
                return None
            import yaml  # only for front matter that may hold a type

            try:
                meta = yaml.safe_load(front)
            except yaml.YAMLError:
                return None
            value = meta.get("type") if isinstance(meta, dict) else None
            return value.strip().lower() if isinstance(value, str) else None
    return None


def _accepted_spans(doc: Document, terms: Sequence[str]) -> list[tuple[int, int]]:
    if not terms:
        return []
    return [m.span() for m in term_pattern(terms).finditer(doc.prose)]


class Ruleset:
    """Every loaded rule (for names in suppressions and configs) and the ids that exist."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules

    @cached_property
    def known(self) -> frozenset[str]:
        return frozenset({r.id for r in self.rules} | {r.family for r in self.rules})

    @cached_property
    def safe(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules if getattr(r.check, "safe", False) is True)

    def check_names(self, names: Sequence[str], where: str) -> None:
        for name in names:
            if name not in self.known:
                raise RuleError(where, f"unknown rule or family {name!r} (see `newslint rules`)")


class Checker:
    """Lints documents with the rules and settings their configuration asks for."""

    def __init__(self, extra_rules: Sequence[Path] = (), select_: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None, styles: Sequence[str] = ()) -> None:
        self.extra_rules = tuple(extra_rules)
        self.styles = tuple(styles)
        self.select = tuple(select_) if select_ else None
        self.ignore = tuple(ignore) if ignore else None
        self._rulesets: dict[tuple[Path, ...], Ruleset] = {}
        self._checked: set[Path | None] = set()
        self._selected: dict[tuple[object, ...], list[Rule]] = {}
        self._builtin = builtin_root()

    def ruleset(self, config: config_.Config) -> Ruleset:
        """The rules for a config (cached by rule folders); its rule names are checked once per config."""
        folders = (self._builtin, *config.rules, *self.extra_rules)
        if folders not in self._rulesets:
            ruleset = Ruleset(tuple(load_rules(folders)))
            ruleset.check_names([*(self.select or ()), *(self.ignore or ())], "command line")
            self._rulesets[folders] = ruleset
        ruleset = self._rulesets[folders]
        if config.path not in self._checked:
            where = str(config.path) if config.path else "configuration"
            ruleset.check_names([*config.select, *config.ignore, *config.severity], where)
            for _, spec in config.per_path:
                ruleset.check_names([*(spec["select"] or ()), *spec["ignore"], *spec["severity"]], where)
            self._checked.add(config.path)
        return ruleset

    def active(self, config: config_.Config, file: Path | None) -> tuple[list[Rule], config_.FileSettings]:
        settings = config.for_file(file)
        chosen = self.select if self.select is not None else settings.select
        dropped = (*settings.ignore, *(self.ignore or ()))
        styles = (*config.style, *self.styles)
        key = (config.path, config.rules, chosen, dropped, styles)
        if key not in self._selected:
            rules = self.ruleset(config).rules
            picked = select(rules, chosen, dropped)
            if styles:  # a style pack adds its family, off-by-default rules included
                ids = {r.id for r in picked}
                picked += [r for r in select(rules, styles, dropped, all_rules=True) if r.id not in ids]
            self._selected[key] = picked
        return self._selected[key], settings

    def check(self, doc: Document, config: config_.Config, file: Path | None,
              errors: list[NewslintError] | None = None) -> list[Finding]:
        rules, settings = self.active(config, file)
        findings = lint(doc, rules, errors)
        spans = _accepted_spans(doc, settings.accepted)
        if spans:
            starts = doc.line_starts

            def accepted(f: Finding) -> bool:
                start = offset_of(doc.text, f.line, f.column, starts)
                end = offset_of(doc.text, f.end_line, f.end_column, starts)
                return any(a <= start and end <= b for a, b in spans)
            findings = [f for f in findings if not accepted(f)]
        action = settings.article_types.get(article_type(doc.text) or "", "keep")
        if action != "keep":
            soft = [f for f in findings if f.rule.split(".", 1)[0] in config_.WORD_CHOICE]
            findings = [f for f in findings if f not in soft]
            if action == "suggestion":
                findings += [f._replace(severity=Severity.SUGGESTION) for f in soft]
        if settings.severity:
            findings = [f._replace(severity=settings.severity.get(f.rule) or settings.severity.get(
                f.rule.split(".", 1)[0]) or f.severity) for f in findings]
        known = self.ruleset(config).known
        return suppressions.apply(sorted(findings), doc.text, doc.path, known, {r.id for r in rules})
