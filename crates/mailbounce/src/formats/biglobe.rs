//! BIGLOBE's mail system: the failed addresses and the reason under two dashed headings.
//!
//! ```text
//!    ----- The following addresses had delivery problems -----
//! user@example.jp
//!
//!    ----- Non-delivered information -----
//! The number of messages in recipient's mailbox exceeded the local limit.
//! ```

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::lines::lines;
use crate::mime::unfold;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "biglobe",
    claims,
    decode,
    markers: &[ADDRESSES_HEADING, REASON_HEADING],
};

const ADDRESSES_HEADING: &str = "The following addresses had delivery problems";
const REASON_HEADING: &str = "Non-delivered information";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.notice_has(ADDRESSES_HEADING) && mail.notice_has(REASON_HEADING)
}

/// Which heading the current line is under.
#[derive(Clone, Copy, PartialEq)]
enum Under {
    Nothing,
    Addresses,
    Reason,
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut addresses: Vec<String> = Vec::new();
    let mut reason = String::new();
    let mut under = Under::Nothing;
    for line in lines(mail.notice_text()) {
        let trimmed = line.trim();
        if trimmed.starts_with("-----") {
            under = if trimmed.contains(ADDRESSES_HEADING) {
                Under::Addresses
            } else if trimmed.contains(REASON_HEADING) {
                Under::Reason
            } else {
                Under::Nothing
            };
            continue;
        }
        match under {
            Under::Addresses => addresses.extend(find_address(trimmed)),
            Under::Reason => {
                reason.push_str(line);
                reason.push('\n');
            }
            Under::Nothing => {}
        }
    }
    let reason = unfold(reason.trim());
    let recipients = addresses
        .into_iter()
        .map(|address| {
            let mut facts = RecipientFacts {
                recipient: Some(address),
                diagnostic: (!reason.is_empty()).then(|| reason.clone()),
                ..RecipientFacts::default()
            };
            facts.complete_from_diagnostic();
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
    fn reads_addresses_and_reason() {
        let raw = "From: postmaster@mail.example.jp\nSubject: Returned mail: Service unavailable\n\n\
   ----- The following addresses had delivery problems -----\npostmaster@example.jp\nbob@example.jp\n\n\
   ----- Non-delivered information -----\nThe number of messages in recipient's mailbox exceeded the local limit.\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        assert_eq!(decoded.recipients.len(), 2);
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("postmaster@example.jp")
        );
        assert!(
            decoded.recipients[1]
                .diagnostic
                .as_deref()
                .is_some_and(|d| d.contains("mailbox exceeded"))
        );
    }
}
