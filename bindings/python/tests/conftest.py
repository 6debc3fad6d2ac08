"""Shared paths and fixtures: the repository's samples and the shared corpus beside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "examples" / "bounces"
CORPUS = REPO.parent / "shared" / "corpus" / "sisimai"


def sample_bytes(name: str) -> bytes:
    """The raw bytes of one sample in ``examples/bounces``."""
    return (SAMPLES / name).read_bytes()


def cli_command() -> list[str] | None:
    """How to run the mailbounce CLI: ``$MAILBOUNCE_CLI``, the debug build, or cargo."""
    explicit = os.environ.get("MAILBOUNCE_CLI")
    if explicit:
        return [explicit]
    built = REPO / "target" / "debug" / "mailbounce"
    if built.is_file():
        return [str(built)]
    if shutil.which("cargo"):
        return ["cargo", "run", "-q", "--locked", "-p", "mailbounce-cli", "--"]
    return None


@pytest.fixture(scope="session")
def samples() -> Path:
    """The directory of hand-written sample messages."""
    assert SAMPLES.is_dir(), f"samples not found at {SAMPLES}"
    return SAMPLES
