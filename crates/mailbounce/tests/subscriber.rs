//! Finding the subscriber from a bounce: the returned original's own headers, and the VERP
//! return path the bounce was delivered to. Bounces written for this project.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::verp::VerpTarget;
use mailbounce::{FailureKind, Report, Responsibility};

fn parse(raw: &str) -> Report {
    mailbounce::parse_str(raw).unwrap()
}

const DSN: &str = "Return-Path: <>\n\
Delivered-To: news-bounces+ann=example.net@lists.example.com\n\
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n\
To: news-bounces+ann=example.net@lists.example.com\n\
Subject: Undelivered Mail Returned to Sender\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\
\n\
--b1\n\
Content-Type: text/plain\n\
\n\
I'm sorry to have to inform you that your message could not be delivered.\n\
--b1\n\
Content-Type: message/delivery-status\n\
\n\
Reporting-MTA: dns; mx.example.org\n\
\n\
Final-Recipient: rfc822; ann@example.net\n\
Action: failed\n\
Status: 5.1.1\n\
Diagnostic-Code: smtp; 550 5.1.1 <ann@example.net>: Recipient address rejected: User unknown\n\
--b1\n\
Content-Type: message/rfc822\n\
\n\
Message-ID: <spring-1@example.com>\n\
From: News <news@example.com>\n\
To: ann@example.net\n\
Subject: Spring news\n\
X-Campaign-Id: spring-2026\n\
X-Subscriber-Id: 4711\n\
\n\
Hello Ann.\n\
--b1--\n";

#[test]
fn dsn_gives_the_original_headers_and_the_verp_address() {
    let report = parse(DSN);
    assert_eq!(report.original_header("X-Campaign-Id"), Some("spring-2026"));
    assert_eq!(report.original_header("x-subscriber-id"), Some("4711"));
    assert_eq!(report.original_header("X-Missing"), None);
    assert_eq!(
        report.verp_target(),
        Some(VerpTarget::Address("ann@example.net".into()))
    );
    let bounce = &report.bounces[0];
    assert_eq!(bounce.kind, FailureKind::UserUnknown);
    assert_eq!(bounce.responsibility(), Responsibility::Recipient);
    assert!(bounce.should_suppress());
}

#[test]
fn returned_headers_part_is_read_too() {
    let raw = DSN
        .replace(
            "Content-Type: message/rfc822",
            "Content-Type: text/rfc822-headers",
        )
        .replace("\nHello Ann.\n", "");
    let report = parse(&raw);
    assert_eq!(report.original_header("X-Campaign-Id"), Some("spring-2026"));
}

const PLAIN: &str = "Return-Path: <>\n\
X-Original-To: bounce-7f3a9c@mail.example.com\n\
Delivered-To: bounce-7f3a9c@mail.example.com\n\
From: MAILER-DAEMON@mx.example.org\n\
To: bounce-7f3a9c@mail.example.com\n\
Subject: failure notice\n\
\n\
Hi. This is the qmail-send program at mx.example.org.\n\
I'm afraid I wasn't able to deliver your message to the following addresses.\n\
This is a permanent error; I've given up. Sorry it didn't work out.\n\
\n\
<bob@example.org>:\n\
Sorry, no mailbox here by that name. (#5.1.1)\n\
\n\
--- Below this line is a copy of the message.\n\
\n\
Return-Path: <bounce-7f3a9c@mail.example.com>\n\
Message-ID: <spring-2@example.com>\n\
From: News <news@example.com>\n\
To: bob@example.org\n\
Subject: Spring news\n\
X-Campaign-Id: spring-2026\n\
\n\
Hello Bob.\n";

#[test]
fn plain_text_bounce_gives_the_inline_original_and_the_verp_token() {
    let report = parse(PLAIN);
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("bob@example.org")
    );
    assert_eq!(report.original_header("X-Campaign-Id"), Some("spring-2026"));
    assert_eq!(
        report.original.as_ref().unwrap().message_id.as_deref(),
        Some("spring-2@example.com")
    );
    assert_eq!(
        report.verp_target(),
        Some(VerpTarget::Token("7f3a9c".into()))
    );
    assert_eq!(report.notice_recipients, ["bounce-7f3a9c@mail.example.com"]);
}

#[test]
fn mailman_style_return_path_in_to_only() {
    let raw = PLAIN
        .replace("X-Original-To: bounce-7f3a9c@mail.example.com\n", "")
        .replace("Delivered-To: bounce-7f3a9c@mail.example.com\n", "")
        .replace(
            "To: bounce-7f3a9c@mail.example.com\nSubject",
            "To: list-bounces-bob=example.org@lists.example.com\nSubject",
        );
    let report = parse(&raw);
    assert_eq!(
        report
            .verp_target()
            .and_then(|t| t.address().map(str::to_string)),
        Some("bob@example.org".to_string())
    );
}

#[test]
fn no_verp_no_original() {
    let report = parse("From: a@example.org\nTo: b@example.net\nSubject: hi\n\nhello\n");
    assert_eq!(report.verp_target(), None);
    assert_eq!(report.original_header("Subject"), None);
}
