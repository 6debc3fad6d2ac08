//! Every kind of message a bounce mailbox receives, on short samples written for this test:
//! complaints, auto-replies, delays, successes, read receipts, challenges, virus alerts, and
//! ordinary mail that must never come out as a bounce.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::{Action, FailureKind, NoticeKind, Permanence, RecommendedAction, Report};

fn parse(raw: &str) -> Report {
    mailbounce::parse_str(raw).unwrap()
}

fn arf(feedback_fields: &str, quoted_to: &str) -> String {
    format!(
        "From: Example FBL <fbl@example.org>\n\
To: abuse@example.com\n\
Subject: FW: Weekly deals\n\
MIME-Version: 1.0\n\
Content-Type: multipart/report; report-type=feedback-report; boundary=\"arf\"\n\
\n\
--arf\n\
Content-Type: text/plain\n\
\n\
A user of our service reported this message.\n\
\n\
--arf\n\
Content-Type: message/feedback-report\n\
\n\
{feedback_fields}\n\
--arf\n\
Content-Type: message/rfc822\n\
\n\
From: Deals <deals@example.com>\n\
To: {quoted_to}\n\
Subject: Weekly deals\n\
Message-ID: <deal-1@example.com>\n\
\n\
Everything must go.\n\
--arf--\n"
    )
}

#[test]
fn arf_abuse_report_names_the_complainant_and_details() {
    let fields = "Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n\
Original-Mail-From: <bounces@example.com>\nOriginal-Rcpt-To: <reader@example.net>\n\
Arrival-Date: Tue, 3 Mar 2026 09:00:00 +0000\nSource-IP: 192.0.2.44\n\
Reported-Domain: example.com\nReported-URI: https://example.com/deals\n\
Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.com\n";
    let report = parse(&arf(fields, "reader@example.net"));
    assert_eq!(report.notice, NoticeKind::Feedback);
    let [b] = report.bounces.as_slice() else {
        panic!("{:?}", report.bounces)
    };
    assert_eq!(b.recipient.as_deref(), Some("reader@example.net"));
    assert_eq!(b.kind, FailureKind::Feedback);
    assert_eq!(b.feedback_type.as_deref(), Some("abuse"));
    assert_eq!(b.permanence, Permanence::NotAFailure);
    assert!(!b.hard_bounce);
    assert_eq!(
        b.recommended_action(),
        RecommendedAction::StopSendingComplaint
    );
    let fb = report.feedback.as_ref().unwrap();
    assert_eq!(fb.feedback_type.as_deref(), Some("abuse"));
    assert_eq!(fb.user_agent.as_deref(), Some("ExampleFBL/1.0"));
    assert_eq!(fb.version.as_deref(), Some("1"));
    assert_eq!(fb.source_ip.as_deref(), Some("192.0.2.44"));
    assert_eq!(
        fb.original_mail_from.as_deref(),
        Some("bounces@example.com")
    );
    assert_eq!(fb.original_rcpt_to, ["reader@example.net"]);
    assert_eq!(fb.reported_domains, ["example.com"]);
    assert_eq!(fb.reported_uris, ["https://example.com/deals"]);
    assert_eq!(fb.authentication_results.len(), 1);
    assert!(fb.arrival_date.as_ref().unwrap().timestamp.is_some());
    assert_eq!(
        report.original.as_ref().unwrap().message_id.as_deref(),
        Some("deal-1@example.com")
    );
}

#[test]
fn only_a_complaint_asks_to_stop_mailing_the_address() {
    use mailbounce::Responsibility;
    let bounce = |feedback_type: &str| {
        let fields = format!("Feedback-Type: {feedback_type}\nVersion: 1\n");
        parse(&arf(&fields, "reader@example.net")).bounces.remove(0)
    };
    let complaint = bounce("abuse");
    assert!(complaint.should_suppress());
    assert_eq!(complaint.responsibility(), Responsibility::Recipient);
    // A DMARC failure report: our authentication failed, nobody complained.
    let auth = bounce("auth-failure");
    assert_eq!(
        auth.recommended_action(),
        RecommendedAction::FixSendingSetup
    );
    assert_eq!(auth.responsibility(), Responsibility::Sender);
    assert!(!auth.should_suppress());
    assert!(auth.advice().contains("authentication"));
    let wanted = bounce("not-spam");
    assert_eq!(wanted.recommended_action(), RecommendedAction::NoAction);
    assert!(!wanted.should_suppress());
    assert_eq!(
        bounce("virus").recommended_action(),
        RecommendedAction::FixContent
    );
}

