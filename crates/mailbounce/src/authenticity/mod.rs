//! Is this bounce real? Authenticity verdicts for messages that look like delivery notices.
//!
//! Computed only on request ([`Parser::authenticity`](crate::Parser::authenticity)); the
//! ordinary parse never pays for it. Each signal family has its own file: the notice's
//! structure ([`structure`]), its inner consistency ([`consistency`]), lures ([`lures`]), and
//! what the user's [`Context`] says about the original ([`context`]). Rule data lives beside
//! them in `lures.txt` and `help_domains.txt`, compiled once.
//!
#![doc = include_str!("README.md")]

mod consistency;
mod context;
mod domains;
mod lures;
mod phrases;
mod structure;

use std::cell::OnceCell;

pub use context::Context;

use crate::formats::Incoming;
use crate::model::{Authenticity, NoticeKind, Report, Signal, SignalOutcome, Verdict};

/// The signals gathered so far, with their weights summed by family.
#[derive(Debug, Default)]
pub(crate) struct Signals {
    list: Vec<Signal>,
}

impl Signals {
    /// Records one signal.
    pub(crate) fn push(
        &mut self,
        name: &str,
        outcome: SignalOutcome,
        weight: u8,
        evidence: String,
    ) {
        self.list.push(Signal {
            name: name.to_string(),
            outcome,
            weight: if outcome == SignalOutcome::Neutral {
                0
            } else {
                weight
            },
            evidence,
        });
    }

    /// The summed weight of the signals with that outcome among `names`.
    fn weight(&self, outcome: SignalOutcome, names: &[&str]) -> u32 {
        self.list
            .iter()
            .filter(|s| s.outcome == outcome && names.contains(&s.name.as_str()))
            .map(|s| u32::from(s.weight))
            .sum()
    }
}

/// What the analysis reads: the message, the report the parser made of it, and views computed
/// once on first use.
pub(crate) struct Evidence<'r, 'v, 'x> {
    pub(crate) mail: &'r Incoming<'v, 'x>,
    pub(crate) report: &'r Report,
    quoted_lower: OnceCell<String>,
}

impl Evidence<'_, '_, '_> {
    /// The returned original as text, lowercased: what follows the notice's own words, and
    /// every attached message or header part.
    pub(crate) fn quoted_lower(&self) -> &str {
        self.quoted_lower.get_or_init(|| {
            let text = self.mail.text();
            let mut quoted = text
                .get(self.mail.notice_text().len()..)
                .unwrap_or_default()
                .to_string();
            for part in self.mail.message.parts() {
                let content_type = part.content_type();
                if part.message().is_some() || content_type.contains("rfc822-headers") {
                    quoted.push('\n');
                    quoted.push_str(&part.text());
                }
            }
            quoted.to_lowercase()
        })
    }
}

/// Signal names by family, for the verdict.
const STRUCTURE: &[&str] = &[
    structure::NULL_SENDER,
    structure::DELIVERY_STATUS,
    structure::SERVER_FORMAT,
    structure::QUOTED_ORIGINAL,
    structure::SYSTEM_SENDER,
    consistency::SENDER_ALIGNMENT,
    consistency::RECIPIENT_MATCHES_ORIGINAL,
    consistency::STATUS_MATCHES_DIAGNOSTIC,
];
const LURES: &[&str] = &[
    lures::LINK,
    lures::CALL_TO_ACTION,
    lures::HELD_MESSAGES,
    lures::URGENCY,
    lures::QUOTA_THREAT,
    lures::HTML_ONLY,
    lures::ATTACHMENT,
    lures::HTML_FORM,
    lures::DISPLAY_NAME,
];

/// Lure weight from which a message is forged.
const FORGED_AT: u32 = 4;
/// Lure weight from which a message is suspicious.
const SUSPICIOUS_AT: u32 = 2;
/// Weight of inconsistencies from which a message is suspicious.
const INCONSISTENT_AT: u32 = 3;
/// Structure weight from which a notice is genuine.
const GENUINE_AT: u32 = 2;

