//! Amazon's mail services: Simple Email Service (its DSNs, and the JSON event notifications it
//! posts through SNS to a mailbox) and WorkMail, which sends through SES.
//!
//! Their DSNs wrap the remote server's answer in their own words, in two ways:
//! `5.1.0 - Unknown address error 550-'5.7.1 <…> Access denied' (delivery attempts: 0)` quotes
//! it after the reply code, and `554 4.4.7 Message expired: … minutes.<421 4.4.2 Connection
//! timed out>` appends the last attempt's answer in angle brackets. The remote server's codes
//! are the ones that say what happened.

use serde_json::Value;

use super::{Decoded, Format, Incoming, ProviderCategory, RecipientFacts};
use crate::address::find_address;
use crate::diagnostic::{reply_code_in, status_in};
use crate::dsn::typed_value;
use crate::model::{Action, FailureKind, Permanence};

/// The SES reader: JSON notifications and SES's own DSNs.
pub(super) const SES: Format = Format {
    name: "amazonses",
    claims: claims_ses,
    decode: decode_ses,
    markers: &[],
};

/// The WorkMail reader: WorkMail's DSNs.
pub(super) const WORKMAIL: Format = Format {
    name: "amazonworkmail",
    claims: is_workmail,
    decode: decode_workmail,
    markers: &[],
};

fn is_workmail(mail: &Incoming<'_, '_>) -> bool {
    mail.header("X-Mailer")
        .is_some_and(|v| v.to_ascii_lowercase().contains("amazon workmail"))
}

fn claims_ses(mail: &Incoming<'_, '_>) -> bool {
    let from = mail.sender_lower();
    mail.has_header("X-SES-Outgoing")
        || mail.has_header("X-AWS-Outgoing")
        || mail.has_header("x-amz-sns-message-id")
        || from.contains("amazonses.com")
        || from.contains("sns.amazonaws.com")
}

fn decode_ses(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    if let Some(decoded) = notification(mail.text()).and_then(|n| from_notification(&n)) {
        return Some(decoded);
    }
    refined(mail, SES.name)
}

fn decode_workmail(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    refined(mail, WORKMAIL.name)
}

/// The DSN, with each diagnostic's wrapped remote answer brought forward.
fn refined(mail: &Incoming<'_, '_>, name: &'static str) -> Option<Decoded> {
    let mut decoded = mail.delivery_status()?;
    decoded.format = name;
    for facts in &mut decoded.recipients {
        unwrap_remote_answer(facts);
    }
    Some(decoded)
}

/// Replaces the reply code and status with the remote server's, when the diagnostic quotes it.
fn unwrap_remote_answer(facts: &mut RecipientFacts) {
    let Some(text) = facts.diagnostic.clone() else {
        return;
    };
    if let Some((code, quoted)) = quoted_answer(&text) {
        facts.reply_code = Some(code);
        facts.status = status_in(quoted).or(facts.status);
        facts.diagnostic = Some(format!("{code} {quoted}"));
    } else if let Some(last) = last_attempt_answer(&text) {
        facts.reply_code = reply_code_in(last).or(facts.reply_code);
        facts.status = status_in(last).or(facts.status);
    }
}

/// `550-'remote words'`: the reply code and the quoted words.
fn quoted_answer(text: &str) -> Option<(u16, &str)> {
    let at = text.find("-'")?;
    let code = text.get(at.checked_sub(3)?..at)?;
    let code = reply_code_in(code)?;
    let rest = text.get(at + 2..)?;
    let end = rest.rfind('\'')?;
    Some((code, rest.get(..end)?.trim()))
}

/// `….<421 4.4.2 Connection timed out>` at the end: the last attempt's answer.
fn last_attempt_answer(text: &str) -> Option<&str> {
    let body = text.trim_end().strip_suffix('>')?;
    let open = body.rfind('<')?;
    let inner = body.get(open + 1..)?;
    (reply_code_in(inner.get(..3)?).is_some() && !inner.contains('@')).then_some(inner)
}

/// The SES event notification in a message body, unwrapped from its SNS envelope.
pub(crate) fn notification(text: &str) -> Option<Value> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    // Sendmail breaks over-long lines by inserting `!`, a newline and a space.
    let body = text.get(start..=end)?.replace("!\n ", "");
    let value: Value = serde_json::from_str(&body).ok()?;
    match value.get("Message").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str(&inner.replace("!\n ", "")).ok(),
        None => Some(value),
    }
}

