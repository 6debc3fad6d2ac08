//! The RFC 3464 / RFC 6533 field-block parser.
//!
//! A delivery-status body is a series of header-like field blocks separated by blank lines: one
//! per-message block, then one block per recipient (RFC 3464 §2.1). Real servers blur this —
//! per-message fields inside a recipient block, recipients with no blank line between them — so
//! fields are sorted by name, not by block position. The same syntax serves feedback reports
//! (RFC 5965) and disposition notifications (RFC 8098).

use crate::lines::lines;
use std::borrow::Cow;

/// One field: its name as written and its unfolded value, borrowed from the body unless the
/// value was folded over several lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'t> {
    pub(crate) name: &'t str,
    pub(crate) value: Cow<'t, str>,
}

/// The longest field name read.
const MAX_NAME: usize = 64;

impl Field<'_> {
    /// The name in lower case, for a `match`, without allocating a copy.
    pub(crate) fn lower_name(&self) -> LowerName {
        let mut bytes = [0; MAX_NAME];
        let len = self.name.len().min(MAX_NAME);
        for (to, from) in bytes.iter_mut().zip(self.name.as_bytes()) {
            *to = from.to_ascii_lowercase();
        }
        LowerName { bytes, len }
    }
}

/// A field name in lower case, kept on the stack.
pub(crate) struct LowerName {
    bytes: [u8; MAX_NAME],
    len: usize,
}

impl LowerName {
    /// The name (ASCII, as [`field_blocks`] accepts only ASCII names).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// Splits a field-block body into blocks of unfolded fields. Lines that are not fields (no
/// colon, or a name with spaces) are skipped; a continuation line extends the previous field.
pub(crate) fn field_blocks(text: &str) -> Vec<Vec<Field<'_>>> {
    let mut blocks = Vec::new();
    let mut block: Vec<Field<'_>> = Vec::new();
    for line in lines(text) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = block.last_mut() {
                let value = last.value.to_mut();
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(line.trim());
            }
            continue;
        }
        // The first colon, as `split_once(':')` finds it, with the SIMD search.
        let colon = memchr::memchr(b':', line.as_bytes());
        if let Some((name, value)) = colon.map(|at| (&line[..at], &line[at + 1..])) {
            let name = name.trim_end();
            let is_name = !name.is_empty()
                && name.len() <= MAX_NAME
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if is_name {
                block.push(Field {
                    name,
                    value: Cow::Borrowed(value.trim()),
                });
            }
        }
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// A `type; value` field (`rfc822; user@example.org`, `smtp; 550 …`): the lowercase type, if
/// any, and the value.
pub(crate) fn typed_value(value: &str) -> (Option<String>, &str) {
    match value.split_once(';') {
        Some((kind, rest))
            if !kind.trim().is_empty()
                && kind.trim().len() <= 32
                && !kind.contains(['@', ' ', '<']) =>
        {
            (Some(kind.trim().to_ascii_lowercase()), rest.trim())
        }
        _ => (None, value.trim()),
    }
}

