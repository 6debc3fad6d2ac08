//! The MIME view: the only module that touches `mail-parser`.
//!
//! It offers what the rest of the crate needs from a message — header values as decoded text,
//! the leaf parts with their content types and decoded bodies, nested messages — so that moving
//! to another parser (or another major version of this one) changes this module alone.
//!
//! The message is split by [`tree`] without decoding anything; a header value, a body's
//! transfer encoding ([`transfer`]) and its character set are undone when a reader first asks
//! for them. mail-parser reads the fields themselves (addresses, encoded words, content
//! types, dates) and converts character sets.

mod simple_address;
mod transfer;
mod tree;

use std::borrow::Cow;

use mail_parser::parsers::MessageStream;
use mail_parser::{ContentType, HeaderName, HeaderValue};

use crate::Error;
use crate::model::MailDate;
use transfer::to_utf8;
use tree::{Body, Field, Mailbox, PartNode, Tree, name_is};

/// Limits on a message's shape, checked while it is split.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShapeLimits {
    /// Deepest nesting of multiparts and enclosed messages.
    pub(crate) max_depth: usize,
    /// Most parts, enclosed messages' parts included.
    pub(crate) max_parts: usize,
    /// Longest line in any part's header, in bytes.
    pub(crate) max_header_line: usize,
}

/// A part's body once decoded, kept for every later reader.
pub(crate) enum Decoded {
    /// The body as written is what it says (nothing to undo, or valid UTF-8 text).
    AsWritten,
    /// A binary body with its transfer encoding undone.
    Bytes(Vec<u8>),
    /// Text converted to UTF-8.
    Text(String),
}

/// A split message, owning its structure (which borrows the input bytes).
pub(crate) struct MimeView<'x> {
    tree: Tree<'x>,
}

impl<'x> MimeView<'x> {
    /// Splits a whole message. `None` when no header is found.
    #[cfg(test)]
    pub(crate) fn parse(bytes: &'x [u8]) -> Option<Self> {
        tree::build(bytes, None, false)
            .ok()
            .map(|tree| MimeView { tree })
    }

    /// Reads only a header block (e.g. a `text/rfc822-headers` part).
    pub(crate) fn parse_headers(bytes: &'x [u8]) -> Option<Self> {
        tree::build(bytes, None, true)
            .ok()
            .map(|tree| MimeView { tree })
    }

    /// Splits a whole message whose shape stays within `limits`: `Error::NotAMessage` when no
    /// header is found, `Error::LimitExceeded` when it is too deep, has too many parts or too
    /// long a header line. The walk is iterative, so no shape can exhaust the stack.
    pub(crate) fn parse_within(bytes: &'x [u8], limits: &ShapeLimits) -> Result<Self, Error> {
        // The top-level header first, before spending a walk on it.
        if has_line_longer(bytes, limits.max_header_line, true) {
            return Err(Error::LimitExceeded {
                limit: crate::Limit::HeaderLineBytes,
                max: limits.max_header_line,
            });
        }
        tree::build(bytes, Some(limits), false).map(|tree| MimeView { tree })
    }

    /// The message's own headers and parts.
    pub(crate) fn root(&self) -> MessageView<'_, 'x> {
        MessageView {
            tree: &self.tree,
            message: 0,
        }
    }
}

/// True when a line of `bytes` is longer than `max` bytes; with `header_only`, only the lines
/// before the first empty one count. The line ends are found with SIMD; a text no longer than
/// `max` is not scanned at all.
fn has_line_longer(bytes: &[u8], max: usize, header_only: bool) -> bool {
    if bytes.len() <= max {
        return false;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        let len = end - start;
        if header_only && len == 0 {
            return false;
        }
        if len > max {
            return true;
        }
        start = end + 1;
    }
    false
}

/// Runs one of mail-parser's readers. mail-parser promises not to panic; the guard keeps that
/// promise ours whatever happens (a panic reads as nothing found).
pub(crate) fn guarded<T>(read: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok()
}

/// How a header's value is read, by its name (as mail-parser reads each).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// Unstructured text: encoded words decoded.
    Text,
    /// A list of addresses.
    Address,
    /// Message IDs, without their angle brackets.
    Id,
    /// A comma-separated list.
    List,
    /// Anything else: the text as written.
    Raw,
}

