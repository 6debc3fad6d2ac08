//! MailFoundry: "Unable to deliver message to: <a@b>", then "Delivery failed for the
//! following reason:" and the server's reply, prefixed by the host that gave it.

use super::text::address_after;
use super::{Decoded, Format, Incoming, RecipientFacts};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "mailfoundry",
    claims,
    decode,
    markers: &[RECIPIENT_MARKER, REASON_MARKER],
};

const RECIPIENT_MARKER: &str = "Unable to deliver message to: ";
const REASON_MARKER: &str = "Delivery failed for the following reason:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.text_has(RECIPIENT_MARKER) && mail.text_has(REASON_MARKER)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let (address, rest) = address_after(text, RECIPIENT_MARKER)?;
    let reason = rest
        .split_once(REASON_MARKER)
        .map_or(rest, |(_, after)| after)
        .trim_start();
    let reason = reason.split("\n\n").next().unwrap_or_default();
    // "Server HOST[IP] failed with: 550 …" / "HOST[IP] responded with failure: 552 …"
    let (host, reply) = reason
        .split_once(" failed with: ")
        .or_else(|| reason.split_once(" responded with failure: "))
        .unwrap_or(("", reason));
    let mut facts = RecipientFacts::from_text(address, reply);
    facts.remote_mta = host
        .split_whitespace()
        .last()
        .and_then(|h| h.split('[').next())
        .filter(|h| !h.is_empty())
        .map(str::to_string);
    Some(Decoded {
        format: FORMAT.name,
        recipients: vec![facts],
        ..Decoded::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_the_server_reply() {
        let raw = "From: MAILER-DAEMON@example.org\nSubject: Message delivery has failed\n\n\
Unable to deliver message to: <bob@example.net>\nDelivery failed for the following reason:\n\
Server mx.example.net[192.0.2.9] failed with: 550 <bob@example.net> No such user here\n\n\
This has been a permanent failure.\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let r = &decode(&mail).unwrap().recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 <bob@example.net> No such user here")
        );
    }
}
