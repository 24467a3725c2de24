"""The `newslint` command: parse options, dispatch to the run (`batch`) and the report (`report`), pick the exit code."""
from __future__ import annotations

import codecs
import enum
import os
import sys
from pathlib import Path
from typing import Sequence

import click

from newslint import __version__
from newslint.batch import FixMode, Run, lint_all
from newslint.engine import Engine, Reading
from newslint.config import KNOWN_STYLES
from newslint.errors import InputError, NewslintError
from newslint.document.language import NOT_ENGLISH
from newslint.finding import Severity
from newslint.formats import OutputFormat
from newslint.report import error, reporter, rule_info
from newslint.rulebook import Rule, load_rules
from newslint.targets import Targets
from newslint import writes


class _Abandoned(Exception):
    """Raised inside the report's `writes.atomic` block: the run ended with an error, so the report
    file is not replaced."""


class _File(click.Path):
    """A file's path: one ending in a slash names a folder, refused (pathlib would drop the slash and
    `--output report/` would write a file called `report`)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: str | os.PathLike[str], param: click.Parameter | None,
                ctx: click.Context | None) -> str | bytes | os.PathLike[str]:
        if isinstance(value, str) and value.endswith(("/", os.sep)):
            self.fail(f"{value!r} names a folder (it ends in {value[-1]!r}); give a file name", param, ctx)
        return super().convert(value, param, ctx)


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


def _names(values: Sequence[str]) -> list[str]:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]

def _encoding(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {name!r}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newslint")
@click.option("--debug", is_flag=True, help="On an internal error, print its traceback too.")
def main(debug: bool) -> None:
    """Lint news copy: unattributed claims, loaded language, unsourced superlatives, dangling sources."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "format_", type=click.Choice([f.value for f in OutputFormat]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=_File(),
              help="Write the report to FILE (- for standard output).")
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
@click.option("--config", "config_file", type=_File(),
              help="Use this .newslint.yaml or pyproject.toml instead of the nearest one.")
@click.option("--baseline", "baseline_file", type=_File(),
              help="Report only findings not recorded in this baseline (- reads it from standard input).")
