"""A check run over many files: each target read, linted with the rules its configuration asks for
(in worker processes when there are many), fixed when asked, and handed back in order."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, NamedTuple, Sequence, Sized

import click

from newslint import parallel, writes
from newslint import targets as targets_
from newslint.checking import Ruleset
from newslint.engine import Engine, Outcome
from newslint.config import Config
from newslint.document import Document
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding, Severity
from newslint.readers import Format, jsonl
from newslint.report import error
from newslint.rulebook import Rule
from newslint.targets import Target, Targets

if TYPE_CHECKING:
    from newslint.fixes import Fixer

PROGRESS_MIN_FILES = 20


class Run:
    """What one `check` run keeps while it lints: each file's text and findings are reported and let go."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.diffs: list[str] = []  # diffs of the file at hand, until they are printed
        self.fixed = 0
        self.failed = False
        self.problems: list[str] = []  # error lines of files not linted (or rules skipped), for the report
        self.linted = 0  # files (and archive records) linted
        self.skipped: dict[str, int] = {}  # files skipped, by reason
        self.annotated: list[str] = []  # the annotated copies written (--annotate)


class FixMode(NamedTuple):
    write: bool = False
    diff: bool = False
    unsafe: bool = False  # --unsafe-fixes: suggestions that need a reader's eye are applied too

    @property
    def on(self) -> bool:
        return self.write or self.diff


def read_stdin() -> bytes:
    """Standard input, read no further than one byte past the size limit of any file."""
    from newslint.document import MAX_BYTES

    return sys.stdin.buffer.read(MAX_BYTES + 1)


def _annotate(file: Path, findings: list[Finding], snapshot: writes.Snapshot | None) -> str:
    """Write the annotated copy of a .docx (never the original) through the careful writer; only
    when the file is as it was before it was linted (`snapshot`), or the comments would land on
    another version's words."""
    from newslint.readers import docx

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(str(file), f"cannot read: {exc.strerror or exc}") from None
    if snapshot is None or not snapshot.holds(data):
        raise InputError(str(file), "annotated copy not written: the file changed after it was read; run again")
    copy = Path(docx.annotated_name(str(file)))
    previous = _previous_copy(copy)
    writes.write(copy, docx.annotate(data, str(file), findings), rewrite=previous)
    return str(copy)


def _previous_copy(copy: Path) -> writes.Snapshot | None:
    """The annotated copy already there, as read: replaced only if it holds just what newslint wrote
    (the writer checks again that it is unchanged just before the replace); None when there is none."""
    from newslint.readers import docx

    if not copy.is_file():
        return None  # none, or not a regular file, which the writer refuses
    previous, data = writes.Snapshot.read(copy)  # (through a symlink: the file it leads to, which is what is replaced)
    if docx.edited(data, str(copy)):
        raise InputError(str(copy), "not written: it holds words or comments newslint did not write there "
                                    "(edits or replies), or newslint did not write it; move or rename it, "
                                    "and run again for a new annotated copy")
    return previous


# Codecs whose encoder writes a byte-order mark: a file read without one is written back without one.
_NO_MARK = {"utf-16": f"utf-16-{sys.byteorder[0]}e", "utf-32": f"utf-32-{sys.byteorder[0]}e", "utf-8-sig": "utf-8"}


def _fix(doc: Document, findings: list[Finding], fixers: Mapping[str, Fixer], file: Path | None,
         mode: FixMode, run: Run, snapshot: writes.Snapshot | None = None) -> str | None:
    """The fixed text when fixes apply, after writing it (--fix) or recording a diff (--diff)."""
    from newslint import fixes

    changes = fixes.edits(doc.text, findings, fixers, doc.unfixable(), mode.unsafe)
    if not changes:
        return None
    fixed = fixes.apply(doc.text, changes)
    if mode.diff:
        run.diffs.append(fixes.diff(doc.path, doc.text, fixed))
    if mode.write and file is not None and snapshot is not None:  # standard input is never written anywhere
        encoding = doc.encoding if doc.bom else _NO_MARK.get(doc.encoding, doc.encoding)
        try:  # written back in the encoding (and with the byte-order mark, or none) it was read in
            data = doc.bom + (doc.lead + fixed).encode(encoding)
        except UnicodeEncodeError:
            raise InputError(doc.path, f"fixes not written: they cannot be encoded in {doc.encoding}") from None
        writes.write(file, data, rewrite=snapshot)
        run.fixed += len(changes)
    return fixed


class Linted(NamedTuple):
    """One file's result, as a worker process hands it back."""

    path: str
    text: str
    findings: list[Finding]
    config: Config
    threshold: Severity
    errors: tuple[str, ...] = ()  # rules that timed out, a fix or copy not written: reported, the findings kept
    source: str | None = None  # the archive a record came from (its `path` names the record)
    annotated: str | None = None  # the annotated copy written beside a Word file (--annotate)


class Fatal(NamedTuple):
    """A rule or config error met while linting: it ends the run, in its place in the order."""

    message: str


Result = Linted | Fatal | str | targets_.Skipped | None


