//! DragonFly Mail Agent (`dma`): a plain-text notice naming one recipient ("There was an
//! error delivering your mail to <…>."), then the error — for a refusal, "HOST [IP] did not
//! like our COMMAND:" and the server's reply — before "Message headers follow." or
//! "Original message follows.".

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::command_at;
use crate::mime::unfold;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "dragonfly",
    claims,
    decode,
    markers: &[AGENT, RECIPIENT_MARKER],
};

/// The name the agent signs with.
const AGENT: &str = "DragonFly Mail Agent";
/// The line that names the recipient.
const RECIPIENT_MARKER: &str = "There was an error delivering your mail to ";
/// What precedes the command a remote server refused.
const REFUSAL_MARKER: &str = " did not like our ";
/// Lines that end the error and begin the returned original.
const END_MARKERS: [&str; 2] = ["Message headers follow.", "Original message follows."];

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.text_has(AGENT) && mail.text_has(RECIPIENT_MARKER)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.text();
    let mut recipients = Vec::new();
    for (at, _) in text.match_indices(RECIPIENT_MARKER) {
        let rest = &text[at + RECIPIENT_MARKER.len()..];
        let (line, error) = rest.split_once('\n').unwrap_or((rest, ""));
        let Some(address) = find_address(line.trim_end().trim_end_matches('.')) else {
            continue;
        };
        let end = END_MARKERS
            .iter()
            .filter_map(|m| error.find(m))
            .chain(error.find(RECIPIENT_MARKER))
            .min()
            .unwrap_or(error.len());
        recipients.push(facts(address, &error[..end]));
    }
    Decoded::found(FORMAT.name, recipients)
}

/// Reads the error of one recipient: the server's reply after a refusal line, else the
/// agent's own words.
fn facts(address: String, error: &str) -> RecipientFacts {
    let error = error.trim();
    let refusal = error
        .lines()
        .enumerate()
        .find_map(|(i, line)| line.split_once(REFUSAL_MARKER).map(|parts| (i, parts)));
    let Some((index, (host, command))) = refusal else {
        return RecipientFacts::from_text(address, error);
    };
    let reply: Vec<&str> = error.lines().skip(index + 1).collect();
    let mut facts = RecipientFacts::from_text(address, &reply.join("\n"));
    let command = command.trim_end_matches(':').trim();
    facts.command = command_at(command.strip_prefix("final ").unwrap_or(command));
    facts.remote_mta = host
        .split_whitespace()
        .next()
        .map(str::to_string)
        .filter(|h| !h.is_empty());
    if facts.diagnostic.is_none() {
        facts.diagnostic = Some(unfold(error));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::SmtpCommand;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    #[test]
    fn reads_a_refusal() {
        let raw = "From: MAILER-DAEMON <>\nTo: alice@example.com\nSubject: Mail delivery failed\n\n\
This is the DragonFly Mail Agent v0.13 at mx.example.com.\n\n\
There was an error delivering your mail to <bob@example.net>.\n\n\
mx.example.net [192.0.2.7] did not like our RCPT TO:\n\
550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n\
Message headers follow.\n\nTo: <bob@example.net>\nFrom: <alice@example.com>\n";
        let decoded = decode_text(raw).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown")
        );
    }

    #[test]
    fn reads_its_own_error() {
        let raw = "From: MAILER-DAEMON <>\nSubject: Mail delivery failed\n\n\
This is the DragonFly Mail Agent v0.13 at mx.example.com.\n\n\
There was an error delivering your mail to <bob@example.net>.\n\n\
Could not deliver for the last 432000 seconds. Giving up.\n\nOriginal message follows.\n\nbody\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("Could not deliver for the last 432000 seconds. Giving up.")
        );
        assert_eq!(decoded.recipients[0].command, None);
    }
}
