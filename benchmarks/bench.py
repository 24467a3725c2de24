"""Whole-process benchmark of `newslint check` on a folder or a JSONL corpus.

    python3 benchmarks/bench.py ../shared/corpora/bbc-dev.jsonl
    python3 benchmarks/bench.py drafts/ --repeat 5 --jobs 1,2

Reports throughput (MB/s, articles/s), one-article cold-start latency (median), peak memory of
the child process, the same for proselint when it is installed (ratio measured in the same run),
time at 1x/2x/4x the corpus, `--jobs` scaling, and the default rules against a generated rule set
with ten times the terms. Every figure is the best (throughput) or median (latency) of `--repeat` runs.

Children run as an installed newslint runs on a user's machine: bytecode may be written (pip
writes .pyc files on install; PYTHONDONTWRITEBYTECODE, if set here, is dropped for the children),
and one warm-up run writes it and the built-in rule cache before anything is timed. The
one-article cold start is then a new process with those files on disk, as every run after the
first. Beside it: the same run with the rule cache off (NEWSLINT_NO_CACHE=1: the rules are read
and built from their files, as on the first run after an install or a rule change), and the
interpreter's own start-up (`python -c pass`, site and .pth files included), the floor that no
change to newslint can go below.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSLINT = [sys.executable, "-m", "newslint"]
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # see the docstring
COLD_RUNS = 15  # at least this many runs for each start-up figure


def write_corpus(source: Path, folder: Path, copies: int = 1) -> tuple[int, int]:
    """Copy a folder of articles, or the texts of a JSONL corpus, into `folder` as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(source.rglob("*"))
                 if p.suffix.lower() in (".md", ".markdown", ".txt")]
    else:
        texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    size = 0
    for c in range(copies):
        for i, text in enumerate(texts):
            data = text.encode("utf-8")
            (folder / f"{c:02d}-{i:06d}.txt").write_bytes(data)
            size += len(data)
    return size, len(texts) * copies


