//! Bad input gives an error or a not-a-notice report: never a panic, a hang or silence.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::{Error, NoticeKind, Parser};

/// A small deterministic generator (xorshift), so the "random" input is the same every run.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn is_error_or_not_a_notice(raw: &[u8]) -> bool {
    match mailbounce::parse(raw) {
        Err(_) => true,
        Ok(report) => report.notice == NoticeKind::NotANotice && report.bounces.is_empty(),
    }
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(mailbounce::parse(b""), Err(Error::Empty));
    assert_eq!(mailbounce::parse(b"\r\n \n"), Err(Error::Empty));
    assert_eq!(mailbounce::parse_str(""), Err(Error::Empty));
}

#[test]
fn binary_blobs_are_not_notices() {
    for seed in 1..50 {
        assert!(is_error_or_not_a_notice(&noise(4096, seed)), "seed {seed}");
    }
    assert!(is_error_or_not_a_notice(&[0u8; 1000]));
    assert!(is_error_or_not_a_notice(&[0xff; 1000]));
}

#[test]
fn ten_megabytes_of_noise() {
    assert!(is_error_or_not_a_notice(&noise(10 * 1024 * 1024, 7)));
}

#[test]
fn oversized_input_is_refused_with_its_size() {
    let parser = Parser::new().max_input_bytes(1000);
    let err = parser.parse(&noise(1001, 3)).unwrap_err();
    assert_eq!(
        err,
        Error::TooLarge {
            size: 1001,
            limit: 1000
        }
    );
    assert!(err.to_string().contains("1001"));
}

#[test]
fn truncated_messages_do_not_panic() {
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/bounces/postfix-user-unknown.eml"
    ))
    .unwrap();
    for cut in (0..raw.len()).step_by(7) {
        // Every prefix gives a report or an error; reaching the end of the loop is the test.
        let _ = mailbounce::parse(&raw[..cut]);
    }
    assert!(is_error_or_not_a_notice(b"From: a@example.org\nSubject: "));
}

#[test]
fn text_without_headers_is_not_a_message() {
    assert_eq!(
        mailbounce::parse(b"\n\njust some words"),
        Err(Error::NotAMessage)
    );
}
