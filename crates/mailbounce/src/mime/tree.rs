//! The structure of a message: where each part's header and body are, and what each part is.
//!
//! Built in one iterative pass that finds header fields and boundaries and decodes nothing:
//! header values, transfer encodings and character sets are undone later, only for the parts
//! and fields a reader asks for (most bounces carry a copy of the original, an HTML twin or an
//! attachment that is never read). The rules that split a message follow mail-parser's, so
//! a message splits the same way whichever of the two reads it: header fields end at a line
//! that does not start with white space; a boundary is `--` and the boundary anywhere in the
//! text; a part whose boundary never comes runs to the end of the message and is read as
//! text, as written; an enclosed message without a transfer encoding ends at its parent's
//! boundary; an encoded one is decoded and read as a message of its own, to three levels.
//!
//! Limits are checked while building, so a hostile shape costs no more than the limit.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use mail_parser::parsers::MessageStream;
use mail_parser::{ContentType, HeaderValue};
use memchr::memmem;

use super::transfer::TransferEncoding;
use super::{Decoded, ShapeLimits};
use crate::{Error, Limit};

/// How many layers of encoded enclosed messages are opened (mail-parser opens three).
const ENCODED_LAYERS: usize = 3;

/// Boundary searches may scan this many bytes per input byte, plus [`SCAN_BUDGET_BASE`]. A
/// real message is scanned two or three times over; a hostile one (thousands of multiparts
/// whose boundaries never come, each searched for to the end) would otherwise cost time
/// quadratic in its size. Past the budget a boundary counts as not found.
const SCAN_BUDGET_PER_BYTE: usize = 16;
const SCAN_BUDGET_BASE: usize = 1 << 20;

/// One header field: where its name and its value (after the colon, to the end of the field's
/// last line) are in the part's buffer.
pub(crate) struct Field {
    /// The name, from its first to its last character that is not white space.
    pub(crate) name: Range<usize>,
    /// The value, still folded and encoded.
    pub(crate) value: Range<usize>,
    /// The value as decoded text, filled on first use.
    pub(crate) text: OnceCell<Option<String>>,
    /// The value read as addresses (`(display name, address)` each; `None` when it holds
    /// none), filled on first use.
    pub(crate) mailboxes: OnceCell<Option<Vec<Mailbox>>>,
}

/// One address of an address field: its display name and its address, as mail-parser reads
/// them.
pub(crate) type Mailbox = (Option<String>, Option<String>);

/// What a part's body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// A multipart container; its parts follow it in the message's list.
    Multipart,
    /// Text to read (any `text/*`, or a part read as text because it is broken).
    Text,
    /// HTML to read (`text/html`).
    Html,
    /// Anything else: an attachment, an image.
    Binary,
    /// An enclosed message, by index into [`Tree::messages`].
    Message(usize),
}

/// One part of a message.
pub(crate) struct PartNode<'x> {
    /// Index into [`Tree::buffers`] of the bytes the ranges below point into.
    pub(crate) buffer: usize,
    /// The part's header fields, in order.
    pub(crate) headers: Vec<Field>,
    /// From the first header field to the end of the empty line after the header.
    pub(crate) header: Range<usize>,
    /// The body as written (for a multipart, to the end of its closing boundary's line).
    pub(crate) body: Range<usize>,
    /// The parsed `Content-Type` (the last one, as mail-parser takes it).
    pub(crate) content_type: Option<ContentType<'x>>,
    /// The content type as lowercase `type/subtype` (`text/plain` when absent).
    pub(crate) mime_type: String,
    /// The parsed `Content-Disposition`.
    pub(crate) disposition: Option<ContentType<'x>>,
    /// The transfer encoding to undo; `Identity` for a body read as written.
    pub(crate) encoding: TransferEncoding,
    /// What the body is.
    pub(crate) kind: Body,
    /// The decoded body, filled on first use.
    pub(crate) decoded: OnceCell<Decoded>,
}

/// One message: the top-level one or an enclosed one.
pub(crate) struct MessageNode {
    /// Index into [`Tree::parts`] of each of its parts, in order; the first is its root part
    /// (whose header is the message's header). Parts of enclosed messages are not listed.
    pub(crate) parts: Vec<usize>,
}

