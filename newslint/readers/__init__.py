"""Readers: one module per input format, each turning a file into the text the rules read (`Layout`)."""
from __future__ import annotations

from typing import NamedTuple

from newslint.markup import Block


class Layout(NamedTuple):
    """What a reader makes of a text: `prose` is the text with what is not prose blanked (spaces, same
    length, newlines kept), so that every offset into it is an offset into the text; `blocks` are the
    paragraphs, headings and list items, in order."""

    prose: str
    blocks: list[Block]
