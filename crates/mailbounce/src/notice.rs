//! Notice detection: what kind of message this is, before and beside its recipients.
//!
//! The kinds that need different responses are told apart here: failures, delays, successes,
//! auto-replies, complaints, read receipts, challenge-response requests and antivirus notices,
//! and ordinary mail that is none of these.

use crate::any_phrase::AnyPhrase;
use crate::feedback::DISPOSITION_PART;
use crate::formats::{Decoded, Incoming, is_rejection, looks_like_auto_reply, looks_like_failure};
use crate::model::{Action, NoticeKind, StatusClass};

/// Decides the notice kind from the report type, the decoded recipients' actions and the
/// notice's own headers and words.
pub(crate) fn detect(mail: &Incoming<'_, '_>, decoded: Option<&Decoded>) -> NoticeKind {
    // A refusal sent as a disposition notification (Sieve `reject`) is a failed delivery,
    // whatever its report type and `Auto-Submitted: auto-replied` header suggest.
    if is_rejection(mail) {
        return NoticeKind::Failure;
    }
    match mail.message.content_type_param("report-type").as_deref() {
        Some("feedback-report") => return NoticeKind::Feedback,
        Some("disposition-notification") => return NoticeKind::ReadReceipt,
        _ => {}
    }
    let parts: Vec<&str> = mail.message.parts().map(|p| p.content_type()).collect();
    if parts.contains(&DISPOSITION_PART) {
        return NoticeKind::ReadReceipt;
    }
    let has_dsn = parts.iter().any(|p| p.ends_with("delivery-status"));
    if !has_dsn && looks_like_challenge(mail) {
        return NoticeKind::Challenge;
    }
    if let Some(decoded) = decoded.filter(|d| !d.recipients.is_empty()) {
        if decoded.recipients.iter().all(|r| r.feedback_type.is_some()) {
            return NoticeKind::Feedback;
        }
        if looks_like_auto_reply(mail) {
            return NoticeKind::AutoReply;
        }
        let kind = from_actions(decoded);
        let text_only = decoded.recipients.iter().all(|r| r.action.is_none());
        return match kind {
            NoticeKind::Failure if !has_dsn && looks_like_virus_alert(mail) => {
                NoticeKind::VirusAlert
            }
            NoticeKind::Failure if text_only && says_delayed(mail) => NoticeKind::Delay,
            kind => kind,
        };
    }
    if looks_like_auto_reply(mail) {
        return NoticeKind::AutoReply;
    }
    if !has_dsn && looks_like_virus_alert(mail) {
        return NoticeKind::VirusAlert;
    }
    if looks_like_failure(mail) {
        return if says_delayed(mail) {
            NoticeKind::Delay
        } else {
            NoticeKind::Failure
        };
    }
    NoticeKind::NotANotice
}

/// Any failed recipient makes a failure notice; otherwise delays make a delay notice, and a
/// notice of successes only is a success notice.
fn from_actions(decoded: &Decoded) -> NoticeKind {
    let mut delayed = false;
    let mut succeeded = false;
    for r in &decoded.recipients {
        match r.action {
            Some(Action::Failed) => return NoticeKind::Failure,
            Some(Action::Delayed) => delayed = true,
            Some(a) if a.is_success() => succeeded = true,
            _ => match r.status.map(|s| s.class()) {
                Some(StatusClass::Success) => succeeded = true,
                _ => return NoticeKind::Failure,
            },
        }
    }
    match (delayed, succeeded) {
        (true, _) => NoticeKind::Delay,
        (false, true) => NoticeKind::Success,
        (false, false) => NoticeKind::Failure,
    }
}

/// What servers write when they warn that a message is late but still being tried.
const DELAY_PHRASES: [&str; 12] = [
    "will keep trying",
    "will continue trying",
    "will continue to try",
    "still being retried",
    "will be retried",
    "will retry",
    "will try again",
    "delivery attempts will continue",
    "has not yet been delivered",
    "not been delivered yet",
    "delivery delayed",
    "delivery has been delayed",
];

static DELAY: AnyPhrase = AnyPhrase::new(&DELAY_PHRASES);

/// What servers write when they have given up for good.
const FINAL_PHRASES: [&str; 7] = [
    "not going to try again",
    "will not try again",
    "will not be retried",
    "no further attempts",
    "giving up",
    "gave up",
    "retry timeout exceeded",
];

static FINAL: AnyPhrase = AnyPhrase::new(&FINAL_PHRASES);

/// True when a plain-text notice (no DSN fields) says delivery is delayed, not abandoned.
fn says_delayed(mail: &Incoming<'_, '_>) -> bool {
    let subject = mail.subject_lower();
    let text = mail.notice_lower();
    let warned = subject.contains("delayed")
        || subject.contains("(delay)")
        || subject.starts_with("warning:")
        || DELAY.is_in(text);
    warned && !FINAL.is_in(text) && !FINAL.is_in(subject)
}

