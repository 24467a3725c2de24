"""`newslint init`: a commented starting configuration, as a `[tool.newslint]` table appended to
pyproject.toml or as a .newslint.yaml; an existing configuration is never overwritten."""
from __future__ import annotations

import enum
from pathlib import Path
from typing import Iterable

from newslint.errors import InputError
from newslint.rulebook import Rule


class Target(enum.Enum):
    PYPROJECT = "pyproject.toml"
    YAML = ".newslint.yaml"


def families(rules: Iterable[Rule]) -> list[str]:
    """One comment line per family: its rules, on or off by default, with their severities."""
    by_family: dict[str, list[Rule]] = {}
    for rule in rules:
        by_family.setdefault(rule.family, []).append(rule)
    width = max((len(f) for f in by_family), default=0)
    lines = []
    for family, members in sorted(by_family.items()):
        parts = [f"{r.id.split('.', 1)[1]} ({r.severity.label}{'' if r.enabled else ', off'})" for r in members]
        lines.append(f"{family:<{width}}  {', '.join(parts)}")
    return lines


def _wrap(text: str, prefix: str, width: int = 100) -> list[str]:
    out, line = [], prefix
    for word in text.split(" "):
        if len(line) + len(word) + 1 > width and line.strip() != prefix.strip():
            out.append(line.rstrip())
            line = prefix + "    "
        line += word + " "
    out.append(line.rstrip())
    return out


def _family_block(rules: Iterable[Rule], comment: str) -> str:
    lines = [f"{comment} Rule families and their rules (severity; 'off': runs only when selected by id or style).",
             f"{comment} `newslint rules` lists them; `newslint explain FAMILY` shows their words and fixes."]
    for line in families(rules):
        lines += _wrap(line, f"{comment}   ")
    return "\n".join(lines) + "\n"


def toml_table(rules: Iterable[Rule]) -> str:
    return f"""[tool.newslint]
# Written by `newslint init`. Every key is optional; a commented key shows its default.
# select = []                 # rules or families to run (default: every rule that is on)
# extend_select = []          # rules or families to run besides the default ones
# ignore = []                 # rules or families to skip
fail_on = "warning"           # exit 1 on a finding at or above: suggestion, warning or error
# severity = {{ superlative = "suggestion" }}   # per rule or family
# exclude = ["archive/**"]    # globs, relative to this file
# rules = ["house-rules"]     # folders of house rules, relative to this file
# style = ["ap"]              # style packs to add (their rules are off by default)
# accepted = []               # names that are never flagged ("Operation Brutal Storm")
# article_types = {{ review = "suggestion" }}   # suggestion, off or keep, per article type
#
{_family_block(rules, "#")}"""


def yaml_file(rules: Iterable[Rule]) -> str:
    return f"""# newslint configuration, written by `newslint init`. Every key is optional; a commented key
# shows its default.
# select: []                  # rules or families to run (default: every rule that is on)
# extend_select: []           # rules or families to run besides the default ones
# ignore: []                  # rules or families to skip
fail_on: warning              # exit 1 on a finding at or above: suggestion, warning or error
# severity: {{superlative: suggestion}}   # per rule or family
# exclude: ["archive/**"]     # globs, relative to this file
# rules: [house-rules]        # folders of house rules, relative to this file
# style: [ap]                 # style packs to add (their rules are off by default)
# accepted: []                # names that are never flagged ("Operation Brutal Storm")
# article_types: {{review: suggestion}}   # suggestion, off or keep, per article type
#
{_family_block(rules, "#")}"""


def existing(folder: Path) -> Path | None:
    """The configuration already in `folder`, if any."""
    for name in (".newslint.yaml", ".newslint.yml"):
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]

        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(str(pyproject), f"not valid TOML, so not appended to: {exc}") from None
        if isinstance(data.get("tool"), dict) and "newslint" in data["tool"]:
            return pyproject
    return None


def write(folder: Path, target: Target | None, rules: list[Rule]) -> Path:
    """Write the starting configuration in `folder`; the path written. Refused (InputError) when
    the folder already has a configuration."""
    from newslint.writes import Snapshot
    from newslint.writes import write as write_file

    found = existing(folder)
    if found is not None:
        raise InputError(str(found), "already holds a newslint configuration; not changed")
    pyproject = folder / "pyproject.toml"
    if target is None:
        target = Target.PYPROJECT if pyproject.is_file() else Target.YAML
    if target is Target.YAML:
        path = folder / Target.YAML.value
        write_file(path, yaml_file(rules).encode("utf-8"), folder)
        return path
    snapshot, before = Snapshot.read(pyproject) if pyproject.is_file() else (None, b"")  # replaced only if unchanged since
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    gap = b"" if not before else (newline if before.endswith(newline) else newline * 2)
    table = toml_table(rules).replace("\n", newline.decode()).encode("utf-8")
    write_file(pyproject, before + gap + table, folder, rewrite=snapshot)
    return pyproject
