//! One short sample per bounce family, written for this project in that family's layout (our
//! own example addresses and documentation IPs), so a clone without the shared corpus still
//! tests every format. Families whose reader module carries such a test are not repeated here.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use mailbounce::Report;

/// Parses a sample written inline.
fn parse(raw: &str) -> Report {
    mailbounce::parse(raw.as_bytes()).unwrap()
}

/// A `multipart/report` notice: `headers`, the human-readable `text`, and the per-recipient
/// DSN `fields` (reporting-MTA block first).
fn dsn(headers: &str, text: &str, fields: &str) -> String {
    format!(
        "{headers}\nMIME-Version: 1.0\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n\
--b\nContent-Type: text/plain; charset=utf-8\n\n{text}\n\n\
--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n{fields}\n\n\
--b\nContent-Type: text/rfc822-headers\n\nFrom: alice@example.com\nTo: bob@example.net\n\
Subject: hello\nMessage-ID: <sample@example.com>\n\n--b--\n"
    )
}

/// Asserts the records: (recipient, status, reply code) each, and the reader's name.
fn expect(report: &Report, want: &[(&str, Option<&str>, Option<u16>)], decoded_by: &str) {
    let got: Vec<(Option<&str>, Option<String>, Option<u16>)> = report
        .bounces
        .iter()
        .map(|b| {
            (
                b.recipient.as_deref(),
                b.status.map(|s| s.to_string()),
                b.reply_code,
            )
        })
        .collect();
    let want: Vec<(Option<&str>, Option<String>, Option<u16>)> = want
        .iter()
        .map(|(r, s, c)| (Some(*r), s.map(str::to_string), *c))
        .collect();
    assert_eq!(got, want, "{:#?}", report.bounces);
    for bounce in &report.bounces {
        assert_eq!(bounce.decoded_by, decoded_by, "{bounce:#?}");
    }
}

/// The usual DSN fields of one failed recipient.
fn failed(recipient: &str, status: &str, diagnostic: &str) -> String {
    format!(
        "Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: {status}\n\
Remote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; {diagnostic}\n"
    )
}

