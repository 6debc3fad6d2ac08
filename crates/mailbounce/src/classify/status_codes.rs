//! The reason each RFC 3463 / RFC 5248 status code suggests on its own.
//!
//! Used only when no phrase decides: most codes are too broad to settle the reason alone
//! (`5.7.1` covers spam, blocklists, relaying and policy), and those return `None` here.

use crate::model::{FailureKind as K, StatusClass, StatusCode};

/// The reason for the codes specific enough to decide before the server's words are read:
/// a full mailbox is a full mailbox whatever else the text says.
pub(crate) fn decisive_kind(code: StatusCode) -> Option<K> {
    let kind = match (code.subject(), code.detail()) {
        (1, 2) => K::HostUnknown,
        (1, 6) => K::HasMoved,
        (1, 7) | (1, 8) => K::Rejected,
        (2, 2) => K::MailboxFull,
        (2, 3) => K::ExceedLimit,
        (3, 4) => K::MessageTooLarge,
        (4, 6) => K::NetworkError,
        (7, 13) => K::Suspended,
        (7, 20..=24) | (7, 26) => K::AuthFailure,
        (7, 25) => K::RequirePtr,
        _ => return None,
    };
    Some(kind)
}

/// True for the codes that say the recipient address itself is bad: `X.1.1`, `X.1.3`,
/// `5.1.0`, and the vendor details above `X.1.10` (Microsoft's `5.1.10`, `5.1.351`, …).
pub(crate) fn names_bad_recipient(code: StatusCode) -> bool {
    matches!((code.subject(), code.detail()), (1, 1) | (1, 3))
        || (code.subject() == 1 && code.detail() >= 10)
        || (code.is(1, 0) && code.class() == StatusClass::PermanentFailure)
}

/// True for the mailbox-status codes (`X.2.0`, `X.2.1`) that servers give when a mailbox
/// refuses a message rather than when it does not exist.
pub(crate) fn names_refusing_mailbox(code: StatusCode) -> bool {
    code.is(2, 0) || code.is(2, 1)
}

/// The default reason for a status code, or `None` when the code leaves it to the text.
pub(crate) fn kind_for_status(code: StatusCode) -> Option<K> {
    let permanent = code.class() == StatusClass::PermanentFailure;
    let kind = match (code.subject(), code.detail()) {
        (1, 0) if permanent => K::UserUnknown,
        (1, 1) | (1, 3) => K::UserUnknown,
        (1, 2) => K::HostUnknown,
        (1, 4) => K::Filtered,
        (1, 6) => K::HasMoved,
        (1, 7) | (1, 8) => K::Rejected,
        (1, 9) => K::SystemError,
        (1, 10) => K::NotAccepted,
        (2, 0) => K::Filtered,
        (2, 1) if permanent => K::Filtered,
        (2, 1) => K::Blocked,
        (2, 2) => K::MailboxFull,
        (2, 3) => K::ExceedLimit,
        (2, 4) => K::Filtered,
        (3, 0) if permanent => K::SystemError,
        (3, 1) => K::SystemFull,
        (3, 2) => K::NotAccepted,
        (3, 3) | (3, 5) => K::SystemError,
        (3, 4) => K::MessageTooLarge,
        (4, 0) if permanent => K::NetworkError,
        (4, 1) => K::Expired,
        (4, 2) | (4, 6) => K::NetworkError,
        (4, 3) => K::SystemError,
        (4, 4) if permanent => K::HostUnknown,
        (4, 4) => K::NetworkError,
        (4, 5) => K::SystemFull,
        (4, 7) => K::Expired,
        (5, 2) | (5, 6) => K::SyntaxError,
        (5, 3) if permanent => K::TooManyConnections,
        (5, 3) | (5, 4) | (5, 5) => K::SystemError,
        (6, 0..=3) | (6, 5..=10) => K::ContentError,
        (7, 0) if permanent => K::SecurityError,
        (7, 1) if permanent => K::SecurityError,
        (7, 1) => K::Blocked,
        (7, 2..=12) | (7, 14) | (7, 15) | (7, 19) => K::SecurityError,
        (7, 13) => K::Suspended,
        (7, 16) => K::MessageTooLarge,
        (7, 17) | (7, 18) => K::HasMoved,
        (7, 20..=24) | (7, 26) | (7, 29) => K::AuthFailure,
        (7, 25) => K::RequirePtr,
        (7, 27) => K::NotAccepted,
        (7, 28) => K::SpamDetected,
        (7, 30) => K::FailedStartTls,
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(code: &str) -> Option<K> {
        kind_for_status(code.parse().unwrap())
    }

    #[test]
    fn registry_defaults() {
        assert_eq!(kind("5.1.1"), Some(K::UserUnknown));
        assert_eq!(kind("5.1.2"), Some(K::HostUnknown));
        assert_eq!(kind("5.2.2"), Some(K::MailboxFull));
        assert_eq!(kind("4.2.2"), Some(K::MailboxFull));
        assert_eq!(kind("5.4.4"), Some(K::HostUnknown));
        assert_eq!(kind("4.4.4"), Some(K::NetworkError));
        assert_eq!(kind("4.4.7"), Some(K::Expired));
        assert_eq!(kind("5.7.26"), Some(K::AuthFailure));
        assert_eq!(kind("5.7.25"), Some(K::RequirePtr));
        assert_eq!(kind("5.3.4"), Some(K::MessageTooLarge));
        assert_eq!(kind("5.6.1"), Some(K::ContentError));
    }

    #[test]
    fn decisive_codes() {
        let decisive = |c: &str| decisive_kind(c.parse().unwrap());
        assert_eq!(decisive("5.2.2"), Some(K::MailboxFull));
        assert_eq!(decisive("4.2.2"), Some(K::MailboxFull));
        assert_eq!(decisive("5.7.26"), Some(K::AuthFailure));
        assert_eq!(decisive("5.1.8"), Some(K::Rejected));
        assert_eq!(decisive("5.1.1"), None);
        assert_eq!(decisive("5.7.1"), None);
        // Servers older than RFC 7293's owner-changed codes use the same numbers for their own
        // ends ("no mailbox here by that name. (#5.7.17)"): the words decide, the code only
        // when they do not.
        assert_eq!(decisive("5.7.17"), None);
        assert_eq!(
            kind_for_status("5.7.17".parse().unwrap()),
            Some(K::HasMoved)
        );
        assert!(names_bad_recipient("5.1.1".parse().unwrap()));
        assert!(!names_bad_recipient("5.2.1".parse().unwrap()));
    }

    #[test]
    fn broad_codes_leave_it_to_the_text() {
        assert_eq!(kind("5.0.0"), None);
        assert_eq!(kind("4.3.0"), None);
        assert_eq!(kind("5.5.0"), None);
        assert_eq!(kind("4.7.0"), None);
    }
}
