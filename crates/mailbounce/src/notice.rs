//! Notice detection: what kind of message this is, before and beside its recipients.

use crate::formats::Decoded;
use crate::mime::MessageView;
use crate::model::{Action, NoticeKind, StatusClass};

/// Decides the notice kind from the report type, the decoded recipients' actions and the
/// notice's own headers.
pub(crate) fn detect(message: &MessageView<'_, '_>, decoded: Option<&Decoded>) -> NoticeKind {
    match message.content_type_param("report-type").as_deref() {
        Some("feedback-report") => return NoticeKind::Feedback,
        Some("disposition-notification") => return NoticeKind::ReadReceipt,
        _ => {}
    }
    if let Some(decoded) = decoded.filter(|d| !d.recipients.is_empty()) {
        return from_actions(decoded);
    }
    if looks_like_auto_reply(message) {
        return NoticeKind::AutoReply;
    }
    if looks_like_failure(message) {
        return NoticeKind::Failure;
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

/// RFC 3834 auto-replies that are not bounces: marked as auto-replied (or by the headers
/// vacation programs add) and not sent by a mail system.
fn looks_like_auto_reply(message: &MessageView<'_, '_>) -> bool {
    let auto_submitted = message
        .header_text("Auto-Submitted")
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
    let marked = auto_submitted
        || message.has_header("X-Autoreply")
        || message.has_header("X-Autorespond")
        || message
            .header_text("Precedence")
            .is_some_and(|v| v.eq_ignore_ascii_case("auto_reply"));
    marked && !is_from_mail_system(message)
}

/// A failure notice with no machine-readable part: sent by a mail system, or carrying the
/// headers and subjects that mail systems put on their bounces.
fn looks_like_failure(message: &MessageView<'_, '_>) -> bool {
    if message.has_header("X-Failed-Recipients") {
        return true;
    }
    let subject = message
        .header_text("Subject")
        .unwrap_or_default()
        .to_ascii_lowercase();
    const SUBJECTS: [&str; 12] = [
        "undeliver",
        "delivery status notification",
        "returned mail",
        "failure notice",
        "delivery failure",
        "mail delivery failed",
        "delivery has failed",
        "could not be delivered",
        "non remis",
        "unzustellbar",
        "nondeliverable",
        "mail system error",
    ];
    is_from_mail_system(message) || SUBJECTS.iter().any(|s| subject.contains(s))
}

/// True when the notice's sender is a mail system account (`MAILER-DAEMON`, `postmaster`, …).
fn is_from_mail_system(message: &MessageView<'_, '_>) -> bool {
    let from = message
        .header_text("From")
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "mailer-daemon",
        "postmaster",
        "mail delivery",
        "mail.delivery",
    ]
    .iter()
    .any(|account| from.contains(account))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn detect_bytes(raw: &str) -> NoticeKind {
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        detect(&view.root(), None)
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
}
