//! ESP event payloads (written for this project from each provider's public documentation, in
//! `examples/esp/`) give the reason, hard flag and provider label expected.

#![cfg(feature = "esp")]
#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::esp::{self, Provider};
use mailbounce::{FailureKind, NoticeKind, Permanence, Report, Responsibility};

fn payload(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/esp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn reports(name: &str) -> Vec<Report> {
    esp::parse_event(&payload(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What one event must give.
struct Expect {
    notice: NoticeKind,
    recipient: &'static str,
    kind: FailureKind,
    hard: bool,
    label: &'static str,
    permanence: Permanence,
}

fn check(report: &Report, provider: Provider, want: &Expect) {
    assert_eq!(report.notice, want.notice, "{report:#?}");
    assert_eq!(
        report.esp.as_ref().map(|e| e.provider.as_str()),
        Some(provider.as_str())
    );
    let [bounce] = report.bounces.as_slice() else {
        panic!("one record expected: {report:#?}")
    };
    assert_eq!(bounce.recipient.as_deref(), Some(want.recipient));
    assert_eq!(bounce.kind, want.kind, "{bounce:#?}");
    assert_eq!(bounce.hard_bounce, want.hard, "{bounce:#?}");
    assert_eq!(bounce.provider_label.as_deref(), Some(want.label));
    assert_eq!(bounce.permanence, want.permanence, "{bounce:#?}");
    assert_eq!(bounce.decoded_by, provider.as_str());
}

mod ses {
    use super::*;

    #[test]
    fn hard_bounce_labelled_transient_is_ours_to_call() {
        let reports = reports("ses-hard.json");
        let report = &reports[0];
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "ann@nowhere.example.net",
            kind: FailureKind::HostUnknown,
            hard: true,
            label: "Transient/General",
            permanence: Permanence::Permanent,
        };
        check(report, Provider::AmazonSes, &want);
        assert_eq!(report.bounces[0].matched_rule, "status:5.4.4");
        assert_eq!(report.original_header("x-campaign-id"), Some("spring-2026"));
        let original = report.original.as_ref().unwrap();
        assert_eq!(original.message_id.as_deref(), Some("spring-1@example.com"));
        assert_eq!(
            report.reporting_mta.as_deref(),
            Some("a1-2.smtp-out.example.com")
        );
        let esp = report.esp.as_ref().unwrap();
        assert_eq!(esp.event, "Bounce");
        assert_eq!(
            esp.event_id.as_deref(),
            Some("0100018e-aaaa-bbbb-cccc-000000000001")
        );
        assert!(report.bounces[0].should_suppress());
    }

    #[test]
    fn soft_bounce_without_detail_falls_back_to_the_category() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "Transient/MailboxFull",
            permanence: Permanence::Transient,
        };
        let reports = reports("ses-soft.json");
        check(&reports[0], Provider::AmazonSes, &want);
        assert_eq!(
            reports[0].bounces[0].matched_rule,
            "esp:amazonses:Transient/MailboxFull"
        );
        assert!(!reports[0].bounces[0].should_suppress());
    }

    #[test]
    fn complaint() {
        let want = Expect {
            notice: NoticeKind::Feedback,
            recipient: "carol@example.net",
            kind: FailureKind::Feedback,
            hard: false,
            label: "Complaint/abuse",
            permanence: Permanence::NotAFailure,
        };
        let reports = reports("ses-complaint.json");
        check(&reports[0], Provider::AmazonSes, &want);
        let bounce = &reports[0].bounces[0];
        assert_eq!(bounce.feedback_type.as_deref(), Some("abuse"));
        assert!(bounce.should_suppress());
    }

    #[test]
    fn delivery_delay() {
        let want = Expect {
            notice: NoticeKind::Delay,
            recipient: "dave@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "DeliveryDelay/MailboxFull",
            permanence: Permanence::Transient,
        };
        let reports = reports("ses-delay.json");
        check(&reports[0], Provider::AmazonSes, &want);
        assert_eq!(
            reports[0].bounces[0].responsibility(),
            Responsibility::Transient
        );
    }

    #[test]
    fn the_provider_entry_point_agrees() {
        assert_eq!(
            esp::parse_ses(&payload("ses-soft.json")).unwrap(),
            reports("ses-soft.json")
        );
        assert_eq!(
            esp::parse_ses(&payload("postmark-hard.json")),
            Err(mailbounce::Error::UnknownEvent)
        );
    }
}

mod sendgrid {
    use super::*;

    fn batch() -> Vec<Report> {
        let reports = reports("sendgrid-batch.json");
        assert_eq!(reports.len(), 6);
        reports
    }

    #[test]
    fn hard_bounce() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "ann@example.net",
            kind: FailureKind::UserUnknown,
            hard: true,
            label: "bounce/Invalid Address",
            permanence: Permanence::Permanent,
        };
        let reports = batch();
        check(&reports[0], Provider::SendGrid, &want);
        assert_eq!(
            reports[0].original.as_ref().unwrap().message_id.as_deref(),
            Some("spring-1@example.com")
        );
    }

    #[test]
    fn soft_bounce_blocked() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::Blocked,
            hard: false,
            label: "bounce/blocked/Reputation",
            permanence: Permanence::Permanent,
        };
        let reports = batch();
        check(&reports[1], Provider::SendGrid, &want);
        assert_eq!(
            reports[1].bounces[0].responsibility(),
            Responsibility::Sender
        );
        assert!(!reports[1].bounces[0].should_suppress());
    }

    #[test]
    fn complaint() {
        let want = Expect {
            notice: NoticeKind::Feedback,
            recipient: "carol@example.net",
            kind: FailureKind::Feedback,
            hard: false,
            label: "spamreport",
            permanence: Permanence::NotAFailure,
        };
        check(&batch()[2], Provider::SendGrid, &want);
    }

    #[test]
    fn deferred() {
        let want = Expect {
            notice: NoticeKind::Delay,
            recipient: "dave@example.org",
            kind: FailureKind::Blocked,
            hard: false,
            label: "deferred",
            permanence: Permanence::Transient,
        };
        let reports = batch();
        let bounce = &reports[3].bounces[0];
        assert_eq!(bounce.reply_code, Some(451));
        // Greylisting: the words decide, whatever the label.
        assert_eq!(bounce.kind.responsibility(), want.kind.responsibility());
        check(
            &reports[3],
            Provider::SendGrid,
            &Expect {
                kind: bounce.kind,
                ..want
            },
        );
        assert!(!bounce.hard_bounce);
    }

    #[test]
    fn dropped_for_a_bounced_address_is_suppressed() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "erin@example.net",
            kind: FailureKind::Suppressed,
            hard: false,
            label: "dropped/Bounced Address",
            permanence: Permanence::Permanent,
        };
        check(&batch()[4], Provider::SendGrid, &want);
    }

    #[test]
    fn engagement_events_are_not_notices() {
        let reports = batch();
        assert_eq!(reports[5].notice, NoticeKind::NotANotice);
        assert!(reports[5].bounces.is_empty());
        assert_eq!(reports[5].esp.as_ref().unwrap().event, "open");
    }
}

