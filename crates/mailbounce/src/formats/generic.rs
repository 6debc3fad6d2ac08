//! The layout most mail servers share when they write a bounce as plain text: a recipient
//! line (`<user@example.org>:`, `  user@example.org`, `user@example.org... User unknown`)
//! followed by the server's explanation, before a copy of the original message.
//!
//! Registered last: it reads what no more specific reader claimed.

use super::text::{recipient_sections, trailing_address};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::status_in;
use crate::lines::{lines, lines_inclusive};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "generic",
    claims,
    decode,
    markers: &[],
};

/// Subjects that mail systems give their failure notices.
const FAILURE_SUBJECTS: [&str; 14] = [
    "undeliver",
    "delivery status notification",
    "returned mail",
    "failure notice",
    "delivery failure",
    "mail delivery failed",
    "delivery has failed",
    "could not be delivered",
    "non remis",
    "unzustellbar",
    "nondeliverable",
    "mail system error",
    "delivery failed",
    "message not delivered",
];

/// Subject openings of a person's reply or forward, in the common mail-program languages.
const REPLY_PREFIXES: [&str; 10] = [
    "re:", "aw:", "sv:", "antw:", "vs:", "odp:", "ynt:", "回复", "答复", "返信",
];
const FORWARD_PREFIXES: [&str; 8] = [
    "fwd:", "fw:", "wg:", "tr:", "rv:", "doorst:", "转发", "轉送",
];

/// True when the subject is one mail systems give their failure notices.
pub(crate) fn has_failure_subject(mail: &Incoming<'_, '_>) -> bool {
    FAILURE_SUBJECTS
        .iter()
        .any(|s| mail.subject_lower().contains(s))
}

/// True when the message presents itself as a failure notice: sent by a mail system, or with
/// Exim's `X-Failed-Recipients`, or with a failure subject backed by what only machines write
/// (a null return path, an `Auto-Submitted` mark, a returned original, an enhanced status
/// code) and
/// neither a person's reply nor list mail.
pub(crate) fn looks_like_failure(mail: &Incoming<'_, '_>) -> bool {
    if mail.has_header("X-Failed-Recipients") || mail.is_from_mail_system() {
        return true;
    }
    has_failure_subject(mail)
        && !is_reply_or_forward(mail)
        && !is_list_mail(mail)
        && machine_written(mail)
}