/// How the field of that name (as written) is read: known names compared without case and
/// without white space, as mail-parser compares them.
fn value_kind(written: &[u8]) -> ValueKind {
    let mut name = [0u8; 24];
    let mut len = 0;
    for &byte in written.iter().filter(|b| !b.is_ascii_whitespace()) {
        let Some(slot) = name.get_mut(len) else {
            return ValueKind::Raw;
        };
        *slot = byte.to_ascii_lowercase();
        len += 1;
    }
    match name.get(..len).unwrap_or_default() {
        b"subject"
        | b"comments"
        | b"content-description"
        | b"content-location"
        | b"content-transfer-encoding" => ValueKind::Text,
        b"from" | b"to" | b"cc" | b"bcc" | b"reply-to" | b"sender" | b"resent-to"
        | b"resent-from" | b"resent-bcc" | b"resent-cc" | b"resent-sender" | b"list-archive"
        | b"list-help" | b"list-id" | b"list-owner" | b"list-post" | b"list-subscribe"
        | b"list-unsubscribe" => ValueKind::Address,
        b"message-id" | b"references" | b"in-reply-to" | b"return-path" | b"resent-message-id"
        | b"content-id" => ValueKind::Id,
        b"keywords" | b"content-language" => ValueKind::List,
        _ => ValueKind::Raw,
    }
}

/// A header's name as mail-parser names it: a known header by its usual spelling, any other
/// as written.
fn header_name(written: &str) -> HeaderName<'_> {
    let compact: String = written
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    match HeaderName::parse(compact) {
        Some(HeaderName::Other(_)) | None => HeaderName::Other(Cow::Borrowed(written)),
        Some(known) => known.into_owned(),
    }
}

/// A borrowed view of one message: the top-level one, or one enclosed in a `message/rfc822`
/// part.
#[derive(Clone, Copy)]
pub(crate) struct MessageView<'a, 'x> {
    tree: &'a Tree<'x>,
    message: usize,
}

impl<'a, 'x> MessageView<'a, 'x> {
    fn root_part(&self) -> Option<&'a PartNode<'x>> {
        let first = *self.tree.messages.get(self.message)?.parts.first()?;
        self.tree.parts.get(first)
    }

    /// The root part's fields with their buffer.
    fn fields(&self) -> (&'a [Field], &'a [u8]) {
        match self.root_part() {
            Some(node) => (node.headers.as_slice(), self.tree.buffer_of(node)),
            None => (&[], &[]),
        }
    }

    fn first_field(&self, name: &str) -> Option<(&'a Field, &'a [u8])> {
        let (fields, bytes) = self.fields();
        let field = fields
            .iter()
            .find(|f| name_is(bytes.get(f.name.clone()).unwrap_or_default(), name))?;
        Some((field, bytes))
    }

