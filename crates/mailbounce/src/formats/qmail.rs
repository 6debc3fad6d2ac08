//! qmail and its descendants (netqmail, notqmail, s/qmail): "Hi. This is the qmail-send
//! program at …", one `<a@b>:` paragraph per recipient in which qmail says what went wrong
//! ("does not like recipient.", "failed after I sent the message.") and quotes the server
//! after "Remote host said:", then "--- Below this line is a copy of the message.".

use super::text::recipient_sections;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::model::SmtpCommand;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "qmail",
    claims,
    decode,
    markers: &MARKERS,
};

/// Lines only qmail writes.
const MARKERS: [&str; 3] = [
    "This is the qmail-send program",
    "--- Below this line is a copy of the message.",
    "I'm afraid I wasn't able to deliver your message",
];

/// qmail's own words for the stage at which the remote server refused.
const STAGES: [(&str, SmtpCommand); 6] = [
    ("does not like recipient", SmtpCommand::Rcpt),
    ("does not like sender", SmtpCommand::Mail),
    ("sender was rejected", SmtpCommand::Mail),
    ("failed after i sent the message", SmtpCommand::Data),
    ("my name was rejected", SmtpCommand::Helo),
    ("greeting failed", SmtpCommand::Conn),
];

/// Where the remote server's own words begin.
const SERVER_SAID: &str = "Remote host said:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    MARKERS.iter().any(|m| mail.text_has(m))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    // The notice's addressee may be the failed recipient too (mail to oneself), so only
    // mail-system accounts are left out.
    let recipients: Vec<RecipientFacts> = recipient_sections(mail.notice_text(), &[])
        .into_iter()
        .map(|section| section_facts(section.address, &section.text))
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

/// Reads one recipient's paragraph: the server's words when quoted, else qmail's.
fn section_facts(address: String, text: &str) -> RecipientFacts {
    let said = text.split_once(SERVER_SAID).map(|(_, after)| {
        after
            .lines()
            .take_while(|l| !l.trim_start().starts_with("Giving up"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let mut facts = RecipientFacts::from_text(address, said.as_deref().unwrap_or(text));
    let lower = text.to_ascii_lowercase();
    if let Some((_, command)) = STAGES.iter().find(|(phrase, _)| lower.contains(phrase)) {
        facts.command = Some(*command);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn quotes_the_server_and_names_the_stage() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nTo: bob@example.org\nSubject: failure notice\n\n\
Hi. This is the qmail-send program at mx.example.org.\n\
I'm afraid I wasn't able to deliver your message to the following addresses.\n\n\
<bob@example.org>:\n192.0.2.1 does not like recipient.\n\
Remote host said: 552 5.2.2 Mailbox full\nGiving up on 192.0.2.1.\n\n\
--- Below this line is a copy of the message.\n\nTo: bob@example.org\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(r.diagnostic.as_deref(), Some("552 5.2.2 Mailbox full"));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
    }
}
