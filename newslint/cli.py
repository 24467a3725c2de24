"""The `newslint` command: options -> rules -> engine -> formatter -> exit code."""
from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

import click

from newslint import __version__
from newslint.document import Document
from newslint.engine import lint
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding, Severity
from newslint.formatters import RENDERERS, OutputFormat
from newslint.rulebook import Rule, builtin_root, load_rules, select

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


def _names(values: Sequence[str]) -> list[str]:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _error(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES):
                yield Path(folder) / name


def _load(extra: Sequence[str], select_: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    rules = load_rules([builtin_root(), *(Path(p) for p in extra)])
    known = {r.id for r in rules} | {r.family for r in rules}
    for name in [*select_, *ignore]:
        if name not in known:
            raise click.UsageError(f"unknown rule or family {name!r} (see `newslint rules`)")
    return select(rules, select_, ignore)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newslint")
def main() -> None:
    """Lint news copy: unattributed claims, loaded language, unsourced superlatives, dangling sources."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "format_", type=click.Choice([f.value for f in OutputFormat]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", "select_", multiple=True, metavar="IDS", help="Only these rules or families (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules or families (comma-separated).")
@click.option("--fail-on", type=click.Choice([s.label for s in Severity]), default="warning", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--rules", "extra_rules", multiple=True, metavar="DIR", help="Extra rule folder (house rules).")
@click.option("--color/--no-color", "colour", default=None, help="Colour text output (default: on a terminal).")
def check(paths: tuple[str, ...], format_: str, select_: tuple[str, ...], ignore: tuple[str, ...], fail_on: str,
          extra_rules: tuple[str, ...], colour: bool | None) -> None:
    """Lint PATHS (files, folders of .md/.markdown/.txt, or - for standard input)."""
    try:
        rules = _load(extra_rules, _names(select_), _names(ignore))
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    failed = False
    files = 0
    for target in _targets(paths):
        try:
            if target == "-":
                doc = Document.from_bytes(sys.stdin.buffer.read(), "<stdin>")
            else:
                if isinstance(target, InputError):
                    raise target
                doc = Document.read(target)
        except InputError as exc:
            _error(str(exc))
            failed = True
            continue
        files += 1
        sources[doc.path] = doc.text
        findings.extend(lint(doc, rules))
    fmt = OutputFormat(format_)
    use_colour = sys.stdout.isatty() if colour is None else colour
    click.echo(RENDERERS[fmt](findings, sources, colour=use_colour, files=files), nl=False)
    threshold = Severity.parse(fail_on)
    if failed:
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if any(f.severity >= threshold for f in findings) else ExitCode.OK)


def _targets(paths: Sequence[str]) -> Iterator[Path | str | InputError]:
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield InputError(raw, "no such file or directory")


@main.command("rules")
@click.option("--all", "all_", is_flag=True, help="Also list rules that are off by default.")
def list_rules(all_: bool) -> None:
    """List the rules: id, default on/off, severity, kind and description."""
    try:
        rules = load_rules(None)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    width = max(len(r.id) for r in rules)
    for r in rules:
        state = "on" if r.enabled else "off"
        click.echo(f"{r.id:<{width}}  {state:<3}  {r.severity.label:<10}  {r.kind:<12}  {r.description.splitlines()[0] if r.description else ''}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show a rule's description, rationale and examples."""
    try:
        rules = {r.id: r for r in load_rules(None)}
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    rule = rules.get(rule_id)
    if rule is None:
        _error(f"unknown rule {rule_id!r} (see `newslint rules`)")
        sys.exit(ExitCode.ERROR)
    scopes = ", ".join(sorted(s.value for s in rule.scope))
    click.echo(f"{rule.id}  ({rule.severity.label}, {rule.kind}, {'on' if rule.enabled else 'off'} by default; scope: {scopes})\n")
    if rule.description:
        click.echo(rule.description.strip() + "\n")
    if rule.rationale:
        click.echo("Why: " + rule.rationale.strip() + "\n")
    if rule.flag_cases:
        click.echo("Flagged:")
        for case in rule.flag_cases:
            click.echo("  - " + case.text.strip().replace("\n", "\n    "))
    if rule.pass_cases:
        click.echo("Passes:")
        for case in rule.pass_cases:
            click.echo("  - " + case.text.strip().replace("\n", "\n    "))
