"""``mailbounce.compat.flufl`` against flufl.bounce on messages written for this project."""

from __future__ import annotations

import email
import importlib
from email.message import Message
from typing import Any

import pytest

from mailbounce.compat.flufl import all_failures, scan_message

DSN_TEMPLATE = """From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: news-bounces@lists.example.com
Subject: {subject}
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Report follows.
--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

{records}
--b1
Content-Type: text/rfc822-headers

Message-ID: <m1@example.com>
From: news@example.com
Subject: Spring news
--b1--
"""


def record(address: str, action: str, status: str) -> str:
    return (
        f"Final-Recipient: rfc822; {address}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: smtp; {status[0]}50 {status} mailbox problem\n"
    )


MESSAGES: dict[str, str] = {
    "dsn-two-failed": DSN_TEMPLATE.format(
        subject="Undelivered Mail Returned to Sender",
        records=record("ann@example.net", "failed", "5.1.1")
        + "\n"
        + record("bob@example.org", "failed", "5.2.2"),
    ),
    "dsn-delayed": DSN_TEMPLATE.format(
        subject="Delayed Mail (still being retried)",
        records=record("carol@example.net", "delayed", "4.4.1"),
    ),
    "dsn-mixed": DSN_TEMPLATE.format(
        subject="Delivery Status Notification",
        records=record("dave@example.org", "failed", "5.1.1")
        + "\n"
        + record("erin@example.net", "delayed", "4.2.2"),
    ),
    "qmail": """From: MAILER-DAEMON@mx.example.org
To: news-bounces@lists.example.com
Subject: failure notice

Hi. This is the qmail-send program at mx.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<frank@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Message-ID: <m2@example.com>
Subject: Spring news
""",
    "not-a-bounce": """From: ann@example.net
To: news@example.com
Subject: Thanks for the newsletter

I liked it.
""",
}


def message(name: str) -> Message:
    return email.message_from_string(MESSAGES[name])


EXPECTED: dict[str, tuple[frozenset[bytes], frozenset[bytes]]] = {
    "dsn-two-failed": (frozenset(), frozenset({b"ann@example.net", b"bob@example.org"})),
    "dsn-delayed": (frozenset({b"carol@example.net"}), frozenset()),
    "dsn-mixed": (frozenset({b"erin@example.net"}), frozenset({b"dave@example.org"})),
    "qmail": (frozenset(), frozenset({b"frank@example.org"})),
    "not-a-bounce": (frozenset(), frozenset()),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_all_failures(name: str) -> None:
    assert all_failures(message(name)) == EXPECTED[name]
    assert scan_message(message(name)) == EXPECTED[name][1]


def _flufl() -> Any:
    try:
        return importlib.import_module("flufl.bounce")
    except ImportError:
        return None


FLUFL = _flufl()


@pytest.mark.skipif(FLUFL is None, reason="flufl.bounce is not installed (pip install flufl.bounce)")
@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_same_sets_as_flufl_bounce(name: str) -> None:
    theirs = FLUFL.all_failures(message(name))
    assert all_failures(message(name)) == (frozenset(theirs[0]), frozenset(theirs[1]))
    assert scan_message(message(name)) == frozenset(FLUFL.scan_message(message(name)))
