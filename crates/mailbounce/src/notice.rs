//! Notice detection: what kind of message this is, before and beside its recipients.

use crate::formats::{Decoded, Incoming, looks_like_failure};
use crate::model::{Action, NoticeKind, StatusClass};

/// Decides the notice kind from the report type, the decoded recipients' actions and the
/// notice's own headers.
pub(crate) fn detect(mail: &Incoming<'_, '_>, decoded: Option<&Decoded>) -> NoticeKind {
    match mail.message.content_type_param("report-type").as_deref() {
        Some("feedback-report") => return NoticeKind::Feedback,
        Some("disposition-notification") => return NoticeKind::ReadReceipt,
        _ => {}
    }
    if let Some(decoded) = decoded.filter(|d| !d.recipients.is_empty()) {
        return from_actions(decoded);
    }
    if looks_like_auto_reply(mail) {
        return NoticeKind::AutoReply;
    }
    if looks_like_failure(mail) {
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
fn looks_like_auto_reply(mail: &Incoming<'_, '_>) -> bool {
    let auto_submitted = mail
        .header("Auto-Submitted")
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
    let marked = auto_submitted
        || mail.has_header("X-Autoreply")
        || mail.has_header("X-Autorespond")
        || mail
            .header("Precedence")
            .is_some_and(|v| v.eq_ignore_ascii_case("auto_reply"));
    marked && !mail.is_from_mail_system()
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
}