/// A whole message's structure. Message 0 is the top-level one; buffer 0 is the input.
pub(crate) struct Tree<'x> {
    /// The input, then the decoded bodies of encoded enclosed messages.
    pub(crate) buffers: Vec<Cow<'x, [u8]>>,
    /// Every message, enclosed ones included.
    pub(crate) messages: Vec<MessageNode>,
    /// Every part of every message.
    pub(crate) parts: Vec<PartNode<'x>>,
}

impl Tree<'_> {
    /// The bytes a part's ranges point into.
    pub(crate) fn buffer_of(&self, node: &PartNode<'_>) -> &[u8] {
        self.buffers
            .get(node.buffer)
            .map(|b| b.as_ref())
            .unwrap_or_default()
    }
}

/// What a part's `Content-Type` makes of it, before its body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mime {
    Multipart { digest: bool },
    Plain,
    Html,
    OtherText,
    Message,
    Other,
}

fn classify(content_type: Option<&ContentType<'_>>, in_digest: bool) -> Mime {
    let Some(content_type) = content_type else {
        // RFC 2046 5.1.5: a digest's parts default to messages.
        return if in_digest {
            Mime::Message
        } else {
            Mime::Plain
        };
    };
    let subtype = content_type.subtype();
    match content_type.ctype() {
        "multipart" => Mime::Multipart {
            digest: subtype == Some("digest"),
        },
        "text" => match subtype {
            Some("plain") => Mime::Plain,
            Some("html") => Mime::Html,
            _ => Mime::OtherText,
        },
        "message" if matches!(subtype, Some("rfc822" | "global")) => Mime::Message,
        _ => Mime::Other,
    }
}

/// A frame of the walk: the top-level message, an enclosed message, or a multipart.
struct Frame {
    /// The message whose parts are being read.
    message: usize,
    /// The part this frame fills: the multipart, or the part that holds the enclosed message
    /// (`None` for the top-level message).
    part: Option<usize>,
    /// True for a message frame (top-level or enclosed), false for a multipart.
    is_message: bool,
    /// True for a `multipart/digest`.
    is_digest: bool,
    /// The boundary that ends the current part, if any (an enclosed message holds its
    /// parent's while it is read).
    boundary: Option<Boundary>,
}

impl Frame {
    fn message(message: usize, part: Option<usize>, boundary: Option<Boundary>) -> Self {
        Frame {
            message,
            part,
            is_message: true,
            is_digest: false,
            boundary,
        }
    }
}

/// Builds the structure of a whole message, within `limits` when given. With `headers_only`,
/// reads the header alone (the rest of the text is taken as its body, unread).
pub(crate) fn build<'x>(
    input: &'x [u8],
    limits: Option<&ShapeLimits>,
    headers_only: bool,
) -> Result<Tree<'x>, Error> {
    let mut builder = Builder {
        tree: Tree {
            buffers: vec![Cow::Borrowed(input)],
            messages: Vec::new(),
            parts: Vec::new(),
        },
        limits,
        part_count: 0,
        scan_budget: input
            .len()
            .saturating_mul(SCAN_BUDGET_PER_BYTE)
            .saturating_add(SCAN_BUDGET_BASE),
        encoded: Vec::new(),
    };
    let source = Source {
        bytes: input,
        buffer: 0,
        depth: 0,
        level: 0,
    };
    builder.read(&source, headers_only, |ct| ct)?;
    // A message starts with a header field (an empty first line makes a part without one).
    let has_header = builder
        .tree
        .parts
        .first()
        .is_some_and(|p| !p.headers.is_empty());
    if !has_header {
        return Err(Error::NotAMessage);
    }
    // Encoded enclosed messages, decoded on the way, are read one after the other.
    while let Some(pending) = builder.encoded.pop() {
        let source = Source {
            bytes: &pending.bytes,
            buffer: builder.tree.buffers.len(),
            depth: pending.depth,
            level: pending.level,
        };
        let read = builder.read(&source, false, owned_content_type)?;
        if let Some(node) = builder.tree.parts.get_mut(pending.part) {
            node.kind = read.map_or(Body::Binary, Body::Message);
        }
        builder.tree.buffers.push(Cow::Owned(pending.bytes));
    }
    Ok(builder.tree)
}

/// An encoded enclosed message waiting to be read.
struct Encoded {
    /// Its decoded text.
    bytes: Vec<u8>,
    /// The part that holds it.
    part: usize,
    /// The nesting depth of its root part.
    depth: usize,
    /// How many encoded layers are around it (1 for the outermost).
    level: usize,
}

