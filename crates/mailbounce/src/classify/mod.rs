//! Classification: from what a notice says about a recipient to a [`FailureKind`], with the
//! rule that decided it as evidence.
//!
//! [`classify`] reads as the order of precedence: the notice itself, the receiving provider's
//! own rules, status codes specific enough to decide alone, the server's words (checked against
//! the SMTP command they answered), then broad codes and fallbacks.

mod phrases;
mod receivers;
mod reply_codes;
mod rule_set;
mod status_codes;
mod typo;

use std::collections::HashMap;

use crate::formats::RecipientFacts;
use crate::model::{Action, Bounce, FailureKind, NoticeKind, Permanence, SmtpCommand, StatusClass};

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

/// What the notice around a record says, beyond the record's own fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) notice: NoticeKind,
    pub(crate) reporting_mta: Option<&'a str>,
    /// The reader that decoded the record.
    pub(crate) format: &'a str,
}

/// Decides why delivery to one recipient failed (or what else happened).
pub(crate) fn classify(facts: &RecipientFacts, context: Context<'_>) -> Verdict {
    let text = facts.diagnostic.as_deref();

    // 1. What the notice is: a success, a complaint, an automatic reply.
    if facts.action.is_some_and(Action::is_success) || context.notice == NoticeKind::Success {
        return Verdict::new(FailureKind::Delivered, "action:delivered");
    }
    if facts.feedback_type.is_some() || context.notice == NoticeKind::Feedback {
        return Verdict::new(FailureKind::Feedback, "notice:feedback");
    }
    if context.notice == NoticeKind::AutoReply {
        return Verdict::new(FailureKind::Vacation, "notice:auto_reply");
    }

    // 2. What the notice's layout establishes, whatever its language; a provider that did not
    // even try (its own suppression list).
    if let Some(kind) = facts.kind_hint {
        return Verdict::new(kind, format!("format:{}", context.format));
    }
    if let Some(provider) = &facts.provider
        && provider.decisive
        && let Some(kind) = provider.kind
    {
        return Verdict::new(kind, format!("esp:{}:{}", context.format, provider.label));
    }

    // 3. The receiving provider's own wording and codes.
    let recipient_domain = facts
        .recipient
        .as_deref()
        .and_then(|r| r.rsplit_once('@'))
        .map(|(_, d)| d);
    let hosts = [
        facts.remote_mta.as_deref(),
        recipient_domain,
        context.reporting_mta,
    ];
    if let Some(receiver) = receivers::find_receiver(hosts.into_iter().flatten())
        && let Some(verdict) = receiver.decide(facts.status, text, facts.command)
    {
        return Verdict::new(verdict.kind, verdict.rule);
    }

    // 4. Status codes that settle the reason on their own.
    if let Some(code) = facts.status
        && let Some(kind) = status_codes::decisive_kind(code)
    {
        return Verdict::new(kind, format!("status:{code}"));
    }

    // 5. The server's words, read against the command they answered and the code's class.
    if let Some(rule) = text.and_then(phrases::find_phrase) {
        let name = format!("phrase:{}:{:?}", rule.kind.reason(), rule.phrase);
        let (kind, note) = if rule.decisive {
            (rule.kind, "")
        } else {
            gate(rule.kind, facts)
        };
        return Verdict::new(kind, format!("{name}{note}"));
    }

    // 6. Broad evidence: the stage of the refusal, the status code's default, the diagnostic
    // type, the action, the reply code.
    if facts.command == Some(SmtpCommand::Mail) {
        return Verdict::new(FailureKind::Rejected, "command:MAIL");
    }
    if let Some(code) = facts.status
        && let Some(kind) = status_codes::kind_for_status(code)
    {
        return Verdict::new(kind, format!("status:{code}"));
    }
    // Refused at the greeting, with a code that says nothing more ("lost connection during
    // HELO" with 4.4.2 is the network's doing, decided just above). A delay report is still
    // trying: it is decided below.
    if matches!(
        facts.command,
        Some(SmtpCommand::Conn | SmtpCommand::Helo | SmtpCommand::Ehlo)
    ) && facts.action != Some(Action::Delayed)
    {
        return Verdict::new(FailureKind::Blocked, "command:connection-stage");
    }
    if facts
        .diagnostic_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("x-unix"))
    {
        return Verdict::new(FailureKind::MailerError, "diagnostic_type:x-unix");
    }
    // The provider's own category, when its payload gave nothing more specific.
    if let Some(provider) = &facts.provider
        && let Some(kind) = provider.kind
    {
        return Verdict::new(kind, format!("esp:{}:{}", context.format, provider.label));
    }
    if facts.action == Some(Action::Delayed) {
        return Verdict::new(FailureKind::Expired, "action:delayed");
    }
    if let Some(code) = facts.reply_code
        && let Some(kind) = reply_codes::kind_for_reply(code)
    {
        return Verdict::new(kind, format!("reply:{code}"));
    }

    // 7. Nothing placed the error.
    let has_detail = facts.status.is_some() || facts.reply_code.is_some() || text.is_some();
    if has_detail {
        Verdict::new(FailureKind::OnHold, "fallback:onhold")
    } else {
        Verdict::new(FailureKind::Undefined, "fallback:undefined")
    }
}

