//! One analysed message: what kind of notice it is, what it quotes, and its recipients.

use std::fmt;

use super::authenticity::Authenticity;
use super::bounce::{Bounce, MailDate};
use super::feedback::{Disposition, FeedbackReport};
use super::header_list::{HeaderDecoder, HeaderList};
use super::verp::{self, VerpTarget};

/// What a message is, as a delivery notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NoticeKind {
    /// Delivery failed for at least one recipient (a bounce, NDR or failure DSN).
    Failure,
    /// Delivery is delayed and still being retried (a warning, not a bounce).
    Delay,
    /// A success notice: delivered, relayed or expanded.
    Success,
    /// An automatic reply such as an out-of-office message (RFC 3834).
    AutoReply,
    /// A complaint or feedback report (RFC 5965 ARF and similar).
    Feedback,
    /// A read receipt or other message disposition notification (RFC 8098).
    ReadReceipt,
    /// A challenge-response request: the recipient's filter holds the message until the
    /// sender proves to be a person (confirms, solves a puzzle, asks to be allow-listed).
    /// Not a failure, and no record: delivery is pending on the sender, not refused.
    Challenge,
    /// A content scanner's notice that a message (or an attachment) was held, cleaned or
    /// dropped because malware was found. Any recipient it names gets a record.
    VirusAlert,
    /// An ordinary message, not a delivery notice.
    NotANotice,
}

impl NoticeKind {
    /// The snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Failure => "failure",
            NoticeKind::Delay => "delay",
            NoticeKind::Success => "success",
            NoticeKind::AutoReply => "auto_reply",
            NoticeKind::Feedback => "feedback",
            NoticeKind::ReadReceipt => "read_receipt",
            NoticeKind::Challenge => "challenge",
            NoticeKind::VirusAlert => "virus_alert",
            NoticeKind::NotANotice => "not_a_notice",
        }
    }
}

impl fmt::Display for NoticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The identity of the message that bounced, as far as the notice quotes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OriginalMessage {
    /// Its `Message-ID`, without angle brackets.
    pub message_id: Option<String>,
    /// Its `From` address.
    pub from: Option<String>,
    /// Its `To` addresses.
    pub to: Vec<String>,
    /// Its decoded `Subject`.
    pub subject: Option<String>,
    /// Its `Date`.
    pub date: Option<MailDate>,
    /// The envelope id the sender gave (`ENVID`, reported as `Original-Envelope-Id`).
    pub envelope_id: Option<String>,
    /// Every header of the returned original, decoded on first read: see
    /// [`OriginalMessage::headers`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "HeaderList::is_empty")
    )]
    headers: HeaderList,
}

impl OriginalMessage {
    /// True when nothing about the original is known. Does not decode the headers.
    pub fn is_empty(&self) -> bool {
        let OriginalMessage {
            message_id,
            from,
            to,
            subject,
            date,
            envelope_id,
            headers,
        } = self;
        message_id.is_none()
            && from.is_none()
            && to.is_empty()
            && subject.is_none()
            && date.is_none()
            && envelope_id.is_none()
            && headers.is_empty()
    }

    /// Every header of the returned original, in order, as `(name, decoded value)`: the way
    /// to find the subscriber from a header of our own (`X-Campaign-Id`, `List-Id`, …).
    /// A parsed notice's are decoded on the first call (at most 500) and kept; read one with
    /// [`OriginalMessage::header`].
    pub fn headers(&self) -> &[(String, String)] {
        self.headers.get()
    }

    /// Replaces the headers with pairs already decoded, for an original built from other
    /// data than a parsed message.
    ///
    /// ```
    /// let mut original = mailbounce::OriginalMessage::default();
    /// original.set_headers(vec![("X-Campaign-Id".into(), "spring-2026".into())]);
    /// assert_eq!(original.header("x-campaign-id"), Some("spring-2026"));
    /// ```
    pub fn set_headers(&mut self, headers: Vec<(String, String)>) {
        self.headers = HeaderList::Pairs(headers);
    }

