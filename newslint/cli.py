"""The `newslint` command: options -> config -> rules -> engine -> formatter -> exit code."""
from __future__ import annotations

import codecs
import enum
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence, Sized

import click

from newslint import __version__, formats, runner
from newslint import targets as targets_
from newslint.checking import Checker, Ruleset
from newslint.config import KNOWN_STYLES, Config, Finder
from newslint.document import Document
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding, Severity
from newslint.formats import OutputFormat, RuleInfo
from newslint.readers import Format, ReadOptions, jsonl
from newslint.rulebook import Rule, load_rules
from newslint.suppressions import META_RULES
from newslint import writes

PROGRESS_MIN_FILES = 20

if TYPE_CHECKING:
    from newslint.fixes import Fixer

Target = targets_.Target
OptionsFor = Callable[[Path], ReadOptions]


class _Abandoned(Exception):
    """Raised inside the report's `writes.atomic` block: the run ended with an error, so the report
    file is not replaced."""


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


def _names(values: Sequence[str]) -> list[str]:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _error(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)


def _encoding(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {name!r}") from None


def _targets(paths: Sequence[str], options_for: OptionsFor | None = None) -> Iterator[Target]:
    """What to lint: see `targets.targets`; each path is listed with the reading options of its config."""
    for raw in paths:
        options = options_for(Path(raw)) if options_for is not None and raw != "-" else ReadOptions()
        yield from targets_.targets([raw], options)


def _rule_info(rules: Iterable[Rule]) -> dict[str, RuleInfo]:
    info = {r.id: RuleInfo(r.id, r.severity.label, r.description, r.rationale, r.message) for r in rules}
    info.update({k: RuleInfo(k, "warning", v, v, v) for k, v in META_RULES.items()})
    return info


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


class FixMode(NamedTuple):
    write: bool = False
    diff: bool = False
    unsafe: bool = False  # --unsafe-fixes: suggestions that need a reader's eye are applied too

    @property
    def on(self) -> bool:
        return self.write or self.diff


class Reading(NamedTuple):
    """How this run reads files: the command line's settings over each config's `readers:` table."""

    encoding: str | None = None
    text_fields: tuple[str, ...] = ()
    id_fields: tuple[str, ...] = ()
    ignore_files: bool = True
    annotate: bool = False  # write story.newslint.docx beside each .docx linted

    def options(self, config: Config) -> ReadOptions:
        options = config.readers
        if self.text_fields:
            options = options._replace(text_fields=self.text_fields)
        if self.id_fields:
            options = options._replace(id_fields=self.id_fields)
        return options if self.ignore_files else options._replace(ignore_files=False)


def read_stdin() -> bytes:
    """Standard input, read no further than one byte past the size limit of any file."""
    from newslint.document import MAX_BYTES

    return sys.stdin.buffer.read(MAX_BYTES + 1)


def _read(target: Path | str | jsonl.Slice, stdin_name: str | None, reading: Reading, options: ReadOptions,
          snapshot: bool = False) -> tuple[Iterable[Document | InputError], writes.Snapshot | None]:
    """The documents (one, or one per archive record as it is read, with errors in the place of
    unreadable records), and (`snapshot`, for a file) the file as it was read, which a rewrite compares."""
    if target == "-":
        return [Document.from_bytes(read_stdin(), stdin_name or "<stdin>", reading.encoding, options)], None
    from newslint.readers.files import documents

    assert isinstance(target, (Path, jsonl.Slice))
    before = writes.Snapshot.of(target) if snapshot and isinstance(target, Path) and target.is_file() else None
    return documents(target, options, reading.encoding), before


def _annotate(file: Path, findings: list[Finding]) -> None:
    """Write the annotated copy of a .docx (never the original) through the careful writer."""
    from newslint.readers import docx

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(str(file), f"cannot read: {exc.strerror or exc}") from None
    writes.write(Path(docx.annotated_name(str(file))), docx.annotate(data, str(file), findings))


# Codecs whose encoder writes a byte-order mark: a file read without one is written back without one.
_NO_MARK = {"utf-16": f"utf-16-{sys.byteorder[0]}e", "utf-32": f"utf-32-{sys.byteorder[0]}e", "utf-8-sig": "utf-8"}


def _fix(doc: Document, file: Path | None, findings: list[Finding], fixers: Mapping[str, Fixer],
         mode: FixMode, run: Run, snapshot: writes.Snapshot | None = None) -> str | None:
    """The fixed text when fixes apply, after writing it (--fix) or recording a diff (--diff)."""
    from newslint import fixes

    changes = fixes.edits(doc.text, findings, fixers, mode.unsafe, [(q.start, q.end) for q in doc.quotations])
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


class _Linted(NamedTuple):
    """One file's result, as a worker process hands it back."""

    path: str
    text: str
    findings: list[Finding]
    config: Config
    threshold: Severity
    errors: tuple[str, ...] = ()  # rules that timed out on this file: reported, the others' findings kept
    source: str | None = None  # the archive a record came from (its `path` names the record)


class _Fatal(NamedTuple):
    """A rule or config error met while linting: it ends the run, in its place in the order."""

    message: str


_Result = _Linted | _Fatal | str | targets_.Skipped | None


def _lint_one(target: Target, finder: Finder, checker: Checker, fail_on: str | None,
              stdin_name: str | None, mode: FixMode, run: Run, reading: Reading) -> _Result | list[_Result]:
    """Lint (and fix) one target: its result, an error message, None when the config excludes it, the
    file skipped; for an archive, a list of these, one per record."""
    try:
        if isinstance(target, (InputError, targets_.Skipped)):
            if isinstance(target, InputError):
                raise target
            return target
        file = Path(target.path) if isinstance(target, jsonl.Slice) else \
            target if isinstance(target, Path) else (Path(stdin_name) if stdin_name else None)
        config = finder.for_path(file)
        if file is not None and config.excludes(file):
            return targets_.Skipped(str(file), targets_.EXCLUDED)
        options = reading.options(config)
        docs, snapshot = _read(target, stdin_name, reading, options, mode.write)
        threshold = Severity.parse(fail_on or config.fail_on or "warning")
        fmt = options.format_for(str(file), named=True) if isinstance(target, (Path, jsonl.Slice)) else None
        archive = isinstance(target, jsonl.Slice) or (fmt is not None and fmt.archive)
        word = fmt is Format.DOCX  # its text is built from the document: fixes are not written back
        results: list[_Result] = []
        for doc in docs:
            if isinstance(doc, InputError):
                results.append(str(doc))
                continue
            timeouts: list[NewslintError] = []
            findings = checker.check(doc, config, file, timeouts)
            ruleset = checker.ruleset(config)
            if mode.on and not archive and not word:
                fixed = _fix(doc, file, findings, ruleset.fixers, mode, run, snapshot)
                if fixed is not None and mode.write and snapshot is not None:  # written: what is left is reported
                    doc = Document.from_text(fixed, doc.path, options=options)
                    timeouts.clear()
                    findings = checker.check(doc, config, file, timeouts)
            if reading.annotate and word and file is not None:
                _annotate(file, findings)
            results.append(_Linted(doc.path, doc.text, findings, config, threshold, tuple(str(e) for e in timeouts),
                                   str(file) if archive else None))
    except InputError as exc:
        return str(exc)
    except NewslintError as exc:  # exceptions with their own arguments do not cross processes
        return _Fatal(str(exc))
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


def _lint_all(targets: Sequence[Target] | _Targets, finder: Finder, checker: Checker, fail_on: str | None,
              stdin_name: str | None, mode: FixMode, jobs: int | None = None, reading: Reading | None = None,
              run: Run | None = None, progress: bool = True) -> Iterator[_Linted]:
    """Each file's result, in order, as it is linted; errors are reported (and noted in `run`) on the way."""
    run = run if run is not None else Run()
    reading = reading or Reading()

    def before_fork() -> None:
        """Load and compile the rules once here, so that the forked workers share them."""
        first = next((Path(t.path) if isinstance(t, jsonl.Slice) else t for t in targets
                      if isinstance(t, (Path, jsonl.Slice))), None)
        if first is None:
            return
        try:
            from newslint.engine import prepare
            from newslint.rulebook import select

            prepare(select(checker.ruleset(finder.for_path(first)).rules))
        except NewslintError:
            pass  # reported in its place, when that file is linted

    # Fixes write files and collect diffs as they go: they run in this process.
    results = runner.map_ordered(lambda t: _lint_one(t, finder, checker, fail_on, stdin_name, mode, run, reading),
                                 targets, 1 if mode.on else jobs, before_fork)
    named: set[Ruleset] = set()  # the rule sets whose rules are in `run.rules`
    protected = ""  # the last file protected from being written
    show = progress and _wants_progress(targets)
    with click.progressbar(results, length=len(targets), label="linting", file=sys.stderr) if show \
            else _plain(results) as items:
        for result in _flat(items):
            if result is None:
                continue
            if isinstance(result, targets_.Skipped):
                run.skipped[result.reason] = run.skipped.get(result.reason, 0) + 1
                if result.named:
                    _error(f"{result.path}: skipped: {result.reason}")
                    run.failed = True
                    run.problems.append(f"{result.path}: skipped: {result.reason}")
                continue
            if isinstance(result, str):
                _error(result)
                run.failed = True
                run.problems.append(result)
                continue
            if isinstance(result, _Fatal):
                raise NewslintError(result.message)
            read = result.source or result.path
            if read != protected:  # (an archive once, not each of its records: memory stays level)
                writes.protect(read)  # an article read is never overwritten by a report or baseline
                protected = read
            for message in result.errors:
                _error(message)
                run.failed = True
                run.problems.append(message)
            run.linted += 1
            ruleset = checker.ruleset(result.config)
            if ruleset not in named:  # (one rule set serves every file of a config)
                named.add(ruleset)
                run.rules.update({r.id: r for r in ruleset.rules})
            yield result


def _flat(results: Iterable[_Result | list[_Result]]) -> Iterator[_Result]:
    for result in results:
        if isinstance(result, list):
            yield from result
        else:
            yield result


def _wants_progress(targets: Sized) -> bool:
    """A progress bar only for people watching: stderr is a terminal and there are many files
    (counted only then)."""
    return sys.stderr.isatty() and len(targets) >= PROGRESS_MIN_FILES


class _plain:
    def __init__(self, items: Iterable[_Result | list[_Result]]) -> None:
        self.items = items

    def __enter__(self) -> Iterable[_Result | list[_Result]]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newslint")
@click.option("--debug", is_flag=True, help="On an internal error, print its traceback too.")
def main(debug: bool) -> None:
    """Lint news copy: unattributed claims, loaded language, unsourced superlatives, dangling sources."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "format_", type=click.Choice([f.value for f in OutputFormat]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--select", "select_", multiple=True, metavar="IDS", help="Only these rules or families (comma-separated).")
@click.option("--extend-select", multiple=True, metavar="IDS",
              help="Run these rules or families too, off-by-default ones included (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules or families (comma-separated).")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary line, no notes on standard error.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--fail-on", type=click.Choice([s.label for s in Severity]), default=None,
              help="Exit 1 when a finding is at or above this severity (default: config, else warning).")
@click.option("--rules", "extra_rules", multiple=True, metavar="DIR", help="Extra rule folder (house rules).")
@click.option("--style", "styles", multiple=True, type=click.Choice(sorted(KNOWN_STYLES)),
              help="Add a house-style pack (its rules are off by default).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this .newslint.yaml or pyproject.toml instead of the nearest one.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in FILE and exit 0.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that need a reader's eye.")
@click.option("--stdin-filename", metavar="PATH", help="Path to use for standard input (config, markup, report).")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour text output (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Lint files in N processes (default: the number of cores).")
@click.option("--encoding", metavar="NAME", default=None, callback=lambda _c, _p, v: _encoding(v),
              help="Decode files without a byte-order mark with this encoding (default: UTF-8).")
@click.option("--text-field", "text_fields", multiple=True, metavar="NAME",
              help="JSON archives: the field holding a record's text (dotted for nested; default: text, body, ...).")
@click.option("--id-field", "id_fields", multiple=True, metavar="NAME",
              help="JSON archives: the field naming a record (default: id, uuid, ...; else its line).")
@click.option("--no-ignore-files", is_flag=True, help="Lint files that .gitignore or .newslintignore leave out.")
@click.option("--annotate", is_flag=True,
              help="Write a copy of each .docx, story.newslint.docx, with the findings as Word comments.")
def check(paths: tuple[str, ...], format_: str, output: Path | None, select_: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], quiet: bool, statistics: bool, exit_zero: bool,
          fail_on: str | None, extra_rules: tuple[str, ...], styles: tuple[str, ...],
          config_file: Path | None,
          baseline_file: Path | None, write_baseline: Path | None, fix: bool, show_diff: bool, unsafe_fixes: bool,
          stdin_filename: str | None, colour: bool | None, jobs: int | None, encoding: str | None,
          text_fields: tuple[str, ...], id_fields: tuple[str, ...], no_ignore_files: bool, annotate: bool) -> None:
    """Lint PATHS: files, folders (Markdown, MDX, HTML, text, Word, JSON Lines), or - for standard input
    (default: the current folder)."""
    paths = paths or (".",)
    colour = _colour(colour)
    mode = FixMode(write=fix and not show_diff, diff=show_diff, unsafe=unsafe_fixes)
    reading = Reading(encoding, tuple(_names(text_fields)), tuple(_names(id_fields)), not no_ignore_files, annotate)
    writes.forget_inputs()
    if stdin_filename:
        writes.protect(stdin_filename, name_only=True)
    for given in paths:
        if given != "-":
            writes.protect(given)
    if baseline_file or write_baseline:
        from newslint import baseline
    try:
        finder = Finder(config_file)
        checker = Checker([Path(p) for p in extra_rules], _names(select_), _names(ignore), styles, _names(extend_select))
        known = baseline.load(baseline_file) if baseline_file else None
        targets = _Targets(paths, stdin_filename,  # a folder's files are listed by the config that holds them
                           lambda path: reading.options(finder.for_path(path / "-" if path.is_dir() else path)))
        run = Run()
        with _reporter(OutputFormat(format_), output, colour, known, write_baseline, mode,
                       targets.repeated, statistics) as report:
            if report.writer is not None:
                report.writer.quiet = quiet
            for result in _lint_all(targets, finder, checker, fail_on, stdin_filename, mode, jobs, reading, run,
                                    progress=not report.to_terminal):
                report.add(result, run)
            if report.writer is not None:
                report.writer.skipped = run.skipped
                for message in run.problems:
                    report.writer.problem(message)
            report.close(_rule_info(run.rules.values()))
            if output is not None and (run.failed or not run.linted):
                raise _Abandoned  # the report file is left as it was
    except _Abandoned:
        if not quiet:
            click.echo(f"newslint: {output} not written: the run ended with an error", err=True)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if not run.linted and not run.failed:
        skipped = "; ".join(f"{n} {reason}" for reason, n in sorted(run.skipped.items()))
        _error(f"no file linted in {' '.join(paths)}" + (f" (skipped: {skipped})" if skipped else ""))
        run.failed = True
    if write_baseline:
        recorder = report.recorder
        assert recorder is not None  # a recording report was opened for --write-baseline
        _write_or_exit(write_baseline, recorder.dumps())
        if not quiet:
            click.echo(f"newslint: recorded {len(recorder.entries)} findings in {write_baseline}", err=True)
        sys.exit(ExitCode.ERROR if run.failed else ExitCode.OK)
    if mode.write and not quiet:
        click.echo(f"newslint: applied {run.fixed} fix{'es' if run.fixed != 1 else ''}", err=True)
    if mode.diff:
        sys.exit(ExitCode.ERROR if run.failed else ExitCode.FINDINGS if report.diffs else ExitCode.OK)
    if run.failed:
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if report.failing and not exit_zero else ExitCode.OK)


def _colour(option: bool | None) -> bool | None:
    """--color/--no-color, else NO_COLOR (any value turns colour off), else FORCE_COLOR (turns it on);
    None: colour on a terminal."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _write_or_exit(path: Path, text: str) -> None:
    """Write a report or baseline atomically; a failure is one error line and exit 2."""
    try:
        writes.write(path, text.encode("utf-8"))
    except InputError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)


