#!/usr/bin/env python3
"""Compares ``mailbounce.parse_many`` with a Python loop over ``mailbounce.parse``.

    python bindings/python/bench.py [DIRECTORY] [--rounds N] [--threads N]

Reads every ``*.eml`` file of DIRECTORY (default: the shared corpus beside the repository, else
``examples/bounces``) into memory, then times both ways over the same messages, several rounds
taking turns (the best round of each counts), and prints messages per second, how many cores
each kept busy, and the ratio. A benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import mailbounce

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DIRS = [REPO.parent / "shared" / "corpus" / "sisimai", REPO / "examples" / "bounces"]


def loop(messages: list[bytes]) -> int:
    """Parses one message at a time in Python; returns how many gave a report."""
    ok = 0
    for raw in messages:
        try:
            mailbounce.parse(raw)
            ok += 1
        except mailbounce.MailbounceError:
            pass
    return ok


def best_rounds(
    runs: list[Callable[[], object]], rounds: int
) -> list[tuple[float, float]]:
    """The fastest round of each run, as (wall seconds, CPU seconds of all threads). The runs
    take turns in every round, so a busy moment on the machine hits them alike."""
    best = [(float("inf"), 0.0)] * len(runs)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if wall < best[i][0]:
                best[i] = (wall, cpu)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description="parse_many against a loop over parse")
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=4, help="copies of the set per round")
    args = parser.parse_args()

    directory = args.directory or next(d for d in DEFAULT_DIRS if d.is_dir())
    messages = [p.read_bytes() for p in sorted(directory.glob("*.eml"))] * args.repeat
    total = sum(len(m) for m in messages)
    threads = args.threads or os.cpu_count() or 1
    print(f"{len(messages)} messages ({total / 1e6:.1f} MB) from {directory}, {threads} threads")

    (loop_wall, loop_cpu), (many_wall, many_cpu) = best_rounds(
        [lambda: loop(messages), lambda: mailbounce.parse_many(messages, threads=threads)],
        args.rounds,
    )
    count = len(messages)
    rows = [("loop over parse", loop_wall, loop_cpu), ("parse_many", many_wall, many_cpu)]
    for label, wall, cpu in rows:
        print(f"{label + ':':16} {count / wall:8.0f} messages/s  ({cpu / wall:.2f} cores busy)")
    print(f"ratio:           {loop_wall / many_wall:8.2f}x")
    if many_cpu / many_wall < 0.8 * threads:
        print("note: the machine is busy (parse_many got less CPU than it has threads);")
        print("      the ratio understates the speed-up on idle cores")


if __name__ == "__main__":
    main()
