"""ESP event payloads through ``mailbounce.parse_event``: dicts, text and bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mailbounce
from mailbounce import FailureKind, NoticeKind, Responsibility

from conftest import REPO

ESP = REPO / "examples" / "esp"


def load(name: str) -> bytes:
    return (ESP / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "index", "reason", "hard", "label"),
    [
        ("ses-hard.json", 0, "hostunknown", True, "Transient/General"),
        ("ses-soft.json", 0, "mailboxfull", False, "Transient/MailboxFull"),
        ("ses-complaint.json", 0, "feedback", False, "Complaint/abuse"),
        ("ses-delay.json", 0, "mailboxfull", False, "DeliveryDelay/MailboxFull"),
        ("sendgrid-batch.json", 0, "userunknown", True, "bounce/Invalid Address"),
        ("sendgrid-batch.json", 1, "blocked", False, "bounce/blocked/Reputation"),
        ("sendgrid-batch.json", 2, "feedback", False, "spamreport"),
        ("mailgun-hard.json", 0, "userunknown", True, "failed/permanent/bounce"),
        ("mailgun-soft.json", 0, "mailboxfull", False, "failed/permanent/bounce"),
        ("mailgun-complaint.json", 0, "feedback", False, "complained"),
        ("mailgun-delay.json", 0, "mailboxfull", False, "failed/temporary/generic"),
        ("postmark-hard.json", 0, "userunknown", True, "HardBounce"),
        ("postmark-soft.json", 0, "onhold", False, "SoftBounce"),
        ("postmark-complaint.json", 0, "feedback", False, "SpamComplaint"),
        ("postmark-delay.json", 0, "expired", False, "Transient"),
        ("sparkpost-batch.json", 0, "userunknown", True, "bounce/10 Invalid Recipient"),
        ("sparkpost-batch.json", 1, "mailboxfull", False, "bounce/22 Mailbox Full"),
        ("sparkpost-batch.json", 2, "feedback", False, "spam_complaint"),
        ("sparkpost-batch.json", 3, "mailboxfull", False, "delay"),
    ],
)
def test_payloads_map_reason_hard_flag_and_label(
    name: str, index: int, reason: str, hard: bool, label: str
) -> None:
    report = mailbounce.parse_event(load(name))[index]
    (bounce,) = report.bounces
    assert bounce.kind == FailureKind(reason)
    assert bounce.hard_bounce is hard
    assert bounce.provider_label == label
    esp = report.esp
    assert esp is not None
    assert name.startswith(esp["provider"].replace("amazonses", "ses"))


def test_dict_str_and_bytes_agree() -> None:
    raw = load("ses-hard.json")
    as_dict = mailbounce.parse_event(json.loads(raw))
    assert as_dict == mailbounce.parse_event(raw)
    assert as_dict == mailbounce.parse_event(raw.decode())
    batch = json.loads(load("sendgrid-batch.json"))
    assert isinstance(batch, list)
    assert len(mailbounce.parse_event(batch)) == 6


def test_delays_and_complaints_are_not_bounces() -> None:
    (delay,) = mailbounce.parse_event(load("ses-delay.json"))
    assert delay.notice is NoticeKind.DELAY
    assert delay.bounces[0].responsibility is Responsibility.TRANSIENT
    assert not delay.bounces[0].should_suppress
    (complaint,) = mailbounce.parse_event(load("postmark-complaint.json"))
    assert complaint.notice is NoticeKind.FEEDBACK
    assert complaint.bounces[0].should_suppress


def test_original_headers_from_the_payload() -> None:
    (report,) = mailbounce.parse_event(load("ses-hard.json"))
    assert report.original_header("X-Campaign-Id") == "spring-2026"
    (postmark,) = mailbounce.parse_event(load("postmark-hard.json"))
    assert postmark.original_header("x-pm-metadata-subscriber") == "4711"


def test_errors_are_mailbounce_errors() -> None:
    with pytest.raises(mailbounce.MailbounceError, match="not valid JSON"):
        mailbounce.parse_event(b"{broken")
    with pytest.raises(mailbounce.MailbounceError, match="no event"):
        mailbounce.parse_event({"hello": "world"})
    with pytest.raises(TypeError):
        mailbounce.parse_event(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data", [b"{broken", "Subject: a mail message, not JSON\n\nhello\n", b"\xff\xfe"]
)
def test_text_that_is_not_json_raises_not_json_error(data: bytes | str) -> None:
    with pytest.raises(mailbounce.NotJsonError, match="not valid JSON") as caught:
        mailbounce.parse_event(data)
    assert not isinstance(caught.value, mailbounce.UnknownEventError)


@pytest.mark.parametrize(
    "data",
    [{"hello": "world"}, [], [{"hello": "world"}], b"{}", "[1, 2, 3]", b"null"],
)
def test_json_of_no_known_provider_raises_unknown_event_error(
    data: dict[str, Any] | list[Any] | bytes | str,
) -> None:
    with pytest.raises(mailbounce.UnknownEventError, match="no event") as caught:
        mailbounce.parse_event(data)
    assert not isinstance(caught.value, mailbounce.NotJsonError)


def test_empty_payload_is_still_empty_input() -> None:
    with pytest.raises(mailbounce.EmptyInputError):
        mailbounce.parse_event(b"")


def test_paths_exist() -> None:
    assert isinstance(ESP, Path) and ESP.is_dir()