def run(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall time and CPU time (user + system, its workers included) of one child process, and its
    own peak resident memory in MB. CPU time is the figure to compare on a loaded machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=CHILD_ENV if env is None else env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage, not the maximum over all children
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def best(cmd: list[str], repeat: int) -> tuple[float, float, list[float], int, float]:
    """Best and median wall time, every wall time, peak memory, and the least CPU time of `repeat` runs."""
    times, cpus, mem = [], [], 0
    for _ in range(repeat):
        t, c, m = run(cmd)
        times.append(t)
        cpus.append(c)
        mem = max(mem, m)
    return min(times), statistics.median(times), times, mem, min(cpus)


def cold_start(article: Path, runs: int) -> dict[str, float]:
    """One article in a new process, after a warm-up run; beside it the interpreter's own start-up
    and the same run with the rule cache off, each interleaved with the others run by run."""
    cmd = NEWSLINT + ["check", "--format", "json", str(article)]
    cases = {
        "one article, cold start": (cmd, CHILD_ENV),
        "  rule cache off (NEWSLINT_NO_CACHE=1)": (cmd, {**CHILD_ENV, "NEWSLINT_NO_CACHE": "1"}),
        "  python -c pass (the floor)": ([sys.executable, "-c", "pass"], CHILD_ENV),
    }
    if _has_proselint():
        cases[PROSELINT_COLD] = ([sys.executable, "-m", "proselint", "check", str(article)], CHILD_ENV)
    for command, env in cases.values():
        run(command, env=env)  # warm-up: writes bytecode and the rule cache
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (command, env) in cases.items():
            results[name].append(run(command, env=env))
    medians = {name: statistics.median(t for t, _, _ in one) for name, one in results.items()}
    for name, one in results.items():
        print(f"{name}: median {statistics.median(t for t, _, _ in one):.3f}s  "
              f"(min {min(t for t, _, _ in one):.3f}s)  cpu median {statistics.median(c for _, c, _ in one):.3f}s  "
              f"peak {max(m for _, _, m in one)} MB")
    return medians


def ten_times_rules(folder: Path) -> Path:
    """A rule folder that adds nine generated copies of every term list (made-up words, never matched)."""
    sys.path.insert(0, str(ROOT))
    import yaml

    from newslint.rulebook import builtin_root, rule_files

    out = folder / "house"
    for rule_id, path in rule_files(builtin_root()):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        terms = data.get("terms") or (data.get("trigger") or {}).get("terms")
        if not terms or data.get("kind") != "existence" and data.get("kind") != "requires":
            continue
        family, name = rule_id.split(".")
        extra = sorted({f"{t}{chr(97 + k)}{chr(97 + j)}zq" for t in terms for k in range(3) for j in range(3)})
        spec: dict[str, object] = {
            "kind": "existence", "message": "generated '{match}'", "description": "generated for benchmarks",
            "rationale": "generated", "terms": extra,
        }
        (out / f"bench{family}").mkdir(parents=True, exist_ok=True)
        (out / f"bench{family}" / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of articles or a JSONL file with a 'text' field")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to compare (default 1,2; 0 = do not pass --jobs)")
    parser.add_argument("--quick", action="store_true", help="skip the 2x/4x scaling and the 10x rules runs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    try:
        corpus = tmp / "x1"
        size, count = write_corpus(args.corpus, corpus)
        mb = size / 1e6
        print(f"corpus: {count} articles, {mb:.2f} MB; {os.cpu_count()} cores; best/median of {args.repeat} runs")
        jobs = [int(j) for j in args.jobs.split(",")]
        base: dict[int, float] = {}
        cpu: dict[int, float] = {}
        for j in jobs:
            t, med, times, mem, c = best(NEWSLINT + ["check", "--format", "json", *_jobs(j), str(corpus)], args.repeat)
            base[j], cpu[j] = t, c
            spread = " ".join(f"{x:.2f}" for x in times)
            print(f"newslint --jobs {j}: {mb / t:6.2f} MB/s  {count / t:7.0f} articles/s  "
                  f"best {t:.2f}s median {med:.2f}s (runs: {spread})  cpu {c:.2f}s = {mb / c:.2f} MB/s  peak {mem} MB")
        if len(jobs) > 1:
            print(f"--jobs {jobs[-1]} vs --jobs {jobs[0]}: {base[jobs[0]] / base[jobs[-1]]:.2f}x (wall)")
        cold = cold_start(sorted(corpus.iterdir())[0], max(COLD_RUNS, args.repeat))
        serial, serial_cpu = base[jobs[0]], cpu[jobs[0]]
        if _has_proselint():
            t, _, _, mem, c = best([sys.executable, "-m", "proselint", "check", str(corpus)], 1)
            print(f"proselint: {mb / t:6.2f} MB/s  {t:.2f}s  cpu {c:.2f}s  peak {mem} MB  -> newslint is "
                  f"{t / serial:.1f}x faster (wall), {c / serial_cpu:.1f}x (cpu)")
            ours = cold["one article, cold start"]
            print(f"cold start, one article: {ours / cold[PROSELINT_COLD]:.2f}x proselint "
                  f"(median {ours:.3f}s vs {cold[PROSELINT_COLD]:.3f}s; target <= 1.0x)")
            print(f"throughput, one process (--jobs {jobs[0]}): {t / serial:.1f}x proselint wall, {c / serial_cpu:.1f}x cpu "
                  f"({mb / serial:.2f} vs {mb / t:.2f} MB/s; target >= 8x)")
        else:
            print("proselint: not installed (pip install proselint) - ratios skipped")
        if args.quick:
            return
        for copies in (2, 4):
            folder = tmp / f"x{copies}"
            write_corpus(args.corpus, folder, copies)
            t, _, _, mem, c = best(NEWSLINT + ["check", "--format", "json", *_jobs(jobs[0]), str(folder)], args.repeat)
            print(f"{copies}x corpus: {t:.2f}s = {t / serial:.2f}x the 1x time; cpu {c:.2f}s = "
                  f"{c / serial_cpu:.2f}x  peak {mem} MB")
        house = ten_times_rules(tmp)
        t, _, _, _, c = best(NEWSLINT + ["check", "--format", "json", *_jobs(jobs[0]), "--rules", str(house),
                                         str(corpus)], args.repeat)
        print(f"10x the rule terms: {t:.2f}s = {t / serial:.2f}x the default rules; cpu {c:.2f}s = "
              f"{c / serial_cpu:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _jobs(n: int) -> list[str]:
    return ["--jobs", str(n)] if n else []


PROSELINT_COLD = "proselint, one article, cold start"


def _has_proselint() -> bool:
    return bool(shutil.which("proselint")) or _importable("proselint")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
