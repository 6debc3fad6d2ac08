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
            (
                "452 4.2.2 Delivery paused: account blocked for exceeding receiving limits",
                FailureKind::MailboxFull,
            ),
            (
                "552 Sorry, the mailbox would exceed its storage allowance",
                FailureKind::MailboxFull,
            ),
            (
                "552 5.2.2 Cannot deliver: full mailbox",
                FailureKind::MailboxFull,
            ),
            (
                "452 The recipient has exceeded quota",
                FailureKind::MailboxFull,
            ),
            (
                "552 Quota violation for this mailbox",
                FailureKind::MailboxFull,
            ),
            (
                "552 Too much mail data stored for this user",
                FailureKind::MailboxFull,
            ),
            (
                "452 The user keeps too many messages on the server",
                FailureKind::MailboxFull,
            ),
            (
                "552 Mailbox space has been used up",
                FailureKind::MailboxFull,
            ),
            (
                "552 Boîte du destinataire pleine, réessayez plus tard",
                FailureKind::MailboxFull,
            ),
            ("550 This mailbox is inactive", FailureKind::Suspended),
            ("550 Invalid/inactive user", FailureKind::Suspended),
            (
                "450 Account temporarily inactive, try later",
                FailureKind::Suspended,
            ),
            ("550 Deactivated mailbox", FailureKind::Suspended),
            (
                "550 The recipient is currently suspended",
                FailureKind::Suspended,
            ),
            (
                "550 This account has been temporarily suspended by the administrator",
                FailureKind::Suspended,
            ),
            (
                "550 The mailbox of bob has been suspended",
                FailureKind::Suspended,
            ),
            ("550 Account temporary locked", FailureKind::Suspended),
            (
                "550 Mailbox unavailable: user is terminated",
                FailureKind::Suspended,
            ),
            (
                "554 The recipient suspend the service for now",
                FailureKind::Suspended,
            ),
            (
                "550 5.2.1 The recipient domain is disabled",
                FailureKind::Suspended,
            ),
            ("550 Archived recipient", FailureKind::Suspended),
            ("550 Boîte du destinataire archivée", FailureKind::Suspended),
            (
                "550 This mailbox no longer accepts mail",
                FailureKind::Suspended,
            ),
            (
                "550 5.1.6 bob@example.org has been replaced by bob@example.net",
                FailureKind::HasMoved,
            ),
            (
                "554 This server is not an open relay",
                FailureKind::NoRelaying,
            ),
            ("550 5.7.1 Relay denied", FailureKind::NoRelaying),
            ("550 Relay prohibition in effect", FailureKind::NoRelaying),
            (
                "550 Relaying mail to example.net is not permitted",
                FailureKind::NoRelaying,
            ),
            (
                "550 You are not allowed to relay through this host",
                FailureKind::NoRelaying,
            ),
            (
                "554 This host is not configured to relay mail",
                FailureKind::NoRelaying,
            ),
            (
                "550 Use of this server as a relay is refused",
                FailureKind::NoRelaying,
            ),
            ("550 Not a gateway", FailureKind::NoRelaying),
            ("550 example.net is not local host", FailureKind::NoRelaying),
            (
                "530 Sign in first to send to a non-local e-mail address",
                FailureKind::NoRelaying,
            ),
            (
                "550 The specified domain is not allowed here",
                FailureKind::NoRelaying,
            ),
            (
                "550 We don't handle mail for example.net",
                FailureKind::NoRelaying,
            ),
            ("550 No mail box for this user", FailureKind::UserUnknown),
            (
                "550 The email address could not be found on this server",
                FailureKind::UserUnknown,
            ),
            ("550 <bob@example.org> not found", FailureKind::UserUnknown),
            (
                "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
                FailureKind::UserUnknown,
            ),
            (
                "550 The user's email name is not found here",
                FailureKind::UserUnknown,
            ),
            (
                "550 Address not present in directory",
                FailureKind::UserUnknown,
            ),
            ("550 Mailbox not present", FailureKind::UserUnknown),
            (
                "550 Nobody called bob in name directory",
                FailureKind::UserUnknown,
            ),
            ("550 Recipient not exist", FailureKind::UserUnknown),
            ("550 User not known here", FailureKind::UserUnknown),
            ("550 bob is not a known user", FailureKind::UserUnknown),
            ("550 User not active", FailureKind::UserUnknown),
            ("550 Nonexistent user bob", FailureKind::UserUnknown),
            (
                "550 Invalid or unknown virtual user",
                FailureKind::UserUnknown,
            ),
            ("550 No such address here", FailureKind::UserUnknown),
            (
                "550 No such person at this domain",
                FailureKind::UserUnknown,
            ),
            ("550 No account by that name", FailureKind::UserUnknown),
            (
                "550 Sorry, no one at this address",
                FailureKind::UserUnknown,
            ),
            ("550 Mailbox invalid", FailureKind::UserUnknown),
            ("550 Invalid user bob", FailureKind::UserUnknown),
            ("550 Address invalid", FailureKind::UserUnknown),
            ("553 Bad address", FailureKind::UserUnknown),
            ("550 Bad recipient", FailureKind::UserUnknown),
            ("550 Unknown e-mail address", FailureKind::UserUnknown),
            ("550 Unknown local-part bob", FailureKind::UserUnknown),
            (
                "550 This address is no longer valid",
                FailureKind::UserUnknown,
            ),
            ("550 The mailbox is unavailable", FailureKind::UserUnknown),
            (
                "553 Rejected: account unavailable",
                FailureKind::UserUnknown,
            ),
            ("550 Can't accept user", FailureKind::UserUnknown),
            ("550 User missing home directory", FailureKind::UserUnknown),
            ("550 Not a valid user here", FailureKind::UserUnknown),
            ("550 Not a local address", FailureKind::UserUnknown),
            (
                "550 bob is not an active address here",
                FailureKind::UserUnknown,
            ),
            ("550 Recipient is not accepted", FailureKind::UserUnknown),
            ("550 Recipient is not local", FailureKind::UserUnknown),
            ("550 Recipient not OK", FailureKind::UserUnknown),
            (
                "550 The recipient refuses to accept mail",
                FailureKind::UserUnknown,
            ),
            (
                "553 Your envelope recipient has been denied",
                FailureKind::UserUnknown,
            ),
            (
                "550 All destination addresses were unknown",
                FailureKind::UserUnknown,
            ),
            (
                "550 The destination server rejected recipients",
                FailureKind::UserUnknown,
            ),
            (
                "553 Sorry, this recipient is listed in badrcptto",
                FailureKind::UserUnknown,
            ),
            (
                "553 Sorry, that domain or user isn't in my list of allowed rcpthosts",
                FailureKind::UserUnknown,
            ),
            (
                "550 Zustellung fehlgeschlagen, weil die Adresse nicht gefunden wurde",
                FailureKind::UserUnknown,
            ),
            ("550 Nessun utente simile", FailureKind::UserUnknown),
            ("550 No existe ese usuario aquí", FailureKind::UserUnknown),
            ("550 Utilisateur inconnu", FailureKind::UserUnknown),
            (
                "550 The recipient chose to refuse to receive mail from you",
                FailureKind::Filtered,
            ),
            (
                "550 You have been blocked by the recipient",
                FailureKind::Filtered,
            ),
            (
                "550 Message rejected due to user rules",
                FailureKind::Filtered,
            ),
            ("550 User reject", FailureKind::Filtered),
            ("550 Not found recipient account", FailureKind::Filtered),
            (
                "550 This account is protected by a sender whitelist",
                FailureKind::Filtered,
            ),
            (
                "550 The subscriber has restricted SMS e-mail",
                FailureKind::Filtered,
            ),
            (
                "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized",
                FailureKind::Filtered,
            ),
            (
                "552 Due to inactivity, new mail is not currently being accepted for this mailbox",
                FailureKind::Filtered,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(find_phrase(text).map(|r| r.kind), Some(want), "{text}");
        }
    }
}
