"""JSON: `{"version": 1, "findings": [...]}`, one object per finding, written as files are linted."""
from __future__ import annotations

import json
from typing import Mapping, Sequence

from newslint import formats
from newslint.finding import Finding
from newslint.formats import RuleInfo

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=1)


def item(value: object, depth: int) -> str:
    """`value` as `json.dumps(..., indent=1)` writes it `depth` levels down in a document."""
    return " " * depth + _ENCODER.encode(value).replace("\n", "\n" + " " * depth)


class Writer(formats.Writer):
    """The opening, each finding as its file is linted, the closing: the text `json.dumps` gives the whole."""

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        if not findings:
            super().file(path, text, findings)
            return
        head = '{\n "version": 1,\n "findings": [\n' if not self.findings else ",\n"
        self.write(head + ",\n".join(item(f.to_dict(), 2) for f in findings))
        super().file(path, text, findings)

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        self.write("\n ]\n}\n" if self.findings else '{\n "version": 1,\n "findings": []\n}\n')
