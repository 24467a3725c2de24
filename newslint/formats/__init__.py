"""Output formats, one module per format: each writes a report file by file, as files are linted.

A format's `Writer` is given each linted file in order (`file`: its path, its text and its findings)
and then the rule metadata (`close`); it writes text through a callable as it goes and keeps no
file's text. What a format must print before its body (totals, rule lists) waits in a `Spool`.
`render` turns a whole `Report` into text with the same writers.
"""
from __future__ import annotations

import enum
from types import MappingProxyType
from typing import Any, Callable, Container, Iterable, Iterator, Mapping, NamedTuple, Sequence

from newslint.finding import Finding, Severity, family_of


class OutputFormat(enum.Enum):
    TEXT = "text"
    CONCISE = "concise"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    HTML = "html"


class RuleInfo(NamedTuple):
    """What a format needs to know about a rule: metadata for SARIF and the HTML report."""

    id: str
    severity: str
    description: str = ""
    rationale: str = ""
    message: str = ""

    @property
    def family(self) -> str:
        return family_of(self.id)


class Report(NamedTuple):
    """Everything a format renders: findings, the linted files and their text, and rule metadata."""

    findings: Sequence[Finding]
    sources: Mapping[str, str] = MappingProxyType({})
    paths: Sequence[str] = ()
    rules: Mapping[str, RuleInfo] = MappingProxyType({})
    colour: bool = False

    @property
    def files(self) -> int:
        return len(self.paths)


Write = Callable[[str], object]


class Writer:
    """One report being written: `file` for each linted file, in order, then `close` once."""

    def __init__(self, write: Write, colour: bool = False, repeated: Container[str] | None = None) -> None:
        self.write = write
        self.colour = colour
        self.repeated = repeated  # paths given more than once (fingerprints count on across them)
        self.files = 0
        self.counts = dict.fromkeys(Severity, 0)
        self.quiet = False  # --quiet: the findings only, no summary
        self.skipped: Mapping[str, int] = {}  # files not linted, by reason (set before `close`)

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        """One linted file: its path, its text (None when not known) and its findings, in order."""
        self.files += 1
        for f in findings:
            self.counts[f.severity] += 1

    def problem(self, message: str) -> None:
        """A file that could not be linted (or a rule that was skipped on one), before `close`: the
        error line standard error shows, `path: reason`. Formats that can say so in the report do."""

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        """The end of the report; `rules` describes every rule that ran."""


class Spool:
    """Text set aside until the end of a report: in memory while small, then in a temporary file."""

    LIMIT = 1 << 16  # characters kept in memory

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spill: Any = None  # the temporary file, once there is one

    def write(self, text: str) -> None:
        if self.spill is not None:
            self.spill.write(text)
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.LIMIT:
            import tempfile  # only a large report pays for it

            self.spill = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
            self.spill.writelines(self.parts)
            self.parts = []

    def __bool__(self) -> bool:
        return self.size > 0

    def drain(self, write: Write, edit: Callable[[str], str] | None = None) -> None:
        """Write everything set aside, in order (each line through `edit`, if given), and let it go."""
        chunks = self._chunks()
        if edit is not None:
            chunks = (edit(line) for line in _lines(chunks))
        for chunk in chunks:
            write(chunk)

    def _chunks(self) -> Iterator[str]:
        if self.spill is None:
            yield "".join(self.parts)
            self.parts = []
            return
        self.spill.seek(0)
        while chunk := self.spill.read(1 << 16):
            yield chunk
        self.spill.close()


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of some text given in pieces, each with its newline ("\\n" only)."""
    rest = ""
    for chunk in chunks:
        lines = (rest + chunk).split("\n")
        rest = lines.pop()
        yield from (line + "\n" for line in lines)
    if rest:
        yield rest


_MODULES = {OutputFormat.TEXT: "text", OutputFormat.CONCISE: "concise", OutputFormat.JSON: "json_", OutputFormat.GITHUB: "github",
            OutputFormat.SARIF: "sarif", OutputFormat.JUNIT: "junit", OutputFormat.HTML: "html"}


def writer(fmt: OutputFormat, write: Write, colour: bool = False, repeated: Container[str] | None = None) -> Writer:
    """A writer of the chosen format, imported alone: the other formats are not imported."""
    import importlib

    cls: type[Writer] = importlib.import_module(f"newslint.formats.{_MODULES[fmt]}").Writer
    return cls(write, colour, repeated)


def write_report(out: Writer, report: Report) -> None:
    """Give a whole report to a writer: each path once, in order, with its findings; then any path
    that only findings name."""
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    for path in dict.fromkeys([*report.paths, *by_path]):
        out.file(path, report.sources.get(path), by_path.get(path, []))
    out.close(report.rules)


def render(fmt: OutputFormat, report: Report) -> str:
    """The whole report as text, in the chosen format."""
    parts: list[str] = []
    write_report(writer(fmt, parts.append, report.colour), report)
    return "".join(parts)


__all__ = ["OutputFormat", "Report", "RuleInfo", "Spool", "Write", "Writer", "render", "writer"]
