//! The MIME view: the only module that touches `mail-parser`.
//!
//! It offers what the rest of the crate needs from a message — header values as decoded text,
//! the leaf parts with their content types and decoded bodies, nested messages — so that moving
//! to another parser (or another major version of this one) changes this file alone.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{
    HeaderName, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};
use memchr::memmem::Finder;

use crate::model::MailDate;
use crate::{Error, Limit};

/// Limits on a message's shape, checked before the rest of the crate reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShapeLimits {
    /// Deepest nesting of multiparts and enclosed messages.
    pub(crate) max_depth: usize,
    /// Most parts, enclosed messages' parts included.
    pub(crate) max_parts: usize,
    /// Longest line in any part's header, in bytes.
    pub(crate) max_header_line: usize,
}

/// The parser of every message: mail-parser's default reading of each header, except that
/// `Received` and the headers without a parser of their own, whose parsed value nothing here
/// reads, are skipped (and read from the raw text when asked for). Parsing `Received` alone
/// was a sixth of the parser's time.
///
/// Skipping a header ends it where the raw parser ends it, so every later offset stays the
/// same. Dates are skipped too (they are read from the raw text): mail-parser's date parser
/// runs past the end of a field it cannot read (`… UT` followed by the next line) and would
/// swallow the header after it.
static PARSER: LazyLock<MessageParser> = LazyLock::new(|| {
    MessageParser::new()
        .with_mime_headers()
        .header_text(HeaderName::Subject)
        .header_text(HeaderName::Comments)
        .header_address(HeaderName::From)
        .header_address(HeaderName::To)
        .header_address(HeaderName::Cc)
        .header_address(HeaderName::Bcc)
        .header_address(HeaderName::ReplyTo)
        .header_address(HeaderName::Sender)
        .header_address(HeaderName::ResentTo)
        .header_address(HeaderName::ResentFrom)
        .header_address(HeaderName::ResentBcc)
        .header_address(HeaderName::ResentCc)
        .header_address(HeaderName::ResentSender)
        .header_address(HeaderName::ListArchive)
        .header_address(HeaderName::ListHelp)
        .header_address(HeaderName::ListId)
        .header_address(HeaderName::ListOwner)
        .header_address(HeaderName::ListPost)
        .header_address(HeaderName::ListSubscribe)
        .header_address(HeaderName::ListUnsubscribe)
        .header_id(HeaderName::MessageId)
        .header_id(HeaderName::References)
        .header_id(HeaderName::InReplyTo)
        .header_id(HeaderName::ReturnPath)
        .header_id(HeaderName::ResentMessageId)
        .header_comma_separated(HeaderName::Keywords)
        .header_comma_separated(HeaderName::ContentLanguage)
        .default_header_ignore()
});

/// A parsed message, owning the parser's tree (which borrows the input bytes).
pub(crate) struct MimeView<'x> {
    message: Message<'x>,
}

impl<'x> MimeView<'x> {
    /// Parses a whole message. `None` when no header is found, or if the parser fails.
    pub(crate) fn parse(bytes: &'x [u8]) -> Option<Self> {
        Self::guarded(bytes, false)
    }

    /// Parses only a header block (e.g. a `text/rfc822-headers` part).
    pub(crate) fn parse_headers(bytes: &'x [u8]) -> Option<Self> {
        Self::guarded(bytes, true)
    }

