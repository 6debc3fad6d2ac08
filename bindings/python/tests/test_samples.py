"""The sample messages of examples/bounces, read through Python."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import mailbounce
from mailbounce import FailureKind, NoticeKind, Permanence, RecommendedAction

from conftest import sample_bytes


def test_postfix_user_unknown_is_a_hard_bounce(samples: Path) -> None:
    report = mailbounce.parse_file(samples / "postfix-user-unknown.eml")
    assert report.notice is NoticeKind.FAILURE
    assert report.is_notice
    assert report.reporting_mta == "mx1.example.org"
    assert report.from_ == "MAILER-DAEMON@mx1.example.org"
    assert report.subject == "Undelivered Mail Returned to Sender"
    (bounce,) = report.bounces
    assert bounce.recipient == "nobody@example.net"
    assert bounce.original_recipient == "nobody@example.net"
    assert bounce.action == "failed"
    assert bounce.status == "5.1.1"
    assert bounce.reply_code == 550
    assert bounce.kind is FailureKind.USER_UNKNOWN
    assert bounce.hard_bounce is True
    assert bounce.permanence is Permanence.PERMANENT
    assert bounce.recommended_action is RecommendedAction.SUPPRESS_RECIPIENT
    assert bounce.command == "RCPT"
    assert bounce.remote_mta == "mx.example.net"
    assert bounce.diagnostic_type == "smtp"
    assert bounce.diagnostic is not None and "User unknown" in bounce.diagnostic
    assert bounce.decoded_by == "rfc3464"
    assert bounce.matched_rule
    assert bounce.advice == FailureKind.USER_UNKNOWN.advice
    assert report.hard_bounces == [bounce]


def test_original_message_and_dates(samples: Path) -> None:
    report = mailbounce.parse_file(str(samples / "postfix-user-unknown.eml"))
    original = report.original
    assert original is not None
    assert original.message_id == "campaign-0001@example.com"
    assert original.from_ == "news@example.com"
    assert original.to == ["nobody@example.net"]
    assert original.subject is not None and original.subject.startswith("May newsletter")
    date = report.date
    assert date is not None
    assert str(date) == date.text == "Tue, 14 May 2024 09:12:41 +0000 (UTC)"
    assert date.timestamp == 1715677961
    assert date.datetime == datetime.datetime(2024, 5, 14, 9, 12, 41, tzinfo=datetime.timezone.utc)


def test_mailbox_full_is_retried_not_suppressed(samples: Path) -> None:
    report = mailbounce.parse(sample_bytes("exchange-mailbox-full.eml"))
    (bounce,) = report.bounces
    assert bounce.recipient == "full.box@example.net"
    assert bounce.kind is FailureKind.MAILBOX_FULL
    assert bounce.status == "5.2.2"
    assert bounce.reply_code == 554
    assert bounce.hard_bounce is False
    assert bounce.recommended_action is RecommendedAction.RETRY_LATER
    assert report.hard_bounces == []


def test_delay_warning_is_transient(samples: Path) -> None:
    report = mailbounce.parse(sample_bytes("delay-warning.eml"))
    assert report.notice is NoticeKind.DELAY
    (bounce,) = report.bounces
    assert bounce.recipient == "slow@example.net"
    assert bounce.action == "delayed"
    assert bounce.status == "4.4.1"
    assert bounce.permanence is Permanence.TRANSIENT
    assert bounce.hard_bounce is False
    until = bounce.will_retry_until
    assert until is not None and until.text.startswith("Sat, 15 Jun 2024")


@pytest.mark.parametrize(
    ("name", "notice"),
    [
        ("auto-reply.eml", NoticeKind.AUTO_REPLY),
        ("feedback-report.eml", NoticeKind.FEEDBACK),
        ("not-a-bounce.eml", NoticeKind.NOT_A_NOTICE),
    ],
)
def test_notices_without_failures(name: str, notice: NoticeKind) -> None:
    report = mailbounce.parse(sample_bytes(name))
    assert report.notice is notice
    assert report.is_notice == (notice is not NoticeKind.NOT_A_NOTICE)
    assert all(not b.hard_bounce for b in report.bounces)


def test_text_and_bytes_give_the_same_report() -> None:
    raw = sample_bytes("postfix-user-unknown.eml")
    assert mailbounce.parse(raw.decode("utf-8")) == mailbounce.parse(raw)


def test_to_dict_matches_to_json(samples: Path) -> None:
    for path in sorted(samples.glob("*.eml")):
        report = mailbounce.parse_file(path)
        as_dict = report.to_dict()
        assert json.loads(report.to_json()) == as_dict
        assert [b.to_dict() for b in report.bounces] == as_dict["bounces"]
        if report.original is not None:
            assert report.original.to_dict() == as_dict["original"]


def test_to_dict_uses_the_model_names(samples: Path) -> None:
    report = mailbounce.parse_file(samples / "postfix-user-unknown.eml")
    as_dict = report.to_dict()
    assert as_dict["notice"] == "failure"
    assert as_dict["from"] == "MAILER-DAEMON@mx1.example.org"
    bounce = as_dict["bounces"][0]
    assert bounce["kind"] == "userunknown"
    assert bounce["status"] == "5.1.1"
    assert bounce["reply_code"] == 550
    assert bounce["permanence"] == "permanent"
    assert bounce["hard_bounce"] is True
    assert report.date is not None
    assert as_dict["date"] == {"text": report.date.text, "timestamp": 1715677961}


def test_objects_are_immutable(samples: Path) -> None:
    report = mailbounce.parse_file(samples / "postfix-user-unknown.eml")
    with pytest.raises(AttributeError):
        report.subject = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        report.bounces[0].recipient = "x@example.org"  # type: ignore[misc]
    with pytest.raises(TypeError):
        mailbounce.Report()
    with pytest.raises(AttributeError):
        report.extra = 1  # type: ignore[attr-defined]


def test_reprs_are_readable(samples: Path) -> None:
    report = mailbounce.parse_file(samples / "postfix-user-unknown.eml")
    text = repr(report)
    assert text.startswith("<Report notice=failure")
    assert "bounces=1" in text
    bounce_text = repr(report.bounces[0])
    assert "recipient='nobody@example.net'" in bounce_text
    assert "kind=userunknown" in bounce_text
    assert "status='5.1.1'" in bounce_text
    assert "hard_bounce=True" in bounce_text
    assert "campaign-0001@example.com" in repr(report.original)


def test_parse_file_raises_oserror_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        mailbounce.parse_file(tmp_path / "missing.eml")