    /// The first header of that name, as decoded text (RFC 2047 words decoded, lines unfolded).
    pub(crate) fn header_text(&self, name: &str) -> Option<&'a str> {
        let (field, bytes) = self.first_field(name)?;
        decoded(field, bytes).as_deref()
    }

    /// Every header, in order, as `(name, decoded text)`; at most `limit` of them.
    pub(crate) fn all_headers(&self, limit: usize) -> Vec<(String, String)> {
        let (fields, bytes) = self.fields();
        fields
            .iter()
            .take(limit)
            .map(|field| {
                let written = lossy_utf8(bytes.get(field.name.clone()).unwrap_or_default());
                let name = header_name(&written).as_str().to_string();
                (name, decoded(field, bytes).clone().unwrap_or_default())
            })
            .collect()
    }

    /// The raw header block, from the start of the header to the end of the empty line that
    /// closes it (or to the end of the text, when nothing closes it): what
    /// [`MimeView::parse_headers`] reads back into the same headers. `None` when the message
    /// has no header.
    pub(crate) fn header_block(&self) -> Option<&'a [u8]> {
        let node = self.root_part()?;
        if node.headers.is_empty() {
            return None;
        }
        self.tree.buffer_of(node).get(node.header.clone())
    }

    /// The first header of that name exactly as written (still folded and encoded), trimmed.
    pub(crate) fn header_raw(&self, name: &str) -> Option<&'a str> {
        let (field, bytes) = self.first_field(name)?;
        let value = bytes.get(field.value.clone())?;
        std::str::from_utf8(value).ok().map(str::trim)
    }

    /// Every header of that name exactly as written (still folded and encoded), trimmed, in
    /// order from the top.
    pub(crate) fn header_raw_all(&self, name: &str) -> Vec<&'a str> {
        let (fields, bytes) = self.fields();
        fields
            .iter()
            .filter(|f| name_is(bytes.get(f.name.clone()).unwrap_or_default(), name))
            .filter_map(|f| bytes.get(f.value.clone()))
            .filter_map(|value| std::str::from_utf8(value).ok())
            .map(str::trim)
            .collect()
    }

    /// The addresses of the first header of that name, when it is an address header.
    fn mailboxes(&self, name: &str) -> &'a [Mailbox] {
        let Some((field, bytes)) = self.first_field(name) else {
            return &[];
        };
        let name = bytes.get(field.name.clone()).unwrap_or_default();
        if value_kind(name) != ValueKind::Address {
            return &[];
        }
        field_mailboxes(field, bytes).as_deref().unwrap_or_default()
    }

    /// The display name of the first address of an address header, decoded.
    pub(crate) fn display_name(&self, name: &str) -> Option<String> {
        let (display, _) = self.mailboxes(name).first()?;
        display.as_deref().map(unfold).filter(|n| !n.is_empty())
    }

    /// True when the message has a header of that name.
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.first_field(name).is_some()
    }

    /// The bare addresses of an address header (`From`, `To`, …), in order.
    pub(crate) fn addresses(&self, name: &str) -> Vec<String> {
        self.mailboxes(name)
            .iter()
            .filter_map(|(_, address)| address.as_deref())
            .filter(|a| a.contains('@'))
            .map(str::to_string)
            .collect()
    }

    /// A date header, with its timestamp when it parses.
    pub(crate) fn date(&self, name: &str) -> Option<MailDate> {
        self.header_raw(name).map(parse_date)
    }

    /// The `Message-ID`, without angle brackets.
    pub(crate) fn message_id(&self) -> Option<String> {
        let raw = self.header_raw("Message-ID")?;
        let id = raw
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim();
        (!id.is_empty()).then(|| id.to_string())
    }

    /// A parameter of the top-level content type (e.g. `report-type`), lowercase.
    pub(crate) fn content_type_param(&self, name: &str) -> Option<String> {
        let value = self.root_part()?.content_type.as_ref()?.attribute(name)?;
        Some(value.trim().to_ascii_lowercase())
    }

    /// The leaf parts of this message, in order (multipart containers are left out; an
    /// enclosed message is one leaf whose [`Part::message`] opens it).
    pub(crate) fn parts(&self) -> impl Iterator<Item = Part<'a, 'x>> + 'a {
        let tree = self.tree;
        self.tree
            .messages
            .get(self.message)
            .map(|m| m.parts.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(move |&index| Some((index, tree.parts.get(index)?)))
            .filter(|(_, node)| node.kind != Body::Multipart)
            .map(move |(index, _)| Part { tree, index })
    }

    /// The message's text as a person would read it: its text parts in order, HTML parts
    /// turned into text when there is no plain part to read. Enclosed messages are left out.
    pub(crate) fn readable_text(&self) -> String {
        let mut out = String::new();
        let has_plain = self.parts().any(|part| part.is_inline_plain());
        for part in self.parts() {
            let content_type = part.content_type();
            let text = match part.node().map(|n| n.kind) {
                Some(Body::Text) if content_type.starts_with("text/plain") => part.text(),
                // A multipart part that arrives as a leaf lost its boundary; its raw text is
                // still the best reading of what it holds.
                _ if content_type.starts_with("multipart/") => part.text(),
                Some(Body::Html) if !has_plain => {
                    Cow::Owned(crate::html::html_to_text(&part.text()))
                }
                _ => continue,
            };
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&text);
        }
        out
    }
}

