//! Trend Micro InterScan Messaging Security Suite: a notice sent as "InterScan" that either
//! replays the refused exchange (`Sent <<< RCPT TO:<a@b>` then `Received >>> 550 …`) or says
//! "Unable to deliver message to <a@b>".

use super::text::address_after;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::command_at;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "interscan",
    claims,
    decode,
    markers: &[SIGNATURE],
};

/// The line the suite signs its notices with.
const SIGNATURE: &str = "Message from InterScan Messaging Security Suite";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.sender_lower().contains("interscan") || mail.text_has(SIGNATURE)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let mut recipients: Vec<RecipientFacts> = Vec::new();
    let mut sent: Option<&str> = None;
    for line in text.lines().map(str::trim) {
        if let Some(command) = line.strip_prefix("Sent <<< ") {
            sent = Some(command);
        } else if let Some(reply) = line.strip_prefix("Received >>> ") {
            let Some(command) = sent.take() else { continue };
            let Some(address) = find_address(command).or_else(|| find_address(reply)) else {
                continue;
            };
            let mut facts = RecipientFacts::from_text(address, reply);
            facts.command = command_at(command);
            recipients.push(facts);
        }
    }
    if recipients.is_empty()
        && let Some((address, _)) = address_after(text, "Unable to deliver message to ")
    {
        let line = text
            .lines()
            .find(|l| l.contains("Unable to deliver message to "))
            .unwrap_or_default();
        // InterScan's short notice is its verdict on the address itself: the recipient's
        // domain would not take it.
        let mut facts = RecipientFacts::from_text(address, line);
        facts.kind_hint = Some(FailureKind::UserUnknown);
        recipients.push(facts);
    }
    Decoded::found(FORMAT.name, recipients)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::SmtpCommand;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    #[test]
    fn reads_the_replayed_exchange() {
        let raw = "From: \"InterScan MSS\" <postmaster@example.org>\nSubject: Mail could not be delivered\n\n\
Sent <<< RCPT TO:<bob@example.net>\nReceived >>> 550 5.1.1 <bob@example.net>... user unknown\n";
        let decoded = decode_text(raw).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(r.reply_code, Some(550));
    }

    #[test]
    fn reads_the_short_notice() {
        let raw = "From: postmaster@example.org (\"InterScan Notification\")\nSubject: Mail could not be delivered\n\n\
Message from InterScan Messaging Security Suite\n\n\
Unable to deliver message to <bob@example.net> (and other recipients in the same domain).\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            decoded.recipients[0].kind_hint,
            Some(FailureKind::UserUnknown)
        );
    }
}
