"""A simple CSS selector, as the HTML reader's `selector` setting takes it: alternatives separated by
commas, each a tag and/or `#id`, `.class`, `[attr]`, `[attr=value]` parts."""
from __future__ import annotations

from typing import NamedTuple

from newslint.cache import programs

_ALTERNATIVE = programs.compile(
    r"\s*([a-zA-Z][\w-]*|\*)?((?:[#.][\w-]+|\[[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\]\s]*))?\])*)\s*\Z")
_PART = programs.compile(r"([#.])([\w-]+)|\[([\w-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?\]")


class Selector(NamedTuple):
    """One alternative of a simple CSS selector: `tag`, `#id`, `.class`, `[attr]`, `[attr=value]`."""

    tag: str | None
    attrs: tuple[tuple[str, str | None], ...]  # ("class", "x") means a class among several

    def matches(self, tag: str, attrs: dict[str, str]) -> bool:
        if self.tag is not None and self.tag != tag:
            return False
        for name, value in self.attrs:
            have = attrs.get(name)
            if have is None:
                return False
            if name == "class" and value is not None:
                if value not in have.split():
                    return False
            elif value is not None and have != value:
                return False
        return True


def parse_selector(text: str) -> tuple[Selector, ...]:
    """Alternatives separated by commas, each a tag and/or #id, .class, [attr], [attr=value] parts.
    Anything else (descendant combinators, pseudo-classes) is a ValueError."""
    out = []
    for alternative in text.split(","):
        m = _ALTERNATIVE.match(alternative)
        if m is None or not alternative.strip():
            raise ValueError(f"unsupported selector {alternative.strip()!r} (use tag, #id, .class, [attr=value])")
        attrs: list[tuple[str, str | None]] = []
        for part in _PART.finditer(m.group(2) or ""):
            if part.group(1) == "#":
                attrs.append(("id", part.group(2)))
            elif part.group(1) == ".":
                attrs.append(("class", part.group(2)))
            else:
                value = next((v for v in part.group(4, 5, 6) if v is not None), None)
                attrs.append((part.group(3).lower(), value))
        tag = m.group(1)
        out.append(Selector(None if tag in (None, "*") else tag.lower(), tuple(attrs)))
    return tuple(out)
