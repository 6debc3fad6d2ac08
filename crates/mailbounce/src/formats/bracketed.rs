//! A relay layout (seen from Mail2000-style gateways) that lists the failures under
//! "---The following addresses had delivery errors---", one line per recipient with the
//! reason in square brackets: `bob@example.org [User unknown]`.

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::lines::lines;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "bracketed-errors",
    claims,
    decode,
    markers: &[],
};

/// The section title, between runs of dashes.
const TITLE: &str = "the following addresses had delivery errors";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    lines(mail.notice_text()).any(is_title)
}

/// True for the `---Title---` line.
fn is_title(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("---")
        && line.ends_with("---")
        && line.trim_matches('-').trim().eq_ignore_ascii_case(TITLE)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let recipients: Vec<RecipientFacts> = lines(mail.notice_text())
        .skip_while(|line| !is_title(line))
        .filter_map(|line| {
            let address = leading_address(line)?;
            let reason = line.split_once('[')?.1.rsplit_once(']')?.0;
            Some(RecipientFacts::from_text(address, reason))
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_bracketed_reasons() {
        let raw = "From: \"Mail Deliver System\" <MAILER-DAEMON@example.org>\n\
Subject: Returned Mail: User unknown\n\n\
The original message was received at Mon, 3 Mar 2025 10:00:00 +0900\nfrom alice@example.com\n\n\
---The following addresses had delivery errors---\n\nbob@example.net [User unknown]\n\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.diagnostic.as_deref(), Some("User unknown"));
    }
}
