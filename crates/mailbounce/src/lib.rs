#![doc = include_str!("../../../README.md")]
#![forbid(unsafe_code)]

mod address;
mod any_phrase;
pub mod authenticity;
mod classify;
mod diagnostic;
mod dsn;
mod error;
#[cfg(feature = "esp")]
pub mod esp;
mod feedback;
mod formats;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod html;
mod lines;
mod mime;
mod model;
mod normalize;
mod notice;
mod original;

pub use error::{Error, Limit};
pub use model::{
    Action, Authenticity, Bounce, Disposition, EspEvent, FailureKind, FeedbackReport, MailDate,
    NoticeKind, OriginalMessage, ParseFailureKindError, ParseStatusCodeError, Permanence,
    RecommendedAction, Report, Responsibility, Signal, SignalOutcome, SmtpCommand, StatusClass,
    StatusCode, Verdict,
};

/// VERP: finding the subscriber from the return path a bounce was delivered to.
pub mod verp {
    pub use crate::model::verp::{VerpTarget, decode};
}

/// The default largest input accepted: 32 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// The default deepest MIME nesting accepted (multiparts and enclosed messages): 64 levels.
pub const DEFAULT_MAX_MIME_DEPTH: usize = 64;
/// The default largest number of MIME parts accepted, enclosed messages' parts included: 10,000.
pub const DEFAULT_MAX_PARTS: usize = 10_000;
/// The default largest number of recipient records in one report: 20,000.
pub const DEFAULT_MAX_RECIPIENTS: usize = 20_000;
/// The default longest header line accepted: 1 MiB.
pub const DEFAULT_MAX_HEADER_LINE_BYTES: usize = 1024 * 1024;

/// Analyses one raw message (a whole `.eml`, with headers) with the default [`Parser`].
///
/// Never panics: bad input gives an [`Error`], and a message that is not a delivery notice
/// gives a [`Report`] whose notice is [`NoticeKind::NotANotice`].
pub fn parse(raw: &[u8]) -> Result<Report, Error> {
    Parser::default().parse(raw)
}

/// Like [`parse`], for a message already held as text.
pub fn parse_str(raw: &str) -> Result<Report, Error> {
    parse(raw.as_bytes())
}

/// A configured analyser. [`Parser::default`] is what [`parse`] uses.
///
/// ```
/// let parser = mailbounce::Parser::new().max_input_bytes(1024);
/// let err = parser.parse(&vec![b'a'; 2048]).unwrap_err();
/// assert!(matches!(err, mailbounce::Error::TooLarge { size: 2048, limit: 1024 }));
/// ```
///
/// Every limit has a safe default (the `DEFAULT_MAX_*` constants); going over one gives
/// [`Error::TooLarge`] or [`Error::LimitExceeded`], never a partial report.
#[derive(Debug, Clone)]
pub struct Parser {
    max_input_bytes: usize,
    shape: mime::ShapeLimits,
    max_recipients: usize,
    authenticity: Option<authenticity::Context>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            shape: mime::ShapeLimits {
                max_depth: DEFAULT_MAX_MIME_DEPTH,
                max_parts: DEFAULT_MAX_PARTS,
                max_header_line: DEFAULT_MAX_HEADER_LINE_BYTES,
            },
            max_recipients: DEFAULT_MAX_RECIPIENTS,
            authenticity: None,
        }
    }
}

impl Parser {
    /// A parser with the default limits.
    pub fn new() -> Self {
        Parser::default()
    }

    /// Sets the largest input accepted, in bytes; larger inputs give [`Error::TooLarge`].
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// Sets the deepest MIME nesting accepted: a multipart inside a multipart, or a message
    /// enclosed in a message, is one level more. Deeper messages give [`Error::LimitExceeded`].
    pub fn max_mime_depth(mut self, limit: usize) -> Self {
        self.shape.max_depth = limit;
        self
    }

    /// Sets the largest number of MIME parts accepted (containers and the parts of enclosed
    /// messages included). More give [`Error::LimitExceeded`].
    pub fn max_parts(mut self, limit: usize) -> Self {
        self.shape.max_parts = limit;
        self
    }

    /// Sets the largest number of recipient records one report may hold. A notice about more
    /// recipients gives [`Error::LimitExceeded`].
    pub fn max_recipients(mut self, limit: usize) -> Self {
        self.max_recipients = limit;
        self
    }

    /// Sets the longest header line accepted, in bytes (in any part's header). Longer lines
    /// give [`Error::LimitExceeded`].
    pub fn max_header_line_bytes(mut self, limit: usize) -> Self {
        self.shape.max_header_line = limit;
        self
    }

