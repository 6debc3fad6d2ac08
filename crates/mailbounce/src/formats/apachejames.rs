//! Apache James: "Error message below:" with the server's words, then "Message details:"
//! listing the envelope (`RCPT TO: a@b`).

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "apachejames",
    claims,
    decode,
    markers: &[],
};

const ERROR_MARKER: &str = "Error message below:";
const DETAILS_MARKER: &str = "Message details:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.message
        .parts()
        .any(|p| p.may_hold_text() && is_notice(p.bytes()))
}

/// True when a part's body holds both of the notice's markers (looked for in its bytes, so a
/// binary part is not converted to text first).
fn is_notice(body: &[u8]) -> bool {
    let has = |marker: &str| memchr::memmem::find(body, marker.as_bytes()).is_some();
    has(ERROR_MARKER) && has(DETAILS_MARKER)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    // Read from the part itself: James writes a nested multipart header that some parsers
    // cannot open, which leaves the notice out of the readable text.
    let part = mail
        .message
        .parts()
        .find(|p| p.may_hold_text() && is_notice(p.bytes()))?;
    let text = part.text();
    let (_, after_error) = text.split_once(ERROR_MARKER)?;
    let (error, details) = after_error.split_once(DETAILS_MARKER)?;
    let recipients: Vec<RecipientFacts> = details
        .lines()
        .filter_map(|line| line.trim().strip_prefix("RCPT TO:"))
        .flat_map(|list| list.split(','))
        .filter_map(find_address)
        .map(|address| RecipientFacts::from_text(address, error.trim()))
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_error_and_envelope() {
        let raw = "From: postmaster@example.org\nSubject: Re: hello\n\n\
Error: Invalid user address\n\nError message below:\n550 - Requested action not taken: no such user here\n\n\
Message details:\n  Subject: hello\n  MAIL FROM: alice@example.com\n  RCPT TO: bob@example.org\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let r = &decode(&mail).unwrap().recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(r.reply_code, Some(550));
    }
}
