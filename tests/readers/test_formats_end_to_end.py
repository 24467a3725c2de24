"""One story in every format: the same findings, each at its own file's line and column."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main

HEADLINE = "Council's shocking vote on the bridge"
DEK = "Critics slammed the plan on Monday."
BODY = "The council voted 7-2 on Tuesday to close the bridge. Experts say the decision will hurt trade."
QUOTE = "the mayor said. Residents called the move a disaster."

MARKDOWN = f"""---
title: {HEADLINE}
description: {DEK}
---

{BODY}

"We had no choice," {QUOTE}
"""

HTML = f"""<!doctype html>
<html><head><title>The best deals ever</title><script>var s = "slammed";</script></head>
<body>
<nav><a href="/deals">Home</a> | the best deals ever, shocking prices</nav>
<main><article>
<h1>Council&rsquo;s shocking vote on the bridge</h1>
<p class="dek">{DEK}</p>
<p>{BODY}</p>
<blockquote><p>We had no choice, we will never give up on the bridge</p></blockquote>
<p><q>We had no choice,</q> {QUOTE}</p>
</article></main>
<footer>Shocking offers every day</footer>
</body></html>
"""

MDX = f"""---
title: "{HEADLINE}"
summary: '{DEK}'
---
import {{ Map }} from "../components/map"
export const meta = {{ note: "shocking" }}

<Map place="bridge" caption={{"slammed"}} />

{BODY} {{props.footnote}}