#[test]
fn arf_reports_of_every_type_and_several_recipients() {
    let fields = "Feedback-Type: not-spam\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n";
    let report = parse(&arf(fields, "a@example.net"));
    assert_eq!(report.bounces[0].feedback_type.as_deref(), Some("not-spam"));
    // Redacted envelope recipient: the quoted original's To names the complainant.
    let fields = "Feedback-Type: auth-failure\nAuth-Failure: dmarc\nUser-Agent: Example/2\nVersion: 1\n\
Original-Rcpt-To: redacted@example.net\n";
    let report = parse(&arf(fields, "b@example.net"));
    assert_eq!(
        report.bounces[0].feedback_type.as_deref(),
        Some("auth-failure")
    );
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("b@example.net")
    );
    assert_eq!(
        report.feedback.unwrap().auth_failure.as_deref(),
        Some("dmarc")
    );
    let fields = "Feedback-Type: abuse\nVersion: 1\nOriginal-Rcpt-To: c@example.net\n\
Original-Rcpt-To: d@example.org\n";
    let report = parse(&arf(fields, "undisclosed-recipients:;"));
    let who: Vec<_> = report
        .bounces
        .iter()
        .map(|b| b.recipient.as_deref())
        .collect();
    assert_eq!(who, [Some("c@example.net"), Some("d@example.org")]);
    // Nobody named anywhere: one record, address unknown.
    let report = parse(&arf(
        "Feedback-Type: fraud\nVersion: 1\n",
        "undisclosed-recipients:;",
    ));
    assert_eq!(report.bounces.len(), 1);
    assert_eq!(report.bounces[0].recipient, None);
    assert_eq!(report.bounces[0].kind, FailureKind::Feedback);
}

#[test]
fn provider_complaint_without_arf() {
    let raw = "From: staff@example.net\nTo: abuse-desk@example.com\n\
Subject: complaint about message from 192.0.2.9\n\
Content-Type: multipart/mixed; boundary=\"c\"\n\n\
--c\nContent-Type: message/rfc822\n\n\
X-HmXmrOriginalRecipient: reader@example.net\nFrom: shop@example.com\nTo: reader@example.net\n\
Subject: Deals\n\nBuy now.\n--c--\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::Feedback);
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("reader@example.net")
    );
    assert_eq!(report.bounces[0].feedback_type.as_deref(), Some("abuse"));
}

#[test]
fn mail_program_unsubscribe_is_an_opt_out() {
    let raw = "From: reader@example.net\nTo: unsubscribe-77@lists.example.com\nSubject: unsubscribe\n\
Auto-Submitted: auto-replied\n\nThis request was sent by a mail program.\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::Feedback);
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("reader@example.net")
    );
    assert_eq!(report.bounces[0].feedback_type.as_deref(), Some("opt-out"));
}

#[test]
fn auto_replies_in_several_languages_are_vacation_records() {
    for (headers, subject) in [
        ("Auto-Submitted: auto-replied\n", "Out of office"),
        ("X-Autoreply: yes\n", "Thanks for your mail"),
        ("Precedence: auto_reply\n", "Away"),
        ("", "Automatic reply: Quarterly numbers"),
        ("", "Automatische Antwort: Angebot"),
        ("", "=?utf-8?q?R=C3=A9ponse_automatique=3A_Devis?="),
        ("", "=?utf-8?q?Respuesta_autom=C3=A1tica=3A_Pedido?="),
        ("", "Risposta automatica: Ordine"),
        ("", "Automatisch antwoord: Offerte"),
        ("", "Automatiskt svar: Faktura"),
        ("", "=?utf-8?b?6Ieq5YuV6L+U5L+hOiDjgYroq4vmsYI=?="),
        ("X-Auto-Response-Suppress: All\n", "Abwesenheitsnotiz"),
    ] {
        let raw = format!(
            "From: Dana <dana@example.net>\nTo: shop@example.com\nSubject: {subject}\n{headers}\n\
I am away until Monday.\n"
        );
        let report = parse(&raw);
        assert_eq!(report.notice, NoticeKind::AutoReply, "{subject}");
        let [b] = report.bounces.as_slice() else {
            panic!("{subject}: {:?}", report.bounces)
        };
        assert_eq!(b.recipient.as_deref(), Some("dana@example.net"));
        assert_eq!(b.kind, FailureKind::Vacation);
        assert!(!b.kind.is_failure() && !b.hard_bounce);
    }
}

#[test]
fn a_bounce_marked_auto_replied_stays_a_bounce() {
    let raw = "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nTo: shop@example.com\n\
Subject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\n\n\
<gone@example.net>: host mx.example.net said: 550 5.1.1 user unknown (in reply to RCPT TO command)\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::Failure);
    assert_eq!(
        report.bounces[0].recipient.as_deref(),
        Some("gone@example.net")
    );
    assert_eq!(report.bounces[0].kind, FailureKind::UserUnknown);
}

