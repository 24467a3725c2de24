"""The document model: an article as every rule reads it, computed once per document.

`model.Document` holds the decoded text and what is read from it: positions (`positions`), blocks
and the masked prose (`markup`), sentences (`sentences`), quotations (`quotations`), source lists
(`sources`), readers' sections (`comments`). `decode` turns bytes into text. Every offset is a
code-point offset into the original text, so a finding's position is carried, never re-searched.
"""
from __future__ import annotations

from newslint.document.decode import MAX_BYTES, decode
from newslint.document.model import Document, Scope, Sentence
from newslint.document.sources import SourceEntry, SourceList

__all__ = ["MAX_BYTES", "Document", "Scope", "Sentence", "SourceEntry", "SourceList", "decode"]
