"""Report writing, as files are linted: each file's findings through the baseline (filtered, or
recorded) to the chosen output format, written to standard output or atomically to a file; the
rule metadata formats need; error lines on standard error."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import click

from newslint import formats, writes
from newslint.formats import OutputFormat, RuleInfo
from newslint.rulebook import Rule
from newslint.suppressions import META_RULES

if TYPE_CHECKING:
    from newslint.batch import FixMode, Linted, Run


def error(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)


def rule_info(rules: Iterable[Rule]) -> dict[str, RuleInfo]:
    info = {r.id: RuleInfo(r.id, r.severity.label, r.description, r.rationale, r.message) for r in rules}
    info.update({k: RuleInfo(k, "warning", v, v, v) for k, v in META_RULES.items()})
    return info



# The report is written as files are linted: each file's text and findings are let go once reported.


class Report:
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

    def add(self, result: Linted, run: Run) -> None:
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
def reporter(fmt: OutputFormat, output: Path | None, colour: bool | None, known: Mapping[tuple[str, str], int] | None,
              write_baseline: Path | None, mode: FixMode, repeated: frozenset[str],
              statistics: bool = False) -> Iterator[Report]:
    """A report written as files are linted: to standard output, or to `output` through a temporary
    file that replaces it only when the run ends without an error. `statistics`: counts per rule
    instead of the chosen format."""
    if write_baseline or mode.diff:  # neither prints a report
        yield Report(None, known, bool(write_baseline), mode.diff and not write_baseline, repeated,
                      mode.diff and not write_baseline and sys.stdout.isatty())
        return
    colour = (sys.stdout.isatty() and output is None) if colour is None else colour
    if output is None:
        echo = _Echo(colour)
        yield Report(_writer(fmt, echo, colour, repeated, statistics), known, False, False, repeated,
                     sys.stdout.isatty())
        echo.flush(end=True)
        return
    import io

    with writes.atomic(output) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        yield Report(_writer(fmt, text.write, colour, repeated, statistics), known, False, False, repeated, False)
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
