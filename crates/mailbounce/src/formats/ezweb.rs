//! au by KDDI's EZweb mail system (`ezweb.ne.jp`, `au.com`): a Japanese preface, an English
//! explanation, and the recipients either alone in angle brackets or as `Recipient:` lines
//! followed by the SMTP exchange that failed.
//!
//! ```text
//! Each of the following recipients was rejected by a remote
//! mail server.
//!
//!     Recipient: <user@example.net>
//!     >>> RCPT TO:<user@example.net>
//!     <<< 550 <user@example.net>: User unknown
//! ```

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::command_in;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "ezweb",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    let from = mail.sender_lower();
    ["@ezweb.ne.jp", "@au.com"]
        .iter()
        .any(|domain| from.contains(domain))
}

/// One recipient with the exchange that failed for it.
#[derive(Default)]
struct Entry {
    address: String,
    sent: String,
    answer: String,
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut explanation: Vec<&str> = Vec::new();
    for line in mail.notice_text().lines() {
        let trimmed = line.trim();
        if let Some(sent) = trimmed.strip_prefix(">>>") {
            if let Some(entry) = entries.last_mut() {
                entry.sent = sent.trim().to_string();
            }
        } else if let Some(answer) = trimmed.strip_prefix("<<<") {
            if let Some(entry) = entries.last_mut() {
                if !entry.answer.is_empty() {
                    entry.answer.push(' ');
                }
                entry.answer.push_str(answer.trim());
            }
        } else if let Some(address) = recipient_line(trimmed) {
            entries.push(Entry {
                address,
                ..Entry::default()
            });
        } else if is_explanation(trimmed) {
            explanation.push(trimmed);
        }
    }
    let explanation = explanation.join(" ");
    // au's spam filter marks the messages it refused (`X-SPASIGN: NG`).
    let filtered = mail
        .header("X-SPASIGN")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("NG"));
    let recipients = entries
        .into_iter()
        .map(|entry| {
            let diagnostic = if entry.answer.is_empty() {
                explanation.clone()
            } else {
                entry.answer
            };
            let mut facts = RecipientFacts {
                recipient: Some(entry.address),
                command: command_in(&format!(">>> {}", entry.sent)),
                diagnostic: (!diagnostic.is_empty()).then_some(diagnostic),
                kind_hint: filtered.then_some(FailureKind::Filtered),
                ..RecipientFacts::default()
            };
            facts.complete_from_diagnostic();
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

/// `<user@example.jp>` alone on its line, or `Recipient: <user@example.jp>`.
fn recipient_line(line: &str) -> Option<String> {
    let bare = line.strip_prefix("Recipient:").unwrap_or(line).trim();
    (bare.starts_with('<') && bare.ends_with('>'))
        .then(|| find_address(bare))
        .flatten()
}

/// An English sentence of the explanation (the Japanese preface and rules are left out).
fn is_explanation(line: &str) -> bool {
    !line.is_empty()
        && line.is_ascii()
        && line.bytes().any(|b| b.is_ascii_alphabetic())
        && !line.starts_with("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::SmtpCommand;

    fn decode_text(raw: &str) -> Decoded {
        super::super::decode_with(&FORMAT, raw).unwrap()
    }

    #[test]
    fn reads_the_failed_exchange() {
        let decoded = decode_text(
            "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\n\
Each of the following recipients was rejected by a remote\nmail server.\n\n\
    Recipient: <bob@example.net>\n    >>> RCPT TO:<bob@example.net>\n    <<< 550 <bob@example.net>: User unknown\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 <bob@example.net>: User unknown")
        );
    }

    #[test]
    fn uses_the_explanation_without_an_exchange() {
        let decoded = decode_text(
            "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\n\
The user(s) account is disabled.\n\n<bob@example.jp>\n",
        );
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("The user(s) account is disabled.")
        );
        assert_eq!(decoded.recipients[0].kind_hint, None);
    }

    #[test]
    fn the_spam_filter_mark_settles_the_reason() {
        let decoded = decode_text(
            "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\
X-SPASIGN: NG\n\n<bob@ezweb.ne.jp>\nEach of the following recipients was rejected by a remote\n\
mail server.\n",
        );
        assert_eq!(decoded.recipients[0].kind_hint, Some(FailureKind::Filtered));
    }
}
