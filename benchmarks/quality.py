"""Detection quality per rule family on annotated corpora in the uniform JSONL form.

Each input line is `{"id", "text", "spans": [{"start", "end", "label"}], "doc_label", "meta"}`
(offsets are code points into `text`, `end` exclusive). The corpus type is read from its content:

- span-annotated articles (e.g. PTC): recall per span label (a span counts as found when any flag
  overlaps it), and per family the share of flags that land on any span / on a loaded-language or
  labelling span;
- sentence-labelled corpora (doc_label Biased / Non-biased, uncertain / certain, e.g. BABE, CoNLL):
  sentence precision and recall of "any flag = positive", overall and per family;
- every corpus: flags and flags per 1,000 words per family (on unannotated copy such as BBC this is
  the false-alarm rate).

    python3 benchmarks/quality.py CORPUS.jsonl [CORPUS.jsonl ...] [--rules DIR] [--family F,G] [--halves] [--json]

`--halves` splits every corpus in two by a hash of each item's id, as the corpora's scorer does: tune
on "look", report "check"; the two columns side by side show, per family, what carries to copy no
rule was tuned on.

Uses the library directly (Document.from_text, engine.Engine: the findings `newslint check` reports,
after reported speech, the story's voice and folding); nothing is shelled out.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.document import Document  # noqa: E402
from newslint.engine import Engine  # noqa: E402
from newslint.rulebook import Rule, load_rules, select  # noqa: E402

POSITIVE = {"biased", "uncertain"}
NEGATIVE = {"non-biased", "certain"}
LOADED_LABELS = {"Loaded_Language", "Name_Calling,Labeling"}
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def flags_of(doc: dict[str, Any], rules: list[Rule]) -> list[tuple[str, int, int]]:
    """(family, start, end) code-point offsets of every finding newslint reports on one corpus item: the
    rules' hits after the steps the engine takes on them (reported speech, the story's voice, folding),
    as `newslint check` reports them."""
    d = Document.from_text(doc["text"], f"{doc['id']}.txt")
    return [(f.family, f.start, f.end) for f in _engine().lint_document(d, None, rules=rules, collect=False).findings]


@functools.lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine()


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def measure(docs: list[dict[str, Any]], rules: list[Rule]) -> dict[str, Any]:
    words = sum(len(_WORD.findall(d["text"])) for d in docs)
    flags = {d["id"]: flags_of(d, rules) for d in docs}
    per_family: Counter[str] = Counter(fam for fl in flags.values() for fam, _, _ in fl)
    report: dict[str, Any] = {
        "documents": len(docs),
        "words": words,
        "flags": sum(per_family.values()),
        "flags_per_kword": ratio(1000 * sum(per_family.values()), words),
        "families": {fam: {"flags": n, "flags_per_kword": ratio(1000 * n, words)}
                     for fam, n in sorted(per_family.items())},
    }
    if any(d.get("spans") for d in docs) and not any(d.get("doc_label") for d in docs):
        report.update(_spans(docs, flags))
    labels = {str(d.get("doc_label") or "").lower() for d in docs}
    if labels & POSITIVE and labels & NEGATIVE:
        report.update(_sentences(docs, flags))
    return report


def _spans(docs: list[dict[str, Any]], flags: dict[str, list[tuple[str, int, int]]]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    found_by: dict[str, Counter[str]] = defaultdict(Counter)
    on_any: Counter[str] = Counter()
    on_loaded: Counter[str] = Counter()
    for d in docs:
        fl = flags[d["id"]]
        for sp in d["spans"]:
            total[sp["label"]] += 1
            hit = {fam for fam, a, b in fl if overlaps(a, b, sp["start"], sp["end"])}
            found[sp["label"]] += bool(hit)
            for fam in hit:
                found_by[sp["label"]][fam] += 1
        for fam, a, b in fl:
            on = [sp["label"] for sp in d["spans"] if overlaps(a, b, sp["start"], sp["end"])]
            on_any[fam] += bool(on)
            on_loaded[fam] += any(lab in LOADED_LABELS for lab in on)
    per_family: Counter[str] = Counter(fam for fl in flags.values() for fam, _, _ in fl)
    return {
        "recall": {lab: {"spans": n, "found": found[lab], "recall": ratio(found[lab], n),
                         "by_family": dict(found_by[lab].most_common())}
                   for lab, n in total.most_common()},
        "precision": {fam: {"any_span": ratio(on_any[fam], n), "loaded_or_label": ratio(on_loaded[fam], n)}
                      for fam, n in sorted(per_family.items())},
        "precision_loaded_or_label": ratio(sum(on_loaded.values()), sum(per_family.values())),
    }


def _sentences(docs: list[dict[str, Any]], flags: dict[str, list[tuple[str, int, int]]]) -> dict[str, Any]:
    gold = {d["id"]: str(d.get("doc_label") or "").lower() in POSITIVE for d in docs}
    positives = sum(gold.values())

    def pr(flagged: Iterable[str]) -> dict[str, Any]:
        ids = set(flagged)
        tp = sum(gold[i] for i in ids)
        return {"flagged": len(ids), "precision": ratio(tp, len(ids)), "recall": ratio(tp, positives)}

    families = sorted({fam for fl in flags.values() for fam, _, _ in fl})
    return {
        "sentences": len(docs),
        "positive": positives,
        "sentence": pr(i for i, fl in flags.items() if fl),
        "sentence_by_family": {fam: pr(i for i, fl in flags.items() if any(f == fam for f, _, _ in fl))
                               for fam in families},
    }


HALVES = ("look", "check")


def half_of(doc_id: str) -> str:
    """"look" or "check": the half of a corpus an item falls in (a hash of its id, never its content)."""
    return HALVES[hashlib.sha1(("half:" + doc_id).encode()).digest()[0] % 2]


def measure_halves(docs: list[dict[str, Any]], rules: list[Rule]) -> dict[str, dict[str, Any]]:
    return {h: measure([d for d in docs if half_of(str(d["id"])) == h], rules) for h in HALVES}


def _pair(halves: dict[str, dict[str, Any]], *keys: str) -> str:
    values = []
    for h in HALVES:
        value: Any = halves[h]
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        values.append("-" if value is None else str(value))
    return " / ".join(values)


def _print_halves(name: str, halves: dict[str, dict[str, Any]]) -> None:
    look, check = halves["look"], halves["check"]
    print(f"== {name}: look {look['documents']} items, check {check['documents']} items "
          f"(figures are look / check)")
    print(f"  {'all':<14} {_pair(halves, 'flags_per_kword'):>13} /kword")
    families = sorted(set(look["families"]) | set(check["families"]))
    for fam in families:
        line = f"  {fam:<14} {_pair(halves, 'families', fam, 'flags_per_kword'):>13} /kword"
        if "precision" in look or "precision" in check:
            line += f"  on loaded/label {_pair(halves, 'precision', fam, 'loaded_or_label')}"
        if "sentence_by_family" in look or "sentence_by_family" in check:
            line += (f"  sentence P {_pair(halves, 'sentence_by_family', fam, 'precision')}"
                     f"  R {_pair(halves, 'sentence_by_family', fam, 'recall')}")
        print(line)
    if "recall" in look:
        print(f"  precision (loaded or label spans): {_pair(halves, 'precision_loaded_or_label')}")
        for lab in look["recall"]:
            print(f"  recall {lab:<34} {_pair(halves, 'recall', lab, 'recall')}")
    if "sentence" in look:
        print(f"  sentence precision {_pair(halves, 'sentence', 'precision')}  "
              f"recall {_pair(halves, 'sentence', 'recall')}")


def _print(name: str, report: dict[str, Any]) -> None:
    print(f"== {name}: {report['documents']} items, {report['words']} words, "
          f"{report['flags']} flags, {report['flags_per_kword']} per 1,000 words")
    for fam, row in report["families"].items():
        prec = report.get("precision", {}).get(fam)
        extra = f"  on any span {prec['any_span']}  on loaded/label {prec['loaded_or_label']}" if prec else ""
        sent = report.get("sentence_by_family", {}).get(fam)
        if sent:
            extra += f"  sentence P {sent['precision']} R {sent['recall']}"
        print(f"  {fam:<14} {row['flags']:>6} flags {row['flags_per_kword']!s:>7} /kword{extra}")
    if "recall" in report:
        print(f"  precision (loaded or label spans): {report['precision_loaded_or_label']}")
        for lab, row in report["recall"].items():
            fams = ", ".join(f"{k} {v}" for k, v in row["by_family"].items())
            print(f"  recall {lab:<34} {row['found']:>5}/{row['spans']:<5} {row['recall']!s:>6}  {fams}")
    if "sentence" in report:
        s = report["sentence"]
        print(f"  sentences: {report['positive']}/{report['sentences']} positive; "
              f"flagged {s['flagged']}, precision {s['precision']}, recall {s['recall']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="JSONL corpus files")
    parser.add_argument("--rules", action="append", type=Path, default=None,
                        help="rule folder (default: the built-in rules)")
    parser.add_argument("--family", default="", help="comma-separated rule families or ids to run")
    parser.add_argument("--halves", action="store_true",
                        help="measure the look and check halves of each corpus and print them side by side")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    rules = select(load_rules(args.rules), [x for x in args.family.split(",") if x])
    out: dict[str, Any] = {}
    for path in args.corpora:
        if args.halves:
            halves = measure_halves(read_jsonl(path), rules)
            out[path.name] = halves
            if not args.json:
                _print_halves(path.name, halves)
            continue
        report = measure(read_jsonl(path), rules)
        out[path.name] = report
        if not args.json:
            _print(path.name, report)
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