/// A person's reply (`Re: Undeliverable: …`) quotes a bounce but is not one; a forward is kept
/// only when the forwarded text shows a mail system wrote it.
fn is_reply_or_forward(mail: &Incoming<'_, '_>) -> bool {
    let subject = mail.subject_lower().trim_start();
    let starts = |prefixes: &[&str]| {
        prefixes.iter().any(|p| {
            subject
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
    };
    if starts(&REPLY_PREFIXES) {
        return true;
    }
    if starts(&FORWARD_PREFIXES) {
        let text = mail.text().to_ascii_lowercase();
        return !["mailer-daemon", "postmaster", "mail delivery"]
            .iter()
            .any(|account| text.contains(account));
    }
    false
}

/// Mailing-list and bulk mail (newsletters, digests) announces itself in its headers.
fn is_list_mail(mail: &Incoming<'_, '_>) -> bool {
    mail.has_header("List-Id")
        || mail.has_header("List-Unsubscribe")
        || mail.has_header("List-Post")
        || mail
            .header("Precedence")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("list"))
}

/// Evidence that software, not a person, wrote the message as a delivery report.
fn machine_written(mail: &Incoming<'_, '_>) -> bool {
    let null_sender = mail
        .message
        .header_raw("Return-Path")
        .is_some_and(|v| v.trim_start_matches("Return-Path:").trim() == "<>");
    null_sender
        || mail.has_header("Auto-Submitted")
        || mail
            .message
            .parts()
            .any(|p| p.message().is_some() || p.content_type().ends_with("rfc822-headers"))
        || !mail.quoted_original().is_empty()
        || status_in(mail.notice_text()).is_some()
}

fn claims(mail: &Incoming<'_, '_>) -> bool {
    looks_like_failure(mail)
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut excluded = mail.message.addresses("From");
    excluded.extend(mail.message.addresses("To"));
    let mut recipients: Vec<RecipientFacts> = recipient_sections(mail.notice_text(), &excluded)
        .into_iter()
        .map(|section| RecipientFacts::from_text(section.address, &section.text))
        .collect();
    if recipients.is_empty() {
        // Some servers put the address last: "User's mailbox is full: <a@b>", or as a labelled
        // field ("Undeliverable Address: a@b") with the reason in a field of its own.
        let reason = labelled_reason(mail.notice_text());
        recipients = lines(mail.notice_text())
            .filter_map(trailing_address)
            .filter(|(address, _)| !excluded.iter().any(|e| e.eq_ignore_ascii_case(address)))
            .filter(|(_, label)| !names_a_contact(label))
            .map(|(address, label)| {
                // A short label explains nothing: the `Reason:` field does.
                let explanation = match reason {
                    Some(reason) if label.split_whitespace().count() <= 3 => reason,
                    _ => label,
                };
                RecipientFacts::from_text(address, explanation)
            })
            .collect();
    }
    if recipients.is_empty() {
        // Exim names the failed addresses in a header even when its text is unusual.
        let listed = mail.header("X-Failed-Recipients").unwrap_or_default();
        let explanation = mail.notice_text().to_string();
        recipients = listed
            .split(',')
            .filter_map(find_address)
            .map(|address| RecipientFacts::from_text(address, &explanation))
            .collect();
    }
    Decoded::found(FORMAT.name, recipients)
}

/// The text of a `Reason:` field, to the end of its paragraph.
fn labelled_reason(text: &str) -> Option<&str> {
    let mut offset = 0;
    for line in lines_inclusive(text) {
        let trimmed = line.trim_start();
        let is_reason = trimmed
            .get(..7)
            .is_some_and(|head| head.eq_ignore_ascii_case("reason:"));
        if is_reason {
            let start = offset + (line.len() - trimmed.len()) + 7;
            let rest = text.get(start..)?;
            let end = rest.find("\n\n").unwrap_or(rest.len());
            return rest.get(..end).map(str::trim).filter(|r| !r.is_empty());
        }
        offset += line.len();
    }
    None
}

/// True when a field label names whom to contact ("System Contact: postmaster@…"), not a
/// failed recipient.
fn names_a_contact(label: &str) -> bool {
    let label = label.to_ascii_lowercase();
    ["contact", "administrator", "postmaster"]
        .iter()
        .any(|word| label.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    #[test]
    fn reads_a_qmail_like_notice() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.com\nSubject: failure notice\n\n\
Hi. This is the mail program at mx.example.org.\nI was not able to deliver your message.\n\n\
<bob@example.net>:\n192.0.2.1 does not like recipient.\nRemote host said: 550 5.1.1 <bob@example.net>... User Unknown\n\n\
--- Below this line is a copy of the message.\n\nReturn-Path: <sender@example.com>\nTo: bob@example.net\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(decoded.format, "generic");
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
    }

    #[test]
    fn reads_labelled_fields() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Returned mail\n\n\
Undeliverable Address: bob@example.net\n\n\
Reason: The email you sent to the address specified\nabove was returned because the recipient is over disk quota.\n\n\
System Contact: postmaster@mx.example.org\n";
        let decoded = decode_text(raw).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert!(
            r.diagnostic
                .as_deref()
                .unwrap()
                .ends_with("over disk quota.")
        );
    }

    #[test]
    fn falls_back_to_x_failed_recipients() {
        let raw = "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nX-Failed-Recipients: bob@example.net\n\
Subject: Mail delivery failed\n\nSomething odd happened: 550 mailbox unavailable\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(decoded.recipients[0].reply_code, Some(550));
    }

    #[test]
    fn reads_an_address_at_the_end_of_a_line() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Returned mail\n\n\
User's mailbox is full: <bob@example.net>\nUnable to deliver mail.\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("User's mailbox is full")
        );
    }

    #[test]
    fn ordinary_mail_is_not_claimed() {
        let raw = "From: alice@example.com\nTo: bob@example.net\nSubject: hi\n\ncarol@example.org\nsays hello\n";
        assert!(decode_text(raw).is_none());
    }
}
