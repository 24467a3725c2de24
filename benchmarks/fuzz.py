"""Long fuzz run of the document model and the engine: python3 benchmarks/fuzz.py [-n 100000] [--seed 0] [-j 2].

With --files it instead runs the hostile cases of tests/fuzzing.py: articles with suppression
comments (every finding exact and within one paragraph; the safe fixes change the text only inside
the spans they edit, never inside quotation marks), rule files, config files and baselines (each
loads, or is one error naming its file).

With --hostile it instead times articles made of one repeated unit ("](", '"', "...", indented
code, source lists ...) at two sizes and prints how time grows: about 4x for 4x the text is linear.

Inputs are random articles built from rule words, Markdown, quotation marks, odd characters and
line endings; random Unicode; and random bytes through the decoder. Every input must lint without
an exception, with each finding inside the file and its `text` equal to the file's characters at
its span, the same findings on a second run, and (for LF inputs) the same findings with CRLF and CR
endings. The checks are the ones in tests/test_fuzz.py. Prints how many inputs passed and the time.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import fuzzing
from test_fuzz import BREAKS, MARKS, MARKUP, ODD, WORDS, lint_checked

from newslint.document import decode
from newslint.errors import InputError

PIECES = [w + " " for w in WORDS] + MARKS + MARKUP + ODD + BREAKS
# Code point ranges to draw random characters from: ASCII, Latin, combining marks, RTL, CJK, emoji, odd.
RANGES = [(0x20, 0x7e), (0x0, 0x1f), (0xa0, 0x24f), (0x300, 0x36f), (0x590, 0x6ff), (0x2000, 0x206f),
          (0x4e00, 0x4e80), (0x1f300, 0x1f6ff), (0xd800, 0xdfff), (0xfff0, 0xffff)]


def random_text(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 80)):
        low, high = rng.choice(RANGES)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def random_article(rng: random.Random, crlf_free: bool) -> str:
    out = []
    for _ in range(rng.randint(0, 80)):
        piece = rng.choice(PIECES) if rng.random() < 0.9 else random_text(rng)[:6]
        if crlf_free:
            piece = piece.replace("\r", "")
        out.append(piece)
    return "".join(out)


def one(seed: int) -> None:
    rng = random.Random(seed)
    path = rng.choice(["a.md", "a.txt"])
    mode = rng.random()
    if mode < 0.6:
        lint_checked(random_article(rng, False), path)
    elif mode < 0.8:
        text = random_article(rng, True)
        ending = rng.choice(["\r\n", "\r"])

        def where(found: list) -> list:
            return [(f.rule, f.line, f.column, " ".join(f.text.split())) for f in found]

        assert where(lint_checked(text.replace("\n", ending), path)) == where(lint_checked(text, path))
    elif mode < 0.9:
        lint_checked(random_text(rng), path)
    else:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 120)))
        if rng.random() < 0.3:
            data = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]) + data
        try:
            text = decode(data, "x.md")
        except InputError:
            return
        lint_checked(text, "x.md")


def run(seeds: range, files: bool = False) -> tuple[int, list[tuple[int, str]]]:
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        for seed in seeds:
            folder = Path(scratch) / str(seed)
            try:
                if files:
                    folder.mkdir()
                    fuzzing.one(seed, folder)
                else:
                    one(seed)
            except Exception:  # noqa: BLE001 - every failure is reported with its seed
                failures.append((seed, traceback.format_exc(limit=4)))
            finally:
                if files:
                    shutil.rmtree(folder, ignore_errors=True)
    return len(seeds), failures


def run_files(seeds: range) -> tuple[int, list[tuple[int, str]]]:
    return run(seeds, files=True)


HOSTILE = ["](", '"', "“", "«", "www.", "a@", "    x\n", "...", "Sources:\n- www.bbc.com\n", "```", "<!--",
           "[", "**", " ", "\r", "\n", "- ", "# ", "Mr. ", "brutal ", "said ", "'", "—", "said: ", "x", "called it "]


def hostile(sizes: tuple[int, int] = (10_000, 40_000)) -> int:
    from test_fuzz import RULES

    from newslint.document import Document
    from newslint.engine import run_rules as lint

    worst = 0.0
    for unit in HOSTILE:
        times = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            lint(Document.from_text(text, "hostile.md"), RULES)
            times.append(time.perf_counter() - started)
        growth = times[1] / max(times[0], 1e-3)
        worst = max(worst, growth)
        print(f"{unit!r:32} {times[0]:7.3f} s {times[1]:7.3f} s  x{growth:.1f}")
    print(f"hostile: worst growth x{worst:.1f} for x{sizes[1] // sizes[0]} the text")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="first seed; input i uses seed + i")
    parser.add_argument("-j", "--jobs", type=int, default=multiprocessing.cpu_count(), help="worker processes")
    parser.add_argument("--hostile", action="store_true", help="time repeated-unit articles instead")
    parser.add_argument("--files", action="store_true",
                        help="fuzz suppression comments, fixes, rule files, config files and baselines instead")
    args = parser.parse_args()
    if args.hostile:
        return hostile()
    chunk = 500
    chunks = [range(s, min(s + chunk, args.seed + args.n)) for s in range(args.seed, args.seed + args.n, chunk)]
    started = time.perf_counter()
    tried, failures = 0, []
    with multiprocessing.Pool(args.jobs) as pool:
        for count, failed in pool.imap_unordered(run_files if args.files else run, chunks):
            tried += count
            failures.extend(failed)
    elapsed = time.perf_counter() - started
    for seed, trace in sorted(failures)[:5]:
        print(f"seed {seed} failed:\n{trace}")
    print(f"fuzz{' --files' if args.files else ''}: {tried} inputs tried, {tried - len(failures)} with no failure, {len(failures)} failed, "
          f"{elapsed:.1f} s ({args.jobs} workers, seeds {args.seed}..{args.seed + args.n - 1})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
