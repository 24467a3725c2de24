"""Markdown and MDX: template tags, MDX's ESM, JSX and {expressions} blanked; front matter headline
and dek fields read as a headline and a paragraph at their own offsets."""
from __future__ import annotations

from collections.abc import Sequence

from newslint.document import markup
from newslint.document.markup import Block, BlockKind, Markup
from newslint.readers import Layout, frontmatter, templates


def layout(text: str, kind: Markup = Markup.MARKDOWN, mdx: bool = False,
           headline: Sequence[str] = frontmatter.HEADLINE_FIELDS,
           dek: Sequence[str] = frontmatter.DEK_FIELDS) -> Layout:
    """The prose and blocks of a Markdown (or, with `mdx`, MDX) text, or of plain text.

    `text` has "\\n" line ends (CR and CRLF already read as "\\n" and " \\n", offsets kept).
    """
    if kind is not Markup.MARKDOWN:
        structure = markup.mask_structure(text, kind)
        return Layout(markup.mask_inline(structure, kind), markup.blocks(structure, kind))
    spans = templates.template_spans(text)
    if mdx:
        spans += templates.mdx_spans(text)
    structure = markup.mask_structure(markup.blank(text, spans) if spans else text, kind)
    found = frontmatter.fields(text, headline, dek) if text.startswith(("---", "+++")) else []
    blocks = markup.blocks(structure, kind)  # (the front matter is blank in `structure` still)
    head: list[Block] = []
    if found:
        pieces = list(structure)
        for field in found:
            for a, b in field.spans:
                pieces[a:b] = text[a:b]
            head.append(Block(field.start, field.end, BlockKind.HEADING if field.headline else BlockKind.PARAGRAPH))
        structure = "".join(pieces)
    prose = markup.mask_inline(structure, kind)
    return Layout(prose, head + blocks)
