//! The sample bounces in `examples/bounces/` (written for this project) give what they show.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::{Action, FailureKind, NoticeKind, Permanence, Report, SmtpCommand};

fn sample(name: &str) -> Report {
    let path = format!(
        "{}/../../examples/bounces/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    mailbounce::parse(&raw).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn postfix_user_unknown_is_a_hard_bounce() {
    let report = sample("postfix-user-unknown.eml");
    assert_eq!(report.notice, NoticeKind::Failure);
    assert_eq!(report.reporting_mta.as_deref(), Some("mx1.example.org"));
    let [bounce] = report.bounces.as_slice() else {
        panic!("one record expected: {:?}", report.bounces)
    };
    assert_eq!(bounce.recipient.as_deref(), Some("nobody@example.net"));
    assert_eq!(
        bounce.status.map(|s| s.to_string()).as_deref(),
        Some("5.1.1")
    );
    assert_eq!(bounce.reply_code, Some(550));
    assert_eq!(bounce.kind, FailureKind::UserUnknown);
    assert_eq!(bounce.command, Some(SmtpCommand::Rcpt));
    assert_eq!(bounce.permanence, Permanence::Permanent);
    assert!(bounce.hard_bounce);
    assert_eq!(bounce.decoded_by, "rfc3464");
    let original = report
        .original
        .as_ref()
        .expect("original headers are returned");
    assert_eq!(
        original.message_id.as_deref(),
        Some("campaign-0001@example.com")
    );
    assert_eq!(original.to, ["nobody@example.net"]);
}

#[test]
fn exchange_mailbox_full_is_soft() {
    let report = sample("exchange-mailbox-full.eml");
    assert_eq!(report.notice, NoticeKind::Failure);
    let bounce = &report.bounces[0];
    assert_eq!(bounce.recipient.as_deref(), Some("full.box@example.net"));
    assert_eq!(bounce.kind, FailureKind::MailboxFull);
    assert!(!bounce.hard_bounce);
    assert!(
        report
            .original
            .as_ref()
            .is_some_and(|o| o.message_id.is_some())
    );
}

#[test]
fn delay_warning_is_transient() {
    let report = sample("delay-warning.eml");
    assert_eq!(report.notice, NoticeKind::Delay);
    let bounce = &report.bounces[0];
    assert_eq!(bounce.recipient.as_deref(), Some("slow@example.net"));
    assert_eq!(bounce.action, Some(Action::Delayed));
    assert_eq!(bounce.permanence, Permanence::Transient);
    assert!(!bounce.hard_bounce);
    let until = bounce
        .will_retry_until
        .as_ref()
        .expect("Will-Retry-Until is given");
    assert!(until.timestamp.is_some(), "{until:?}");
}

#[test]
fn feedback_report_names_the_complainant() {
    let report = sample("feedback-report.eml");
    assert_eq!(report.notice, NoticeKind::Feedback);
    let [bounce] = report.bounces.as_slice() else {
        panic!("one record expected: {:?}", report.bounces)
    };
    assert_eq!(bounce.recipient.as_deref(), Some("reader@example.net"));
    assert_eq!(bounce.kind, FailureKind::Feedback);
    assert_eq!(bounce.feedback_type.as_deref(), Some("abuse"));
    assert!(!bounce.hard_bounce);
    let feedback = report.feedback.as_ref().expect("the ARF details are read");
    assert_eq!(feedback.source_ip.as_deref(), Some("192.0.2.10"));
    assert_eq!(
        feedback.original_mail_from.as_deref(),
        Some("bounces@example.com")
    );
    assert_eq!(feedback.reported_domains, ["example.com"]);
}

#[test]
fn auto_reply_is_a_vacation_record() {
    let report = sample("auto-reply.eml");
    let [bounce] = report.bounces.as_slice() else {
        panic!("one record expected: {:?}", report.bounces)
    };
    assert_eq!(bounce.recipient.as_deref(), Some("dana@example.net"));
    assert_eq!(bounce.kind, FailureKind::Vacation);
    assert_eq!(bounce.permanence, Permanence::NotAFailure);
    assert!(!bounce.hard_bounce);
}

#[test]
fn non_failures_are_told_apart() {
    assert_eq!(sample("auto-reply.eml").notice, NoticeKind::AutoReply);
    assert_eq!(sample("feedback-report.eml").notice, NoticeKind::Feedback);
    let ordinary = sample("not-a-bounce.eml");
    assert_eq!(ordinary.notice, NoticeKind::NotANotice);
    assert!(ordinary.bounces.is_empty());
}