/// The addresses of an address field, read once and kept (by the simple reader when it can,
/// else by mail-parser's); `None` when the value holds none.
fn field_mailboxes<'f>(field: &'f Field, bytes: &[u8]) -> &'f Option<Vec<Mailbox>> {
    field.mailboxes.get_or_init(|| {
        let value = bytes.get(field.value.clone()).unwrap_or_default();
        let list = match simple_address::read(value) {
            Some(simple) => simple,
            None => match guarded(|| MessageStream::new(value).parse_address()) {
                Some(HeaderValue::Address(address)) => {
                    return Some(
                        address
                            .iter()
                            .map(|a| {
                                (
                                    a.name().map(str::to_string),
                                    a.address().map(str::to_string),
                                )
                            })
                            .collect(),
                    );
                }
                _ => return None,
            },
        };
        // The simple reader finds none exactly where mail-parser finds no address value.
        (!list.is_empty()).then_some(list)
    })
}

/// One header's value as decoded, unfolded text; `None` when empty. Read once, then kept.
fn decoded<'f>(field: &'f Field, bytes: &[u8]) -> &'f Option<String> {
    field.text.get_or_init(|| {
        let value = bytes.get(field.value.clone())?;
        let name = bytes.get(field.name.clone()).unwrap_or_default();
        match value_kind(name) {
            // Written as `Name <address>` for each, from the addresses the field is read into.
            ValueKind::Address => match field_mailboxes(field, bytes) {
                Some(list) => {
                    let text = unfold(&written_mailboxes(list));
                    (!text.is_empty()).then_some(text)
                }
                None => read_value(value, ValueKind::Raw),
            },
            kind => read_value(value, kind),
        }
    })
}

/// Mailboxes written back as mail-parser's address value reads: `Name <address>` for each,
/// or whichever of the two there is, joined by commas.
fn written_mailboxes(list: &[Mailbox]) -> String {
    let mut out = String::new();
    for (i, mailbox) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match mailbox {
            (Some(name), Some(address)) => {
                out.push_str(name);
                out.push_str(" <");
                out.push_str(address);
                out.push('>');
            }
            (None, Some(text)) | (Some(text), None) => out.push_str(text),
            (None, None) => {}
        }
    }
    out
}

/// Reads a header value of that kind as decoded, unfolded text; `None` when empty.
fn read_value(value: &[u8], kind: ValueKind) -> Option<String> {
    let parsed = guarded(|| {
        let mut stream = MessageStream::new(value);
        match kind {
            ValueKind::Text => stream.parse_unstructured(),
            ValueKind::Id => stream.parse_id(),
            ValueKind::List => stream.parse_comma_separared(),
            // Address fields are read by `field_mailboxes`.
            ValueKind::Address | ValueKind::Raw => HeaderValue::Empty,
        }
    })
    .unwrap_or(HeaderValue::Empty);
    let text: Cow<'_, str> = match parsed {
        HeaderValue::Text(t) => t,
        HeaderValue::TextList(list) => Cow::Owned(list.join(", ")),
        _ => lossy_utf8(value),
    };
    let text = unfold(&text);
    (!text.is_empty()).then_some(text)
}

/// One leaf part of a message.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a, 'x> {
    tree: &'a Tree<'x>,
    index: usize,
}

impl<'a, 'x> Part<'a, 'x> {
    fn node(&self) -> Option<&'a PartNode<'x>> {
        self.tree.parts.get(self.index)
    }