    /// Keeps `block`, a raw header block holding at least one header, to be decoded by
    /// `decode` on first read.
    pub(crate) fn set_raw_headers(&mut self, block: &[u8], decode: HeaderDecoder) {
        self.headers = HeaderList::raw(block, decode);
    }

    /// The first header of the original named `name` (any case), decoded and unfolded.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header of the original named `name` (any case), in order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers()
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What an email service provider's event payload said, beside what we make of it
/// (reports built by [`crate::esp`] carry one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EspEvent {
    /// The provider: `amazonses`, `sendgrid`, `mailgun`, `postmark` or `sparkpost`.
    pub provider: String,
    /// The provider's name for the event, as sent (`Bounce`, `deferred`, `failed`, …).
    pub event: String,
    /// The provider's id of the event, when it gives one.
    pub event_id: Option<String>,
    /// The provider's id of the message the event is about, when it gives one.
    pub message_id: Option<String>,
    /// When the event happened, as the provider wrote it (ISO 8601 text or Unix seconds).
    pub timestamp: Option<String>,
}

/// One analysed message: the notice, the original it refers to, and one [`Bounce`] per
/// affected recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Report {
    /// What kind of notice this is.
    pub notice: NoticeKind,
    /// The server that wrote the notice (`Reporting-MTA`, or the host named in the text).
    pub reporting_mta: Option<String>,
    /// When the reporting server received the original (`Arrival-Date`).
    pub arrival_date: Option<MailDate>,
    /// The notice's own `From` address.
    pub from: Option<String>,
    /// The notice's own decoded `Subject`.
    pub subject: Option<String>,
    /// The notice's own `Date`.
    pub date: Option<MailDate>,
    /// The message that bounced, when the notice quotes or names it.
    pub original: Option<OriginalMessage>,
    /// The report's own details, for a feedback report ([`NoticeKind::Feedback`]).
    pub feedback: Option<FeedbackReport>,
    /// What the recipient's mail program did, for a read receipt ([`NoticeKind::ReadReceipt`]).
    pub disposition: Option<Disposition>,
    /// One record per affected recipient, in the order the notice lists them.
    pub bounces: Vec<Bounce>,
    /// Whether the notice is real, when the parser was asked
    /// ([`Parser::authenticity`](crate::Parser::authenticity)); `None` otherwise.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub authenticity: Option<Authenticity>,
    /// Where the notice itself was delivered: the addresses of its `Delivered-To`,
    /// `X-Original-To` and `To` headers, in that order, without repeats. A VERP return path
    /// shows up here; [`Report::verp_target`] decodes it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub notice_recipients: Vec<String>,
    /// The provider's event, for a report built from an ESP payload by [`crate::esp`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub esp: Option<EspEvent>,
}

impl Report {
    /// True when the message is some kind of delivery notice.
    pub fn is_notice(&self) -> bool {
        self.notice != NoticeKind::NotANotice
    }

    /// The records whose address is dead (hard bounces).
    pub fn hard_bounces(&self) -> impl Iterator<Item = &Bounce> {
        self.bounces.iter().filter(|b| b.hard_bounce)
    }

    /// A header of the returned original by name (any case), decoded: from a `message/rfc822`
    /// part, a `text/rfc822-headers` part, or a copy quoted in a plain-text notice. `None` when
    /// the notice returns no original or the original has no such header.
    pub fn original_header(&self, name: &str) -> Option<&str> {
        self.original.as_ref()?.header(name)
    }

    /// The recipient (or token) a VERP return path encodes, read from the first of
    /// [`Report::notice_recipients`] that decodes ([`crate::verp::decode`]).
    pub fn verp_target(&self) -> Option<VerpTarget> {
        self.notice_recipients
            .iter()
            .find_map(|address| verp::decode(address))
    }
}

// Reports cross threads (the CLI's workers, the Python binding): the lazily decoded headers
// must keep them `Send + Sync`.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Report>();
};