/// Checks a phrase's reason against the command it answered and the code's class, returning
/// the reason to report and a note for the evidence when the check changed it.
fn gate(kind: FailureKind, facts: &RecipientFacts) -> (FailureKind, &'static str) {
    let transient = facts.status.map(|s| s.class()) == Some(StatusClass::TransientFailure)
        || (facts.status.is_none() && facts.reply_code.is_some_and(|c| (400..500).contains(&c)));
    match kind {
        // "No such user" is about the recipient's address when it answered RCPT or comes with a
        // code naming a bad address. At MAIL it is about the sender. After DATA, with a
        // mailbox-refusal code (X.2.0, X.2.1), or with nothing to place it in the session, it is
        // reported as a refusal of the message (`filtered`): Sisimai's convention, kept so that
        // results compare one to one; servers that refuse an address at RCPT say so.
        // "example.net does not exist": what is missing is a domain, not a mailbox.
        FailureKind::UserUnknown if names_missing_domain(facts.diagnostic.as_deref()) => {
            (FailureKind::HostUnknown, "+domain")
        }
        FailureKind::UserUnknown => {
            let bad_recipient = facts.status.is_some_and(status_codes::names_bad_recipient);
            let refusing = facts
                .status
                .is_some_and(status_codes::names_refusing_mailbox);
            match facts.command {
                _ if bad_recipient => (kind, ""),
                Some(SmtpCommand::Rcpt) => (kind, ""),
                Some(SmtpCommand::Mail) => (FailureKind::Rejected, "+at-MAIL"),
                Some(SmtpCommand::Data | SmtpCommand::Bdat) => {
                    (FailureKind::Filtered, "+after-DATA")
                }
                _ if refusing => (FailureKind::Filtered, "+mailbox-refusal-code"),
                None => (FailureKind::Filtered, "+no-command"),
                Some(_) => (kind, ""),
            }
        }
        // No content has been sent at MAIL FROM: a spam filter refusing there refuses the
        // sender ("Sending address not accepted due to spam filter").
        FailureKind::SpamDetected if facts.command == Some(SmtpCommand::Mail) => {
            (FailureKind::Rejected, "+at-MAIL")
        }
        // A domain that cannot be resolved for now is a DNS problem, not a dead domain.
        FailureKind::HostUnknown if transient => (FailureKind::NetworkError, "+transient"),
        // Given up after being refused at the greeting: the refusal is the cause.
        FailureKind::Expired
            if matches!(
                facts.command,
                Some(SmtpCommand::Conn | SmtpCommand::Helo | SmtpCommand::Ehlo)
            ) =>
        {
            (FailureKind::Blocked, "+connection-stage")
        }
        _ => (kind, ""),
    }
}

