//! The reason an SMTP reply code (RFC 5321 §4.2.3) suggests when nothing more specific does.

use crate::model::FailureKind as K;

/// The default reason for a reply code, or `None` when the code says too little.
pub(crate) fn kind_for_reply(code: u16) -> Option<K> {
    let kind = match code {
        // 421: service not available, closing the channel.
        421 => K::SystemError,
        // 450/550 ("mailbox unavailable") cover too much to decide, and so does 451 ("local
        // error in processing"), which servers also send for greylisting, rate limits and
        // temporary policy refusals; 452/552 are storage.
        452 => K::SystemFull,
        552 => K::MailboxFull,
        // 553: mailbox name not allowed.
        553 => K::UserUnknown,
        // 551: user not local; 500-504: the command was not understood.
        551 => K::HasMoved,
        500..=504 => K::SyntaxError,
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_defaults() {
        assert_eq!(kind_for_reply(552), Some(K::MailboxFull));
        assert_eq!(kind_for_reply(553), Some(K::UserUnknown));
        assert_eq!(kind_for_reply(501), Some(K::SyntaxError));
        assert_eq!(kind_for_reply(550), None);
        assert_eq!(kind_for_reply(554), None);
        assert_eq!(kind_for_reply(451), None);
    }
}
