//! The layout most mail servers share when they write a bounce as plain text: a recipient
//! line (`<user@example.org>:`, `  user@example.org`, `user@example.org... User unknown`)
//! followed by the server's explanation, before a copy of the original message.
//!
//! Registered last: it reads what no more specific reader claimed.

use super::text::{recipient_sections, trailing_address};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::mime::unfold;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "generic",
    claims,
    decode,
};

/// Subjects that mail systems give their failure notices.
const FAILURE_SUBJECTS: [&str; 14] = [
    "undeliver",
    "delivery status notification",
    "returned mail",
    "failure notice",
    "delivery failure",
    "mail delivery failed",
    "delivery has failed",
    "could not be delivered",
    "non remis",
    "unzustellbar",
    "nondeliverable",
    "mail system error",
    "delivery failed",
    "message not delivered",
];

/// True when the message presents itself as a failure notice: sent by a mail system, or with a
/// failure subject, or with Exim's `X-Failed-Recipients`.
pub(crate) fn looks_like_failure(mail: &Incoming<'_, '_>) -> bool {
    mail.has_header("X-Failed-Recipients")
        || mail.is_from_mail_system()
        || FAILURE_SUBJECTS
            .iter()
            .any(|s| mail.subject_lower().contains(s))
}

fn claims(mail: &Incoming<'_, '_>) -> bool {
    looks_like_failure(mail)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut excluded = mail.message.addresses("From");
    excluded.extend(mail.message.addresses("To"));
    let mut recipients: Vec<RecipientFacts> = recipient_sections(mail.notice_text(), &excluded)
        .into_iter()
        .map(|section| facts(section.address, &section.text))
        .collect();
    if recipients.is_empty() {
        // Some servers put the address last: "User's mailbox is full: <a@b>".
        recipients = mail
            .notice_text()
            .lines()
            .filter_map(trailing_address)
            .filter(|(address, _)| !excluded.iter().any(|e| e.eq_ignore_ascii_case(address)))
            .map(|(address, explanation)| facts(address, explanation))
            .collect();
    }
    if recipients.is_empty() {
        // Exim names the failed addresses in a header even when its text is unusual.
        let listed = mail.header("X-Failed-Recipients").unwrap_or_default();
        let explanation = mail.notice_text().to_string();
        recipients = listed
            .split(',')
            .filter_map(find_address)
            .map(|address| facts(address, &explanation))
            .collect();
    }
    (!recipients.is_empty()).then(|| Decoded {
        format: FORMAT.name,
        recipients,
        ..Decoded::default()
    })
}

fn facts(recipient: String, explanation: &str) -> RecipientFacts {
    let diagnostic = unfold(explanation);
    let mut facts = RecipientFacts {
        recipient: Some(recipient),
        diagnostic: (!diagnostic.is_empty()).then_some(diagnostic),
        ..RecipientFacts::default()
    };
    facts.complete_from_diagnostic();
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn decode_text(raw: &str) -> Option<Decoded> {
        let view = MimeView::parse(raw.as_bytes())?;
        let mail = Incoming::new(view.root());
        claims(&mail).then(|| decode(&mail)).flatten()
    }

    #[test]
    fn reads_a_qmail_like_notice() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.com\nSubject: failure notice\n\n\
Hi. This is the mail program at mx.example.org.\nI was not able to deliver your message.\n\n\
<bob@example.net>:\n192.0.2.1 does not like recipient.\nRemote host said: 550 5.1.1 <bob@example.net>... User Unknown\n\n\
--- Below this line is a copy of the message.\n\nReturn-Path: <sender@example.com>\nTo: bob@example.net\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(decoded.format, "generic");
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
    }

    #[test]
    fn falls_back_to_x_failed_recipients() {
        let raw = "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nX-Failed-Recipients: bob@example.net\n\
Subject: Mail delivery failed\n\nSomething odd happened: 550 mailbox unavailable\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(decoded.recipients[0].reply_code, Some(550));
    }

    #[test]
    fn reads_an_address_at_the_end_of_a_line() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Returned mail\n\n\
User's mailbox is full: <bob@example.net>\nUnable to deliver mail.\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("User's mailbox is full")
        );
    }

    #[test]
    fn ordinary_mail_is_not_claimed() {
        let raw = "From: alice@example.com\nTo: bob@example.net\nSubject: hi\n\ncarol@example.org\nsays hello\n";
        assert!(decode_text(raw).is_none());
    }
}
