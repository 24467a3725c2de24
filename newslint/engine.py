"""The one pipeline from text to findings, and the API every front end calls.

    decode -> document -> rules -> suppressions -> findings

1. decode: a file's bytes become text (`document.decode`), by the reader of its extension
   (`readers`: Markdown, plain text, HTML, MDX, .docx, JSON and JSON Lines archives);
2. document: the reader's layout becomes a `Document` (prose masked at the source's own offsets,
   blocks, sentences, quotations, sources), computed once;
3. rules: the rules the nearest configuration selects (`checking.Checker`: rule folders, --select,
   --ignore, style packs, per-path settings) run over it (`run_rules`); each hit is stamped with
   its rule's id, severity and message, its offsets carried;
4. suppressions: accepted terms, the article type, the story verdict, folding of overlapping
   findings, configured severities, then suppression comments (`suppressions`);
5. findings: sorted `Finding` values.

Calling it (nothing here prints, reads `sys.argv` or exits):

- `lint_text(text, path="story.md")` gives what `newslint check story.md` reports when story.md
  holds `text`: the nearest configuration to the path, its rules, accepted terms, article type,
  severities and the suppression comments in the text. A path in angle brackets ("<text>", the
  default) is no file: the configuration is the one the working folder finds, as for standard input.
- `lint_file(path)` reads the file with the reader of its extension and lints each document (one,
  or one per record of an archive).
- `Engine` is a configured run, made once and asked many times (configurations and rule sets are
  cached): `Engine(config_file=..., extra_rules=..., select=..., ignore=..., styles=...)` as the
  command line's options. Its `lint_text`, `lint_bytes`, `lint_file` and `lint_document` return an
  `Outcome` (the document, its findings, its configuration and the rules that timed out on it). The
  command line, its worker processes and the language server all call an `Engine`.
- A new input format is a reader that builds a `Document` from its file with a map back to the
  source: `Document.from_layout(text, path, layout)`, where `text` is the source and `layout` the
  prose masked at the source's offsets (see `readers`); `Engine.lint_document(doc, file)` does the
  rest, and every finding's `start`/`end` are offsets into that source.
- `run_rules(doc, rules)` is step 3 alone (no configuration, no suppressions): for a rule's own
  test cases and for measuring rules.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from newslint.checking import Checker, Ruleset, run_rules
from newslint.config import Config, Finder
from newslint.document import Document, language
from newslint.errors import InputError, NewslintError
from newslint.finding import Finding
from newslint.readers import ReadOptions
from newslint.rulebook import Rule

if TYPE_CHECKING:
    from newslint.readers.jsonl import Slice


class Reading(NamedTuple):
    """How a run reads files: the command line's settings over each configuration's `readers:` table."""

    encoding: str | None = None
    text_fields: tuple[str, ...] = ()
    id_fields: tuple[str, ...] = ()
    ignore_files: bool = True
    annotate: bool = False  # write story.newslint.docx beside each .docx linted

    def options(self, config: Config) -> ReadOptions:
        options = config.readers
        if self.text_fields:
            options = options._replace(text_fields=self.text_fields)
        if self.id_fields:
            options = options._replace(id_fields=self.id_fields)
        return options if self.ignore_files else options._replace(ignore_files=False)


class Outcome(NamedTuple):
    """One document through the pipeline."""

    document: Document
    findings: list[Finding]
    config: Config
    errors: tuple[str, ...] = ()  # rules that timed out on it: reported, the others' findings kept
    skipped: str | None = None  # why it was not linted ("not English copy"): no findings


def file_of(path: str) -> Path | None:
    """The file a display path names; None for a name in angle brackets ("<stdin>", "<text>")."""
    return None if path.startswith("<") else Path(path)


class Engine:
    """A configured run: the options of `newslint check` that choose configurations and rules."""

    def __init__(self, config_file: Path | None = None, extra_rules: Sequence[Path] = (),
                 select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                 styles: Sequence[str] = (), reading: Reading = Reading(), extend_select: Sequence[str] = ()) -> None:
        self.finder = Finder(config_file)
        self.checker = Checker(extra_rules, select, ignore, styles, extend_select)
        self.reading = reading

    def config_for(self, file: Path | None) -> Config:
        """The configuration of a file: the nearest one, or the one given (None: the working folder's)."""
        return self.finder.for_path(file)

    def options_for(self, config: Config) -> ReadOptions:
        return self.reading.options(config)

    def ruleset(self, config: Config) -> Ruleset:
        """Every rule a configuration loads (for names, fixers and the report's rule list)."""
        return self.checker.ruleset(config)

    def lint_document(self, doc: Document, file: Path | None, config: Config | None = None,
                      rules: Sequence[Rule] | None = None, *, collect: bool = True) -> Outcome:
        """Steps 3 to 5 for a document read from `file` (None: no file). `rules` replaces the
        configuration's selection; `collect` False raises a rule's timeout instead of noting it."""
        config = config if config is not None else self.config_for(file)
        if not language.english(doc.prose):
            return Outcome(doc, [], config, skipped=language.NOT_ENGLISH)  # the rules read English
        errors: list[NewslintError] | None = [] if collect else None
        findings = self.checker.check(doc, config, file, errors, rules)
        return Outcome(doc, findings, config, tuple(str(e) for e in errors or ()))

    def lint_text(self, text: str, path: str = "<text>", file: Path | None = None, config: Config | None = None,
                  rules: Sequence[Rule] | None = None, *, collect: bool = True) -> Outcome:
        """A text as the file at `path` (its format by the path's extension; `file`, when the text
        stands for another file, picks the configuration)."""
        file = file if file is not None else file_of(path)
        config = config if config is not None else self.config_for(file)
        doc = Document.from_text(text, path, options=self.options_for(config))
        return self.lint_document(doc, file, config, rules, collect=collect)

    def lint_bytes(self, data: bytes, path: str, file: Path | None = None, config: Config | None = None) -> Outcome:
        """Bytes (standard input, say) decoded and linted as the file at `path`."""
        config = config if config is not None else self.config_for(file)
        doc = Document.from_bytes(data, path, self.reading.encoding, self.options_for(config))
        return self.lint_document(doc, file, config)

    def lint_file(self, target: Path | Slice, config: Config | None = None) -> Iterator[Outcome | InputError]:
        """The outcome of each document of a file (one, or one per record of an archive, as it is
        read), with an error in the place of a record that cannot be read; a file that cannot be read
        raises InputError."""
        from newslint.readers.files import documents
        from newslint.readers.jsonl import Slice

        file = Path(target.path) if isinstance(target, Slice) else target
        config = config if config is not None else self.config_for(file)
        for doc in documents(target, self.options_for(config), self.reading.encoding):
            yield doc if isinstance(doc, InputError) else self.lint_document(doc, file, config)


@functools.lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine `lint_text` and `lint_file` use when given none: no options, as `newslint check`."""
    return Engine()


def lint_text(text: str, path: str = "<text>", *, rules: Sequence[Rule] | None = None,
              engine: Engine | None = None) -> list[Finding]:
    """The findings `newslint check` reports for `text` as the file at `path` (see the module
    docstring); `rules` replaces the configuration's selection (e.g. `select(load_rules([...]))`).

    Configurations are read once per engine (the default one: once per process). Rules and findings
    pickle, so this maps over documents in worker processes (multiprocessing, dask) as well. A rule
    that times out raises RuleTimeout.
    """
    return (engine or default_engine()).lint_text(text, path, rules=rules, collect=False).findings


def lint_file(path: Path | str, *, engine: Engine | None = None) -> list[Finding]:
    """The findings `newslint check PATH` reports for one file (every record of an archive); a file
    or record that cannot be read raises InputError, a rule that times out RuleTimeout."""
    found: list[Finding] = []
    for outcome in (engine or default_engine()).lint_file(Path(path)):
        if isinstance(outcome, InputError):
            raise outcome
        if outcome.errors:
            raise NewslintError(outcome.errors[0])
        found += outcome.findings
    return found


def prepare(rules: Iterable[Rule]) -> None:
    """Compile what `rules` match with before documents are linted in worker processes forked from
    this one (see `matching.matcher.prepare`)."""
    from newslint.matching.matcher import prepare
    from newslint.rulebook import matchers

    prepare(matchers(rules))


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The built-in rules that are on by default (loaded on first use)."""
    from newslint.rulebook import load_rules, select

    return tuple(select(load_rules()))


__all__ = ["Engine", "Outcome", "Reading", "lint_file", "lint_text", "run_rules", "NewslintError"]
