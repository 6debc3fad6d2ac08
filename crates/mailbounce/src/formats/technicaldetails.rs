//! A gateway layout framed by lines of `=` signs: "This is an automatically generated
//! Delivery Status Notification.", the recipients as `* address` bullets under "Delivery to
//! the following recipients failed permanently:" (or "was aborted after …"), and the
//! server's words under "Technical details:".

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::lines::lines;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "technical-details",
    claims,
    decode,
    markers: &[OPENING, DETAILS],
};

/// The opening sentence.
const OPENING: &str = "This is an automatically generated Delivery Status Notification.";
/// Opens the server's words.
const DETAILS: &str = "Technical details:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.notice_has(OPENING) && mail.notice_has(DETAILS)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut addresses: Vec<String> = Vec::new();
    let mut details: Vec<&str> = Vec::new();
    let mut in_details = false;
    // "Delivery … was aborted after 5.0 hour(s)": the message outlived its time in the queue.
    let mut expired = false;
    for line in lines(mail.notice_text()) {
        let trimmed = line.trim();
        if trimmed == DETAILS {
            in_details = true;
        } else if trimmed.starts_with("===") {
            in_details &= details.is_empty();
        } else if in_details {
            if !trimmed.is_empty() {
                details.push(trimmed);
            }
        } else if trimmed.starts_with('*') {
            addresses.extend(leading_address(trimmed));
        } else if trimmed.contains("following recipients was aborted after") {
            expired = true;
        }
    }
    let details = details.join(" ");
    let recipients: Vec<RecipientFacts> = addresses
        .into_iter()
        .map(|address| {
            let mut facts = RecipientFacts::from_text(address, &details);
            if expired {
                facts.kind_hint = Some(FailureKind::Expired);
            }
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_bullets_and_technical_details() {
        let raw = "From: Mail Delivery System <Mail.Delivery.System@mx.example.org>\n\
Subject: Delivery status notification\n\n\
============================================================================\n\
      This is an automatically generated Delivery Status Notification.\n\n\
Delivery to the following recipients failed permanently:\n\n   * bob@example.net\n\n\n\
============================================================================\n\
                             Technical details:\n\n\
SMTP:RCPT host 192.0.2.8: 553 5.3.0 <bob@example.net>... No such user here\n\n\n\
============================================================================\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(553));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.3.0"));
        assert_eq!(r.kind_hint, None);
    }
}
