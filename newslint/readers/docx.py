"""Word (.docx): paragraphs and headings as text, one line per paragraph; findings as Word comments.

Positions in a .docx are by paragraph: line N is the document's Nth paragraph (counting every
paragraph in reading order, empty ones and those in tables included) and column C its Cth
character. The text read is the paragraphs' text, one per line (tabs kept, line breaks within a
paragraph read as spaces); deleted text of tracked changes is not read, inserted text is.
Needs python-docx: `pip install 'newslint[docx]'`.
"""
from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newslint.errors import InputError
from newslint.document import markup
from newslint.document.markup import Block, BlockKind, Markup
from newslint.readers import Layout

if TYPE_CHECKING:
    from newslint.finding import Finding

AUTHOR = "newslint"
INITIALS = "NL"
# An annotated copy records, as its identifier property, a digest of what it held when written: a copy
# whose words or comments differ from that (someone edited it), or with no record, is not replaced.
MARK = "newslint-annotated:"
_PLAIN_RUN = frozenset({"rPr", "t", "tab", "br", "cr"})  # a run made only of these may be split


def _library(path: str) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(path, "reading .docx files needs the docx extra: pip install 'newslint[docx]'") from None
    return docx


def _open(data: bytes, path: str) -> Any:
    docx = _library(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged file: zip, XML or package errors alike
        raise InputError(path, f"not a readable .docx ({type(exc).__name__}: {exc})") from None


def _qn(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _paragraphs(document: Any) -> list[Any]:
    """Every w:p of the body, in reading order (tables' and text boxes' included)."""
    return list(document.element.body.iter(_qn("p")))


def _runs(p: Any) -> list[Any]:
    """The paragraph's own w:r elements with text, in order: not those of deleted text, nor of a
    paragraph nested in it (a text box)."""
    out = []
    for r in p.iter(_qn("r")):
        parent = r.getparent()
        nested = False
        while parent is not None and parent is not p:
            if parent.tag in (_qn("del"), _qn("p")):
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            out.append(r)
    return out


def _run_text(r: Any) -> str:
    return str(r.text).replace("\n", " ").replace("\r", " ")


def _kind(p: Any, document: Any) -> BlockKind:
    style = p.style  # the style id (localized in some Word versions), or None
    name = style or ""
    if style:
        found = document.styles.element.get_by_id(style)
        if found is not None and found.name_val:
            name = found.name_val  # built-in styles' names are English in the file: "heading 1", "Title"
    lowered = name.lower()
    if lowered.startswith(("heading", "title")):
        return BlockKind.HEADING
    if lowered.startswith("list") or p.find(f"{_qn('pPr')}/{_qn('numPr')}") is not None:
        return BlockKind.ITEM
    return BlockKind.PARAGRAPH


_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _target(run: Any, document: Any) -> tuple[Any, str] | None:
    """The hyperlink a run stands in, and its external target; None outside one."""
    parent = run.getparent()
    if parent is None or parent.tag != _qn("hyperlink"):
        return None
    rel = document.part.rels.get(parent.get(_REL_ID) or "")
    return (parent, str(rel.target_ref)) if rel is not None and rel.is_external else None


def read(data: bytes, path: str) -> tuple[str, Layout]:
    """The document's text (one line per paragraph) and its layout, with its hyperlinks' targets."""
    document = _open(data, path)
    texts: list[str] = []
    blocks: list[Block] = []
    links: list[tuple[int, int, str]] = []
    pos = 0
    for p in _paragraphs(document):
        pieces = []
        at = pos
        link: tuple[Any, str] | None = None
        for r in _runs(p):
            piece = _run_text(r)
            target = _target(r, document)
            if target is not None and link is not None and target[0] is link[0]:
                links[-1] = (links[-1][0], at + len(piece), target[1])  # the same link, one more run
            elif target is not None:
                links.append((at, at + len(piece), target[1]))
            link = target
            pieces.append(piece)
            at += len(piece)
        text = "".join(pieces)
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            blocks.append(Block(pos + lead, pos + lead + len(stripped), _kind(p, document)))
        texts.append(text)
        pos += len(text) + 1
    text = "\n".join(texts)
    return text, Layout(markup.mask_inline(text, Markup.TEXT), blocks, links=tuple(links))


def annotated_name(name: str) -> str:
    """story.docx -> story.newslint.docx"""
    return (name[:-5] if name.lower().endswith(".docx") else name) + ".newslint.docx"


def annotate(data: bytes, path: str, findings: Iterable[Finding]) -> bytes:
    """A copy of the document with each finding as a comment by "newslint" on the flagged words."""
    docx = _library(path)
    from docx.text.run import Run

    document = _open(data, path)
    paragraphs = _paragraphs(document)
    for f in findings:
        if not 1 <= f.line <= len(paragraphs) or not 1 <= f.end_line <= len(paragraphs):
            continue
        first = _isolate(paragraphs[f.line - 1], f.column - 1, None if f.end_line > f.line else f.end_column - 1)
        last = first if f.end_line == f.line else _isolate(paragraphs[f.end_line - 1], 0, f.end_column - 1)
        if not first or not last:
            continue
        parent = docx.text.paragraph.Paragraph(paragraphs[f.line - 1], document._body)
        comment = document.add_comment([Run(first[0], parent), Run(last[-1], parent)],
                                       text=f"{f.message} ({f.rule})", author=AUTHOR, initials=INITIALS)
        if f.suggestions:
            comment.add_paragraph("Suggestion: " + "; ".join(f.suggestions))
    document.core_properties.identifier = MARK + _held(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def edited(data: bytes, path: str) -> bool:
    """Does the annotated copy `data` hold words or comments other than those newslint wrote into it
    (a reader's replies and edits), or is it no copy newslint wrote? Either way it is not replaced."""
    try:
        document = _open(data, path)
    except InputError:
        return True
    mark = document.core_properties.identifier or ""
    return not mark.startswith(MARK) or mark[len(MARK):] != _held(document)


def _held(document: Any) -> str:
    """A digest of the document's paragraphs and comments (author and text): what a reader edits."""
    import hashlib

    digest = hashlib.sha256()
    for p in _paragraphs(document):
        digest.update("".join(_run_text(r) for r in _runs(p)).encode("utf-8") + b"\n")
    for c in document.comments:
        digest.update(f"\x00{c.author}\x01{c.text}".encode("utf-8"))
    return digest.hexdigest()


def _isolate(p: Any, start: int, end: int | None) -> list[Any]:
    """The runs that hold exactly text[start:end] of the paragraph (runs split at the edges where
    they are plain text; otherwise the whole runs that touch the range)."""
    for edge in (start, end):
        if edge is not None:
            _split_at(p, edge)
    out = []
    pos = 0
    for r in _runs(p):
        length = len(_run_text(r))
        if length and pos < (end if end is not None else 1 << 62) and pos + length > start:
            out.append(r)
        pos += length
    return out


def _split_at(p: Any, offset: int) -> None:
    """Split the run in which `offset` falls strictly inside, when it is plain text."""
    pos = 0
    for r in _runs(p):
        text = str(r.text)
        length = len(text)
        if pos < offset < pos + length:
            if any(_local(child.tag) not in _PLAIN_RUN for child in r):
                return
            right = copy.deepcopy(r)
            r.text = text[:offset - pos]
            right.text = text[offset - pos:]
            r.addnext(right)
            return
        pos += length


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def comments(data: bytes, path: str) -> list[tuple[str, int, str, str]]:
    """The document's comments as (author, paragraph line, anchored text, comment text), in order of
    their anchors: how an annotated copy reads back."""
    document = _open(data, path)
    by_id = {str(c.comment_id): c for c in document.comments}
    out: list[tuple[str, int, str, str]] = []
    for line, p in enumerate(_paragraphs(document), 1):
        for start in p.iter(_qn("commentRangeStart")):
            cid = start.get(_qn("id"))
            out.append((by_id[cid].author, line, _anchored(p, cid), by_id[cid].text) if cid in by_id else
                       ("", line, "", ""))
    return out


def _anchored(p: Any, cid: str) -> str:
    """The text between a comment's range start and end marks within paragraph `p`."""
    inside = False
    runs = _runs(p)
    parts: list[str] = []
    for el in p.iter(_qn("commentRangeStart"), _qn("commentRangeEnd"), _qn("r")):
        if el.tag == _qn("commentRangeStart") and el.get(_qn("id")) == cid:
            inside = True
        elif el.tag == _qn("commentRangeEnd") and el.get(_qn("id")) == cid:
            break
        elif inside and el.tag == _qn("r") and el in runs:
            parts.append(_run_text(el))
    return "".join(parts)
