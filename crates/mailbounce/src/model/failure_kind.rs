//! Why a delivery failed (or what else the notice reports): the 36 reasons of the shared vocabulary.

use std::fmt;
use std::str::FromStr;

/// Why a message to one recipient failed, or what non-failure the notice reports.
///
/// One variant per reason in the vocabulary shared with Sisimai; [`FailureKind::reason`] returns
/// that lowercase name and [`FromStr`] accepts it, so results can be compared across tools.
///
/// ```
/// use mailbounce::{FailureKind, RecommendedAction};
///
/// let kind: FailureKind = "mailboxfull".parse().unwrap();
/// assert_eq!(kind, FailureKind::MailboxFull);
/// assert_eq!(kind.reason(), "mailboxfull");
/// assert_eq!(kind.recommended_action(), RecommendedAction::RetryLater);
/// assert!(!kind.advice().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FailureKind {
    /// `userunknown`: the recipient address does not exist.
    UserUnknown,
    /// `hostunknown`: the recipient's domain does not exist or has no mail host.
    HostUnknown,
    /// `hasmoved`: the mailbox has moved and left no forwarding address.
    HasMoved,
    /// `suspend`: the recipient's account is disabled or suspended.
    Suspended,
    /// `mailboxfull`: the recipient's mailbox is over its quota.
    MailboxFull,
    /// `filtered`: the recipient, or a filter acting for them, refused the message.
    Filtered,
    /// `suppressed`: the sending service skipped the address because of an earlier failure.
    Suppressed,
    /// `notaccept`: the destination domain accepts no mail (null MX, no mail service).
    NotAccepted,
    /// `systemfull`: the receiving system is out of storage.
    SystemFull,
    /// `systemerror`: the receiving system failed internally or is misconfigured.
    SystemError,
    /// `networkerror`: a DNS or network problem prevented delivery.
    NetworkError,
    /// `expired`: delivery was retried until the queue lifetime ran out.
    Expired,
    /// `mailererror`: the recipient's local delivery program failed.
    MailerError,
    /// `toomanyconn`: too many connections or recipients for the receiver.
    TooManyConnections,
    /// `speeding`: the sender is sending too fast.
    Speeding,
    /// `blocked`: the sending IP address or host is blocked.
    Blocked,
    /// `badreputation`: the receiver distrusts the sender's reputation.
    BadReputation,
    /// `requireptr`: the sending IP has no valid reverse DNS.
    RequirePtr,
    /// `authfailure`: SPF, DKIM or DMARC checks failed.
    AuthFailure,
    /// `rejected`: the envelope sender address or domain was refused.
    Rejected,
    /// `norelaying`: the server reached does not relay for this destination.
    NoRelaying,
    /// `securityerror`: a security requirement (authentication, policy) was not met.
    SecurityError,
    /// `failedstarttls`: TLS was required but could not be negotiated.
    FailedStartTls,
    /// `syntaxerror`: the receiver did not understand an SMTP command.
    SyntaxError,
    /// `spamdetected`: the receiver's filter judged the message to be spam.
    SpamDetected,
    /// `virusdetected`: a virus or dangerous attachment was found.
    VirusDetected,
    /// `policyviolation`: the message breaks a policy of the receiver.
    PolicyViolation,
    /// `contenterror`: the message's format was refused (MIME structure, 8-bit headers).
    ContentError,
    /// `notcompliantrfc`: the message does not follow RFC 5322.
    NotCompliantRfc,
    /// `mesgtoobig`: the message is larger than the receiver accepts.
    MessageTooLarge,
    /// `exceedlimit`: the message exceeds a limit set for the mailbox.
    ExceedLimit,
    /// `delivered`: a success notice.
    Delivered,
    /// `vacation`: an automatic reply; the address works.
    Vacation,
    /// `feedback`: the recipient complained (feedback loop report).
    Feedback,
    /// `onhold`: an error was reported, but not enough to say which.
    OnHold,
    /// `undefined`: no error detail was available at all.
    Undefined,
}

/// What the sender should do about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RecommendedAction {
    /// Stop mailing this address.
    SuppressRecipient,
    /// The cause should pass: try again later.
    RetryLater,
    /// Something on the sending side must change (IP, DNS, authentication, relay settings).
    FixSendingSetup,
    /// The message itself must change (size, attachments, format, wording).
    FixContent,
    /// Only the recipient or their administrator can fix it.
    ContactRecipient,
    /// Not enough detail to act automatically: a person should look.
    ReviewManually,
    /// The recipient complained: stop sending to them.
    StopSendingComplaint,
    /// Nothing to do.
    NoAction,
}

