"""Load and validate rule files into compiled rules; errors name the file, line and key.

A rule lives at `<root>/<family>/<name>.yaml` and its id is `<family>.<name>`. Folders whose
names start with `_` are not families: `_lexicons/<name>.yaml` holds shared word lists.

Trust: rules in the built-in folder (shipped and tested with the package) are `builtin`; their
regular expressions compile with the standard library's `re` and run without a time limit. Rules
from any other folder (`--rules`, a configuration's `rules:`) are house rules: their patterns
compile with the `regex` module and run with a time limit (see `matching.patterns.user_pattern`).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from newslint import cache
from newslint.cache import rules as rule_cache
from newslint.matching import literals
from newslint.matching.matcher import Matcher, read_literals
from newslint.document import Scope
from newslint.errors import RuleError
from newslint.finding import Severity, family_of
from newslint.kinds import BuildContext, Kind, Lexicon, registry
from newslint.schema import Option, Where, boolean, check_mapping, choices, nested, read_yaml, shown, string, strings



def _severity(value: Any, where: Where) -> Severity:
    try:
        return Severity.parse(string(value, where))
    except ValueError as exc:
        raise where.error(str(exc)) from None


# A flagged case may say what `--fix` makes of it (`fixed`) and what `--fix --unsafe-fixes` does
# (`unsafe_fixed`); the generic rule test checks both.
CASE_OPTIONS = {"text": Option(string, required=True), "at": Option(strings, ()),
                "fixed": Option(string, None), "unsafe_fixed": Option(string, None)}


def _cases(value: Any, where: Where) -> tuple[Case, ...]:
    if not isinstance(value, list):
        raise where.error("expected a list of cases")
    out = []
    for i, item in enumerate(value):
        w = where.child(str(i))
        if isinstance(item, str):
            out.append(Case(item, ()))
            continue
        spec = check_mapping(item, CASE_OPTIONS, w)
        for pos in spec["at"]:
            line, _, col = pos.partition(":")
            if not (line.isdigit() and col.isdigit()):
                raise w.child("at").error(f"expected 'line:column', got {pos!r}")
        out.append(Case(spec["text"], tuple(spec["at"]), spec["fixed"], spec["unsafe_fixed"]))
    return tuple(out)


TEST_OPTIONS = {"flag": Option(_cases, ()), "pass": Option(_cases, ())}
SCOPES = tuple(s.value for s in Scope)
COMMON_OPTIONS = {
    "kind": Option(string, required=True),
    "severity": Option(_severity, Severity.WARNING),
    "message": Option(string, required=True),
    "description": Option(string, ""),
    "rationale": Option(string, ""),
    "suggestions": Option(strings, ()),
    "scope": Option(choices(*SCOPES), None),
    "enabled": Option(boolean, True),
    "voiced": Option(boolean, False),
    "plain": Option(boolean, False),
    "beside": Option(boolean, False),
    "grades": Option(boolean, False),
    "tests": Option(nested(TEST_OPTIONS), {"flag": (), "pass": ()}),
}


class Case(NamedTuple):
    """A rule's own example: text, and for a flagged case the expected `line:column` of each finding."""

    text: str
    at: tuple[str, ...]
    fixed: str | None = None  # the text after --fix
    unsafe_fixed: str | None = None  # the text after --fix --unsafe-fixes


class Rule(NamedTuple):
    """A built rule: its metadata and `check`, the kind object that finds its hits (see `schema.Where`
    for why a NamedTuple)."""

    id: str
    path: str
    kind: Kind  # the built kind object: what the rule finds, its matchers, its fix
    severity: Severity
    message: str
    description: str
    rationale: str
    suggestions: tuple[str, ...]
    scope: frozenset[Scope]
    enabled: bool
    flag_cases: tuple[Case, ...]
    pass_cases: tuple[Case, ...]
    builtin: bool = False  # shipped with newslint (trusted patterns), not a house rule
    voiced: bool = False  # its findings stand only where the story's voice is loaded (`newslint.voice`)
    plain: bool = False  # its findings are dropped in a straight story; with `voiced`, they also stand in
    # copy too short to judge (`newslint.voice`)
    beside: bool = False  # voiced, and its findings stand only in the sentence of a loaded word or label
    # of another rule, however the story reads (`newslint.voice`)
    grades: bool = False  # its word grades the next one (a degree word, a hedge): a finding on that word is the same note (`newslint.folding`)

    @property
    def family(self) -> str:
        return family_of(self.id)


