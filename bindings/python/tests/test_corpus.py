"""The shared corpus through Python gives the same records as the CLI."""

from __future__ import annotations

import json
import mailbox
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

import mailbounce
from conftest import CORPUS, REPO, cli_command

Record = tuple[object, ...]

#: Files the CLI read as an mbox of several messages (their lines carry an `index`).
SPLIT_BY_THE_CLI: set[str] = set()


def record(
    recipient: object, reason: object, status: object, reply: object, hard: object
) -> Record:
    """The fields compared: recipient, reason, status, reply code (as text) and hard bounce."""
    return (recipient, reason, status, None if reply is None else str(reply), hard)


@pytest.fixture(scope="module")
def cli_records() -> dict[str, list[Record]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent (looked for {CORPUS})")
    command = cli_command()
    if command is None:
        pytest.skip("no mailbounce CLI: set MAILBOUNCE_CLI or install cargo")
    run = subprocess.run(
        [*command, "--format", "jsonl", "--quiet", str(CORPUS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode in (0, 1), run.stderr
    records: dict[str, list[Record]] = defaultdict(list)
    for line in run.stdout.splitlines():
        row = json.loads(line)
        if row.get("index") is not None:
            # One message of a file that holds several (an mbox).
            SPLIT_BY_THE_CLI.add(row["source"])
        records[row["source"]].append(
            record(
                row.get("recipient"),
                row.get("reason"),
                row.get("status"),
                row.get("reply_code"),
                row.get("hard_bounce"),
            )
        )
    return dict(records)


def python_records(outcome: mailbounce.Report | mailbounce.MailbounceError) -> list[Record]:
    if isinstance(outcome, mailbounce.MailbounceError):
        return [record(None, None, None, None, None)]
    found = [
        record(b.recipient, b.kind.value, b.status, b.reply_code, b.hard_bounce)
        for b in outcome.bounces
    ]
    return found or [record(None, None, None, None, None)]


def test_corpus_matches_the_cli(cli_records: dict[str, list[Record]]) -> None:
    paths = sorted(CORPUS.glob("*.eml"))
    assert len(paths) > 100
    outcomes = mailbounce.parse_many(p.read_bytes() for p in paths)
    mismatches = []
    for path, outcome in zip(paths, outcomes):
        expected = cli_records.get(str(path))
        if str(path) in SPLIT_BY_THE_CLI:
            # Python reads a file as one message: split the mbox as the CLI did.
            box = mailbox.mbox(path, create=False)
            try:
                got = [
                    found
                    for key in box.keys()
                    for found in python_records(mailbounce.parse(box.get_bytes(key)))
                ]
            finally:
                box.close()
        else:
            got = python_records(outcome)
        if expected != got:
            mismatches.append((path.name, expected, got))
    assert not mismatches, f"{len(mismatches)} differ, e.g. {mismatches[:3]}"


def test_parse_file_agrees_with_parse_many() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent (looked for {CORPUS})")
    paths = sorted(CORPUS.glob("*.eml"))[:50]
    many = mailbounce.parse_many([p.read_bytes() for p in paths], threads=2)
    for path, outcome in zip(paths, many):
        if isinstance(outcome, mailbounce.Report):
            assert mailbounce.parse_file(path) == outcome