    /// Parses a whole message whose shape stays within `limits`: `Error::NotAMessage` when no
    /// header is found, `Error::LimitExceeded` when it is too deep, has too many parts or too
    /// long a header line.
    ///
    /// mail-parser builds nested messages iteratively, except that it parses the body of a
    /// base64 or quoted-printable encoded `message/*` part by recursion, and copies and drops
    /// nested messages by recursion. So encoded enclosed messages are measured before the real
    /// parse, and the tree is taken apart iteratively ([`MimeView`]'s `Drop`).
    pub(crate) fn parse_within(bytes: &'x [u8], limits: &ShapeLimits) -> Result<Self, Error> {
        // The top-level header first, before spending a parse on it.
        if has_line_longer(bytes, limits.max_header_line, true) {
            return Err(Error::LimitExceeded {
                limit: Limit::HeaderLineBytes,
                max: limits.max_header_line,
            });
        }
        if bytes.len() > NESTING_SAFE_SIZE && may_hide_nesting(bytes) {
            check_encoded_messages(bytes, limits)?;
        }
        let view = Self::parse(bytes).ok_or(Error::NotAMessage)?;
        check_shape(&view.message, 0, &mut 0, limits, None)?;
        Ok(view)
    }

    fn guarded(bytes: &'x [u8], headers_only: bool) -> Option<Self> {
        // The parser promises not to panic; the guard keeps that promise ours whatever happens.
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            let parser = &*PARSER;
            if headers_only {
                parser.parse_headers(bytes)
            } else {
                parser.parse(bytes)
            }
        }));
        let message = parsed.ok().flatten()?;
        let has_headers = message.parts.first().is_some_and(|p| !p.headers.is_empty());
        has_headers.then_some(MimeView { message })
    }

    /// The message's own headers and parts.
    pub(crate) fn root(&self) -> MessageView<'_, 'x> {
        MessageView {
            message: &self.message,
        }
    }
}

impl Drop for MimeView<'_> {
    fn drop(&mut self) {
        dismantle(std::mem::take(&mut self.message.parts));
    }
}

/// Drops a tree of parts without recursion: the derived drop of mail-parser's types recurses
/// once per enclosed message and would overflow the stack on a deeply nested one.
fn dismantle(parts: Vec<MessagePart<'_>>) {
    let mut pending = vec![parts];
    while let Some(mut parts) = pending.pop() {
        for part in &mut parts {
            if let PartType::Message(nested) = &mut part.body {
                pending.push(std::mem::take(&mut nested.parts));
            }
        }
    }
}

/// The largest input whose encoded enclosed messages are opened without measuring them
/// first. Each level of nesting takes at least 28 bytes (`Content-Type:message/rfc822` and a
/// line end), and a decoded layer is never longer than its input, so mail-parser's recursion
/// stays under 8 KiB / 28 ≈ 290 levels here: a test parses the deepest such input on a thread
/// with a 512 KiB stack (2 MiB in a debug build). The shape is still checked against the
/// limits after the parse. Most bounces are this small, and skip the measuring parse.
pub(crate) const NESTING_SAFE_SIZE: usize = 8 * 1024;

/// True when `bytes` may hold an encoded enclosed message, whose body mail-parser parses by
/// recursion. mail-parser opens one for a part whose own header gives a message type
/// (`message/rfc822` or `message/global`) and a base64 or quoted-printable transfer encoding
/// (possibly as an encoded word), or for an encoded part of a `digest`, whose parts default
/// to messages. A part's header never spans an empty line, so it is enough to look, around
/// each `Content-Transfer-Encoding`, at the run of non-empty lines that holds it (which may
/// be more than the header, never less). Plain messages and the usual bounce, whose only
/// encoded parts are text or attachments, skip the measuring pass.
pub(crate) fn may_hide_nesting(bytes: &[u8]) -> bool {
    // A lowercased copy searched with SIMD costs a tenth of a case-insensitive search.
    static TYPES: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| [b"rfc822", b"global", b"digest"].map(|w| Finder::new(w).into_owned()));
    static ENCODINGS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
        [&b"base64"[..], b"quoted-printable", b"=?"].map(|w| Finder::new(w).into_owned())
    });
    static DIGEST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"digest"));
    static FIELD: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new(b"content-transfer-encoding"));
    let lower = bytes.to_ascii_lowercase();
    let found_in = |text: &[u8], words: &[Finder<'_>]| words.iter().any(|w| w.find(text).is_some());
    if !(found_in(&lower, &*TYPES) && found_in(&lower, &*ENCODINGS)) {
        return false;
    }
    if DIGEST.find(&lower).is_some() {
        return true;
    }
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|rest| FIELD.find(rest)) {
        let at = from + at;
        let (start, end) = line_run_around(&lower, at);
        let run = lower.get(start..end).unwrap_or_default();
        if names_message_type(run) && found_in(run, &*ENCODINGS) {
            return true;
        }
        from = end.max(at + 1);
    }
    false
}