/// Our reading of SES's own category of a bounce (`bounceType`, `bounceSubType`) or a delay
/// (`delayType`): the fallback reason and permanence, and whether SES declined to send at all.
/// Unknown categories map to nothing and are kept as the label.
fn ses_category(
    event: &str,
    kind: &str,
    sub: &str,
) -> (Option<FailureKind>, Option<Permanence>, bool) {
    use FailureKind as K;
    let (p, t) = (Some(Permanence::Permanent), Some(Permanence::Transient));
    match (event, kind, sub) {
        ("Bounce", "Permanent", "Suppressed" | "OnAccountSuppressionList") => {
            (Some(K::Suppressed), p, true)
        }
        ("Bounce", "Permanent", "NoEmail") => (Some(K::UserUnknown), p, false),
        ("Bounce", "Permanent", _) => (Some(K::OnHold), p, false),
        ("Bounce", "Transient", "MailboxFull") => (Some(K::MailboxFull), t, false),
        ("Bounce", "Transient", "MessageTooLarge") => (Some(K::MessageTooLarge), t, false),
        ("Bounce", "Transient", "ContentRejected" | "AttachmentRejected") => {
            (Some(K::ContentError), t, false)
        }
        ("Bounce", "Transient", _) => (Some(K::OnHold), t, false),
        ("Bounce", _, _) => (Some(K::Undefined), None, false),
        ("DeliveryDelay", _, "MailboxFull") => (Some(K::MailboxFull), t, false),
        ("DeliveryDelay", _, "SpamDetected") => (Some(K::SpamDetected), t, false),
        ("DeliveryDelay", _, "IPFailure") => (Some(K::Blocked), t, false),
        ("DeliveryDelay", _, "InternalFailure" | "RecipientServerError") => {
            (Some(K::SystemError), t, false)
        }
        (
            "DeliveryDelay",
            _,
            "TransientCommunicationFailure" | "BYOIPHostNameLookupUnavailable",
        ) => (Some(K::NetworkError), t, false),
        ("DeliveryDelay", _, "SendingDeniedException") => (Some(K::SecurityError), t, false),
        _ => (None, None, false),
    }
}

/// The SES event's category as a provider label (`Permanent/General`,
/// `DeliveryDelay/MailboxFull`, `Complaint/abuse`), with our reading of it.
fn category(event: &str, body: &Value) -> ProviderCategory {
    let field = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default();
    let (kind, sub) = match event {
        "Bounce" => (field("bounceType"), field("bounceSubType")),
        "DeliveryDelay" => ("", field("delayType")),
        "Complaint" => (
            "",
            match field("complaintSubType") {
                "" => field("complaintFeedbackType"),
                sub => sub,
            },
        ),
        _ => ("", ""),
    };
    let label = [event, kind, sub]
        .iter()
        .filter(|part| !part.is_empty())
        .skip(usize::from(event == "Bounce"))
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    let (fallback, permanence, decisive) = ses_category(event, kind, sub);
    ProviderCategory {
        label,
        kind: fallback,
        permanence,
        decisive,
    }
}

