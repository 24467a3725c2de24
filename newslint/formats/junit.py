"""JUnit XML: one testsuite per linted file, one failed testcase per finding."""
from __future__ import annotations

import re
from typing import Any, Mapping, Sequence
from xml.etree import ElementTree as ET

from newslint import formats
from newslint.finding import Finding
from newslint.formats import RuleInfo, Spool


# Characters XML 1.0 cannot hold, even escaped (control characters such as Word's soft line break
# \x0b, lone surrogates, U+FFFE/U+FFFF): written as a visible escape instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def _suite(path: str, findings: Sequence[Finding]) -> ET.Element:
    path = _xml(path)
    suite = ET.Element("testsuite", name=path, tests=str(max(1, len(findings))), failures=str(len(findings)),
                       errors="0", skipped="0")
    if not findings:
        ET.SubElement(suite, "testcase", name="newslint", classname=path)
    for f in findings:
        case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path,
                             file=path, line=str(f.line))
        failure = ET.SubElement(case, "failure", message=_xml(f.message), type=f.severity.label)
        body = f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}\nflagged: {f.text}"
        if f.suggestions:
            body += "\nsuggestion: " + " | ".join(f.suggestions)
        failure.text = _xml(body)
    return suite


class Writer(formats.Writer):
    """Test suites are set aside as files are linted; the totals open the document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suites = Spool()
        self.tests = 0

    def file(self, path: str, text: str | None, findings: Sequence[Finding]) -> None:
        super().file(path, text, findings)
        self.tests += max(1, len(findings))
        self.suites.write(ET.tostring(_suite(path, findings), encoding="unicode"))

    def close(self, rules: Mapping[str, RuleInfo]) -> None:
        root = ET.Element("testsuites", name="newslint", tests=str(self.tests), failures=str(self.findings),
                          errors="0")
        if self.suites:
            root.text = "\x00"
        head, _, tail = ET.tostring(root, encoding="unicode").partition("\x00")
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n' + head)
        if self.suites:
            self.suites.drain(self.write)
        self.write(tail + "\n")
