"""--statistics: how many findings each rule has (most first), with its severity and description."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from newslint import formats
from newslint.finding import Finding, Severity
from newslint.formats import RuleInfo
from newslint.formats.text import summary


class Writer(formats.Writer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_rule: dict[str, int] = {}
        self.severity: dict[str, Severity] = {}

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        for f in findings:
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.severity[f.rule] = max(f.severity, self.severity.get(f.rule, f.severity))

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        rows = sorted(self.by_rule.items(), key=lambda x: (-x[1], x[0]))
        width = max((len(r) for r in self.by_rule), default=0)
        digits = max((len(str(n)) for n in self.by_rule.values()), default=1)
        lines = []
        for rule, n in rows:
            info = rules.get(rule)
            about = info.description.strip().splitlines()[0] if info and info.description.strip() else ""
            lines.append(f"{n:>{digits}}  {rule:<{width}}  {self.severity[rule].label:<10}  {about}".rstrip())
        self.write("".join(line + "\n" for line in lines))
        if not self.quiet:
            self.write(("\n" if lines else "") + summary(self) + "\n")
