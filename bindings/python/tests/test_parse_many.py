"""parse_many: parallel, in order, errors in place."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import mailbounce
from mailbounce import EmptyInputError, InputTooLargeError, MailbounceError, Report


def test_order_is_kept_and_errors_stay_in_place(samples: Path) -> None:
    paths = sorted(samples.glob("*.eml"))
    items: list[bytes | str] = []
    for path in paths:
        items.extend([path.read_bytes(), b""])
    items.append("Subject: plain text\n\nhello")
    results = mailbounce.parse_many(items)
    assert len(results) == len(items)
    for i, path in enumerate(paths):
        assert results[2 * i] == mailbounce.parse_file(path)
        error = results[2 * i + 1]
        assert isinstance(error, EmptyInputError)
        assert isinstance(error, MailbounceError)
    last = results[-1]
    assert isinstance(last, Report) and last.subject == "plain text"


@pytest.mark.parametrize("threads", [1, 2, 7])
def test_thread_counts_agree(samples: Path, threads: int) -> None:
    items = [p.read_bytes() for p in sorted(samples.glob("*.eml"))] * 5
    assert mailbounce.parse_many(items, threads=threads) == mailbounce.parse_many(items)


def test_accepts_any_iterable(samples: Path) -> None:
    def generate() -> Iterator[bytes]:
        for path in sorted(samples.glob("*.eml")):
            yield path.read_bytes()

    results = mailbounce.parse_many(generate())
    assert len(results) == len(list(samples.glob("*.eml")))
    assert mailbounce.parse_many([]) == []


def test_limits_apply_to_each_item() -> None:
    small, large = b"Subject: a\n\nb", b"Subject: a\n\n" + b"b" * 200
    results = mailbounce.parse_many([small, large], max_input_bytes=100)
    assert isinstance(results[0], Report)
    assert isinstance(results[1], InputTooLargeError) and results[1].size == len(large)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="threads"):
        mailbounce.parse_many([b"Subject: a\n\nb"], threads=0)
    with pytest.raises(TypeError, match="expected bytes or str"):
        mailbounce.parse_many([b"Subject: a\n\nb", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        mailbounce.parse_many(5)  # type: ignore[arg-type]


def test_other_python_threads_run_meanwhile(samples: Path) -> None:
    items = [p.read_bytes() for p in sorted(samples.glob("*.eml"))] * 200
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        mailbounce.parse_many(items)
    finally:
        stop.set()
        counter.join()
    assert ticks > 0
