//! One affected recipient of a notice, and the small types that describe it.

use std::fmt;

use super::failure_kind::{FailureKind, RecommendedAction};
use super::responsibility::Responsibility;
use super::status::{StatusClass, StatusCode};

/// What the reporting server did with the message for this recipient (RFC 3464 `Action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Action {
    /// Delivery failed and will not be retried.
    Failed,
    /// Delivery has not succeeded yet and will be retried.
    Delayed,
    /// The message was delivered.
    Delivered,
    /// The message was passed on to a system that sends no further notices.
    Relayed,
    /// The message was delivered and forwarded to several addresses (an alias or list).
    Expanded,
}

impl Action {
    /// Reads an `Action` field value, ignoring case and trailing comments.
    pub fn from_field(value: &str) -> Option<Self> {
        let word = value
            .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
            .next()
            .unwrap_or_default();
        [
            ("failed", Action::Failed),
            ("failure", Action::Failed),
            ("delayed", Action::Delayed),
            ("delivered", Action::Delivered),
            ("relayed", Action::Relayed),
            ("expanded", Action::Expanded),
        ]
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|(_, action)| action)
    }

    /// The lowercase RFC 3464 name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Failed => "failed",
            Action::Delayed => "delayed",
            Action::Delivered => "delivered",
            Action::Relayed => "relayed",
            Action::Expanded => "expanded",
        }
    }

    /// True for the actions that report success rather than failure.
    pub fn is_success(self) -> bool {
        matches!(self, Action::Delivered | Action::Relayed | Action::Expanded)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a failure will pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Permanence {
    /// Sending the same message again will fail the same way.
    Permanent,
    /// The cause may pass; a later attempt may succeed.
    Transient,
    /// Not a failure at all (success, auto-reply, complaint).
    NotAFailure,
}

impl Permanence {
    /// The snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Permanence::Permanent => "permanent",
            Permanence::Transient => "transient",
            Permanence::NotAFailure => "not_a_failure",
        }
    }

    /// Decides permanence from what the notice says, strongest evidence first: the action
    /// (`delayed` is always transient, success actions are no failure), then the status class,
    /// then the SMTP reply class, then the kind; a failure with no code at all is permanent.
    pub fn decide(
        action: Option<Action>,
        status: Option<StatusCode>,
        reply_code: Option<u16>,
        kind: FailureKind,
    ) -> Permanence {
        match action {
            Some(Action::Delayed) => return Permanence::Transient,
            Some(a) if a.is_success() => return Permanence::NotAFailure,
            _ => {}
        }
        if !kind.is_failure() {
            return Permanence::NotAFailure;
        }
        let class = status
            .map(StatusCode::class)
            .or_else(|| reply_code.and_then(|c| StatusClass::from_digit((c / 100) as u8)));
        match class {
            Some(StatusClass::Success) => Permanence::NotAFailure,
            Some(StatusClass::TransientFailure) => Permanence::Transient,
            Some(StatusClass::PermanentFailure) | None => Permanence::Permanent,
        }
    }
}

impl fmt::Display for Permanence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The SMTP command the remote server was answering when it refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
#[non_exhaustive]
pub enum SmtpCommand {
    /// The connection greeting, before any command.
    Conn,
    /// `HELO`.
    Helo,
    /// `EHLO`.
    Ehlo,
    /// `STARTTLS`.
    StartTls,
    /// `AUTH`.
    Auth,
    /// `MAIL FROM`.
    Mail,
    /// `RCPT TO`.
    Rcpt,
    /// `DATA`, or the end of the data ("after end of DATA").
    Data,
    /// `BDAT` (CHUNKING).
    Bdat,
    /// `QUIT`.
    Quit,
}

