//! Reads the machine-readable part of feedback reports (`message/feedback-report`, RFC 5965
//! and RFC 6591) and of disposition notifications (`message/disposition-notification`,
//! RFC 8098). Both use the field syntax of [`crate::dsn`].

use crate::address::find_address;
use crate::dsn::{field_blocks, typed_value};
use crate::mime::{MessageView, parse_date};
use crate::model::{Disposition, FeedbackReport};
use crate::original::find_original;

/// A complaint found in a message: the report's details and the complained-about addresses
/// (empty when the reporter hid them and the quoted original does not name them either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Feedback {
    pub(crate) report: FeedbackReport,
    pub(crate) recipients: Vec<String>,
}

/// Subjects of complaint mails that providers send without the ARF structure, with the
/// reported message attached (matched at the start of the lowercased subject).
const COMPLAINT_SUBJECTS: [&str; 4] = [
    "complaint about message from",
    "abuse report",
    "spam report",
    "fbl report",
];

/// Reads the complaint a message carries, if any: an RFC 5965 report, a provider complaint
/// mail that attaches the reported message, or an unsubscribe request sent by a mail program.
pub(crate) fn read_feedback(message: &MessageView<'_, '_>) -> Option<Feedback> {
    if let Some((report, removal)) = feedback_part(message) {
        return Some(arf_feedback(message, report, removal));
    }
    complaint_mail(message).or_else(|| unsubscribe_request(message))
}

fn arf_feedback(
    message: &MessageView<'_, '_>,
    mut report: FeedbackReport,
    removal: Vec<String>,
) -> Feedback {
    if report.feedback_type.is_none() {
        report.feedback_type = Some("other".to_string());
    }
    let mut recipients: Vec<String> = report
        .original_rcpt_to
        .iter()
        .chain(&removal)
        .filter_map(|v| find_address(v))
        .filter(|a| !is_redacted(a))
        .collect();
    if recipients.is_empty() {
        recipients = quoted_recipients(message);
    }
    Feedback { report, recipients }
}

/// A provider's complaint mail that is not ARF: the reported message attached, and either a
/// header naming the complainant's address in it (`X-HmXmrOriginalRecipient`, as Microsoft's
/// junk-mail reporting writes) or a complaint subject.
fn complaint_mail(message: &MessageView<'_, '_>) -> Option<Feedback> {
    let attached = message.parts().find_map(|p| p.message())?;
    let named = attached
        .header_text("X-HmXmrOriginalRecipient")
        .and_then(find_address);
    let subject = message
        .header_text("Subject")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let complaint_subject = COMPLAINT_SUBJECTS.iter().any(|s| subject.starts_with(s));
    if named.is_none() && !complaint_subject {
        return None;
    }
    let recipients = match named {
        Some(address) => vec![address],
        None => quoted_recipients(message),
    };
    let report = FeedbackReport {
        feedback_type: Some("abuse".to_string()),
        original_rcpt_to: recipients.clone(),
        ..FeedbackReport::default()
    };
    Some(Feedback { report, recipients })
}

/// An unsubscribe request written by a mail program on the reader's behalf (the one-click
/// unsubscribe of mail apps, sent to a list's `mailto:` unsubscribe address): an opt-out by
/// the request's sender.
fn unsubscribe_request(message: &MessageView<'_, '_>) -> Option<Feedback> {
    let subject = message.header_text("Subject").unwrap_or_default();
    let flagged = message.has_header("X-Apple-Unsubscribe")
        || (subject.trim().eq_ignore_ascii_case("unsubscribe")
            && message
                .header_text("Auto-Submitted")
                .is_some_and(|v| !v.trim().eq_ignore_ascii_case("no")));
    if !flagged {
        return None;
    }
    let sender = message.addresses("From").into_iter().next()?;
    let report = FeedbackReport {
        feedback_type: Some("opt-out".to_string()),
        original_rcpt_to: vec![sender.clone()],
        ..FeedbackReport::default()
    };
    Some(Feedback {
        report,
        recipients: vec![sender],
    })
}

/// The `To` addresses of the reported message the report quotes.
fn quoted_recipients(message: &MessageView<'_, '_>) -> Vec<String> {
    find_original(message)
        .map(|o| o.to.into_iter().filter(|a| !is_redacted(a)).collect())
        .unwrap_or_default()
}

