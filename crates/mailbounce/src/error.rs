//! Errors at the library boundary.

/// Why a message could not be analysed at all.
///
/// A message that parses but is not a delivery notice is not an error: it yields a
/// [`crate::Report`] whose notice is [`crate::NoticeKind::NotANotice`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was empty (or only white space).
    #[error("the input is empty")]
    Empty,
    /// The input is larger than the configured limit.
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The input does not begin with a mail header, so it is not a mail message.
    #[error("the input is not a mail message (no header found)")]
    NotAMessage,
    /// An ESP event payload ([`crate::esp`]) is not valid JSON.
    #[error("the input is not valid JSON: {reason}")]
    NotJson {
        /// What the JSON parser objected to, and where.
        reason: String,
    },
    /// The JSON holds no event of a provider [`crate::esp`] knows.
    #[error("the JSON holds no event of a known email service provider")]
    UnknownEvent,
    /// The message goes over one of the [`crate::Parser`]'s limits on its shape.
    #[error("the message has more than {max} {limit}")]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// The configured maximum.
        max: usize,
    },
}

/// A limit on the shape of a message, set on [`crate::Parser`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Levels of MIME nesting (multiparts and enclosed messages): [`crate::Parser::max_mime_depth`].
    MimeDepth,
    /// MIME parts, enclosed messages' parts included: [`crate::Parser::max_parts`].
    Parts,
    /// Recipient records in one report: [`crate::Parser::max_recipients`].
    Recipients,
    /// Bytes in one header line: [`crate::Parser::max_header_line_bytes`].
    HeaderLineBytes,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Limit::MimeDepth => "levels of MIME nesting",
            Limit::Parts => "MIME parts",
            Limit::Recipients => "recipients",
            Limit::HeaderLineBytes => "bytes in a header line",
        })
    }
}