impl SmtpCommand {
    /// The command as Sisimai spells it (`"RCPT"`, `"DATA"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpCommand::Conn => "CONN",
            SmtpCommand::Helo => "HELO",
            SmtpCommand::Ehlo => "EHLO",
            SmtpCommand::StartTls => "STARTTLS",
            SmtpCommand::Auth => "AUTH",
            SmtpCommand::Mail => "MAIL",
            SmtpCommand::Rcpt => "RCPT",
            SmtpCommand::Data => "DATA",
            SmtpCommand::Bdat => "BDAT",
            SmtpCommand::Quit => "QUIT",
        }
    }

    /// Reads a command word (`"RCPT"`, `"mail"`, `"end of data"`, …), ignoring case.
    pub fn from_word(word: &str) -> Option<Self> {
        let word = word.trim();
        let upper = word.to_ascii_uppercase();
        let upper = upper.strip_prefix("END OF ").unwrap_or(&upper);
        Some(match upper {
            "CONN" | "CONNECT" => SmtpCommand::Conn,
            "HELO" => SmtpCommand::Helo,
            "EHLO" => SmtpCommand::Ehlo,
            "STARTTLS" => SmtpCommand::StartTls,
            "AUTH" => SmtpCommand::Auth,
            "MAIL" | "MAIL FROM" => SmtpCommand::Mail,
            "RCPT" | "RCPT TO" => SmtpCommand::Rcpt,
            "DATA" => SmtpCommand::Data,
            "BDAT" => SmtpCommand::Bdat,
            "QUIT" => SmtpCommand::Quit,
            _ => return None,
        })
    }
}

impl fmt::Display for SmtpCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date as the notice wrote it, with its moment in time when it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MailDate {
    /// The text of the field, unfolded.
    pub text: String,
    /// Seconds since the Unix epoch (UTC), when the text is an RFC 5322 date.
    pub timestamp: Option<i64>,
}

impl fmt::Display for MailDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// One affected recipient of a notice: who, what happened, why, and what the server said.
///
/// Built by [`crate::parse`]; every text field is decoded and unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Bounce {
    /// The recipient the notice is about (RFC 3464 `Final-Recipient`, or the address named in
    /// the text).
    pub recipient: Option<String>,
    /// The address the sender originally gave (`Original-Recipient`, from ORCPT), when it differs
    /// from or precedes forwarding.
    pub original_recipient: Option<String>,
    /// What the server did for this recipient.
    pub action: Option<Action>,
    /// The RFC 3463 status code.
    pub status: Option<StatusCode>,
    /// The SMTP reply code (`550`, `452`, …) when the notice gives one.
    pub reply_code: Option<u16>,
    /// The remote server's words (or the reporting server's explanation), unfolded and decoded.
    pub diagnostic: Option<String>,
    /// The type of the diagnostic (`smtp`, `x-unix`, …), lowercase.
    pub diagnostic_type: Option<String>,
    /// The remote mail server that answered, when named.
    pub remote_mta: Option<String>,
    /// The SMTP command the remote server was answering.
    pub command: Option<SmtpCommand>,
    /// When delivery was last attempted.
    pub last_attempt: Option<MailDate>,
    /// Until when the server keeps retrying (delay notices).
    pub will_retry_until: Option<MailDate>,
    /// Why delivery failed (or what else happened).
    pub kind: FailureKind,
    /// True when the address itself is dead: stop mailing it.
    pub hard_bounce: bool,
    /// Whether the failure will pass.
    pub permanence: Permanence,
    /// The feedback type of a complaint report (`abuse`, `opt-out`, …).
    pub feedback_type: Option<String>,
    /// The rule that decided `kind`, e.g. `status:5.2.2` or `phrase:mailboxfull:"mailbox is full"`.
    pub matched_rule: String,
    /// Which reader decoded this record (`rfc3464`, …).
    pub decoded_by: String,
    /// For an unknown user or host: the address probably meant, when the recipient's domain is
    /// a typing slip away from a large provider's (`ann@gmial.com` → `ann@gmail.com`).
    pub suggested_recipient: Option<String>,
    /// The email service provider's own category for this recipient, kept as data when the
    /// record comes from an ESP payload (`Permanent/General`, `bounce:Invalid Address`,
    /// `HardBounce`, …). `kind` is ours and may disagree: the provider's label decides only
    /// when the payload gives no status or words to classify.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub provider_label: Option<String>,
}

