"""Project configuration: `.newslint.yaml` or `[tool.newslint]` in pyproject.toml, nearest to the file wins."""
from __future__ import annotations

import fnmatch
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any, Mapping, NamedTuple

from newslint.errors import RuleError
from newslint.finding import Severity
from newslint.readers import ReadOptions, read_options
from newslint.schema import (
    Option,
    Where,
    check_mapping,
    choice,
    nested,
    read_yaml,
    string,
    strings,
)

YAML_NAMES = (".newslint.yaml", ".newslint.yml")
SEVERITIES = tuple(s.label for s in Severity)
# Word-choice families an article type may soften; reporting facts without attribution still applies.
WORD_CHOICE = frozenset({"loaded", "labels", "puffery", "editorial", "cliches"})
# Rules of other families that an article type softens too: the significance framing of filler
# ("a testament to", "only time will tell") is a critic's or a columnist's verdict there, not filler,
# and the writer's impression ("the side seemed to have found a spark", "the sequel probably runs too
# long") is what a match report or a review describes; a chatbot's artifacts stay errors in any piece.
WORD_CHOICE_RULES = frozenset({"filler.phrases", "hedges.speculation"})
ARTICLE_ACTIONS = ("keep", "suggestion", "off")
DEFAULT_ARTICLE_TYPES: Mapping[str, str] = {
    "opinion": "suggestion", "analysis": "suggestion", "review": "off", "match": "off"}
# Style packs that `style` (and `check --style`) may name: the rule family of the same name, whose
# rules are off by default; an unknown name is reported rather than ignored.
KNOWN_STYLES: frozenset[str] = frozenset({"ap"})


def _styles(value: Any, where: Where) -> tuple[str, ...]:
    names = strings(value, where)
    for name in names:
        if name not in KNOWN_STYLES:
            known = ", ".join(sorted(KNOWN_STYLES)) or "none are installed"
            raise where.error(f"unknown style pack {name!r} ({known})")
    return names


def _severity_map(value: Any, where: Where) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise where.error("expected a mapping of rule or family: severity")
    return {str(k): Severity.parse(choice(*SEVERITIES)(v, where.child(str(k)))) for k, v in value.items()}


def _actions(value: Any, where: Where) -> dict[str, str]:
    if not isinstance(value, dict):
        raise where.error("expected a mapping of article type: keep, suggestion or off")
    return {str(k): choice(*ARTICLE_ACTIONS)(v, where.child(str(k))) for k, v in value.items()}


PATH_OPTIONS = {
    "select": Option(strings, None),
    "ignore": Option(strings, ()),
    "severity": Option(_severity_map, {}),
    "accepted": Option(strings, ()),
}


def _per_path(value: Any, where: Where) -> tuple[tuple[str, dict[str, Any]], ...]:
    if not isinstance(value, dict):
        raise where.error("expected a mapping of glob: settings")
    return tuple((str(glob), nested(PATH_OPTIONS)(spec, where.child(str(glob)))) for glob, spec in value.items())


OPTIONS = {
    "extend": Option(string, None),
    "select": Option(strings, ()),
    "extend_select": Option(strings, ()),
    "ignore": Option(strings, ()),
    "fail_on": Option(choice(*SEVERITIES), None),
    "severity": Option(_severity_map, {}),
    "per_path": Option(_per_path, ()),
    "exclude": Option(strings, ()),
    "style": Option(_styles, ()),
    "rules": Option(strings, ()),
    "accepted": Option(strings, ()),
    "article_types": Option(_actions, {}),
    "readers": Option(read_options, ReadOptions()),
}


