"""How lint time grows with the size of inputs that once grew with its square: python3 benchmarks/scaling.py

Each input is one unit repeated: suppression comments, paraphrase-plus-quotation paragraphs,
reader-comment headings with quotes, and (for comparison) the bundled example article. Each is
linted by `newslint check` in a child process at 1x, 2x and 4x its base size; the figure is the
child's CPU time (the best of `--repeat` runs), less the start-up of a run on an empty file.
Linear growth is about x2 and x4; a quadratic cost shows as x4 and x16. Each hostile input should
also stay within 3x of ordinary prose of the same size.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UNITS = {
    "suppression comments": "<!-- newslint-disable-next-line loaded.adjectives -->\nA brutal raid.\n\n",
    "paraphrase + quotation": ("The union called the proposal a draconian and reckless plan.\n\n"
                               "\u201cWe will build it,\u201d she said.\n\n"),
    "reader comments + quotes": "## Comments\n\n\u201cThis is a brutal plan,\u201d wrote one reader.\n\n",
}


def prose_unit() -> str:
    return (ROOT / "examples" / "article.md").read_text(encoding="utf-8") + "\n\n"


def cpu(cmd: list[str]) -> float:
    """CPU time (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def lint_time(text: str, folder: Path, repeat: int) -> float:
    path = folder / "input.md"
    path.write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "newslint", "check", "--format", "json", "--jobs", "1", str(path)]
    return min(cpu(cmd) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300_000, help="characters at 1x (default 300000)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure (default 2)")
    args = parser.parse_args()
    env_note = " (rule cache off)" if os.environ.get("NEWSLINT_NO_CACHE") else ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = lint_time("", folder, args.repeat)
        print(f"start-up (empty file): {floor:.2f} s CPU{env_note}; figures below are less start-up")
        print(f"{'input':28} {'1x':>8} {'2x':>8} {'4x':>8}   growth    vs prose at 4x")
        rows = {"ordinary prose (example)": prose_unit(), **UNITS}
        prose_4x = None
        worst = 0.0
        for name, unit in rows.items():
            times = []
            for factor in (1, 2, 4):
                size = args.size * factor
                text = (unit * (size // len(unit) + 1))[:size]
                times.append(max(lint_time(text, folder, args.repeat) - floor, 1e-3))
            if prose_4x is None:
                prose_4x = times[2]
            ratio = times[2] / prose_4x
            growth = times[2] / times[0]
            worst = max(worst, growth)
            print(f"{name:28} {times[0]:7.2f}s {times[1]:7.2f}s {times[2]:7.2f}s   "
                  f"x{times[1] / times[0]:.1f} x{growth:.1f}   {ratio:.1f}x")
        print(f"worst growth x{worst:.1f} for 4x the text (linear: about x4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
