"""Strict validation of rule and config mappings: every key known, every value of its type."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple

from newslint.errors import RuleError

Validator = Callable[[Any, "Where"], Any]


def shown(value: Any, limit: int = 80) -> str:
    """`repr(value)` for an error message, cut short: a message never grows with the value."""
    if isinstance(value, (list, dict, tuple, set)):
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__
    return text if len(text) <= limit else text[:limit] + "..."


# The small immutable records read while loading rules are NamedTuples rather than dataclasses: a
# dataclass costs about a millisecond to create when its module is imported, on every run.
class Where(NamedTuple):
    """The file and dotted key a value came from, and the key's line when known."""

    path: str
    key: str = ""
    lines: Mapping[str, int] | None = None

    def child(self, key: str) -> Where:
        return Where(self.path, f"{self.key}.{key}" if self.key else key, self.lines)

    def error(self, message: str) -> RuleError:
        top = self.key.split(".")[0].split("[")[0]  # "patterns[0].x" is on the line of "patterns"
        line = self.lines.get(top) if self.lines and self.key else None
        return RuleError(self.path, message, key=self.key or None, line=line)


class Option(NamedTuple):
    validate: Validator
    default: Any = None
    required: bool = False


def check_mapping(value: Any, options: Mapping[str, Option], where: Where) -> dict[str, Any]:
    """Validate a mapping against its options; unknown keys and missing required keys are errors."""
    if not isinstance(value, dict):
        raise where.error(f"expected a mapping, got {type(value).__name__}")
    out: dict[str, Any] = {}
    for key in value:
        if key not in options:
            known = ", ".join(sorted(options))
            raise where.child(str(key)).error(f"unknown key (known keys: {known})")
    for key, opt in options.items():
        if key in value and value[key] is not None:
            out[key] = opt.validate(value[key], where.child(key))
        elif opt.required:
            raise where.child(key).error("is required")
        else:
            out[key] = opt.default
    return out


def string(value: Any, where: Where) -> str:
    if not isinstance(value, str):
        raise where.error(f"expected a string, got {type(value).__name__}")
    return value


def strings(value: Any, where: Where) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.error("expected a list of non-empty strings")
    return tuple(value)


def boolean(value: Any, where: Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(f"expected true or false, got {shown(value)}")
    return value


def integer(minimum: int = 0) -> Validator:
    def check(value: Any, where: Where) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise where.error(f"expected a whole number >= {minimum}, got {shown(value)}")
        return value
    return check


def choice(*allowed: str) -> Validator:
    def check(value: Any, where: Where) -> str:
        if value not in allowed:
            raise where.error(f"expected one of {', '.join(allowed)}, got {shown(value)}")
        return str(value)
    return check


def choices(*allowed: str) -> Validator:
    def check(value: Any, where: Where) -> tuple[str, ...]:
        items = strings(value, where)
        for item in items:
            if item not in allowed:
                raise where.error(f"expected some of {', '.join(allowed)}, got {shown(item)}")
        return items
    return check


def swaps(value: Any, where: Where) -> dict[str, tuple[str, ...]]:
    """A mapping from a term to one replacement or a list of them."""
    if not isinstance(value, dict) or not value:
        raise where.error("expected a non-empty mapping of term: replacement(s)")
    out: dict[str, tuple[str, ...]] = {}
    for term, repl in value.items():
        if not isinstance(term, str) or not term.strip():
            raise where.error(f"term {shown(term)} must be a non-empty string")
        out[term] = strings(repl, where.child(term))
    return out


def nested(options: Mapping[str, Option]) -> Validator:
    def check(value: Any, where: Where) -> dict[str, Any]:
        return check_mapping(value, options, where)
    return check


def _loader() -> Any:
    """The C loader is several times faster; fall back where libyaml is missing. Imported on first
    use: a run whose built-in rules come from the rule cache and that has no YAML config never needs it."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _no_aliases(text: str, path: Path) -> None:
    """Refuse anchors and aliases: one alias may stand for a structure billions of items large (an
    "anchor bomb" of a few hundred bytes), which nothing in a rule or config file needs."""
    import yaml

    loader = _loader()(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise RuleError(str(path), "YAML anchors and aliases (&name, *name) are not allowed",
                                line=event.start_mark.line + 1)
    except yaml.YAMLError:  # reported, with its line, when the file is parsed
        return
    finally:
        loader.dispose()


def read_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """Parse one YAML file safely (data only, no tags that run code, no aliases); also the line of
    each top-level key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read: {exc}") from None
    import yaml

    if "&" in text or "*" in text:  # (no anchor or alias can be written without one)
        _no_aliases(text, path)
    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise RuleError(str(path), "malformed YAML: nested too deeply") from None
    except ValueError as exc:  # a number too long to read, say
        raise RuleError(str(path), f"malformed YAML: {shown(str(exc), 120)}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(str(path), f"malformed YAML: {problem}", line=line) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            if key in lines:  # YAML would silently keep the last value
                raise RuleError(str(path), f"key '{key}' repeats the key on line {lines[key]}",
                                line=key_node.start_mark.line + 1)
            lines[key] = key_node.start_mark.line + 1
    return data, lines
