//! Properties over generated input: no panic on any bytes, line endings do not matter, status
//! codes and reports round-trip through text and JSON.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::{StatusClass, StatusCode};
use proptest::prelude::*;

/// One generated recipient: local part, domain, status code and the server's words.
fn recipient() -> impl Strategy<Value = (String, String, (u8, u16, u16), String)> {
    (
        "[a-z][a-z0-9._-]{0,12}",
        "[a-z]{1,10}\\.(org|net|example)",
        (prop::sample::select(vec![2u8, 4, 5]), 0u16..=9, 0u16..=9),
        "[A-Za-z ,.]{0,40}",
    )
}

/// A generated RFC 3464 notice (LF line endings), or a plain-text one.
fn notice() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(recipient(), 1..6),
        any::<bool>(),
        "[A-Za-z ]{0,30}",
    )
        .prop_map(|(recipients, mime, subject)| {
            let mut out = format!(
                "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n\
                 To: sender@example.com\nSubject: Undelivered: {subject}\n"
            );
            if mime {
                out.push_str(
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n\
                     --b\nContent-Type: text/plain\n\nDelivery failed.\n\n--b\n\
                     Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n",
                );
                for (local, domain, (class, subject, detail), words) in &recipients {
                    out.push_str(&format!(
                        "\nFinal-Recipient: rfc822; {local}@{domain}\nAction: failed\n\
                         Status: {class}.{subject}.{detail}\n\
                         Diagnostic-Code: smtp; {class}{subject}{detail} {words}\n"
                    ));
                }
                out.push_str("--b--\n");
            } else {
                out.push_str("\nThis is the mail system at host mx.example.org.\n\n");
                for (local, domain, (class, subject, detail), words) in &recipients {
                    out.push_str(&format!(
                        "<{local}@{domain}>: host mx.{domain} said: 550 {class}.{subject}.{detail}\n    {words}\n\n"
                    ));
                }
            }
            out
        })
}

fn with_endings(raw: &str, ending: &str) -> String {
    raw.replace('\n', ending)
}

proptest! {
    #[test]
    fn any_bytes_give_a_result(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = mailbounce::parse(&bytes);
    }

    #[test]
    fn damaged_notices_give_a_result(raw in notice(), cut in 0usize..4096, byte in any::<u8>()) {
        let mut bytes = raw.into_bytes();
        let at = cut % (bytes.len() + 1);
        bytes.insert(at, byte);
        let _ = mailbounce::parse(&bytes);
        bytes.truncate(at);
        let _ = mailbounce::parse(&bytes);
    }

    #[test]
    fn line_endings_do_not_change_the_records(raw in notice()) {
        let lf = mailbounce::parse_str(&raw).unwrap();
        prop_assert!(!lf.bounces.is_empty());
        for ending in ["\r\n", "\r"] {
            let other = mailbounce::parse_str(&with_endings(&raw, ending)).unwrap();
            prop_assert_eq!(&other, &lf);
        }
    }

    #[test]
    fn status_codes_round_trip(class in prop::sample::select(vec![2u8, 4, 5]), subject in 0u16..=999, detail in 0u16..=999) {
        let class = StatusClass::from_digit(class).unwrap();
        let code = StatusCode::new(class, subject, detail).unwrap();
        prop_assert_eq!(code.to_string().parse::<StatusCode>(), Ok(code));
    }

    #[test]
    fn parsed_status_codes_display_as_they_parse(text in "[0-9.]{1,12}") {
        if let Ok(code) = text.parse::<StatusCode>() {
            prop_assert_eq!(code.to_string().parse::<StatusCode>(), Ok(code));
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn reports_round_trip_through_json(raw in notice()) {
        let report = mailbounce::parse_str(&raw).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        let back: mailbounce::Report = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, report);
    }
}
