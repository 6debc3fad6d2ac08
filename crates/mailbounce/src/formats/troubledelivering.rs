//! A gateway layout that opens "We had trouble delivering your message. Full details
//! follow:" and gives one line per error: the recipient, the command that failed, and the
//! server's reply in square brackets.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::command_in;
use crate::model::SmtpCommand;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "trouble-delivering",
    claims,
    decode,
    markers: &[OPENING],
};

const OPENING: &str = "We had trouble delivering your message";
/// Phrases that put the recipient address right after them.
const RECIPIENT_MARKERS: [&str; 3] = [
    "returned permanent errors: ",
    "returned temporary errors: ",
    "rejected recipient ",
];
/// Phrases that put the server's reply, in brackets, after them.
const REPLY_MARKERS: [&str; 2] = ["error message: [", "responded as follows: ["];

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.text_has(OPENING)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let recipients: Vec<RecipientFacts> =
        mail.notice_text().lines().filter_map(line_facts).collect();
    Decoded::found(FORMAT.name, recipients)
}

/// Reads one error line.
fn line_facts(line: &str) -> Option<RecipientFacts> {
    let address = RECIPIENT_MARKERS.iter().find_map(|m| {
        let (_, after) = line.split_once(m)?;
        find_address(after.split_whitespace().next()?.trim_end_matches('.'))
    })?;
    let reply = REPLY_MARKERS
        .iter()
        .find_map(|m| line.split_once(m))
        .map(|(_, after)| after.rsplit_once(']').map_or(after, |(inside, _)| inside));
    let mut facts = RecipientFacts::from_text(address, reply.unwrap_or(line));
    facts.command = if line.contains("(DATA)") {
        Some(SmtpCommand::Data)
    } else {
        command_in(&line.replace("Error following ", "after "))
    };
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn reads_error_lines() {
        let raw = "From: mailer-daemon\nSubject: There was an error sending your mail\n\n\
We had trouble delivering your message. Full details follow:\n\n1 error(s):\n\n\
SMTP Server <mx.example.net> rejected recipient <bob@example.net> (Error following RCPT command). \
It responded as follows: [550 5.1.1 User unknown]\n\n\
The following recipients returned permanent errors: carol@example.org. Reason: SMTP Server \
<192.0.2.1> refused to accept your message (DATA), with the following error message: \
[554 5.4.6 Hop count exceeded]\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let decoded = decode(&mail).unwrap();
        let got: Vec<_> = decoded
            .recipients
            .iter()
            .map(|r| {
                (
                    r.recipient.as_deref(),
                    r.reply_code,
                    r.command,
                    r.diagnostic.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("bob@example.net"),
                    Some(550),
                    Some(SmtpCommand::Rcpt),
                    Some("550 5.1.1 User unknown")
                ),
                (
                    Some("carol@example.org"),
                    Some(554),
                    Some(SmtpCommand::Data),
                    Some("554 5.4.6 Hop count exceeded")
                ),
            ]
        );
    }
}
