"""The HTML report as an editor's marked-up copy, checked in headless Chromium: every finding a
highlight at its words and a numbered note beside it, linked both ways; prose without Markdown
syntax; filters; notes in print; a phone width. Screenshots at both widths are written too
(NEWSLINT_SCREENSHOTS=DIR keeps them, e.g. docs/)."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from headless import CHROMIUM, Browser

from newslint.cli import main
from newslint.finding import Finding, Severity
from newslint.formats import OutputFormat, Report, render

ROOT = Path(__file__).resolve().parent.parent
STORY = """---
title: Council budget
byline: Staff reporter
---

# Council passes budget after *brutal* debate

The council passed the budget on Tuesday after a brutal debate, in what critics argue was an
unprecedented rush. The mayor's deputy, who passed away last year, had drafted the first plan.

> "This is a **good** budget and we will defend it," the mayor said.

Residents can read [the full plan](https://council.example/budget-2026) or the `summary` online.

1. It is important to note that the vote was close.
2. Tragically, the library will close.
"""
KEEP = Path(os.environ["NEWSLINT_SCREENSHOTS"]).resolve() if os.environ.get("NEWSLINT_SCREENSHOTS") else None
SYNTAX = re.compile(r"\]\(|\*\*|^#|^---|^>|`", re.M)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp_path / "desk").mkdir()
    monkeypatch.chdir(tmp_path)  # the report names the files as given: desk/budget.md
    paths = [Path("desk/a-clean.md"), Path("desk/budget.md"), Path("desk/article.md")]
    paths[0].write_text("The council voted 7-2 on Tuesday to approve the budget, officials said.\n", encoding="utf-8")
    paths[1].write_text(STORY, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "article.md", paths[2])
    return paths


def test_stories_with_findings_come_first_after_a_summary(stories):
    page = _run("check", "--format", "html", *map(str, stories)).output
    findings = json.loads(_run("check", "--format", "json", *map(str, stories)).output)["findings"]
    assert page.index("budget.md</a> \u00b7") < page.index("article.md</a> \u00b7") < page.index("a-clean.md")
    assert page.index('<section class="summary">') < page.index('<article class="story"')
    assert len(re.findall(r'<li class="note ', page)) == len(findings)
    assert '<a href="#file-1">' in page and 'id="file-1"' in page
    assert '<dt>title</dt><dd>Council budget</dd>' in page  # front matter as a header block
    assert '<a href="https://council.example/budget-2026">the full plan</a>' in page
    assert "<blockquote>" in page and "<strong>good</strong>" in page and "<code>summary</code>" in page


def test_html_escapes_and_refuses_script_links():
    text = "<script>alert(1)</script> [x](javascript:alert(1)) brutal\n"
    page = render(OutputFormat.HTML, Report(
        [Finding("x.md", 1, 1, 1, 9, 0, 8, "a.b", Severity.ERROR, "<script>", "<script>")], {"x.md": text}, ["x.md"]))
    assert "<script>alert" not in page and "javascript:" not in page
    assert "&lt;script&gt;" in page


DOM = """(() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const notes = [...document.querySelectorAll('li.note')].map(n => ({
    key: n.dataset.f, text: n.innerText, back: n.querySelector('a.num').getAttribute('href'),
    shown: getComputedStyle(n).display !== 'none' && n.getBoundingClientRect().height > 0,
    box: box(n), row: [...document.querySelectorAll('.row')].indexOf(n.closest('.row'))}));
  const marks = {};
  document.querySelectorAll('mark.hit').forEach(m => m.dataset.f.split(' ').forEach(k => {
    (marks[k] = marks[k] || {text: '', box: box(m), row: [...document.querySelectorAll('.row')].indexOf(m.closest('.row'))}).text += m.textContent;
  }));
  const anchors = [...document.querySelectorAll('.anchor')].map(a => a.id);
  const refs = [...document.querySelectorAll('sup.ref a')].map(a => a.getAttribute('href'));
  const copy = [...document.querySelectorAll('.copy')].map(c => c.innerText).join('\\n');
  return {notes, marks, anchors, refs, copy, ready: document.body.dataset.ready,
          count: document.getElementById('count').textContent,
          nav: getComputedStyle(document.querySelector('nav')).display,
          width: document.documentElement.scrollWidth};
})()"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_report_in_headless_chromium(stories, tmp_path):
    report = tmp_path / "report.html"
    assert _run("check", "--format", "html", "--output", str(report), *map(str, stories)).exit_code == 1
    findings = json.loads(_run("check", "--format", "json", *map(str, stories)).output)["findings"]
    shots = KEEP or tmp_path
    with Browser(tmp_path / "profile") as browser:
        browser.open(report.as_uri(), 1280)
        dom = browser.js(DOM)
        assert dom["ready"] == "1", "the page script did not run"
        assert dom["count"].startswith(f"{len(findings)} of {len(findings)} findings shown")
        assert [n["key"] for n in dom["notes"]] == [str(i) for i in range(len(findings))]
        for i, f in enumerate(findings):
            key = str(i)
            note = dom["notes"][i]
            assert f["message"] in note["text"] and f["rule"] in note["text"], note
            if f["suggestions"]:
                assert "Suggestion: " + " | ".join(f["suggestions"]) in note["text"]
            assert note["back"] == f"#h-{key}" and f"h-{key}" in dom["anchors"] and f"#n-{key}" in dom["refs"]
            mark = dom["marks"].get(key)
            assert mark is not None, f"no highlight for {f}"
            words = " ".join(f["text"].split())
            if words and not re.search(r"[\[\]()*_`<>#]", words):
                assert " ".join(mark["text"].split()) == words, (mark, f)
            else:
                assert " ".join(mark["text"].split()) in words or mark["text"] == "\u00b6", (mark, f)
            assert mark["row"] == note["row"], "the note is not beside its highlight"
            assert note["box"][0] >= mark["box"][2] - 1, "on a wide page the note is in the margin"
        assert not SYNTAX.search(dom["copy"]), "raw Markdown in the rendered story"
        assert dom["width"] <= 1280
        browser.screenshot(shots / "report-desktop.png", 1280)

        # Filters: unchecking a family hides its notes and takes the highlight off its words.
        loaded = [str(i) for i, f in enumerate(findings) if f["rule"].startswith("loaded.")]
        assert loaded
        browser.js("document.querySelector('input[data-filter=family][value=loaded]').click()")
        after = browser.js(DOM)
        assert [n["key"] for n in after["notes"] if not n["shown"]] == loaded
        off = browser.js("[...document.querySelectorAll('mark.hit.off')].map(m => m.dataset.f)")
        assert off and all(k in loaded for m in off for k in m.split(" "))
        browser.js("document.querySelector('input[data-filter=family][value=loaded]').click()")

        # Print: every note is printed, the filters are not.
        browser.media("print")
        printed = browser.js(DOM)
        assert all(n["shown"] for n in printed["notes"]) and printed["nav"] == "none"
        browser.screenshot(tmp_path / "report-print.png", 900)
        browser.media("")

        # A phone: one column, nothing wider than the screen, notes under their paragraph.
        browser.open(report.as_uri(), 390, 844, mobile=True)
        phone = browser.js(DOM)
        assert phone["width"] <= 390
        for i in range(len(findings)):
            note, mark = phone["notes"][i], phone["marks"][str(i)]
            assert note["box"][1] >= mark["box"][1], "on a phone the note comes after its highlight"
            assert note["box"][2] <= 390
        browser.screenshot(shots / "report-phone.png", 390, mobile=True)
    for name in ("report-desktop.png", "report-phone.png"):
        assert (shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
