"""Readers: one module per input format, each turning a file into the text the rules read (`Layout`).

Markdown, MDX, plain text and HTML are read where they stand: the prose is the file's text with
what is not prose blanked, so offsets are the file's. A Word document's text is built one line per
paragraph, and a JSON archive's record is its decoded text field: positions are then by paragraph,
or in the record's text.
"""
from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from newslint.document.markup import Block, Markup
from newslint.readers import frontmatter, jsonl
from newslint.schema import Option, Where, boolean, check_mapping, string, strings


class Layout(NamedTuple):
    """What a reader makes of a text: `prose` is the text with what is not prose blanked (spaces, same
    length, newlines kept), so that every offset into it is an offset into the text; `blocks` are the
    paragraphs, headings and list items, in order; `decoded` are the spans (sorted, apart) whose prose
    stands for the text but not character for character: an HTML character reference ("&mdash;" reads
    "—" and blanks), and a word the reader joined across one ("don&rsquo;t" reads "don’t" and blanks).
    Terms match across them; a finding on them is reported, never fixed. `links` are the links whose
    targets are markup, not prose (an HTML `<a href>`): the span of each one's text, and its target.
    `declared` are the labels the source gives itself, as written (an HTML page's section, "Reviews",
    and its schema.org type, "OpinionNewsArticle"): `articles` reads an article type from them."""

    prose: str
    blocks: list[Block]
    decoded: tuple[tuple[int, int], ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()
    declared: tuple[str, ...] = ()


class Format(enum.Enum):
    """The input formats, each read by its module here."""

    MARKDOWN = "markdown"
    MDX = "mdx"
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    JSONL = "jsonl"
    JSON = "json"

    @property
    def archive(self) -> bool:
        """One article per record: findings are reported per record, and never fixed in place."""
        return self in (Format.JSONL, Format.JSON)


# Extensions read when folders are walked (and when a file is named). A `.json` file is read when
# named, or when the configuration maps `.json` (a project's folders hold many JSON files that are
# not archives of articles).
EXTENSIONS: Mapping[str, Format] = {
    ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN, ".mdx": Format.MDX, ".txt": Format.TEXT,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML, ".docx": Format.DOCX,
    ".jsonl": Format.JSONL, ".ndjson": Format.JSONL,
}
NAMED_ONLY: Mapping[str, Format] = {".json": Format.JSON}


class ReadOptions(NamedTuple):
    """How files are read: the `readers:` table of the configuration, and the command line's options."""

    extensions: Mapping[str, Format] = EXTENSIONS
    headline_fields: tuple[str, ...] = frontmatter.HEADLINE_FIELDS
    dek_fields: tuple[str, ...] = frontmatter.DEK_FIELDS
    html_selector: str = "article, main"
    text_fields: tuple[str, ...] = jsonl.TEXT_FIELDS
    id_fields: tuple[str, ...] = jsonl.ID_FIELDS
    ignore_files: bool = True  # walking a folder honours .gitignore and .newslintignore

    def format_for(self, path: str, named: bool = False) -> Format | None:
        """The format of a file by its extension (`named`: given on the command line); None if unread."""
        suffix = _suffix(path)
        found = self.extensions.get(suffix)
        if found is None and named:
            found = NAMED_ONLY.get(suffix)
        return found


@functools.lru_cache(maxsize=64)
def _suffix(path: str) -> str:
    """A path's extension, lower-cased (asked several times of each file as it is listed, read and linted).
    A plain last name ("a/b.txt") is read as a string, as `Path.suffix` reads it; any other path by `Path`."""
    name = path.rpartition("/")[2]
    if not name or name in (".", "..") or "\\" in path:
        return Path(path).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _extensions(value: Any, where: Where) -> dict[str, Format]:
    if not isinstance(value, dict):
        raise where.error("expected a mapping of extension: reader")
    out = dict(EXTENSIONS)
    names = ", ".join(f.value for f in Format)
    for key, reader in value.items():
        ext = str(key).lower()
        ext = ext if ext.startswith(".") else "." + ext
        try:
            out[ext] = Format(str(reader).lower())
        except ValueError:
            raise where.child(str(key)).error(f"unknown reader {reader!r} (choose from {names})") from None
    return out


def _selector(value: Any, where: Where) -> str:
    from newslint.readers.html import parse_selector

    text = string(value, where)
    try:
        parse_selector(text)
    except ValueError as exc:
        raise where.error(str(exc)) from None
    return text


_DEFAULTS = ReadOptions()
OPTIONS = {
    "extensions": Option(_extensions, _DEFAULTS.extensions),
    "headline_fields": Option(strings, _DEFAULTS.headline_fields),
    "dek_fields": Option(strings, _DEFAULTS.dek_fields),
    "html_selector": Option(_selector, _DEFAULTS.html_selector),
    "text_fields": Option(strings, _DEFAULTS.text_fields),
    "id_fields": Option(strings, _DEFAULTS.id_fields),
    "ignore_files": Option(boolean, _DEFAULTS.ignore_files),
}


def read_options(value: Any, where: Where) -> ReadOptions:
    """The configuration's `readers:` table, validated (unknown keys are errors)."""
    return ReadOptions(**check_mapping(value, OPTIONS, where))


def layout(text: str, fmt: Format, options: ReadOptions = _DEFAULTS) -> Layout:
    """The layout of a text-based format (`text` with "\\n" line ends, offsets kept)."""
    if fmt is Format.HTML:
        from newslint.readers import html

        return html.layout(text, options.html_selector)
    from newslint.readers import markdown

    kind = Markup.TEXT if fmt is Format.TEXT else Markup.MARKDOWN
    return markdown.layout(text, kind, fmt is Format.MDX, options.headline_fields, options.dek_fields)
