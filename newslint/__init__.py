"""newslint: a linter for news copy."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["lint_text", "__version__"]


def __getattr__(name: str) -> Any:  # the library API loads on first use, not with the CLI
    if name == "lint_text":
        from newslint.engine import lint_text

        return lint_text
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