/// A buffer to read as a message.
struct Source<'b> {
    bytes: &'b [u8],
    /// Its index in [`Tree::buffers`] (where it is, or will be once read).
    buffer: usize,
    /// The nesting depth of its root part.
    depth: usize,
    /// How many encoded layers are around it.
    level: usize,
}

struct Builder<'x, 'l> {
    tree: Tree<'x>,
    limits: Option<&'l ShapeLimits>,
    part_count: usize,
    /// Bytes the boundary searches may still scan.
    scan_budget: usize,
    encoded: Vec<Encoded>,
}

impl<'x> Builder<'x, '_> {
    /// Counts a part at `depth` with that header block against the limits.
    fn count_part(&mut self, depth: usize, header: &[u8]) -> Result<(), Error> {
        self.part_count += 1;
        let Some(limits) = self.limits else {
            return Ok(());
        };
        let exceeded = |limit, max| Err(Error::LimitExceeded { limit, max });
        if self.part_count > limits.max_parts {
            return exceeded(Limit::Parts, limits.max_parts);
        }
        if depth > limits.max_depth {
            return exceeded(Limit::MimeDepth, limits.max_depth);
        }
        if super::has_line_longer(header, limits.max_header_line, false) {
            return exceeded(Limit::HeaderLineBytes, limits.max_header_line);
        }
        Ok(())
    }

    /// Adds a part to the tree and to the message `frame` reads.
    fn add(&mut self, frame: &Frame, node: PartNode<'x>) -> usize {
        let index = self.tree.parts.len();
        self.tree.parts.push(node);
        if let Some(message) = self.tree.messages.get_mut(frame.message) {
            message.parts.push(index);
        }
        index
    }

    fn set_body_end(&mut self, part: Option<usize>, end: usize) {
        if let Some(node) = part.and_then(|p| self.tree.parts.get_mut(p)) {
            node.body.end = end.max(node.body.start);
        }
    }

    fn has_parts(&self, message: usize) -> bool {
        self.tree
            .messages
            .get(message)
            .is_some_and(|m| !m.parts.is_empty())
    }

    /// An enclosed message that turned out to hold no header is read as text, as written.
    fn message_to_text(&mut self, part: Option<usize>) {
        if let Some(node) = part.and_then(|p| self.tree.parts.get_mut(p)) {
            node.kind = Body::Text;
            node.encoding = TransferEncoding::Identity;
        }
    }

    /// Reads one buffer as a message: each part becomes a node (its content types made to
    /// live as long as the tree by `keep`). Returns the index of the message, or `None` when
    /// no header field is found.
    fn read<'b>(
        &mut self,
        source: &Source<'b>,
        headers_only: bool,
        keep: impl Fn(ContentType<'b>) -> ContentType<'x>,
    ) -> Result<Option<usize>, Error> {
        let bytes = source.bytes;
        let root = self.tree.messages.len();
        self.tree.messages.push(MessageNode { parts: Vec::new() });
        let mut pos = 0;
        let mut state = Frame::message(root, None, None);
        let mut stack: Vec<Frame> = Vec::new();
        let mut leftover = Vec::new();
        'outer: loop {
            let header_start = pos;
            let (headers, complete) = read_header(bytes, &mut pos);
            if !complete || headers_only {
                leftover = headers;
                break;
            }
            let body_start = pos;
            let depth = source.depth + stack.len();
            self.count_part(
                depth,
                bytes.get(header_start..body_start).unwrap_or_default(),
            )?;
            let content_type = last_field(bytes, &headers, "content-type")
                .and_then(parse_content_type)
                .map(&keep);
            let disposition = last_field(bytes, &headers, "content-disposition")
                .and_then(parse_content_type)
                .map(&keep);
            let mut mime = classify(content_type.as_ref(), state.is_digest);
            let mut node = PartNode {
                buffer: source.buffer,
                headers: Vec::new(),
                header: header_start..body_start,
                body: body_start..body_start,
                mime_type: super::content_type_of(content_type.as_ref()),
                content_type,
                disposition,
                encoding: TransferEncoding::Identity,
                kind: Body::Multipart,
                decoded: OnceCell::new(),
            };

            if let Mime::Multipart { digest } = mime {
                let boundary = node
                    .content_type
                    .as_ref()
                    .and_then(|ct| ct.attribute("boundary"))
                    .and_then(|b| Boundary::new(b.as_bytes()));
                if let Some(boundary) = boundary {
                    if let Some(after) = find_boundary(bytes, pos, &boundary, &mut self.scan_budget)
                    {
                        pos = after.end;
                        node.headers = headers;
                        let part = self.add(&state, node);
                        let frame = Frame {
                            message: state.message,
                            part: Some(part),
                            is_message: false,
                            is_digest: digest,
                            boundary: Some(boundary),
                        };
                        stack.push(std::mem::replace(&mut state, frame));
                        skip_line_end(bytes, &mut pos);
                        continue;
                    }
                    mime = Mime::OtherText;
                }
            }

            node.encoding = last_field(bytes, &headers, "content-transfer-encoding").map_or(
                TransferEncoding::Identity,
                |value| match super::guarded(|| MessageStream::new(value).parse_unstructured()) {
                    Some(HeaderValue::Text(text)) => TransferEncoding::from_value(&text),
                    _ => TransferEncoding::Identity,
                },
            );
            node.headers = headers;

            if mime == Mime::Message && node.encoding == TransferEncoding::Identity {
                // An enclosed message, read in place: its parts end at the parent's boundary.
                let message = self.tree.messages.len();
                self.tree.messages.push(MessageNode { parts: Vec::new() });
                node.kind = Body::Message(message);
                let part = self.add(&state, node);
                let boundary = state.boundary.take();
                let frame = Frame::message(message, Some(part), boundary);
                stack.push(std::mem::replace(&mut state, frame));
                continue;
            }

            // A leaf: its body runs to the next boundary, or to the end.
            let end = match &state.boundary {
                Some(boundary) => {
                    match find_boundary(bytes, pos, boundary, &mut self.scan_budget) {
                        Some(found) => {
                            pos = found.end;
                            found.body_end
                        }
                        None => {
                            // Never closed: the rest of the text, as written, read as text.
                            state.boundary = None;
                            pos = bytes.len();
                            node.encoding = TransferEncoding::Identity;
                            mime = Mime::OtherText;
                            bytes.len()
                        }
                    }
                }
                None => {
                    pos = bytes.len();
                    bytes.len()
                }
            };
            node.body = body_start..end.max(body_start);
            node.kind = match mime {
                Mime::Plain | Mime::OtherText => Body::Text,
                Mime::Html => Body::Html,
                // A multipart without a boundary parameter, like any other type, is data.
                Mime::Other | Mime::Multipart { .. } | Mime::Message => Body::Binary,
            };
            let encoded_message = (mime == Mime::Message).then(|| {
                node.encoding
                    .decode(bytes.get(node.body.clone()).unwrap_or_default(), false)
            });
            let part = self.add(&state, node);
            match encoded_message {
                // Read once the current buffer is done.
                Some(Some(decoded)) if source.level < ENCODED_LAYERS => {
                    self.encoded.push(Encoded {
                        bytes: decoded.into_owned(),
                        part,
                        depth: depth + 1,
                        level: source.level + 1,
                    });
                }
                // Not valid in its encoding: kept as written, read as text.
                Some(None) => self.message_to_text(Some(part)),
                _ => {}
            }

            if state.boundary.is_none() {
                if pos >= bytes.len() {
                    break 'outer;
                }
                continue 'outer;
            }
            loop {
                if state.is_message {
                    // The enclosed message ended where its parent's part does.
                    let Some(parent) = stack.pop() else {
                        break 'outer;
                    };
                    let boundary_len = state.boundary.as_ref().map_or(0, |b| b.text().len());
                    let end = line_end_before(bytes, pos.saturating_sub(boundary_len + 2));
                    self.set_body_end(state.part, end);
                    if !self.has_parts(state.message) {
                        self.message_to_text(state.part);
                    }
                    let boundary = state.boundary.take();
                    state = parent;
                    state.boundary = boundary;
                }
                if !at_closing_boundary(bytes, &mut pos) {
                    continue 'outer;
                }
                // The multipart is closed: back to the frame around it.
                let closed = state.part;
                let Some(parent) = stack.pop() else {
                    self.set_body_end(closed, pos);
                    break 'outer;
                };
                state = parent;
                if let Some(boundary) = &state.boundary
                    && let Some(found) = find_boundary(bytes, pos, boundary, &mut self.scan_budget)
                {
                    self.set_body_end(closed, last_line_end(bytes, pos, found.at));
                    pos = found.end;
                    continue;
                }
                self.set_body_end(closed, pos);
                break 'outer;
            }
        }

        // Whatever is still open ends where the text does.
        loop {
            if state.is_message && state.part.is_some() {
                let mut end = pos;
                if !self.has_parts(state.message) {
                    self.message_to_text(state.part);
                    end = text_before_last_boundary(bytes, &self.tree, pos, &state);
                }
                self.set_body_end(state.part, end);
            } else if !state.is_message {
                self.set_body_end(state.part, pos);
            }
            match stack.pop() {
                Some(parent) => state = parent,
                None => break,
            }
        }

        let first = self
            .tree
            .messages
            .get(root)
            .and_then(|m| m.parts.first().copied());
        if first.is_some() {
            self.set_body_end(first, bytes.len());
            return Ok(Some(root));
        }
        if leftover.is_empty() {
            self.tree.messages.pop();
            return Ok(None);
        }
        // A header with no body after it.
        self.count_part(source.depth, bytes)?;
        let node = PartNode {
            buffer: source.buffer,
            headers: leftover,
            header: 0..bytes.len(),
            body: bytes.len()..bytes.len(),
            mime_type: super::content_type_of(None),
            content_type: None,
            disposition: None,
            encoding: TransferEncoding::Identity,
            kind: Body::Text,
            decoded: OnceCell::new(),
        };
        let frame = Frame::message(root, None, None);
        self.add(&frame, node);
        Ok(Some(root))
    }
}

