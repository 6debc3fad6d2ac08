//! The format layer: readers that find the affected recipients in a notice.
//!
//! Each reader answers two questions — "is this mine?" (cheap) and "what does it say per
//! recipient?" — and is registered once in [`FORMATS`], most specific first.

mod amazon;
mod apachejames;
mod arf;
mod biglobe;
mod bracketed;
mod dragonfly;
mod exchange2003;
mod exchange2007;
mod exim;
mod ezweb;
mod fml;
mod gateway;
mod generic;
mod google;
mod imail;
mod incoming;
mod interscan;
mod kddi;
mod mailfoundry;
mod mailmarshal;
mod mailru;
mod markers;
mod mfilter;
mod netscape;
mod notes;
mod postfix;
mod qmail;
mod rfc3464;
mod rfc3834;
mod sendmail;
mod sieve_reject;
mod technicaldetails;
mod text;
mod troubledelivering;
mod verizon;
mod zoho;

pub(crate) use amazon::from_notification as ses_notification;
pub(crate) use generic::looks_like_failure;
pub(crate) use incoming::Incoming;
pub(crate) use rfc3834::looks_like_auto_reply;
pub(crate) use sieve_reject::is_rejection;

use std::collections::HashMap;

use crate::diagnostic::{command_in, reply_code_in, status_in};
use crate::mime::unfold;
use crate::model::{Action, FailureKind, MailDate, Permanence, SmtpCommand, StatusCode};

/// What a reader found about one recipient, before classification.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RecipientFacts {
    pub(crate) recipient: Option<String>,
    pub(crate) original_recipient: Option<String>,
    pub(crate) action: Option<Action>,
    pub(crate) status: Option<StatusCode>,
    pub(crate) reply_code: Option<u16>,
    pub(crate) diagnostic: Option<String>,
    pub(crate) diagnostic_type: Option<String>,
    pub(crate) remote_mta: Option<String>,
    pub(crate) command: Option<SmtpCommand>,
    pub(crate) last_attempt: Option<MailDate>,
    pub(crate) will_retry_until: Option<MailDate>,
    pub(crate) feedback_type: Option<String>,
    /// A reason the notice's layout itself establishes, whatever its language (a Google
    /// Groups letter always means the sender may not post to the group).
    pub(crate) kind_hint: Option<FailureKind>,
    /// What an email service provider's payload calls this recipient's outcome.
    pub(crate) provider: Option<ProviderCategory>,
}

/// An email service provider's own category for a recipient, and what it maps to for us.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ProviderCategory {
    /// The provider's label, kept as data (`Permanent/General`, `bounce:Invalid Address`).
    pub(crate) label: String,
    /// Our reason for the label, from the provider's documented fallback table: used only when
    /// nothing in the record (status, reply code, words) decides.
    pub(crate) kind: Option<FailureKind>,
    /// The permanence the label implies, used when the record has no code of its own.
    pub(crate) permanence: Option<Permanence>,
    /// True when the provider itself declined to send (its suppression list): the label
    /// decides, whatever the payload's words.
    pub(crate) decisive: bool,
}

impl RecipientFacts {
    /// Facts for `recipient` from a server's free-text answer (unfolded), with the codes and
    /// command read from it.
    pub(crate) fn from_text(recipient: String, diagnostic: &str) -> Self {
        let diagnostic = unfold(diagnostic);
        let mut facts = RecipientFacts {
            recipient: Some(recipient),
            diagnostic: (!diagnostic.is_empty()).then_some(diagnostic),
            ..RecipientFacts::default()
        };
        facts.complete_from_diagnostic();
        facts
    }

