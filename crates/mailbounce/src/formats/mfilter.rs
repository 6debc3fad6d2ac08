//! Digital Arts m-FILTER: the failed addresses, then sections opened by `-------server
//! message`, `-------SMTP command` and `-------original message`.

use super::text::leading_address;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::lines::lines;
use crate::model::SmtpCommand;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "m-filter",
    claims,
    decode,
    markers: &[SERVER],
};

/// Opens the server's reply.
const SERVER: &str = "-------server message";
/// Opens the command the reply answered.
const COMMAND: &str = "-------SMTP command";
/// Opens the returned original.
const ORIGINAL: &str = "-------original message";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.header("X-Mailer")
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("m-FILTER"))
        || (mail.text_has(SERVER) && lines(mail.text()).any(|l| l.trim_end() == SERVER))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut addresses: Vec<String> = Vec::new();
    let mut reply: Vec<&str> = Vec::new();
    let mut command = None;
    let mut section = "";
    for line in lines(mail.text()) {
        let trimmed = line.trim();
        match trimmed {
            SERVER | COMMAND => section = trimmed,
            ORIGINAL => break,
            "" => {}
            _ if section == SERVER => reply.push(trimmed),
            _ if section == COMMAND => {
                command = command.or_else(|| SmtpCommand::from_word(trimmed))
            }
            _ => addresses.extend(leading_address(line)),
        }
    }
    let reply = reply.join(" ");
    let recipients: Vec<RecipientFacts> = addresses
        .into_iter()
        .map(|address| {
            let mut facts = RecipientFacts::from_text(address, &reply);
            facts.command = command.or(facts.command);
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
    fn reads_reply_and_command_sections() {
        let raw = "From: POSTMASTER <postmaster@example.org>\nSubject: failure notice\n\
X-Mailer: m-FILTER\n\nSending to the address below failed.\nbob@example.net\n\n\n\
-------server message\n550 5.1.1 <bob@example.net>: User unknown\n\n\
-------SMTP command\nRCPT\n\n-------original message\nFrom: alice@example.com\n\
To: bob@example.net\n\nhi\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>: User unknown")
        );
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
    }
}
