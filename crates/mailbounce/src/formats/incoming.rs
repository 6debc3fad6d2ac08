//! The message as the readers see it: its headers, and its text computed once on first use.

use std::cell::OnceCell;

use super::markers::Markers;
use super::text::original_start;
use super::{Decoded, rfc3464};
use crate::mime::MessageView;

/// One incoming message, shared by every reader that looks at it.
///
/// The text views are computed lazily and kept, so a reader that needs only headers costs
/// nothing more, and several readers share one decoding of the body.
pub(crate) struct Incoming<'v, 'x> {
    /// The parsed message.
    pub(crate) message: MessageView<'v, 'x>,
    text: OnceCell<String>,
    notice_end: OnceCell<usize>,
    notice_lower: OnceCell<String>,
    markers: OnceCell<Markers>,
    subject_lower: OnceCell<String>,
    sender_lower: OnceCell<String>,
    delivery_status: OnceCell<Option<Decoded>>,
    /// The most recipients worth reading: past it the report is refused, so readers may stop.
    pub(crate) max_recipients: usize,
}

impl<'v, 'x> Incoming<'v, 'x> {
    /// Wraps a parsed message.
    pub(crate) fn new(message: MessageView<'v, 'x>) -> Self {
        Incoming {
            message,
            text: OnceCell::new(),
            notice_end: OnceCell::new(),
            notice_lower: OnceCell::new(),
            markers: OnceCell::new(),
            subject_lower: OnceCell::new(),
            sender_lower: OnceCell::new(),
            delivery_status: OnceCell::new(),
            max_recipients: usize::MAX,
        }
    }

    /// Lets readers stop after `max` + 1 recipients (enough to know the limit is exceeded).
    pub(crate) fn limited(mut self, max: usize) -> Self {
        self.max_recipients = max;
        self
    }

    /// The readable text of the message (its text parts, decoded), with the returned original
    /// included when the notice quotes it inline.
    pub(crate) fn text(&self) -> &str {
        self.text.get_or_init(|| self.message.readable_text())
    }

    /// The notice's own words: the text up to where the returned original begins.
    pub(crate) fn notice_text(&self) -> &str {
        let text = self.text();
        let end = *self.notice_end.get_or_init(|| original_start(text));
        text.get(..end).unwrap_or(text)
    }

    /// The rest of the text, from where the returned original begins (empty when it quotes
    /// none).
    pub(crate) fn quoted_original(&self) -> &str {
        let notice = self.notice_text();
        self.text().get(notice.len()..).unwrap_or_default()
    }

    /// [`Incoming::notice_text`] lowercased (Unicode), for readers that look for marker
    /// phrases in several languages.
    pub(crate) fn notice_lower(&self) -> &str {
        self.notice_lower.get_or_init(|| {
            let text = self.notice_text();
            // The same result for ASCII text, from a copy that lowercases many bytes at once.
            if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                text.to_lowercase()
            }
        })
    }

    /// True when [`Incoming::text`] holds `phrase`, one of the readers' markers.
    pub(crate) fn text_has(&self, phrase: &str) -> bool {
        let text = self.text();
        self.markers()
            .occurs_within(phrase, text.len())
            .unwrap_or_else(|| text.contains(phrase))
    }

    /// True when [`Incoming::notice_text`] holds `phrase`, one of the readers' markers.
    pub(crate) fn notice_has(&self, phrase: &str) -> bool {
        let notice = self.notice_text();
        self.markers()
            .occurs_within(phrase, notice.len())
            .unwrap_or_else(|| notice.contains(phrase))
    }

    /// Where the readers' markers occur in the text, found once for all of them.
    fn markers(&self) -> &Markers {
        self.markers.get_or_init(|| Markers::find(self.text()))
    }

    /// The message's RFC 3464 delivery-status report, read once however many readers start
    /// from it.
    pub(crate) fn delivery_status(&self) -> Option<Decoded> {
        self.delivery_status
            .get_or_init(|| rfc3464::read(self))
            .clone()
    }

    /// The decoded `Subject`, ASCII-lowercased (empty when absent).
    pub(crate) fn subject_lower(&self) -> &str {
        self.subject_lower.get_or_init(|| {
            self.message
                .header_text("Subject")
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
    }

    /// The decoded `From` header (display name and address), ASCII-lowercased.
    pub(crate) fn sender_lower(&self) -> &str {
        self.sender_lower.get_or_init(|| {
            self.message
                .header_text("From")
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
    }

    /// A header as decoded text.
    pub(crate) fn header(&self, name: &str) -> Option<&'v str> {
        self.message.header_text(name)
    }

    /// True when the message has a header of that name.
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.message.has_header(name)
    }

    /// True when the notice was sent by a mail system account (`MAILER-DAEMON`, `postmaster`,
    /// "Mail Delivery System", …).
    pub(crate) fn is_from_mail_system(&self) -> bool {
        let from = self.sender_lower();
        [
            "mailer-daemon",
            "postmaster",
            "mail delivery",
            "mail.delivery",
            "mailmaster",
            "mail administrator",
        ]
        .iter()
        .any(|account| from.contains(account))
    }
}