    /// Asks for an authenticity verdict on every message ([`Report::authenticity`]), using
    /// what `context` says about our own mail (an empty [`authenticity::Context`] judges from
    /// the message alone). Without this call the parser does not spend time on it.
    ///
    /// ```
    /// use mailbounce::authenticity::Context;
    ///
    /// let parser = mailbounce::Parser::new().authenticity(Context::new().our_domain("example.com"));
    /// let report = parser.parse(b"From: a@example.org\nSubject: hi\n\nhello\n").unwrap();
    /// assert_eq!(report.authenticity.unwrap().verdict, mailbounce::Verdict::Unknown);
    /// ```
    pub fn authenticity(mut self, context: authenticity::Context) -> Self {
        self.authenticity = Some(context);
        self
    }

    /// Analyses one raw message.
    pub fn parse(&self, raw: &[u8]) -> Result<Report, Error> {
        let bytes = normalize::normalize(raw, self.max_input_bytes)?;
        let view = mime::MimeView::parse_within(&bytes, &self.shape)?;
        let message = view.root();
        let mail = formats::Incoming::new(message).limited(self.max_recipients);
        let decoded = formats::decode(&mail);
        let notice = notice::detect(&mail, decoded.as_ref());
        let mut original = original::find_original(&message)
            .or_else(|| original::inline_original(mail.quoted_original()));
        // Read receipts and challenges report on no recipient's delivery: whatever a reader
        // made of their text is not a record.
        let decoded = decoded.filter(|_| {
            !matches!(
                notice,
                NoticeKind::ReadReceipt | NoticeKind::Challenge | NoticeKind::NotANotice
            )
        });
        let (reporting_mta, arrival_date, bounces) = match decoded {
            Some(decoded) if decoded.recipients.len() > self.max_recipients => {
                return Err(Error::LimitExceeded {
                    limit: Limit::Recipients,
                    max: self.max_recipients,
                });
            }
            Some(decoded) => {
                if let Some(envelope_id) = decoded.envelope_id {
                    original
                        .get_or_insert_with(OriginalMessage::default)
                        .envelope_id = Some(envelope_id);
                }
                let context = classify::Context {
                    notice,
                    reporting_mta: decoded.reporting_mta.as_deref(),
                    format: decoded.format,
                };
                let records = decoded.recipients.into_iter().map(|mut facts| {
                    // A plain-text delay warning states no action: it is a delay.
                    if notice == NoticeKind::Delay && facts.action.is_none() {
                        facts.action = Some(Action::Delayed);
                    }
                    facts
                });
                let bounces = classify::to_bounces(records, context);
                (decoded.reporting_mta, decoded.arrival_date, bounces)
            }
            None => (None, None, Vec::new()),
        };
        let feedback = (notice == NoticeKind::Feedback)
            .then(|| feedback::read_feedback(&message).map(|f| f.report))
            .flatten();
        let disposition = (notice == NoticeKind::ReadReceipt)
            .then(|| feedback::disposition_part(&message))
            .flatten();
        let mut report = Report {
            notice,
            reporting_mta,
            arrival_date,
            from: message.addresses("From").into_iter().next(),
            subject: message.header_text("Subject").map(str::to_string),
            date: message.date("Date"),
            original: original.filter(|o| !o.is_empty()),
            feedback,
            disposition,
            bounces,
            authenticity: None,
            notice_recipients: notice_recipients(&message),
            esp: None,
        };
        if let Some(context) = &self.authenticity {
            report.authenticity = Some(authenticity::analyse(&mail, &report, context));
        }
        Ok(report)
    }

    /// Like [`Parser::parse`], for a message already held as text.
    pub fn parse_str(&self, raw: &str) -> Result<Report, Error> {
        self.parse(raw.as_bytes())
    }
}

/// The addresses the notice was delivered to: `Delivered-To`, `X-Original-To`, then `To`.
fn notice_recipients(message: &mime::MessageView<'_, '_>) -> Vec<String> {
    // `Delivered-To` and `X-Original-To` are not address fields to the MIME parser.
    let traced = ["Delivered-To", "X-Original-To"]
        .into_iter()
        .flat_map(|name| message.header_raw_all(name))
        .filter_map(address::find_address);
    let mut out: Vec<String> = Vec::new();
    for found in traced.chain(message.addresses("To")).take(64) {
        if !out.iter().any(|a| a.eq_ignore_ascii_case(&found)) {
            out.push(found);
        }
    }
    out
}
