//! Hostile shapes: each gives a report or a clear error, quickly and within the limits, never a
//! crash, a stack overflow or unbounded memory. (The tests assert behaviour, not time; the
//! times measured on the project machine are in fuzz/README.md.)

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use std::fmt::Write as _;

use mailbounce::{Error, Limit, NoticeKind, Parser};

const HEAD: &str = "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n\
Subject: Undelivered Mail Returned to Sender\n";

fn limit_of(result: Result<mailbounce::Report, Error>) -> Limit {
    match result {
        Err(Error::LimitExceeded { limit, .. }) => limit,
        other => panic!("expected a limit error, got {other:?}"),
    }
}

/// `levels` multiparts, each the only part of the one around it.
fn nested_multiparts(levels: usize) -> String {
    let mut out = String::from(HEAD);
    for i in 0..levels {
        writeln!(
            out,
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}"
        )
        .unwrap();
    }
    out.push_str("Content-Type: text/plain\n\nhello\n");
    for i in (0..levels).rev() {
        writeln!(out, "--b{i}--").unwrap();
    }
    out
}

/// `levels` messages, each enclosed in the one before.
fn nested_messages(levels: usize) -> String {
    let mut out = String::from(HEAD);
    for _ in 0..levels {
        out.push_str("Content-Type: message/rfc822\n\nSubject: inner\n");
    }
    out.push_str("\nhello\n");
    out
}

/// A multipart/report with `count` recipient blocks.
fn dsn_with_recipients(count: usize) -> String {
    let mut out = String::from(HEAD);
    out.push_str(
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n--r\n\
Content-Type: text/plain\n\nDelivery failed.\n\n--r\nContent-Type: message/delivery-status\n\n\
Reporting-MTA: dns; mx.example.org\n",
    );
    for i in 0..count {
        write!(
            out,
            "\nFinal-Recipient: rfc822; user{i}@example.net\nAction: failed\nStatus: 5.1.1\n\
Diagnostic-Code: smtp; 550 5.1.1 <user{i}@example.net>: user unknown\n"
        )
        .unwrap();
    }
    out.push_str("--r--\n");
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, &b)| n | u32::from(b) << (16 - 8 * k));
        for k in 0..4 {
            let c = if k <= chunk.len() {
                char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize])
            } else {
                '='
            };
            out.push(c);
        }
        if i % 19 == 18 {
            out.push('\n');
        }
    }
    out
}

#[test]
fn ten_thousand_nested_multiparts() {
    let raw = nested_multiparts(10_000);
    assert_eq!(
        limit_of(mailbounce::parse(raw.as_bytes())),
        Limit::MimeDepth
    );
    // Within the limit, the same shape reads.
    let report = mailbounce::parse(nested_multiparts(20).as_bytes()).unwrap();
    assert_eq!(
        report.subject.as_deref(),
        Some("Undelivered Mail Returned to Sender")
    );
}

#[test]
fn ten_thousand_nested_messages() {
    let raw = nested_messages(10_000);
    assert_eq!(
        limit_of(mailbounce::parse(raw.as_bytes())),
        Limit::MimeDepth
    );
    // Even allowed, the deep tree is built and dropped without recursion.
    let parser = Parser::new()
        .max_mime_depth(usize::MAX)
        .max_parts(usize::MAX);
    assert!(parser.parse(raw.as_bytes()).is_ok());
}

#[test]
fn nested_messages_hidden_in_base64() {
    // An encoded message is decoded and read as a message of its own: its depth counts too.
    let inner = nested_messages(10_000);
    let raw = format!(
        "{HEAD}Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n{}\n",
        base64(inner.as_bytes())
    );
    assert_eq!(
        limit_of(mailbounce::parse(raw.as_bytes())),
        Limit::MimeDepth
    );
    // A shallow encoded message is opened as before.
    let shallow = format!(
        "{HEAD}Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n{}\n",
        base64(b"From: a@example.org\nSubject: inner\n\nhello\n")
    );
    assert!(mailbounce::parse(shallow.as_bytes()).is_ok());
}

#[test]
fn any_nesting_splits_on_a_small_stack() {
    // The message is split by an iterative walk, so no nesting, plain or encoded, needs stack:
    // 100,000 enclosed messages inside three quoted-printable layers (that decode to
    // themselves) parse on a 256 KiB stack with the depth limit lifted.
    let mut raw = nested_messages(100_000);
    for _ in 0..3 {
        raw = format!(
            "{HEAD}Content-Type: message/rfc822\nContent-Transfer-Encoding: quoted-printable\n\n{raw}"
        );
    }
    let parsed = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let limited = limit_of(mailbounce::parse(raw.as_bytes()));
            let unlimited = Parser::new()
                .max_mime_depth(usize::MAX)
                .max_parts(usize::MAX)
                .parse(raw.as_bytes())
                .is_ok();
            (limited, unlimited)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(parsed, (Limit::MimeDepth, true));
}

