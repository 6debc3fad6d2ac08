//! Receiver rules: the wording and codes of the large mailbox providers, from `receivers.txt`.
//!
//! A receiver is chosen by the hosts a record names (remote MTA, reporting MTA, recipient
//! domain); its rules are tried before the general ones.

use std::sync::LazyLock;

use super::rule_set::RuleSet;
use crate::model::{FailureKind, SmtpCommand, StatusCode};

/// The rule data.
const RECEIVERS: &str = include_str!("receivers.txt");

/// A range of status codes sharing class and subject: `5.7.606-5.7.649`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StatusRange {
    first: StatusCode,
    last: StatusCode,
}

impl StatusRange {
    fn contains(self, code: StatusCode) -> bool {
        code.class() == self.first.class()
            && code.subject() == self.first.subject()
            && (self.first.detail()..=self.last.detail()).contains(&code.detail())
    }
}

/// One line of a receiver's rules, in file order, with the SMTP command it is limited to.
#[derive(Debug)]
struct Rule {
    test: Test,
    command: Option<SmtpCommand>,
}

/// What a rule line looks for.
#[derive(Debug)]
enum Test {
    /// A status code range and the reason it means at this receiver.
    Status(StatusRange, FailureKind),
    /// The index of a phrase rule in the receiver's [`RuleSet`].
    Phrase(usize),
}

/// One provider's rules.
#[derive(Debug)]
pub(crate) struct Receiver {
    /// The provider's name, as used in `matched_rule` (`receiver:google:…`).
    pub(crate) name: String,
    hosts: Vec<String>,
    rules: Vec<Rule>,
    phrases: RuleSet,
}

/// What a receiver's rule decided, and the rule as evidence.
pub(crate) struct ReceiverVerdict {
    pub(crate) kind: FailureKind,
    pub(crate) rule: String,
}

impl Receiver {
    /// True when `host` (a host name or a mail domain, trimmed and lowercased) is one of this
    /// receiver's.
    fn serves(&self, host: &str) -> bool {
        self.hosts.iter().any(|suffix| {
            host == *suffix
                || host
                    .strip_suffix(suffix.as_str())
                    .is_some_and(|head| head.ends_with('.'))
        })
    }

    /// Applies the receiver's rules, in file order, to a status code, a server text and the
    /// command it answered.
    pub(crate) fn decide(
        &self,
        status: Option<StatusCode>,
        text: Option<&str>,
        command: Option<SmtpCommand>,
    ) -> Option<ReceiverVerdict> {
        // Walking the lines in file order finds the first line, status or phrase, that matches.
        let phrase_hits = text.map(|t| self.phrases.matching(t)).unwrap_or_default();
        let applies = |rule: &&Rule| rule.command.is_none_or(|c| command == Some(c));
        self.rules
            .iter()
            .filter(applies)
            .find_map(|rule| match rule.test {
                Test::Status(range, kind) => {
                    let code = status.filter(|&s| range.contains(s))?;
                    Some(ReceiverVerdict {
                        kind,
                        rule: format!("receiver:{}:status:{code}", self.name),
                    })
                }
                Test::Phrase(index) if phrase_hits.contains(&index) => {
                    let phrase = &self.phrases.rules()[index];
                    Some(ReceiverVerdict {
                        kind: phrase.kind,
                        rule: format!("receiver:{}:{:?}", self.name, phrase.phrase),
                    })
                }
                Test::Phrase(_) => None,
            })
    }
}

/// Reads the receiver data; `Err` names the first line that could not be read.
fn parse(data: &str) -> Result<Vec<Receiver>, String> {
    struct Draft {
        name: String,
        hosts: Vec<String>,
        rules: Vec<Rule>,
        phrase_lines: Vec<String>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            drafts.push(Draft {
                name: name.to_string(),
                hosts: Vec::new(),
                rules: Vec::new(),
                phrase_lines: Vec::new(),
            });
            continue;
        }
        let draft = drafts.last_mut().ok_or_else(|| line.to_string())?;
        let (head, rest) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| line.to_string())?;
        let rest = rest.trim();
        if head == "hosts" {
            draft
                .hosts
                .extend(rest.split_whitespace().map(str::to_ascii_lowercase));
            continue;
        }
        let kind: FailureKind = head.parse().map_err(|_| line.to_string())?;
        // A last word `@DATA` limits the rule to answers to that command.
        let limit = rest
            .rsplit_once(char::is_whitespace)
            .and_then(|(before, last)| Some((before.trim(), last.strip_prefix('@')?)));
        let (rest, command) = match limit {
            Some((before, name)) => {
                let command = command_named(name).ok_or_else(|| line.to_string())?;
                (before, Some(command))
            }
            None => (rest, None),
        };
        if let Some(range) = rest.strip_prefix("status:") {
            let (first, last) = range.split_once('-').unwrap_or((range, range));
            let first: StatusCode = first.parse().map_err(|_| line.to_string())?;
            let last: StatusCode = last.parse().map_err(|_| line.to_string())?;
            let range = StatusRange { first, last };
            if first.class() != last.class() || first.subject() != last.subject() {
                return Err(line.to_string());
            }
            let test = Test::Status(range, kind);
            draft.rules.push(Rule { test, command });
        } else {
            let test = Test::Phrase(draft.phrase_lines.len());
            draft.rules.push(Rule { test, command });
            draft.phrase_lines.push(format!("{head} {rest}"));
        }
    }
    drafts
        .into_iter()
        .map(|d| {
            let phrases =
                RuleSet::compile(d.phrase_lines.iter().map(String::as_str)).map_err(|bad| bad.0)?;
            if d.hosts.is_empty() {
                return Err(format!("[{}] has no hosts", d.name));
            }
            Ok(Receiver {
                name: d.name,
                hosts: d.hosts,
                rules: d.rules,
                phrases,
            })
        })
        .collect()
}

