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
            (
                "550 No mailbox found for that address",
                FailureKind::UserUnknown,
            ),
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
                "550 Host <mail.example.org> not found",
                FailureKind::HostUnknown,
            ),
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
            (
                "454 Throttling failure: too many messages today for this sender",
                FailureKind::Speeding,
            ),
            (
                "550 5.7.1 Helo command rejected: host not found",
                FailureKind::Blocked,
            ),
            (
                "550 Posting refused by non-member to a members-only list",
                FailureKind::Rejected,
            ),
            (
                "550 Not member article from bob@example.org",
                FailureKind::Rejected,
            ),
            (
                "550 5.7.1 Access denied: sender blacklisted",
                FailureKind::Rejected,
            ),
            (
                "550 Sender address blacklisted by the recipient's site",
                FailureKind::Rejected,
            ),
            (
                "550 The sender address has been blacklisted",
                FailureKind::Rejected,
            ),
            (
                "550 Your email address has been blacklisted here",
                FailureKind::Rejected,
            ),
            (
                "550 You are writing from an address that has been blacklisted",
                FailureKind::Rejected,
            ),
            ("550 The sender is in my black list", FailureKind::Rejected),
            (
                "550 5.7.1 MailFrom domain is listed in a blocklist",
                FailureKind::Rejected,
            ),
            (
                "554 Sender domain listed at a reputation service",
                FailureKind::Rejected,
            ),
            ("550 Sender is spammer", FailureKind::Rejected),
            ("550 Sender not pre-approved", FailureKind::Rejected),
            ("553 Sender email address rejected", FailureKind::Rejected),
            ("553 Sender domain is empty", FailureKind::Rejected),
            (
                "550 Domain example.net is a dead domain",
                FailureKind::Rejected,
            ),
            ("550 From: domain is invalid", FailureKind::Rejected),
            (
                "550 Fully qualified email address required",
                FailureKind::Rejected,
            ),
            (
                "550 Syntax error: empty email address",
                FailureKind::Rejected,
            ),
            (
                "550 Empty envelope senders not allowed here",
                FailureKind::Rejected,
            ),
            ("550 Null sender is not allowed", FailureKind::Rejected),
            ("550 Bogus mail from", FailureKind::Rejected),
            ("550 MAIL FROM not owned by user", FailureKind::Rejected),
            (
                "550 bob@example.org is not a registered gateway user",
                FailureKind::Rejected,
            ),
            (
                "550 It looks like you are sending this from a different address or alias",
                FailureKind::Rejected,
            ),
            (
                "550 This server does not accept mail from your domain",
                FailureKind::Rejected,
            ),
            (
                "550 You are not on the recipient's list of senders to accept mail from",
                FailureKind::Rejected,
            ),
            (
                "550 The sender has an outgoing mail suspension",
                FailureKind::Rejected,
            ),
            (
                "550 Your access to submit messages to this e-mail system has been rejected",
                FailureKind::Rejected,
            ),
            ("550 Administrative prohibition", FailureKind::Rejected),
            (
                "550 Rule imposed mailbox access for bob@example.org refused",
                FailureKind::Rejected,
            ),
            ("553 BATV check failed", FailureKind::Rejected),
            (
                "550 Backscatter protection: the address is not one of ours",
                FailureKind::Rejected,
            ),
            ("550 Error: no third-party DSNs", FailureKind::Rejected),
            (
                "550 Transaction failed: unsigned DSN",
                FailureKind::Rejected,
            ),
            ("550 Returned mail not accepted here", FailureKind::Rejected),
            ("553 BadSenderMX", FailureKind::Rejected),
            ("553 SenderNoA", FailureKind::Rejected),
            ("550 Denied [BounceDeny]", FailureKind::Rejected),
            (
                "550 Denied by the valid-address-filter",
                FailureKind::Rejected,
            ),
            (
                "550 The address is on the SenderFilterConfig list",
                FailureKind::Rejected,
            ),
            ("550 Émetteur invalide", FailureKind::Rejected),
            ("550 Host unreachable", FailureKind::HostUnknown),
            ("550 Unroutable address", FailureKind::HostUnknown),
            (
                "550 Recipient address rejected: unknown domain name",
                FailureKind::HostUnknown,
            ),
            ("553 Recipient domain must exist", FailureKind::HostUnknown),
            (
                "550 The account or domain may not exist",
                FailureKind::HostUnknown,
            ),
            (
                "550 The domain mentioned in email address is unknown",
                FailureKind::HostUnknown,
            ),
            (
                "553 Illegal host/domain name found",
                FailureKind::HostUnknown,
            ),
            (
                "550 Sorry, I couldn't find any host named example.net",
                FailureKind::HostUnknown,
            ),
            (
                "550 DNS server returned answer with no data",
                FailureKind::HostUnknown,
            ),
            (
                "550 5.7.509 Access denied, the From address doesn't meet the authentication requirements",
                FailureKind::AuthFailure,
            ),
            (
                "550 Rejected by Sender Policy Framework",
                FailureKind::AuthFailure,
            ),
            (
                "550 Please inspect your SPF settings",
                FailureKind::AuthFailure,
            ),
            ("550 SPF check: fail", FailureKind::AuthFailure),
            (
                "550 IPs with missing PTR records are refused",
                FailureKind::RequirePtr,
            ),
            (
                "550 Generic DNS PTR names are not accepted",
                FailureKind::RequirePtr,
            ),
            (
                "550 Bad PTR resource record for your address",
                FailureKind::RequirePtr,
            ),
            (
                "550 The forward DNS entry does not match the sending IP",
                FailureKind::RequirePtr,
            ),
            (
                "550 Access denied. IP name lookup failed",
                FailureKind::RequirePtr,
            ),
            ("450 Unresolvable relay host name", FailureKind::RequirePtr),
            (
                "550 Your mail has a poor email reputation score",
                FailureKind::BadReputation,
            ),
            (
                "421 Deferred: the sending MTA's poor reputation",
                FailureKind::BadReputation,
            ),
            (
                "550 IP/domain reputation problems",
                FailureKind::BadReputation,
            ),
            ("550 Dynamic/zombied/spam IPs blocked", FailureKind::Blocked),
            ("550 Rejected as bulk email", FailureKind::SpamDetected),
            ("550 Reject bulk.advertising", FailureKind::SpamDetected),
            (
                "550 This mail appears to be unsolicited",
                FailureKind::SpamDetected,
            ),
            ("550 Spamming not allowed", FailureKind::SpamDetected),
            (
                "550 Rejected: SpamAssassin score too high",
                FailureKind::SpamDetected,
            ),
            (
                "550 Message refused by SpamProfiler",
                FailureKind::SpamDetected,
            ),
            (
                "550 The message did not pass our antispam checks",
                FailureKind::SpamDetected,
            ),
            (
                "550 A link in your message is on a URIBL list",
                FailureKind::SpamDetected,
            ),
            ("550 Blacklisted URL in message", FailureKind::SpamDetected),
            (
                "550 Rejected by recurrent pattern detection",
                FailureKind::SpamDetected,
            ),
            ("554 Content filter rejection", FailureKind::SpamDetected),
            ("554 Mail content denied", FailureKind::SpamDetected),
            ("554 Rejecting mail content", FailureKind::SpamDetected),
            (
                "554 Message rejected because of unacceptable content",
                FailureKind::SpamDetected,
            ),
            ("554 Rejecting banned content", FailureKind::SpamDetected),
            (
                "451 Your message has been blocked by our filter for now",
                FailureKind::SpamDetected,
            ),
            (
                "421 Too many concurrent SMTP connections from this IP",
                FailureKind::TooManyConnections,
            ),
            (
                "421 Too many SMTP sessions for this host",
                FailureKind::TooManyConnections,
            ),
            (
                "421 Too many open sessions",
                FailureKind::TooManyConnections,
            ),
            (
                "421 Too many errors from your IP",
                FailureKind::TooManyConnections,
            ),
            (
                "421 Trop de connexions, réessayez plus tard",
                FailureKind::TooManyConnections,
            ),
            (
                "421 We have made numerous attempts to deliver this message",
                FailureKind::TooManyConnections,
            ),
            (
                "451 Your messages are being rate limited",
                FailureKind::Speeding,
            ),
            (
                "451 Client host rejected: please try again slower",
                FailureKind::Speeding,
            ),
            (
                "550 The sender has exceeded the max emails per hour",
                FailureKind::Speeding,
            ),
            (
                "550 You have exceeded the number of posts allowed without solving a captcha",
                FailureKind::Speeding,
            ),
            ("550 Listed on a blacklist", FailureKind::Blocked),
            ("550 Your host is in a black list", FailureKind::Blocked),
            (
                "550 Your IP address is listed at a DNSBL",
                FailureKind::Blocked,
            ),
            (
                "550 Server IP 192.0.2.1 listed as abusive",
                FailureKind::Blocked,
            ),
            ("550 Sender IP address rejected", FailureKind::Blocked),
            ("550 Your access IP has been rejected", FailureKind::Blocked),
            (
                "550 Access from IP address 192.0.2.1 blocked",
                FailureKind::Blocked,
            ),
            (
                "550 Invalid IP for sending mail of this domain",
                FailureKind::Blocked,
            ),
            ("550 Extreme bad IP profile", FailureKind::Blocked),
            ("550 Host network not allowed", FailureKind::Blocked),
            (
                "550 We do not accept mail from dynamic IPs",
                FailureKind::Blocked,
            ),
            ("550 Rejecting open proxy", FailureKind::Blocked),
            (
                "550 Your remote host looks suspiciously like spammer",
                FailureKind::Blocked,
            ),
            (
                "550 Too many unwanted messages have been sent from your IP",
                FailureKind::Blocked,
            ),
            (
                "421 Messages from 192.0.2.1 deferred due to user complaints",
                FailureKind::Blocked,
            ),
            (
                "550 Rejected because the sending MTA has not passed validation",
                FailureKind::Blocked,
            ),
            (
                "550 No access from mail server 192.0.2.1",
                FailureKind::Blocked,
            ),
            ("550 No matches to nameserver query", FailureKind::Blocked),
            ("554 You are not allowed to connect", FailureKind::Blocked),
            ("554 ESMTP not accepting connections", FailureKind::Blocked),
            (
                "450 Please confirm this mail server first",
                FailureKind::Blocked,
            ),
            (
                "550 SMTP error from remote mail server after initial connection: 554 go away",
                FailureKind::Blocked,
            ),
            (
                "552 Message header size exceeds limit for this mailbox",
                FailureKind::ExceedLimit,
            ),
            (
                "552 Your mail exceeded the maximum incoming message size",
                FailureKind::MessageTooLarge,
            ),
            (
                "552 Max message size exceeded",
                FailureKind::MessageTooLarge,
            ),
            ("552 Message file too big", FailureKind::MessageTooLarge),
            ("552 Line limit exceeded", FailureKind::MessageTooLarge),
            (
                "552 Taille limite du message atteinte",
                FailureKind::MessageTooLarge,
            ),
            (
                "554 Rejected: it has a potentially executable attachment",
                FailureKind::VirusDetected,
            ),
            (
                "550 You are not subscribed to this group",
                FailureKind::PolicyViolation,
            ),
            (
                "554 There is an illegal attachment on your message",
                FailureKind::PolicyViolation,
            ),
            (
                "554 We do not take images or other attachments",
                FailureKind::PolicyViolation,
            ),
            (
                "554 The recipient is not accepting mail with attachments",
                FailureKind::PolicyViolation,
            ),
            (
                "550 Message rejected due to local policy",
                FailureKind::PolicyViolation,
            ),
            (
                "554 Email rejected due to security policies",
                FailureKind::PolicyViolation,
            ),
            (
                "550 The message was rejected by organization policy",
                FailureKind::PolicyViolation,
            ),
            (
                "550 Message bounced due to organizational settings",
                FailureKind::PolicyViolation,
            ),
            (
                "451 Message given low priority",
                FailureKind::PolicyViolation,
            ),
            (
                "550 You're using a mass mailer",
                FailureKind::PolicyViolation,
            ),
            (
                "550 RFC 1035 violation: recursive CNAME records for example.net",
                FailureKind::NotCompliantRfc,
            ),
            (
                "552 Header size exceeds maximum permitted",
                FailureKind::ContentError,
            ),
            (
                "552 Message header size, or recipient list, exceeds policy limit",
                FailureKind::ContentError,
            ),
            (
                "554 The message contains improperly-formatted binary content",
                FailureKind::ContentError,
            ),
            (
                "554 The message uses unnecessary base64 encoding",
                FailureKind::ContentError,
            ),
            (
                "530 Authentication is required to send mail",
                FailureKind::SecurityError,
            ),
            ("535 Authentication failure", FailureKind::SecurityError),
            (
                "535 Authentication credentials invalid",
                FailureKind::SecurityError,
            ),
            (
                "530 Please have authentication turned on in your mail client",
                FailureKind::SecurityError,
            ),
            (
                "550 Unauthenticated senders not allowed",
                FailureKind::SecurityError,
            ),
            (
                "553 Sorry, you don't authenticate",
                FailureKind::SecurityError,
            ),
            ("530 Authentification requise", FailureKind::SecurityError),
            ("535 Authentification invalide", FailureKind::SecurityError),
            (
                "554 Your account is not subscribed to SES",
                FailureKind::SecurityError,
            ),
            (
                "554 User is not authorized to perform ses:SendRawEmail",
                FailureKind::SecurityError,
            ),
            (
                "452 Not sufficient disk space on the server",
                FailureKind::SystemFull,
            ),
            (
                "452 Not enough disk space, try later",
                FailureKind::SystemFull,
            ),
            (
                "451 write failed: No space left on device",
                FailureKind::SystemFull,
            ),
            (
                "|/usr/local/bin/sorter || exit 75",
                FailureKind::MailerError,
            ),
            ("554 Command died with status 2", FailureKind::MailerError),
            (
                "554 Command output: sorter: cannot open mailbox",
                FailureKind::MailerError,
            ),
            ("451 Mail transport unavailable", FailureKind::SystemError),
            (
                "451 Temporary local problem, please try later",
                FailureKind::SystemError,
            ),
            ("451 Server config error", FailureKind::SystemError),
            (
                "451 The remote server is misconfigured",
                FailureKind::SystemError,
            ),
            (
                "554 Aliasing/forwarding loop broken",
                FailureKind::SystemError,
            ),
            (
                "554 A loop was found in the mail exchanger",
                FailureKind::SystemError,
            ),
            (
                "550 You cannot send e-mail to yourself",
                FailureKind::SystemError,
            ),
            (
                "554 It met an error while being processed",
                FailureKind::SystemError,
            ),
            (
                "451 Error while executing the forwarder",
                FailureKind::SystemError,
            ),
            ("451 Queue file write error", FailureKind::SystemError),
            (
                "451 Can't create user output file",
                FailureKind::SystemError,
            ),
            ("451 Input/output error", FailureKind::SystemError),
            ("451 No such file or directory", FailureKind::SystemError),
            ("451 Interrupted system call", FailureKind::SystemError),
            ("451 Timeout waiting for input", FailureKind::SystemError),
            ("451 LDAP lookup failed", FailureKind::SystemError),
            (
                "451 Automatic homedir creator crashed",
                FailureKind::SystemError,
            ),
            (
                "451 Too many results returned but needs to be unique",
                FailureKind::SystemError,
            ),
            (
                "451 Several matches found in Domino Directory",
                FailureKind::SystemError,
            ),
            (
                "451 Could not load DRD for domain example.net",
                FailureKind::SystemError,
            ),
            (
                "451 Recipient deferred because there is no MDB",
                FailureKind::SystemError,
            ),
            ("550 Mail receiving disabled", FailureKind::NotAccepted),
            (
                "550 The destination seem to reject all mails",
                FailureKind::NotAccepted,
            ),
            ("550 No route for current request", FailureKind::NotAccepted),
            ("Message timed out", FailureKind::Expired),
            ("Delivery expired (message too old)", FailureKind::Expired),
            (
                "Retry time not reached for any host after a long failure period",
                FailureKind::Expired,
            ),
            (
                "Unable to deliver message after multiple retries",
                FailureKind::Expired,
            ),
            (
                "Deliveries to this host have been failing for a long time",
                FailureKind::Expired,
            ),
            (
                "The host was not reachable within the allowed queue period",
                FailureKind::Expired,
            ),
            (
                "The message has not been collected after 7 days",
                FailureKind::Expired,
            ),
            ("Giving up on 192.0.2.1", FailureKind::Expired),
            (
                "Failed to deliver to domain example.net after trying for 5 days",
                FailureKind::Expired,
            ),
            (
                "Could not find a gateway for example.net",
                FailureKind::Expired,
            ),
            ("The server did not respond", FailureKind::Expired),
            ("421 Host not reachable", FailureKind::Expired),
            (
                "Delivery of your message has been delayed",
                FailureKind::Expired,
            ),
            (
                "Delivery attempts will continue to be made for 3 days",
                FailureKind::Expired,
            ),
            (
                "Mail forwarding loop for bob@example.org",
                FailureKind::NetworkError,
            ),
            ("554 Message looping detected", FailureKind::NetworkError),
            (
                "Malformed or unexpected name server reply",
                FailureKind::NetworkError,
            ),
            ("Host is unreachable", FailureKind::NetworkError),
            (
                "Unable to resolve route to the destination",
                FailureKind::NetworkError,
            ),
            (
                "Could not connect and send the mail to example.net",
                FailureKind::NetworkError,
            ),
            (
                "DNS records for the destination computer could not be found",
                FailureKind::NetworkError,
            ),
            (
                "452 The mailbox of this user is currently full",
                FailureKind::MailboxFull,
            ),
            (
                "552 Mailbox has reached its storage quota",
                FailureKind::MailboxFull,
            ),
            ("552 Maildir has overdrawn quota", FailureKind::MailboxFull),
            (
                "552 The account is at its storage quota",
                FailureKind::MailboxFull,
            ),
            (
                "452 Disk usage above quota for this user",
                FailureKind::MailboxFull,
            ),
            (
                "452 User is over the allowed quota",
                FailureKind::MailboxFull,
            ),
            (
                "452 Storage quota for this user has been exceeded",
                FailureKind::MailboxFull,
            ),
            ("550 This mailbox has been disabled", FailureKind::Suspended),
            (
                "550 The account of this user is disabled",
                FailureKind::Suspended,
            ),
            (
                "550 This user has been administratively suspended",
                FailureKind::Suspended,
            ),
            (
                "550 Mailbox temporarily unavailable",
                FailureKind::UserUnknown,
            ),
            ("550 No such e-mail address", FailureKind::UserUnknown),
            ("550 User bob was not found", FailureKind::UserUnknown),
            (
                "550 Recipient bob@example.org was not found in the directory",
                FailureKind::UserUnknown,
            ),
            (
                "550 Host mx.example.net not found",
                FailureKind::HostUnknown,
            ),
            ("554 Relay access is denied", FailureKind::NoRelaying),
            (
                "553 Sorry, that domain isn't in my list of allowed rcpthosts",
                FailureKind::NoRelaying,
            ),
            (
                "421 Connection count limit reached",
                FailureKind::TooManyConnections,
            ),
            ("Delivery to this address has expired", FailureKind::Expired),
            ("Delivery of the message is delayed", FailureKind::Expired),
            (
                "451 Unable to connect to the delivery daemon",
                FailureKind::SystemError,
            ),
            (
                "451 Proxy write failed: broken pipe",
                FailureKind::SystemError,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(find_phrase(text).map(|r| r.kind), Some(want), "{text}");
        }
    }
}
