"""Concise: one line per finding, `path:line:col: severity rule message`, then the summary line."""
from __future__ import annotations

from typing import Mapping, Sequence

from newslint import formats
from newslint.finding import Finding
from newslint.formats import RuleInfo
from newslint.formats.text import _BOLD, _COLOURS, _DIM, _RESET, summary


def line(f: Finding, colour: bool = False) -> str:
    sev = f.severity.label
    if colour:
        return (f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} {_COLOURS[f.severity]}{sev}{_RESET} "
                f"{_DIM}{f.rule}{_RESET} {f.message}\n")
    return f"{f.path}:{f.line}:{f.column}: {sev} {f.rule} {f.message}\n"


class Writer(formats.Writer):
    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        if findings:
            self.write("".join(line(f, self.colour) for f in findings))

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        if not self.quiet:
            self.write(summary(self) + "\n")
