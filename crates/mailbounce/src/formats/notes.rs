//! Lotus Notes / HCL Domino: a "Failure Reasons" section in which each recipient's address
//! follows the line(s) that explain it, closed by a "Returned Message" section.

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::lines::lines;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "notes",
    claims,
    decode,
    markers: &[],
};

/// Opens the section of reasons and addresses.
const REASONS: &str = "failure reasons";
/// Opens the returned original.
const RETURNED: &str = "returned message";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    lines(mail.text()).any(|line| marker(line) == Some(REASONS))
}

/// The lowercased title of a `------- Title --------` section line.
fn marker(line: &str) -> Option<&'static str> {
    let line = line.trim();
    let inner = line.strip_prefix("---")?.trim_matches(['-', ' ']);
    [REASONS, RETURNED]
        .into_iter()
        .find(|title| inner.eq_ignore_ascii_case(title))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut recipients = Vec::new();
    let mut inside = false;
    // The explanation lines read since the previous address.
    let mut reason: Vec<&str> = Vec::new();
    for line in lines(mail.text()) {
        match marker(line) {
            Some(REASONS) => inside = true,
            Some(_) if inside => break,
            _ if !inside => {}
            _ => match leading_address(line) {
                Some(address) => {
                    let text = reason.join(" ");
                    recipients.push(RecipientFacts::from_text(address, &text));
                    reason.clear();
                }
                None if !line.trim().is_empty() => reason.push(line.trim()),
                None => {}
            },
        }
    }
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_reason_then_address() {
        let raw = "From: postmaster@notes.example.org\nSubject: Undeliverable message\n\n\
------- Failure Reasons  --------\n\nUser not listed in public Name & Address Book\n\
bob@example.org\n\n------- Returned Message --------\nFrom: alice@example.com\n\
To: bob@example.org\nSubject: hi\n\nhello\n";
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
            Some("User not listed in public Name & Address Book")
        );
    }
}