    /// The body as written, before any decoding.
    fn written(&self, node: &PartNode<'x>) -> &'a [u8] {
        self.tree
            .buffer_of(node)
            .get(node.body.clone())
            .unwrap_or_default()
    }

    /// The enclosed message's text: its part's body, or the whole decoded text of an encoded
    /// one.
    fn enclosed_source(&self, node: &PartNode<'x>, message: usize) -> &'a [u8] {
        let root = self
            .tree
            .messages
            .get(message)
            .and_then(|m| m.parts.first())
            .and_then(|&p| self.tree.parts.get(p));
        match root {
            Some(root) if root.buffer != node.buffer => self.tree.buffer_of(root),
            _ => self.written(node),
        }
    }

    /// The decoded body, decoded on first use.
    fn decoded(&self, node: &'a PartNode<'x>) -> &'a Decoded {
        node.decoded.get_or_init(|| {
            let written = self.written(node);
            // A body ended by a boundary on the next line ends a line.
            let ends_line = matches!(
                self.tree.buffer_of(node).get(node.body.end),
                Some(b'\r' | b'\n')
            );
            // A body that is not valid in its encoding is kept as written.
            let body = node
                .encoding
                .decode(written, ends_line)
                .unwrap_or(Cow::Borrowed(written));
            match node.kind {
                Body::Text | Body::Html => {
                    let charset = node
                        .content_type
                        .as_ref()
                        .and_then(|ct| ct.attribute("charset"));
                    match to_utf8(body, charset) {
                        Cow::Borrowed(_) => Decoded::AsWritten,
                        Cow::Owned(text) => Decoded::Text(text),
                    }
                }
                Body::Binary => match body {
                    Cow::Borrowed(_) => Decoded::AsWritten,
                    Cow::Owned(bytes) => Decoded::Bytes(bytes),
                },
                Body::Multipart | Body::Message(_) => Decoded::AsWritten,
            }
        })
    }

    /// The part's content type, lowercase `type/subtype` (`text/plain` when absent).
    pub(crate) fn content_type(&self) -> &'a str {
        self.node().map_or("text/plain", |n| n.mime_type.as_str())
    }

    /// False for an enclosed message and for a part whose type says it holds data, not words
    /// (`image/*`, `audio/*`, `video/*`, `application/*`): readers that look through the
    /// parts for a notice's words skip those, so an attachment is never decoded for them.
    pub(crate) fn may_hold_text(&self) -> bool {
        let data = ["image/", "audio/", "video/", "application/"];
        self.message().is_none() && !data.iter().any(|t| self.content_type().starts_with(t))
    }

    /// True for a text/plain part shown inline: one that stands as the message's plain text.
    fn is_inline_plain(&self) -> bool {
        let Some(node) = self.node() else {
            return false;
        };
        let plain = node
            .content_type
            .as_ref()
            .is_none_or(|ct| ct.ctype() == "text" && ct.subtype() == Some("plain"));
        let attached = node
            .disposition
            .as_ref()
            .is_some_and(ContentType::is_attachment);
        node.kind == Body::Text && plain && !attached
    }

    /// The decoded body as bytes: text as UTF-8, a binary body as decoded, an enclosed message
    /// as its source. For looking for ASCII markers before paying for [`Part::text`]'s
    /// conversion of a binary body.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        let Some(node) = self.node() else {
            return &[];
        };
        match node.kind {
            Body::Multipart => &[],
            Body::Message(message) => self.enclosed_source(node, message),
            _ => match self.decoded(node) {
                Decoded::AsWritten => self.written(node),
                Decoded::Bytes(bytes) => bytes,
                Decoded::Text(text) => text.as_bytes(),
            },
        }
    }

    /// The decoded body as text (UTF-8, charset converted); bytes are read as UTF-8, lossily.
    pub(crate) fn text(&self) -> Cow<'a, str> {
        let Some(node) = self.node() else {
            return Cow::Borrowed("");
        };
        match node.kind {
            Body::Multipart => Cow::Borrowed(""),
            Body::Message(message) => lossy_utf8(self.enclosed_source(node, message)),
            _ => match self.decoded(node) {
                Decoded::AsWritten => lossy_utf8(self.written(node)),
                Decoded::Bytes(bytes) => lossy_utf8(bytes),
                Decoded::Text(text) => Cow::Borrowed(text),
            },
        }
    }

    /// The file name the part gives itself (`Content-Disposition` `filename`, or the
    /// `Content-Type` `name`), when it has one.
    pub(crate) fn file_name(&self) -> Option<&'a str> {
        let node = self.node()?;
        node.disposition
            .as_ref()
            .and_then(|cd| cd.attribute("filename"))
            .or_else(|| node.content_type.as_ref()?.attribute("name"))
    }

    /// The enclosed message of a `message/rfc822` (or `message/global`) part.
    pub(crate) fn message(&self) -> Option<MessageView<'a, 'x>> {
        match self.node()?.kind {
            Body::Message(message) => Some(MessageView {
                tree: self.tree,
                message,
            }),
            _ => None,
        }
    }
}