def _load_or_exit() -> list[Rule]:
    try:
        return load_rules(None)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)


def _rule_dict(rule: Rule, *, examples: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "id": rule.id, "family": rule.family, "kind": rule.kind, "severity": rule.severity.label,
        "enabled": rule.enabled, "scope": sorted(s.value for s in rule.scope), "message": rule.message,
        "description": rule.description.strip(), "rationale": rule.rationale.strip(),
        "suggestions": list(rule.suggestions), "fixable": bool(getattr(rule.check, "fixable", False)),
    }
    if examples:
        out["flag"] = [{"text": c.text, "at": list(c.at)} for c in rule.flag_cases]
        out["pass"] = [c.text for c in rule.pass_cases]
    return out


_LISTING_FORMATS = click.Choice(["text", "json"])


@main.command("rules")
@click.option("--format", "format_", type=_LISTING_FORMATS, default="text", show_default=True, help="Output format.")
def list_rules(format_: str) -> None:
    """List every rule, those off by default included: id, on/off, severity, kind and description."""
    rules = _load_or_exit()
    if format_ == "json":
        import json

        click.echo(json.dumps({"version": 1, "rules": [_rule_dict(r) for r in rules]}, ensure_ascii=False, indent=1))
        return
    width = max(len(r.id) for r in rules)
    for r in rules:
        state = "on" if r.enabled else "off"
        click.echo(f"{r.id:<{width}}  {state:<3}  {r.severity.label:<10}  {r.kind:<12}  {r.description.splitlines()[0] if r.description else ''}")


