"""Where one warm pass over a corpus spends its CPU time, stage by stage:

    python3 benchmarks/stages.py ../shared/corpora/bbc-dev.jsonl
    python3 benchmarks/stages.py drafts/ --repeat 5

A pass lints every document as `newslint check --jobs 1` does after its first few documents (patterns
compiled, the prefilter's words known): the figure to work on for the throughput of one process.
Each stage is timed as the pass up to it, on documents built afresh, less the pass up to the stage
before; each figure is the least CPU time of `--repeat` runs (other processes on the machine only
ever add time). The stages, in the order a document meets them:

- read: the text to a `Document` (layout, blocks, sentences), as `.txt` files are read;
- word index: the lower-cased prose split into words, the places of the words rules look for;
- sweep: the candidates of every prefix list at once (`prefilter.Scan`);
- rule gates: each rule's gate matcher over the document (its items tried at their candidates);
- rules and after: the language check, the rules' own checks, then the steps after the rules (voice,
  folding, suppressions).
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.document import Document
from newslint.engine import Engine
from newslint.matching import prefilter

STAGES = ("read", "word index", "sweep", "rule gates", "rules and after")


def texts_of(source: Path) -> list[str]:
    """The articles of a folder (.txt, .md) or the `text` fields of a JSONL file."""
    if source.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(source.rglob("*"))
                if p.suffix.lower() in (".md", ".markdown", ".txt")]
    lines = source.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def passes(engine: Engine, texts: list[str]) -> list[Callable[[], None]]:
    """One pass over `texts` up to each stage of STAGES (the last is the whole pass)."""
    config = engine.config_for(None)
    options = engine.options_for(config)
    rules, _ = engine.checker.active(config, None)
    gates = [rule.kind.gate for rule in rules if rule.kind.gate is not None]

    def documents() -> Iterable[Document]:
        for i, text in enumerate(texts):
            yield Document.from_text(text, f"{i:06d}.txt", options=options)

    def read() -> None:
        for _ in documents():
            pass

    def index() -> None:
        for doc in documents():
            prefilter.scan(doc).index

    def sweep() -> None:
        for doc in documents():
            prefilter.scan(doc).nothing_for(frozenset())  # (the sweep runs on the first question)

    def matched() -> None:
        for doc in documents():
            for gate in gates:
                gate.spans(doc)

    def whole() -> None:
        for doc in documents():
            engine.lint_document(doc, None, config)

    return [read, index, sweep, matched, whole]


def best_cpu(run: Callable[[], None], repeat: int) -> float:
    """The least CPU time of `repeat` runs of `run`."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def split(texts: list[str], repeat: int = 3, freeze: bool = False) -> dict[str, float]:
    """CPU seconds of each stage of STAGES in a warm pass over `texts`, and "pass" for the whole."""
    engine = Engine()
    runs = passes(engine, texts)
    runs[-1]()  # warm-up: patterns compiled, words known, as after a run's first documents
    runs[-1]()
    if freeze:
        gc.freeze()  # what the warm-up left is not walked by each collection (`newslint check` freezes its start-up)
    totals = [best_cpu(run, repeat) for run in runs]
    out = {name: max(0.0, total - (totals[i - 1] if i else 0.0)) for i, (name, total) in enumerate(zip(STAGES, totals))}
    out["pass"] = totals[-1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of articles or a JSONL file with a 'text' field")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (default 3)")
    args = parser.parse_args()
    texts = texts_of(args.corpus)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} documents, {size:.2f} MB; least CPU time of {args.repeat} warm passes per stage")
    figures = split(texts, args.repeat, freeze=True)
    whole = figures["pass"] or 1.0
    for name in STAGES:
        print(f"{name:16s} {figures[name]:7.3f} s  {100 * figures[name] / whole:5.1f}%")
    print(f"{'whole pass':16s} {figures['pass']:7.3f} s  ({len(texts) / whole:.0f} documents/s)")


if __name__ == "__main__":
    main()