{{% include related.html tag="shocking" %}}
"""

# (rule, line, column, end column) of each finding, in each format
EXPECTED = {
    "md": [("loaded.adjectives", 2, 18, 26), ("loaded.neutral", 3, 22, 29), ("weasel.attributions", 6, 55, 66)],
    "html": [("loaded.adjectives", 6, 21, 29), ("loaded.neutral", 7, 24, 31), ("weasel.attributions", 8, 58, 69)],
    "mdx": [("loaded.adjectives", 2, 19, 27), ("loaded.neutral", 3, 19, 26), ("weasel.attributions", 10, 55, 66)],
    "docx": [("loaded.adjectives", 1, 11, 19), ("loaded.neutral", 2, 9, 16), ("weasel.attributions", 3, 55, 66)],
    "jsonl": [("loaded.adjectives", 1, 13, 21), ("loaded.neutral", 3, 9, 16), ("weasel.attributions", 5, 55, 66)],
}
SELECT = "loaded,weasel,attribution"


def docx_story() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(HEADLINE, level=1)
    document.add_paragraph(DEK)
    p = document.add_paragraph("The council voted 7-2 on Tuesday to close the bridge. ")
    p.add_run("Experts").italic = True  # the flagged words span two runs
    p.add_run(" say the decision will hurt trade.")
    document.add_paragraph(f"“We had no choice,” {QUOTE}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_story(folder: Path, ext: str) -> Path:
    path = folder / f"story.{ext}"
    if ext == "md":
        path.write_text(MARKDOWN, encoding="utf-8")
    elif ext == "html":
        path.write_text(HTML, encoding="utf-8")
    elif ext == "mdx":
        path.write_text(MDX, encoding="utf-8")
    elif ext == "docx":
        path.write_bytes(docx_story())
    else:
        body = f"# {HEADLINE}\n\n{DEK}\n\n{BODY}\n\n\"We had no choice,\" {QUOTE}\n"
        records = [{"id": "bridge-42", "body": body}, {"id": "calm-1", "body": "A calm day in the city."}]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, list[dict[str, object]], str]:
    chosen = [] if "--select" in args else ["--select", SELECT]
    result = CliRunner().invoke(main, ["check", "--format", "json", *chosen, *args])
    findings = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return result.exit_code, findings, result.stderr


@pytest.mark.parametrize("ext", sorted(EXPECTED))
def test_the_same_story_in_every_format(tmp_path: Path, ext: str) -> None:
    path = write_story(tmp_path, ext)
    code, findings, stderr = check(str(path))
    assert code == 1, stderr
    got = [(f["rule"], f["line"], f["column"], f["end_column"]) for f in findings]
    assert got == EXPECTED[ext]
    texts = [" ".join(str(f["text"]).split()) for f in findings]
    assert texts == ["shocking", "slammed", "Experts say"]
    expected_path = f"{path}#bridge-42" if ext == "jsonl" else str(path)
    assert {f["path"] for f in findings} == {expected_path}


def test_html_navigation_scripts_and_blockquote_are_not_flagged(tmp_path: Path) -> None:
    path = write_story(tmp_path, "html")
    _, findings, _ = check("--select", "loaded,puffery,attribution", str(path))
    lines = {f["line"] for f in findings}
    assert not lines & {2, 4, 11}  # head, nav and footer
    assert all(f["rule"] != "attribution.quotes" or f["line"] != 9 for f in findings)


def test_annotated_copy_holds_the_findings_as_comments(tmp_path: Path) -> None:
    from newslint.readers import docx as reader

    path = write_story(tmp_path, "docx")
    original = path.read_bytes()
    code, findings, stderr = check("--annotate", str(path))
    assert code == 1, stderr
    assert path.read_bytes() == original  # never the original
    copy = tmp_path / "story.newslint.docx"
    assert f"newslint: wrote {copy}" in stderr  # where the copy went is said
    comments = reader.comments(copy.read_bytes(), str(copy))
    assert [(c[0], c[1], c[2]) for c in comments] == [("newslint", f["line"], f["text"]) for f in findings]
    for (_, _, _, note), f in zip(comments, findings):
        assert note.startswith(f"{f['message']} ({f['rule']})")
        assert note.endswith("Suggestion: " + "; ".join(f["suggestions"]))  # type: ignore[arg-type]
    # the copy opens and reads as the same text, and is not linted as a story of its own
    assert reader.read(copy.read_bytes(), str(copy))[0] == reader.read(original, str(path))[0]
    code, again, stderr = check(str(tmp_path))
    assert {f["path"] for f in again} == {str(path)}


def test_annotate_says_so_when_no_word_file_was_linted(tmp_path: Path) -> None:
    """--annotate on copy that is not a Word draft writes nothing, and says so rather than staying silent."""
    path = write_story(tmp_path, "md")
    code, findings, stderr = check("--annotate", str(path))
    assert code == 1 and findings, stderr
    assert "no Word file (.docx) was linted; no annotated copy written" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_jsonl_records_split_among_workers_give_the_same_findings(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    records = [{"id": f"r{i}", "text": f"Story {i}: critics slammed the plan." if i % 3 else "A calm day."}
               for i in range(3000)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    one = check("--jobs", "1", str(path))
    two = check("--jobs", "2", str(path))
    assert one[0] == two[0] == 1
    assert one[1] == two[1] and len(one[1]) == 2000
    assert one[1][0]["path"] == f"{path}#r1" and one[1][0]["column"] == 18


def test_archive_text_and_id_fields_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"key": "a", "copy": {"plain": "Critics slammed it."}}]), encoding="utf-8")
    code, findings, stderr = check("--text-field", "copy.plain", "--id-field", "key", str(path))
    assert code == 1, stderr
    assert [(f["path"], f["line"], f["column"]) for f in findings] == [(f"{path}#a", 1, 9)]
    code, _, stderr = check(str(path))
    assert code == 2 and f"{path}#L1: no text field (looked for text, body" in stderr


def test_json_escaped_quotes_are_the_storys_quotation_marks(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": 'Critics slammed it. "The plan is shocking," he said.'}) + "\n")
    _, findings, _ = check("--select", "loaded", str(path))
    assert [f["text"] for f in findings] == ["slammed"]  # the body is not one quotation; the quote is one


def test_readers_table_in_configuration(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text(
        "readers:\n  extensions: {'.story': markdown}\n  headline_fields: [headline]\n  html_selector: '#copy'\n",
        encoding="utf-8")
    (tmp_path / "a.story").write_text("---\nheadline: A shocking vote\ntitle: A shocking title\n---\nBody.\n")
    (tmp_path / "b.html").write_text('<div>Shocking nav</div><div id="copy">A shocking result.</div>')
    _, findings, stderr = check("--select", "loaded", str(tmp_path))
    assert [(Path(str(f["path"])).name, f["line"], f["column"]) for f in findings] == [
        ("a.story", 2, 13), ("b.html", 1, 41)]
    (tmp_path / ".newslint.yaml").write_text("readers:\n  html_selector: 'div p'\n")
    code, _, stderr = check(str(tmp_path))
    assert code == 2 and "readers.html_selector" in stderr and "unsupported selector" in stderr


def test_never_silent(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    code, _, stderr = check(str(tmp_path))
    assert code == 2 and f"no file linted in {tmp_path} (skipped: 2 not a supported type)" in stderr
    story = tmp_path / "story.md"
    story.write_text("A calm day.\n")
    code, _, stderr = check(str(tmp_path / "photo.png"), str(story))
    assert code == 2 and f"{tmp_path / 'photo.png'}: skipped: not a supported type" in stderr
    result = CliRunner().invoke(main, ["check", "--no-color", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith("; 2 files skipped (2 not a supported type)")


def test_ignore_files_are_honoured_unless_turned_off(tmp_path: Path) -> None:
    (tmp_path / ".newslintignore").write_text("drafts/\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("Critics slammed it.\n")
    (tmp_path / "node_modules" / "pkg").mkdir(parents=True)
    (tmp_path / "node_modules" / "pkg" / "README.md").write_text("Critics slammed it.\n")
    (tmp_path / "story.md").write_text("A calm day.\n")
    assert check(str(tmp_path))[:2] == (0, [])
    code, findings, _ = check("--no-ignore-files", str(tmp_path))
    assert code == 1 and [Path(str(f["path"])).name for f in findings] == ["a.md"]


def test_a_missing_docx_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    path = write_story(tmp_path, "docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    code, _, stderr = check(str(path))
    assert code == 2 and "pip install 'newslint[docx]'" in stderr and str(path) in stderr


def test_readme_readers_example_is_a_valid_configuration(tmp_path: Path) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"^```yaml\n(readers:\n.*?)^```", readme, re.DOTALL | re.MULTILINE)
    (tmp_path / ".newslint.yaml").write_text(example, encoding="utf-8")
    (tmp_path / "a.story").write_text("---\ntitle: A shocking vote\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"guid": "g", "body": "Critics slammed it."}]), encoding="utf-8")
    _, findings, stderr = check("--select", "loaded", str(tmp_path))
    assert [Path(str(f["path"])).name for f in findings] == ["a.story", "b.json#g"], stderr


@pytest.mark.parametrize(("ext", "comment"), [("html", "<!-- newslint-disable-next-line loaded -->"),
                                              ("mdx", "{/* newslint-disable-next-line loaded */}")])
def test_suppression_comments_in_html_and_mdx(tmp_path: Path, ext: str, comment: str) -> None:
    body = "Critics slammed the plan.\nThe mayor slammed it too.\n"
    text = f"<article>{comment}\n{body}</article>" if ext == "html" else f"{comment}\n{body}"
    path = tmp_path / f"story.{ext}"
    path.write_text(text, encoding="utf-8")
    _, findings, stderr = check("--select", "loaded", str(path))
    assert [(f["line"], f["column"], f["text"]) for f in findings] == [(3, 11, "slammed")], stderr


@pytest.mark.skipif(not any(__import__("shutil").which(n) for n in ("soffice", "libreoffice")),
                    reason="LibreOffice is not installed")
def test_annotated_copy_renders_in_libreoffice(tmp_path: Path) -> None:
    import shutil
    import subprocess

    path = write_story(tmp_path, "docx")
    assert check("--annotate", str(path))[0] == 1
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    done = subprocess.run([office, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"),
                           str(tmp_path / "story.newslint.docx")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "story.newslint.txt").read_text(encoding="utf-8-sig")
    assert HEADLINE in text and BODY in text


def test_a_web_pages_source_list_of_linked_paragraphs_is_read_under_its_heading(tmp_path: Path) -> None:
    page = ("<article><h1>Library to close</h1><p>The council voted on Monday to close the library, its leader said.</p>\n"
            "<p><b>Sources:</b></p>\n<p><a href=\"https://www.bbc.com/\">BBC</a></p>\n"
            "<p><a href=\"https://harlow.example/news/2026/03/library-vote\">Council votes to shut library</a></p>\n"
            "<p><b>Read more:</b></p>\n<p><a href=\"/news/2026/03/budget\">What the budget means for you</a></p>\n"
            "</article>\n")
    path = tmp_path / "story.html"
    path.write_text(page, encoding="utf-8")
    _, findings, _ = check("--select", "sources", str(path))
    assert [(f["rule"], f["line"], f["text"]) for f in findings] == [("sources.homepage", 3, "BBC")]


@pytest.mark.parametrize("path", [
    "a.txt", "A.TXT", "x/y.md", "x/.md", "x/y.", "x/y", "..", ".", "", "a/b/", "a/.hidden.txt", "c:\\x\\y.md",
    "a.tar.gz", "x/y.txt/", ".txt", "a..b", "a/..", "/", "//x.y", "x/./", "<text>", "story.with.dots.HTML",
])
def test_an_extension_is_read_from_the_name_as_a_path_reads_it(path):
    from newslint.readers import _suffix

    assert _suffix(path) == Path(path).suffix.lower()
