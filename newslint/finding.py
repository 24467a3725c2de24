"""Finding values: severity, and the located, rule-stamped result of a check."""
from __future__ import annotations

import enum
from typing import NamedTuple


def family_of(rule_id: str) -> str:
    """A rule id's family: `loaded` of `loaded.adjectives` (the one place an id is split)."""
    return rule_id.split(".", 1)[0]


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that `>=` means "at least as serious"."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None

    def __str__(self) -> str:
        return self.label


class Related(NamedTuple):
    """A finding folded into another on the same words (or the same claim): kept for the record."""

    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    start: int  # code-point offsets into the document's text, as a finding's
    end: int


class Finding(NamedTuple):
    """One problem at one place. Lines and columns are 1-based code points; ends are exclusive.
    `start` and `end` are the code-point offsets of the same span in the document's text, carried
    from the match: nothing after the engine converts a line and column back into an offset.
    Findings sort by path, then position, then rule."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    text: str
    suggestions: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()  # other rules' findings on the same words, folded into this one

    @property
    def family(self) -> str:
        return family_of(self.rule)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "text": self.text,
            "suggestions": list(self.suggestions),
        }
        if self.related:
            out["related"] = [_related_dict(r) for r in self.related]
        return out


def _related_dict(related: Related | dict[str, object]) -> dict[str, object]:
    """A related finding as the JSON report gives it (its line and columns; offsets stay in memory)."""
    out = related._asdict() if isinstance(related, tuple) else dict(related)
    out.pop("start", None)
    out.pop("end", None)
    return out
