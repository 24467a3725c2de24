"""Output formats: pure functions from a Report to text, one module per format."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from newslint.finding import Finding


class OutputFormat(enum.Enum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    HTML = "html"


@dataclass(frozen=True)
class RuleInfo:
    """What a format needs to know about a rule: metadata for SARIF and the HTML report."""

    id: str
    severity: str
    description: str = ""
    rationale: str = ""
    message: str = ""

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Report:
    """Everything a format renders: findings, the linted files and their text, and rule metadata."""

    findings: Sequence[Finding]
    sources: Mapping[str, str] = field(default_factory=dict)
    paths: Sequence[str] = ()
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    colour: bool = False

    @property
    def files(self) -> int:
        return len(self.paths)


Renderer = Callable[[Report], str]


def renderers() -> dict[OutputFormat, Renderer]:
    from newslint.formats import github, html, json_, junit, sarif, text

    return {OutputFormat.TEXT: text.render, OutputFormat.JSON: json_.render, OutputFormat.GITHUB: github.render,
            OutputFormat.SARIF: sarif.render, OutputFormat.JUNIT: junit.render, OutputFormat.HTML: html.render}


_MODULES = {OutputFormat.TEXT: "text", OutputFormat.JSON: "json_", OutputFormat.GITHUB: "github",
            OutputFormat.SARIF: "sarif", OutputFormat.JUNIT: "junit", OutputFormat.HTML: "html"}


def render(fmt: OutputFormat, report: Report) -> str:
    """Render with the chosen format's module alone: the others are not imported."""
    import importlib

    renderer: Renderer = importlib.import_module(f"newslint.formats.{_MODULES[fmt]}").render
    return renderer(report)


__all__ = ["OutputFormat", "Report", "RuleInfo", "render", "renderers"]
