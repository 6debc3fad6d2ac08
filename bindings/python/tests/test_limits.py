"""The parser's limits as keywords of parse, parse_file and parse_many: LimitExceededError."""

from __future__ import annotations

from pathlib import Path

import pytest

import mailbounce
from mailbounce import LimitExceededError, MailbounceError, Report

# A DSN about two recipients: one multipart/report (one level of nesting, two MIME parts)
# whose longest header line is 71 bytes.
TWO_RECIPIENTS = (
    b"From: MAILER-DAEMON@mx.example.org\n"
    b"Subject: Undelivered Mail Returned to Sender\n"
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n"
    b"\n"
    b"--b\n"
    b"Content-Type: message/delivery-status\n"
    b"\n"
    b"Reporting-MTA: dns; mx.example.org\n"
    b"\n"
    b"Final-Recipient: rfc822; ann@example.net\n"
    b"Action: failed\n"
    b"Status: 5.1.1\n"
    b"\n"
    b"Final-Recipient: rfc822; bob@example.net\n"
    b"Action: failed\n"
    b"Status: 5.2.2\n"
    b"--b--\n"
)

# keyword, the largest value that refuses TWO_RECIPIENTS, the `limit` name, the message text.
LIMITS = [
    ("max_mime_depth", 0, "mime_depth", "more than 0 levels of MIME nesting"),
    ("max_parts", 1, "parts", "more than 1 MIME parts"),
    ("max_recipients", 1, "recipients", "more than 1 recipients"),
    ("max_header_line_bytes", 70, "header_line_bytes", "more than 70 bytes in a header line"),
]


def test_the_message_passes_the_defaults() -> None:
    report = mailbounce.parse(TWO_RECIPIENTS)
    assert [b.recipient for b in report.bounces] == ["ann@example.net", "bob@example.net"]


@pytest.mark.parametrize(("keyword", "refused", "name", "text"), LIMITS)
def test_parse_refuses_over_the_limit(keyword: str, refused: int, name: str, text: str) -> None:
    with pytest.raises(LimitExceededError, match=text) as caught:
        mailbounce.parse(TWO_RECIPIENTS, **{keyword: refused})
    assert caught.value.limit == name
    assert caught.value.max == refused
    assert "max_" + caught.value.limit == keyword


@pytest.mark.parametrize(("keyword", "refused", "name", "text"), LIMITS)
def test_parse_allows_at_the_limit(keyword: str, refused: int, name: str, text: str) -> None:
    report = mailbounce.parse(TWO_RECIPIENTS.decode(), **{keyword: refused + 1})
    assert len(report.bounces) == 2


@pytest.mark.parametrize(("keyword", "refused", "name", "text"), LIMITS)
def test_parse_file_takes_the_limits(
    tmp_path: Path, keyword: str, refused: int, name: str, text: str
) -> None:
    path = tmp_path / "two.eml"
    path.write_bytes(TWO_RECIPIENTS)
    with pytest.raises(LimitExceededError) as caught:
        mailbounce.parse_file(path, **{keyword: refused})
    assert caught.value.limit == name
    assert len(mailbounce.parse_file(str(path), **{keyword: refused + 1}).bounces) == 2


@pytest.mark.parametrize(("keyword", "refused", "name", "text"), LIMITS)
def test_parse_many_returns_the_error_in_place(
    keyword: str, refused: int, name: str, text: str
) -> None:
    small = b"Subject: one part\n\nhello\n"
    refusing = mailbounce.parse_many([small, TWO_RECIPIENTS], threads=2, **{keyword: refused})
    assert isinstance(refusing[0], Report)
    error = refusing[1]
    assert isinstance(error, LimitExceededError)
    assert error.limit == name and error.max == refused
    allowing = mailbounce.parse_many([TWO_RECIPIENTS], **{keyword: refused + 1})
    assert isinstance(allowing[0], Report) and len(allowing[0].bounces) == 2


def test_limits_combine_and_none_keeps_the_default() -> None:
    report = mailbounce.parse(
        TWO_RECIPIENTS,
        max_input_bytes=len(TWO_RECIPIENTS),
        max_mime_depth=1,
        max_parts=2,
        max_recipients=2,
        max_header_line_bytes=None,
    )
    assert len(report.bounces) == 2
    with pytest.raises(LimitExceededError) as caught:
        mailbounce.parse(TWO_RECIPIENTS, max_parts=2, max_recipients=1)
    assert caught.value.limit == "recipients"


def test_the_error_class() -> None:
    assert issubclass(LimitExceededError, MailbounceError)
    assert issubclass(LimitExceededError, ValueError)
    assert LimitExceededError.__module__ == "mailbounce"
    with pytest.raises(ValueError):
        mailbounce.parse(TWO_RECIPIENTS, max_parts=0)


@pytest.mark.parametrize("keyword", [limit[0] for limit in LIMITS])
def test_negative_limits_are_refused_before_parsing(keyword: str) -> None:
    with pytest.raises(OverflowError):
        mailbounce.parse(TWO_RECIPIENTS, **{keyword: -1})