fn dsn(action: &str, status: &str, extra: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mx.example.org\nTo: shop@example.com\nSubject: Delivery status\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=d\n\n\
--d\nContent-Type: text/plain\n\nA report.\n\
--d\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n\
Final-Recipient: rfc822; pat@example.net\nAction: {action}\nStatus: {status}\n{extra}\n--d--\n"
    )
}

#[test]
fn delay_warning_with_a_retry_limit() {
    let report = parse(&dsn(
        "delayed",
        "4.4.1",
        "Will-Retry-Until: Sat, 7 Mar 2026 10:00:00 +0000\nDiagnostic-Code: smtp; 421 try later\n",
    ));
    assert_eq!(report.notice, NoticeKind::Delay);
    let b = &report.bounces[0];
    assert_eq!(b.action, Some(Action::Delayed));
    assert_eq!(b.permanence, Permanence::Transient);
    assert!(!b.hard_bounce);
    assert!(b.will_retry_until.as_ref().unwrap().timestamp.is_some());
    // The final notice, once the server gives up, is a failure; the warning is not.
    let expired = parse(&dsn(
        "failed",
        "4.4.7",
        "Diagnostic-Code: smtp; 421 timed out\n",
    ));
    assert_eq!(expired.notice, NoticeKind::Failure);
    assert_eq!(expired.bounces[0].action, Some(Action::Failed));
}

#[test]
fn plain_text_delay_warning() {
    let raw = "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nTo: shop@example.com\n\
Subject: Warning: message 1abc delayed 24 hours\n\n\
This message was created automatically by mail delivery software.\n\
A message that you sent has not yet been delivered to one or more of its recipients after\n\
more than 24 hours on the queue. The message will be retried for 4 more days.\n\n\
  pat@example.net\n    host mx.example.net: 451 4.3.0 temporarily unavailable\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::Delay);
    let b = &report.bounces[0];
    assert_eq!(b.recipient.as_deref(), Some("pat@example.net"));
    assert_eq!(b.action, Some(Action::Delayed));
    assert_eq!(b.permanence, Permanence::Transient);
    assert!(!b.hard_bounce);
}

#[test]
fn success_notices_are_delivered() {
    for action in ["delivered", "relayed", "expanded"] {
        let report = parse(&dsn(action, "2.0.0", ""));
        assert_eq!(report.notice, NoticeKind::Success, "{action}");
        let b = &report.bounces[0];
        assert_eq!(b.kind, FailureKind::Delivered);
        assert_eq!(b.permanence, Permanence::NotAFailure);
        assert!(!b.hard_bounce);
    }
}

#[test]
fn read_receipt_is_never_a_bounce() {
    let raw = "From: pat@example.net\nTo: shop@example.com\nSubject: Read: Your order\n\
Content-Type: multipart/report; report-type=disposition-notification; boundary=m\n\n\
--m\nContent-Type: text/plain\n\nYour message was displayed. Delivery failed? No.\n\
--m\nContent-Type: message/disposition-notification\n\n\
Reporting-UA: pc.example.net; ExampleMail 4.0\nFinal-Recipient: rfc822; pat@example.net\n\
Original-Message-ID: <order-5@example.com>\n\
Disposition: manual-action/MDN-sent-manually; displayed\n\
--m--\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::ReadReceipt);
    assert!(report.bounces.is_empty());
    let d = report.disposition.unwrap();
    assert_eq!(d.disposition_type, "displayed");
    assert_eq!(d.final_recipient.as_deref(), Some("pat@example.net"));
    assert_eq!(
        d.original_message_id.as_deref(),
        Some("order-5@example.com")
    );
    assert_eq!(d.action_mode.as_deref(), Some("manual-action"));
}

#[test]
fn challenge_response_request() {
    let raw = "From: Spam Guard <guard@example.net>\nTo: shop@example.com\n\
Subject: Please confirm your message to pat@example.net\nAuto-Submitted: auto-replied\n\n\
pat@example.net uses a challenge-response filter. To have your message delivered, please\n\
click the link below to confirm you are human.\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::Challenge);
    assert!(report.bounces.is_empty());
}

#[test]
fn antivirus_notification() {
    let raw = "From: Mail Scanner <virus-scanner@example.net>\nTo: shop@example.com\n\
Subject: Virus found in a message you sent\nAuto-Submitted: auto-generated\n\n\
The attachment invoice.zip in your message was infected with a trojan and was removed.\n";
    let report = parse(raw);
    assert_eq!(report.notice, NoticeKind::VirusAlert);
    assert!(report.bounces.iter().all(|b| !b.hard_bounce));
}

