//! A refusal sent as a message disposition notification: the Sieve `reject` action (RFC 5429
//! §2.2) answers with an MDN whose disposition is `deleted`, and delivery agents such as
//! Dovecot's write the same for a full mailbox. It looks like a read receipt but reports a
//! failed delivery.
//!
//! ```text
//! Subject: Rejected: Spring offer
//! Auto-Submitted: auto-replied (rejected)
//!
//! Your message to <bob@example.net> was automatically rejected:
//! Quota exceeded (mailbox for user is full)
//!
//! Reporting-UA: mx.example.net; Dovecot Mail Delivery Agent
//! Final-Recipient: rfc822; bob@example.net
//! Disposition: automatic-action/MDN-sent-automatically; deleted
//! ```

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::feedback::disposition_part;
use crate::model::Action;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "sieve-reject",
    claims: is_rejection,
    decode,
    markers: &[],
};

/// True when the message is a disposition notification that reports a refusal: the message
/// was `deleted` without being seen, and the notice says it was rejected (in its
/// `Auto-Submitted` header or its words).
pub(crate) fn is_rejection(mail: &Incoming<'_, '_>) -> bool {
    let report = mail.message.content_type_param("report-type");
    if report.as_deref() != Some("disposition-notification") {
        return false;
    }
    let deleted = disposition_part(&mail.message).is_some_and(|d| {
        d.disposition_type == "deleted" && d.action_mode.as_deref() == Some("automatic-action")
    });
    deleted
        && (mail
            .header("Auto-Submitted")
            .is_some_and(|v| v.to_ascii_lowercase().contains("rejected"))
            || mail.notice_lower().contains("rejected"))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let disposition = disposition_part(&mail.message)?;
    let recipient = disposition.final_recipient?;
    let notice = mail.notice_text();
    // The reason follows "rejected:" ("was automatically rejected: Quota exceeded").
    let reason = notice
        .to_ascii_lowercase()
        .find("rejected:")
        .and_then(|at| notice.get(at + "rejected:".len()..))
        .map(|rest| {
            rest.split("\n\n")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .filter(|r| !r.is_empty());
    let mut facts = RecipientFacts::from_text(recipient, reason.as_deref().unwrap_or(notice));
    facts.action = Some(Action::Failed);
    Decoded::found(FORMAT.name, vec![facts])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    const REJECTED: &str = "From: Mail Delivery Subsystem <postmaster@mx.example.net>\n\
Subject: Rejected: Spring offer\n\
Auto-Submitted: auto-replied (rejected)\n\
Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\n\n\
--b\nContent-Type: text/plain\n\n\
Your message to <bob@example.net> was automatically rejected:\n\
Quota exceeded (mailbox for user is full)\n\
--b\nContent-Type: message/disposition-notification\n\n\
Reporting-UA: mx.example.net; Dovecot Mail Delivery Agent\n\
Final-Recipient: rfc822; bob@example.net\n\
Disposition: automatic-action/MDN-sent-automatically; deleted\n\
--b--\n";

    #[test]
    fn reads_the_refusal() {
        let view = MimeView::parse(REJECTED.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(is_rejection(&mail));
        let decoded = decode(&mail).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("Quota exceeded (mailbox for user is full)")
        );
        assert_eq!(r.action, Some(Action::Failed));
    }

    #[test]
    fn a_read_receipt_is_no_refusal() {
        let receipt = REJECTED
            .replace("Auto-Submitted: auto-replied (rejected)\n", "")
            .replace("was automatically rejected:", "was displayed:")
            .replace("; deleted", "; displayed");
        let view = MimeView::parse(receipt.as_bytes()).unwrap();
        assert!(!is_rejection(&Incoming::new(view.root())));
    }
}