class FileSettings(NamedTuple):
    """The configuration that applies to one file once per-path overrides are merged."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, Severity]
    accepted: tuple[str, ...]
    article_types: Mapping[str, str]
    extend_select: tuple[str, ...] = ()  # rules or families run besides the selected ones


class Config(NamedTuple):
    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    severity: Mapping[str, Severity] = {}  # noqa: RUF012 - shared, never changed
    per_path: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    exclude: tuple[str, ...] = ()
    style: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()
    accepted: tuple[str, ...] = ()
    article_types: Mapping[str, str] = DEFAULT_ARTICLE_TYPES
    readers: ReadOptions = ReadOptions()  # how files are read: extensions, fields, HTML selector, ignore files
    extend_select: tuple[str, ...] = ()  # rules or families run besides the selected ones (off ones included)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def _relative(self, file: Path) -> str | None:
        try:
            return PurePosixPath(Path(os.path.abspath(file)).relative_to(os.path.abspath(self.root))).as_posix()
        except ValueError:
            return None

    def excludes(self, file: Path) -> bool:
        if not self.exclude:
            return False
        rel = self._relative(file)
        return rel is not None and any(_glob(rel, g) for g in self.exclude)

    def for_file(self, file: Path | None) -> FileSettings:
        select, ignore = self.select, self.ignore
        severity, accepted = dict(self.severity), self.accepted
        rel = self._relative(file) if file is not None and self.per_path else None
        for glob, spec in self.per_path:
            if rel is not None and _glob(rel, glob):
                select = spec["select"] if spec["select"] is not None else select
                ignore = (*ignore, *spec["ignore"])
                severity.update(spec["severity"])
                accepted = (*accepted, *spec["accepted"])
        return FileSettings(select, ignore, severity, accepted, self.article_types, self.extend_select)


def _glob(rel: str, pattern: str) -> bool:
    """Match a path relative to the config folder; a pattern with no slash matches at any depth."""
    pattern = pattern.rstrip("/")
    candidates = [pattern, pattern + "/*"]
    if "/" not in pattern:
        candidates += ["*/" + pattern, "*/" + pattern + "/*"]
    return any(fnmatch.fnmatchcase(rel, c) for c in candidates)


def _read(path: Path) -> tuple[Any, dict[str, int]] | None:
    """The raw newslint table of a config file, or None for a pyproject.toml without one."""
    if path.suffix != ".toml":
        data, lines = read_yaml(path)
        return ({} if data is None else data), lines
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read config: {exc}") from None
    if "newslint" not in text:  # no newslint table: a project's own settings are not parsed (nor judged)
        return None
    if sys.version_info >= (3, 11):  # imported only for a pyproject.toml that names newslint
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(str(path), f"malformed TOML: {exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise RuleError(str(path), "expected a table", key="tool")
    table = tool.get("newslint")
    return None if table is None else (table, {})


def load(path: Path, _seen: tuple[Path, ...] = ()) -> Config | None:
    """Parse and validate one config file; unknown keys are errors naming the file and key.

    `extend: FILE` (relative to this file) starts from that configuration: the keys given here
    replace its values, except `extend_select`, which adds to its list.
    """
    raw = _read(path)
    if raw is None:
        return None
    data, lines = raw
    key = "tool.newslint" if path.suffix == ".toml" else ""
    where = Where(str(path), key, lines)
    spec = check_mapping(data, OPTIONS, where)
    own = Config(
        path=path, select=spec["select"], ignore=spec["ignore"], fail_on=spec["fail_on"],
        severity=spec["severity"], per_path=spec["per_path"], exclude=spec["exclude"], style=spec["style"],
        rules=tuple((path.parent / p) for p in spec["rules"]), accepted=spec["accepted"],
        article_types={**DEFAULT_ARTICLE_TYPES, **spec["article_types"]}, readers=spec["readers"],
        extend_select=spec["extend_select"],
    )
    if spec["extend"] is None:
        return own
    parent_path = Path(os.path.normpath(path.parent / spec["extend"]))
    here = Path(os.path.abspath(path))
    if here in _seen or parent_path == here:
        raise where.child("extend").error("configurations extend each other in a loop")
    if not parent_path.is_file():
        raise where.child("extend").error(f"no such configuration file {parent_path}")
    parent = load(parent_path, (*_seen, here))
    if parent is None:
        raise where.child("extend").error(f"{parent_path} has no newslint configuration")
    given = {k for k in data if k in OPTIONS} - {"extend"}
    fields = {name: getattr(own, name) for name in Config._fields if name in given}
    if "article_types" in given:
        fields["article_types"] = {**parent.article_types, **spec["article_types"]}
    fields["extend_select"] = (*parent.extend_select, *own.extend_select)
    return parent._replace(path=path, **fields)


class Finder:
    """Find the config nearest each file (cached per folder); an explicit `--config` wins everywhere."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load(explicit) or Config(path=explicit) if explicit is not None else None
        self._cache: dict[Path, Config] = {}
        self._by_folder: dict[str, Config] = {}  # `for_path` by the folder's absolute path as a string

    def for_path(self, file: Path | None) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = os.path.dirname(os.path.abspath(file)) if file is not None else os.getcwd()
        found = self._by_folder.get(folder)
        if found is None:
            found = self._by_folder[folder] = self._lookup(Path(folder))
        return found

    def _lookup(self, folder: Path) -> Config:
        if folder in self._cache:
            return self._cache[folder]
        found: Config | None = None
        for name in (*YAML_NAMES, "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                found = load(candidate)
                if found is not None:
                    break
        if found is None:
            found = self._lookup(folder.parent) if folder.parent != folder else Config()
        self._cache[folder] = found
        return found
