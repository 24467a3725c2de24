"""Every output format on real findings: SARIF against its schema, JUnit counts, GitHub escaping, HTML in Chromium."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.finding import Finding, Severity
from newslint.formats import OutputFormat, Report, render
from newslint.formats.github import escape_data, escape_property

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"  # the reference copy, beside the project
if not (SHARED_SCHEMAS / "sarif-2.1.0.json").is_file():
    SHARED_SCHEMAS = FIXTURES  # the same schema, kept with the tests
BRUTAL = "The brutal raid ended.\n\nIt was calm, police said.\n"
MANY = "# A savage week\n\nThe brutal raid, a vicious blow, was unprecedented.\n\nIt was calm, police said.\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def articles(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "one.md", tmp_path / "two.md", tmp_path / "clean.md"]
    paths[0].write_text(BRUTAL, encoding="utf-8")
    paths[1].write_text(MANY, encoding="utf-8")
    paths[2].write_text("The council voted 7-2 on Tuesday to approve the budget.\n", encoding="utf-8")
    return paths


def _findings(*paths: Path) -> list[dict[str, object]]:
    return json.loads(run("check", "--format", "json", *map(str, paths)).output)["findings"]


def test_text_groups_by_file_and_counts_severities(articles):
    result = run("check", "--no-color", *map(str, articles))
    blocks = result.output.split("\n\n")
    assert blocks[0].startswith(f"{articles[0]}:1:5: warning loaded.adjectives")
    assert all(line.startswith((str(articles[1]), "    ")) for line in blocks[1].splitlines()[:-1])
    total = len(_findings(*articles))
    assert result.output.splitlines()[-1] == f"{total} findings in 3 files (0 errors, {total} warnings, 0 suggestions)"
    assert "\x1b[" not in result.output
    assert "\x1b[33m" in run("check", "--color", str(articles[0])).output


def test_github_workflow_commands(articles):
    lines = run("check", "--format", "github", *map(str, articles)).output.splitlines()
    assert len(lines) == len(_findings(*articles))
    assert lines[0] == (f"::warning file={articles[0]},line=1,col=5,endLine=1,endColumn=11,"
                        f"title=newslint loaded.adjectives::'brutal' tells the reader what to think. Describe what "
                        "happened and let the facts carry the weight. (suggestion: describe the act (time%2C place%2C "
                        "method%2C numbers)%2C or attribute the characterization)".replace("%2C", ","))


def test_github_escaping():
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding("dir/a,b:c.md", 2, 3, 2, 4, 10, 11, "x.y", Severity.SUGGESTION, "two\nlines 100%", "q")
    out = render(OutputFormat.GITHUB, Report([finding]))
    assert out == "::notice file=dir/a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=4,title=newslint x.y::two%0Alines 100%25\n"


def test_sarif_validates_against_the_schema(articles):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("check", "--format", "sarif", *map(str, articles))
    log = json.loads(result.output)
    schema = json.loads((FIXTURES / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "loaded.adjectives" in ids and ids == sorted(ids)
    adjectives = rules[ids.index("loaded.adjectives")]
    assert adjectives["defaultConfiguration"] == {"level": "warning"}
    assert adjectives["shortDescription"]["text"] and adjectives["help"]["text"]
    results = sarif_run["results"]
    assert len(results) == len(_findings(*articles))
    first = results[0]
    assert first["ruleId"] == "loaded.adjectives" and ids[first["ruleIndex"]] == "loaded.adjectives"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 11, "snippet": {"text": "brutal"}}
    prints = [r["partialFingerprints"]["newslintFingerprint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_columns_count_code_points_and_fingerprints_ignore_lines(tmp_path):
    path = tmp_path / "wide.md"
    path.write_text("Ünïcödé 🎉 a brutal raid.\n", encoding="utf-8")
    region = json.loads(run("check", "--format", "sarif", str(path)).output)["runs"][0]["results"][0]
    assert region["locations"][0]["physicalLocation"]["region"]["startColumn"] == 13
    before = region["partialFingerprints"]
    path.write_text("A new first line.\n\nÜnïcödé 🎉 a brutal raid.\n", encoding="utf-8")
    moved = json.loads(run("check", "--format", "sarif", str(path)).output)["runs"][0]["results"][0]
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert moved["partialFingerprints"] == before


def test_junit_parses_and_counts_match(articles, tmp_path):
    out = tmp_path / "report.xml"
    result = run("check", "--format", "junit", "--output", str(out), *map(str, articles))
    assert result.exit_code == 1 and result.output == ""
    root = ET.parse(out).getroot()
    findings = _findings(*articles)
    assert root.tag == "testsuites" and int(root.get("failures")) == len(findings)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [str(p) for p in articles]
    for path in articles:
        suite = suites[str(path)]
        expected = [f for f in findings if f["path"] == str(path)]
        failures = suite.findall("testcase/failure")
        assert int(suite.get("failures")) == len(failures) == len(expected)
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None] == \
               [f"{f['rule']} {f['line']}:{f['column']}" for f in expected]
    assert sum(int(s.get("tests")) for s in suites.values()) == int(root.get("tests"))


def test_html_is_standalone_and_marks_every_finding(articles):
    page = run("check", "--format", "html", *map(str, articles)).output
    assert "<script src" not in page and "<link" not in page and "http://" not in page.split("</style>")[0]
    findings = _findings(*articles)
    assert len(re.findall(r'<li class="note \w+" id="n-\d+"', page)) == len(findings)
    assert {k for m in re.findall(r'<mark class="hit[^"]*" data-f="([\d ]+)"', page) for k in m.split()} == \
           {str(i) for i in range(len(findings))}
    assert 'data-filter="family" value="loaded"' in page and 'data-filter="severity" value="warning"' in page
    assert "&lt;script&gt;" in render(OutputFormat.HTML, Report(
        [Finding("x.md", 1, 1, 1, 9, 0, 8, "a.b", Severity.ERROR, "<script>", "<script>")], {"x.md": "<script>\n"}, ["x.md"]))


def test_sarif_locations_are_relative_to_srcroot_and_unread_files_are_notified(articles, monkeypatch):
    import jsonschema

    monkeypatch.chdir(articles[0].parent)
    (articles[0].parent / "sub dir").mkdir()
    (articles[0].parent / "sub dir" / "three.md").write_text(BRUTAL, encoding="utf-8")
    (articles[0].parent / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    result = run("check", "--format", "sarif", "one.md", "sub dir/three.md", "missing.md", "binary.md")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    schema = json.loads((SHARED_SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    sarif_run = log["runs"][0]
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": articles[0].parent.as_uri() + "/"}}
    assert "informationUri" not in sarif_run["tool"]["driver"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif_run["results"]]
    assert {"uri": "one.md", "uriBaseId": "%SRCROOT%"} in uris
    assert {"uri": "sub%20dir/three.md", "uriBaseId": "%SRCROOT%"} in uris
    assert all(rule["help"]["text"] for rule in sarif_run["tool"]["driver"]["rules"])
    invocation = sarif_run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notified = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for n in invocation["toolExecutionNotifications"]]
    assert notified == ["missing.md", "binary.md"]
    assert all(n["level"] == "error" and n["message"]["text"] for n in invocation["toolExecutionNotifications"])
    clean = json.loads(run("check", "--format", "sarif", "clean.md").stdout)["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_github_job_summary_lists_every_finding_past_the_annotation_limit(articles, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    many = tmp_path / "many.md"
    many.write_text("".join(f"The brutal raid number {i} ended.\n\n" for i in range(40)), encoding="utf-8")
    result = run("check", "--format", "github", str(many), *map(str, articles), str(tmp_path / "gone.md"))
    findings = _findings(many, *articles)
    assert len([x for x in result.stdout.splitlines() if not x.startswith("::error file=" + str(tmp_path / "gone.md"))]) \
        == len(findings)
    assert f"::error file={tmp_path / 'gone.md'},title=newslint::" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## newslint: ")  # appended, not replaced
    assert f"{len(findings)} findings in 3 of 4 files" in text
    assert len(re.findall(r"^- \d+:\d+ \*\*", text, re.M)) == len(findings)
    assert f"| {str(many)} | 0 | 40 | 0 | 40 |" in text.replace("\\_", "_")
    assert "| `loaded.adjectives` |" in text and "**Not linted:**" in text
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    before = summary.read_text(encoding="utf-8")
    run("check", "--format", "github", str(many))
    assert summary.read_text(encoding="utf-8") == before


def test_text_shows_a_window_around_the_span_on_a_long_line(tmp_path):
    words = ("The council met on Tuesday after a long week of talks and the mayor said the plan would "
             "pass with votes to spare. ")
    para = (words * 2 + "The brutal raid ended the talks. " + words * 2).strip()
    assert len(para) > 400
    path = tmp_path / "long.md"
    path.write_text(para + "\n", encoding="utf-8")
    out = run("check", "--no-color", str(path)).output
    (block,) = [b for b in out.split(f"{path}:") if "loaded.adjectives" in b]
    head, excerpt, marker, *rest = block.splitlines()
    assert excerpt.startswith("    \u2026") and excerpt.endswith("\u2026") and len(excerpt) <= 4 + 2 + 30 * 2 + 6 + 2
    assert excerpt[marker.index("^"):marker.rindex("^") + 1] == "brutal"
    assert len(excerpt) + len(marker) < 120  # the source shown for a finding, not the 400-character paragraph
    short = tmp_path / "short.md"
    short.write_text(BRUTAL, encoding="utf-8")
    assert "    The brutal raid ended.\n        ^^^^^^\n" in run("check", "--no-color", str(short)).output


def test_concise_is_one_line_per_finding(articles):
    result = run("check", "--format", "concise", *map(str, articles))
    findings = _findings(*articles)
    lines = result.output.splitlines()
    assert lines[:-1] == [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']}"
                          for f in findings]
    assert lines[-1].startswith(f"{len(findings)} findings in 3 files")


def test_text_marks_line_up_under_wide_and_combining_characters_and_controls_are_shown(tmp_path):
    """The mark under a span lines up on a terminal: a wide character (emoji, CJK) takes two cells, a
    combining mark none, a tab stays a tab; a control character of the source (an escape sequence that
    would retitle or recolour the terminal) is shown as its symbol, never sent to the terminal."""
    path = tmp_path / "wide.md"
    path.write_text("\U0001F600\U0001F600 \u4e2d\u6587 the brutal raid.\n\n"
                    "Cafe\u0301 e\u0301\tthe brutal raid.\n\n"
                    "The \x1b]0;pwned\x07brutal \x1b[31mraid.\n", encoding="utf-8")
    out = run("check", "--no-color", "--select", "loaded.adjectives", str(path)).output
    assert "    \U0001F600\U0001F600 \u4e2d\u6587 the brutal raid.\n" + " " * (4 + 14) + "^" * 6 + "\n" in out
    assert "    Cafe\u0301 e\u0301\tthe brutal raid.\n" + " " * (4 + 6) + "\t" + " " * 4 + "^" * 6 + "\n" in out
    assert "    The \u241b]0;pwned\u2407brutal \u241b[31mraid.\n" + " " * (4 + 14) + "^" * 6 + "\n" in out
    assert "\x1b" not in out and "\x07" not in out