impl RecommendedAction {
    /// The action's snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendedAction::SuppressRecipient => "suppress_recipient",
            RecommendedAction::RetryLater => "retry_later",
            RecommendedAction::FixSendingSetup => "fix_sending_setup",
            RecommendedAction::FixContent => "fix_content",
            RecommendedAction::ContactRecipient => "contact_recipient",
            RecommendedAction::ReviewManually => "review_manually",
            RecommendedAction::StopSendingComplaint => "stop_sending_complaint",
            RecommendedAction::NoAction => "no_action",
        }
    }
}

impl fmt::Display for RecommendedAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fixed facts about one kind, kept in one table so they cannot drift apart.
struct KindInfo {
    kind: FailureKind,
    reason: &'static str,
    action: RecommendedAction,
    description: &'static str,
    advice: &'static str,
}

use FailureKind as K;
use RecommendedAction as A;

/// One row per kind, in declaration order (`FailureKind as usize` indexes it).
const KINDS: [KindInfo; 36] = [
    KindInfo {
        kind: K::UserUnknown,
        reason: "userunknown",
        action: A::SuppressRecipient,
        description: "The recipient address does not exist at the destination.",
        advice: "Check the address for a typing mistake; if it is spelled right, the mailbox is gone: remove it from your list.",
    },
    KindInfo {
        kind: K::HostUnknown,
        reason: "hostunknown",
        action: A::SuppressRecipient,
        description: "The recipient's domain does not exist or has no server that takes mail.",
        advice: "Check the part after the @ for a typing mistake; if it is right, the domain no longer receives mail: remove the address.",
    },
    KindInfo {
        kind: K::HasMoved,
        reason: "hasmoved",
        action: A::SuppressRecipient,
        description: "The mailbox has moved and the old address forwards nowhere.",
        advice: "Stop using this address; ask the person for their new one through another channel.",
    },
    KindInfo {
        kind: K::Suspended,
        reason: "suspend",
        action: A::RetryLater,
        description: "The recipient's account exists but is disabled or suspended.",
        advice: "Pause mail to this address and try again much later; if it stays suspended, treat it as inactive.",
    },
    KindInfo {
        kind: K::MailboxFull,
        reason: "mailboxfull",
        action: A::RetryLater,
        description: "The recipient's mailbox is full.",
        advice: "Try again in a few hours or days; a mailbox that stays full for weeks is probably abandoned.",
    },
    KindInfo {
        kind: K::Filtered,
        reason: "filtered",
        action: A::ContactRecipient,
        description: "The recipient, or a filter acting for them, refused the message.",
        advice: "Ask the recipient to allow your address or domain; resending unchanged will be refused again.",
    },
    KindInfo {
        kind: K::Suppressed,
        reason: "suppressed",
        action: A::SuppressRecipient,
        description: "Your sending service did not try this address because it is on its suppression list.",
        advice: "The address failed or complained before; remove it unless you know it has been fixed.",
    },
    KindInfo {
        kind: K::NotAccepted,
        reason: "notaccept",
        action: A::SuppressRecipient,
        description: "The destination domain declares that it accepts no mail.",
        advice: "Mail to this domain cannot be delivered; remove the address or ask for another one.",
    },
    KindInfo {
        kind: K::SystemFull,
        reason: "systemfull",
        action: A::RetryLater,
        description: "The receiving mail system has run out of storage.",
        advice: "A problem on the receiver's side: try again later.",
    },
    KindInfo {
        kind: K::SystemError,
        reason: "systemerror",
        action: A::RetryLater,
        description: "The receiving system failed internally, is misconfigured, or found a mail loop.",
        advice: "Try again later; if it persists, tell the receiving domain's postmaster.",
    },
    KindInfo {
        kind: K::NetworkError,
        reason: "networkerror",
        action: A::RetryLater,
        description: "A DNS or network problem prevented delivery.",
        advice: "Try again later; if it persists, check the recipient domain's DNS (MX records).",
    },
    KindInfo {
        kind: K::Expired,
        reason: "expired",
        action: A::RetryLater,
        description: "Delivery was retried until the time limit ran out.",
        advice: "The destination was unreachable or kept deferring for days; send again later, and review the address if it keeps happening.",
    },
    KindInfo {
        kind: K::MailerError,
        reason: "mailererror",
        action: A::ContactRecipient,
        description: "The recipient's local delivery program (a filter or script) failed.",
        advice: "Only the recipient's mail administrator can fix this; let them know.",
    },
    KindInfo {
        kind: K::TooManyConnections,
        reason: "toomanyconn",
        action: A::RetryLater,
        description: "The receiver limits simultaneous connections or recipients per message.",
        advice: "Open fewer connections or put fewer recipients in one message, then try again.",
    },
    KindInfo {
        kind: K::Speeding,
        reason: "speeding",
        action: A::RetryLater,
        description: "You are sending faster than the receiver allows.",
        advice: "Slow down sending to this domain and try again later.",
    },
    KindInfo {
        kind: K::Blocked,
        reason: "blocked",
        action: A::FixSendingSetup,
        description: "Your sending IP address or host name is blocked by the receiver.",
        advice: "Check the blocklists that list your IP, your HELO name and reverse DNS; ask for delisting once fixed.",
    },
    KindInfo {
        kind: K::BadReputation,
        reason: "badreputation",
        action: A::FixSendingSetup,
        description: "The receiver distrusts the reputation of your IP address or domain.",
        advice: "Mail only people who asked for it, remove dead addresses, authenticate your mail and keep volume steady.",
    },
    KindInfo {
        kind: K::RequirePtr,
        reason: "requireptr",
        action: A::FixSendingSetup,
        description: "Your sending IP address has no valid reverse DNS (PTR) record.",
        advice: "Give the sending IP a PTR record whose name resolves back to the same IP.",
    },
    KindInfo {
        kind: K::AuthFailure,
        reason: "authfailure",
        action: A::FixSendingSetup,
        description: "The message failed SPF, DKIM or DMARC checks.",
        advice: "Fix your SPF record, sign with DKIM, and align both with the From domain for DMARC.",
    },
    KindInfo {
        kind: K::Rejected,
        reason: "rejected",
        action: A::FixSendingSetup,
        description: "Your envelope sender address or its domain was refused.",
        advice: "Use a sender address on a domain that exists, resolves and is not blocklisted.",
    },
    KindInfo {
        kind: K::NoRelaying,
        reason: "norelaying",
        action: A::FixSendingSetup,
        description: "The server reached does not relay mail for this destination.",
        advice: "Check your MX routing or smarthost settings and whether the relay needs you to log in.",
    },
    KindInfo {
        kind: K::SecurityError,
        reason: "securityerror",
        action: A::FixSendingSetup,
        description: "A security requirement of the receiver was not met.",
        advice: "Check SMTP authentication and encryption settings against the receiver's policy.",
    },
    KindInfo {
        kind: K::FailedStartTls,
        reason: "failedstarttls",
        action: A::FixSendingSetup,
        description: "TLS encryption was required but could not be set up.",
        advice: "Check your TLS support and certificates, and the destination's MTA-STS or DANE policy.",
    },
    KindInfo {
        kind: K::SyntaxError,
        reason: "syntaxerror",
        action: A::FixSendingSetup,
        description: "The receiver did not understand a command from your mail server.",
        advice: "Your sending software spoke SMTP wrongly; check its version and settings.",
    },
    KindInfo {
        kind: K::SpamDetected,
        reason: "spamdetected",
        action: A::FixContent,
        description: "The receiver's filter judged the message to be spam.",
        advice: "Review the content, links and authentication of the message before sending it again.",
    },
    KindInfo {
        kind: K::VirusDetected,
        reason: "virusdetected",
        action: A::FixContent,
        description: "A virus or a dangerous attachment was found in the message.",
        advice: "Scan and remove the attachment; share files by link instead.",
    },
    KindInfo {
        kind: K::PolicyViolation,
        reason: "policyviolation",
        action: A::FixContent,
        description: "The message breaks a policy of the receiver (attachment type, closed list, house rule).",
        advice: "Change what the policy forbids, or ask the recipient's organisation for an exception.",
    },
    KindInfo {
        kind: K::ContentError,
        reason: "contenterror",
        action: A::FixContent,
        description: "The receiver refused the message's format (MIME structure, 8-bit headers).",
        advice: "Check how your software builds the message: MIME structure, encodings, header sizes.",
    },
    KindInfo {
        kind: K::NotCompliantRfc,
        reason: "notcompliantrfc",
        action: A::FixContent,
        description: "The message does not follow RFC 5322 (duplicate or missing headers).",
        advice: "Fix the software that writes the message so it emits standard headers exactly once.",
    },
    KindInfo {
        kind: K::MessageTooLarge,
        reason: "mesgtoobig",
        action: A::FixContent,
        description: "The message is larger than the receiving system accepts.",
        advice: "Make the message smaller: remove attachments or send a link instead.",
    },
    KindInfo {
        kind: K::ExceedLimit,
        reason: "exceedlimit",
        action: A::FixContent,
        description: "The message exceeds a size limit set for this mailbox.",
        advice: "Send a smaller message to this recipient.",
    },
    KindInfo {
        kind: K::Delivered,
        reason: "delivered",
        action: A::NoAction,
        description: "The message was delivered.",
        advice: "Nothing to do: this is a success notice.",
    },
    KindInfo {
        kind: K::Vacation,
        reason: "vacation",
        action: A::NoAction,
        description: "An automatic reply such as an out-of-office message.",
        advice: "Nothing to do: the address works and the message arrived.",
    },
    KindInfo {
        kind: K::Feedback,
        reason: "feedback",
        action: A::StopSendingComplaint,
        description: "The recipient reported your message as unwanted.",
        advice: "Stop mailing this address, and check how it came to be on your list.",
    },
    KindInfo {
        kind: K::OnHold,
        reason: "onhold",
        action: A::ReviewManually,
        description: "An error was reported, but without enough detail to say which.",
        advice: "Read the server's text yourself before deciding; do not suppress on this alone.",
    },
    KindInfo {
        kind: K::Undefined,
        reason: "undefined",
        action: A::ReviewManually,
        description: "The notice gave no detail about the failure.",
        advice: "Nothing can be concluded; keep the address and watch for further bounces.",
    },
];