mod mailgun {
    use super::*;

    #[test]
    fn hard_bounce() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "ann@example.net",
            kind: FailureKind::UserUnknown,
            hard: true,
            label: "failed/permanent/bounce",
            permanence: Permanence::Permanent,
        };
        let reports = reports("mailgun-hard.json");
        check(&reports[0], Provider::Mailgun, &want);
        let bounce = &reports[0].bounces[0];
        assert_eq!(bounce.reply_code, Some(550));
        assert_eq!(bounce.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(reports[0].original_header("Subject"), Some("Spring news"));
    }

    #[test]
    fn soft_bounce() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "failed/permanent/bounce",
            permanence: Permanence::Permanent,
        };
        check(&reports("mailgun-soft.json")[0], Provider::Mailgun, &want);
    }

    #[test]
    fn its_own_605_code_means_suppressed_not_a_reply() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::Suppressed,
            hard: false,
            label: "failed/permanent/suppress-bounce",
            permanence: Permanence::Permanent,
        };
        let reports = reports("mailgun-suppressed.json");
        check(&reports[0], Provider::Mailgun, &want);
        assert_eq!(reports[0].bounces[0].reply_code, None);
    }

    #[test]
    fn complaint() {
        let want = Expect {
            notice: NoticeKind::Feedback,
            recipient: "carol@example.net",
            kind: FailureKind::Feedback,
            hard: false,
            label: "complained",
            permanence: Permanence::NotAFailure,
        };
        check(
            &reports("mailgun-complaint.json")[0],
            Provider::Mailgun,
            &want,
        );
    }

    #[test]
    fn temporary_failure_is_a_delay() {
        let want = Expect {
            notice: NoticeKind::Delay,
            recipient: "dave@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "failed/temporary/generic",
            permanence: Permanence::Transient,
        };
        check(&reports("mailgun-delay.json")[0], Provider::Mailgun, &want);
    }
}

mod postmark {
    use super::*;