/// Where an unclosed enclosed message that holds no header ends when read as text: before the
/// last `--boundary` in it and the line end before that, when there is one (as mail-parser
/// reads it); else at `end`.
fn text_before_last_boundary(bytes: &[u8], tree: &Tree<'_>, end: usize, state: &Frame) -> usize {
    let node = state.part.and_then(|p| tree.parts.get(p));
    let (Some(node), Some(boundary)) = (node, &state.boundary) else {
        return end;
    };
    let start = node.body.start.min(end);
    let Some(text) = bytes.get(start..end) else {
        return end;
    };
    if std::str::from_utf8(text).is_err() {
        return end;
    }
    let Some(at) = memmem::rfind(text, boundary.text()) else {
        return end;
    };
    let Some(before) = text.get(..at).and_then(|t| t.strip_suffix(b"--")) else {
        return end;
    };
    let before = before.strip_suffix(b"\n").unwrap_or(before);
    let before = before.strip_suffix(b"\r").unwrap_or(before);
    start + before.len()
}

/// A content type that no longer borrows the text it was read from.
fn owned_content_type<'y>(ct: ContentType<'_>) -> ContentType<'y> {
    ContentType {
        c_type: Cow::Owned(ct.c_type.into_owned()),
        c_subtype: ct.c_subtype.map(|s| Cow::Owned(s.into_owned())),
        attributes: ct.attributes.map(|list| {
            list.into_iter()
                .map(|a| mail_parser::Attribute {
                    name: Cow::Owned(a.name.into_owned()),
                    value: Cow::Owned(a.value.into_owned()),
                })
                .collect()
        }),
    }
}

