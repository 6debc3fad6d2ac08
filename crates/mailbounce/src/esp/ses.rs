//! Amazon SES events: SNS notifications (`notificationType`) and event publishing
//! (`eventType`), raw or inside their SNS envelope (`"Type": "Notification"`).
//!
//! The per-recipient reading (and SES's category table) is shared with SES notifications that
//! arrive as mail, in the format layer's Amazon reader. Fallback table, used when a recipient
//! has no `status` or `diagnosticCode`:
//!
//! | SES category | reason | permanence |
//! |---|---|---|
//! | `Permanent/Suppressed`, `Permanent/OnAccountSuppressionList` | `suppressed` (decides) | permanent |
//! | `Permanent/NoEmail` | `userunknown` | permanent |
//! | other `Permanent/*` | `onhold` | permanent |
//! | `Transient/MailboxFull` | `mailboxfull` | transient |
//! | `Transient/MessageTooLarge` | `mesgtoobig` | transient |
//! | `Transient/ContentRejected`, `Transient/AttachmentRejected` | `contenterror` | transient |
//! | other `Transient/*` | `onhold` | transient |
//! | `Undetermined/*` | `undefined` | — |
//! | `DeliveryDelay/MailboxFull` | `mailboxfull` | delayed |
//! | `DeliveryDelay/SpamDetected` | `spamdetected` | delayed |
//! | `DeliveryDelay/IPFailure` | `blocked` | delayed |
//! | `DeliveryDelay/InternalFailure`, `RecipientServerError` | `systemerror` | delayed |
//! | `DeliveryDelay/TransientCommunicationFailure`, `BYOIPHostNameLookupUnavailable` | `networkerror` | delayed |
//! | `DeliveryDelay/SendingDeniedException` | `securityerror` | delayed |

use serde_json::Value;

use super::{Event, Provider, field};
use crate::formats::ses_notification;
use crate::model::NoticeKind;

/// The event itself, unwrapped from an SNS envelope when it has one.
fn unwrap(event: &Value) -> Option<Value> {
    match event.get("Message").and_then(Value::as_str) {
        Some(inner) if event.get("Type").is_some() => serde_json::from_str(inner).ok(),
        _ => None,
    }
}

fn kind_of(event: &Value) -> Option<&str> {
    event
        .get("notificationType")
        .or_else(|| event.get("eventType"))
        .and_then(Value::as_str)
}

/// An SES event or an SNS envelope holding one.
pub(super) fn claims(event: &Value) -> bool {
    match unwrap(event) {
        Some(inner) => kind_of(&inner).is_some(),
        None => kind_of(event).is_some() && event.get("mail").is_some_and(Value::is_object),
    }
}

pub(super) fn read(event: &Value) -> Vec<Event> {
    let inner = unwrap(event);
    let event = inner.as_ref().unwrap_or(event);
    let Some(kind) = kind_of(event) else {
        return Vec::new();
    };
    let mut out = Event::new(Provider::AmazonSes, kind);
    out.notice = Some(match kind {
        "Bounce" => NoticeKind::Failure,
        "Complaint" => NoticeKind::Feedback,
        "Delivery" => NoticeKind::Success,
        "DeliveryDelay" => NoticeKind::Delay,
        _ => NoticeKind::NotANotice,
    });
    if let Some(decoded) = ses_notification(event) {
        out.reporting_mta = decoded.reporting_mta;
        out.recipients = decoded.recipients;
    }
    if let Some(mail) = event.get("mail") {
        out.esp.message_id = field(mail, "messageId");
        out.esp.timestamp = field(mail, "timestamp");
        read_original(mail, &mut out);
    }
    let body = ["bounce", "complaint", "deliveryDelay", "delivery"]
        .iter()
        .find_map(|key| event.get(*key));
    out.esp.event_id = body.and_then(|b| field(b, "feedbackId"));
    if let Some(at) = body.and_then(|b| field(b, "timestamp")) {
        out.esp.timestamp = Some(at);
    }
    vec![out]
}

/// The original's headers (`mail.headers`, when SES was asked to include them) and common
/// headers.
fn read_original(mail: &Value, out: &mut Event) {
    let original = &mut out.original;
    original.set_headers(
        mail.get("headers")
            .and_then(Value::as_array)
            .map(|headers| {
                headers
                    .iter()
                    .filter_map(|h| {
                        Some((field(h, "name")?, field(h, "value").unwrap_or_default()))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    );
    let common = mail.get("commonHeaders");
    let first = |key: &str| {
        common
            .and_then(|c| c.get(key))
            .and_then(Value::as_array)
            .and_then(|list| list.first())
            .and_then(Value::as_str)
            .and_then(crate::address::find_address)
    };
    original.from = first("from").or_else(|| field(mail, "source"));
    original.to = common
        .and_then(|c| c.get("to"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(crate::address::find_address)
                .collect()
        })
        .unwrap_or_default();
    original.subject = common.and_then(|c| field(c, "subject"));
    original.message_id = common
        .and_then(|c| field(c, "messageId"))
        .map(|id| id.trim_matches(['<', '>']).to_string());
}
