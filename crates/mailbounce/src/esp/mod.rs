//! Email service provider (ESP) event payloads — Amazon SES, SendGrid, Mailgun, Postmark and
//! SparkPost webhooks — read into the same [`Report`] and [`Bounce`](crate::Bounce) model as
//! bounce messages.
//!
//! Each event becomes one [`Report`] whose [`Report::esp`] names the provider and event. Per
//! recipient, the payload's status code, reply code and the server's words go through the same
//! classifier as a bounce message, and decide over the provider's own category: SES calls a
//! `5.4.4` failure `Transient`, mailbounce calls it `hostunknown`, a hard bounce. The provider's
//! category is kept as [`Bounce::provider_label`](crate::Bounce::provider_label), and decides
//! only when the payload carries no code or words (the tables are in each provider's function
//! below), or when the provider declined to send at all because of its own suppression list.
//!
//! ```
//! let payload = br#"{"notificationType": "Bounce",
//!   "bounce": {"bounceType": "Transient", "bounceSubType": "General",
//!     "bouncedRecipients": [{"emailAddress": "ann@example.net", "action": "failed",
//!       "status": "5.4.4", "diagnosticCode": "smtp; 550 5.4.4 Host not found"}]},
//!   "mail": {"messageId": "0100abc", "source": "news@example.com"}}"#;
//! let reports = mailbounce::esp::parse_event(payload).unwrap();
//! let bounce = &reports[0].bounces[0];
//! assert_eq!(bounce.kind, mailbounce::FailureKind::HostUnknown);
//! assert!(bounce.hard_bounce);
//! assert_eq!(bounce.provider_label.as_deref(), Some("Transient/General"));
//! ```

mod mailgun;
mod postmark;
mod sendgrid;
mod ses;
mod sparkpost;

use std::fmt;

use serde_json::Value;

use crate::classify;
use crate::formats::{ProviderCategory, RecipientFacts};
use crate::model::{
    Action, EspEvent, FailureKind, NoticeKind, OriginalMessage, Permanence, Report,
};
use crate::{DEFAULT_MAX_INPUT_BYTES, Error};

/// The providers whose event payloads are understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// Amazon SES: SNS notifications and event publishing (`Bounce`, `Complaint`,
    /// `DeliveryDelay`, `Delivery`), raw or inside their SNS envelope.
    AmazonSes,
    /// SendGrid's event webhook: an array of events (`bounce`, `blocked`, `dropped`,
    /// `deferred`, `spamreport`, …).
    SendGrid,
    /// Mailgun's webhooks (`event-data`) and events API (`items`): `failed`, `complained`, ….
    Mailgun,
    /// Postmark's bounce and spam complaint webhooks.
    Postmark,
    /// SparkPost's webhook batches (`msys.message_event`, …).
    SparkPost,
}

impl Provider {
    /// Every provider, in the order detection tries them.
    pub const ALL: [Provider; 5] = [
        Provider::AmazonSes,
        Provider::Mailgun,
        Provider::SendGrid,
        Provider::Postmark,
        Provider::SparkPost,
    ];