/// True when the text says a bare domain name (`neko.example.com does not exist`) does not
/// exist, rather than an address or a user.
fn names_missing_domain(text: Option<&str>) -> bool {
    let Some(text) = text else {
        return false;
    };
    text.match_indices(" does not exist").any(|(at, _)| {
        let word = text[..at]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_matches(['<', '>', '"', '\'', '[', ']']);
        word.contains('.')
            && !word.contains('@')
            && !word.ends_with('.')
            && word.bytes().any(|b| b.is_ascii_alphabetic())
            && word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// Builds the public records of one notice, in order. Typo suggestions are worked out once per
/// distinct domain, since a notice may list thousands of recipients at one domain.
pub(crate) fn to_bounces(
    records: impl IntoIterator<Item = RecipientFacts>,
    context: Context<'_>,
) -> Vec<Bounce> {
    let mut suggestions: HashMap<String, Option<String>> = HashMap::new();
    records
        .into_iter()
        .map(|facts| {
            let mut bounce = to_bounce(facts, context);
            if bounce.suggested_recipient.is_none()
                && matches!(
                    bounce.kind,
                    FailureKind::UserUnknown | FailureKind::HostUnknown
                )
                && let Some((local, domain)) =
                    bounce.recipient.as_deref().and_then(|r| r.rsplit_once('@'))
            {
                let domain = domain.to_ascii_lowercase();
                let suggested = suggestions
                    .entry(domain)
                    .or_insert_with_key(|domain| typo::suggest_domain(domain).map(str::to_string));
                bounce.suggested_recipient = suggested.as_ref().map(|d| format!("{local}@{d}"));
            }
            bounce
        })
        .collect()
}

/// Builds the public record for one recipient: classification, permanence and hard bounce.
/// Typo help is added by [`to_bounces`].
fn to_bounce(facts: RecipientFacts, context: Context<'_>) -> Bounce {
    let verdict = classify(&facts, context);
    let permanence = match facts.provider.as_ref().and_then(|p| p.permanence) {
        // With no code of its own, the record is as permanent as the provider says.
        Some(said)
            if facts.status.is_none()
                && facts.reply_code.is_none()
                && facts.action != Some(Action::Delayed)
                && verdict.kind.is_failure() =>
        {
            said
        }
        _ => Permanence::decide(facts.action, facts.status, facts.reply_code, verdict.kind),
    };
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
        decoded_by: context.format.to_string(),
        suggested_recipient: None,
        provider_label: facts.provider.map(|p| p.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILURE: Context<'static> = Context {
        notice: NoticeKind::Failure,
        reporting_mta: None,
        format: "test",
    };

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
    fn every_kind_the_corpus_holds_is_reached_by_a_rule() {
        use FailureKind as K;
        // (status, the server's words, the reason), with no command known.
        let worded = [
            ("5.0.0", "550 User unknown", K::Filtered),
            ("4.4.7", "Delivery time expired", K::Expired),
            ("5.1.8", "Sender domain must resolve", K::Rejected),
            ("5.7.1", "Blocked using zen.spamhaus.org", K::Blocked),
            ("5.0.0", "Host or domain name not found", K::HostUnknown),
            ("5.7.26", "DMARC policy", K::AuthFailure),
            (
                "4.4.2",
                "connect to mx.example.org: No route to host",
                K::NetworkError,
            ),
            (
                "5.7.0",
                "Message contains a prohibited attachment",
                K::PolicyViolation,
            ),
            ("5.7.25", "No PTR record for your IP", K::RequirePtr),
            ("5.2.1", "The account is disabled", K::Suspended),
            ("4.3.5", "System configuration error", K::SystemError),
            ("5.7.1", "Message rejected as spam", K::SpamDetected),
            ("5.1.10", "Recipient domain has null MX", K::NotAccepted),
            (
                "5.7.0",
                "530 5.7.0 Authentication required",
                K::SecurityError,
            ),
            ("5.0.0", "We cannot place this", K::OnHold),
            ("5.7.1", "Relay access denied", K::NoRelaying),
            ("4.5.3", "Too many connections", K::TooManyConnections),
            (
                "5.6.0",
                "Not RFC 5322 compliant: multiple From headers",
                K::NotCompliantRfc,
            ),
            (
                "5.2.3",
                "Message exceeds the mailbox's size limit",
                K::ExceedLimit,
            ),
            (
                "5.0.0",
                "Command died with status 1: procmail",
                K::MailerError,
            ),
            ("5.1.6", "Mailbox has moved", K::HasMoved),
            ("5.7.1", "Virus found in the message", K::VirusDetected),
            ("5.7.1", "Poor sender reputation", K::BadReputation),
            (
                "4.7.0",
                "You are sending too fast: rate limit exceeded",
                K::Speeding,
            ),
            ("5.6.0", "Invalid MIME structure", K::ContentError),
            ("5.3.4", "Message too big", K::MessageTooLarge),
            (
                "5.5.2",
                "Syntax error, command unrecognized",
                K::SyntaxError,
            ),
            ("4.7.0", "TLS handshake failed", K::FailedStartTls),
            ("4.3.1", "Insufficient system storage", K::SystemFull),
        ];
        let mut cases: Vec<(RecipientFacts, Context<'_>, K)> = worded
            .iter()
            .map(|&(status, text, kind)| (facts(Some(status), None, Some(text)), FAILURE, kind))
            .collect();
        for (status, text, kind) in [
            ("5.0.0", "550 No such user here", K::UserUnknown),
            ("5.0.0", "552 Mailbox is full", K::MailboxFull),
        ] {
            let mut f = facts(Some(status), None, Some(text));
            f.command = Some(SmtpCommand::Rcpt);
            cases.push((f, FAILURE, kind));
        }
        for (notice, kind) in [
            (NoticeKind::Feedback, K::Feedback),
            (NoticeKind::AutoReply, K::Vacation),
            (NoticeKind::Success, K::Delivered),
        ] {
            let context = Context { notice, ..FAILURE };
            cases.push((facts(None, None, None), context, kind));
        }
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(f, context, want)| {
                let got = classify(f, *context);
                (got.kind != *want).then(|| format!("{:?}: {want:?} <- {}", f.diagnostic, got.rule))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        // The reasons labelled in ../shared/corpus, every one reached above.
        let corpus = [
            "userunknown",
            "mailboxfull",
            "filtered",
            "expired",
            "rejected",
            "blocked",
            "hostunknown",
            "feedback",
            "authfailure",
            "networkerror",
            "policyviolation",
            "requireptr",
            "suspend",
            "systemerror",
            "spamdetected",
            "notaccept",
            "securityerror",
            "onhold",
            "norelaying",
            "toomanyconn",
            "notcompliantrfc",
            "exceedlimit",
            "mailererror",
            "vacation",
            "hasmoved",
            "virusdetected",
            "badreputation",
            "delivered",
            "speeding",
            "contenterror",
            "mesgtoobig",
            "syntaxerror",
            "failedstarttls",
            "systemfull",
        ];
        for reason in corpus {
            assert!(
                cases.iter().any(|(_, _, k)| k.reason() == reason),
                "{reason} has no rule test"
            );
        }
    }

    #[test]
    fn words_beat_broad_codes() {
        let v = classify(
            &facts(Some("5.7.1"), Some(550), Some("Relay access denied")),
            FAILURE,
        );
        assert_eq!(v.kind, FailureKind::NoRelaying);
        assert_eq!(v.rule, "phrase:norelaying:\"relay access denied\"");
    }

    #[test]
    fn decisive_codes_beat_words() {
        let v = classify(
            &facts(Some("5.2.2"), Some(550), Some("user unknown")),
            FAILURE,
        );
        assert_eq!(
            (v.kind, v.rule.as_str()),
            (FailureKind::MailboxFull, "status:5.2.2")
        );
    }

    #[test]
    fn broad_codes_decide_when_words_do_not() {
        let v = classify(&facts(Some("5.1.1"), Some(550), Some("go away")), FAILURE);
        assert_eq!(
            (v.kind, v.rule.as_str()),
            (FailureKind::UserUnknown, "status:5.1.1")
        );
    }

    #[test]
    fn reply_code_then_fallbacks() {
        let v = classify(&facts(None, Some(552), Some("nope")), FAILURE);
        assert_eq!(v.kind, FailureKind::MailboxFull);
        let v = classify(&facts(Some("5.0.0"), None, Some("nope")), FAILURE);
        assert_eq!(v.kind, FailureKind::OnHold);
        let v = classify(&facts(None, None, None), FAILURE);
        assert_eq!(v.kind, FailureKind::Undefined);
    }

    #[test]
    fn unknown_user_depends_on_the_command() {
        let mut f = facts(Some("5.0.0"), Some(550), Some("550 Unknown user"));
        f.command = Some(SmtpCommand::Rcpt);
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::UserUnknown);
        f.command = Some(SmtpCommand::Data);
        let v = classify(&f, FAILURE);
        let rule = "phrase:userunknown:\"unknown user\"+after-DATA";
        assert_eq!((v.kind, v.rule.as_str()), (FailureKind::Filtered, rule));
        f.command = Some(SmtpCommand::Mail);
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::Rejected);
        // Nothing places the answer in the session: reported as Sisimai does.
        f.command = None;
        let v = classify(&f, FAILURE);
        let rule = "phrase:userunknown:\"unknown user\"+no-command";
        assert_eq!((v.kind, v.rule.as_str()), (FailureKind::Filtered, rule));
        // A server's report of its own directory lookup needs no command.
        f.diagnostic = Some("User Bob (bob@example.org) not listed in Domino Directory".into());
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::UserUnknown);
        // A missing domain is no missing mailbox.
        f.diagnostic = Some("553 mx.example.org does not exist".into());
        let v = classify(&f, FAILURE);
        let rule = "phrase:userunknown:\"does not exist\"+domain";
        assert_eq!((v.kind, v.rule.as_str()), (FailureKind::HostUnknown, rule));
        f.diagnostic = Some("550 Unknown user".into());
        f.status = "5.2.1".parse().ok();
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::Filtered);
        f.command = Some(SmtpCommand::Data);
        f.status = "5.1.1".parse().ok();
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::UserUnknown);
    }

    #[test]
    fn unresolvable_domain_for_now_is_a_network_error() {
        let text = Some("DNS lookup responded with NXDOMAIN");
        assert_eq!(
            classify(&facts(Some("4.0.0"), None, text), FAILURE).kind,
            FailureKind::NetworkError
        );
        assert_eq!(
            classify(&facts(Some("5.0.0"), None, text), FAILURE).kind,
            FailureKind::HostUnknown
        );
    }

    #[test]
    fn a_layout_hint_decides_before_words() {
        let mut f = facts(
            None,
            None,
            Some("Hallo, die Gruppe existiert möglicherweise nicht"),
        );
        f.kind_hint = Some(FailureKind::Rejected);
        let v = classify(&f, FAILURE);
        assert_eq!(
            (v.kind, v.rule.as_str()),
            (FailureKind::Rejected, "format:test")
        );
    }

    #[test]
    fn receiver_rules_come_first() {
        let mut f = facts(
            Some("5.7.606"),
            Some(550),
            Some("550 5.7.606 Access denied"),
        );
        f.remote_mta = Some("example-com.mail.protection.outlook.com".into());
        let v = classify(&f, FAILURE);
        assert_eq!(
            (v.kind, v.rule.as_str()),
            (FailureKind::Blocked, "receiver:microsoft:status:5.7.606")
        );
    }

    #[test]
    fn refusal_at_mail_from_is_about_the_sender() {
        let mut f = facts(Some("5.7.1"), Some(550), Some("550 5.7.1 Access denied"));
        f.command = Some(SmtpCommand::Mail);
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::Rejected);
        // A spam filter refusing at MAIL FROM has seen no content: it refuses the sender.
        let mut spam = facts(
            None,
            Some(554),
            Some("554 Sending address not accepted due to spam filter"),
        );
        assert_eq!(classify(&spam, FAILURE).kind, FailureKind::SpamDetected);
        spam.command = Some(SmtpCommand::Mail);
        assert_eq!(classify(&spam, FAILURE).kind, FailureKind::Rejected);
        f.command = Some(SmtpCommand::Helo);
        f.diagnostic = Some("501 Invalid domain name; in the queue too long".into());
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::Blocked);
    }

    #[test]
    fn stage_and_action_fallbacks() {
        let mut f = facts(Some("5.0.0"), Some(550), Some("550 Rejected"));
        f.command = Some(SmtpCommand::Ehlo);
        assert_eq!(classify(&f, FAILURE).kind, FailureKind::Blocked);
        let mut d = facts(None, None, None);
        d.action = Some(Action::Delayed);
        assert_eq!(classify(&d, FAILURE).kind, FailureKind::Expired);
        // A delay report refused at the greeting is still trying.
        let mut g = facts(Some("4.5.0"), Some(421), Some("421"));
        g.command = Some(SmtpCommand::Conn);
        g.action = Some(Action::Delayed);
        assert_eq!(classify(&g, FAILURE).kind, FailureKind::Expired);
        let mut x = facts(Some("5.0.0"), None, Some("255"));
        x.diagnostic_type = Some("x-unix".into());
        assert_eq!(classify(&x, FAILURE).kind, FailureKind::MailerError);
    }

    #[test]
    fn non_failures() {
        let mut f = facts(Some("2.0.0"), Some(250), Some("ok"));
        f.action = Some(Action::Delivered);
        let context = Context {
            notice: NoticeKind::Success,
            reporting_mta: None,
            format: "rfc3464",
        };
        assert_eq!(classify(&f, context).kind, FailureKind::Delivered);
        let b = to_bounce(f, context);
        assert_eq!(b.permanence, Permanence::NotAFailure);
        assert!(!b.hard_bounce);
    }

    #[test]
    fn mistyped_domains_get_a_suggestion() {
        let mut f = facts(Some("5.1.2"), Some(550), Some("550 Host unknown"));
        f.recipient = Some("ann@gmial.com".into());
        let mut g = f.clone();
        g.recipient = Some("bob@gmial.com".into());
        let mut full = facts(Some("5.2.2"), Some(552), Some("mailbox full"));
        full.recipient = Some("ann@gmial.com".into());
        let b = to_bounces([f, g, full], FAILURE);
        assert_eq!(b[0].suggested_recipient.as_deref(), Some("ann@gmail.com"));
        assert!(b[0].advice().contains("did you mean ann@gmail.com?"));
        assert_eq!(b[1].suggested_recipient.as_deref(), Some("bob@gmail.com"));
        assert_eq!(b[2].suggested_recipient, None);
    }

    #[test]
    fn unknown_user_is_a_hard_bounce() {
        let b = to_bounce(facts(Some("5.1.1"), Some(550), Some("no")), FAILURE);
        assert_eq!(b.kind, FailureKind::UserUnknown);
        assert!(b.hard_bounce);
        assert_eq!(b.permanence, Permanence::Permanent);
    }
}