#[test]
fn twenty_thousand_parts() {
    let mut raw = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"p\"\n\n");
    for i in 0..20_000 {
        writeln!(raw, "--p\nContent-Type: text/plain\n\npart {i}").unwrap();
    }
    raw.push_str("--p--\n");
    assert_eq!(limit_of(mailbounce::parse(raw.as_bytes())), Limit::Parts);
    let parser = Parser::new().max_parts(30_000);
    assert!(parser.parse(raw.as_bytes()).is_ok());
}

#[test]
fn ten_megabyte_header_line() {
    let raw = format!("{HEAD}X-Long: {}\n\nbody\n", "a".repeat(10 * 1024 * 1024));
    assert_eq!(
        mailbounce::parse(raw.as_bytes()),
        Err(Error::LimitExceeded {
            limit: Limit::HeaderLineBytes,
            max: mailbounce::DEFAULT_MAX_HEADER_LINE_BYTES
        })
    );
    let parser = Parser::new().max_header_line_bytes(usize::MAX);
    let report = parser.parse(raw.as_bytes()).unwrap();
    assert_eq!(
        report.subject.as_deref(),
        Some("Undelivered Mail Returned to Sender")
    );
    // A long subject is read whole.
    let subject = format!(
        "From: a@example.org\nSubject: {}\n\nbody\n",
        "b ".repeat(300_000)
    );
    let report = mailbounce::parse(subject.as_bytes()).unwrap();
    assert_eq!(report.subject.map(|s| s.len()), Some(599_999));
}

#[test]
fn hundred_thousand_recipient_blocks() {
    let raw = dsn_with_recipients(100_000);
    assert_eq!(
        mailbounce::parse(raw.as_bytes()),
        Err(Error::LimitExceeded {
            limit: Limit::Recipients,
            max: mailbounce::DEFAULT_MAX_RECIPIENTS
        })
    );
    // Below the limit every record is read.
    let raw = dsn_with_recipients(10_000);
    let report = mailbounce::parse(raw.as_bytes()).unwrap();
    assert_eq!(report.bounces.len(), 10_000);
    assert_eq!(
        report.bounces[9_999].recipient.as_deref(),
        Some("user9999@example.net")
    );
}

#[test]
fn nul_bytes_everywhere() {
    let raw = dsn_with_recipients(2)
        .replace("Action", "Act\0ion")
        .replace('\n', "\0\n");
    // The fields are damaged, not the message: it still reads without a panic.
    let report = mailbounce::parse(raw.as_bytes()).unwrap();
    assert_eq!(report.notice, NoticeKind::Failure);
    let zeros = [HEAD.as_bytes(), &[0; 4096]].concat();
    assert!(mailbounce::parse(&zeros).is_ok());
}

#[test]
fn invalid_utf8_and_unknown_charsets() {
    let mut raw = dsn_with_recipients(1)
        .replace(
            "Content-Type: text/plain",
            "Content-Type: text/plain; charset=x-no-such-charset",
        )
        .into_bytes();
    raw.extend_from_slice(b"\xff\xfe\xc3\x28 trailing bytes\n");
    let subject = b"Subject: =?x-unknown?B?////?= \xe2\x82\n";
    raw.splice(0..0, subject.iter().copied());
    let report = mailbounce::parse(&raw).unwrap();
    assert_eq!(report.bounces.len(), 1);
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("user0@example.net")
    );
}

#[test]
fn truncated_base64() {
    let raw = format!(
        "{HEAD}Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n{}",
        &base64(b"<user@example.net>: host mx said: 550 5.1.1 no such user")[..41]
    );
    assert!(mailbounce::parse(raw.as_bytes()).is_ok());
    let dangling =
        format!("{HEAD}Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nQUJD=");
    assert!(mailbounce::parse(dangling.as_bytes()).is_ok());
}

#[test]
fn twenty_thousand_sendmail_sessions_refused_at_the_greeting() {
    let mut raw = String::from(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n\
Subject: Returned mail: see transcript for details\n\n\
   ----- The following addresses had permanent fatal errors -----\n",
    );
    for i in 0..2_000 {
        writeln!(
            raw,
            "<user{i}@example.net>\n    (reason: 554 no service {i})"
        )
        .unwrap();
    }
    raw.push_str("\n   ----- Transcript of session follows -----\n");
    for i in 0..20_000 {
        writeln!(
            raw,
            "... while talking to mx{i}.example.net.:\n<<< 554 no service {i}"
        )
        .unwrap();
    }
    let report = mailbounce::parse(raw.as_bytes()).unwrap();
    assert_eq!(report.bounces.len(), 2_000);
    assert_eq!(report.bounces[0].kind, mailbounce::FailureKind::Blocked);
}