    /// The provider's name as records give it (`decoded_by`, [`EspEvent::provider`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::AmazonSes => "amazonses",
            Provider::SendGrid => "sendgrid",
            Provider::Mailgun => "mailgun",
            Provider::Postmark => "postmark",
            Provider::SparkPost => "sparkpost",
        }
    }

    /// True when one event object looks like this provider's.
    fn claims(self, event: &Value) -> bool {
        match self {
            Provider::AmazonSes => ses::claims(event),
            Provider::SendGrid => sendgrid::claims(event),
            Provider::Mailgun => mailgun::claims(event),
            Provider::Postmark => postmark::claims(event),
            Provider::SparkPost => sparkpost::claims(event),
        }
    }

    /// The events of one event object of this provider (one, or none when it is not one).
    fn read(self, event: &Value) -> Vec<Event> {
        match self {
            Provider::AmazonSes => ses::read(event),
            Provider::SendGrid => sendgrid::read(event),
            Provider::Mailgun => mailgun::read(event),
            Provider::Postmark => postmark::read(event),
            Provider::SparkPost => sparkpost::read(event),
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads an event payload of any known provider, detected from its shape: one [`Report`] per
/// event, in order (a SendGrid or SparkPost batch gives several).
///
/// Errors: [`Error::Empty`] for empty input, [`Error::TooLarge`] over 32 MiB,
/// [`Error::NotJson`] when the input is not JSON, [`Error::UnknownEvent`] when no event of a
/// known provider is found in it. Events of a known provider that report nothing about
/// delivery (opens, clicks) give a report with [`NoticeKind::NotANotice`] and no record.
pub fn parse_event(json: &[u8]) -> Result<Vec<Report>, Error> {
    let value = load(json)?;
    let mut reports = Vec::new();
    for event in top_level_events(&value) {
        let provider = Provider::ALL.into_iter().find(|p| p.claims(event));
        if let Some(provider) = provider {
            reports.extend(provider.read(event).into_iter().map(Event::into_report));
        }
    }
    if reports.is_empty() {
        return Err(Error::UnknownEvent);
    }
    Ok(reports)
}

/// Reads an event payload known to come from `provider`. Errors as [`parse_event`].
pub fn parse_event_from(provider: Provider, json: &[u8]) -> Result<Vec<Report>, Error> {
    let value = load(json)?;
    let reports: Vec<Report> = top_level_events(&value)
        .flat_map(|event| provider.read(event))
        .map(Event::into_report)
        .collect();
    if reports.is_empty() {
        return Err(Error::UnknownEvent);
    }
    Ok(reports)
}

/// Reads an Amazon SES notification or published event ([`Provider::AmazonSes`]).
pub fn parse_ses(json: &[u8]) -> Result<Vec<Report>, Error> {
    parse_event_from(Provider::AmazonSes, json)
}

/// Reads a SendGrid event webhook batch ([`Provider::SendGrid`]).
pub fn parse_sendgrid(json: &[u8]) -> Result<Vec<Report>, Error> {
    parse_event_from(Provider::SendGrid, json)
}

/// Reads a Mailgun webhook or events API page ([`Provider::Mailgun`]).
pub fn parse_mailgun(json: &[u8]) -> Result<Vec<Report>, Error> {
    parse_event_from(Provider::Mailgun, json)
}

/// Reads a Postmark bounce or spam complaint webhook ([`Provider::Postmark`]).
pub fn parse_postmark(json: &[u8]) -> Result<Vec<Report>, Error> {
    parse_event_from(Provider::Postmark, json)
}

/// Reads a SparkPost webhook batch ([`Provider::SparkPost`]).
pub fn parse_sparkpost(json: &[u8]) -> Result<Vec<Report>, Error> {
    parse_event_from(Provider::SparkPost, json)
}

/// True when `input` looks like a JSON payload rather than a mail message: its first
/// non-blank byte is `{` or `[`.
pub fn looks_like_json(input: &[u8]) -> bool {
    matches!(
        input.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Parses the JSON, within the size limit. serde_json bounds nesting depth (128 levels).
fn load(json: &[u8]) -> Result<Value, Error> {
    if json.len() > DEFAULT_MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: json.len(),
            limit: DEFAULT_MAX_INPUT_BYTES,
        });
    }
    if json.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    serde_json::from_slice(json).map_err(|e| Error::NotJson {
        reason: e.to_string(),
    })
}

/// The event objects of a payload: the elements of a top-level array, else the value itself.
fn top_level_events(value: &Value) -> impl Iterator<Item = &Value> {
    match value {
        Value::Array(items) => items.iter().collect::<Vec<_>>().into_iter(),
        other => vec![other].into_iter(),
    }
}

/// One provider event, before classification.
#[derive(Debug, Default)]
struct Event {
    provider: &'static str,
    notice: Option<NoticeKind>,
    esp: EspEvent,
    reporting_mta: Option<String>,
    original: OriginalMessage,
    recipients: Vec<RecipientFacts>,
}

impl Event {
    /// An event of `provider` named `name`.
    fn new(provider: Provider, name: &str) -> Self {
        Event {
            provider: provider.as_str(),
            esp: EspEvent {
                provider: provider.as_str().to_string(),
                event: name.to_string(),
                ..EspEvent::default()
            },
            ..Event::default()
        }
    }

    /// Classifies the records and builds the report.
    fn into_report(self) -> Report {
        let notice = match self.notice {
            Some(notice) => notice,
            None => NoticeKind::NotANotice,
        };
        let context = classify::Context {
            notice,
            reporting_mta: self.reporting_mta.as_deref(),
            format: self.provider,
        };
        let bounces = classify::to_bounces(self.recipients, context);
        let from = self.original.from.clone();
        Report {
            notice,
            reporting_mta: self.reporting_mta,
            arrival_date: None,
            from: None,
            subject: None,
            date: None,
            original: Some(self.original).filter(|o| !o.is_empty() || from.is_some()),
            feedback: None,
            disposition: None,
            bounces,
            authenticity: None,
            notice_recipients: Vec::new(),
            esp: Some(self.esp),
        }
    }
}

/// A string field, or a number written as text; `None` when absent, null or empty.
fn field(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What one payload says about one recipient, before classification.
struct Facts {
    recipient: Option<String>,
    action: Option<Action>,
    status: Option<String>,
    reply_code: Option<String>,
    diagnostic: Option<String>,
    remote_mta: Option<String>,
    feedback_type: Option<String>,
}

impl Facts {
    /// The record for the classifier, with the provider's category attached.
    fn into_record(self, category: ProviderCategory) -> RecipientFacts {
        let (diagnostic_type, diagnostic) = typed_diagnostic(self.diagnostic);
        let mut facts = RecipientFacts {
            recipient: self
                .recipient
                .as_deref()
                .and_then(crate::address::find_address),
            action: self.action,
            status: self
                .status
                .as_deref()
                .and_then(crate::diagnostic::status_in),
            reply_code: self
                .reply_code
                .as_deref()
                .and_then(|c| c.trim().parse::<u16>().ok())
                .filter(|c| (200..600).contains(c)),
            diagnostic,
            diagnostic_type,
            remote_mta: self.remote_mta,
            feedback_type: self.feedback_type,
            provider: Some(category),
            ..RecipientFacts::default()
        };
        facts.complete_from_diagnostic();
        facts
    }
}

/// A provider category: its label and our reading of it.
fn category(
    label: String,
    kind: Option<FailureKind>,
    permanence: Option<Permanence>,
) -> ProviderCategory {
    ProviderCategory {
        label,
        kind,
        permanence,
        decisive: false,
    }
}

/// A provider category saying the provider declined to send: its suppression list decides.
fn suppressed(label: String) -> ProviderCategory {
    ProviderCategory {
        label,
        kind: Some(FailureKind::Suppressed),
        permanence: Some(Permanence::Permanent),
        decisive: true,
    }
}

/// A diagnostic with its `smtp;` type split off, as a DSN would give it.
fn typed_diagnostic(text: Option<String>) -> (Option<String>, Option<String>) {
    match text {
        Some(text) => {
            let (kind, words) = crate::dsn::typed_value(&text);
            let words = crate::mime::unfold(words);
            (kind, (!words.is_empty()).then_some(words))
        }
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_an_event() {
        assert_eq!(parse_event(b"  "), Err(Error::Empty));
        assert!(matches!(parse_event(b"{nope"), Err(Error::NotJson { .. })));
        assert_eq!(parse_event(b"{\"a\": 1}"), Err(Error::UnknownEvent));
        assert_eq!(parse_event(b"[]"), Err(Error::UnknownEvent));
        assert_eq!(parse_event(b"42"), Err(Error::UnknownEvent));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse_event(deep.as_bytes()),
            Err(Error::NotJson { .. })
        ));
    }

    #[test]
    fn json_is_told_from_mail() {
        assert!(looks_like_json(b"\n  [{}]"));
        assert!(looks_like_json(b"{}"));
        assert!(!looks_like_json(b"From: a@example.org\n\n{}"));
    }
}
