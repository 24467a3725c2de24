"""Language server latency and memory: `didChange` -> `publishDiagnostics`, warm.

    python3 benchmarks/server.py                   # 1,000- and 10,000-word articles, 200 edits each
    python3 benchmarks/server.py --edits 500 --memory-edits 2000

A real client (pygls, as in the tests) starts `python -m newslint server --debounce 0` and opens a
generated article (its sentences are written here, some with findings, most without). After warm-up
edits it types and deletes one character at a time in the middle of the article and times each
edit from sending `didChange` to receiving the diagnostics for that version: p50 and p95 per size,
and the server's CPU time per edit (user + system), the figure to compare on a busy machine.
The debounce (150 ms by default, set to 0 here) comes on top in an editor. Then the server's
resident memory is read from /proc after 100, 500 and 1,000 edits, to show it stays level.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from lsp_session import Session  # (the tests' client)
from lsprotocol import types as lsp

SENTENCES = (
    "The city council voted 7-2 on Tuesday to extend the bus lane on Harbor Road, the clerk said.",
    "Construction is due to start in March and last about eight months, according to the transit agency.",
    "Residents who spoke at the meeting were divided over the loss of parking spaces.",
    "\"We were never asked,\" said Maria Ortega, who owns a bakery on the corner.",
    "The agency said ridership on the route had risen by 12 percent since last year.",
    "A spokesman for the mayor did not respond to a request for comment.",
    "It was a brutal defeat for the opposition bloc.",
    "The storm was the deadliest in the region's history.",
    "Sources said the budget would be cut again next year.",
    "Of course, the plan will need the state's approval.",
    "The school board will hold a second hearing on the proposal on May 4.",
    "Teachers' union president Dana Liu said the schedule change would affect about 300 staff.",
    "The district has not published its own estimate of the cost.",
    "Police said two men were arrested after the break-in on Elm Street early Sunday.",
    "Both were released on bail and are due in court next month, a court filing shows.",
    "The hospital's emergency department treated 41 people for heat-related illness last week.",
    "Officials urged older residents to stay indoors during the afternoon.",
    "Critics argue the new rules go too far.",
    "The museum reopened on Saturday after a two-year renovation that cost $18 million.",
    "Its director, Paul Osei, said visitor numbers on the first day exceeded the team's forecast.",
    "The river rose above its banks at three points overnight, the weather service said.",
    "Farmers in the valley said the flooding had reached fields planted only a week earlier.",
    "The audacious plan was unveiled at a news conference on Friday.",
    "Negotiators from both sides are expected to meet again on Thursday.",
)


def article(words: int, seed: int = 7) -> str:
    """A Markdown article of about `words` words: a headline, paragraphs of two to four sentences."""
    rng = random.Random(seed)
    parts, count = ["# Council extends the Harbor Road bus lane\n"], 0
    while count < words:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 4)))
        parts.append(paragraph + "\n")
        count += len(paragraph.split())
    return "\n".join(parts)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (the figure to compare on a busy machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Typist:
    """Types a character into the middle of the article and deletes it again, edit after edit."""

    def __init__(self, s: Session, uri: str, text: str) -> None:
        self.s, self.uri = s, uri
        middle = text.index("\n", len(text) // 2) + 1  # the start of a line near the middle
        self.line = text[:middle].count("\n")
        self.typed = False

    async def edit(self) -> float:
        at = lsp.Position(self.line, 0)
        if self.typed:
            change = lsp.TextDocumentContentChangePartial(range=lsp.Range(at, lsp.Position(self.line, 1)), text="")
        else:
            change = lsp.TextDocumentContentChangePartial(range=lsp.Range(at, at), text="A")
        self.typed = not self.typed
        before = self.s.count(self.uri)
        start = time.perf_counter()
        version = self.s.change(self.uri, [change])
        await self.s.diagnostics(self.uri, version, after=before)
        return (time.perf_counter() - start) * 1000


async def latency(words: int, edits: int, warmup: int) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        async with Session(Path(folder), debounce_ms=0) as s:
            text = article(words)
            uri = s.uri("story.md")
            s.open(uri, text)
            found = await s.diagnostics(uri, 1)
            typist = Typist(s, uri, text)
            for _ in range(warmup):
                await typist.edit()
            server = s.client._server
            assert server is not None
            cpu = cpu_seconds(server.pid)
            times = [await typist.edit() for _ in range(edits)]
            cpu = (cpu_seconds(server.pid) - cpu) * 1000 / edits
            return statistics.median(times), percentile(times, 0.95), cpu, len(found)


async def memory(words: int, edits: int) -> list[tuple[int, float]]:
    with tempfile.TemporaryDirectory() as folder:
        async with Session(Path(folder), debounce_ms=0) as s:
            server = s.client._server
            assert server is not None
            text = article(words)
            uri = s.uri("story.md")
            s.open(uri, text)
            await s.diagnostics(uri, 1)
            typist = Typist(s, uri, text)
            marks, out = {0, 100, 500, edits}, []
            for i in range(edits + 1):
                if i in marks:
                    out.append((i, rss_mb(server.pid)))
                if i < edits:
                    await typist.edit()
            return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=200, help="timed edits per article size")
    parser.add_argument("--warmup", type=int, default=20, help="edits before timing starts")
    parser.add_argument("--memory-edits", type=int, default=1000, help="edits before the last memory reading")
    args = parser.parse_args()
    print(f"didChange -> publishDiagnostics, warm, debounce 0, {args.edits} edits:")
    for words in (1000, 10000):
        p50, p95, cpu, found = asyncio.run(latency(words, args.edits, args.warmup))
        print(f"  {words:>6,} words ({found} findings): p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
              f"server CPU {cpu:5.1f} ms per edit")
    readings = asyncio.run(memory(1000, args.memory_edits))
    print("server memory (RSS), 1,000-word article: " + ", ".join(f"{mb:.1f} MB after {n} edits" for n, mb in readings))


if __name__ == "__main__":
    main()
