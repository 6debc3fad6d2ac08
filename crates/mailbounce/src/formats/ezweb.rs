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
//!
//! or, with a delivery-status part beside it, au's verdict on the account as the first English
//! sentence and the recipient with the last answer on one line:
//!
//! ```text
//! The user(s) account is disabled.
//!
//! <user@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)
//! ```
//!
//! The verdict sentence settles the reason unless the SMTP exchange is shown: au writes the
//! same `550 user unknown` for a suspended account as for one that does not exist.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::command_in;
use crate::lines::lines;
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
    for line in lines(mail.notice_text()) {
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
        } else if let Some((address, answer)) = recipient_line(trimmed) {
            entries.push(Entry {
                address,
                answer: answer.to_string(),
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
    let verdict = verdict_in(&explanation);
    let dsn = mail.delivery_status();
    let dsn_by_address = dsn.as_ref().map(Decoded::by_address).unwrap_or_default();
    let recipients = entries
        .into_iter()
        .map(|entry| {
            let shown_exchange = !entry.sent.is_empty();
            let diagnostic = if entry.answer.is_empty() {
                explanation.clone()
            } else {
                entry.answer
            };
            let field_facts = dsn_by_address
                .get(&entry.address.to_ascii_lowercase())
                .copied();
            let kind_hint = if filtered {
                Some(FailureKind::Filtered)
            } else {
                verdict.filter(|_| !shown_exchange)
            };
            let mut facts = RecipientFacts {
                command: command_in(&format!(">>> {}", entry.sent)),
                diagnostic: (!diagnostic.is_empty()).then_some(diagnostic),
                kind_hint,
                ..field_facts.cloned().unwrap_or_default()
            };
            facts.recipient = Some(entry.address);
            facts.complete_from_diagnostic();
            facts
        })
        .collect();
    Decoded::found(FORMAT.name, recipients)
}

/// au's verdict on the recipient's account, the first sentence of its English explanation.
fn verdict_in(explanation: &str) -> Option<FailureKind> {
    const VERDICTS: [(&str, FailureKind); 4] = [
        ("account is disabled", FailureKind::Suspended),
        ("account is temporarily limited", FailureKind::Suspended),
        (
            "account is temporarily over quota",
            FailureKind::MailboxFull,
        ),
        ("message was not delivered within", FailureKind::Expired),
    ];
    VERDICTS
        .iter()
        .find(|(sentence, _)| explanation.contains(sentence))
        .map(|&(_, kind)| kind)
}

/// `<user@example.jp>` alone on its line or followed by `: answer`, or
/// `Recipient: <user@example.jp>`: the address and the answer (empty when none).
fn recipient_line(line: &str) -> Option<(String, &str)> {
    let bare = line.strip_prefix("Recipient:").unwrap_or(line).trim();
    let rest = bare.strip_prefix('<')?;
    let (inside, after) = rest.split_once('>')?;
    let answer = match after.strip_prefix(':') {
        Some(answer) => answer.trim(),
        None if after.trim().is_empty() => "",
        None => return None,
    };
    let address = find_address(inside).filter(|_| !inside.contains(' '))?;
    Some((address, answer))
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
        assert_eq!(
            decoded.recipients[0].kind_hint,
            Some(FailureKind::Suspended)
        );
    }

    #[test]
    fn the_verdict_sentence_settles_the_reason_without_an_exchange() {
        let decoded = decode_text(
            "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\n\
The user(s) account is disabled.\n\n\
<bob@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@ezweb.ne.jp"));
        assert_eq!(r.kind_hint, Some(FailureKind::Suspended));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 user unknown (in reply to RCPT TO command)")
        );
        // With the exchange shown, the server's own answer decides.
        let decoded = decode_text(
            "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\n\
The user(s) account is temporarily over quota.\n\n\
    Recipient: <bob@ezweb.ne.jp>\n    >>> RCPT TO:<bob@ezweb.ne.jp>\n    <<< 550 User unknown\n",
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