#[test]
fn html_made_of_markup_fragments() {
    for fragment in ["<", "&", "<!--", "</", "<style>", "&#", "<p"] {
        let raw = format!(
            "{HEAD}Content-Type: text/html\n\n<p>bob@example.net: 550 user unknown</p>{}",
            fragment.repeat(200_000)
        );
        let report = mailbounce::parse(raw.as_bytes()).unwrap();
        assert_eq!(report.notice, NoticeKind::Failure, "{fragment}");
    }
}

#[test]
fn a_failed_address_listed_a_hundred_thousand_times() {
    // With no Diagnostic-Code, the text around the address is read for an explanation.
    let list = "<user0@example.net>\n".repeat(100_000);
    let raw = dsn_with_recipients(1)
        .replace("Delivery failed.\n", &format!("Delivery failed.\n\n{list}"))
        .replace(
            "Diagnostic-Code: smtp; 550 5.1.1 <user0@example.net>: user unknown\n",
            "",
        );
    let report = mailbounce::parse(raw.as_bytes()).unwrap();
    assert_eq!(report.bounces.len(), 1);
    // The list names the address and explains nothing.
    assert_eq!(report.bounces[0].diagnostic, None);
}

/// A notice that opens with `head` and lists `count` recipients, `line` giving each one's lines.
fn many_recipients(head: &str, count: usize, line: impl Fn(usize) -> String) -> String {
    let mut raw = String::from(head);
    for i in 0..count {
        raw.push_str(&line(i));
        raw.push('\n');
    }
    raw
}

#[test]
fn nineteen_thousand_recipients_in_each_text_layout() {
    const COUNT: usize = 19_000;
    let layouts = [
        // Plain text: the generic reader.
        many_recipients(
            "From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\n\n\
I was not able to deliver your message to the following addresses.\n\n",
            COUNT,
            |i| format!("<user{i}@example.net>: 550 no such user"),
        ),
        // A sendmail transcript.
        many_recipients(
            "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n\
Subject: Returned mail: see transcript for details\n\n\
   ----- Transcript of session follows -----\n",
            COUNT,
            |i| format!("550 5.1.1 <user{i}@example.net>... User unknown"),
        ),
        // Netscape's layout: the reason first, then the list.
        many_recipients(
            "From: Mail Administrator <Postmaster@mail.example.org>\n\
Subject: Mail System Error - Returned Mail\n\n\
This Message was undeliverable due to the following reason:\n\n\
The user(s) account is temporarily over quota.\n\n",
            COUNT,
            |i| format!("<user{i}@example.net>"),
        ),
        // Gmail, each recipient with its own paragraph.
        many_recipients(
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n\
Subject: Delivery Status Notification (Failure)\n\n\
Delivery to the following recipient failed permanently:\n\n",
            COUNT,
            |i| {
                format!(
                    "     user{i}@example.net\n\nThe error that the other server returned was: 550 5.1.1 unknown\n"
                )
            },
        ),
    ];
    for raw in layouts {
        let report = mailbounce::parse(raw.as_bytes()).unwrap();
        assert_eq!(report.bounces.len(), COUNT);
    }
    // A text-only Exchange report: the sentences for people, then the administrators' part.
    let mut exchange = many_recipients(
        "From: postmaster@mail.example.org\nSubject: Undeliverable: figures\n\n\
Delivery has failed to these recipients or groups:\n\n",
        COUNT,
        |i| format!("user{i}@example.net\nThe mailbox is full.\n"),
    );
    exchange.push_str("Diagnostic information for administrators:\n\n");
    for i in 0..COUNT {
        exchange.push_str(&format!("user{i}@example.net\n"));
    }
    let report = mailbounce::parse(exchange.as_bytes()).unwrap();
    assert_eq!(report.bounces.len(), COUNT);
}

#[test]
fn multiparts_whose_boundaries_never_come() {
    // Each such multipart is searched for its boundary to the end of the text: 9,000 of them
    // before 8 MB of text would scan 72 GB. The searches share a budget of a few times the
    // input, so this stays linear; the report is still read.
    let mut raw = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"p\"\n\n");
    for i in 0..9_000 {
        writeln!(
            raw,
            "--p\nContent-Type: multipart/mixed; boundary=\"q{i}\"\n\nx"
        )
        .unwrap();
    }
    raw.push_str("--p--\n");
    raw.push_str(&"filler line\n".repeat(700_000));
    assert!(mailbounce::parse(raw.as_bytes()).is_ok());
}
