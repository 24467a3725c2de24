"""The language server (`newslint server`); needs the `server` extra (pygls, lsprotocol)."""
from __future__ import annotations

EXTRA_MISSING = ("the language server needs the 'server' extra: python3 -m pip install 'newslint[server]' "
                 "(missing: {name})")


def missing() -> str | None:
    """An error message naming the extra when pygls or lsprotocol is not installed, else None."""
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401 - pygls 2 (1.x kept its server elsewhere)
    except ImportError as exc:
        return EXTRA_MISSING.format(name=exc.name or exc)
    return None