@click.option("--write-baseline", type=_File(),
              help="Record the current findings in FILE (- for standard output) and exit 0.")
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
    if output is not None and (str(output) == "-" or _is_stdout(output)):  # "-", or /dev/stdout: the stream
        output = None
    if output is not None and (write_baseline or show_diff):  # neither writes a report: FILE would be ignored
        raise click.UsageError(f"--output {output} with {'--diff' if show_diff else '--write-baseline'}: "
                               "no report is written (--diff prints the diff, --write-baseline writes its own file)")
    if config_file is not None and str(config_file) == "-":  # "-" is a stream elsewhere: never a file so named
        raise click.UsageError("--config -: a configuration is read from a file (its folder anchors its paths), "
                               "not from standard input")
    colour = _colour(colour)
    mode = FixMode(write=fix and not show_diff, diff=show_diff, unsafe=unsafe_fixes)
    reading = Reading(encoding, tuple(_names(text_fields)), tuple(_names(id_fields)), not no_ignore_files, annotate)
    writes.forget_inputs()
    if stdin_filename:
        writes.protect(stdin_filename, name_only=True)
    for given in paths:
        if given != "-":
            writes.protect(given)
    if baseline_file is not None and str(baseline_file) == "-" and "-" in paths:
        error("--baseline -: standard input is the text being linted; give the baseline's file name")
        sys.exit(ExitCode.ERROR)
    if baseline_file or write_baseline:
        from newslint import baseline
    try:
        engine = Engine(config_file, [Path(p) for p in extra_rules], _names(select_), _names(ignore), styles, reading,
                        _names(extend_select))
        known = baseline.load(baseline_file) if baseline_file else None
        targets = Targets(paths, stdin_filename,  # a folder's files are listed by the config that holds them
                          lambda path: engine.options_for(engine.config_for(path / "-" if path.is_dir() else path)))
        run = Run()
        with reporter(OutputFormat(format_), output, colour, known, write_baseline, mode,
                      targets.repeated, statistics) as report:
            if report.writer is not None:
                report.writer.quiet = quiet
            for result in lint_all(targets, engine, fail_on, stdin_filename, mode, jobs, run,
                                   progress=not report.to_terminal):
                report.add(result, run)
            if report.writer is not None:
                report.writer.skipped = run.skipped
                for message in run.problems:
                    report.writer.problem(message)
            report.close(rule_info(run.rules.values()))
            if output is not None and (run.failed or not run.linted):
                raise _Abandoned  # the report file is left as it was
    except _Abandoned:
        if not quiet:
            click.echo(f"newslint: {output} not written: the run ended with an error", err=True)
    except NewslintError as exc:
        error(str(exc))
        sys.exit(ExitCode.ERROR)
    if not run.linted and not run.failed and not run.skipped.get(NOT_ENGLISH):  # read, and found not English: no error
        skipped = "; ".join(f"{n} {reason}" for reason, n in sorted(run.skipped.items()))
        error(f"no file linted in {' '.join(paths)}" + (f" (skipped: {skipped})" if skipped else ""))
        run.failed = True
    if write_baseline:
        recorder = report.recorder
        assert recorder is not None  # a recording report was opened for --write-baseline
        to_stdout = str(write_baseline) == "-" or _is_stdout(write_baseline)
        if to_stdout:
            click.echo(recorder.dumps(), nl=False)
        else:
            _write_or_exit(write_baseline, recorder.dumps())
        if not quiet:
            where = "standard output" if to_stdout else write_baseline
            click.echo(f"newslint: recorded {len(recorder.entries)} findings in {where}", err=True)
        sys.exit(ExitCode.ERROR if run.failed else ExitCode.OK)
    if annotate and not quiet and (run.annotated or not run.failed):  # (a copy not written is an error, said)
        click.echo("\n".join(f"newslint: wrote {copy}" for copy in run.annotated) if run.annotated else
                   "newslint: --annotate: no Word file (.docx) was linted; no annotated copy written", err=True)
    if mode.write and not quiet:
        click.echo(f"newslint: applied {run.fixed} fix{'es' if run.fixed != 1 else ''}", err=True)
    if mode.diff:
        sys.exit(ExitCode.ERROR if run.failed else ExitCode.FINDINGS if report.diffs else ExitCode.OK)
    if run.failed:
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if report.failing and not exit_zero else ExitCode.OK)


def _is_stdout(path: Path) -> bool:
    """Does `path` name the file standard output is open on (/dev/stdout, /dev/fd/1, or the file
    `>` or `>>` sent it to)? The report then goes down the stream, after what is already there."""
    try:
        return os.path.samestat(os.stat(path), os.fstat(1))
    except OSError:
        return False


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
        error(str(exc))
        sys.exit(ExitCode.ERROR)


def _load_or_exit() -> list[Rule]:
    try:
        return load_rules(None)
    except NewslintError as exc:
        error(str(exc))
        sys.exit(ExitCode.ERROR)


def _rule_dict(rule: Rule, *, examples: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "id": rule.id, "family": rule.family, "kind": rule.kind.name, "severity": rule.severity.label,
        "enabled": rule.enabled, "scope": sorted(s.value for s in rule.scope), "message": rule.message,
        "description": rule.description.strip(), "rationale": rule.rationale.strip(),
        "suggestions": list(rule.suggestions), "fixable": rule.kind.fixable,
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
        click.echo(f"{r.id:<{width}}  {state:<3}  {r.severity.label:<10}  {r.kind.name:<12}  {r.description.splitlines()[0] if r.description else ''}")


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
        error(str(exc))
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
        error(problem)
        sys.exit(ExitCode.ERROR)
    from newslint.server.app import serve

    sys.exit(serve(debounce / 1000))


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
        error(str(exc))
        sys.exit(ExitCode.ERROR)
    click.echo(f"newslint: wrote {path.name}", err=True)
