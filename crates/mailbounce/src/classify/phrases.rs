//! The general phrase rules of `phrases.txt`, compiled once.

use std::sync::LazyLock;

use super::rule_set::{PhraseRule, RuleSet};

/// The rule data, one `reason  phrase` per line.
const PHRASES: &str = include_str!("phrases.txt");

/// The compiled rules; `None` only if the data file is malformed, which the tests rule out.
static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| RuleSet::compile(PHRASES.lines()).ok());

/// The highest-priority phrase rule found in `text`.
pub(crate) fn find_phrase(text: &str) -> Option<&'static PhraseRule> {
    RULES.as_ref()?.find(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FailureKind;

    #[test]
    fn the_data_file_compiles() {
        if let Err(bad) = RuleSet::compile(PHRASES.lines()) {
            panic!("bad rule line: {bad:?}");
        }
    }

    #[test]
    fn every_phrase_is_reachable() {
        // Each phrase, standing alone, must decide its own reason: a rule shadowed by an
        // earlier, broader one of another reason would never fire.
        let rules = RULES.as_ref().unwrap();
        for rule in rules.rules() {
            let text = rule.phrase.replace(" ... ", " ");
            let found = find_phrase(&text).map(|r| r.kind);
            assert_eq!(found, Some(rule.kind), "{:?} is shadowed", rule.phrase);
        }
    }

    #[test]
    fn phrase_families_reach_their_reasons() {
        let cases = [
            ("550 5.1.1 User Unknown", FailureKind::UserUnknown),
            ("452 4.2.2 Mailbox is FULL", FailureKind::MailboxFull),
            (
                "the mailbox of this user is over quota",
                FailureKind::MailboxFull,
            ),
            ("Postfach voll", FailureKind::MailboxFull),
            ("550 Host unknown", FailureKind::HostUnknown),
            (
                "550 5.7.515 Access denied, sending domain doesn't meet the required authentication level",
                FailureKind::AuthFailure,
            ),
            (
                "Deferred: Connection refused by mx.example.org.",
                FailureKind::Blocked,
            ),
            ("554 Relay access denied", FailureKind::NoRelaying),
            (
                "552 Message size exceeds fixed limit",
                FailureKind::MessageTooLarge,
            ),
            (
                "552 5.2.3 message too large for this recipient",
                FailureKind::ExceedLimit,
            ),
            (
                "554 5.7.1 Message rejected as spam",
                FailureKind::SpamDetected,
            ),
            ("550 Account has been suspended", FailureKind::Suspended),
            (
                "550 Client host rejected: listed in zen.example",
                FailureKind::Blocked,
            ),
            ("550 SPF check failed", FailureKind::AuthFailure),
            ("Retry timeout exceeded", FailureKind::Expired),
            ("550 Virus found in message", FailureKind::VirusDetected),
            ("554 5.4.6 Too many hops", FailureKind::NetworkError),
            (
                "Sender address rejected: Domain not found",
                FailureKind::Rejected,
            ),
            (
                "550 Cannot find your reverse hostname",
                FailureKind::RequirePtr,
            ),
            (
                "421 deferred due to unexpected volume or user complaints",
                FailureKind::BadReputation,
            ),
            (
                "452 4.3.2 Connection rate limit exceeded",
                FailureKind::TooManyConnections,
            ),
            (
                "you are receiving mail at a rate that prevents delivery",
                FailureKind::Speeding,
            ),
            ("554 5.7.0 Header error", FailureKind::PolicyViolation),
            (
                "Messages with multiple addresses in From: header",
                FailureKind::NotCompliantRfc,
            ),
            (
                "improper use of 8-bit data in message header",
                FailureKind::ContentError,
            ),
            (
                "530 SMTP authentication is required",
                FailureKind::SecurityError,
            ),
            (
                "must issue a STARTTLS command first",
                FailureKind::FailedStartTls,
            ),
            ("452 4.4.5 Insufficient disk space", FailureKind::SystemFull),
            ("Command failed: procmail", FailureKind::MailerError),
            ("451 Local error in processing", FailureKind::SystemError),
            ("No MX found for domain", FailureKind::NotAccepted),
            ("501 Syntax error in parameters", FailureKind::SyntaxError),
            (
                "550 refused due to recipient preferences",
                FailureKind::Filtered,
            ),
            (
                "550 5.1.6 recipient no longer on server",
                FailureKind::HasMoved,
            ),
            (
                "Name service error for name=example.org",
                FailureKind::NetworkError,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(find_phrase(text).map(|r| r.kind), Some(want), "{text}");
        }
    }
}
