from __future__ import annotations

import io

import pytest

from newslint.errors import InputError
from newslint.finding import Finding, Severity
from newslint.document.markup import BlockKind
from newslint.readers import docx as reader

docx = pytest.importorskip("docx")


def story() -> bytes:
    document = docx.Document()
    document.add_heading("Council's shocking vote", level=1)
    p = document.add_paragraph("The mayor ")
    p.add_run("called the plan").bold = True
    p.add_run(" a disaster on Monday.")
    document.add_paragraph("")
    document.add_paragraph("Critics\tslammed it.", style="List Bullet")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "In a table cell."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_one_line_per_paragraph() -> None:
    text, lay = reader.read(story(), "story.docx")
    assert text.split("\n") == ["Council's shocking vote", "The mayor called the plan a disaster on Monday.", "",
                                "Critics\tslammed it.", "In a table cell."]
    assert [b.kind for b in lay.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.PARAGRAPH]
    assert lay.prose == text


def test_annotated_copy_has_a_comment_on_the_flagged_words() -> None:
    data = story()
    findings = [
        Finding("story.docx", 1, 11, 1, 19, 10, 18, "loaded.adjectives", Severity.WARNING, "'shocking' is loaded.",
                "shocking", ("describe what happened",)),
        # across two runs: "called the plan a" spans the bold run and the next
        Finding("story.docx", 2, 11, 2, 28, 30, 47, "x.y", Severity.WARNING, "Two runs.", "called the plan a", ()),
        Finding("story.docx", 4, 9, 4, 16, 70, 77, "loaded.neutral", Severity.WARNING, "'slammed' dramatizes.", "slammed",
                ("criticized",)),
    ]
    out = reader.annotate(data, "story.docx", findings)
    assert reader.read(out, "story.newslint.docx")[0] == reader.read(data, "story.docx")[0]  # the text is unchanged
    assert reader.comments(out, "story.newslint.docx") == [
        ("newslint", 1, "shocking", "'shocking' is loaded. (loaded.adjectives)\nSuggestion: describe what happened"),
        ("newslint", 2, "called the plan a", "Two runs. (x.y)"),
        ("newslint", 4, "slammed", "'slammed' dramatizes. (loaded.neutral)\nSuggestion: criticized"),
    ]
    assert reader.comments(data, "story.docx") == []


def test_annotated_name() -> None:
    assert reader.annotated_name("drafts/story.docx") == "drafts/story.newslint.docx"


def test_a_damaged_file_is_an_error_naming_it() -> None:
    with pytest.raises(InputError, match=r"bad\.docx: not a readable \.docx"):
        reader.read(b"PK\x03\x04 not really", "bad.docx")


def _hyperlink(paragraph, url: str, *texts: str) -> None:
    """A w:hyperlink to `url` made of one run per text (as Word writes a link with mixed formatting)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    for text in texts:
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        run.append(t)
        link.append(run)
    paragraph._p.append(link)


def test_hyperlinks_carry_their_targets_and_a_word_source_list_is_checked_by_them() -> None:
    from newslint.document import Document

    document = docx.Document()
    p = document.add_paragraph("Fighters attacked a unit on Friday, ")
    _hyperlink(p, "https://harbor.example/report/2024/01/05", "the harbour ", "board")
    p.add_run(" said.")
    document.add_heading("Sources", level=2)
    _hyperlink(document.add_paragraph(style="List Bullet"), "https://www.aljazeera.com/", "Al Jazeera")
    out = io.BytesIO()
    document.save(out)
    text, lay = reader.read(out.getvalue(), "story.docx")
    assert [(text[a:b], url) for a, b, url in lay.links] == [
        ("the harbour board", "https://harbor.example/report/2024/01/05"), ("Al Jazeera", "https://www.aljazeera.com/")]
    doc = Document.from_bytes(out.getvalue(), "story.docx")
    assert [(e.label, e.url) for s in doc.source_lists for e in s.entries] == [("Al Jazeera", "https://www.aljazeera.com/")]
