//! Mailgun events: a webhook (`{"signature": …, "event-data": {…}}`), an events API page
//! (`{"items": […]}`), or one event object. A failure is `"event": "failed"` with `severity`
//! (`permanent`, or `temporary` while Mailgun keeps retrying: a delay), `reason` and
//! `delivery-status` (`code`, `enhanced-code`, `message`, `description`, `mx-host`).
//!
//! Codes of 600 and above are Mailgun's own, not SMTP replies: 605 (a previously bounced
//! address) and 607 (an address that complained) mean Mailgun did not send. Label:
//! `event/severity/reason` (`failed/permanent/bounce`). Fallback table, used when the event has
//! no SMTP code or words:
//!
//! | Mailgun | reason | permanence |
//! |---|---|---|
//! | reason `suppress-bounce`, `suppress-unsubscribe`, `suppress-complaint`; code 605, 607 | `suppressed` (decides) | permanent |
//! | reason `old` | `expired` | per severity |
//! | reason `espblock` | `blocked` | per severity |
//! | reason `bounce`, `generic`, other | `onhold` | per severity |

use serde_json::Value;

use super::{Event, Facts, Provider, category, field, suppressed};
use crate::model::{Action, FailureKind as K, NoticeKind, Permanence};

/// A Mailgun webhook, events API page, or event (`event` with `recipient`).
pub(super) fn claims(event: &Value) -> bool {
    event.get("event-data").is_some_and(Value::is_object)
        || event.get("items").is_some_and(Value::is_array)
        || (event.get("event").is_some_and(Value::is_string)
            && event.get("recipient").is_some()
            && event.get("email").is_none())
}

pub(super) fn read(event: &Value) -> Vec<Event> {
    if let Some(data) = event.get("event-data") {
        return read_one(data).into_iter().collect();
    }
    if let Some(items) = event.get("items").and_then(Value::as_array) {
        return items.iter().filter_map(read_one).collect();
    }
    read_one(event).into_iter().collect()
}

fn read_one(event: &Value) -> Option<Event> {
    let name = field(event, "event")?;
    let mut out = Event::new(Provider::Mailgun, &name);
    out.esp.event_id = field(event, "id");
    out.esp.timestamp = field(event, "timestamp");
    if let Some(headers) = event.get("message").and_then(|m| m.get("headers")) {
        read_headers(headers, &mut out);
    }
    let severity = field(event, "severity");
    let reason = field(event, "reason");
    let status = event.get("delivery-status");
    let code = status.and_then(|s| field(s, "code"));
    let (notice, action, feedback_type) = match name.as_str() {
        "failed" | "rejected" if severity.as_deref() == Some("temporary") => {
            (NoticeKind::Delay, Some(Action::Delayed), None)
        }
        "failed" | "rejected" => (NoticeKind::Failure, Some(Action::Failed), None),
        "delivered" => (NoticeKind::Success, Some(Action::Delivered), None),
        "complained" => (NoticeKind::Feedback, None, Some("abuse")),
        "unsubscribed" => (NoticeKind::Feedback, None, Some("opt-out")),
        _ => {
            out.notice = Some(NoticeKind::NotANotice);
            return Some(out);
        }
    };
    out.notice = Some(notice);
    let label = [Some(name.as_str()), severity.as_deref(), reason.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("/");
    let own_code = code
        .as_deref()
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|c| *c >= 600);
    let by_list = reason
        .as_deref()
        .is_some_and(|r| r.starts_with("suppress-"))
        || matches!(own_code, Some(605 | 607));
    let provider = if by_list {
        suppressed(label)
    } else {
        let permanence = match severity.as_deref() {
            Some("permanent") => Some(Permanence::Permanent),
            Some("temporary") => Some(Permanence::Transient),
            _ => None,
        };
        let fallback = match (name.as_str(), reason.as_deref()) {
            ("failed" | "rejected", Some("old")) => Some(K::Expired),
            ("failed" | "rejected", Some("espblock")) => Some(K::Blocked),
            ("failed" | "rejected", _) => Some(K::OnHold),
            _ => None,
        };
        category(label, fallback, permanence)
    };
    let words = status.and_then(|s| field(s, "message").or_else(|| field(s, "description")));
    let facts = Facts {
        recipient: field(event, "recipient"),
        action,
        status: status.and_then(|s| field(s, "enhanced-code")),
        reply_code: code.filter(|_| own_code.is_none()),
        diagnostic: words,
        remote_mta: status.and_then(|s| field(s, "mx-host")),
        feedback_type: feedback_type.map(str::to_string),
    };
    out.recipients.push(facts.into_record(provider));
    Some(out)
}

/// The original's headers as Mailgun gives them (`message.headers`: `to`, `from`,
/// `subject`, `message-id`).
fn read_headers(headers: &Value, out: &mut Event) {
    let Some(map) = headers.as_object() else {
        return;
    };
    let original = &mut out.original;
    original.set_headers(
        map.iter()
            .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_string())))
            .collect(),
    );
    original.message_id = original
        .header("message-id")
        .map(|id| id.trim_matches(['<', '>']).to_string());
    original.from = original
        .header("from")
        .and_then(crate::address::find_address);
    original.to = original
        .header("to")
        .and_then(crate::address::find_address)
        .into_iter()
        .collect();
    original.subject = original.header("subject").map(str::to_string);
    out.esp.message_id = original.message_id.clone();
}
