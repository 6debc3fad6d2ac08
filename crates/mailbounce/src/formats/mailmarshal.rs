//! Trustwave/Marshal MailMarshal SMTP: "Your message: … Could not be delivered because of",
//! the server's reply, then "The following recipients were affected:" and the addresses.

use super::text::{find_ascii_ci, leading_address};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::lines::lines;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "mailmarshal",
    claims,
    decode,
    markers: &[],
};

/// Introduces the server's reply.
const BECAUSE: &str = "could not be delivered because of";
/// Introduces the recipients.
const AFFECTED: &str = "the following recipients were affected";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    let text = mail.notice_text();
    find_ascii_ci(text, BECAUSE).is_some() && find_ascii_ci(text, AFFECTED).is_some()
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut reason: Vec<&str> = Vec::new();
    let mut addresses: Vec<String> = Vec::new();
    // 0: before the reply, 1: reading the reply, 2: reading the recipients.
    let mut stage = 0;
    for line in lines(mail.notice_text()) {
        let lower = line.trim().to_ascii_lowercase();
        if lower.starts_with(BECAUSE) {
            stage = 1;
        } else if lower.starts_with(AFFECTED) {
            stage = 2;
        } else if stage == 1 && !lower.is_empty() {
            reason.push(line.trim());
        } else if stage == 2 {
            match leading_address(line) {
                Some(address) => addresses.push(address),
                None if lower.is_empty() && addresses.is_empty() => {}
                None => break,
            }
        }
    }
    let reason = reason.join(" ");
    let recipients: Vec<RecipientFacts> = addresses
        .into_iter()
        .map(|address| RecipientFacts::from_text(address, &reason))
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_reply_and_recipients() {
        let raw = "From: postmaster@example.org\nSubject: Undeliverable Mail: \"hello\"\n\n\
Your message:\n   From:    alice@example.com\n   Subject: hello\n\n\
Could not be delivered because of\n\n550 5.1.1 User unknown\n\n\
The following recipients were affected: \n    bob@example.org\n    carol@example.org\n\n\n\
Additional Information\n======================\nOriginal Sender:    <alice@example.com>\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        assert_eq!(decoded.recipients.len(), 2);
        let r = &decoded.recipients[1];
        assert_eq!(r.recipient.as_deref(), Some("carol@example.org"));
        assert_eq!(r.diagnostic.as_deref(), Some("550 5.1.1 User unknown"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
    }
}
