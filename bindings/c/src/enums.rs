//! The C enums mirroring the core's notice kinds, failure kinds and permanence.

use std::ffi::{CString, c_char};
use std::sync::LazyLock;

use mailbounce::{FailureKind, NoticeKind, Permanence};

use crate::guard::guard;
use crate::text::to_c;

/// The number of failure kinds: `mb_failure_kind` values run from 0 to this minus one.
pub const MB_FAILURE_KIND_COUNT: u32 = 36;

/// What a message is, as a delivery notice. The numbers are stable.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum mb_notice_kind {
    /// Delivery failed for at least one recipient (a bounce, NDR or failure DSN).
    Failure = 0,
    /// Delivery is delayed and still being retried (a warning, not a bounce).
    Delay = 1,
    /// A success notice: delivered, relayed or expanded.
    Success = 2,
    /// An automatic reply such as an out-of-office message.
    AutoReply = 3,
    /// A complaint or feedback report.
    Feedback = 4,
    /// A read receipt or other message disposition notification.
    ReadReceipt = 5,
    /// An ordinary message, not a delivery notice.
    NotANotice = 6,
    /// A kind added to the library after this header was written; the JSON names it.
    Unknown = 255,
}

impl From<NoticeKind> for mb_notice_kind {
    fn from(kind: NoticeKind) -> Self {
        match kind {
            NoticeKind::Failure => mb_notice_kind::Failure,
            NoticeKind::Delay => mb_notice_kind::Delay,
            NoticeKind::Success => mb_notice_kind::Success,
            NoticeKind::AutoReply => mb_notice_kind::AutoReply,
            NoticeKind::Feedback => mb_notice_kind::Feedback,
            NoticeKind::ReadReceipt => mb_notice_kind::ReadReceipt,
            NoticeKind::NotANotice => mb_notice_kind::NotANotice,
            _ => mb_notice_kind::Unknown,
        }
    }
}

/// Why delivery to one recipient failed (or what else the notice reports): the 36 reasons
/// shared with Sisimai, numbered in the library's declaration order. The numbers are stable.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum mb_failure_kind {
    /// `userunknown`: the recipient address does not exist.
    Userunknown = 0,
    /// `hostunknown`: the recipient's domain does not exist or has no mail host.
    Hostunknown = 1,
    /// `hasmoved`: the mailbox has moved and left no forwarding address.
    Hasmoved = 2,
    /// `suspend`: the recipient's account is disabled or suspended.
    Suspend = 3,
    /// `mailboxfull`: the recipient's mailbox is over its quota.
    Mailboxfull = 4,
    /// `filtered`: the recipient's own filter or settings refused the message.
    Filtered = 5,
    /// `suppressed`: the sending service suppressed the address after earlier failures.
    Suppressed = 6,
    /// `notaccept`: the domain accepts no mail.
    Notaccept = 7,
    /// `systemfull`: the receiving system is out of disk space.
    Systemfull = 8,
    /// `systemerror`: the receiving system failed.
    Systemerror = 9,
    /// `networkerror`: the network or DNS failed on the way.
    Networkerror = 10,
    /// `expired`: delivery was retried until the message expired.
    Expired = 11,
    /// `mailererror`: the local delivery program failed.
    Mailererror = 12,
    /// `toomanyconn`: too many connections or messages at once.
    Toomanyconn = 13,
    /// `speeding`: the sender is rate limited.
    Speeding = 14,
    /// `blocked`: the sending IP address or host is blocked.
    Blocked = 15,
    /// `badreputation`: the sender's reputation is too low.
    Badreputation = 16,
    /// `requireptr`: the sending IP address has no (matching) reverse DNS.
    Requireptr = 17,
    /// `authfailure`: SPF, DKIM or DMARC failed.
    Authfailure = 18,
    /// `rejected`: the envelope sender address or its domain was refused.
    Rejected = 19,
    /// `norelaying`: the server refused to relay.
    Norelaying = 20,
    /// `securityerror`: an authentication or security requirement was not met.
    Securityerror = 21,
    /// `failedstarttls`: STARTTLS failed or was required.
    Failedstarttls = 22,
    /// `syntaxerror`: the server rejected a command's syntax.
    Syntaxerror = 23,
    /// `spamdetected`: the message was judged to be spam.
    Spamdetected = 24,
    /// `virusdetected`: the message was judged to carry malware.
    Virusdetected = 25,
    /// `policyviolation`: the message broke the receiver's policy.
    Policyviolation = 26,
    /// `contenterror`: the content was refused (format, attachment, encoding).
    Contenterror = 27,
    /// `notcompliantrfc`: the message does not follow the mail standards.
    Notcompliantrfc = 28,
    /// `mesgtoobig`: the message is too large.
    Mesgtoobig = 29,
    /// `exceedlimit`: the message exceeds a size limit set for this mailbox.
    Exceedlimit = 30,
    /// `delivered`: the message was delivered (a success notice).
    Delivered = 31,
    /// `vacation`: an automatic reply such as an out-of-office message.
    Vacation = 32,
    /// `feedback`: the recipient reported the message as unwanted.
    Feedback = 33,
    /// `onhold`: an error was reported, without enough detail to say which.
    Onhold = 34,
    /// `undefined`: the notice gave no detail about the failure.
    Undefined = 35,
}

