//! Classification: from what a notice says about a recipient to a [`FailureKind`], with the
//! rule that decided it.
//!
//! The order of evidence, strongest first, is [`classify`] itself: the notice kind, the
//! server's words, a specific status code, the reply code, and finally `onhold` or `undefined`.

mod phrases;
mod reply_codes;
mod status_codes;

use crate::formats::RecipientFacts;
use crate::model::{Action, Bounce, FailureKind, NoticeKind, Permanence, SmtpCommand};

/// The kind decided for one recipient and the rule that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) kind: FailureKind,
    pub(crate) rule: String,
}

impl Verdict {
    fn new(kind: FailureKind, rule: impl Into<String>) -> Self {
        Verdict {
            kind,
            rule: rule.into(),
        }
    }
}

/// Decides why delivery to one recipient failed (or what else happened).
pub(crate) fn classify(facts: &RecipientFacts, notice: NoticeKind) -> Verdict {
    if facts.action.is_some_and(Action::is_success) || notice == NoticeKind::Success {
        return Verdict::new(FailureKind::Delivered, "action:delivered");
    }
    if facts.feedback_type.is_some() || notice == NoticeKind::Feedback {
        return Verdict::new(FailureKind::Feedback, "notice:feedback");
    }
    if notice == NoticeKind::AutoReply {
        return Verdict::new(FailureKind::Vacation, "notice:auto_reply");
    }
    if let Some(rule) = facts.diagnostic.as_deref().and_then(phrases::find_phrase) {
        let name = rule.kind.reason();
        let after_data = matches!(facts.command, Some(SmtpCommand::Data | SmtpCommand::Bdat));
        if rule.kind == FailureKind::UserUnknown && after_data {
            // The address was accepted at RCPT and refused only after the content was seen:
            // that is a filter's decision, not a missing mailbox.
            return Verdict::new(
                FailureKind::Filtered,
                format!("phrase:{name}:{:?}+after-data", rule.phrase),
            );
        }
        return Verdict::new(rule.kind, format!("phrase:{name}:{:?}", rule.phrase));
    }
    if let Some(code) = facts.status
        && let Some(kind) = status_codes::kind_for_status(code)
    {
        return Verdict::new(kind, format!("status:{code}"));
    }
    if let Some(code) = facts.reply_code
        && let Some(kind) = reply_codes::kind_for_reply(code)
    {
        return Verdict::new(kind, format!("reply:{code}"));
    }
    let has_detail =
        facts.status.is_some() || facts.reply_code.is_some() || facts.diagnostic.is_some();
    if has_detail {
        Verdict::new(FailureKind::OnHold, "fallback:onhold")
    } else {
        Verdict::new(FailureKind::Undefined, "fallback:undefined")
    }
}

/// Builds the public record for one recipient: classification, permanence and hard bounce.
pub(crate) fn to_bounce(facts: RecipientFacts, notice: NoticeKind, decoded_by: &str) -> Bounce {
    let verdict = classify(&facts, notice);
    let permanence = Permanence::decide(facts.action, facts.status, facts.reply_code, verdict.kind);
    let hard_bounce = Bounce::is_hard(verdict.kind, permanence, facts.action);
    Bounce {
        recipient: facts.recipient,
        original_recipient: facts.original_recipient,
        action: facts.action,
        status: facts.status,
        reply_code: facts.reply_code,
        diagnostic: facts.diagnostic,
        diagnostic_type: facts.diagnostic_type,
        remote_mta: facts.remote_mta,
        command: facts.command,
        last_attempt: facts.last_attempt,
        will_retry_until: facts.will_retry_until,
        kind: verdict.kind,
        hard_bounce,
        permanence,
        feedback_type: facts.feedback_type,
        matched_rule: verdict.rule,
        decoded_by: decoded_by.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Option<&str>, reply: Option<u16>, text: Option<&str>) -> RecipientFacts {
        RecipientFacts {
            status: status.and_then(|s| s.parse().ok()),
            reply_code: reply,
            diagnostic: text.map(str::to_string),
            action: Some(Action::Failed),
            ..RecipientFacts::default()
        }
    }

    #[test]
    fn words_beat_broad_codes() {
        let v = classify(
            &facts(Some("5.7.1"), Some(550), Some("Relay access denied")),
            NoticeKind::Failure,
        );
        assert_eq!(v.kind, FailureKind::NoRelaying);
        assert_eq!(v.rule, "phrase:norelaying:\"relay access denied\"");
    }

    #[test]
    fn status_decides_when_words_do_not() {
        let v = classify(
            &facts(Some("5.2.2"), Some(550), Some("go away")),
            NoticeKind::Failure,
        );
        assert_eq!(
            (v.kind, v.rule.as_str()),
            (FailureKind::MailboxFull, "status:5.2.2")
        );
    }

    #[test]
    fn reply_code_then_fallbacks() {
        let v = classify(&facts(None, Some(552), Some("nope")), NoticeKind::Failure);
        assert_eq!(v.kind, FailureKind::MailboxFull);
        let v = classify(
            &facts(Some("5.0.0"), None, Some("nope")),
            NoticeKind::Failure,
        );
        assert_eq!(v.kind, FailureKind::OnHold);
        let v = classify(&facts(None, None, None), NoticeKind::Failure);
        assert_eq!(v.kind, FailureKind::Undefined);
    }

    #[test]
    fn unknown_user_after_data_is_a_filter() {
        let mut f = facts(Some("5.0.0"), Some(550), Some("550 Unknown user"));
        f.command = Some(SmtpCommand::Data);
        let v = classify(&f, NoticeKind::Failure);
        assert_eq!(v.kind, FailureKind::Filtered);
        f.command = Some(SmtpCommand::Rcpt);
        assert_eq!(
            classify(&f, NoticeKind::Failure).kind,
            FailureKind::UserUnknown
        );
    }

    #[test]
    fn non_failures() {
        let mut f = facts(Some("2.0.0"), Some(250), Some("ok"));
        f.action = Some(Action::Delivered);
        assert_eq!(
            classify(&f, NoticeKind::Success).kind,
            FailureKind::Delivered
        );
        let b = to_bounce(f, NoticeKind::Success, "rfc3464");
        assert_eq!(b.permanence, Permanence::NotAFailure);
        assert!(!b.hard_bounce);
    }

    #[test]
    fn unknown_user_is_a_hard_bounce() {
        let b = to_bounce(
            facts(Some("5.1.1"), Some(550), Some("no")),
            NoticeKind::Failure,
            "t",
        );
        assert_eq!(b.kind, FailureKind::UserUnknown);
        assert!(b.hard_bounce);
        assert_eq!(b.permanence, Permanence::Permanent);
    }
}
