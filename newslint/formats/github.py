"""GitHub Actions: one workflow command (`::warning file=...::message`) per finding, and a Markdown
job summary (per file, per rule, every finding) appended to $GITHUB_STEP_SUMMARY when it is set.

GitHub shows only some annotations of each kind per step; the summary keeps the rest."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from newslint import formats
from newslint.finding import Finding, Severity
from newslint.formats import RuleInfo, Spool

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def line(f: Finding) -> str:
    props = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
             "endColumn": f.end_column, "title": f"newslint {f.rule}"}
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    message = f.message + (f" (suggestion: {' | '.join(f.suggestions)})" if f.suggestions else "")
    return f"::{LEVELS[f.severity]} {head}::{escape_data(message)}\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell or list item: one line, pipes and markup characters escaped."""
    flat = " ".join(text.split())
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in flat)


class Summary:
    """The job summary in Markdown: totals, a table per file and per rule, then every finding by file."""

    def __init__(self) -> None:
        self.files: list[tuple[str, dict[Severity, int]]] = []
        self.rules: dict[str, int] = {}
        self.details = Spool()
        self.problems: list[str] = []

    def file(self, path: str, findings: Sequence[Finding]) -> None:
        counts = dict.fromkeys(Severity, 0)
        for f in findings:
            counts[f.severity] += 1
            self.rules[f.rule] = self.rules.get(f.rule, 0) + 1
        self.files.append((path, counts))
        items = "".join(f"- {f.line}:{f.column} **{f.severity.label}** `{f.rule}` {_cell(f.message)}"
                        + (f" (suggestion: {_cell(' | '.join(f.suggestions))})" if f.suggestions else "") + "\n"
                        for f in findings)
        self.details.write(f"<details><summary>{_cell(path)} ({len(findings)})</summary>\n\n{items}\n</details>\n\n")

    def markdown(self, linted: int) -> str:
        parts: list[str] = []
        self.details.drain(parts.append)
        total = sum(sum(c.values()) for _, c in self.files)
        order = list(reversed(Severity))
        head = [f"## newslint: {total} finding{'s' if total != 1 else ''} in {len(self.files)} of {linted} "
                f"file{'s' if linted != 1 else ''}\n\n"]
        if self.problems:
            head.append("**Not linted:**\n\n" + "".join(f"- {_cell(p)}\n" for p in self.problems) + "\n")
        if self.files:
            head.append("| file | " + " | ".join(f"{s.label}s" for s in order) + " | total |\n")
            head.append("|---|" + "---:|" * (len(order) + 1) + "\n")
            head += [f"| {_cell(path)} | " + " | ".join(str(c[s]) for s in order) + f" | {sum(c.values())} |\n"
                     for path, c in self.files]
            head.append("\n| rule | findings |\n|---|---:|\n")
            head += [f"| `{r}` | {n} |\n" for r, n in sorted(self.rules.items(), key=lambda x: (-x[1], x[0]))]
            head.append("\n### Findings by file\n\n")
        return "".join(head) + "".join(parts)


class Writer(formats.Writer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = os.environ.get(SUMMARY_ENV)
        self.summary_path = Path(target) if target else None
        self.summary = Summary() if target else None

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        if findings:
            self.write("".join(line(f) for f in findings))
            if self.summary is not None:
                self.summary.file(path, findings)

    def problem(self, message: str) -> None:
        """A file that could not be linted: an error annotation (on the file, when the message names it)."""
        path, sep, _ = message.partition(": ")
        where = f"file={escape_property(path)}," if sep else ""
        self.write(f"::error {where}title=newslint::{escape_data(message)}\n")
        if self.summary is not None:
            self.summary.problems.append(message)

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        if self.summary is not None and self.summary_path is not None:
            from newslint.writes import append

            append(self.summary_path, self.summary.markdown(self.files).encode("utf-8"))