/// True when mail-parser, parsing `bytes`, opens an encoded part as an enclosed message: what
/// [`may_hide_nesting`] must never miss. For the fuzz target that checks it, on inputs small
/// enough to parse unguarded.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn opens_encoded_message(bytes: &[u8]) -> bool {
    let Some(view) = MimeView::parse(bytes) else {
        return false;
    };
    let mut pending = vec![&view.message];
    while let Some(message) = pending.pop() {
        for part in &message.parts {
            if let PartType::Message(nested) = &part.body {
                if part.encoding != mail_parser::Encoding::None {
                    return true;
                }
                pending.push(nested);
            }
        }
    }
    false
}

/// The bounds of the run of non-empty lines of `text` that holds the byte at `at`: from the
/// line after the empty line before it (or the start) to the empty line after it (or the
/// end). A line is empty when it holds nothing but its line end (`\n` or `\r\n`). Walks
/// line by line, so the cost is the length of the run.
fn line_run_around(text: &[u8], at: usize) -> (usize, usize) {
    let is_empty = |line: &[u8]| line.is_empty() || line == b"\r";
    let line_start = |end: usize| {
        memchr::memrchr(b'\n', text.get(..end).unwrap_or_default()).map_or(0, |p| p + 1)
    };
    let mut start = line_start(at);
    while start > 0 {
        let previous = line_start(start - 1);
        if is_empty(text.get(previous..start - 1).unwrap_or_default()) {
            break;
        }
        start = previous;
    }
    let mut end = start;
    while end < text.len() {
        let rest = text.get(end..).unwrap_or_default();
        let line_end = memchr::memchr(b'\n', rest).map_or(text.len(), |p| end + p);
        if is_empty(text.get(end..line_end).unwrap_or_default()) {
            break;
        }
        end = line_end + 1;
    }
    (start, end.min(text.len()))
}

/// True when lowercased header text may give a message type: `message` followed, after any
/// white space, by the `/` of its subtype or by a comment.
fn names_message_type(header: &[u8]) -> bool {
    memchr::memmem::find_iter(header, b"message").any(|at| {
        header
            .get(at + b"message".len()..)
            .unwrap_or_default()
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'/' || b == b'(')
    })
}

/// How many layers of encoded messages mail-parser opens (its `MAX_NESTED_ENCODED`).
const ENCODED_LAYERS: usize = 3;