    /// Fills the reply code, status and command from the diagnostic text where the structured
    /// fields left them out, and prefers the diagnostic's specific status over a generic
    /// `X.0.0` of the same class.
    pub(crate) fn complete_from_diagnostic(&mut self) {
        let Some(text) = self.diagnostic.as_deref() else {
            return;
        };
        if self.reply_code.is_none() {
            self.reply_code = reply_code_in(text);
        }
        if self.command.is_none() {
            self.command = command_in(text);
        }
        let in_text = status_in(text);
        self.status = match (self.status, in_text) {
            (None, found) => found,
            (Some(field), Some(found))
                if field.is_generic() && found.class() == field.class() && !found.is_generic() =>
            {
                Some(found)
            }
            // The server's own reply names a different specific status of the same class,
            // backed by its reply code (`552 5.2.2 Over quota` under `Status: 5.1.1`).
            (Some(field), Some(found))
                if found.class() == field.class()
                    && found.detail() != 0
                    && found != field
                    && self
                        .reply_code
                        .is_some_and(|code| code / 100 == u16::from(found.class().digit())) =>
            {
                Some(found)
            }
            // The field's class contradicts the server's own reply code and status.
            (Some(field), Some(found))
                if field.class() != found.class()
                    && self
                        .reply_code
                        .is_some_and(|code| code / 100 == u16::from(found.class().digit())) =>
            {
                Some(found)
            }
            (field, _) => field,
        };
    }
}

/// Everything a reader decoded from one notice.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The reader's name, reported as `decoded_by`.
    pub(crate) format: &'static str,
    pub(crate) reporting_mta: Option<String>,
    pub(crate) arrival_date: Option<MailDate>,
    pub(crate) envelope_id: Option<String>,
    pub(crate) recipients: Vec<RecipientFacts>,
}

impl Decoded {
    /// A reader's result with only recipients: `None` when it found none.
    pub(crate) fn found(format: &'static str, recipients: Vec<RecipientFacts>) -> Option<Self> {
        (!recipients.is_empty()).then(|| Decoded {
            format,
            recipients,
            ..Decoded::default()
        })
    }

    /// The recipients by their lowercased address (the first of each), for readers that
    /// complete a delivery-status part's records from their text without a scan per address.
    pub(crate) fn by_address(&self) -> HashMap<String, &RecipientFacts> {
        self.recipients
            .iter()
            .rev()
            .filter_map(|r| r.recipient.as_deref().map(|a| (a.to_ascii_lowercase(), r)))
            .collect()
    }
}

/// One registered reader.
pub(crate) struct Format {
    /// The name reported as `decoded_by`.
    pub(crate) name: &'static str,
    /// Cheap test: could this message be in this format?
    pub(crate) claims: fn(&Incoming<'_, '_>) -> bool,
    /// Reads the recipients; `None` when the message turns out not to be this format's.
    pub(crate) decode: fn(&Incoming<'_, '_>) -> Option<Decoded>,
    /// The phrases `claims` looks for in the text ([`Incoming::text_has`],
    /// [`Incoming::notice_has`]): every reader's are found in one search of the text.
    pub(crate) markers: &'static [&'static str],
}

/// Every reader, tried in order; the first that decodes at least one recipient wins. Server
/// formats come first, then the RFC 3464 reader, then the generic text reader.
pub(crate) const FORMATS: &[Format] = &[
    // Providers, recognised by their own markers.
    amazon::WORKMAIL,
    amazon::SES,
    biglobe::FORMAT,
    ezweb::FORMAT,
    google::FORMAT,
    kddi::FORMAT,
    mailru::FORMAT,
    verizon::FORMAT,
    zoho::FORMAT,
    // Complaints, refusals sent as disposition notifications, and automatic replies.
    arf::FORMAT,
    sieve_reject::FORMAT,
    rfc3834::FORMAT,
    // Mail servers and gateways.
    sendmail::FORMAT,
    postfix::FORMAT,
    exim::FORMAT,
    qmail::FORMAT,
    dragonfly::FORMAT,
    imail::FORMAT,
    interscan::FORMAT,
    mailfoundry::FORMAT,
    apachejames::FORMAT,
    troubledelivering::FORMAT,
    fml::FORMAT,
    exchange2003::FORMAT,
    notes::FORMAT,
    mailmarshal::FORMAT,
    mfilter::FORMAT,
    bracketed::FORMAT,
    technicaldetails::FORMAT,
    netscape::FORMAT,
    // Standards, then the generic text reader.
    rfc3464::FORMAT,
    // A text-only Exchange report, before the generic reader would take its sentences.
    exchange2007::FORMAT,
    generic::FORMAT,
];