@main.command()
@click.argument("name", metavar="RULE_OR_FAMILY")
@click.option("--format", "format_", type=_LISTING_FORMATS, default="text", show_default=True, help="Output format.")
def explain(name: str, format_: str) -> None:
    """Show a rule (or each rule of a family): description, rationale, its words and what it would
    write instead, its fixes, and its examples."""
    from newslint import explaining

    try:
        chosen = explaining.pick(_load_or_exit(), name)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if format_ == "json":
        import json

        data = explaining.as_dict(chosen[0]) if chosen[0].id == name else \
            {"family": name, "rules": [explaining.as_dict(r) for r in chosen]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo("\n".join(explaining.text(r) for r in chosen), nl=False)


@main.command()
@click.option("--debounce", type=click.IntRange(min=0), default=150, show_default=True, metavar="MS",
              help="Lint an edited buffer this long after the last keystroke.")
def server(debounce: int) -> None:
    """Run the language server over standard input and output (for editors)."""
    from newslint.server import missing

    problem = missing()
    if problem is not None:
        _error(problem)
        sys.exit(ExitCode.ERROR)
    from newslint.server.app import serve

    serve(debounce / 1000)


@main.command()
@click.option("--pyproject", "target", flag_value="pyproject", help="Append a [tool.newslint] table to pyproject.toml.")
@click.option("--yaml", "target", flag_value="yaml", help="Write .newslint.yaml.")
def init(target: str | None) -> None:
    """Start a configuration in this folder: a commented [tool.newslint] table appended to
    pyproject.toml (when there is one) or a .newslint.yaml, listing the rule families and their
    defaults. An existing configuration is never overwritten."""
    from newslint import scaffold

    chosen = {"pyproject": scaffold.Target.PYPROJECT, "yaml": scaffold.Target.YAML}.get(target or "")
    try:
        path = scaffold.write(Path.cwd(), chosen, _load_or_exit())
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    click.echo(f"newslint: wrote {path.name}", err=True)


# The report is written as files are linted: each file's text and findings are let go once reported.


class _Report:
    """Where each linted file goes: through the baseline, to the output format (or the baseline being
    recorded, or the diffs), and into the exit code."""

    def __init__(self, writer: formats.Writer | None, known: Mapping[tuple[str, str], int] | None, record: bool,
                 show_diffs: bool, repeated: frozenset[str], to_terminal: bool) -> None:
        if known is not None or record:
            from newslint import baseline
        self.writer = writer
        self.filter = baseline.Filter(known, repeated) if known is not None else None
        self.recorder = baseline.Recorder(repeated) if record else None
        self.show_diffs = show_diffs
        self.to_terminal = to_terminal  # the report streams to a terminal: no progress bar over it
        self.diffs = False
        self.failing = False

    def add(self, result: _Linted, run: Run) -> None:
        name = None
        if self.filter is not None or self.recorder is not None:
            from newslint import baseline

            name = baseline.key(result.path, result.config.root)
        if self.recorder is not None:
            self.recorder.add(result.findings, result.text, name)
            return
        if self.show_diffs:
            click.echo("".join(run.diffs), nl=False)
            self.diffs = self.diffs or bool(run.diffs)
        run.diffs.clear()
        findings = self.filter.new(result.findings, result.text, name) if self.filter is not None else result.findings
        self.failing = self.failing or any(f.severity >= result.threshold for f in findings)
        if self.writer is not None:
            self.writer.file(result.path, result.text, findings)

    def close(self, rules: dict[str, RuleInfo]) -> None:
        if self.writer is not None:
            self.writer.close(rules)


@contextmanager
def _reporter(fmt: OutputFormat, output: Path | None, colour: bool | None, known: Mapping[tuple[str, str], int] | None,
              write_baseline: Path | None, mode: FixMode, repeated: frozenset[str],
              statistics: bool = False) -> Iterator[_Report]:
    """A report written as files are linted: to standard output, or to `output` through a temporary
    file that replaces it only when the run ends without an error. `statistics`: counts per rule
    instead of the chosen format."""
    if write_baseline or mode.diff:  # neither prints a report
        yield _Report(None, known, bool(write_baseline), mode.diff and not write_baseline, repeated,
                      mode.diff and not write_baseline and sys.stdout.isatty())
        return
    colour = (sys.stdout.isatty() and output is None) if colour is None else colour
    if output is None:
        echo = _Echo(colour)
        yield _Report(_writer(fmt, echo, colour, repeated, statistics), known, False, False, repeated,
                      sys.stdout.isatty())
        echo.flush(end=True)
        return
    import io

    with writes.atomic(output) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        yield _Report(_writer(fmt, text.write, colour, repeated, statistics), known, False, False, repeated, False)
        text.flush()
        text.detach()


def _writer(fmt: OutputFormat, write: formats.Write, colour: bool, repeated: frozenset[str],
            statistics: bool) -> formats.Writer:
    if statistics:
        from newslint.formats.statistics import Writer

        return Writer(write, colour, repeated)
    return formats.writer(fmt, write, colour, repeated)


class _Echo:
    """Report text to standard output in pieces of some kilobytes. click.echo strips colour codes when
    colour is off, so a piece never ends inside one."""

    SIZE = 1 << 14

    def __init__(self, colour: bool) -> None:
        self.colour = colour
        self.parts: list[str] = []
        self.size = 0

    def __call__(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.SIZE:
            self.flush()

    def flush(self, end: bool = False) -> None:
        text = "".join(self.parts)
        cut = len(text)
        esc = text.rfind("\x1b")
        if not end and esc >= 0 and (esc + 1 == len(text) or text[esc + 1] == "[" and not text[esc + 2:].strip(";?0123456789")):
            cut = esc  # the start of a colour code, perhaps: it waits for the rest
        if cut:
            click.echo(text[:cut], nl=False, color=self.colour)
        self.parts = [text[cut:]] if cut < len(text) else []
        self.size = len(text) - cut


class _Targets:
    """The files to lint, listed again each time they are iterated, so that the list is never held:
    a run's memory does not grow with the number of files. When several paths are given, one listing
    ahead of the run finds the names given more than once (fingerprints count on from one to the
    next); the files are counted ahead only when a progress bar asks how many there are."""

    def __init__(self, paths: Sequence[str], stdin_name: str | None, options_for: OptionsFor | None = None) -> None:
        self.paths = paths
        self.options_for = options_for
        self.count: int | None = None
        self.repeated: frozenset[str] = frozenset()
        if len(paths) > 1:  # one folder lists each file once
            seen: set[str] = set()
            again: set[str] = set()
            self.count = 0
            for t in _targets(paths, options_for):
                self.count += 1
                if not isinstance(t, (InputError, targets_.Skipped)):
                    name = str(t) if isinstance(t, Path) else f"{t.path}@{t.start}" \
                        if isinstance(t, jsonl.Slice) else stdin_name or "<stdin>"
                    (again if name in seen else seen).add(name)
            self.repeated = frozenset(again)

    def __iter__(self) -> Iterator[Target]:
        return _targets(self.paths, self.options_for)

    def __len__(self) -> int:
        if self.count is None:
            self.count = sum(1 for _ in _targets(self.paths, self.options_for))
        return self.count
