"""Finding the subscriber: the original's headers, VERP, and whose side must act."""

from __future__ import annotations

import mailbounce
from mailbounce import Responsibility

DSN = b"""Delivered-To: news-bounces+ann=example.net@lists.example.com
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: news-bounces+ann=example.net@lists.example.com
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.
--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; ann@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ann@example.net>: Recipient address rejected: User unknown
--b1
Content-Type: text/rfc822-headers

Message-ID: <spring-1@example.com>
From: News <news@example.com>
To: ann@example.net
Subject: Spring news
X-Campaign-Id: spring-2026
--b1--
"""

PLAIN = b"""Delivered-To: bounce-7f3a9c@mail.example.com
From: MAILER-DAEMON@mx.example.org
To: bounce-7f3a9c@mail.example.com
Subject: failure notice

Hi. This is the qmail-send program at mx.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<bob@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <bounce-7f3a9c@mail.example.com>
Message-ID: <spring-2@example.com>
From: News <news@example.com>
To: bob@example.org
Subject: Spring news
X-Campaign-Id: spring-2026

Hello Bob.
"""


def test_dsn_original_header_and_verp_address() -> None:
    report = mailbounce.parse(DSN)
    assert report.original_header("x-campaign-id") == "spring-2026"
    assert report.verp_target() == ("address", "ann@example.net")
    original = report.original
    assert original is not None
    assert ("X-Campaign-Id", "spring-2026") in original.headers
    assert original.header("SUBJECT") == "Spring news"
    (bounce,) = report.bounces
    assert bounce.responsibility is Responsibility.RECIPIENT
    assert bounce.should_suppress
    assert bounce.provider_label is None


def test_plain_text_inline_original_and_verp_token() -> None:
    report = mailbounce.parse(PLAIN)
    assert report.original_header("X-Campaign-Id") == "spring-2026"
    assert report.verp_target() == ("token", "7f3a9c")
    assert report.notice_recipients == ["bounce-7f3a9c@mail.example.com"]
    assert report.esp is None
