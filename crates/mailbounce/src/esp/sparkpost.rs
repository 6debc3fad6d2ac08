//! SparkPost webhook batches: an array of `{"msys": {"message_event": {…}}}` (or
//! `track_event`, `unsubscribe_event`, `relay_event`, `gen_event`) objects. A failure or delay
//! gives `type`, `rcpt_to`, `bounce_class` (1–100), `raw_reason` (the server's words) and
//! `error_code`.
//!
//! Label: the type and the bounce class with its name (`bounce/10 Invalid Recipient`).
//! Fallback table, used when the event has no code or words:
//!
//! | `bounce_class` | reason | permanence |
//! |---|---|---|
//! | 25 Admin Failure, 26 Smart Send Suppression | `suppressed` (decides) | permanent |
//! | 10 Invalid Recipient, 30 Generic Bounce: No RCPT | `userunknown` | permanent |
//! | 20 Soft Bounce, 40 Generic Bounce, 70 Transient Failure | `onhold` | transient |
//! | 21 DNS Failure | `networkerror` | transient |
//! | 22 Mailbox Full | `mailboxfull` | transient |
//! | 23 Too Large | `mesgtoobig` | transient |
//! | 24 Timeout | `expired` | transient |
//! | 50 Mail Block | `blocked` | — |
//! | 51 Spam Block | `blocked` | — |
//! | 52 Spam Content | `spamdetected` | — |
//! | 53 Prohibited Attachment | `virusdetected` | — |
//! | 54 Relaying Denied | `norelaying` | — |
//! | 60 Auto-Reply | `vacation` | — |
//! | 90 Unsubscribe | `feedback` (`opt-out`) | — |
//! | 1 Undetermined, other | `undefined` | — |

use serde_json::Value;

use super::{Event, Facts, Provider, category, field, suppressed};
use crate::model::{Action, FailureKind as K, NoticeKind, Permanence};

/// The event kinds a `msys` wrapper may hold.
const WRAPPERS: [&str; 6] = [
    "message_event",
    "track_event",
    "unsubscribe_event",
    "relay_event",
    "gen_event",
    "ab_test_event",
];

/// A SparkPost event: an object with `msys`.
pub(super) fn claims(event: &Value) -> bool {
    event.get("msys").is_some_and(Value::is_object)
}

pub(super) fn read(event: &Value) -> Vec<Event> {
    let Some(msys) = event.get("msys") else {
        return Vec::new();
    };
    let Some(inner) = WRAPPERS.iter().find_map(|key| msys.get(*key)) else {
        return Vec::new();
    };
    let Some(name) = field(inner, "type") else {
        return Vec::new();
    };
    let mut out = Event::new(Provider::SparkPost, &name);
    out.esp.event_id = field(inner, "event_id");
    out.esp.message_id = field(inner, "message_id");
    out.esp.timestamp = field(inner, "timestamp");
    out.original.subject = field(inner, "subject");
    out.original.from = field(inner, "msg_from")
        .as_deref()
        .and_then(crate::address::find_address);
    let class: Option<u16> = field(inner, "bounce_class").and_then(|c| c.parse().ok());
    let (notice, action, feedback_type) = match name.as_str() {
        "bounce"
        | "out_of_band"
        | "policy_rejection"
        | "generation_failure"
        | "generation_rejection" => (NoticeKind::Failure, Some(Action::Failed), None),
        "delay" => (NoticeKind::Delay, Some(Action::Delayed), None),
        "delivery" => (NoticeKind::Success, Some(Action::Delivered), None),
        "spam_complaint" => (
            NoticeKind::Feedback,
            None,
            Some(field(inner, "fbtype").unwrap_or_else(|| "abuse".into())),
        ),
        "list_unsubscribe" | "link_unsubscribe" => {
            (NoticeKind::Feedback, None, Some("opt-out".to_string()))
        }
        _ => {
            out.notice = Some(NoticeKind::NotANotice);
            return vec![out];
        }
    };
    out.notice = Some(notice);
    let label = match class {
        Some(class) => format!("{name}/{class} {}", class_name(class)),
        None => name.clone(),
    };
    let (p, t) = (Some(Permanence::Permanent), Some(Permanence::Transient));
    let provider = match class {
        Some(25 | 26) => suppressed(label),
        Some(class) => {
            let (fallback, permanence) = match class {
                10 | 30 => (Some(K::UserUnknown), p),
                20 | 40 | 70 => (Some(K::OnHold), t),
                21 => (Some(K::NetworkError), t),
                22 => (Some(K::MailboxFull), t),
                23 => (Some(K::MessageTooLarge), t),
                24 => (Some(K::Expired), t),
                50 | 51 => (Some(K::Blocked), None),
                52 => (Some(K::SpamDetected), None),
                53 => (Some(K::VirusDetected), None),
                54 => (Some(K::NoRelaying), None),
                60 => (Some(K::Vacation), None),
                90 => (Some(K::Feedback), None),
                _ => (Some(K::Undefined), None),
            };
            category(label, fallback, permanence)
        }
        None => category(label, None, None),
    };
    let facts = Facts {
        recipient: field(inner, "rcpt_to").or_else(|| field(inner, "raw_rcpt_to")),
        action,
        status: None,
        reply_code: field(inner, "error_code"),
        diagnostic: field(inner, "raw_reason").or_else(|| field(inner, "reason")),
        remote_mta: None,
        feedback_type,
    };
    out.recipients.push(facts.into_record(provider));
    vec![out]
}

/// SparkPost's name for a bounce class.
fn class_name(class: u16) -> &'static str {
    match class {
        1 => "Undetermined",
        10 => "Invalid Recipient",
        20 => "Soft Bounce",
        21 => "DNS Failure",
        22 => "Mailbox Full",
        23 => "Too Large",
        24 => "Timeout",
        25 => "Admin Failure",
        26 => "Smart Send Suppression",
        30 => "Generic Bounce: No RCPT",
        40 => "Generic Bounce",
        50 => "Mail Block",
        51 => "Spam Block",
        52 => "Spam Content",
        53 => "Prohibited Attachment",
        54 => "Relaying Denied",
        60 => "Auto-Reply",
        70 => "Transient Failure",
        80 => "Subscribe",
        90 => "Unsubscribe",
        100 => "Challenge-Response",
        _ => "Unknown",
    }
}
