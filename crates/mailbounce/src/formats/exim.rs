//! Exim: "This message was created automatically by mail delivery software.", the failed
//! addresses indented by two spaces, each followed by its explanation indented further
//! ("SMTP error from remote mail server after RCPT TO:<…>: host … [ip]: 550 …"), and the
//! same addresses in `X-Failed-Recipients`. Newer versions add an RFC 3464 part, which is
//! read first and completed from the text.

use std::collections::HashMap;

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::reply_code_start;
use crate::lines::lines;
use crate::mime::unfold;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "exim",
    claims,
    decode,
    markers: &MARKERS,
};

/// Exim's opening line.
const OPENING: &str = "This message was created automatically by mail delivery software";

/// Other lines only Exim writes: its failure list and its report of malformed addresses.
const MARKERS: [&str; 3] = [
    OPENING,
    "The following address(es) failed:",
    "incorrectly constructed:",
];

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.has_header("X-Failed-Recipients") || MARKERS.iter().any(|m| mail.text_has(m))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let sections = sections(mail.notice_text());
    if let Some(mut decoded) = mail.delivery_status() {
        let by_address: HashMap<String, &Section> = sections
            .iter()
            .rev()
            .map(|s| (s.address.to_ascii_lowercase(), s))
            .collect();
        let mut unnamed = sections.iter();
        for facts in &mut decoded.recipients {
            let section = match facts.recipient.as_deref() {
                Some(a) => by_address.get(&a.to_ascii_lowercase()).copied(),
                // A delivery to a file or pipe: the section says which address it served.
                None => unnamed
                    .next()
                    .inspect(|s| facts.recipient = Some(s.address.clone())),
            };
            if let Some(section) = section {
                let from_text = section.facts();
                facts.command = facts.command.or(from_text.command);
                facts.diagnostic = facts.diagnostic.take().or(from_text.diagnostic);
                facts.remote_mta = facts.remote_mta.take().or(from_text.remote_mta);
            }
        }
        decoded.format = FORMAT.name;
        return Some(decoded);
    }
    let recipients: Vec<RecipientFacts> = sections.iter().map(Section::facts).collect();
    Decoded::found(FORMAT.name, recipients)
}

/// One failed address and its explanation.
struct Section {
    address: String,
    explanation: String,
}

impl Section {
    /// The facts of the section: the diagnostic starts at the server's reply code when
    /// there is one, so Exim's "SMTP error from remote mail server" framing is left out.
    fn facts(&self) -> RecipientFacts {
        let explanation = unfold(&self.explanation);
        let words = reply_code_start(&explanation)
            .and_then(|at| explanation.get(at..))
            .unwrap_or(&explanation);
        let mut facts = RecipientFacts::from_text(self.address.clone(), words);
        facts.command = facts
            .command
            .or(crate::diagnostic::command_in(&explanation));
        facts.remote_mta = remote_host(&explanation);
        facts
    }
}

/// The server Exim was talking to: `host mx.example.org [192.0.2.5]`.
fn remote_host(explanation: &str) -> Option<String> {
    explanation.match_indices("host ").find_map(|(at, marker)| {
        let starts_word = explanation[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let rest = &explanation[at + marker.len()..];
        let (name, after) = rest.split_once(' ')?;
        let is_name = name.contains('.')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        (starts_word && is_name && after.starts_with('[')).then(|| name.to_string())
    })
}

/// Reads the indented address lines and their explanations.
fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    // A bounce sent to another address than the sender's names the sender first, indented
    // like a failed address: "A message sent by\n\n  <a@b>\n\ncould not be delivered".
    let mut sender_next = false;
    for line in lines(text) {
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if indent == 0 {
            sender_next = content.starts_with("A message sent by");
            continue;
        }
        if std::mem::take(&mut sender_next) {
            continue;
        }
        if indent == 2 {
            // `  a@b`, `  a@b:`, `  Name <a@b>: malformed address: …`, `  save to /path`
            let (head, rest) = content.split_once(": ").unwrap_or((content, ""));
            let head = head.trim_end_matches(':');
            match find_address(head).filter(|_| !head.contains(" to /")) {
                Some(address) => out.push(Section {
                    address,
                    explanation: rest.to_string(),
                }),
                None => out.push(Section {
                    address: String::new(),
                    explanation: String::new(),
                }),
            }
        } else if indent > 2
            && let Some(section) = out.last_mut()
        {
            if section.address.is_empty() {
                // A file or pipe delivery names the address it was generated by.
                if let Some(by) = content.strip_prefix("generated by ") {
                    section.address = find_address(by).unwrap_or_default();
                    continue;
                }
            }
            section.explanation.push('\n');
            section.explanation.push_str(content);
        }
    }
    out.retain(|s| !s.address.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::SmtpCommand;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    #[test]
    fn reads_the_server_reply_out_of_the_explanation() {
        let raw = [
            "From: Mail Delivery System <Mailer-Daemon@mx.example.org>",
            "To: bob@example.org",
            "Subject: Mail delivery failed: returning message to sender",
            "X-Failed-Recipients: bob@example.org",
            "",
            "This message was created automatically by mail delivery software.",
            "",
            "A message that you sent could not be delivered to one or more of its",
            "recipients. This is a permanent error. The following address(es) failed:",
            "",
            "  bob@example.org",
            "    host mx.example.org [192.0.2.5]",
            "    SMTP error from remote mail server after RCPT TO:<bob@example.org>:",
            "    553 5.1.1 unknown or illegal user",
            "",
            "------ This is a copy of the message, including all the headers. ------",
            "",
            "To: bob@example.org",
        ]
        .join("\n");
        let decoded = decode_text(&raw).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.org"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("553 5.1.1 unknown or illegal user")
        );
        assert_eq!(r.reply_code, Some(553));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.org"));
    }

    #[test]
    fn the_sender_named_first_is_no_failed_address() {
        let raw = [
            "From: Mail Delivery System <Mailer-Daemon@mx.example.org>",
            "To: errors@example.com",
            "Subject: Mail delivery failed",
            "",
            "This message was created automatically by mail delivery software.",
            "",
            "A message sent by",
            "",
            "  <news@example.com>",
            "",
            "could not be delivered to one or more of its recipients. The following",
            "address(es) failed:",
            "",
            "  bob@example.org",
            "    SMTP error from remote mail server after RCPT TO:<bob@example.org>:",
            "    550 5.1.1 unknown user",
        ]
        .join("\n");
        let decoded = decode_text(&raw).unwrap();
        let got: Vec<_> = decoded
            .recipients
            .iter()
            .map(|r| r.recipient.as_deref())
            .collect();
        assert_eq!(got, [Some("bob@example.org")]);
    }

    #[test]
    fn names_the_remote_host() {
        assert_eq!(
            remote_host("SMTP error: host mx.example.org [192.0.2.5]: 550 no").as_deref(),
            Some("mx.example.org")
        );
        assert_eq!(remote_host("ghost example.org [192.0.2.5]"), None);
        assert_eq!(remote_host("host lookup did not complete"), None);
    }

    #[test]
    fn takes_the_bracketed_address_of_a_malformed_one() {
        let raw = [
            "From: Mail Delivery System <Mailer-Daemon@mx.example.org>",
            "Subject: Mail failure - malformed recipient address",
            "",
            "A message that you sent contained one or more recipient addresses that were",
            "incorrectly constructed:",
            "",
            "  carol@example.org <bob@example.net>: malformed address: <bob@example.net> may not follow carol@example.org",
        ]
        .join("\n");
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
    }
}