/// What a feedback report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeedbackNature {
    /// The recipient, or their provider for them, reported the message as unwanted.
    Complaint,
    /// The message failed the receiver's authentication checks (RFC 6591).
    AuthFailure,
    /// The message carried malware.
    Virus,
    /// The recipient marked the message as wanted.
    NotSpam,
}

impl Bounce {
    /// What the sender should do about this record.
    ///
    /// Follows the kind, except that a transient `notaccept` calls for a retry, and a feedback
    /// report that is not a complaint (an `auth-failure`, `virus` or `not-spam` report) calls
    /// for what it reports.
    pub fn recommended_action(&self) -> RecommendedAction {
        match (self.feedback_nature(), self.kind, self.permanence) {
            (Some(FeedbackNature::AuthFailure), _, _) => RecommendedAction::FixSendingSetup,
            (Some(FeedbackNature::Virus), _, _) => RecommendedAction::FixContent,
            (Some(FeedbackNature::NotSpam), _, _) => RecommendedAction::NoAction,
            (_, FailureKind::NotAccepted, Permanence::Transient) => RecommendedAction::RetryLater,
            (_, kind, _) => kind.recommended_action(),
        }
    }

    /// Whose side must act: the recipient's, ours, or nobody's but time's.
    ///
    /// Suppress an address only when this is [`Responsibility::Recipient`] and the failure is
    /// [`Permanence::Permanent`] (or a complaint); see `docs/policy.md`. A delayed record is
    /// always [`Responsibility::Transient`]. A feedback report about our authentication or a
    /// virus is the sender's; a `not-spam` report is no failure.
    pub fn responsibility(&self) -> Responsibility {
        match self.feedback_nature() {
            Some(FeedbackNature::AuthFailure | FeedbackNature::Virus) => {
                return Responsibility::Sender;
            }
            Some(FeedbackNature::NotSpam) => return Responsibility::NotAFailure,
            Some(FeedbackNature::Complaint) | None => {}
        }
        match self.kind.responsibility() {
            Responsibility::NotAFailure => Responsibility::NotAFailure,
            _ if self.action == Some(Action::Delayed) => Responsibility::Transient,
            side => side,
        }
    }

    /// The recommended suppression policy: true for a recipient-side failure that is permanent,
    /// and for a complaint. Never for our own faults (fix the setup instead) nor for transient
    /// ones (retry).
    pub fn should_suppress(&self) -> bool {
        self.responsibility() == Responsibility::Recipient
            && (self.permanence == Permanence::Permanent || self.kind == FailureKind::Feedback)
    }

    /// Advice for the person who received the notice: the kind's advice, with the likely
    /// correct address when the recipient looks mistyped, or what a feedback report that is
    /// not a complaint asks for.
    pub fn advice(&self) -> String {
        let feedback = match self.feedback_nature() {
            Some(FeedbackNature::AuthFailure) => Some(
                "The receiving system reports that your message failed its authentication \
checks (SPF, DKIM or DMARC); the recipient did not complain. Fix how your domain \
authenticates its mail.",
            ),
            Some(FeedbackNature::Virus) => Some(
                "The receiving system reports that your message carried malware; check what \
was sent and from where.",
            ),
            Some(FeedbackNature::NotSpam) => {
                Some("The recipient marked your message as not spam: nothing to do.")
            }
            Some(FeedbackNature::Complaint) | None => None,
        };
        if let Some(advice) = feedback {
            return advice.to_string();
        }
        match &self.suggested_recipient {
            Some(suggested) => format!(
                "The domain looks mistyped: did you mean {suggested}? {}",
                self.kind.advice()
            ),
            None => self.kind.advice().to_string(),
        }
    }