/// A content type as lowercase `type/subtype`; `text/plain` when there is none.
pub(crate) fn content_type_of(content_type: Option<&ContentType<'_>>) -> String {
    match content_type {
        Some(ct) => {
            let (kind, subtype) = (ct.ctype().trim(), ct.subtype().unwrap_or_default().trim());
            let mut s = String::with_capacity(kind.len() + 1 + subtype.len());
            s.push_str(kind);
            s.push('/');
            s.push_str(subtype);
            s.make_ascii_lowercase();
            s
        }
        None => "text/plain".to_string(),
    }
}

/// `bytes` as UTF-8, invalid sequences replaced (as [`String::from_utf8_lossy`] does): valid
/// text, the common case, is checked by the faster validator and borrowed.
fn lossy_utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Reads an RFC 5322 date; the text is kept whether or not it parses.
pub(crate) fn parse_date(text: &str) -> MailDate {
    let text = unfold(text);
    let timestamp = guarded(|| mail_parser::DateTime::parse_rfc822(&text))
        .flatten()
        .filter(mail_parser::DateTime::is_valid)
        .map(|d| d.to_timestamp());
    MailDate { text, timestamp }
}

/// Joins folded lines and collapses runs of white space into single spaces.
pub(crate) fn unfold(text: &str) -> String {
    // Most values are one line, perhaps with white space around it (a raw header value).
    let trimmed = text.trim_ascii();
    if is_unfolded(trimmed) {
        return trimmed.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut add = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    if trimmed.is_ascii() {
        // Only ASCII white space to split at: runs of bytes are copied whole.
        let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let mut rest = trimmed;
        while let Some(start) = rest.bytes().position(|b| !is_space(b)) {
            let word = rest.get(start..).unwrap_or_default();
            let end = word.bytes().position(is_space).unwrap_or(word.len());
            add(word.get(..end).unwrap_or_default());
            rest = word.get(end..).unwrap_or_default();
        }
    } else {
        text.split_whitespace().for_each(add);
    }
    out
}

/// True when [`unfold`] would return `text` unchanged: ASCII, with no white space but single
/// spaces between words (most header values and diagnostics), checked in one pass.
fn is_unfolded(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Without an early exit the byte test compiles to SIMD; the double space is searched
    // for with SIMD too.
    let other_space = bytes.iter().fold(false, |found, &b| {
        found | matches!(b, b'\t'..=b'\r' | 0x80..)
    });
    !other_space
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && memchr::memmem::find(bytes, b"  ").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n\
To: sender@example.com\n\
Subject: =?UTF-8?Q?Undelivered_=C3=A9?=\n\
Date: Tue, 3 Mar 2026 10:00:00 +0000\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\
\n\
--b1\n\
Content-Type: text/plain; charset=utf-8\n\
\n\
Your message could not be delivered.\n\
--b1\n\
Content-Type: message/delivery-status\n\
\n\
Reporting-MTA: dns; mx.example.org\n\
\n\
Final-Recipient: rfc822; user@example.net\n\
Action: failed\n\
Status: 5.1.1\n\
--b1\n\
Content-Type: text/rfc822-headers\n\
\n\
Message-ID: <abc@example.com>\n\
Subject: hello\n\
--b1--\n";

    #[test]
    fn an_unreadable_date_does_not_swallow_the_next_header() {
        let raw = b"Date: Mon, 21 Apr 2008 05:34:45 UT\nFrom: Ann <ann@example.jp>\n\
Subject: hello\n\nbody\n";
        let view = MimeView::parse(raw).unwrap();
        let root = view.root();
        assert_eq!(root.addresses("From"), ["ann@example.jp"]);
        assert_eq!(
            root.date("Date").map(|d| d.text).as_deref(),
            Some("Mon, 21 Apr 2008 05:34:45 UT")
        );
    }

    #[test]
    fn reads_headers_and_parts() {
        let view = MimeView::parse(SAMPLE).unwrap();
        let root = view.root();
        assert_eq!(root.header_text("subject"), Some("Undelivered é"));
        assert_eq!(root.addresses("From"), vec!["MAILER-DAEMON@mx.example.org"]);
        assert_eq!(
            root.content_type_param("report-type").as_deref(),
            Some("delivery-status")
        );
        assert_eq!(root.date("Date").unwrap().timestamp, Some(1_772_532_000));
        let types: Vec<&str> = root.parts().map(|p| p.content_type()).collect();
        assert_eq!(
            types,
            [
                "text/plain",
                "message/delivery-status",
                "text/rfc822-headers"
            ]
        );
        let dsn = root.parts().nth(1).unwrap();
        assert!(dsn.text().contains("Status: 5.1.1"));
        assert!(root.readable_text().starts_with("Your message could not"));
    }

    #[test]
    fn decodes_japanese_charsets() {
        // "配信" in ISO-2022-JP (subject, encoded word) and Shift_JIS (body).
        let mut raw = b"From: a@example.jp\nSubject: =?ISO-2022-JP?B?GyRCR1s/LhsoQg==?=\n\
Content-Type: text/plain; charset=Shift_JIS\n\n"
            .to_vec();
        raw.extend_from_slice(&[0x94, 0x7a, 0x90, 0x4d, b'\n']);
        let view = MimeView::parse(&raw).unwrap();
        assert_eq!(view.root().header_text("Subject"), Some("\u{914d}\u{4fe1}"));
        assert_eq!(view.root().readable_text().trim(), "\u{914d}\u{4fe1}");
    }

    #[test]
    fn address_fields_read_as_text_the_way_mail_parser_writes_them() {
        let raw = b"From: \"Mail Delivery System\" <MAILER-DAEMON@mx.example.org>\n\
To: undisclosed-recipients:;\nCc: <>\nReply-To: a@example.org, Bob <b@example.org>\n\n";
        let view = MimeView::parse(raw).unwrap();
        let root = view.root();
        assert_eq!(
            root.header_text("From"),
            Some("Mail Delivery System <MAILER-DAEMON@mx.example.org>")
        );
        // A group without addresses reads as nothing; a field with no address value as written.
        assert_eq!(root.header_text("To"), None);
        assert_eq!(root.header_text("Cc"), Some("<>"));
        assert_eq!(
            root.header_text("Reply-To"),
            Some("a@example.org, Bob <b@example.org>")
        );
        assert_eq!(
            root.addresses("Reply-To"),
            ["a@example.org", "b@example.org"]
        );
        assert_eq!(
            root.display_name("From").as_deref(),
            Some("Mail Delivery System")
        );
    }

    #[test]
    fn no_header_is_no_message() {
        assert!(MimeView::parse(b"\n\njust text").is_none());
    }

    #[test]
    fn unfolds_white_space() {
        assert_eq!(unfold(" a\n\t b  c "), "a b c");
        for text in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\u{a0}b", "a\x0bb", "\u{e9} b",
        ] {
            let slow = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(unfold(text), slow, "{text:?}");
        }
    }
}