/// True when a reporter has blanked out the local part (`redacted@…`, `xxxxxx@…`, `***@…`).
fn is_redacted(address: &str) -> bool {
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    let lower = local.to_ascii_lowercase();
    lower.contains("redacted")
        || lower.is_empty()
        || lower
            .chars()
            .all(|c| matches!(c, 'x' | '*' | '.' | '-' | '_'))
}

/// The content type of an ARF report's machine-readable part.
pub(crate) const FEEDBACK_PART: &str = "message/feedback-report";
/// The content type of an MDN's machine-readable part.
pub(crate) const DISPOSITION_PART: &str = "message/disposition-notification";

/// The fields of a `message/feedback-report` body, plus any `Removal-Recipient` (an early
/// draft's field for opt-out reports), which is returned beside the report.
pub(crate) fn parse_feedback_report(text: &str) -> (FeedbackReport, Vec<String>) {
    let mut report = FeedbackReport::default();
    let mut removal = Vec::new();
    for field in field_blocks(text).into_iter().flatten() {
        if field.value.is_empty() {
            continue;
        }
        let name = field.lower_name();
        let value = field.value.into_owned();
        match name.as_str() {
            "feedback-type" => set_once(&mut report.feedback_type, value.to_ascii_lowercase()),
            "user-agent" => set_once(&mut report.user_agent, value),
            "version" => set_once(&mut report.version, value),
            "source-ip" => set_once(&mut report.source_ip, bare_ip(&value)),
            "original-mail-from" => set_once(&mut report.original_mail_from, strip_angles(&value)),
            "original-rcpt-to" => report.original_rcpt_to.push(strip_angles(&value)),
            "arrival-date" | "received-date" if report.arrival_date.is_none() => {
                report.arrival_date = Some(parse_date(&value));
            }
            "reported-domain" => report.reported_domains.push(value),
            "reported-uri" => report.reported_uris.push(value),
            "authentication-results" => report.authentication_results.push(value),
            "auth-failure" => set_once(&mut report.auth_failure, value.to_ascii_lowercase()),
            "delivery-result" => set_once(&mut report.delivery_result, value.to_ascii_lowercase()),
            "incidents" => report.incidents = report.incidents.or(value.parse().ok()),
            "removal-recipient" => removal.push(strip_angles(&value)),
            _ => {}
        }
    }
    (report, removal)
}

/// A `Source-IP` value without the comment some reporters add (`192.0.2.7 (mx.example.com)`)
/// or brackets (`[2001:db8::7]`).
fn bare_ip(value: &str) -> String {
    let ip = value.split_whitespace().next().unwrap_or(value);
    ip.trim_start_matches('[').trim_end_matches(']').to_string()
}

/// The feedback report of a message: its `message/feedback-report` part read, when it has one.
pub(crate) fn feedback_part(
    message: &MessageView<'_, '_>,
) -> Option<(FeedbackReport, Vec<String>)> {
    let part = message
        .parts()
        .find(|p| p.content_type() == FEEDBACK_PART)?;
    Some(parse_feedback_report(&part.text()))
}

/// The disposition notification of a message: its `message/disposition-notification` part
/// read, when it has one with a `Disposition` field.
pub(crate) fn disposition_part(message: &MessageView<'_, '_>) -> Option<Disposition> {
    let part = message
        .parts()
        .find(|p| p.content_type() == DISPOSITION_PART)?;
    parse_disposition(&part.text())
}

/// Reads a `message/disposition-notification` body; `None` without a `Disposition` field.
pub(crate) fn parse_disposition(text: &str) -> Option<Disposition> {
    let mut out = Disposition::default();
    let mut found = false;
    for field in field_blocks(text).into_iter().flatten() {
        let name = field.lower_name();
        let value = field.value;
        match name.as_str() {
            "disposition" if !found => {
                found = true;
                read_disposition(&value, &mut out);
            }
            "final-recipient" if out.final_recipient.is_none() => {
                out.final_recipient = find_address(typed_value(&value).1);
            }
            "original-message-id" if out.original_message_id.is_none() => {
                let id = strip_angles(&value);
                out.original_message_id = (!id.is_empty()).then_some(id);
            }
            "reporting-ua" if out.reporting_ua.is_none() && !value.is_empty() => {
                out.reporting_ua = Some(value.trim_start_matches(';').trim().to_string());
            }
            _ => {}
        }
    }
    found.then_some(out)
}

