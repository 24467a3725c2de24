"""The one place the server calls newslint's pipeline: the same configuration, rules, suppressions,
article type and selection the command line applies to a file at that path."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping, NamedTuple

from newslint.document import MAX_BYTES, Document
from newslint.engine import Engine
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding
from newslint.readers import Format
from newslint.rulebook import Rule

# Files whose change may change what a file's lint gives: configurations and ignore files (rule
# and lexicon files are YAML files anywhere).
CONFIG_NAMES = frozenset({".newslint.yaml", ".newslint.yml", "pyproject.toml", ".gitignore", ".newslintignore"})
# What an unsaved buffer holds, by the editor's languageId. Anything else is read as Markdown, plain
# text too: an editor's new untitled buffer is plain text until saved, and copy typed there is Markdown.
LANGUAGES = {"markdown": Format.MARKDOWN, "mdx": Format.MDX, "html": Format.HTML}
# The formats an editor buffer holds as text (a Word file is not text; an archive holds many articles).
BUFFER_FORMATS = frozenset({Format.MARKDOWN, Format.MDX, Format.TEXT, Format.HTML})

if TYPE_CHECKING:
    from newslint.fixes import Fixer


class Located(NamedTuple):
    """A finding and its code-point offsets in the buffer's text, and those of the findings of other
    rules folded into it (start, end, rule)."""

    start: int
    end: int
    finding: Finding
    related: tuple[tuple[int, int, str], ...] = ()


class Result(NamedTuple):
    findings: list[Located]
    fixers: Mapping[str, Fixer]  # rule id -> the fix its kind offers for a flagged text (see `fixes`)
    rules: Mapping[str, Rule]  # every rule of the file's rule set, by id
    errors: tuple[str, ...]  # rules that timed out (skipped, the others' findings kept)
    format: Format = Format.MARKDOWN  # how the buffer was read
    quoted: tuple[tuple[int, int], ...] = ()  # the document's quotations and joined words (offsets after any BOM): fixes leave them alone


class Linter:
    """Configurations and rule sets, cached as the command line caches them for one run, until a
    configuration or rule file changes (`reset`)."""

    def __init__(self) -> None:
        self.engine = Engine()
        self._wanted: dict[Path, bool] = {}

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def wants(self, path: Path) -> bool:
        """Whether `newslint check` on the project lints this file: its type (by the configuration's
        `readers: extensions`), not excluded by the configuration nor in an ignore file. A
        configuration error is reported when the file is linted."""
        if path not in self._wanted:
            try:
                config = self.engine.config_for(path)
                wanted = config.readers.format_for(path.name) in BUFFER_FORMATS and not config.excludes(path) \
                    and not (config.readers.ignore_files and _ignored(path))
            except NewslintError:
                wanted = True
            self._wanted[path] = wanted
        return self._wanted[path]

    def lint(self, text: str, path: Path | None, display: str, base: Path | None = None,
             language: str = "markdown") -> Result:
        """Lint a buffer as `newslint check --stdin-filename PATH -` lints it. An unsaved buffer
        (`path` None) is read by its `language` (an LSP languageId; Markdown if it is none newslint
        reads), configured by the nearest configuration to `base`, a folder. Raises NewslintError
        for a bad configuration or rule file."""
        if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise InputError(display, f"larger than {MAX_BYTES // (1024 * 1024)} MB; not linted")
        config = self.engine.config_for(path if path is not None else (base or Path.cwd()) / "untitled.md")
        fmt = config.readers.format_for(path.name) if path is not None else LANGUAGES.get(language, Format.MARKDOWN)
        doc = Document.from_text(text, display, options=self.engine.options_for(config), fmt=fmt or Format.MARKDOWN)
        outcome = self.engine.lint_document(doc, path, config)
        ruleset = self.engine.ruleset(config)
        bom = 1 if text.startswith("\ufeff") else 0
        located = [Located(bom + f.start, bom + f.end, f._replace(path=display),
                           tuple((bom + r.start, bom + r.end, r.rule) for r in f.related))
                   for f in outcome.findings]
        return Result(located, ruleset.fixers, {r.id: r for r in ruleset.rules}, outcome.errors,
                      fmt or Format.MARKDOWN, tuple(outcome.document.unfixable()))


def _ignored(path: Path) -> bool:
    """In a `.gitignore` or `.newslintignore` of its folder or one above (to the work tree's top)."""
    from newslint.targets import ignore_rules  # as a folder walk reads them

    return ignore_rules(path.parent).ignores(path, folder=False)