/// Our split against mail-parser's own parse of the same message: the same leaf parts, with
/// the same content types and bodies, and the same enclosed messages.
#[cfg(test)]
mod same_split_as_mail_parser {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders, PartType};

    /// One leaf as both sides see it: content type, and body text (a binary body as UTF-8,
    /// lossily; an enclosed message as its subject and leaves, flattened).
    fn ours(view: MessageView<'_, '_>, out: &mut Vec<String>) {
        for part in view.parts() {
            out.push(part.content_type().to_string());
            match part.message() {
                Some(nested) => {
                    out.push(format!("message: {:?}", nested.header_text("Subject")));
                    ours(nested, out);
                }
                None => out.push(part.text().into_owned()),
            }
        }
    }

    fn theirs(message: &mail_parser::Message<'_>, out: &mut Vec<String>) {
        for part in &message.parts {
            let content_type = content_type_of(part.content_type());
            match &part.body {
                PartType::Multipart(_) => continue,
                PartType::Message(nested) => {
                    out.push(content_type);
                    let subject = nested.parts.first().and_then(|p| {
                        p.headers
                            .iter()
                            .find(|h| h.name().eq_ignore_ascii_case("subject"))
                            .and_then(|h| h.value().as_text())
                            .map(unfold)
                            .filter(|s| !s.is_empty())
                    });
                    out.push(format!("message: {subject:?}"));
                    theirs(nested, out);
                }
                PartType::Text(t) | PartType::Html(t) => {
                    out.push(content_type);
                    out.push(t.to_string());
                }
                PartType::Binary(b) | PartType::InlineBinary(b) => {
                    out.push(content_type);
                    out.push(String::from_utf8_lossy(b).into_owned());
                }
            }
        }
    }

    fn compare(raw: &[u8]) -> Result<(), String> {
        // Dates read raw: mail-parser's date reader runs past a field it cannot read (`… UT`)
        // and swallows the line after it, which is why ours never used it.
        let parser = MessageParser::new()
            .with_mime_headers()
            .header_text(HeaderName::Subject);
        let theirs_parsed = parser.parse(raw);
        let ours_parsed = MimeView::parse(raw);
        match (&theirs_parsed, &ours_parsed) {
            (Some(t), Some(o)) => {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                theirs(t, &mut a);
                ours(o.root(), &mut b);
                if a == b {
                    Ok(())
                } else {
                    let at = a
                        .iter()
                        .zip(&b)
                        .position(|(x, y)| x != y)
                        .unwrap_or(a.len().min(b.len()));
                    Err(format!("differ at {at}: {:?} / {:?}", a.get(at), b.get(at)))
                }
            }
            (None, None) => Ok(()),
            // mail-parser keeps a message whose first line is empty; we do not.
            (Some(t), None) if t.parts.first().is_some_and(|p| p.headers.is_empty()) => Ok(()),
            _ => Err(format!(
                "one side found no message: mail-parser {}, ours {}",
                theirs_parsed.is_some(),
                ours_parsed.is_some()
            )),
        }
    }

    const SHAPES: &[&str] = &[
        // A report with an enclosed message and an HTML twin.
        "From: a@example.org\nSubject: report\nContent-Type: multipart/report; boundary=\"b\"\n\n--b\nContent-Type: multipart/alternative; boundary=c\n\n--c\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 =\nau lait\n--c\nContent-Type: text/html\n\n<p>hi</p>\n--c--\n--b\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--b\nContent-Type: message/rfc822\n\nSubject: original\nContent-Type: multipart/mixed; boundary=d\n\n--d\nContent-Type: text/plain\n\nhello\n--d\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0x\n--d--\n--b--\n",
        // A boundary that never comes, a CRLF message, a multipart with no boundary parameter.
        "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nno end\r\n",
        "From: a@example.org\nContent-Type: multipart/mixed\n\nplain body\n",
        // An enclosed message with no header, one that is never closed, an encoded one.
        "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n\nbody only\n--b--\n",
        "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nSubject: open\n\nnever closed\n",
        "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogaW5uZXIKCmhlbGxvCg==\n--b--\n",
        // A digest (its parts default to messages), white space in a field name, a bad escape.
        "From: a@example.org\nContent-Type: multipart/digest; boundary=g\n\n--g\n\nSubject: one\n\nfirst\n--g\n\nSubject: two\n\nsecond\n--g--\n",
        "From: a@example.org\nContent - Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\na==b\n",
        // Boundaries not at a line start, text before the first one, an epilogue.
        "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"q\"\n\npreamble--q\nContent-Type: text/plain\n\none--q\n\ntwo\n--q--\nepilogue\n",
        // A header with no body, and a header whose block is never closed.
        "From: a@example.org\nSubject: alone\n\n",
        "From: a@example.org\nSubject: unclosed",
    ];

    #[test]
    fn on_every_shape() {
        for shape in SHAPES {
            assert_eq!(compare(shape.as_bytes()), Ok(()), "{shape:?}");
        }
    }

    /// Run by hand over a directory of messages: `MAILBOUNCE_SPLIT_DIR=dir cargo test ...`.
    #[test]
    fn on_a_directory_when_asked() {
        let Some(dir) = std::env::var_os("MAILBOUNCE_SPLIT_DIR") else {
            return;
        };
        let mut failures = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let raw = std::fs::read(&path).unwrap();
            if let Err(why) = compare(&raw) {
                failures.push(format!("{}: {why}", path.display()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