/// Ordinary messages a bounce mailbox also receives: none is a notice, none gives a record.
const ORDINARY: &[(&str, &str)] = &[
    (
        "newsletter",
        "From: Example News <news@example.com>\nTo: reader@example.net\n\
Subject: Our spring newsletter: why mail goes undelivered\nList-Id: <news.example.com>\n\
List-Unsubscribe: <mailto:leave@example.com>\nPrecedence: bulk\n\n\
This month: five reasons mail is undeliverable, and how to fix them.\n\
Contact editor@example.com with questions.\n",
    ),
    (
        "personal reply quoting a bounce",
        "From: Alice <alice@example.com>\nTo: helpdesk@example.org\n\
Subject: Re: Undeliverable: Meeting notes\nIn-Reply-To: <x1@example.org>\n\n\
Why did this bounce? I copied it below.\n\n\
> Delivery has failed to these recipients or groups:\n\
> bob@example.net\n\
> The email address you entered couldn't be found. 550 5.1.1 User unknown\n",
    ),
    (
        "invoice",
        "From: Billing <billing@example.com>\nTo: customer@example.net\n\
Subject: Invoice 552 for March\n\nAmount due: 450.00 EUR. Pay by 31 March.\n\
Questions: accounts@example.com\n",
    ),
    (
        "spam with undeliverable in the subject",
        "From: Parcel Service <info@parcels.example>\nTo: victim@example.net\n\
Subject: Your package is undeliverable - confirm your address\n\n\
We could not deliver your parcel. Click here to pay the 2 EUR fee.\n",
    ),
    (
        "calendar invite",
        "From: Carol <carol@example.org>\nTo: dan@example.net\nSubject: Invitation: Planning @ Thu 10:00\n\
Content-Type: multipart/alternative; boundary=cal\n\n--cal\nContent-Type: text/plain\n\n\
You have been invited to Planning.\n--cal\nContent-Type: text/calendar; method=REQUEST\n\n\
BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nORGANIZER:mailto:carol@example.org\n\
ATTENDEE:mailto:dan@example.net\nEND:VEVENT\nEND:VCALENDAR\n--cal--\n",
    ),
    (
        "password reset",
        "From: Example Accounts <no-reply@example.com>\nTo: user@example.net\n\
Subject: Reset your password\nAuto-Submitted: auto-generated\n\n\
Someone asked to reset the password for user@example.net. Please verify your email\n\
address by clicking the link below. If it was not you, ignore this message.\n",
    ),
    (
        "mailing-list digest",
        "From: list-request@lists.example.org\nTo: member@example.net\n\
Subject: Users Digest, Vol 12, Issue 3\nList-Id: Users <users.lists.example.org>\n\
Precedence: list\n\nToday's Topics:\n\n   1. Re: Mail delivery failed (Erin)\n\n\
erin@example.org wrote: my server says 550 5.1.1 user unknown for everyone.\n",
    ),
    (
        "forwarded photo album",
        "From: Frank <frank@example.com>\nTo: grace@example.net\nSubject: Fwd: Holiday photos\n\
Content-Type: multipart/mixed; boundary=f\n\n--f\nContent-Type: text/plain\n\nSee below.\n\
--f\nContent-Type: message/rfc822\n\nFrom: heidi@example.org\nTo: frank@example.com\n\
Subject: Holiday photos\n\nLovely trip.\n--f--\n",
    ),
    (
        "person announcing time off",
        "From: Ivan <ivan@example.com>\nTo: team@example.com\nSubject: Out of office next week\n\n\
I'll be away from Monday; ask judy@example.com for anything urgent.\n",
    ),
    (
        "shipping notice about a failed delivery",
        "From: Courier <updates@courier.example>\nTo: buyer@example.net\n\
Subject: Delivery failed: we missed you today\n\n\
Our driver tried to deliver parcel 5512 at 14:05. We will try again tomorrow.\n",
    ),
    (
        "security newsletter about viruses",
        "From: Security Team <security@example.com>\nTo: staff@example.com\n\
Subject: New virus campaign detected\nList-Id: <security.example.com>\n\n\
A new trojan was found in fake invoices; it was detected and blocked by our filters.\n",
    ),
    (
        "reply from a postmaster colleague in German",
        "From: Kai <kai@example.de>\nTo: support@example.com\n\
Subject: AW: Unzustellbar: Angebot\n\n\
Danke, ich habe die Adresse korrigiert.\n",
    ),
];

#[test]
fn ordinary_mail_is_not_a_notice() {
    assert!(ORDINARY.len() >= 10);
    for (name, raw) in ORDINARY {
        let report = parse(raw);
        assert_eq!(report.notice, NoticeKind::NotANotice, "{name}");
        assert!(report.bounces.is_empty(), "{name}: {:?}", report.bounces);
        assert!(
            report.feedback.is_none() && report.disposition.is_none(),
            "{name}"
        );
    }
}
