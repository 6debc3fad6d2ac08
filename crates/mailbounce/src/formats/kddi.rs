//! KDDI's au one net (`dion.ne.jp`) mail system: a short English block under an optional
//! Japanese preface.
//!
//! ```text
//! Your mail sent on: Mon, 2 Mar 2026 10:00:00 +0900
//!      Could not be delivered to: <user@example.jp>
//!      As their mailbox is full.
//! ```

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::lines::lines;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "kddi",
    claims,
    decode,
    markers: &[SENT_ON, RECIPIENT_MARKER],
};

const SENT_ON: &str = "Your mail sent on:";
const RECIPIENT_MARKER: &str = "Could not be delivered to:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.notice_has(SENT_ON) && mail.notice_has(RECIPIENT_MARKER)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut recipients: Vec<RecipientFacts> = Vec::new();
    for line in lines(mail.notice_text()) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix(RECIPIENT_MARKER) {
            recipients.push(RecipientFacts {
                recipient: find_address(rest),
                ..RecipientFacts::default()
            });
        } else if line.is_empty() || line.starts_with(SENT_ON) {
            continue;
        } else if let Some(last) = recipients.last_mut() {
            let diagnostic = last.diagnostic.get_or_insert_with(String::new);
            if !diagnostic.is_empty() {
                diagnostic.push(' ');
            }
            diagnostic.push_str(line);
        }
    }
    recipients.retain(|r| r.recipient.is_some());
    for facts in &mut recipients {
        facts.complete_from_diagnostic();
    }
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_the_recipient_and_reason() {
        let raw = "From: no-reply@mail.example.jp\nSubject: Mail\n\n\
Your mail sent on: Mon, 2 Mar 2026 10:00:00 +0900\n     Could not be delivered to: <bob@example.jp>\n     As their mailbox is full.\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.jp"));
        assert_eq!(r.diagnostic.as_deref(), Some("As their mailbox is full."));
    }
}