/// One record per recipient of a bounce, complaint, delivery or delay notification, each
/// carrying SES's own category as its provider label.
pub(crate) fn from_notification(n: &Value) -> Option<Decoded> {
    let kind = n
        .get("notificationType")
        .or_else(|| n.get("eventType"))?
        .as_str()?;
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let (body, list, action) = match kind {
        "Bounce" => ("bounce", "bouncedRecipients", Action::Failed),
        "Complaint" => ("complaint", "complainedRecipients", Action::Failed),
        "Delivery" => ("delivery", "recipients", Action::Delivered),
        "DeliveryDelay" => ("deliveryDelay", "delayedRecipients", Action::Delayed),
        _ => return None,
    };
    let body = n.get(body)?;
    let category = category(kind, body);
    let shared_response = text(body, "smtpResponse");
    let recipients = body
        .get(list)?
        .as_array()?
        .iter()
        .filter_map(|entry| {
            let address = entry
                .as_str()
                .map(str::to_string)
                .or_else(|| text(entry, "emailAddress"))?;
            let diagnostic = text(entry, "diagnosticCode").or_else(|| shared_response.clone());
            let (diagnostic_type, diagnostic) = match diagnostic.as_deref().map(typed_value) {
                Some((kind, words)) => (kind, Some(words.to_string())),
                None => (None, None),
            };
            let mut facts = RecipientFacts {
                recipient: find_address(&address),
                action: text(entry, "action")
                    .as_deref()
                    .and_then(Action::from_field)
                    .or(Some(action)),
                status: text(entry, "status").as_deref().and_then(status_in),
                diagnostic: diagnostic.filter(|d| !d.is_empty()),
                diagnostic_type,
                feedback_type: (kind == "Complaint")
                    .then(|| text(body, "complaintFeedbackType").unwrap_or_else(|| "abuse".into())),
                provider: Some(category.clone()),
                ..RecipientFacts::default()
            };
            facts.complete_from_diagnostic();
            Some(facts)
        })
        .collect();
    Some(Decoded {
        format: SES.name,
        reporting_mta: text(body, "reportingMTA").map(|v| typed_value(&v).1.to_string()),
        recipients,
        ..Decoded::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn run(format: &Format, raw: &str) -> Option<Decoded> {
        let view = MimeView::parse(raw.as_bytes())?;
        let mail = Incoming::new(view.root());
        (format.claims)(&mail)
            .then(|| (format.decode)(&mail))
            .flatten()
    }

    #[test]
    fn reads_an_sns_bounce_notification() {
        let raw = "From: Notices <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n\
x-amz-sns-message-id: 1\n\n\
{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":\
[{\"emailAddress\":\"bob@example.net\",\"action\":\"failed\",\"status\":\"5.1.1\",\
\"diagnosticCode\":\"smtp; 550 5.1.1 no such user\"}],\"reportingMTA\":\"dsn; out.exam!\n ple.org\"}}\n\n--\nUnsubscribe: https://example.org/\n";
        let decoded = run(&SES, raw).unwrap();
        assert_eq!(decoded.reporting_mta.as_deref(), Some("out.example.org"));
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        assert_eq!(r.action, Some(Action::Failed));
    }

    #[test]
    fn reads_a_delivery_inside_an_sns_envelope() {
        let inner = "{\\\"notificationType\\\":\\\"Delivery\\\",\\\"delivery\\\":{\\\"recipients\\\":[\\\"bob@example.net\\\"],\\\"smtpResponse\\\":\\\"250 2.6.0 Ok\\\"}}";
        let raw = format!(
            "From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n\
{{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"{inner}\"\n}}\n"
        );
        let decoded = run(&SES, &raw).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.action, Some(Action::Delivered));
        assert_eq!(r.reply_code, Some(250));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("2.6.0"));
    }

    const DSN: &str = "From: MAILER-DAEMON@amazonses.example.com\nX-SES-Outgoing: 1\n\
Subject: Delivery Status Notification (Failure)\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
--b\nContent-Type: text/plain\n\nDelivery failed.\n\n\
--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; out.example.org\n\n\
Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.0\n\
Diagnostic-Code: smtp; 5.1.0 - Unknown address error 550-'5.7.1 <bob@example.net>... Access denied' (delivery attempts: 0)\n\
--b--\n";

    #[test]
    fn brings_forward_the_quoted_remote_answer() {
        let decoded = run(&SES, DSN).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.7.1"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.7.1 <bob@example.net>... Access denied")
        );
    }

    #[test]
    fn reads_the_last_attempt_of_an_expired_workmail_message() {
        let raw = DSN
            .replace("X-SES-Outgoing: 1", "X-Mailer: Amazon WorkMail")
            .replace("Status: 5.1.0", "Status: 4.4.7")
            .replace(
                "5.1.0 - Unknown address error 550-'5.7.1 <bob@example.net>... Access denied' (delivery attempts: 0)",
                "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>",
            );
        let decoded = run(&WORKMAIL, &raw).unwrap();
        assert_eq!(decoded.format, "amazonworkmail");
        let r = &decoded.recipients[0];
        assert_eq!(r.reply_code, Some(421));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("4.4.2"));
    }
}