    /// What a feedback report says, from its `Feedback-Type` (RFC 5965, RFC 6591); `None` for
    /// any other record.
    fn feedback_nature(&self) -> Option<FeedbackNature> {
        if self.kind != FailureKind::Feedback {
            return None;
        }
        let feedback_type = self.feedback_type.as_deref().unwrap_or_default().trim();
        Some(if feedback_type.eq_ignore_ascii_case("auth-failure") {
            FeedbackNature::AuthFailure
        } else if feedback_type.eq_ignore_ascii_case("virus") {
            FeedbackNature::Virus
        } else if feedback_type.eq_ignore_ascii_case("not-spam") {
            FeedbackNature::NotSpam
        } else {
            // `abuse`, `fraud`, `opt-out`, `other` and reports that name no type.
            FeedbackNature::Complaint
        })
    }

    /// True when `hard_bounce` should hold for this kind, permanence and action: the address is
    /// dead (unknown user or host, moved, a domain that takes no mail) and the failure is final.
    pub fn is_hard(kind: FailureKind, permanence: Permanence, action: Option<Action>) -> bool {
        if action == Some(Action::Delayed) || !kind.is_address_dead() {
            return false;
        }
        match kind {
            FailureKind::NotAccepted => permanence == Permanence::Permanent,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_reads_field_values() {
        assert_eq!(Action::from_field("failed"), Some(Action::Failed));
        assert_eq!(
            Action::from_field("Delayed (will retry)"),
            Some(Action::Delayed)
        );
        assert_eq!(Action::from_field("DELIVERED"), Some(Action::Delivered));
        assert_eq!(Action::from_field("bounced"), None);
    }

    #[test]
    fn delayed_is_transient_whatever_the_code() {
        let code = "5.1.1".parse().ok();
        let p = Permanence::decide(
            Some(Action::Delayed),
            code,
            Some(550),
            FailureKind::UserUnknown,
        );
        assert_eq!(p, Permanence::Transient);
        assert!(!Bounce::is_hard(
            FailureKind::UserUnknown,
            p,
            Some(Action::Delayed)
        ));
    }

    #[test]
    fn permanence_follows_class() {
        let code = |s: &str| s.parse().ok();
        let kind = FailureKind::MailboxFull;
        assert_eq!(
            Permanence::decide(None, code("4.2.2"), None, kind),
            Permanence::Transient
        );
        assert_eq!(
            Permanence::decide(None, code("5.2.2"), None, kind),
            Permanence::Permanent
        );
        assert_eq!(
            Permanence::decide(None, None, Some(452), kind),
            Permanence::Transient
        );
        assert_eq!(
            Permanence::decide(None, None, None, kind),
            Permanence::Permanent
        );
        let vacation = FailureKind::Vacation;
        assert_eq!(
            Permanence::decide(None, None, None, vacation),
            Permanence::NotAFailure
        );
    }

    #[test]
    fn notaccept_is_hard_only_when_permanent() {
        let kind = FailureKind::NotAccepted;
        assert!(Bounce::is_hard(
            kind,
            Permanence::Permanent,
            Some(Action::Failed)
        ));
        assert!(!Bounce::is_hard(
            kind,
            Permanence::Transient,
            Some(Action::Failed)
        ));
        assert!(!Bounce::is_hard(
            FailureKind::MailboxFull,
            Permanence::Permanent,
            None
        ));
    }

    #[test]
    fn commands_read_and_print() {
        assert_eq!(SmtpCommand::from_word("rcpt to"), Some(SmtpCommand::Rcpt));
        assert_eq!(
            SmtpCommand::from_word("end of DATA"),
            Some(SmtpCommand::Data)
        );
        assert_eq!(SmtpCommand::Mail.as_str(), "MAIL");
        assert_eq!(SmtpCommand::from_word("VRFY"), None);
    }
}