/// The command a rule line names after `@`.
fn command_named(name: &str) -> Option<SmtpCommand> {
    let command = match name {
        "CONN" => SmtpCommand::Conn,
        "EHLO" => SmtpCommand::Ehlo,
        "HELO" => SmtpCommand::Helo,
        "MAIL" => SmtpCommand::Mail,
        "RCPT" => SmtpCommand::Rcpt,
        "DATA" => SmtpCommand::Data,
        _ => return None,
    };
    Some(command)
}

static RECEIVER_RULES: LazyLock<Vec<Receiver>> =
    LazyLock::new(|| parse(RECEIVERS).unwrap_or_default());

/// The receiver serving the first of `hosts` that any receiver serves.
pub(crate) fn find_receiver<'h>(
    hosts: impl IntoIterator<Item = &'h str>,
) -> Option<&'static Receiver> {
    hosts.into_iter().find_map(|host| {
        let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
        RECEIVER_RULES.iter().find(|r| r.serves(&host))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(host: &str, status: &str, text: &str) -> Option<FailureKind> {
        decide_after(host, status, text, None)
    }

    fn decide_after(
        host: &str,
        status: &str,
        text: &str,
        command: Option<SmtpCommand>,
    ) -> Option<FailureKind> {
        let receiver = find_receiver([host])?;
        receiver
            .decide(status.parse().ok(), Some(text), command)
            .map(|v| v.kind)
    }

    #[test]
    fn rules_may_be_limited_to_one_command() {
        let text = "550 Unknown user a@docomo.ne.jp";
        let data = Some(SmtpCommand::Data);
        assert_eq!(
            decide_after("mfsmax.docomo.ne.jp", "5.0.0", text, data),
            Some(FailureKind::Rejected)
        );
        // At another stage (or none known) the general rules decide.
        assert_eq!(decide("mfsmax.docomo.ne.jp", "5.0.0", text), None);
        assert!(parse("[x]\nhosts x.example\nrejected  no @NOOP\n").is_err());
    }

    #[test]
    fn the_data_file_reads() {
        let receivers = parse(RECEIVERS).unwrap();
        assert_eq!(receivers.len(), RECEIVER_RULES.len());
        assert!(receivers.iter().all(|r| !r.rules.is_empty()));
    }

    #[test]
    fn hosts_match_by_domain_suffix() {
        assert!(find_receiver(["gmail-smtp-in.l.google.com"]).is_some_and(|r| r.name == "google"));
        assert!(
            find_receiver(["example.org.mail.protection.outlook.com"])
                .is_some_and(|r| r.name == "microsoft")
        );
        assert!(find_receiver(["notgoogle.com"]).is_none());
        assert!(find_receiver(["mx.example.net", "yahoo.com"]).is_some_and(|r| r.name == "yahoo"));
    }

    #[test]
    fn each_receiver_decides_in_its_own_terms() {
        use FailureKind as K;
        let cases = [
            (
                "aspmx.l.google.com",
                "5.2.1",
                "550 5.2.1 The email account that you tried to reach is disabled.",
                K::Suspended,
            ),
            (
                "aspmx.l.google.com",
                "4.7.28",
                "421 4.7.28 unusual rate of unsolicited mail",
                K::Blocked,
            ),
            (
                "gmail-smtp-in.l.google.com",
                "5.7.26",
                "550 5.7.26 blocked: sender is unauthenticated",
                K::AuthFailure,
            ),
            (
                "x.mail.protection.outlook.com",
                "5.7.606",
                "550 5.7.606 Access denied, banned sending IP",
                K::Blocked,
            ),
            (
                "x.mail.protection.outlook.com",
                "5.4.1",
                "550 5.4.1 Recipient address rejected: Access denied",
                K::UserUnknown,
            ),
            (
                "mx.google.com",
                "5.0.0",
                "Your message wasn't delivered to a@example.net because the address couldn't be \
                 found.",
                K::UserUnknown,
            ),
            (
                "mta5.am0.yahoodns.net",
                "5.0.0",
                "554 delivery error: dd This user doesn't have a yahoo.co.jp account (a@b) [0]",
                K::UserUnknown,
            ),
            (
                "mx.ezweb.ne.jp",
                "5.0.0",
                "550 <a@ezweb.ne.jp>: User unknown",
                K::UserUnknown,
            ),
            ("mx.ezweb.ne.jp", "5.0.0", "550 : User unknown", K::Filtered),
            (
                "mta5.am0.yahoodns.net",
                "4.7.0",
                "421 4.7.0 [TSS04] deferred due to unexpected volume or user complaints",
                K::BadReputation,
            ),
            (
                "mx01.mail.icloud.com",
                "5.1.1",
                "550 5.1.1 <a@icloud.com>: inactive email address",
                K::UserUnknown,
            ),
            (
                "smtp-in.orange.fr",
                "5.2.0",
                "550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]",
                K::SpamDetected,
            ),
            (
                "cxr.mx.a.cloudfilter.net",
                "5.1.0",
                "550 5.1.0 <a@example.com> sender rejected",
                K::Blocked,
            ),
            (
                "mx.charter.net",
                "5.1.0",
                "550 5.1.0 <a@example.com> sender rejected",
                K::TooManyConnections,
            ),
            (
                "smtp.secureserver.net",
                "5.1.1",
                "550 5.1.1 has sent to too many recipients this hour",
                K::Speeding,
            ),
            (
                "mx1.qq.com",
                "5.0.0",
                "550 Ip frequency limited",
                K::TooManyConnections,
            ),
            (
                "mx1.docomo.ne.jp",
                "5.0.0",
                "552 Too much mail data",
                K::MailboxFull,
            ),
            (
                "smtp-in.orange.fr",
                "5.7.1",
                "554 5.7.1 Client host rejected LPN000_630",
                K::PolicyViolation,
            ),
            (
                "smtp-in.orange.fr",
                "5.1.1",
                "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
                K::UserUnknown,
            ),
            (
                "smtp.secureserver.net",
                "5.2.0",
                "550 5.2.0 <a@example.com> From: Domain is invalid. Provide a valid From: IB506",
                K::Rejected,
            ),
            (
                "cluster1.eu.messagelabs.com",
                "5.0.0",
                "542 bob@example.org Rejected",
                K::UserUnknown,
            ),
            (
                "mx1.docomo.ne.jp",
                "5.2.0",
                "550 Unknown user a@docomo.ne.jp",
                K::Filtered,
            ),
            (
                "mx1.ezweb.ne.jp",
                "5.0.0",
                "550 : User unknown",
                K::Filtered,
            ),
            (
                "us-smtp-inbound-1.mimecast.com",
                "5.0.0",
                "554 Host network not allowed",
                K::PolicyViolation,
            ),
            (
                "route1.mx.cloudflare.net",
                "4.3.0",
                "421 4.3.0 Upstream error",
                K::SystemError,
            ),
            (
                "smtpin.zoho.com",
                "5.7.7",
                "554 5.7.7 Email policy violation detected",
                K::PolicyViolation,
            ),
            (
                "mx.facebook.com",
                "5.1.1",
                "550 5.1.1 RCP-P2 refused",
                K::Filtered,
            ),
            (
                "mx1.email.ua",
                "5.0.0",
                "550 Mailbox is frozen.",
                K::Suspended,
            ),
        ];
        for (host, status, text, want) in cases {
            assert_eq!(decide(host, status, text), Some(want), "{host}: {text}");
        }
    }

    #[test]
    fn every_receiver_has_a_test_case() {
        let tested = [
            "google",
            "microsoft",
            "yahoo",
            "apple",
            "orange",
            "cox",
            "spectrum",
            "godaddy",
            "tencent",
            "docomo",
            "kddi",
            "mimecast",
            "messagelabs",
            "cloudflare",
            "zoho",
            "facebook",
            "iua",
        ];
        for receiver in RECEIVER_RULES.iter() {
            assert!(
                tested.contains(&receiver.name.as_str()),
                "{} has no test case",
                receiver.name
            );
        }
    }

    #[test]
    fn malformed_data_is_refused() {
        assert!(parse("userunknown  x").is_err());
        assert!(parse("[a]\nuserunknown  x").is_err());
        assert!(parse("[a]\nhosts a.example\nblocked  status:5.7.1-5.8.1").is_err());
        assert!(parse("[a]\nhosts a.example\nnosuch  x").is_err());
    }
}
