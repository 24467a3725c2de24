"""Readers benchmark: HTML throughput against the same text as Markdown, and memory on a large JSONL archive.

    python3 benchmarks/readers.py ../shared/corpora/bbc-dev.jsonl
    python3 benchmarks/readers.py ../shared/corpora/bbc-dev.jsonl --archive-mb 1024 --select loaded.adjectives

Each article of the corpus (a JSONL file with a `text` field, or a folder of .md/.txt files) is
written twice: as Markdown (headline as `#`, paragraphs) and as an HTML page (the same paragraphs in
<p> inside <article>, with a navigation bar, a header, a footer and a script around them, quotation
marks and ampersands as character references). `newslint check --jobs 1` lints each folder; the
throughput is the article text's size (the same for both) over the CPU time (best of `--repeat`).

Then an archive of `--archive-mb` MB is built by repeating the corpus's records (new ids) and
linted at two sizes (a quarter and the whole), with `--jobs 1` and `--jobs 2`: the peak resident
memory (of the process and, with workers, of the largest worker) stays level as the archive grows.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSLINT = [sys.executable, "-m", "newslint"]


def articles(source: Path) -> list[str]:
    if source.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(source.rglob("*")) if p.suffix in (".md", ".txt")]
    return [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def as_markdown(paras: list[str]) -> str:
    return "# " + paras[0] + "\n\n" + "".join(p + "\n\n" for p in paras[1:])


def _inline(text: str) -> str:
    return (html.escape(text, quote=False).replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")
            .replace('"', "&quot;"))


def as_html(paras: list[str]) -> str:
    body = "".join(f"<p>{_inline(p)}</p>\n" for p in paras[1:])
    return ("<!doctype html>\n<html><head><title>Site</title><style>p { margin: 0 }</style></head><body>\n"
            "<nav><a href=\"/\">Home</a> <a href=\"/deals\">Deals</a></nav>\n<header><p>The Daily Site</p></header>\n"
            f"<main><article>\n<h1>{_inline(paras[0])}</h1>\n{body}</article></main>\n"
            "<footer><p>Copyright</p></footer><script>var tracking = true;</script>\n</body></html>\n")


def run(cmd: list[str]) -> tuple[float, float, int, int]:
    """Wall time, CPU time (workers included), the process's own peak memory (MB) and the largest
    peak of its workers (MB) for one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({code}): {err.decode()[-800:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # RUSAGE_CHILDREN's peak is the largest of any waited-for descendant (this process's children
    # and their workers): the largest worker when it exceeds the parent.
    return elapsed, cpu, usage.ru_maxrss // 1024, after.ru_maxrss // 1024


def throughput(tmp: Path, texts: list[str], repeat: int) -> None:
    md, page = tmp / "md", tmp / "html"
    md.mkdir()
    page.mkdir()
    size = 0
    for i, text in enumerate(texts):
        paras = paragraphs(text)
        if not paras:
            continue
        (md / f"{i:06d}.md").write_text(as_markdown(paras), encoding="utf-8")
        (page / f"{i:06d}.html").write_text(as_html(paras), encoding="utf-8")
        size += len(" ".join(paras).encode("utf-8"))
    mb = size / 1e6
    results = {}
    for name, folder in (("markdown", md), ("html", page)):
        cmd = NEWSLINT + ["check", "--jobs", "1", "--format", "json", str(folder)]
        run(cmd)  # warm-up: bytecode and the rule cache
        cpu = min(run(cmd)[1] for _ in range(repeat))
        results[name] = mb / cpu
        print(f"{name:>8}: {len(texts)} articles, {mb:.2f} MB of article text, best CPU {cpu:.2f}s -> {mb / cpu:.2f} MB/s")
    print(f"html / markdown throughput: {results['html'] / results['markdown']:.2f}x (target >= 0.5x)")


def archive(path: Path, texts: list[str], megabytes: float) -> int:
    target = int(megabytes * 1e6)
    written = 0
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            line = json.dumps({"id": f"r{n}", "body": texts[n % len(texts)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def memory(tmp: Path, texts: list[str], megabytes: float, select: str | None) -> None:
    for share in (0.25, 1.0):
        path = tmp / f"archive-{share}.jsonl"
        count = archive(path, texts, megabytes * share)
        size = path.stat().st_size / 1e6
        for jobs in ("1", "2"):
            cmd = NEWSLINT + ["check", "--jobs", jobs, "--format", "json", "--output", str(tmp / "report.json")]
            cmd += ["--select", select] if select else []
            wall, cpu, own, largest = run(cmd + [str(path)])
            print(f"archive {size:8.1f} MB ({count} records), --jobs {jobs}: wall {wall:7.1f}s  cpu {cpu:7.1f}s  "
                  f"peak memory: process {own} MB, largest of process and workers {largest} MB")
        path.unlink()
    (tmp / "report.json").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--archive-mb", type=float, default=256.0, help="size of the JSONL archive (default 256)")
    parser.add_argument("--select", help="rules for the archive runs (e.g. one rule, to time reading over linting)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    texts = articles(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="newslint-readers-"))
    try:
        throughput(tmp, texts, args.repeat)
        if not args.skip_memory:
            memory(tmp, texts, args.archive_mb, args.select)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
