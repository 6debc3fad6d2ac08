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
}