/// Computes the verdict for one parsed message.
pub(crate) fn analyse(mail: &Incoming<'_, '_>, report: &Report, context: &Context) -> Authenticity {
    let evidence = Evidence {
        mail,
        report,
        quoted_lower: OnceCell::new(),
    };
    let mut signals = Signals::default();
    structure::check(&evidence, &mut signals);
    let aligned = consistency::check(&evidence, &mut signals);
    let posing = lures::check(&evidence, aligned, &mut signals);
    let ours = context::check(context, &evidence, &mut signals);

    let lure = signals.weight(SignalOutcome::Fail, LURES);
    let inconsistent = signals.weight(SignalOutcome::Fail, STRUCTURE);
    let structure = signals.weight(SignalOutcome::Pass, STRUCTURE);
    let is_notice = !matches!(report.notice, NoticeKind::NotANotice);
    let verdict = if !is_notice && !posing {
        Verdict::Unknown
    } else if lure >= FORGED_AT || (lure >= SUSPICIOUS_AT && structure == 0) {
        Verdict::Forged
    } else if ours < 0 && is_notice {
        Verdict::Backscatter
    } else if lure >= SUSPICIOUS_AT || inconsistent >= INCONSISTENT_AT {
        Verdict::Suspicious
    } else if is_notice && structure >= GENUINE_AT {
        Verdict::Genuine
    } else {
        Verdict::Unknown
    };
    Authenticity {
        verdict,
        signals: signals.list,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Parser;

    /// A real-looking DSN; `{FROM}`, `{EXTRA}` (extra headers) and `{TEXT}` are filled in.
    const DSN: &str = "Return-Path: <>\n\
Received: from mx.example.org (mx.example.org [192.0.2.1])\n\tby in.example.com; Mon, 3 Mar 2025 10:00:00 +0000\n\
From: {FROM}\n\
To: sender@example.com\n{EXTRA}\
Subject: Undelivered Mail Returned to Sender\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
--b\nContent-Type: text/plain; charset=utf-8\n\n{TEXT}\n\
--b\nContent-Type: message/delivery-status\n\n\
Reporting-MTA: dns; mx.example.org\n\n\
Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\n\
Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n\
--b\nContent-Type: text/rfc822-headers\n\n\
Received: from out.example.com by mx.example.org\n\
Message-ID: <m1@mail.example.com>\nFrom: sender@example.com\nTo: bob@example.org\n\
--b--\n";

    fn dsn(from: &str, extra: &str, text: &str) -> String {
        DSN.replace("{FROM}", from)
            .replace("{EXTRA}", extra)
            .replace("{TEXT}", text)
    }

    fn judge(raw: &str, context: Context) -> Authenticity {
        let parser = Parser::new().authenticity(context);
        parser.parse(raw.as_bytes()).unwrap().authenticity.unwrap()
    }

    fn outcome(a: &Authenticity, name: &str) -> Option<SignalOutcome> {
        a.signals.iter().find(|s| s.name == name).map(|s| s.outcome)
    }

    const PLAIN: &str = "Your message could not be delivered.";
    const SYSTEM: &str = "MAILER-DAEMON@mx.example.org";

    #[test]
    fn a_real_notice_passes_its_structure_signals() {
        let a = judge(&dsn(SYSTEM, "", PLAIN), Context::new());
        assert_eq!(a.verdict, Verdict::Genuine);
        for name in [
            structure::NULL_SENDER,
            structure::DELIVERY_STATUS,
            structure::QUOTED_ORIGINAL,
            structure::SYSTEM_SENDER,
            consistency::SENDER_ALIGNMENT,
            consistency::RECIPIENT_MATCHES_ORIGINAL,
        ] {
            assert_eq!(outcome(&a, name), Some(SignalOutcome::Pass), "{name}");
        }
        assert_eq!(a.failed().count(), 0, "{:?}", a.signals);
    }

    #[test]
    fn a_known_server_format_passes() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\n\n\
Hi. This is the qmail-send program at mx.example.org.\n\
I'm afraid I wasn't able to deliver your message to the following addresses.\n\
This is a permanent error; I've given up. Sorry it didn't work out.\n\n\
<bob@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n";
        let a = judge(raw, Context::new());
        assert_eq!(
            outcome(&a, structure::SERVER_FORMAT),
            Some(SignalOutcome::Pass)
        );
    }

    #[test]
    fn a_report_without_a_delivery_status_fails_it() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Undeliverable\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
--b\nContent-Type: text/plain\n\nfailed: bob@example.org\n--b--\n";
        let a = judge(raw, Context::new());
        assert_eq!(
            outcome(&a, structure::DELIVERY_STATUS),
            Some(SignalOutcome::Fail)
        );
    }

    #[test]
    fn a_foreign_return_path_and_sender_domain_fail() {
        let raw = dsn("MAILER-DAEMON@other.example.net", "", PLAIN)
            .replace("Return-Path: <>", "Return-Path: <x@other.example.net>");
        let a = judge(&raw, Context::new());
        assert_eq!(
            outcome(&a, structure::NULL_SENDER),
            Some(SignalOutcome::Fail)
        );
        assert_eq!(
            outcome(&a, consistency::SENDER_ALIGNMENT),
            Some(SignalOutcome::Fail)
        );
    }

    #[test]
    fn dkim_domain_aligns_the_sender() {
        let raw = dsn(
            "MAILER-DAEMON@bounces.example.net",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.net; s=s1; b=abc\n",
            PLAIN,
        )
        .replace("Received: from mx.example.org (mx.example.org [192.0.2.1])\n\tby in.example.com; Mon, 3 Mar 2025 10:00:00 +0000\n", "");
        let raw = raw.replace(
            "Reporting-MTA: dns; mx.example.org",
            "Reporting-MTA: dns; mx.example.biz",
        );
        let a = judge(&raw, Context::new());
        let signal = a
            .signals
            .iter()
            .find(|s| s.name == consistency::SENDER_ALIGNMENT)
            .unwrap();
        assert_eq!(signal.outcome, SignalOutcome::Pass);
        assert!(signal.evidence.contains("DKIM"), "{}", signal.evidence);
    }

    #[test]
    fn status_and_reply_code_must_agree() {
        let raw = dsn(SYSTEM, "", PLAIN).replace(
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
            "Diagnostic-Code: smtp; 250 ok",
        );
        let a = judge(&raw, Context::new());
        assert_eq!(
            outcome(&a, consistency::STATUS_MATCHES_DIAGNOSTIC),
            Some(SignalOutcome::Fail)
        );
    }

    #[test]
    fn lure_phrases_and_links_fail() {
        let text = "5 messages held. Click here to release them: https://portal.example.top/x \
They will be deleted within 24 hours. Mailbox quota reached.";
        let a = judge(&dsn(SYSTEM, "", text), Context::new());
        for name in [
            lures::LINK,
            lures::CALL_TO_ACTION,
            lures::HELD_MESSAGES,
            lures::URGENCY,
            lures::QUOTA_THREAT,
        ] {
            assert_eq!(outcome(&a, name), Some(SignalOutcome::Fail), "{name}");
        }
        assert_eq!(a.verdict, Verdict::Forged);
    }

    #[test]
    fn quota_wording_alone_and_help_links_do_not_fail() {
        let text = "552 mailbox quota exceeded, see https://support.google.com/mail/answer/6558";
        let a = judge(&dsn(SYSTEM, "", text), Context::new());
        assert_eq!(
            outcome(&a, lures::QUOTA_THREAT),
            Some(SignalOutcome::Neutral)
        );
        assert_eq!(outcome(&a, lures::LINK), None);
        assert_eq!(a.verdict, Verdict::Genuine);
    }

    #[test]
    fn html_only_forms_attachments_and_display_names_fail() {
        let raw = "From: \"Microsoft Outlook\" <info@shop.example.top>\nSubject: Undeliverable\n\
Content-Type: multipart/mixed; boundary=m\n\n\
--m\nContent-Type: text/html\n\n<form action=x><input type=password></form>\n\
--m\nContent-Type: text/html; name=\"msg.html\"\nContent-Disposition: attachment; filename=\"msg.html\"\n\n<p>x</p>\n\
--m--\n";
        let a = judge(raw, Context::new());
        for name in [
            lures::HTML_ONLY,
            lures::HTML_FORM,
            lures::ATTACHMENT,
            lures::DISPLAY_NAME,
        ] {
            assert_eq!(outcome(&a, name), Some(SignalOutcome::Fail), "{name}");
        }
        assert_eq!(a.verdict, Verdict::Forged);
    }

    #[test]
    fn ordinary_mail_is_unknown() {
        let a = judge(
            "From: a@example.org\nSubject: lunch\n\nsee you\n",
            Context::new(),
        );
        assert_eq!(a.verdict, Verdict::Unknown);
    }

    #[test]
    fn context_tells_our_mail_from_backscatter() {
        let ours = Context::new()
            .our_domain("example.com")
            .our_relay("out.example.com")
            .sent_by_us(|id| id == "m1@mail.example.com");
        let a = judge(&dsn(SYSTEM, "", PLAIN), ours.clone());
        assert_eq!(a.verdict, Verdict::Genuine);
        for name in [
            "sent_by_us",
            "original_message_id_ours",
            "original_from_ours",
            "original_relay_ours",
        ] {
            assert_eq!(outcome(&a, name), Some(SignalOutcome::Pass), "{name}");
        }
        let foreign = dsn(SYSTEM, "", PLAIN)
            .replace("m1@mail.example.com", "zz@bot.example.net")
            .replace(
                "Received: from out.example.com",
                "Received: from bot.example.net",
            );
        let a = judge(&foreign, ours);
        assert_eq!(a.verdict, Verdict::Backscatter);
        for name in [
            "sent_by_us",
            "original_message_id_ours",
            "original_relay_ours",
        ] {
            assert_eq!(outcome(&a, name), Some(SignalOutcome::Fail), "{name}");
        }
    }

    #[test]
    fn verp_and_batv_read_the_envelope_recipient() {
        let verp = Context::new()
            .our_domain("example.com")
            .verp_prefix("bounces");
        let raw = dsn(
            SYSTEM,
            "Delivered-To: bounces+bob=example.org@example.com\n",
            PLAIN,
        );
        assert_eq!(
            outcome(&judge(&raw, verp.clone()), "verp_recipient"),
            Some(SignalOutcome::Pass)
        );
        let raw = dsn(
            SYSTEM,
            "Delivered-To: bounces+eve=example.org@example.com\n",
            PLAIN,
        );
        let a = judge(&raw, verp);
        assert_eq!(outcome(&a, "verp_recipient"), Some(SignalOutcome::Fail));

        let batv = Context::new().our_domain("example.com").batv(true);
        let raw = dsn(
            SYSTEM,
            "Delivered-To: prvs=0123abcd=sender@example.com\n",
            PLAIN,
        );
        assert_eq!(
            outcome(&judge(&raw, batv.clone()), "batv_signed"),
            Some(SignalOutcome::Pass)
        );
        let a = judge(&dsn(SYSTEM, "", PLAIN), batv);
        assert_eq!(outcome(&a, "batv_signed"), Some(SignalOutcome::Fail));
    }
}
