//! Whose side must act on a failure: the recipient's, ours (the sender's), or nobody's but
//! time's.

use std::fmt;

use super::failure_kind::FailureKind;

/// Who must act for mail to this recipient to work again.
///
/// The recommended policy (see `docs/policy.md`): suppress an address only for a
/// [`Responsibility::Recipient`] failure that is permanent; fix our own setup for
/// [`Responsibility::Sender`]; retry [`Responsibility::Transient`].
///
/// ```
/// use mailbounce::{FailureKind, Responsibility};
///
/// assert_eq!(FailureKind::UserUnknown.responsibility(), Responsibility::Recipient);
/// assert_eq!(FailureKind::BadReputation.responsibility(), Responsibility::Sender);
/// assert_eq!(FailureKind::NetworkError.responsibility(), Responsibility::Transient);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Responsibility {
    /// The recipient's side: the address, the mailbox or the domain (unknown user, full or
    /// disabled mailbox, a domain that takes no mail, the recipient's own filter or complaint).
    Recipient,
    /// Our side, the sender's: reputation, authentication, content or configuration (blocked
    /// IP, SPF/DKIM/DMARC, spam or virus verdicts, size, relaying, sending rate).
    Sender,
    /// Nobody's in particular: the network, DNS, a receiving server's temporary trouble, an
    /// expired queue. Retrying is the remedy.
    Transient,
    /// The notice does not say enough to tell.
    Unknown,
    /// Not a failure at all (delivered, an automatic reply).
    NotAFailure,
}

impl Responsibility {
    /// The snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Responsibility::Recipient => "recipient",
            Responsibility::Sender => "sender",
            Responsibility::Transient => "transient",
            Responsibility::Unknown => "unknown",
            Responsibility::NotAFailure => "not_a_failure",
        }
    }
}

impl fmt::Display for Responsibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FailureKind {
    /// Whose side this reason lies on. A complaint ([`FailureKind::Feedback`]) is the
    /// recipient's: they asked not to get the mail.
    pub fn responsibility(self) -> Responsibility {
        use FailureKind as K;
        match self {
            K::UserUnknown
            | K::HostUnknown
            | K::HasMoved
            | K::Suspended
            | K::MailboxFull
            | K::Filtered
            | K::Suppressed
            | K::NotAccepted
            | K::MailerError
            | K::ExceedLimit
            | K::Feedback => Responsibility::Recipient,
            K::TooManyConnections
            | K::Speeding
            | K::Blocked
            | K::BadReputation
            | K::RequirePtr
            | K::AuthFailure
            | K::Rejected
            | K::NoRelaying
            | K::SecurityError
            | K::FailedStartTls
            | K::SyntaxError
            | K::SpamDetected
            | K::VirusDetected
            | K::PolicyViolation
            | K::ContentError
            | K::NotCompliantRfc
            | K::MessageTooLarge => Responsibility::Sender,
            K::SystemFull | K::SystemError | K::NetworkError | K::Expired => {
                Responsibility::Transient
            }
            K::OnHold | K::Undefined => Responsibility::Unknown,
            K::Delivered | K::Vacation => Responsibility::NotAFailure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_address_and_mailbox_reasons_are_the_recipients() {
        let recipient: Vec<&str> = FailureKind::ALL
            .iter()
            .filter(|k| k.responsibility() == Responsibility::Recipient)
            .map(|k| k.reason())
            .collect();
        for dead in FailureKind::ALL.iter().filter(|k| k.is_address_dead()) {
            assert!(recipient.contains(&dead.reason()), "{dead}");
        }
        assert!(!recipient.contains(&"blocked"));
        assert!(!recipient.contains(&"expired"));
    }
}
