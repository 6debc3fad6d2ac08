//! `--format sisimai`: records with Sisimai's JSON field names and value conventions, so a
//! pipeline built on Sisimai's output can switch without changes.
//!
//! The mapping (Sisimai ← mailbounce): `recipient` ← recipient, `addresser` ← the original's
//! From, `deliverystatus` ← status, `replycode` ← reply code, `reason` ← reason, `hardbounce` ←
//! hard bounce as 0/1, `diagnosticcode` ← diagnostic, `diagnostictype` ← its type in upper case,
//! `action` ← action, `rhost` ← remote MTA, `lhost` ← reporting MTA, `command` ← SMTP command,
//! `feedbacktype` ← feedback type, `messageid` ← the original's Message-ID, `subject` ← the
//! original's Subject, `timestamp` / `timezoneoffset` ← last attempt, arrival or notice date,
//! `destination` / `senderdomain` ← the recipient's / addresser's domain, `alias` ← the
//! original recipient when it differs, `smtpagent` / `decodedby` ← the reader that decoded it,
//! `origin` ← the input path. Absent text values are empty strings, as Sisimai writes them.

use mailbounce::{Bounce, MailDate, Report};
use serde_json::{Value, json};

/// One Sisimai-shaped object per record; a message with no record gives none.
pub fn records(source: &str, report: &Report) -> Vec<Value> {
    report
        .bounces
        .iter()
        .map(|b| record(source, report, b))
        .collect()
}

fn record(source: &str, report: &Report, bounce: &Bounce) -> Value {
    let original = report.original.as_ref();
    let text = |v: Option<&str>| v.unwrap_or_default().to_string();
    let recipient = text(bounce.recipient.as_deref());
    let addresser = text(original.and_then(|o| o.from.as_deref()));
    let domain = |address: &str| {
        address
            .rsplit_once('@')
            .map(|(_, d)| d.to_string())
            .unwrap_or_default()
    };
    let alias = bounce
        .original_recipient
        .as_deref()
        .filter(|o| !o.eq_ignore_ascii_case(&recipient))
        .unwrap_or_default();
    let date = bounce
        .last_attempt
        .as_ref()
        .or(report.arrival_date.as_ref())
        .or(report.date.as_ref());
    json!({
        "action": bounce.action.map(|a| a.as_str()).unwrap_or_default(),
        "addresser": addresser,
        "alias": alias,
        "catch": null,
        "command": bounce.command.map(|c| c.as_str()).unwrap_or_default(),
        "decodedby": bounce.decoded_by,
        "deliverystatus": bounce.status.map(|s| s.to_string()).unwrap_or_default(),
        "destination": domain(&recipient),
        "diagnosticcode": text(bounce.diagnostic.as_deref()),
        "diagnostictype": bounce.diagnostic_type.as_deref().unwrap_or_default().to_ascii_uppercase(),
        "feedbacktype": text(bounce.feedback_type.as_deref()),
        "hardbounce": u8::from(bounce.hard_bounce),
        "lhost": text(report.reporting_mta.as_deref()),
        "listid": "",
        "messageid": text(original.and_then(|o| o.message_id.as_deref())),
        "origin": source,
        "reason": bounce.kind.reason(),
        "recipient": recipient,
        "replycode": bounce.reply_code.map(|c| c.to_string()).unwrap_or_default(),
        "rhost": text(bounce.remote_mta.as_deref()),
        "senderdomain": domain(&addresser),
        "smtpagent": bounce.decoded_by,
        "subject": text(original.and_then(|o| o.subject.as_deref())),
        "timestamp": date.and_then(|d| d.timestamp),
        "timezoneoffset": date.and_then(zone_offset).unwrap_or_else(|| "+0000".to_string()),
    })
}

/// The `+HHMM` / `-HHMM` zone of an RFC 5322 date, when it is written as digits.
fn zone_offset(date: &MailDate) -> Option<String> {
    date.text.split_whitespace().rev().find_map(|word| {
        let digits = word.strip_prefix(['+', '-'])?;
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| word.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zone_offsets() {
        let date = |text: &str| MailDate {
            text: text.into(),
            timestamp: None,
        };
        assert_eq!(
            zone_offset(&date("Thu, 1 Jul 2014 23:45:01 +0900 (JST)")).as_deref(),
            Some("+0900")
        );
        assert_eq!(
            zone_offset(&date("Mon, 2 Mar 2026 10:00:00 -0500")).as_deref(),
            Some("-0500")
        );
        assert_eq!(zone_offset(&date("Mon, 2 Mar 2026 10:00:00 GMT")), None);
    }
}