/// Phrases of challenge-response filters asking the sender to prove to be a person before the
/// message is delivered.
const CHALLENGE_PHRASES: [&str; 18] = [
    "challenge-response",
    "challenge/response",
    "confirm that you are a human",
    "confirm you are a human",
    "confirm that you are human",
    "confirm you are human",
    "verify that you are human",
    "verify you are human",
    "prove that you are human",
    "prove you are human",
    "you are a real person",
    "to have your message delivered",
    "before your message can be delivered",
    "before your message will be delivered",
    "add you to my list of approved senders",
    // EarthLink spamBlocker: "I now allow incoming messages only from senders I have
    // approved beforehand … If you would like to be added to my list of approved senders".
    "senders i have approved",
    "added to my list of approved senders",
    "add you to my whitelist",
];

static CHALLENGE: AnyPhrase = AnyPhrase::new(&CHALLENGE_PHRASES);

/// True for a challenge-response request: one of its phrases in the subject or the notice's
/// own words, on a message that is not list mail.
fn looks_like_challenge(mail: &Incoming<'_, '_>) -> bool {
    if mail.has_header("List-Id") || mail.has_header("List-Unsubscribe") {
        return false;
    }
    CHALLENGE.is_in(mail.notice_lower()) || CHALLENGE.is_in(mail.subject_lower())
}

/// True for a content scanner's malware notice: a virus subject, a detection in the text, and
/// an automatic sender; list mail (security newsletters) is left out.
fn looks_like_virus_alert(mail: &Incoming<'_, '_>) -> bool {
    const SUBJECT_WORDS: [&str; 4] = ["virus", "malware", "infected", "infection"];
    const THREATS: [&str; 5] = ["virus", "malware", "infected", "trojan", "worm"];
    const FINDINGS: [&str; 7] = [
        "found",
        "detected",
        "quarantine",
        "removed",
        "blocked",
        "deleted",
        "infected",
    ];
    const SCANNER_ACCOUNTS: [&str; 6] = [
        "antivirus",
        "anti-virus",
        "virus",
        "scanner",
        "amavis",
        "quarantine",
    ];
    let subject = mail.subject_lower();
    if !SUBJECT_WORDS.iter().any(|w| subject.contains(w))
        || mail.has_header("List-Id")
        || mail.has_header("List-Unsubscribe")
    {
        return false;
    }
    let text = mail.notice_lower();
    let detection =
        THREATS.iter().any(|w| text.contains(w)) && FINDINGS.iter().any(|w| text.contains(w));
    let automatic = mail.is_from_mail_system()
        || mail.has_header("Auto-Submitted")
        || SCANNER_ACCOUNTS
            .iter()
            .any(|a| mail.sender_lower().contains(a));
    detection && automatic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn detect_bytes(raw: &str) -> NoticeKind {
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        detect(&Incoming::new(view.root()), None)
    }

    #[test]
    fn ordinary_mail_is_not_a_notice() {
        let raw =
            "From: Alice <alice@example.com>\nTo: bob@example.net\nSubject: Lunch?\n\nNoon?\n";
        assert_eq!(detect_bytes(raw), NoticeKind::NotANotice);
    }

    #[test]
    fn mail_system_sender_means_failure() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\n\nSorry.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Failure);
    }

    #[test]
    fn report_types_decide_first() {
        let raw = "From: feedback@example.org\nContent-Type: multipart/report; \
                   report-type=feedback-report; boundary=b\n\n--b--\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Feedback);
        let raw = raw.replace("feedback-report", "disposition-notification");
        assert_eq!(detect_bytes(&raw), NoticeKind::ReadReceipt);
    }

    #[test]
    fn vacation_reply_is_an_auto_reply() {
        let raw = "From: bob@example.net\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nAway.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::AutoReply);
    }

    #[test]
    fn text_delay_warnings_are_delays() {
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Warning: message delayed\n\n\
Your message has not yet been delivered. We will keep trying for 4 more days.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Delay);
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\n\n\
I'm not going to try again; this message has been in the queue too long.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Failure);
    }

    #[test]
    fn challenges_and_virus_alerts() {
        let raw = "From: guard@example.net\nSubject: Please verify your message\n\n\
I use a filter: click the link to confirm you are human and your message will be delivered.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Challenge);
        let raw = "From: dana@example.net\nAuto-Submitted: auto-replied\nSubject: Re: hello\n\n\
I now accept mail only from senders I have approved. To be added to my list of approved \
senders, follow the link.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::Challenge);
        let raw = "From: Antivirus <antivirus@example.net>\nSubject: VIRUS ALERT in a message you sent\n\n\
The attachment invoice.zip was infected with a trojan and has been removed.\n";
        assert_eq!(detect_bytes(raw), NoticeKind::VirusAlert);
    }
}
