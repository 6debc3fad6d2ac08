//! SendGrid's event webhook: a JSON array of events, each with `email`, `event` and, for
//! failures, `status`, `reason` (or `response` for `deferred`), `type` and
//! `bounce_classification`.
//!
//! Label: the event, its `type` when it differs, and the classification or drop reason
//! (`bounce/Invalid Address`, `bounce/blocked/Reputation`, `dropped/Bounced Address`).
//! Fallback table, used when the event has no `status` or words:
//!
//! | SendGrid | reason | permanence |
//! |---|---|---|
//! | `dropped` for a bounced, unsubscribed, spam-reporting or invalid address | `suppressed` (decides) | permanent |
//! | classification `Invalid Address` | `userunknown` | permanent |
//! | classification `Mailbox Unavailable` | `suspend` | — |
//! | classification `Reputation` | `badreputation` | — |
//! | classification `Content` | `spamdetected` | — |
//! | classification `Frequency or Volume Too High` | `speeding` | transient |
//! | classification `Technical` | `systemerror` | — |
//! | classification `Unclassified`, or none, for `bounce` | `onhold` | permanent |
//! | `blocked` (event or `type`) without classification | `blocked` | transient |
//! | `deferred` | (delayed: `expired` unless the response says more) | transient |

use serde_json::Value;

use super::{Event, Facts, Provider, category, field, suppressed};
use crate::model::{Action, FailureKind as K, NoticeKind, Permanence};

/// A SendGrid event: `event` and `email`.
pub(super) fn claims(event: &Value) -> bool {
    event.get("event").is_some_and(Value::is_string) && event.get("email").is_some()
}

/// Drop reasons that mean SendGrid's own suppression lists stopped the message.
const SUPPRESSION_DROPS: [&str; 4] = [
    "bounced address",
    "unsubscribed address",
    "spam reporting address",
    "invalid",
];

pub(super) fn read(event: &Value) -> Vec<Event> {
    let Some(name) = field(event, "event") else {
        return Vec::new();
    };
    let mut out = Event::new(Provider::SendGrid, &name);
    out.esp.event_id = field(event, "sg_event_id");
    out.esp.message_id = field(event, "sg_message_id");
    out.esp.timestamp = field(event, "timestamp");
    out.original.message_id =
        field(event, "smtp-id").map(|id| id.trim_matches(['<', '>']).to_string());
    let kind = field(event, "type");
    let classification = field(event, "bounce_classification");
    let reason = field(event, "reason");
    let (notice, action, feedback_type) = match name.as_str() {
        "bounce" | "blocked" | "dropped" => (NoticeKind::Failure, Some(Action::Failed), None),
        "deferred" => (NoticeKind::Delay, Some(Action::Delayed), None),
        "delivered" => (NoticeKind::Success, Some(Action::Delivered), None),
        "spamreport" => (NoticeKind::Feedback, None, Some("abuse")),
        "unsubscribe" | "group_unsubscribe" => (NoticeKind::Feedback, None, Some("opt-out")),
        _ => {
            out.notice = Some(NoticeKind::NotANotice);
            return vec![out];
        }
    };
    out.notice = Some(notice);
    let mut label = name.clone();
    for part in [
        kind.as_deref().filter(|k| *k != name),
        classification.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        label.push('/');
        label.push_str(part);
    }
    if name == "dropped"
        && let Some(reason) = &reason
    {
        label.push('/');
        label.push_str(reason);
    }
    let blocked = name == "blocked" || kind.as_deref() == Some("blocked");
    let (p, t) = (Some(Permanence::Permanent), Some(Permanence::Transient));
    let dropped_by_list = name == "dropped"
        && reason
            .as_deref()
            .is_some_and(|r| SUPPRESSION_DROPS.contains(&r.to_ascii_lowercase().as_str()));
    let provider = if dropped_by_list {
        suppressed(label)
    } else {
        let (fallback, permanence) = match classification.as_deref() {
            Some("Invalid Address") => (Some(K::UserUnknown), p),
            Some("Mailbox Unavailable") => (Some(K::Suspended), None),
            Some("Reputation") => (Some(K::BadReputation), None),
            Some("Content") => (Some(K::SpamDetected), None),
            Some("Frequency or Volume Too High") => (Some(K::Speeding), t),
            Some("Technical") => (Some(K::SystemError), None),
            _ if blocked => (Some(K::Blocked), t),
            _ if name == "bounce" => (Some(K::OnHold), p),
            _ => (None, None),
        };
        category(label, fallback, permanence)
    };
    let facts = Facts {
        recipient: field(event, "email"),
        action,
        status: field(event, "status"),
        reply_code: None,
        diagnostic: reason.or_else(|| field(event, "response")),
        remote_mta: None,
        feedback_type: feedback_type.map(str::to_string),
    };
    out.recipients.push(facts.into_record(provider));
    vec![out]
}