def builtin_root() -> Path:
    """The built-in rules: inside an installed package, or beside the package in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "_lexicons").is_dir():
            return candidate.resolve()  # (in a checkout, newslint/rules links to rules/)
    import importlib.resources

    return Path(str(importlib.resources.files("newslint.rules")))


def _check_message(message: str, fields: frozenset[str], where: Where) -> None:
    """A message's placeholders are checked when the rule is loaded, so that formatting it while
    linting cannot fail: known names only, with no conversion (`!r`) or format spec (`:>9`)."""
    import string  # only when rules are built, not when they come from the rule cache

    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise where.error(f"malformed placeholder ({exc}); write {{{{ and }}}} for braces") from None
    allowed = ", ".join("{" + f + "}" for f in sorted(fields))
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in fields:
            raise where.error(f"unknown placeholder {{{shown(name)[1:-1]}}} (this kind offers {allowed})")
        if spec or conversion:
            raise where.error(f"placeholder {{{name}}} takes no conversion or format spec "
                              f"({shown(message)})")


def _lexicon_files(root: Path) -> list[Path]:
    folder = root / "_lexicons"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_lexicons(roots: Iterable[Path]) -> dict[str, Lexicon]:
    out: dict[str, Lexicon] = {}
    options = {"description": Option(string, ""), "terms": Option(strings, ()), "patterns": Option(strings, ())}
    builtin = _resolved(builtin_root())
    for root in roots:
        shipped = _resolved(root) == builtin
        for path in _lexicon_files(root):
            data, lines = read_yaml(path)
            spec = check_mapping(data, options, Where(str(path), lines=lines))
            out[path.stem] = Lexicon(path.stem, spec["terms"], spec["patterns"], str(path), shipped)
    return out


def load_rule(path: Path, rule_id: str, ctx: BuildContext) -> Rule:
    data, lines = read_yaml(path)
    where = Where(str(path), lines=lines)
    if not isinstance(data, dict):
        raise where.error("a rule file must be a mapping of keys")
    kinds = registry()
    kind_name = data.get("kind")
    if not isinstance(kind_name, str) or kind_name not in kinds:
        known = ", ".join(sorted(kinds))
        raise where.child("kind").error(f"unknown kind {shown(kind_name)} (known kinds: {known})")
    kind = kinds[kind_name]
    options = {**COMMON_OPTIONS, **kind.options}
    spec = check_mapping(data, options, where)
    _check_message(spec["message"], kind.message_fields, where.child("message"))
    check = kind.build({k: spec[k] for k in kind.options}, where, ctx)
    scope = frozenset(Scope(s) for s in spec["scope"]) if spec["scope"] else kind.default_scope
    return Rule(rule_id, str(path), check, spec["severity"], spec["message"], spec["description"],
                spec["rationale"], spec["suggestions"], scope, spec["enabled"],
                spec["tests"]["flag"], spec["tests"]["pass"], ctx.builtin,
                spec["voiced"] or spec["beside"], spec["plain"], spec["beside"], spec["grades"])


def rule_files(root: Path) -> list[tuple[str, Path]]:
    """(id, path) for every rule file under `root`, sorted by id."""
    out = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        if len(rel.parts) != 2:
            raise RuleError(str(path), "rule files go in <rules>/<family>/<name>.yaml")
        out.append((f"{rel.parts[0]}.{path.stem}", path))
    return out


def load_rules(roots: Iterable[Path] | None = None) -> list[Rule]:
    """Every rule under the given roots (default: the built-in rules), sorted by id.

    The built-in folder's rules come from the rule cache (see `cache.rules`) when it is on and no other
    folder has a lexicon of the same name as a built-in one (it would change what those rules match).
    """
    home = builtin_root()
    folders = [home] if roots is None else list(roots)
    for root in folders:
        if not root.is_dir():
            raise RuleError(str(root), "rule folder does not exist")
    builtin = _resolved(home)
    cached: rule_cache.Built | None = None
    if home in folders and cache.enabled():
        cached = _builtin_rules(home)
        others = {path.stem for root in folders if root != home for path in _lexicon_files(root)}
        if others & cached.lexicons.keys():
            cached = None
    if cached is None:
        lexicons = load_lexicons(folders)
    else:
        lexicons = {}
        for root in folders:
            lexicons.update(cached.lexicons if root == home else load_lexicons([root]))
    rules: dict[str, Rule] = {}

    def claim(rule_id: str, path: str) -> None:
        if rule_id in rules:
            raise RuleError(path, f"duplicate rule id {rule_id!r} (also {rules[rule_id].path})")

    for root in folders:
        if cached is not None and root == home:
            for rule in cached.rules:
                claim(rule.id, rule.path)
                rules[rule.id] = rule
            continue
        ctx = BuildContext(lexicons, builtin=_resolved(root) == builtin)
        for rule_id, path in rule_files(root):
            claim(rule_id, str(path))
            rules[rule_id] = load_rule(path, rule_id, ctx)
    return [rules[k] for k in sorted(rules)]


def _builtin_rules(root: Path) -> rule_cache.Built:
    """The rules of the built-in folder: from the rule cache when it is fresh, else built and stored."""
    source: rule_cache.Inputs | None = None
    try:
        started = time.time_ns()  # before the files are read: see `cache.rules`
        source = rule_cache.inputs(root)
        stats = source.stats()
        built = rule_cache.load(source, stats)
        if built is not None:
            literals.learn(built.literals)
            return built
        digest = source.digest()
    except OSError:  # a file that cannot be read is reported by the build below
        source = None
    with literals.recording() as seen:
        lexicons = load_lexicons([root])
        ctx = BuildContext(lexicons, builtin=True)
        rules = [load_rule(path, rule_id, ctx) for rule_id, path in rule_files(root)]
    read_literals(matchers(rules))
    built = rule_cache.Built(lexicons, rules, literals.table(seen))
    if source is not None:
        rule_cache.store(source, stats, digest, started, built)
    return built


def matchers(rules: Iterable[Rule]) -> list[Matcher]:
    """Every matcher of `rules` (see `Kind.matchers`)."""
    return [m for rule in rules for m in rule.kind.matchers]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # pragma: no cover
        return path.absolute()


ALL = "ALL"  # --select ALL: every rule


def select(rules: Iterable[Rule], include: Iterable[str] = (), exclude: Iterable[str] = (),
           *, all_rules: bool = False) -> list[Rule]:
    """Rules matching `--select`/`--ignore` by id or family; disabled rules only when selected by id.
    `ALL` selects every rule, those off by default included."""
    include, exclude = list(include), list(exclude)
    if ALL in include:
        include, all_rules = [], True

    def matches(rule: Rule, names: list[str]) -> bool:
        return any(n == rule.id or n == rule.family for n in names)

    out = []
    for rule in rules:
        if matches(rule, exclude):
            continue
        if include:
            if matches(rule, include) and (rule.enabled or rule.id in include or all_rules):
                out.append(rule)
        elif rule.enabled or all_rules:
            out.append(rule)
    return out