    #[test]
    fn hard_bounce() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "ann@example.net",
            kind: FailureKind::UserUnknown,
            hard: true,
            label: "HardBounce",
            permanence: Permanence::Permanent,
        };
        let reports = reports("postmark-hard.json");
        check(&reports[0], Provider::Postmark, &want);
        assert_eq!(
            reports[0].bounces[0].diagnostic_type.as_deref(),
            Some("smtp")
        );
        assert_eq!(
            reports[0].original_header("X-PM-Metadata-subscriber"),
            Some("4711")
        );
    }

    #[test]
    fn soft_bounce_without_details() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::OnHold,
            hard: false,
            label: "SoftBounce",
            permanence: Permanence::Transient,
        };
        check(&reports("postmark-soft.json")[0], Provider::Postmark, &want);
    }

    #[test]
    fn spam_complaint() {
        let want = Expect {
            notice: NoticeKind::Feedback,
            recipient: "carol@example.net",
            kind: FailureKind::Feedback,
            hard: false,
            label: "SpamComplaint",
            permanence: Permanence::NotAFailure,
        };
        check(
            &reports("postmark-complaint.json")[0],
            Provider::Postmark,
            &want,
        );
    }

    #[test]
    fn transient_is_a_delay() {
        let want = Expect {
            notice: NoticeKind::Delay,
            recipient: "dave@example.org",
            // The server's words decide: a timed-out connection, given up on for now.
            kind: FailureKind::Expired,
            hard: false,
            label: "Transient",
            permanence: Permanence::Transient,
        };
        check(
            &reports("postmark-delay.json")[0],
            Provider::Postmark,
            &want,
        );
    }
}

mod sparkpost {
    use super::*;

    fn batch() -> Vec<Report> {
        let reports = reports("sparkpost-batch.json");
        assert_eq!(reports.len(), 5);
        reports
    }

    #[test]
    fn hard_bounce() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "ann@example.net",
            kind: FailureKind::UserUnknown,
            hard: true,
            label: "bounce/10 Invalid Recipient",
            permanence: Permanence::Permanent,
        };
        check(&batch()[0], Provider::SparkPost, &want);
    }

    #[test]
    fn soft_bounce_from_the_class_alone() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "bob@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "bounce/22 Mailbox Full",
            permanence: Permanence::Transient,
        };
        check(&batch()[1], Provider::SparkPost, &want);
    }

    #[test]
    fn spam_complaint() {
        let want = Expect {
            notice: NoticeKind::Feedback,
            recipient: "carol@example.net",
            kind: FailureKind::Feedback,
            hard: false,
            label: "spam_complaint",
            permanence: Permanence::NotAFailure,
        };
        check(&batch()[2], Provider::SparkPost, &want);
    }

    #[test]
    fn delay() {
        let want = Expect {
            notice: NoticeKind::Delay,
            recipient: "dave@example.org",
            kind: FailureKind::MailboxFull,
            hard: false,
            label: "delay",
            permanence: Permanence::Transient,
        };
        check(&batch()[3], Provider::SparkPost, &want);
    }

    #[test]
    fn admin_failure_is_the_suppression_list() {
        let want = Expect {
            notice: NoticeKind::Failure,
            recipient: "erin@example.net",
            kind: FailureKind::Suppressed,
            hard: false,
            label: "policy_rejection/25 Admin Failure",
            permanence: Permanence::Permanent,
        };
        check(&batch()[4], Provider::SparkPost, &want);
    }
}

#[test]
fn every_payload_is_detected() {
    for (name, provider) in [
        ("ses-hard.json", Provider::AmazonSes),
        ("sendgrid-batch.json", Provider::SendGrid),
        ("mailgun-delay.json", Provider::Mailgun),
        ("postmark-complaint.json", Provider::Postmark),
        ("sparkpost-batch.json", Provider::SparkPost),
    ] {
        for report in reports(name) {
            assert_eq!(report.esp.unwrap().provider, provider.as_str(), "{name}");
        }
    }
}

#[test]
fn unknown_categories_are_kept_not_rejected() {
    let json = br#"{"eventType": "Bounce", "mail": {"messageId": "m"},
        "bounce": {"bounceType": "Permanent", "bounceSubType": "BrandNewSubType",
        "bouncedRecipients": [{"emailAddress": "gus@example.net"}]}}"#;
    let reports = esp::parse_event(json).unwrap();
    let bounce = &reports[0].bounces[0];
    assert_eq!(
        bounce.provider_label.as_deref(),
        Some("Permanent/BrandNewSubType")
    );
    assert_eq!(bounce.kind, FailureKind::OnHold);
    assert_eq!(bounce.permanence, Permanence::Permanent);
}