/// `action-mode/sending-mode; type/modifier,modifier` (RFC 8098 §3.2.6).
fn read_disposition(value: &str, out: &mut Disposition) {
    let (modes, kind) = match value.split_once(';') {
        Some((modes, kind)) => (Some(modes), kind),
        None => (None, value),
    };
    if let Some(modes) = modes {
        let mut modes = modes.split('/').map(|m| m.trim().to_ascii_lowercase());
        out.action_mode = modes.next().filter(|m| !m.is_empty());
        out.sending_mode = modes.next().filter(|m| !m.is_empty());
    }
    let kind = kind.split('(').next().unwrap_or_default();
    let mut parts = kind.splitn(2, '/');
    out.disposition_type = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    out.modifiers = parts
        .next()
        .map(|m| {
            m.split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
}

fn strip_angles(value: &str) -> String {
    value
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arf_fields() {
        let text = "Feedback-Type: Abuse\nUser-Agent: ExampleFBL/2.0\nVersion: 1\n\
Original-Mail-From: <bounces@example.com>\nOriginal-Rcpt-To: <a@example.net>\n\
Original-Rcpt-To: b@example.net\nArrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\n\
Source-IP: 192.0.2.7 (mx.example.org)\nReported-Domain: example.com\nReported-URI: http://example.com/x\n\
Authentication-Results: mx.example.net; spf=pass\nIncidents: 3\n";
        let (report, removal) = parse_feedback_report(text);
        assert_eq!(report.feedback_type.as_deref(), Some("abuse"));
        assert_eq!(report.user_agent.as_deref(), Some("ExampleFBL/2.0"));
        assert_eq!(report.version.as_deref(), Some("1"));
        assert_eq!(
            report.original_mail_from.as_deref(),
            Some("bounces@example.com")
        );
        assert_eq!(report.original_rcpt_to, ["a@example.net", "b@example.net"]);
        assert!(report.arrival_date.is_some_and(|d| d.timestamp.is_some()));
        assert_eq!(report.source_ip.as_deref(), Some("192.0.2.7"));
        assert_eq!(report.reported_domains, ["example.com"]);
        assert_eq!(report.reported_uris, ["http://example.com/x"]);
        assert_eq!(report.authentication_results.len(), 1);
        assert_eq!(report.incidents, Some(3));
        assert!(removal.is_empty());
        assert_eq!(bare_ip("[2001:db8::7]"), "2001:db8::7");
    }

    #[test]
    fn reads_auth_failure_fields_and_removal_recipient() {
        let text = "Feedback-Type: auth-failure\nAuth-Failure: DMARC\nDelivery-Result: reject\n\
Removal-Recipient: gone@example.net\n";
        let (report, removal) = parse_feedback_report(text);
        assert_eq!(report.auth_failure.as_deref(), Some("dmarc"));
        assert_eq!(report.delivery_result.as_deref(), Some("reject"));
        assert_eq!(removal, ["gone@example.net"]);
    }

    #[test]
    fn reads_a_disposition() {
        let text = "Reporting-UA: mail.example.net; ExampleMail 3.1\n\
Final-Recipient: rfc822; reader@example.net\nOriginal-Message-ID: <m1@example.com>\n\
Disposition: manual-action/MDN-sent-manually; displayed\n";
        let d = parse_disposition(text).unwrap();
        assert_eq!(d.disposition_type, "displayed");
        assert_eq!(d.action_mode.as_deref(), Some("manual-action"));
        assert_eq!(d.sending_mode.as_deref(), Some("mdn-sent-manually"));
        assert_eq!(d.final_recipient.as_deref(), Some("reader@example.net"));
        assert_eq!(d.original_message_id.as_deref(), Some("m1@example.com"));
        let d = parse_disposition(
            "Disposition: automatic-action/MDN-sent-automatically; deleted/error\n",
        )
        .unwrap();
        assert_eq!(d.disposition_type, "deleted");
        assert_eq!(d.modifiers, ["error"]);
        assert!(parse_disposition("Final-Recipient: rfc822; a@example.net\n").is_none());
    }

    #[test]
    fn redacted_addresses_are_recognised() {
        assert!(is_redacted("redacted@example.net"));
        assert!(is_redacted("xxxxxxxx@example.net"));
        assert!(!is_redacted("xavier@example.net"));
    }
}