/// Measures the encoded enclosed messages of `bytes` before the real parse, with a parser
/// that decodes nothing (so builds everything iteratively): each encoded `message/*` body is
/// decoded here and measured in turn, as mail-parser would open it, down to its last layer.
fn check_encoded_messages(bytes: &[u8], limits: &ShapeLimits) -> Result<(), Error> {
    // Content types as usual; the transfer encoding read as a date is no encoding at all; the
    // other headers are skipped.
    static MEASURING: LazyLock<MessageParser> = LazyLock::new(|| {
        MessageParser::new()
            .header_content_type(HeaderName::ContentType)
            .header_date(HeaderName::ContentTransferEncoding)
            .default_header_ignore()
    });
    let parser = &*MEASURING;
    let mut parts = 0;
    let mut layers: Vec<(Cow<'_, [u8]>, usize, usize)> = vec![(Cow::Borrowed(bytes), 0, 0)];
    while let Some((layer, depth, level)) = layers.pop() {
        let parsed = catch_unwind(AssertUnwindSafe(|| parser.parse(layer.as_ref())));
        let Some(mut message) = parsed.ok().flatten() else {
            continue;
        };
        let mut encoded = Vec::new();
        let checked = check_shape(&message, depth, &mut parts, limits, Some(&mut encoded));
        dismantle(std::mem::take(&mut message.parts));
        checked?;
        if level < ENCODED_LAYERS {
            layers.extend(
                encoded
                    .into_iter()
                    .map(|(body, depth)| (Cow::Owned(body), depth, level + 1)),
            );
        }
    }
    Ok(())
}

/// Walks a parsed tree without recursion, counting parts into `parts` and failing when it
/// goes over `limits`. With `encoded`, parts that mail-parser would decode and parse as
/// enclosed messages are decoded and pushed on it, with the depth of their content.
fn check_shape(
    message: &Message<'_>,
    depth: usize,
    parts: &mut usize,
    limits: &ShapeLimits,
    mut encoded: Option<&mut Vec<(Vec<u8>, usize)>>,
) -> Result<(), Error> {
    let exceeded = |limit, max| Error::LimitExceeded { limit, max };
    let mut pending = vec![(message, 0usize, depth)];
    while let Some((message, index, depth)) = pending.pop() {
        let Some(part) = message.parts.get(index) else {
            continue;
        };
        *parts += 1;
        if *parts > limits.max_parts {
            return Err(exceeded(Limit::Parts, limits.max_parts));
        }
        if depth > limits.max_depth {
            return Err(exceeded(Limit::MimeDepth, limits.max_depth));
        }
        let raw = message.raw_message.as_ref();
        let header = raw
            .get(part.offset_header as usize..part.offset_body as usize)
            .unwrap_or_default();
        if has_line_longer(header, limits.max_header_line, false) {
            return Err(exceeded(Limit::HeaderLineBytes, limits.max_header_line));
        }
        match &part.body {
            PartType::Multipart(children) => pending.extend(
                children
                    .iter()
                    .filter(|&&child| child as usize > index)
                    .map(|&child| (message, child as usize, depth + 1)),
            ),
            PartType::Message(nested) => pending.push((nested, 0, depth + 1)),
            _ => {}
        }
        if let Some(encoded) = encoded.as_deref_mut()
            && let Some(body) = encoded_message_body(raw, part)
        {
            encoded.push((body, depth + 1));
        }
    }
    Ok(())
}

/// True when a line of `bytes` is longer than `max` bytes; with `header_only`, only the lines
/// before the first empty one count. The line ends are found with SIMD.
fn has_line_longer(bytes: &[u8], max: usize, header_only: bool) -> bool {
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

/// The decoded body of a part that may be an encoded enclosed message (a `message/*` type or
/// none, as in a digest, with a base64 or quoted-printable transfer encoding), read leniently.
fn encoded_message_body(raw: &[u8], part: &MessagePart<'_>) -> Option<Vec<u8>> {
    let maybe_message = part
        .content_type()
        .is_none_or(|ct| ct.ctype().eq_ignore_ascii_case("message"));
    if !maybe_message {
        return None;
    }
    let encoding = part
        .headers
        .iter()
        .find(|h| h.name().eq_ignore_ascii_case("content-transfer-encoding"))
        .and_then(|h| raw.get(h.offset_start() as usize..h.offset_end() as usize))
        .map(|value| String::from_utf8_lossy(value).trim().to_ascii_lowercase())?;
    // A message enclosed without a boundary around it runs to the end (its end offset stays 0).
    let start = part.offset_body as usize;
    let end = match part.offset_end as usize {
        end if end > start => end,
        _ => raw.len(),
    };
    let body = raw.get(start..end)?;
    if encoding.contains("base64") || encoding.contains("=?") {
        // Like mail-parser, skip whatever is not base64.
        let text: Vec<u8> = body
            .iter()
            .copied()
            .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
            .collect();
        let mut decoded = base64_decode(&text[..text.len() / 4 * 4]).unwrap_or_default();
        if encoding.contains("=?") {
            // An encoded word might spell either encoding: measure both readings.
            decoded.extend(quoted_printable_decode(body).unwrap_or_default());
        }
        Some(decoded)
    } else if encoding.contains("quoted") {
        Some(quoted_printable_decode(body).unwrap_or_else(|| body.to_vec()))
    } else {
        None
    }
}

/// A borrowed view of one message: the top-level one, or one nested in a `message/rfc822` part.
#[derive(Clone, Copy)]
pub(crate) struct MessageView<'a, 'x> {
    message: &'a Message<'x>,
}

impl<'a, 'x> MessageView<'a, 'x> {
    fn root_headers(&self) -> &'a [mail_parser::Header<'x>] {
        self.message
            .parts
            .first()
            .map(|p| p.headers.as_slice())
            .unwrap_or_default()
    }

    /// The first header of that name, as decoded text (RFC 2047 words decoded, lines unfolded).
    pub(crate) fn header_text(&self, name: &str) -> Option<String> {
        let header = self
            .root_headers()
            .iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))?;
        self.decoded(header)
    }

    /// Every header, in order, as `(name, decoded text)`; at most `limit` of them.
    pub(crate) fn all_headers(&self, limit: usize) -> Vec<(String, String)> {
        self.root_headers()
            .iter()
            .take(limit)
            .map(|h| {
                let value = self.decoded(h).unwrap_or_default();
                (h.name().to_string(), value)
            })
            .collect()
    }

    /// The raw header block, from the start of the header to the end of the empty line that
    /// closes it (or to the end of the text, when nothing closes it): what
    /// [`MimeView::parse_headers`] reads back into the same headers. `None` when the message
    /// has no header.
    pub(crate) fn header_block(&self) -> Option<&'a [u8]> {
        let part = self.message.parts.first()?;
        if part.headers.is_empty() {
            return None;
        }
        let raw: &'a [u8] = self.message.raw_message.as_ref();
        raw.get(part.offset_header as usize..part.offset_body as usize)
    }

    /// One header's value as decoded, unfolded text; `None` when empty.
    fn decoded(&self, header: &mail_parser::Header<'x>) -> Option<String> {
        let text: Cow<'_, str> = match header.value() {
            HeaderValue::Text(t) => Cow::Borrowed(t),
            HeaderValue::TextList(list) => Cow::Owned(list.join(", ")),
            HeaderValue::Address(address) => {
                // `Name <address>` for each, joined by commas, written into one String.
                let mut out = String::new();
                for (i, a) in address.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match (a.name(), a.address()) {
                        (Some(n), Some(addr)) => {
                            out.push_str(n);
                            out.push_str(" <");
                            out.push_str(addr);
                            out.push('>');
                        }
                        (None, Some(text)) | (Some(text), None) => out.push_str(text),
                        (None, None) => {}
                    }
                }
                out.into()
            }
            _ => {
                let raw = self.message.raw_message.as_ref();
                let bytes =
                    raw.get(header.offset_start() as usize..header.offset_end() as usize)?;
                lossy_utf8(bytes)
            }
        };
        let text = unfold(&text);
        (!text.is_empty()).then_some(text)
    }

    /// The first header of that name exactly as written (still folded and encoded), trimmed.
    pub(crate) fn header_raw(&self, name: &str) -> Option<&'a str> {
        let raw = self.message.raw_message.as_ref();
        let header = self
            .root_headers()
            .iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))?;
        let start = header.offset_start() as usize;
        let end = header.offset_end() as usize;
        let bytes = raw.get(start..end)?;
        std::str::from_utf8(bytes).ok().map(str::trim)
    }

    /// Every header of that name exactly as written (still folded and encoded), trimmed, in
    /// order from the top.
    pub(crate) fn header_raw_all(&self, name: &str) -> Vec<&'a str> {
        let raw = self.message.raw_message.as_ref();
        self.root_headers()
            .iter()
            .filter(|h| h.name().eq_ignore_ascii_case(name))
            .filter_map(|h| raw.get(h.offset_start() as usize..h.offset_end() as usize))
            .filter_map(|bytes| std::str::from_utf8(bytes).ok())
            .map(str::trim)
            .collect()
    }

    /// The display name of the first address of an address header, decoded.
    pub(crate) fn display_name(&self, name: &str) -> Option<String> {
        let header = self
            .root_headers()
            .iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))?;
        match header.value() {
            HeaderValue::Address(address) => address
                .iter()
                .next()
                .and_then(|a| a.name())
                .map(unfold)
                .filter(|n| !n.is_empty()),
            _ => None,
        }
    }

    /// True when the message has a header of that name.
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.root_headers()
            .iter()
            .any(|h| h.name().eq_ignore_ascii_case(name))
    }

    /// The bare addresses of an address header (`From`, `To`, …), in order.
    pub(crate) fn addresses(&self, name: &str) -> Vec<String> {
        let Some(header) = self
            .root_headers()
            .iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))
        else {
            return Vec::new();
        };
        match header.value() {
            HeaderValue::Address(address) => address
                .iter()
                .filter_map(|a| a.address())
                .filter(|a| a.contains('@'))
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
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
        let part = self.message.parts.first()?;
        let value = part.content_type()?.attribute(name)?;
        Some(value.trim().to_ascii_lowercase())
    }

    /// The leaf parts of this message, in order (multipart containers are left out; a nested
    /// message is one leaf whose [`Part::message`] opens it).
    pub(crate) fn parts(&self) -> impl Iterator<Item = Part<'a, 'x>> + 'a {
        self.message
            .parts
            .iter()
            .filter(|p| !matches!(p.body, PartType::Multipart(_)))
            .map(|part| Part { part })
    }

    /// The message's text as a person would read it: its text parts in order, HTML parts
    /// turned into text when there is no plain twin. Nested messages are left out.
    pub(crate) fn readable_text(&self) -> String {
        let mut out = String::new();
        let has_plain = self.message.text_body.iter().any(|&i| {
            self.message
                .parts
                .get(i as usize)
                .is_some_and(|p| matches!(p.body, PartType::Text(_)))
        });
        for part in self.parts() {
            let content_type = part.content_type();
            let text = match &part.part.body {
                PartType::Text(t) if content_type.starts_with("text/plain") => {
                    Cow::Borrowed(t.as_ref())
                }
                // A multipart part that arrives as a leaf lost its boundary; its raw text is
                // still the best reading of what it holds.
                _ if content_type.starts_with("multipart/") => part.text(),
                PartType::Html(h) if !has_plain => Cow::Owned(crate::html::html_to_text(h)),
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

/// One leaf part of a message.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a, 'x> {
    part: &'a MessagePart<'x>,
}

impl<'a, 'x> Part<'a, 'x> {
    /// The part's content type, lowercase `type/subtype` (`text/plain` when absent).
    pub(crate) fn content_type(&self) -> String {
        content_type_of(self.part)
    }

    /// The decoded body as bytes, without copying: text as UTF-8, a binary body as it is, an
    /// enclosed message as its raw source. For looking for ASCII markers before paying for
    /// [`Part::text`]'s conversion of a binary body.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        match &self.part.body {
            PartType::Text(t) | PartType::Html(t) => t.as_bytes(),
            PartType::Binary(b) | PartType::InlineBinary(b) => b.as_ref(),
            PartType::Message(m) => m.raw_message.as_ref(),
            PartType::Multipart(_) => &[],
        }
    }

    /// The decoded body as text (UTF-8, charset converted); bytes are read as UTF-8, lossily.
    pub(crate) fn text(&self) -> Cow<'a, str> {
        match &self.part.body {
            PartType::Text(t) | PartType::Html(t) => Cow::Borrowed(t.as_ref()),
            PartType::Binary(b) | PartType::InlineBinary(b) => lossy_utf8(b),
            PartType::Message(m) => lossy_utf8(m.raw_message.as_ref()),
            PartType::Multipart(_) => Cow::Borrowed(""),
        }
    }

    /// The file name the part gives itself (`Content-Disposition` `filename`, or the
    /// `Content-Type` `name`), when it has one.
    pub(crate) fn file_name(&self) -> Option<&'a str> {
        self.part.attachment_name()
    }

    /// The nested message of a `message/rfc822` (or `message/global`) part.
    pub(crate) fn message(&self) -> Option<MessageView<'a, 'x>> {
        match &self.part.body {
            PartType::Message(message) => Some(MessageView { message }),
            _ => None,
        }
    }
}