/// Runs the readers over a message; when none finds a recipient, over a notice it encloses
/// whole (a gateway that passes on the bounce it received as an attachment).
pub(crate) fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    decode_here(mail).or_else(|| {
        mail.message
            .parts()
            .filter_map(|part| part.message())
            .map(|inner| Incoming::new(inner).limited(mail.max_recipients))
            .filter(looks_like_failure)
            .find_map(|inner| decode_here(&inner))
    })
}

/// Runs the readers over the message itself.
fn decode_here(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    FORMATS
        .iter()
        .filter(|format| (format.claims)(mail))
        .filter_map(|format| (format.decode)(mail))
        .find(|decoded| !decoded.recipients.is_empty())
        .map(|mut decoded| {
            merge_duplicates(&mut decoded.recipients);
            if gateway::written_by_gateway(mail) {
                // The gateway had the whole message before anything was refused.
                for record in &mut decoded.recipients {
                    record.command.get_or_insert(SmtpCommand::Data);
                }
            }
            decoded
        })
}

/// Keeps one record per recipient address (the first), filling its gaps from later ones.
fn merge_duplicates(records: &mut Vec<RecipientFacts>) {
    let mut kept: Vec<RecipientFacts> = Vec::with_capacity(records.len());
    // Lowercased address → index in `kept`, so merging stays linear in the record count.
    let mut index: HashMap<String, usize> = HashMap::with_capacity(records.len());
    for record in records.drain(..) {
        let key = record.recipient.as_deref().map(str::to_ascii_lowercase);
        let same = key
            .as_ref()
            .and_then(|k| index.get(k).copied())
            .and_then(|i| kept.get_mut(i));
        match same {
            Some(existing) => {
                existing.status = existing.status.or(record.status);
                existing.reply_code = existing.reply_code.or(record.reply_code);
                existing.command = existing.command.or(record.command);
                if existing.diagnostic.is_none() {
                    existing.diagnostic = record.diagnostic;
                    existing.diagnostic_type = record.diagnostic_type;
                }
            }
            None => {
                if let Some(key) = key {
                    index.insert(key, kept.len());
                }
                kept.push(record);
            }
        }
    }
    *records = kept;
}

/// A text prepared for finding where it mentions an address: its ASCII-lowercased copy is
/// made once, however many recipients are looked up.
pub(crate) struct Mentions<'t> {
    text: &'t str,
    lower: String,
}

impl<'t> Mentions<'t> {
    /// Prepares `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Mentions {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// The paragraphs that mention `address`, in order: how servers write their explanation
    /// of one recipient, and the session transcript that may follow it. A paragraph runs from
    /// the mentioning line to the next blank line, or to the next line that starts with
    /// another address (a list of `address: reason` lines).
    pub(crate) fn paragraphs_about(&self, address: &str) -> impl Iterator<Item = &'t str> + '_ {
        let lower = self.lower.as_str();
        let text = self.text;
        let needle = address.to_ascii_lowercase();
        let finder = memchr::memmem::Finder::new(needle.as_bytes()).into_owned();
        let mut from = 0;
        std::iter::from_fn(move || {
            if needle.is_empty() {
                return None;
            }
            let at = from + finder.find(lower.get(from..)?.as_bytes())?;
            let bytes = lower.as_bytes();
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
            let line_end = |from: usize| {
                memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
            };
            let mut end = line_end(at);
            while end < lower.len() {
                let next = line_end(end + 1);
                let line = &lower[end + 1..next];
                let starts_another = line
                    .split_whitespace()
                    .next()
                    .is_some_and(|word| word.contains('@') && !word.contains(needle.as_str()));
                if line.trim().is_empty() || starts_another {
                    break;
                }
                end = next;
            }
            from = end.max(at + needle.len());
            text.get(start..end)
        })
    }
}

