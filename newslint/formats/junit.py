"""JUnit XML: one testsuite per linted file, one failed testcase per finding."""
from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from newslint.formats import Report


def render(report: Report) -> str:
    by_path = {path: list(group) for path, group in groupby(report.findings, key=lambda f: f.path)}
    paths = list(report.paths) + [p for p in by_path if p not in report.paths]
    root = ET.Element("testsuites", name="newslint", tests="0", failures=str(len(report.findings)), errors="0")
    total = 0
    for path in paths:
        findings = by_path.get(path, [])
        tests = max(1, len(findings))
        total += tests
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(tests), failures=str(len(findings)),
                              errors="0", skipped="0")
        if not findings:
            ET.SubElement(suite, "testcase", name="newslint", classname=path)
        for f in findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path,
                                 file=path, line=str(f.line))
            failure = ET.SubElement(case, "failure", message=f.message, type=f.severity.label)
            body = f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}\nflagged: {f.text}"
            if f.suggestions:
                body += "\nsuggestion: " + " | ".join(f.suggestions)
            failure.text = body
    root.set("tests", str(total))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
