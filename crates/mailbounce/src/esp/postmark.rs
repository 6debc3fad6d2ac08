//! Postmark's bounce webhook (`RecordType: Bounce`) and spam complaint webhook
//! (`RecordType: SpamComplaint`): `Type`, `TypeCode`, `Email`, `Details` (the server's words)
//! and `Description` (Postmark's explanation of the type, not read as evidence).
//!
//! `Transient` is Postmark's delay ("could not temporarily deliver"). Label: the `Type`.
//! Fallback table, used when `Details` gives no code or words:
//!
//! | Postmark `Type` | reason | permanence |
//! |---|---|---|
//! | `ManuallyDeactivated` | `suppressed` (decides) | permanent |
//! | `HardBounce`, `BadEmailAddress` | `userunknown` | permanent |
//! | `SoftBounce`, `Unknown` | `onhold` | transient / — |
//! | `Transient` | `networkerror` | delayed |
//! | `DnsError` | `networkerror` | transient |
//! | `AddressChange` | `hasmoved` | permanent |
//! | `SpamNotification` | `spamdetected` | — |
//! | `VirusNotification` | `virusdetected` | — |
//! | `Blocked` | `blocked` | — |
//! | `DMARCPolicy` | `authfailure` | permanent |
//! | `SMTPApiError` | `syntaxerror` | — |
//! | `InboundError` | `systemerror` | — |
//! | `TemplateRenderingFailed` | `contenterror` | permanent |
//! | `OpenRelayTest` | `norelaying` | — |
//! | `Unconfirmed` | `rejected` | — |
//! | `SpamComplaint` (and `RecordType: SpamComplaint`) | `feedback` | — |
//! | `Unsubscribe` | `feedback` (`opt-out`) | — |
//! | `AutoResponder` | `vacation` | — |

use serde_json::Value;

use super::{Event, Facts, Provider, category, field, suppressed};
use crate::model::{Action, FailureKind as K, NoticeKind, Permanence};

/// A Postmark bounce or complaint: `RecordType`, or `TypeCode` with `Email`.
pub(super) fn claims(event: &Value) -> bool {
    matches!(
        event.get("RecordType").and_then(Value::as_str),
        Some("Bounce" | "SpamComplaint")
    ) || (event.get("TypeCode").is_some() && event.get("Email").is_some())
}

pub(super) fn read(event: &Value) -> Vec<Event> {
    let record_type = field(event, "RecordType").unwrap_or_else(|| "Bounce".into());
    let label = field(event, "Type").unwrap_or_else(|| record_type.clone());
    let mut out = Event::new(Provider::Postmark, &record_type);
    out.esp.event_id = field(event, "ID");
    out.esp.message_id = field(event, "MessageID");
    out.esp.timestamp = field(event, "BouncedAt");
    let original = &mut out.original;
    original.from = field(event, "From")
        .as_deref()
        .and_then(crate::address::find_address);
    original.subject = field(event, "Subject");
    let mut headers = Vec::new();
    if let Some(tag) = field(event, "Tag") {
        headers.push(("X-PM-Tag".into(), tag));
    }
    if let Some(metadata) = event.get("Metadata").and_then(Value::as_object) {
        for (key, value) in metadata {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            headers.push((format!("X-PM-Metadata-{key}"), value));
        }
    }
    original.set_headers(headers);
    let (p, t) = (Some(Permanence::Permanent), Some(Permanence::Transient));
    let complaint = record_type == "SpamComplaint" || label == "SpamComplaint";
    let (notice, action, feedback_type) = match label.as_str() {
        _ if complaint => (NoticeKind::Feedback, None, Some("abuse")),
        "Transient" => (NoticeKind::Delay, Some(Action::Delayed), None),
        "Unsubscribe" => (NoticeKind::Feedback, None, Some("opt-out")),
        "AutoResponder" => (NoticeKind::AutoReply, None, None),
        "Subscribe" | "ChallengeVerification" => {
            out.notice = Some(if label == "Subscribe" {
                NoticeKind::NotANotice
            } else {
                NoticeKind::Challenge
            });
            return vec![out];
        }
        _ => (NoticeKind::Failure, Some(Action::Failed), None),
    };
    out.notice = Some(notice);
    let provider = match label.as_str() {
        "ManuallyDeactivated" => suppressed(label),
        _ => {
            let (fallback, permanence) = match label.as_str() {
                "HardBounce" | "BadEmailAddress" => (Some(K::UserUnknown), p),
                "SoftBounce" => (Some(K::OnHold), t),
                "Transient" | "DnsError" => (Some(K::NetworkError), t),
                "AddressChange" => (Some(K::HasMoved), p),
                "SpamNotification" => (Some(K::SpamDetected), None),
                "VirusNotification" => (Some(K::VirusDetected), None),
                "Blocked" => (Some(K::Blocked), None),
                "DMARCPolicy" => (Some(K::AuthFailure), p),
                "SMTPApiError" => (Some(K::SyntaxError), None),
                "InboundError" => (Some(K::SystemError), None),
                "TemplateRenderingFailed" => (Some(K::ContentError), p),
                "OpenRelayTest" => (Some(K::NoRelaying), None),
                "Unconfirmed" => (Some(K::Rejected), None),
                "Unknown" => (Some(K::OnHold), None),
                _ => (None, None),
            };
            category(label, fallback, permanence)
        }
    };
    let facts = Facts {
        recipient: field(event, "Email"),
        action,
        status: None,
        reply_code: None,
        diagnostic: field(event, "Details"),
        remote_mta: None,
        feedback_type: feedback_type.map(str::to_string),
    };
    out.recipients.push(facts.into_record(provider));
    vec![out]
}