impl From<FailureKind> for mb_failure_kind {
    fn from(kind: FailureKind) -> Self {
        use mb_failure_kind as C;
        match kind {
            FailureKind::UserUnknown => C::Userunknown,
            FailureKind::HostUnknown => C::Hostunknown,
            FailureKind::HasMoved => C::Hasmoved,
            FailureKind::Suspended => C::Suspend,
            FailureKind::MailboxFull => C::Mailboxfull,
            FailureKind::Filtered => C::Filtered,
            FailureKind::Suppressed => C::Suppressed,
            FailureKind::NotAccepted => C::Notaccept,
            FailureKind::SystemFull => C::Systemfull,
            FailureKind::SystemError => C::Systemerror,
            FailureKind::NetworkError => C::Networkerror,
            FailureKind::Expired => C::Expired,
            FailureKind::MailerError => C::Mailererror,
            FailureKind::TooManyConnections => C::Toomanyconn,
            FailureKind::Speeding => C::Speeding,
            FailureKind::Blocked => C::Blocked,
            FailureKind::BadReputation => C::Badreputation,
            FailureKind::RequirePtr => C::Requireptr,
            FailureKind::AuthFailure => C::Authfailure,
            FailureKind::Rejected => C::Rejected,
            FailureKind::NoRelaying => C::Norelaying,
            FailureKind::SecurityError => C::Securityerror,
            FailureKind::FailedStartTls => C::Failedstarttls,
            FailureKind::SyntaxError => C::Syntaxerror,
            FailureKind::SpamDetected => C::Spamdetected,
            FailureKind::VirusDetected => C::Virusdetected,
            FailureKind::PolicyViolation => C::Policyviolation,
            FailureKind::ContentError => C::Contenterror,
            FailureKind::NotCompliantRfc => C::Notcompliantrfc,
            FailureKind::MessageTooLarge => C::Mesgtoobig,
            FailureKind::ExceedLimit => C::Exceedlimit,
            FailureKind::Delivered => C::Delivered,
            FailureKind::Vacation => C::Vacation,
            FailureKind::Feedback => C::Feedback,
            FailureKind::OnHold => C::Onhold,
            FailureKind::Undefined => C::Undefined,
            _ => C::Undefined,
        }
    }
}

/// Whether a failure will pass. The numbers are stable.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum mb_permanence {
    /// Sending the same message again will fail the same way.
    Permanent = 0,
    /// The cause may pass; a later attempt may succeed.
    Transient = 1,
    /// Not a failure at all (success, auto-reply, complaint).
    NotAFailure = 2,
}

impl From<Permanence> for mb_permanence {
    fn from(permanence: Permanence) -> Self {
        match permanence {
            Permanence::Permanent => mb_permanence::Permanent,
            Permanence::Transient => mb_permanence::Transient,
            Permanence::NotAFailure => mb_permanence::NotAFailure,
        }
    }
}

/// The C strings of one kind, built once.
struct KindText {
    /// The reason name.
    reason: CString,
    /// The one-sentence description.
    description: CString,
}

/// The texts of every kind, indexed by `mb_failure_kind` number.
static KIND_TEXTS: LazyLock<Vec<KindText>> = LazyLock::new(|| {
    FailureKind::ALL
        .iter()
        .map(|kind| KindText {
            reason: to_c(kind.reason()),
            description: to_c(kind.description()),
        })
        .collect()
});

/// The texts of a kind number, when it is one.
fn kind_text(kind: u32) -> Option<&'static KindText> {
    usize::try_from(kind)
        .ok()
        .and_then(|index| KIND_TEXTS.get(index))
}

/// The reason name of an `mb_failure_kind` value (`"userunknown"`, …): a static string, or
/// NULL when `kind` is not below `MB_FAILURE_KIND_COUNT`.
#[unsafe(no_mangle)]
pub extern "C" fn mb_failure_kind_reason(kind: u32) -> *const c_char {
    guard(std::ptr::null(), || {
        kind_text(kind).map_or(std::ptr::null(), |text| text.reason.as_ptr())
    })
}

/// One plain-language sentence saying what an `mb_failure_kind` value means: a static string,
/// or NULL when `kind` is not below `MB_FAILURE_KIND_COUNT`.
#[unsafe(no_mangle)]
pub extern "C" fn mb_failure_kind_description(kind: u32) -> *const c_char {
    guard(std::ptr::null(), || {
        kind_text(kind).map_or(std::ptr::null(), |text| text.description.as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_kinds_keep_the_core_order_and_names() {
        assert_eq!(FailureKind::ALL.len(), MB_FAILURE_KIND_COUNT as usize);
        for (number, kind) in FailureKind::ALL.into_iter().enumerate() {
            let c_kind = mb_failure_kind::from(kind);
            assert_eq!(c_kind as usize, number, "{kind}");
            assert_eq!(format!("{c_kind:?}").to_lowercase(), kind.reason());
        }
    }

    #[test]
    fn kind_texts_cover_every_number() {
        assert!(!mb_failure_kind_reason(0).is_null());
        assert!(!mb_failure_kind_description(35).is_null());
        assert!(mb_failure_kind_reason(MB_FAILURE_KIND_COUNT).is_null());
        assert!(mb_failure_kind_reason(u32::MAX).is_null());
    }
}
