//! Mail.Ru's notices: an Exim report under a Russian preface, with each failed address on its
//! own line and the reason indented beneath it.
//!
//! ```text
//!   user@example.org
//!     SMTP error from remote mail server after RCPT TO:<user@example.org>:
//!     host mx.example.org [192.0.2.1]: 550 5.1.1 User unknown
//! ```
//!
//! The preface repeats the same block, so the reason is read from under the first mention only.

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::mime::unfold;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "mailru",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    let from = mail.sender_lower();
    mail.has_header("X-Failed-Recipients") && (from.contains("mail.ru") || from.contains("@bk.ru"))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let recipients = mail
        .header("X-Failed-Recipients")
        .unwrap_or_default()
        .split(',')
        .filter_map(find_address)
        .map(|address| {
            let reason = reason_under(text, &address);
            let mut facts = RecipientFacts {
                recipient: Some(address),
                diagnostic: (!reason.is_empty()).then_some(reason),
                ..RecipientFacts::default()
            };
            facts.complete_from_diagnostic();
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

/// The indented lines under the first line that names `address`, up to a blank line.
fn reason_under(text: &str, address: &str) -> String {
    let mut lines = text.lines();
    for line in lines.by_ref() {
        if leading_address(line).is_some_and(|a| a.eq_ignore_ascii_case(address)) {
            break;
        }
    }
    let block: Vec<&str> = lines
        .take_while(|line| !line.trim().is_empty() && line.starts_with([' ', '\t']))
        .collect();
    unfold(&block.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_the_reason_under_the_address() {
        let raw = "From: mailer-daemon@corp.mail.ru\nX-Failed-Recipients: bob@example.org\nSubject: Mail failure.\n\n\
Preface.\n\n  bob@example.org\n    SMTP error from remote mail server after RCPT TO:<bob@example.org>:\n    host mx.example.org [192.0.2.1]: 550 5.1.1 User unknown\n\n\
Please check the address.\n\n  bob@example.org\n    SMTP error from remote mail server after RCPT TO:<bob@example.org>:\n    host mx.example.org [192.0.2.1]: 550 5.1.1 User unknown\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.command, Some(crate::model::SmtpCommand::Rcpt));
        assert!(
            r.diagnostic
                .as_deref()
                .is_some_and(|d| d.ends_with("User unknown"))
        );
    }
}
