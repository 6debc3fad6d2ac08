//! Verizon Wireless's text and picture message gateways (`vtext.com`, `vzwpix.com`): plain-text
//! notices that name the recipient only in a summary of the original message.
//!
//! ```text
//! Error: Invalid user address
//!
//! Error message below:
//! 550 - Requested action not taken: no such user here
//!
//! Message details:
//!   RCPT TO: 5551234567@example.net
//! ```
//!
//! The picture-message gateway writes `Message could not be delivered to mobile.`, an `Error:`
//! line, and the original's `To:` line under `Original Message:`.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::lines::lines;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "verizon",
    claims,
    decode,
    markers: &[MOBILE, ERROR, DETAILS],
};

/// The opening of a notice about a mobile number.
const MOBILE: &str = "Message could not be delivered to mobile";
/// The headings of the other layout.
const ERROR: &str = "Error message below:";
const DETAILS: &str = "Message details:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.text_has(MOBILE) || (mail.text_has(ERROR) && mail.text_has(DETAILS))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut error = None;
    let mut answer: Option<String> = None;
    let mut recipient = None;
    let mut in_answer = false;
    let mut in_original = false;
    for line in lines(mail.text()) {
        let trimmed = line.trim();
        if in_answer {
            if trimmed.is_empty() {
                in_answer = false;
            } else {
                let answer = answer.get_or_insert_with(String::new);
                if !answer.is_empty() {
                    answer.push(' ');
                }
                answer.push_str(trimmed);
            }
            continue;
        }
        if trimmed.starts_with("Error message below:") {
            in_answer = true;
        } else if trimmed.starts_with("Original Message:")
            || trimmed.starts_with("Message details:")
        {
            in_original = true;
        } else if let Some(value) = trimmed.strip_prefix("Error:") {
            error.get_or_insert_with(|| value.trim().to_string());
        } else if in_original && recipient.is_none() {
            let value = trimmed
                .strip_prefix("RCPT TO:")
                .or_else(|| trimmed.strip_prefix("To:"));
            recipient = value.and_then(find_address);
        }
    }
    // The gateway's own `Error:` line names an unknown subscriber before quoting the answer.
    let kind_hint = error
        .as_deref()
        .is_some_and(|e| e.to_ascii_lowercase().contains("invalid user"))
        .then_some(FailureKind::UserUnknown);
    let mut facts = RecipientFacts {
        recipient: Some(recipient?),
        diagnostic: answer.or(error),
        kind_hint,
        ..RecipientFacts::default()
    };
    facts.complete_from_diagnostic();
    Some(Decoded {
        format: FORMAT.name,
        recipients: vec![facts],
        ..Decoded::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Decoded {
        super::super::decode_with(&FORMAT, raw).unwrap()
    }

    #[test]
    fn reads_a_text_gateway_notice() {
        let decoded = decode_text(
            "From: post_master@sms.example.net\nSubject: Re: hello\n\nError: Invalid user address\n\n\
Error message below:\n550 - Requested action not taken: no such user here\n\n\
Message details:\n  Subject: hello\n  MAIL FROM: alice@example.com\n  RCPT TO: 5551234567@sms.example.net\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("5551234567@sms.example.net"));
        assert_eq!(r.reply_code, Some(550));
        // The gateway's own `Error:` line settles the reason the quoted answer leaves open.
        assert_eq!(r.kind_hint, Some(FailureKind::UserUnknown));
    }

    #[test]
    fn reads_a_picture_gateway_notice() {
        let decoded = decode_text(
            "From: MMSC <sysadmin@mms.example.net>\nSubject: Undeliverable Message\n\n\
Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\n\n\
Original Message:\nFrom: alice@example.com\nTo: 5551234567@mms.example.net\nSubject: hi\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("5551234567@mms.example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("No valid recipients for this MM")
        );
    }
}