/// Runs one reader over a message written in a test: `None` unless it claims and decodes it.
#[cfg(test)]
pub(crate) fn decode_with(format: &Format, raw: &str) -> Option<Decoded> {
    let view = crate::mime::MimeView::parse(raw.as_bytes())?;
    let mail = Incoming::new(view.root());
    (format.claims)(&mail)
        .then(|| (format.decode)(&mail))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_specific_status_from_text_over_generic_field() {
        let mut facts = RecipientFacts {
            status: "5.0.0".parse().ok(),
            diagnostic: Some("550 5.1.1 <a@example.net>: unknown (in reply to RCPT TO)".into()),
            ..Default::default()
        };
        facts.complete_from_diagnostic();
        assert_eq!(
            facts.status.map(|s| s.to_string()).as_deref(),
            Some("5.1.1")
        );
        assert_eq!(facts.reply_code, Some(550));
        assert_eq!(facts.command, Some(SmtpCommand::Rcpt));
    }

    #[test]
    fn chooses_between_field_and_text_status() {
        // (Status field, diagnostic, status kept)
        let cases = [
            // A specific field status stands against a vaguer one in the text.
            ("5.2.2", "552 5.2.0 over quota", "5.2.2"),
            // The server's own specific status, backed by its reply code, wins.
            ("5.1.1", "552 5.2.2 Over quota", "5.2.2"),
            // A field class contradicted by the reply code gives way to the text's status.
            ("4.5.0", "550 5.5.0 Service refused", "5.5.0"),
        ];
        for (field, text, want) in cases {
            let mut facts = RecipientFacts {
                status: field.parse().ok(),
                diagnostic: Some(text.into()),
                ..Default::default()
            };
            facts.complete_from_diagnostic();
            let got = facts.status.map(|s| s.to_string());
            assert_eq!(got.as_deref(), Some(want), "{field} / {text}");
        }
    }

    #[test]
    fn reads_a_notice_enclosed_in_another() {
        let raw = "From: MAILER-DAEMON@gw.example.org\nSubject: Returned mail\n\
Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/plain\n\n\
The following addresses had permanent delivery errors\n\n--o\nContent-Type: message/rfc822\n\n\
From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\n\n\
<bob@example.net>:\nRemote host said: 550 5.1.1 no such user\n\n--o--\n";
        let view = crate::mime::MimeView::parse(raw.as_bytes()).unwrap();
        let decoded = decode(&Incoming::new(view.root())).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
    }

    #[test]
    fn merges_duplicate_recipients() {
        let mut records = vec![
            RecipientFacts {
                recipient: Some("a@example.net".into()),
                ..Default::default()
            },
            RecipientFacts {
                recipient: Some("A@example.net".into()),
                reply_code: Some(550),
                ..Default::default()
            },
        ];
        merge_duplicates(&mut records);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].reply_code, Some(550));
    }

    #[test]
    fn finds_the_paragraph_about_a_recipient() {
        let text = "intro\n\n<a@example.net>: host mx said:\n    550 no such user\n\nend";
        let mentions = Mentions::new(text);
        let about = |address| mentions.paragraphs_about(address).collect::<Vec<_>>();
        assert_eq!(
            about("a@example.net"),
            ["<a@example.net>: host mx said:\n    550 no such user"]
        );
        assert!(about("b@example.net").is_empty());
        // A list of `address: reason` lines: each line is its own paragraph; a transcript
        // further down is another mention.
        let text = "a@example.net: 550 user unknown\nb@example.net: 552 mailbox full\n\n\
                    >>> RCPT TO:<b@example.net>\n<<< 552 full\n";
        let mentions = Mentions::new(text);
        assert_eq!(
            mentions
                .paragraphs_about("b@example.net")
                .collect::<Vec<_>>(),
            [
                "b@example.net: 552 mailbox full",
                ">>> RCPT TO:<b@example.net>\n<<< 552 full"
            ]
        );
        assert_eq!(
            mentions
                .paragraphs_about("a@example.net")
                .collect::<Vec<_>>(),
            ["a@example.net: 550 user unknown"]
        );
    }
}