/// Decodes the RFC 6533 `\x{HHHH}` escapes of a `utf-8` address or diagnostic.
pub(crate) fn decode_utf8_escapes(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(pos) = rest.find("\\x{") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 3..];
        let decoded = after.find('}').and_then(|end| {
            let hex = &after[..end];
            let ok = (1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit());
            let c = ok
                .then(|| u32::from_str_radix(hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\x{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The per-message fields of a delivery-status body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PerMessage {
    pub(crate) reporting_mta: Option<String>,
    pub(crate) arrival_date: Option<String>,
    pub(crate) envelope_id: Option<String>,
}

/// The per-recipient fields of a delivery-status body, values as written (unfolded).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PerRecipient {
    pub(crate) final_recipient: Option<String>,
    pub(crate) original_recipient: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) remote_mta: Option<String>,
    pub(crate) diagnostic_code: Option<String>,
    pub(crate) last_attempt_date: Option<String>,
    pub(crate) will_retry_until: Option<String>,
    /// PowerMTA's own category of the failure (`X-PowerMTA-BounceCategory: bad-mailbox`).
    pub(crate) powermta_category: Option<String>,
}

impl PerRecipient {
    fn is_empty(&self) -> bool {
        *self == PerRecipient::default()
    }
}

/// A parsed delivery-status body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct DeliveryStatus {
    pub(crate) message: PerMessage,
    pub(crate) recipients: Vec<PerRecipient>,
}

/// Reads a `message/delivery-status` or `message/global-delivery-status` body.
pub(crate) fn parse_delivery_status(text: &str) -> DeliveryStatus {
    let mut out = DeliveryStatus::default();
    for block in field_blocks(text) {
        let mut current = PerRecipient::default();
        for field in block {
            let name = field.lower_name();
            let value = field.value;
            match name.as_str() {
                "reporting-mta" => set_once(&mut out.message.reporting_mta, value),
                "arrival-date" => set_once(&mut out.message.arrival_date, value),
                "original-envelope-id" => set_once(&mut out.message.envelope_id, value),
                "final-recipient" => {
                    // A second recipient in one block: servers that omit the blank line.
                    if current.final_recipient.is_some() {
                        out.recipients.push(std::mem::take(&mut current));
                    }
                    current.final_recipient = Some(value.into_owned());
                }
                "original-recipient" => {
                    let previous_done = current.final_recipient.is_some()
                        && (current.action.is_some() || current.status.is_some());
                    if current.original_recipient.is_some() || previous_done {
                        out.recipients.push(std::mem::take(&mut current));
                    }
                    current.original_recipient = Some(value.into_owned());
                }
                "action" => set_once(&mut current.action, value),
                "status" => set_once(&mut current.status, value),
                "remote-mta" => set_once(&mut current.remote_mta, value),
                "diagnostic-code" => set_once(&mut current.diagnostic_code, value),
                "last-attempt-date" => set_once(&mut current.last_attempt_date, value),
                "will-retry-until" => set_once(&mut current.will_retry_until, value),
                "x-powermta-bouncecategory" => set_once(&mut current.powermta_category, value),
                _ => {}
            }
        }
        if !current.is_empty() {
            out.recipients.push(current);
        }
    }
    out.recipients.retain(|r| {
        r.final_recipient.is_some() || r.original_recipient.is_some() || r.status.is_some()
    });
    out
}

fn set_once(slot: &mut Option<String>, value: Cow<'_, str>) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value.into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_blocks_and_unfolds() {
        let text = "Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.net\n\
                    Diagnostic-Code: smtp; 550 5.1.1 no such\n   user here\n";
        let blocks = field_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1][1].value, "smtp; 550 5.1.1 no such user here");
    }

    #[test]
    fn continuing_an_empty_value_adds_no_leading_space() {
        // Found by the `dsn_fields` fuzz target (minimised).
        let blocks = field_blocks("Status:\n 5.1.1\n");
        assert_eq!(blocks[0][0].value, "5.1.1");
    }

    #[test]
    fn reads_typed_values() {
        assert_eq!(
            typed_value("rfc822; a@example.net"),
            (Some("rfc822".into()), "a@example.net")
        );
        assert_eq!(typed_value("a@example.net"), (None, "a@example.net"));
        assert_eq!(
            typed_value("SMTP;550 x; y"),
            (Some("smtp".into()), "550 x; y")
        );
    }

    #[test]
    fn decodes_rfc6533_escapes() {
        assert_eq!(
            decode_utf8_escapes("j\\x{F6}rg@example.de"),
            "jörg@example.de"
        );
        assert_eq!(decode_utf8_escapes("bad\\x{zz}"), "bad\\x{zz}");
        assert_eq!(decode_utf8_escapes("\\x{110000}"), "\\x{110000}");
    }

    #[test]
    fn reads_recipients_with_and_without_blank_lines() {
        let text = "Reporting-MTA: dns; mx.example.org\nArrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\n\n\
            Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n\
            Final-Recipient: rfc822; b@example.net\nAction: delayed\nStatus: 4.4.1\n\n\
            Original-Recipient: rfc822; c@example.net\nFinal-Recipient: rfc822; c@example.net\nAction: failed\nStatus: 5.2.2\n";
        let dsn = parse_delivery_status(text);
        assert_eq!(
            dsn.message.reporting_mta.as_deref(),
            Some("dns; mx.example.org")
        );
        let finals: Vec<_> = dsn
            .recipients
            .iter()
            .map(|r| r.final_recipient.as_deref())
            .collect();
        assert_eq!(
            finals,
            [
                Some("rfc822; a@example.net"),
                Some("rfc822; b@example.net"),
                Some("rfc822; c@example.net")
            ]
        );
        assert_eq!(dsn.recipients[1].action.as_deref(), Some("delayed"));
        assert_eq!(dsn.recipients[2].status.as_deref(), Some("5.2.2"));
    }

    #[test]
    fn per_message_fields_inside_a_recipient_block() {
        let text = "Reporting-MTA: dns; mx.example.org\nFinal-Recipient: rfc822; a@example.net\nAction: failed\n";
        let dsn = parse_delivery_status(text);
        assert_eq!(
            dsn.message.reporting_mta.as_deref(),
            Some("dns; mx.example.org")
        );
        assert_eq!(dsn.recipients.len(), 1);
    }
}
