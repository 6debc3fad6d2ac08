#!/usr/bin/env python3
"""Print the addresses to stop mailing, found in a Maildir or a directory of bounce messages.

    python examples/python/suppress_list.py ~/Maildir/.bounces
    python examples/python/suppress_list.py examples/bounces --csv > suppress.csv

Every regular file under the given paths is read as one message (hidden files and README,
LICENSE and *.md files are passed over), all of them are analysed at once with
``mailbounce.parse_many``, and one row is printed per address whose record says to suppress it
(a dead address) or to stop sending (a complaint).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import mailbounce
from mailbounce import RecommendedAction

STOP = {RecommendedAction.SUPPRESS_RECIPIENT, RecommendedAction.STOP_SENDING_COMPLAINT}
SKIPPED_NAMES = {"README", "LICENSE"}


def message_files(paths: list[Path]) -> Iterator[Path]:
    """Every message file under the paths, in a stable order."""
    for path in paths:
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            name = candidate.name
            if name.startswith(".") or name.split(".")[0] in SKIPPED_NAMES or name.endswith(".md"):
                continue
            yield candidate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("paths", nargs="+", type=Path, help="Maildirs, directories or files")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    args = parser.parse_args()

    files = list(message_files(args.paths))
    results = mailbounce.parse_many(f.read_bytes() for f in files)

    rows: list[tuple[str, str, str, str]] = []
    unreadable = 0
    for path, result in zip(files, results):
        if isinstance(result, mailbounce.MailbounceError):
            unreadable += 1
            continue
        for bounce in result.bounces:
            if bounce.recipient and bounce.recommended_action in STOP:
                rows.append((bounce.recipient, bounce.kind.value, bounce.status or "-", path.name))

    header = ("ADDRESS", "REASON", "STATUS", "SOURCE")
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
    else:
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print(
        f"{len(files)} messages, {len(rows)} addresses to stop mailing, {unreadable} unreadable",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
