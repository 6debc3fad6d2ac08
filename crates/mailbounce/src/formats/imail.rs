//! Ipswitch IMail Server (`X-Mailer: <SMTP32 v…>`): one line per recipient, the reason then
//! the address (`Unknown user: a@b`, `Delivery failed 20 attempts: a@b`), before
//! "Original message follows.".

use super::text::trailing_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "imail",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.header("X-Mailer")
        .is_some_and(|m| m.trim_start_matches('<').starts_with("SMTP32 "))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let recipients: Vec<RecipientFacts> = mail
        .notice_text()
        .lines()
        .filter_map(trailing_address)
        .map(|(address, reason)| {
            let mut facts = RecipientFacts::from_text(address, reason);
            // "Delivery failed 20 attempts" counts attempts; it is no reply code.
            if !reason.contains("said") {
                facts.reply_code = None;
            }
            facts.kind_hint = kind_of_label(reason);
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

/// What IMail's own label before the address establishes (`Unknown user: a@b`). Labels that
/// quote the remote server (`… said: 550 …`) are left to the server's words.
fn kind_of_label(label: &str) -> Option<FailureKind> {
    const LABELS: [(&str, FailureKind); 5] = [
        ("Unknown user", FailureKind::UserUnknown),
        ("Invalid final delivery userid", FailureKind::UserUnknown),
        ("Unknown host", FailureKind::HostUnknown),
        (
            "User mailbox exceeds allowed size",
            FailureKind::MailboxFull,
        ),
        ("Delivery failed ", FailureKind::Expired),
    ];
    let label = label.trim();
    LABELS
        .iter()
        .find(|(start, _)| label.starts_with(start))
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_reason_and_address_lines() {
        let raw = "From: \"Postmaster\" <postmaster@example.org>\nSubject: Undeliverable Mail\n\
X-Mailer: <SMTP32 v8.22>\n\n\
User mailbox exceeds allowed size: bob@example.org\n\n\nOriginal message follows.\n\n\
From: alice@example.com\nTo: bob@example.org\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("User mailbox exceeds allowed size")
        );
        assert_eq!(r.kind_hint, Some(FailureKind::MailboxFull));
    }

    #[test]
    fn labels_settle_the_reason() {
        assert_eq!(
            kind_of_label("Unknown user"),
            Some(FailureKind::UserUnknown)
        );
        assert_eq!(
            kind_of_label("Delivery failed 20 attempts"),
            Some(FailureKind::Expired)
        );
        assert_eq!(kind_of_label("Host mx said: 550 no"), None);
    }
}