impl FailureKind {
    /// Every kind, in declaration order.
    pub const ALL: [FailureKind; 36] = {
        let mut all = [FailureKind::Undefined; 36];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].kind;
            i += 1;
        }
        all
    };

    fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    /// The lowercase reason name shared with Sisimai (`"userunknown"`, `"mailboxfull"`, …).
    pub fn reason(self) -> &'static str {
        self.info().reason
    }

    /// One plain-language sentence saying what happened.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// What the sender should do next.
    ///
    /// For `notaccept` this is the action for a permanent refusal; a transient one calls for
    /// [`RecommendedAction::RetryLater`], which [`crate::Bounce::recommended_action`] applies.
    pub fn recommended_action(self) -> RecommendedAction {
        self.info().action
    }

    /// Advice for the person who received the notice: what it means and what to do.
    pub fn advice(self) -> &'static str {
        self.info().advice
    }

    /// True for the kinds that say the address itself is dead when the failure is permanent.
    pub fn is_address_dead(self) -> bool {
        matches!(
            self,
            FailureKind::UserUnknown
                | FailureKind::HostUnknown
                | FailureKind::HasMoved
                | FailureKind::NotAccepted
        )
    }

    /// True for the kinds that report something other than a failure.
    pub fn is_failure(self) -> bool {
        !matches!(
            self,
            FailureKind::Delivered | FailureKind::Vacation | FailureKind::Feedback
        )
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// The text is not one of the 36 reason names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason name: {0:?}")]
pub struct ParseFailureKindError(pub String);

impl FromStr for FailureKind {
    type Err = ParseFailureKindError;

    /// Accepts the reason names, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KINDS
            .iter()
            .find(|info| info.reason.eq_ignore_ascii_case(s.trim()))
            .map(|info| info.kind)
            .ok_or_else(|| ParseFailureKindError(s.chars().take(40).collect()))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for FailureKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.reason())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FailureKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_follow_declaration_order() {
        for (i, info) in KINDS.iter().enumerate() {
            assert_eq!(info.kind as usize, i, "{}", info.reason);
        }
    }

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for kind in FailureKind::ALL {
            assert!(seen.insert(kind.reason()));
            assert_eq!(kind.reason().parse::<FailureKind>(), Ok(kind));
            assert_eq!(
                kind.reason().to_uppercase().parse::<FailureKind>(),
                Ok(kind)
            );
            assert!(!kind.description().is_empty() && !kind.advice().is_empty());
        }
        assert!("nosuchreason".parse::<FailureKind>().is_err());
    }

    #[test]
    fn sisimai_vocabulary_is_complete() {
        let names = "userunknown hostunknown hasmoved suspend mailboxfull filtered suppressed \
            notaccept systemfull systemerror networkerror expired mailererror toomanyconn speeding \
            blocked badreputation requireptr authfailure rejected norelaying securityerror \
            failedstarttls syntaxerror spamdetected virusdetected policyviolation contenterror \
            notcompliantrfc mesgtoobig exceedlimit delivered vacation feedback onhold undefined";
        let names: Vec<&str> = names.split_whitespace().collect();
        assert_eq!(names.len(), 36);
        for name in names {
            assert!(name.parse::<FailureKind>().is_ok(), "{name}");
        }
    }
}
