"""One target to its documents: a file (read by the reader of its extension), or an archive's records."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.errors import InputError
from newslint.readers import Format, ReadOptions, jsonl

if TYPE_CHECKING:
    from newslint.document import Document

_HTML_START = ("<!doctype", "<html", "<article", "<p>", "<p ", "<div", "<section", "<h1", "<h2")


def documents(target: Path | jsonl.Slice, options: ReadOptions, encoding: str | None = None,
              display: str | None = None) -> Iterator[Document | InputError]:
    """The documents of a file (one, or one per record of an archive), with an error in the place
    of each record that cannot be read; a file that cannot be read raises InputError."""
    from newslint.document import Document

    fields = jsonl.Fields(options.text_fields, options.id_fields)
    if isinstance(target, jsonl.Slice):
        records: Iterator[jsonl.Record] = jsonl.read_slice(target, fields)
    elif options.format_for(str(target), named=True) is Format.JSON:
        records = jsonl.read_array(target, fields)
    elif options.format_for(str(target), named=True) is Format.JSONL:  # (listed whole, not sliced)
        records = (r for part in jsonl.slices(target) for r in jsonl.read_slice(part, fields))
    else:
        yield Document.read(target, display, encoding, options)
        return
    for record in records:
        if record.text is None:
            yield InputError(record.name, record.error or "not read")
        else:
            yield record_document(record.name, record.text, options)


def record_document(name: str, text: str, options: ReadOptions) -> Document:
    """An archive record's text: HTML when it begins like a page or a block of HTML, else Markdown."""
    from newslint.document import Document

    fmt = Format.HTML if text.lstrip()[:9].lower().startswith(_HTML_START) else Format.MARKDOWN
    return Document.from_text(text, name, options=options, fmt=fmt)
