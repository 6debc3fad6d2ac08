//! Zoho Mail's notices: one line per recipient with Zoho's error fields.
//!
//! ```text
//! user@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.org>... User Unknown
//! [Status: Error, Address: <user@example.org>, ResponseCode 421, , Host not reachable.]
//! ```
//!
//! The second form comes in delay warnings (`THIS IS A WARNING MESSAGE ONLY`). Zoho writes
//! "Host not reachable" once its retries for an unreachable host are used up: in a failure
//! notice that means the message expired.

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::lines::lines;
use crate::model::{Action, FailureKind};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "zoho",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.has_header("X-ZohoMail")
        || mail
            .header("X-Mailer")
            .is_some_and(|v| v.to_ascii_lowercase().contains("zoho mail"))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let warning = text.contains("THIS IS A WARNING MESSAGE ONLY");
    let mut recipients: Vec<RecipientFacts> = Vec::new();
    for line in lines(text) {
        let trimmed = line.trim();
        if let Some(fields) = trimmed
            .strip_prefix("[Status:")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            let Some((address, rest)) = fields.split_once('>') else {
                continue;
            };
            recipients.push(RecipientFacts {
                recipient: find_address(&format!("{address}>")),
                diagnostic: Some(rest.trim_start_matches([',', ' ']).to_string()),
                action: warning.then_some(Action::Delayed),
                ..RecipientFacts::default()
            });
        } else if let Some(address) =
            leading_address(trimmed).filter(|_| trimmed.contains("ERROR_CODE"))
        {
            let rest = trimmed.split_once(' ').map_or("", |(_, rest)| rest);
            recipients.push(RecipientFacts {
                recipient: Some(address),
                diagnostic: Some(rest.trim().to_string()),
                action: warning.then_some(Action::Delayed),
                ..RecipientFacts::default()
            });
        }
    }
    for facts in &mut recipients {
        facts.complete_from_diagnostic();
        let unreachable = facts
            .diagnostic
            .as_deref()
            .is_some_and(|d| d.contains("Host not reachable"));
        if unreachable && !warning {
            facts.kind_hint = Some(FailureKind::Expired);
        }
    }
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn decode_text(body: &str) -> Decoded {
        let raw = format!("From: mailer-daemon@mail.example.com\nX-ZohoMail: x\n\n{body}");
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        decode(&mail).unwrap()
    }

    #[test]
    fn reads_error_code_lines() {
        let decoded = decode_text(
            "A message that you sent could not be delivered.\n\n\
bob@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <bob@example.org>... User Unknown\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
    }

    #[test]
    fn reads_status_brackets_in_warnings() {
        let decoded = decode_text(
            "THIS IS A WARNING MESSAGE ONLY.\n\n\
[Status: Error, Address: <bob@example.org>, ResponseCode 421, , Host not reachable.]\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(r.reply_code, Some(421));
        assert_eq!(r.action, Some(Action::Delayed));
        assert_eq!(r.kind_hint, None);
    }

    #[test]
    fn an_unreachable_host_in_a_failure_notice_has_expired() {
        let decoded = decode_text(
            "This message was created automatically by mail delivery software.\n\n\
bob@example.org Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.reply_code, Some(421));
        assert_eq!(r.kind_hint, Some(FailureKind::Expired));
    }
}
