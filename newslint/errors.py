"""Errors that name the file (and line or key) they are about."""
from __future__ import annotations


class NewslintError(Exception):
    """Base class: a problem the CLI reports on one line and exits 2 for."""


class InputError(NewslintError):
    """An article that cannot be read or decoded."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class RuleError(NewslintError):
    """A rule, lexicon or config file that is malformed."""

    def __init__(self, path: str, message: str, *, key: str | None = None, line: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        what = f"key '{key}': {message}" if key else message
        super().__init__(f"{where}: {what}")
        self.path = path
        self.key = key
        self.line = line


class RuleTimeout(NewslintError):
    """A rule whose pattern ran too long on one article; the rule is skipped for that article."""

    def __init__(self, path: str, rule: str, rule_path: str) -> None:
        super().__init__(f"{path}: rule {rule} ({rule_path}) timed out: a pattern ran too long on this file; "
                         "the rule was skipped for it")
        self.path = path
        self.rule = rule
