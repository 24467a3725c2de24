"""A check run over many files: each target read, linted with the rules its configuration asks for
(in worker processes when there are many), fixed when asked, and handed back in order."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence, Sized

import click

from newslint import parallel
from newslint.checking import Checker, Ruleset
from newslint.config import Config, Finder
from newslint.document import Document
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding, Severity
from newslint.report import error
from newslint.rulebook import Rule
from newslint.targets import Target, Targets
from newslint.writes import write_atomic

PROGRESS_MIN_FILES = 20


class Run:
    """What one `check` run keeps while it lints: each file's text and findings are reported and let go."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.diffs: list[str] = []  # diffs of the file at hand, until they are printed
        self.fixed = 0
        self.failed = False


class FixMode(NamedTuple):
    write: bool = False
    diff: bool = False

    @property
    def on(self) -> bool:
        return self.write or self.diff


def read(target: Path | str, stdin_name: str | None, encoding: str | None) -> tuple[Document, Path | None]:
    """The document and the file it came from (None for stdin)."""
    if target == "-":
        data = sys.stdin.buffer.read()
        return Document.from_bytes(data, stdin_name or "<stdin>", encoding), Path(stdin_name) if stdin_name else None
    assert isinstance(target, Path)
    return Document.read(target, encoding=encoding), target


def fix(doc: Document, file: Path | None, findings: list[Finding], safe: frozenset[str],
         mode: FixMode, run: Run) -> str | None:
    """The fixed text when fixes apply, after writing it (--fix) or recording a diff (--diff)."""
    from newslint import fixes

    changes = fixes.edits(doc.text, findings, safe)
    if not changes:
        return None
    fixed = fixes.apply(doc.text, changes)
    if mode.diff:
        run.diffs.append(fixes.diff(doc.path, doc.text, fixed))
    if mode.write and file is not None:  # standard input is reported, never rewritten
        try:  # written back in the encoding (and with the byte-order mark) it was read in
            data = doc.bom + fixed.encode(doc.encoding)
        except UnicodeEncodeError:
            raise InputError(doc.path, f"fixes not written: they cannot be encoded in {doc.encoding}") from None
        write_atomic(file, data, Path.cwd())
        run.fixed += len(changes)
    return fixed


class Linted(NamedTuple):
    """One file's result, as a worker process hands it back."""

    path: str
    text: str
    findings: list[Finding]
    config: Config
    threshold: Severity
    errors: tuple[str, ...] = ()  # rules that timed out on this file: reported, the others' findings kept


class Fatal(NamedTuple):
    """A rule or config error met while linting: it ends the run, in its place in the order."""

    message: str


def lint_one(target: Target, finder: Finder, checker: Checker, fail_on: str | None,
              stdin_name: str | None, mode: FixMode, run: Run, encoding: str | None) -> Linted | Fatal | str | None:
    """Lint (and fix) one target: its result, an error message, or None when the config excludes it."""
    try:
        if isinstance(target, InputError):
            raise target
        file = target if isinstance(target, Path) else (Path(stdin_name) if stdin_name else None)
        config = finder.for_path(file)
        if file is not None and config.excludes(file):
            return None
        doc, file = read(target, stdin_name, encoding)
        timeouts: list[NewslintError] = []
        findings = checker.check(doc, config, file, timeouts)
        ruleset = checker.ruleset(config)
        if mode.on:
            fixed = fix(doc, file, findings, ruleset.safe, mode, run)
            if fixed is not None and mode.write:
                doc = Document.from_text(fixed, doc.path)
                timeouts.clear()
                findings = checker.check(doc, config, file, timeouts)
    except InputError as exc:
        return str(exc)
    except NewslintError as exc:  # exceptions with their own arguments do not cross processes
        return Fatal(str(exc))
    return Linted(doc.path, doc.text, findings, config, Severity.parse(fail_on or config.fail_on or "warning"),
                   tuple(str(e) for e in timeouts))


def lint_all(targets: Sequence[Target] | Targets, finder: Finder, checker: Checker, fail_on: str | None,
              stdin_name: str | None, mode: FixMode, jobs: int | None = None, encoding: str | None = None,
              run: Run | None = None, progress: bool = True) -> Iterator[Linted]:
    """Each file's result, in order, as it is linted; errors are reported (and noted in `run`) on the way."""
    run = run if run is not None else Run()

    def before_fork() -> None:
        """Load and compile the rules once here, so that the forked workers share them."""
        first = next((t for t in targets if isinstance(t, Path)), None)
        if first is None:
            return
        try:
            from newslint.engine import prepare
            from newslint.rulebook import select

            prepare(select(checker.ruleset(finder.for_path(first)).rules))
        except NewslintError:
            pass  # reported in its place, when that file is linted

    # Fixes write files and collect diffs as they go: they run in this process.
    results = parallel.map_ordered(lambda t: lint_one(t, finder, checker, fail_on, stdin_name, mode, run, encoding),
                                 targets, 1 if mode.on else jobs, before_fork)
    named: set[Ruleset] = set()  # the rule sets whose rules are in `run.rules`
    show = progress and wants_progress(targets)
    with click.progressbar(results, length=len(targets), label="linting", file=sys.stderr) if show \
            else _plain(results) as items:
        for result in items:
            if result is None:
                continue
            if isinstance(result, str):
                error(result)
                run.failed = True
                continue
            if isinstance(result, Fatal):
                raise NewslintError(result.message)
            for message in result.errors:
                error(message)
                run.failed = True
            ruleset = checker.ruleset(result.config)
            if ruleset not in named:  # (one rule set serves every file of a config)
                named.add(ruleset)
                run.rules.update({r.id: r for r in ruleset.rules})
            yield result


def wants_progress(targets: Sized) -> bool:
    """A progress bar only for people watching: stderr is a terminal and there are many files
    (counted only then)."""
    return sys.stderr.isatty() and len(targets) >= PROGRESS_MIN_FILES


class _plain:
    def __init__(self, items: Iterable[Linted | Fatal | str | None]) -> None:
        self.items = items

    def __enter__(self) -> Iterable[Linted | Fatal | str | None]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None