/// Parses a `Content-Type`-shaped value.
fn parse_content_type(value: &[u8]) -> Option<ContentType<'_>> {
    match super::guarded(|| MessageStream::new(value).parse_content_type())? {
        HeaderValue::ContentType(ct) => Some(ct),
        _ => None,
    }
}

/// The value of the last field of that (lowercase) name.
fn last_field<'b>(bytes: &'b [u8], headers: &[Field], name: &str) -> Option<&'b [u8]> {
    headers
        .iter()
        .rev()
        .find(|f| name_is(bytes.get(f.name.clone()).unwrap_or_default(), name))
        .and_then(|f| bytes.get(f.value.clone()))
}

/// True when a field name as written is `name`: case aside, and white space inside it aside
/// (mail-parser reads `Message - ID` as `Message-ID`).
pub(crate) fn name_is(written: &[u8], name: &str) -> bool {
    if written.len() == name.len() {
        return written.eq_ignore_ascii_case(name.as_bytes());
    }
    written.len() > name.len()
        && written
            .iter()
            .filter(|b| !b.is_ascii_whitespace())
            .map(u8::to_ascii_lowercase)
            .eq(name.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Reads a header block from `pos`: its fields, and whether an empty line closed it (`pos`
/// is then after that line). A line without a colon is skipped; a field runs on over lines
/// that start with a space or a tab.
fn read_header(bytes: &[u8], pos: &mut usize) -> (Vec<Field>, bool) {
    // Room for a part header at once; a message header grows it twice or so.
    let mut fields = Vec::with_capacity(16);
    loop {
        // White space before a name is skipped; a line holding nothing else ends the block.
        loop {
            match bytes.get(*pos) {
                Some(b'\n') => {
                    *pos += 1;
                    return (fields, true);
                }
                None => return (fields, false),
                Some(byte) if !byte.is_ascii_whitespace() => break,
                Some(_) => *pos += 1,
            }
        }
        // The name: what is not white space before the first colon that follows some of it.
        let (name, has_colon) = read_name(bytes, pos);
        match name {
            Some(name) => {
                let start = *pos;
                if has_colon {
                    *pos = field_end(bytes, start);
                }
                fields.push(Field {
                    name,
                    value: start..*pos,
                    text: OnceCell::new(),
                    mailboxes: OnceCell::new(),
                });
            }
            None if *pos >= bytes.len() => return (fields, false),
            None => {}
        }
    }
}

/// Reads a field name from `pos` (at a byte that is not white space): from its first to its
/// last byte that is not white space, before the first colon that follows some of it, and
/// whether that colon was there (it is not at the end of the text). `pos` ends after the
/// colon, or after the line end of a line that has none (then there is no name).
fn read_name(bytes: &[u8], pos: &mut usize) -> (Option<Range<usize>>, bool) {
    let mut from = *pos;
    loop {
        let rest = bytes.get(from..).unwrap_or_default();
        let stop = memchr::memchr2(b':', b'\n', rest).map(|at| from + at);
        // Only the part after the colons skipped so far can hold the name.
        let segment = bytes
            .get(from..stop.unwrap_or(bytes.len()))
            .unwrap_or_default();
        let first = segment.iter().position(|b| !b.is_ascii_whitespace());
        let name = first.map(|first| {
            let last = segment
                .iter()
                .rposition(|b| !b.is_ascii_whitespace())
                .unwrap_or(first);
            from + first..from + last + 1
        });
        match stop {
            // A colon with nothing before it is skipped.
            Some(at) if bytes.get(at) == Some(&b':') && name.is_none() => from = at + 1,
            Some(at) if bytes.get(at) == Some(&b':') => {
                *pos = at + 1;
                return (name, true);
            }
            Some(at) => {
                *pos = at + 1;
                return (None, false);
            }
            None => {
                *pos = bytes.len();
                return (name, false);
            }
        }
    }
}

/// The end of a field whose value starts at `start`: after the first line end not followed by
/// a space or a tab, or the end of the text.
fn field_end(bytes: &[u8], start: usize) -> usize {
    let mut from = start;
    while let Some(at) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
    {
        let next = from + at + 1;
        if !matches!(bytes.get(next), Some(b' ' | b'\t')) {
            return next;
        }
        from = next;
    }
    bytes.len()
}

/// A multipart's boundary, with the searcher for its `--boundary` marker built once.
struct Boundary {
    /// Finds `--` and the boundary.
    marker: memmem::Finder<'static>,
}

impl Boundary {
    /// The boundary parameter itself, without the `--`.
    fn text(&self) -> &[u8] {
        self.marker.needle().get(2..).unwrap_or_default()
    }

    /// `None` for an empty boundary, which never matches (as in mail-parser).
    fn new(text: &[u8]) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        let mut marker = Vec::with_capacity(text.len() + 2);
        marker.extend_from_slice(b"--");
        marker.extend_from_slice(text);
        Some(Boundary {
            marker: memmem::Finder::new(&marker).into_owned(),
        })
    }
}

/// A boundary found in the text.
struct Found {
    /// Where the body before it ends: before the line end in front of `--boundary`, or right
    /// before the `--` when it does not start a line.
    body_end: usize,
    /// Where `--boundary` starts.
    at: usize,
    /// Just after the boundary.
    end: usize,
}

/// Finds `--boundary` from `from`, anywhere in the text (as mail-parser does), taking the
/// bytes scanned from `budget`: `None` once that is spent.
fn find_boundary(
    bytes: &[u8],
    from: usize,
    boundary: &Boundary,
    budget: &mut usize,
) -> Option<Found> {
    let rest = bytes.get(from..)?;
    // Never scan past what the budget allows.
    let window = rest.get(..rest.len().min(*budget)).unwrap_or(rest);
    let found = boundary.marker.find(window);
    let scanned = found.map_or(window.len(), |at| at + boundary.marker.needle().len());
    *budget = budget.saturating_sub(scanned);
    let at = from + found?;
    let body_end = if at > from && bytes.get(at - 1) == Some(&b'\n') {
        line_end_before(bytes, at).max(from)
    } else {
        at
    };
    Some(Found {
        body_end,
        at,
        end: at + boundary.marker.needle().len(),
    })
}

/// Where a multipart closed at `from` ends when its parent's boundary is found at `at`: at the
/// last line end between the two (or at `from`), as mail-parser keeps it.
fn last_line_end(bytes: &[u8], from: usize, at: usize) -> usize {
    memchr::memrchr(b'\n', bytes.get(from..at).unwrap_or_default())
        .map_or(from, |p| line_end_before(bytes, from + p + 1))
}

/// The position of the line end that ends just before `at`: `at - 1` for `\n`, `at - 2` for
/// `\r\n`.
fn line_end_before(bytes: &[u8], at: usize) -> usize {
    let newline = at.saturating_sub(1);
    if newline > 0 && bytes.get(newline - 1) == Some(&b'\r') {
        newline - 1
    } else {
        newline
    }
}

/// After a boundary: true (and past it) when `--` closes the multipart; otherwise skips the
/// rest of the boundary line's end as mail-parser does and returns false.
fn at_closing_boundary(bytes: &[u8], pos: &mut usize) -> bool {
    match (bytes.get(*pos), bytes.get(*pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => *pos += 2,
        (Some(b'-'), Some(b'-')) => {
            *pos += 2;
            return true;
        }
        (Some(b'\n'), _) => *pos += 1,
        (Some(byte), _) if byte.is_ascii_whitespace() => {
            *pos += 1;
            skip_line_end(bytes, pos);
        }
        _ => {}
    }
    false
}

/// Skips spaces, tabs and carriage returns, and one line feed after them.
fn skip_line_end(bytes: &[u8], pos: &mut usize) {
    while let Some(&byte) = bytes.get(*pos) {
        match byte {
            b'\r' | b' ' | b'\t' => *pos += 1,
            b'\n' => {
                *pos += 1;
                break;
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(header: &str) -> (Vec<String>, bool) {
        let mut pos = 0;
        let (fields, closed) = read_header(header.as_bytes(), &mut pos);
        let text = |r: &Range<usize>| header.get(r.clone()).unwrap_or_default().to_string();
        let names = fields
            .iter()
            .map(|f| format!("{}={}", text(&f.name), text(&f.value).trim()))
            .collect();
        (names, closed)
    }

    #[test]
    fn header_fields_are_split_as_mail_parser_splits_them() {
        assert_eq!(
            names("Subject: a\n b\nX Y : c\n:To: d\nno colon\n  \nbody"),
            (
                vec!["Subject=a\n b".into(), "X Y=c".into(), "To=d".into()],
                true
            )
        );
        // Not closed by an empty line: the last name is kept, without a value.
        assert_eq!(
            names("From: a\nTrailing"),
            (vec!["From=a".into(), "Trailing=".into()], false)
        );
        assert_eq!(names("From: a\r\n\r\nbody").0, vec!["From=a".to_string()]);
    }

    #[test]
    fn a_name_with_white_space_inside_is_found_in_any_case() {
        assert!(name_is(b"Message - ID", "Message-ID"));
        assert!(name_is(b"content - type", "content-type"));
        assert!(!name_is(b"Message - IDs", "Message-ID"));
    }

    #[test]
    fn a_line_of_colons_is_read_in_linear_time() {
        let line = format!("{}x: y\n\n", ":".repeat(1_000_000));
        assert_eq!(names(&line).0, vec!["x=y".to_string()]);
    }
}
