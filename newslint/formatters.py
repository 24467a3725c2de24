"""Compatibility: the output formats now live in `newslint.formats`, one module per format."""
from __future__ import annotations

from newslint.formats import OutputFormat, Report, RuleInfo, render, renderers

__all__ = ["OutputFormat", "Report", "RuleInfo", "render", "renderers"]
