//! Netscape / iPlanet Messaging Server and the systems that copied its wording (Verizon,
//! Netvigator and other ISPs of its time): "This Message was undeliverable due to the following
//! reason:", the reason in a paragraph of its own, then the recipients, each on a line that
//! starts with its address and may carry words of its own (`<a@b> has restricted SMS e-mail`),
//! sometimes under "The following recipients did not receive your message:". The reason comes
//! before the list, so a reader that takes the text after each address would miss it.

use std::collections::HashSet;

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "netscape",
    claims,
    decode,
    markers: &[HEADING],
};

/// The words that open the notice.
const HEADING: &str = "undeliverable due to the following reason";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.notice_has(HEADING)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let after = text.split_once(HEADING)?.1;
    // The heading's own line ends at its colon.
    let after = after.split_once('\n').map_or("", |(_, rest)| rest);
    let mut reason: Vec<&str> = Vec::new();
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for line in after.lines().map(str::trim) {
        if let Some(address) = leading_address(line).filter(|a| !is_mail_system(a)) {
            let own_words = line
                .split_once(['>', ' ', '\t'])
                .map_or("", |(_, rest)| rest)
                .trim_start_matches('>')
                .trim();
            if seen.insert(address.to_ascii_lowercase()) {
                listed.push((address, own_words.to_string()));
            }
        } else if listed.is_empty() && !line.is_empty() && !is_list_heading(line) {
            reason.push(line);
        }
    }
    let reason = reason.join(" ");
    let dsn = mail.delivery_status();
    // A delivery-status part may give the codes and the action.
    let fields = dsn.as_ref().map(Decoded::by_address).unwrap_or_default();
    let recipients: Vec<RecipientFacts> = listed
        .into_iter()
        .map(|(address, own_words)| {
            let explanation = if own_words.is_empty() {
                reason.as_str()
            } else {
                own_words.as_str()
            };
            let key = address.to_ascii_lowercase();
            let mut facts = RecipientFacts::from_text(address, explanation);
            if let Some(field) = fields.get(&key) {
                facts.status = field.status.or(facts.status);
                facts.action = field.action.or(facts.action);
                facts.remote_mta.clone_from(&field.remote_mta);
            }
            facts
        })
        .collect();
    let mut decoded = Decoded::found(FORMAT.name, recipients)?;
    decoded.reporting_mta = dsn.and_then(|d| d.reporting_mta);
    Some(decoded)
}

/// True for a mail system's own account (`Postmaster@…` in "Please reply to …").
fn is_mail_system(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or_default();
    local.eq_ignore_ascii_case("postmaster") || local.eq_ignore_ascii_case("mailer-daemon")
}

/// True for the line that introduces the list of recipients rather than explaining.
fn is_list_heading(line: &str) -> bool {
    line.to_ascii_lowercase().contains("following recipient")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    #[test]
    fn the_reason_before_the_list_explains_every_recipient() {
        let raw = "From: Mail Administrator <Postmaster@mail.example.org>\n\
Subject: Mail System Error - Returned Mail\n\n\
This Message was undeliverable due to the following reason:\n\n\
Your message was not delivered within 2 days.\nHost example.net is not responding.\n\n\
The following recipients did not receive your message:\n\n     <bob@example.net>\n\
The following recipients did not receive your message:\n\n     <carol@example.net>\n\n\
Please reply to Postmaster@mail.example.org\nif you feel this message to be in error.\n";
        let decoded = decode_text(raw).unwrap();
        let got: Vec<_> = decoded
            .recipients
            .iter()
            .map(|r| (r.recipient.as_deref(), r.diagnostic.as_deref()))
            .collect();
        let reason = Some(
            "Your message was not delivered within 2 days. Host example.net is not responding.",
        );
        assert_eq!(
            got,
            [
                (Some("bob@example.net"), reason),
                (Some("carol@example.net"), reason)
            ]
        );
    }

    #[test]
    fn a_recipients_own_words_come_first() {
        let raw = "From: Mail Administrator <Postmaster@mail.example.org>\n\
Subject: Mail System Error - Returned Mail\n\n\
This Message was undeliverable due to the following reason:\n\n\
<bob@example.net> has restricted SMS e-mail\n\n\
Please reply to <Postmaster@mail.example.org>\nif you feel this message to be in error.\n";
        let decoded = decode_text(raw).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.diagnostic.as_deref(), Some("has restricted SMS e-mail"));
    }
}