def lint_one(target: Target, engine: Engine, fail_on: str | None, stdin_name: str | None, mode: FixMode,
             run: Run) -> Result | list[Result]:
    """Lint (and fix) one target: its result, an error message, None when the config excludes it, the
    file skipped; for an archive, a list of these, one per record."""
    try:
        if isinstance(target, (InputError, targets_.Skipped)):
            if isinstance(target, InputError):
                raise target
            return target
        file = Path(target.path) if isinstance(target, jsonl.Slice) else \
            target if isinstance(target, Path) else (Path(stdin_name) if stdin_name else None)
        config = engine.config_for(file)
        if file is not None and config.excludes(file):
            return targets_.Skipped(str(file), targets_.EXCLUDED)
        options = engine.options_for(config)
        fmt = options.format_for(str(file), named=True) if isinstance(target, (Path, jsonl.Slice)) else None
        word = fmt is Format.DOCX  # its text is built from the document: fixes are not written back
        annotate = engine.reading.annotate and word and file is not None
        snapshot = writes.Snapshot.of(target) if (mode.write or annotate) and isinstance(target, Path) \
            and target.is_file() else None
        if target == "-":
            outcomes: Iterable[Outcome | InputError] = [engine.lint_bytes(read_stdin(), stdin_name or "<stdin>", file, config)]
        else:
            assert isinstance(target, (Path, jsonl.Slice))
            outcomes = engine.lint_file(target, config)
        threshold = Severity.parse(fail_on or config.fail_on or "warning")
        archive = isinstance(target, jsonl.Slice) or (fmt is not None and fmt.archive)
        results: list[Result] = []
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                results.append(str(outcome))
                continue
            doc = outcome.document
            if outcome.skipped:
                results.append(targets_.Skipped(doc.path, outcome.skipped))
                continue
            refused: tuple[str, ...] = ()  # a fix or copy not written: said, and the findings still reported
            copy = None
            try:
                if mode.on and not archive and not word:
                    fixed = _fix(doc, outcome.findings, engine.ruleset(config).fixers, file, mode, run, snapshot)
                    if fixed is not None and mode.write and snapshot is not None:  # written: what is left is reported
                        outcome = engine.lint_text(fixed, doc.path, file, config)
                copy = _annotate(file, outcome.findings, snapshot) if annotate and file is not None else None
            except InputError as exc:
                refused = (str(exc),)
            results.append(Linted(doc.path, outcome.document.text, outcome.findings, config, threshold,
                                  outcome.errors + refused, str(file) if archive else None, copy))
    except InputError as exc:
        return str(exc)
    except NewslintError as exc:  # exceptions with their own arguments do not cross processes
        return Fatal(str(exc))
    except RecursionError:
        return f"{_name(target, stdin_name)}: not linted: its structure is nested too deeply"
    except Exception as exc:  # noqa: BLE001 - the one place a fault in one file's lint is caught: reported, others go on
        return f"{_name(target, stdin_name)}: not linted: internal error: {type(exc).__name__}: {_short(str(exc))}"
    return results if archive else results[0]


def _name(target: Target, stdin_name: str | None) -> str:
    if isinstance(target, (InputError, targets_.Skipped, jsonl.Slice)):
        return target.path
    return str(target) if isinstance(target, Path) else stdin_name or "<stdin>"


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def lint_all(targets: Sequence[Target] | Targets, engine: Engine, fail_on: str | None, stdin_name: str | None,
             mode: FixMode, jobs: int | None = None, run: Run | None = None, progress: bool = True) -> Iterator[Linted]:
    """Each file's result, in order, as it is linted; errors are reported (and noted in `run`) on the way."""
    run = run if run is not None else Run()

    def before_fork() -> None:
        """Load and compile the rules once here, so that the forked workers share them."""
        first = next((Path(t.path) if isinstance(t, jsonl.Slice) else t for t in targets
                      if isinstance(t, (Path, jsonl.Slice))), None)
        if first is None:
            return
        try:
            from newslint.engine import prepare
            from newslint.rulebook import select

            prepare(select(engine.ruleset(engine.config_for(first)).rules))
        except NewslintError:
            pass  # reported in its place, when that file is linted

    # Fixes write files and collect diffs as they go: they run in this process.
    results = parallel.map_ordered(lambda t: lint_one(t, engine, fail_on, stdin_name, mode, run),
                                 targets, 1 if mode.on else jobs, before_fork)
    named: set[Ruleset] = set()  # the rule sets whose rules are in `run.rules`
    protected = ""  # the last file protected from being written
    show = progress and wants_progress(targets)
    with click.progressbar(results, length=len(targets), label="linting", file=sys.stderr) if show \
            else _plain(results) as items:
        for result in _flat(items):
            if result is None:
                continue
            if isinstance(result, targets_.Skipped):
                run.skipped[result.reason] = run.skipped.get(result.reason, 0) + 1
                if result.named:
                    error(f"{result.path}: skipped: {result.reason}")
                    run.failed = True
                    run.problems.append(f"{result.path}: skipped: {result.reason}")
                continue
            if isinstance(result, str):
                error(result)
                run.failed = True
                run.problems.append(result)
                continue
            if isinstance(result, Fatal):
                raise NewslintError(result.message)
            read = result.source or result.path
            if read != protected:  # (an archive once, not each of its records: memory stays level)
                writes.protect(read)  # an article read is never overwritten by a report or baseline
                protected = read
            for message in result.errors:
                error(message)
                run.failed = True
                run.problems.append(message)
            run.linted += 1
            if result.annotated is not None:
                run.annotated.append(result.annotated)
            ruleset = engine.ruleset(result.config)
            if ruleset not in named:  # (one rule set serves every file of a config)
                named.add(ruleset)
                run.rules.update({r.id: r for r in ruleset.rules})
            yield result


def _flat(results: Iterable[Result | list[Result]]) -> Iterator[Result]:
    for result in results:
        if isinstance(result, list):
            yield from result
        else:
            yield result


def wants_progress(targets: Sized) -> bool:
    """A progress bar only for people watching: stderr is a terminal and there are many files
    (counted only then)."""
    return sys.stderr.isatty() and len(targets) >= PROGRESS_MIN_FILES


class _plain:
    def __init__(self, items: Iterable[Result | list[Result]]) -> None:
        self.items = items

    def __enter__(self) -> Iterable[Result | list[Result]]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None
