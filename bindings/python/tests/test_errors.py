"""Errors: typed, subclasses of ValueError, raised by parse and returned by parse_many."""

from __future__ import annotations

import pytest

import mailbounce
from mailbounce import (
    EmptyInputError,
    InputTooLargeError,
    LimitExceededError,
    MailbounceError,
    NotAMessageError,
    NotJsonError,
    UnknownEventError,
)


def test_the_hierarchy() -> None:
    assert issubclass(MailbounceError, ValueError)
    for cls in (
        EmptyInputError,
        InputTooLargeError,
        LimitExceededError,
        NotAMessageError,
        NotJsonError,
        UnknownEventError,
    ):
        assert issubclass(cls, MailbounceError)
        assert cls.__module__ == "mailbounce"
        assert cls.__doc__


@pytest.mark.parametrize("data", [b"", "", b"   \n\r\n\t"])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        mailbounce.parse(data)


def test_too_large_input_carries_sizes() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        mailbounce.parse(b"Subject: x\n\n" + b"a" * 100, max_input_bytes=64)
    assert caught.value.size == 112
    assert caught.value.limit == 64
    assert "112" in str(caught.value) and "64" in str(caught.value)


def test_default_limit_is_32_mib() -> None:
    big = b"Subject: x\n\n" + b"a" * (32 * 1024 * 1024)
    with pytest.raises(InputTooLargeError) as caught:
        mailbounce.parse(big)
    assert caught.value.limit == 32 * 1024 * 1024


def test_not_a_message() -> None:
    with pytest.raises(NotAMessageError):
        mailbounce.parse(b"\n\njust some words, no header")


def test_errors_are_caught_as_value_error() -> None:
    with pytest.raises(ValueError):
        mailbounce.parse(b"")


@pytest.mark.parametrize("data", [None, 42, bytearray(b"Subject: x\n\n"), ["Subject: x"]])
def test_other_types_are_type_errors(data: object) -> None:
    with pytest.raises(TypeError, match="expected bytes or str"):
        mailbounce.parse(data)  # type: ignore[arg-type]


def test_hostile_bytes_never_escape_as_anything_else() -> None:
    inputs: list[bytes] = [
        b"\x00" * 100,
        b"From: \xff\xfe\r\r\r\nContent-Type: multipart/report; boundary=\n\n--\n--",
        b"Content-Type: message/delivery-status\n\n" + b"Final-Recipient: ;\n" * 1000,
        b"Subject: =?utf-8?b?////?=\n\n" + bytes(range(256)) * 20,
    ]
    for data in inputs:
        try:
            mailbounce.parse(data)
        except MailbounceError:
            pass
