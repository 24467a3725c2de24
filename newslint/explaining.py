"""`newslint explain`: a rule (or every rule of a family) described for a writer: what it flags, its
words and what it would write instead, which fixes are safe, and its own examples with their fixes."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from newslint.errors import NewslintError
from newslint.rulebook import Rule


def pick(rules: Iterable[Rule], name: str) -> list[Rule]:
    """The rule with this id, or every rule of this family; an unknown name is an error."""
    rules = list(rules)
    found = [r for r in rules if r.id == name] or [r for r in rules if r.family == name]
    if not found:
        raise NewslintError(f"unknown rule or family {name!r} (see `newslint rules`)")
    return found


def _data(rule: Rule) -> dict[str, Any]:
    """What the rule file says about its words (read again for display: the built rule keeps them compiled)."""
    from pathlib import Path

    from newslint.schema import read_yaml

    try:
        data, _ = read_yaml(Path(rule.path))
    except (OSError, NewslintError):
        return {}
    return data if isinstance(data, dict) else {}


def words(rule: Rule) -> dict[str, Any]:
    """The rule's words and fixes: terms, patterns, exceptions, swaps (safe or needing review) and rewrites."""
    data = _data(rule)
    out: dict[str, Any] = {}
    for key in ("terms", "patterns", "exceptions"):
        if data.get(key):
            out[key] = list(data[key])
    trigger = data.get("trigger")
    if isinstance(trigger, dict):
        out.update({f"trigger_{k}": list(v) for k, v in trigger.items() if k in ("terms", "patterns") and v})
    swap = data.get("swap")
    if isinstance(swap, dict):
        safe = data.get("safe", False)
        safe_terms = set(safe) if isinstance(safe, list) else None
        out["swap"] = [{"term": term, "replacements": [repl] if isinstance(repl, str) else list(repl),
                        "fix": "safe" if (safe is True or (safe_terms is not None and term in safe_terms))
                        else "unsafe"} for term, repl in swap.items()]
    rewrite = data.get("rewrite")
    if isinstance(rewrite, list):
        out["rewrite"] = [{"pattern": r.get("pattern"), "replacement": r.get("replacement"),
                           "fix": "safe" if r.get("safe", True) else "unsafe"} for r in rewrite if isinstance(r, dict)]
    return out


def as_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "family": rule.family, "kind": rule.kind.name, "severity": rule.severity.label,
        "enabled": rule.enabled, "scope": sorted(s.value for s in rule.scope), "message": rule.message,
        "description": rule.description.strip(), "rationale": rule.rationale.strip(),
        "suggestions": list(rule.suggestions), "fixable": rule.kind.fixable,
        **words(rule),
        "flag": [{"text": c.text, "at": list(c.at), **({"fixed": c.fixed} if c.fixed is not None else {}),
                  **({"unsafe_fixed": c.unsafe_fixed} if c.unsafe_fixed is not None else {})} for c in rule.flag_cases],
        "pass": [c.text for c in rule.pass_cases],
    }


def _list(title: str, items: Sequence[str], limit: int = 40) -> list[str]:
    shown = list(items[:limit]) + ([f"... and {len(items) - limit} more"] if len(items) > limit else [])
    return [f"{title}:", *("  " + line for line in _columns(shown))]


def _columns(items: Sequence[str], width: int = 96) -> list[str]:
    lines, line = [], ""
    for item in items:
        piece = item + ", "
        if line and len(line) + len(piece) > width:
            lines.append(line.rstrip(", "))
            line = ""
        line += piece
    if line:
        lines.append(line.rstrip(", "))
    return lines


def text(rule: Rule) -> str:
    scopes = ", ".join(sorted(s.value for s in rule.scope))
    out = [f"{rule.id}  ({rule.severity.label}, {rule.kind.name}, {'on' if rule.enabled else 'off'} by default; "
           f"scope: {scopes})", ""]
    if rule.description:
        out += [rule.description.strip(), ""]
    if rule.rationale:
        out += ["Why: " + " ".join(rule.rationale.split()), ""]
    info = words(rule)
    if info.get("terms") or info.get("trigger_terms"):
        out += _list("Words", info.get("terms") or info["trigger_terms"])
    if info.get("patterns") or info.get("trigger_patterns"):
        found = info.get("patterns") or info["trigger_patterns"]
        out.append(f"Patterns: {len(found)} regular expression{'s' if len(found) != 1 else ''} "
                   "(`newslint explain --format json` lists them)")
    if info.get("exceptions"):
        out += _list("Not flagged inside", info["exceptions"])
    if info.get("swap"):
        out.append("Words and what to write instead (fix: safe with --fix; review: only with --unsafe-fixes):")
        out += [f"  {s['term']} -> {' | '.join(s['replacements'])}  ({'safe' if s['fix'] == 'safe' else 'review'})"
                for s in info["swap"]]
    if info.get("rewrite"):
        safe = sum(1 for r in info["rewrite"] if r["fix"] == "safe")
        out.append(f"Fixes: {len(info['rewrite'])} rewrite{'s' if len(info['rewrite']) != 1 else ''} of the flagged "
                   f"words ({safe} safe with --fix)")
    if rule.suggestions:
        out.append("Suggestion: " + " | ".join(rule.suggestions))
    if len(out) and out[-1] != "":
        out.append("")
    if rule.flag_cases:
        out.append("Flagged:")
        for case in rule.flag_cases:
            out.append("  - " + case.text.strip().replace("\n", "\n    "))
            if case.fixed is not None and case.fixed != case.text:
                out.append("    --fix: " + case.fixed.strip())
            if case.unsafe_fixed is not None:
                out.append("    --unsafe-fixes: " + case.unsafe_fixed.strip())
    if rule.pass_cases:
        out.append("Passes:")
        out += ["  - " + case.text.strip().replace("\n", "\n    ") for case in rule.pass_cases]
    return "\n".join(out) + "\n"
