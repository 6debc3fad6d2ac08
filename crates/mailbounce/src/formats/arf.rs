//! Complaint and feedback reports: RFC 5965 ARF (`multipart/report;
//! report-type=feedback-report` with a `message/feedback-report` part, including RFC 6430
//! `not-spam` and RFC 6591 `auth-failure` reports), provider complaint mails that attach the
//! reported message without the ARF structure, and unsubscribe requests sent by mail programs.
//!
//! One record per complained-about address, each with its feedback type; one record with no
//! address when the reporter hides it.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::feedback::{FEEDBACK_PART, read_feedback};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "arf",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.message.content_type_param("report-type").as_deref() == Some("feedback-report")
        || mail
            .message
            .parts()
            .any(|p| p.content_type() == FEEDBACK_PART || p.message().is_some())
        || mail.has_header("X-Apple-Unsubscribe")
        || mail.subject_lower().trim() == "unsubscribe"
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let feedback = read_feedback(&mail.message)?;
    let feedback_type = feedback.report.feedback_type.clone();
    let facts = |recipient: Option<String>| RecipientFacts {
        recipient,
        feedback_type: feedback_type.clone(),
        ..RecipientFacts::default()
    };
    let mut recipients: Vec<RecipientFacts> = feedback
        .recipients
        .into_iter()
        .map(Some)
        .map(facts)
        .collect();
    if recipients.is_empty() {
        recipients.push(facts(None));
    }
    Some(Decoded {
        format: FORMAT.name,
        arrival_date: feedback.report.arrival_date,
        recipients,
        ..Decoded::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    const ARF: &str = "From: fbl@example.org\nTo: abuse@example.com\nSubject: FW: Sale\n\
Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n\
--b\nContent-Type: text/plain\n\nA complaint.\n\
--b\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: Test/1\n\
Version: 1\nOriginal-Rcpt-To: reader@example.net\nArrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\n\n\
--b\nContent-Type: message/rfc822\n\nFrom: shop@example.com\nTo: other@example.net\nSubject: Sale\n\nBuy.\n\
--b--\n";

    #[test]
    fn reads_the_reported_recipient() {
        let decoded = decode_text(ARF).unwrap();
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(r.recipient.as_deref(), Some("reader@example.net"));
        assert_eq!(r.feedback_type.as_deref(), Some("abuse"));
        assert!(decoded.arrival_date.is_some());
    }

    #[test]
    fn falls_back_to_the_quoted_to_when_redacted() {
        let raw = ARF.replace("reader@example.net", "redacted@example.net");
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("other@example.net")
        );
    }

    #[test]
    fn one_anonymous_record_when_nobody_is_named() {
        let raw = ARF
            .replace("Original-Rcpt-To: reader@example.net\n", "")
            .replace("To: other@example.net\n", "To: undisclosed-recipients:;\n");
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(decoded.recipients.len(), 1);
        assert_eq!(decoded.recipients[0].recipient, None);
        assert_eq!(
            decoded.recipients[0].feedback_type.as_deref(),
            Some("abuse")
        );
    }

    #[test]
    fn forwarded_mail_is_not_a_complaint() {
        let raw = "From: alice@example.com\nTo: bob@example.net\nSubject: Fwd: photos\n\
Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee below.\n\
--b\nContent-Type: message/rfc822\n\nFrom: carol@example.org\nTo: alice@example.com\nSubject: photos\n\nHi\n--b--\n";
        assert!(decode_text(raw).is_none());
    }
}