fn content_type_of(part: &MessagePart<'_>) -> String {
    match part.content_type() {
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
    let timestamp = mail_parser::DateTime::parse_rfc822(&text)
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
        assert_eq!(
            root.header_text("subject").as_deref(),
            Some("Undelivered é")
        );
        assert_eq!(root.addresses("From"), vec!["MAILER-DAEMON@mx.example.org"]);
        assert_eq!(
            root.content_type_param("report-type").as_deref(),
            Some("delivery-status")
        );
        assert_eq!(root.date("Date").unwrap().timestamp, Some(1_772_532_000));
        let types: Vec<String> = root.parts().map(|p| p.content_type()).collect();
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
        assert_eq!(
            view.root().header_text("Subject").as_deref(),
            Some("\u{914d}\u{4fe1}")
        );
        assert_eq!(view.root().readable_text().trim(), "\u{914d}\u{4fe1}");
    }

    #[test]
    fn the_measuring_pass_runs_only_where_an_encoded_message_may_be() {
        let head = "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n";
        let cases = [
            // An encoded message part: its header names both.
            (
                "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nQQ==\n",
                true,
            ),
            (
                "Content-Type:\n message / rfc822\nContent-Transfer-Encoding:\n QUOTED-PRINTABLE\n\nx\n",
                true,
            ),
            (
                "Content-Type: message/global\r\nContent-Transfer-Encoding: =?us-ascii?q?base64?=\r\n\r\nQQ==\r\n",
                true,
            ),
            // The returned original with a base64 attachment inside: no encoded message.
            (
                "Content-Type: message/rfc822\n\nSubject: =?utf-8?q?caf=C3=A9?=\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nQQ==\n--c--\n",
                false,
            ),
            (
                "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nQQ==\n--b\nContent-Type: message/rfc822\n\nSubject: hi\n\nhello\n",
                false,
            ),
            // A digest's parts default to messages.
            (
                "Content-Type: multipart/digest; boundary=d\n\n--d\nContent-Transfer-Encoding: base64\n\nQQ==\n--d--\n",
                true,
            ),
        ];
        for (body, expected) in cases {
            let raw = format!("{head}{body}--b--\n");
            assert_eq!(may_hide_nesting(raw.as_bytes()), expected, "{body:?}");
            if !expected {
                assert!(!opens_encoded_message(raw.as_bytes()), "{body:?}");
            }
        }
        let plain = "From: a@example.org\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nRnJvbTogYkBleGFtcGxlLm9yZwoKaGkK\n";
        assert!(opens_encoded_message(plain.as_bytes()));
        assert!(may_hide_nesting(plain.as_bytes()));
    }

    #[test]
    fn a_run_of_lines_ends_at_empty_lines() {
        let text = b"a\nb\n\nc\r\nd\r\n\r\ne";
        assert_eq!(line_run_around(text, 2), (0, 4));
        assert_eq!(line_run_around(text, 6), (5, 11));
        assert_eq!(line_run_around(text, 13), (13, 14));
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