#[test]
fn postfix_bounce() {
    let report = parse(&dsn(
        "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n\
Subject: Undelivered Mail Returned to Sender\nTo: alice@example.com",
        "This is the mail system at host mx.example.org.\n\n\
I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n\
<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1\n    <bob@example.net>: \
Recipient address rejected: User unknown (in reply to RCPT TO command)",
        &failed(
            "bob@example.net",
            "5.1.1",
            "550 5.1.1 <bob@example.net>: User unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn sendmail_v5() {
    let report = parse(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n\
Subject: Returned mail: User unknown\nTo: alice@example.com\n\n\
   ----- Transcript of session follows -----\n\
550 bob@example.net... User unknown\n\n\
   ----- Unsent message follows -----\nFrom: alice@example.com\nTo: bob@example.net\n\nhello\n",
    );
    expect(&report, &[("bob@example.net", None, Some(550))], "sendmail");
}

#[test]
fn courier() {
    let report = parse(&dsn(
        "From: \"Courier mail server at mx.example.org\" <@>\n\
Subject: NOTICE: mail delivery status.\nTo: alice@example.com",
        "This is a delivery status notification from mx.example.org,\n\
running the Courier mail server, version 1.0.\n\n\
The original message was received on Mon, 03 Mar 2025 10:00:00 +0000\n\n\
<<< 550 5.1.1 <bob@example.net>... User Unknown",
        &failed(
            "bob@example.net",
            "5.0.0",
            "550 5.1.1 <bob@example.net>... User Unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn opensmtpd() {
    let report = parse(
        "From: Mailer Daemon <MAILER-DAEMON@mx.example.org>\n\
Subject: Delivery status notification: error\nTo: alice@example.com\n\n\
    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n\n\
    An error has occurred while attempting to deliver a message for\n\
    the following list of recipients:\n\n\
bob@example.net: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n\
    Below is a copy of the original message:\n\nFrom: alice@example.com\nTo: bob@example.net\n\nhello\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "generic",
    );
}

#[test]
fn exchange_2003_in_french() {
    let report = parse(
        "From: Administrateur <postmaster@example.org>\nSubject: Non remis: bonjour\n\
X-MS-Embedded-Report:\nContent-Type: text/plain; charset=utf-8\n\n\
Votre message\n\n  À:      bob@example.org\n  Objet: bonjour\n\n\
n'a pas pu être remis aux destinataires suivants :\n\n\
bob@example.org le 03/03/2003 10:00\n    Le nom du destinataire n'est pas reconnu\n\
    MSEXCH:IMS:EXAMPLE:SITE:HOST 0 (000C05A6) Unknown Recipient\n",
    );
    expect(&report, &[("bob@example.org", None, None)], "exchange2003");
    assert!(
        report.bounces[0]
            .diagnostic
            .as_deref()
            .is_some_and(|d| d.starts_with("Le nom du destinataire"))
    );
}

#[test]
fn exchange_2007() {
    let report = parse(&dsn(
        "From: Microsoft Exchange <postmaster@example.org>\n\
Subject: Undeliverable: hello\nTo: alice@example.com",
        "Delivery has failed to these recipients or distribution lists:\n\n\
bob@example.net\nThe recipient's e-mail address was not found in the recipient's e-mail system.\n\n\
Diagnostic information for administrators:\n\nGenerating server: mx.example.org\n\n\
bob@example.net\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
        &failed(
            "bob@example.net",
            "5.1.1",
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn office_365() {
    let report = parse(&dsn(
        "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n\
Subject: Undeliverable: hello\nTo: alice@example.com",
        "Your message to bob@example.net couldn't be delivered.\n\
bob wasn't found at example.net.\n\nRemote Server returned '550 5.1.10 \
RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
        &failed(
            "bob@example.net",
            "5.1.10",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.10"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn outlook_com() {
    let report = parse(&dsn(
        "From: postmaster@outlook.com\nSubject: Delivery Status Notification (Failure)\n\
To: alice@example.com",
        "This is an automatically generated Delivery Status Notification.\n\n\
Delivery to the following recipients failed.\n\n       bob@example.net",
        &failed(
            "bob@example.net",
            "5.2.2",
            "550 5.2.2 <bob@example.net>... Mailbox Full",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.2.2"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn lotus_notes() {
    let report = parse(
        "From: postmaster@notes.example.org\nSubject: Undeliverable message\nTo: alice@example.com\n\n\
------- Failure Reasons  --------\n\nUser not listed in public Name & Address Book\n\
bob@example.org\n\n------- Returned Message --------\nFrom: alice@example.com\n\
To: bob@example.org\n\nhello\n",
    );
    expect(&report, &[("bob@example.org", None, None)], "notes");
}

#[test]
fn domino() {
    let report = parse(&dsn(
        "From: Postmaster <postmaster@domino.example.org>\n\
Subject: DELIVERY FAILURE: User bob (bob@example.org) not listed in Domino Directory\n\
To: alice@example.com",
        "Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  bob@example.org\n\n\
because:\n\n  User bob (bob@example.org) not listed in Domino Directory",
        "Final-Recipient: rfc822;bob@example.org\nAction: failed\nStatus: 5.0.0\n",
    ));
    expect(
        &report,
        &[("bob@example.org", Some("5.0.0"), None)],
        "rfc3464",
    );
}

#[test]
fn oracle_messaging_server() {
    let report = parse(&dsn(
        "From: Internet Mail Delivery <postmaster@mail.example.org>\n\
Subject: Delivery Notification: Delivery has failed\nTo: alice@example.com",
        "This report relates to a message you sent with the following header fields:\n\n\
  Message-id: <sample@example.com>\n  To: bob@example.net\n\n\
Your message cannot be delivered to the following recipients:\n\n\
  Recipient address: bob@example.net\n  Reason: Remote SMTP server has rejected address\n\
  Diagnostic code: smtp;550 5.1.1 <bob@example.net>... User Unknown",
        &failed(
            "bob@example.net",
            "5.1.1",
            "550 5.1.1 <bob@example.net>... User Unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn powermta() {
    let report = parse(&dsn(
        "From: Mail Delivery Subsystem <mailer-daemon@mta.example.org>\n\
Subject: Delivery report\nTo: alice@example.com",
        "This is a delivery report from the mail transfer agent at mta.example.org.",
        &format!(
            "{}X-PowerMTA-BounceCategory: bad-mailbox\n",
            failed(
                "bob@example.net",
                "5.1.1",
                "550 5.1.1 <bob@example.net>... User Unknown"
            )
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn amavis() {
    let report = parse(&dsn(
        "From: \"Content-filter at mx.example.org\" <postmaster@mx.example.org>\n\
Subject: Undeliverable mail, MTA-BLOCKED\nTo: alice@example.com",
        "This nondelivery report was generated by the program amavisd-new\nat host mx.example.org.\n\n\
Your message could not be delivered due to a permanent error.",
        &failed(
            "bob@example.net",
            "5.7.0",
            "554 5.7.0 Reject, id=12345-01 - SPAM",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.7.0"), Some(554))],
        "rfc3464",
    );
}

#[test]
fn activehunter() {
    let report = parse(
        "From: \"MAILER-DAEMON\" <MAILER-DAEMON@gw.example.org>\n\
Subject: FAILURE NOTICE : hello\nTo: alice@example.com\n\n\
The original message was received at Mon, 3 Mar 2025 10:00:00 +0900\nfrom example.com\n\n\
  ----- The following addresses had permanent fatal errors -----\n\n\
>>> bob@example.net <bob@example.net>\n\n  ----- Transcript of session follows -----\n\
550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "generic",
    );
}

#[test]
fn mailmarshal() {
    let report = parse(
        "From: postmaster@example.org\nSubject: Undeliverable Mail: \"hello\"\nTo: alice@example.com\n\n\
Your message:\n   From:    alice@example.com\n   Subject: hello\n\n\
Could not be delivered because of\n\n550 5.1.1 User unknown\n\n\
The following recipients were affected: \n    bob@example.org\n\n\n\
Additional Information\n======================\nOriginal Sender:    <alice@example.com>\n",
    );
    expect(
        &report,
        &[("bob@example.org", Some("5.1.1"), Some(550))],
        "mailmarshal",
    );
}

#[test]
fn surfcontrol() {
    let report = parse(&dsn(
        "From: postmaster@gw.example.org\nSubject: Mail could not be delivered\n\
X-SEF-Processed: 5_0_0_000__2025_03_03_10_00_00\nTo: alice@example.com",
        "Your message could not be sent.\nA transcript of the attempts to send the message follows.\n\
The number of attempts made: 1\nAddressed To: bob@example.net\n\n\
Mon, 3 Mar 2025 10:00:00 +0000\nFailed to send to identified host,\n\
bob@example.net: [192.0.2.25], 550 bob@example.net... No such user",
        &failed(
            "bob@example.net",
            "5.0.0",
            "550 bob@example.net... No such user",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.0.0"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn barracuda() {
    let report = parse(&dsn(
        "From: MAILER-DAEMON@barracuda.example.org (Mail Delivery System)\n\
Subject: Undelivered Mail Returned to Sender\nTo: alice@example.com",
        "This is the mail system at host barracuda.example.org.\n\n\
<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.7.1 Message content rejected, \
UBE, id=00000-01-001 (in reply to end of DATA command)",
        &failed(
            "bob@example.net",
            "5.7.1",
            "550 5.7.1 Message content rejected, UBE, id=00000-01-001",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.7.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn mcafee() {
    let report = parse(&dsn(
        "From: Mail Administrator <Postmaster@gw.example.org>\n\
Subject: Delivery Status Notification\nTo: alice@example.com",
        "--- The following addresses had delivery problems ---\n\n\
<bob@example.net>   (5.1.1 <bob@example.net>... User unknown)",
        &failed(
            "bob@example.net",
            "5.1.1",
            "550 5.1.1 <bob@example.net>... User unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn mxlogic() {
    let report = parse(
        "From: Mail Delivery System <MAILER-DAEMON@relay.example.org>\n\
Subject: Mail delivery failed\nTo: alice@example.com\n\n\
This message was created automatically by mail delivery software.\n\n\
A message that you have sent could not be delivered to one or more\n\
recipients.  This is a permanent error.  The following address failed:\n\n  \
<bob@example.net>: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n\
Included is a copy of the message header:\n-----------------------------------------\n\
Received: from unknown [192.0.2.89] by relay.example.org\nFrom: alice@example.com\n\
To: bob@example.net\nMessage-Id: <sample@example.com>\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "exim",
    );
}

#[test]
fn messagelabs() {
    let report = parse(&dsn(
        "From: MAILER-DAEMON@messagelabs.example.org\n\
Subject: Mail Delivery Failure\nTo: alice@example.com",
        "This is an automatically generated Delivery Status Notification.\n\n\
Delivery to the following recipients failed.\n\n       bob@example.net",
        &failed(
            "bob@example.net",
            "5.0.0",
            "550 Requested action not taken: mailbox unavailable",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.0.0"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn mimecast() {
    let report = parse(&dsn(
        "From: postmaster@example.org\nSubject: Mail Delivery Failure\nTo: alice@example.com",
        "Your message couldn't be delivered to bob@example.net.",
        &failed(
            "bob@example.net",
            "5.7.54",
            "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.7.54"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn yahoo() {
    let report = parse(
        "From: MAILER-DAEMON@yahoo.example.org\nSubject: Failure Notice\nTo: alice@example.com\n\n\
Sorry, we were unable to deliver your message to the following address.\n\n\
<bob@example.net>:\nRemote host said: 550 5.1.1 <bob@example.net>... User Unknown [RCPT_TO]\n\n\
--- Below this line is a copy of the message.\n\nFrom: alice@example.com\nTo: bob@example.net\n\nhello\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "qmail",
    );
}

#[test]
fn aol() {
    let report = parse(&dsn(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@aol.example.org>\n\
Subject: Returned mail: see transcript for details\nTo: alice@example.com",
        "The original message was received at Mon, 3 Mar 2025 10:00:00 -0500\n\n\
   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>",
        &failed(
            "bob@example.net",
            "5.2.2",
            "552 5.2.2 <bob@example.net>... Mailbox Full",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.2.2"), Some(552))],
        "rfc3464",
    );
}

#[test]
fn gmx() {
    let report = parse(
        "From: MAILER-DAEMON@mail.example.org\n\
Subject: Mail delivery failed: returning message to sender\nTo: alice@example.com\n\n\
This message was created automatically by mail delivery software.\n\n\
A message that you sent could not be delivered to one or more of\n\
its recipients. This is a permanent error. The following address\nfailed:\n\n\
\"bob@example.net\":\nSMTP error from remote server after RCPT command:\nhost: mx.example.net\n\
5.1.1 <bob@example.net>... User Unknown\n\n\
--- The header of the original message is following. ---\n\n\
Received: from [192.0.2.135] by mail.example.org\nMessage-ID: <sample@example.com>\n\
To: bob@example.net\nSubject: hello\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), None)],
        "generic",
    );
}

#[test]
fn einsundeins() {
    let report = parse(
        "From: \"Mail Delivery System\" <mailer-daemon@mx.example.org>\n\
Subject: Mail delivery failed: returning message to sender\nTo: alice@example.com\n\n\
This message was created automatically by mail delivery software.\n\n\
A message that you sent could not be delivered to one or more of\n\
its recipients. This is a permanent error.\n\nThe following address failed:\n\n\
bob@example.net\n\nFor the following reason:\n\nMail size limit exceeded.\n\n\
--- The header of the original message is following. ---\n\n\
Received: from mx.example.com by mx.example.org\nMessage-ID: <sample@example.com>\n\
To: bob@example.net\n",
    );
    expect(&report, &[("bob@example.net", None, None)], "generic");
}

#[test]
fn yandex() {
    let report = parse(&dsn(
        "From: mailer-daemon@yandex.example.org\nSubject: failure notice\nTo: alice@example.com",
        "This is the mail system at host mx.example.org.\n\n\
I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.",
        &failed(
            "bob@example.net",
            "5.2.1",
            "550 5.2.1 <bob@example.net>... User Unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.2.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn sendgrid() {
    let report = parse(&dsn(
        "From: MAILER-DAEMON <MAILER-DAEMON@send.example.org>\n\
Subject: Undelivered Mail Returned to Sender\nTo: alice@example.com",
        "This is an automatically generated message from SendGrid.\n\n\
I'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.",
        &failed(
            "bob@example.net",
            "5.1.1",
            "550 5.1.1 <bob@example.net>... User Unknown",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn bigfoot() {
    let report = parse(&dsn(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>\n\
Subject: Returned mail: Requested action not taken: mailbox name not allowed\nTo: alice@example.com",
        "The original message was received at Mon, 3 Mar 2025 10:00:00 -0800\n\
from relay.example.org [192.0.2.64]\n\n\
   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n\n\
   ----- Transcript of session follows -----\n>>> RCPT TO:<bob@example.net>\n\
<<< 553 Invalid recipient bob@example.net (Mode: normal)",
        &failed(
            "bob@example.net",
            "5.7.1",
            "553 Invalid recipient bob@example.net (Mode: normal)",
        ),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.7.1"), Some(553))],
        "sendmail",
    );
}

#[test]
fn m_filter() {
    let report = parse(
        "From: POSTMASTER <postmaster@example.org>\nSubject: failure notice\nX-Mailer: m-FILTER\n\
To: alice@example.com\n\nSending to the address below failed.\nbob@example.net\n\n\n\
-------server message\n550 5.1.1 <bob@example.net>: User unknown\n\n\
-------SMTP command\nRCPT\n\n-------original message\nFrom: alice@example.com\nTo: bob@example.net\n\nhi\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "m-filter",
    );
}

#[test]
fn ntt_docomo() {
    let report = parse(&dsn(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n\
Subject: Returned mail: see transcript for details\nTo: alice@example.com",
        "The original message was received at Mon, 3 Mar 2025 10:00:00 +0900\n\n\
   ----- The following addresses had permanent fatal errors -----\n<bob@docomo.example.net>\n\
    (reason: 550 Unknown user bob@docomo.example.net)\n\n\
   ----- Transcript of session follows -----\n>>> DATA\n<<< 550 Unknown user bob@docomo.example.net",
        &failed(
            "bob@docomo.example.net",
            "5.0.0",
            "550 Unknown user bob@docomo.example.net",
        ),
    ));
    expect(
        &report,
        &[("bob@docomo.example.net", Some("5.0.0"), Some(550))],
        "sendmail",
    );
}

#[test]
fn x1_bracketed_errors() {
    let report = parse(
        "From: \"Mail Deliver System\" <MAILER-DAEMON@relay.example.org>\n\
Subject: Returned Mail: User unknown\nTo: alice@example.com\n\n\
The original message was received at Mon, 3 Mar 2025 10:00:00 +0900\nfrom alice@example.com\n\n\
---The following addresses had delivery errors---\n\nbob@example.net [User unknown]\n",
    );
    expect(
        &report,
        &[("bob@example.net", None, None)],
        "bracketed-errors",
    );
}

#[test]
fn x2_unable_to_deliver() {
    let report = parse(
        "From: MAILER-DAEMON@mx.example.org\nSubject: Delivery failure\nTo: alice@example.com\n\n\
Message from example.org.\nUnable to deliver message to the following address(es).\n\n\
<bob@example.org>:\nThis user doesn't have a example.org account (bob@example.org) [0]\n\n\
--- Original message follows.\n\nFrom: alice@example.com\nTo: bob@example.org\n\nhi\n",
    );
    expect(&report, &[("bob@example.org", None, None)], "generic");
}

#[test]
fn x3_technical_details() {
    let report = parse(
        "From: Mail Delivery System <Mail.Delivery.System@mx.example.org>\n\
Subject: Delivery status notification\nTo: alice@example.com\n\n\
============================================================================\n\
      This is an automatically generated Delivery Status Notification.\n\n\
Delivery to the following recipients was aborted after 5.0 hour(s):\n\n  * bob@example.net\n\n\n\
============================================================================\n\
                             Technical details:\n\n\
Routing: Could not find a gateway for bob@example.net\n\n\n\
============================================================================\n",
    );
    expect(
        &report,
        &[("bob@example.net", None, None)],
        "technical-details",
    );
    assert_eq!(report.bounces[0].kind, mailbounce::FailureKind::Expired);
}

#[test]
fn x4_child_status() {
    let report = parse(
        "From: MAILER-DAEMON@mx.example.org\nSubject: failure notice\nTo: alice@example.com\n\n\
Your mail message to the following address(es) could not be delivered. This\n\
is a permanent error. Please verify the addresses and try again.\n\n\
<bob@example.net>:\nchild status 100...The e-mail message could not be delivered because the \
user's mailfolder is full.\n\n--- Below this line is a copy of the message.\n\n\
From: alice@example.com\nTo: bob@example.net\n\nhi\n",
    );
    expect(&report, &[("bob@example.net", None, None)], "qmail");
}

#[test]
fn x5_dsn() {
    let report = parse(&dsn(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n\
Subject: Returned mail: User unknown\nTo: alice@example.com",
        "The original message was received at Mon Mar  3 10:00:00 2025\n\n\
----- The following addresses had permanent delivery errors -----",
        &failed("bob@example.net", "5.1.1", "550 5.1.1 User unknown"),
    ));
    expect(
        &report,
        &[("bob@example.net", Some("5.1.1"), Some(550))],
        "rfc3464",
    );
}

#[test]
fn google_workspace() {
    let report = parse(
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n\
Subject: Delivery Status Notification (Failure)\nTo: alice@example.com\n\
X-Failed-Recipients: bob@example.net\n\n\
** Message not delivered **\n\n\
You're sending this from a different address or alias using the 'Send mail as' feature.\n\n\
The response was:\n\n\
550 5.7.1 Smtp server does not advertise AUTH capability\n",
    );
    expect(
        &report,
        &[("bob@example.net", Some("5.7.1"), Some(550))],
        "google",
    );
}
