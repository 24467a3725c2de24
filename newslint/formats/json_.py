"""JSON: `{"version": 1, "findings": [...]}`, one object per finding."""
from __future__ import annotations

import json

from newslint.formats import Report


def render(report: Report) -> str:
    return json.dumps({"version": 1, "findings": [f.to_dict() for f in report.findings]},
                      ensure_ascii=False, indent=1) + "\n"
