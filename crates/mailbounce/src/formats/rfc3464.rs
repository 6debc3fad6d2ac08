//! RFC 3464 delivery status notifications (and their RFC 6533 internationalised form).
//!
//! Reads the `message/delivery-status` part; when the MIME structure cannot be opened (a
//! truncated message, a broken boundary) the same field blocks are looked for in the text.

use super::text::{find_ascii_ci, find_ascii_ci_in_bytes};
use super::{Decoded, Format, Incoming, Mentions, RecipientFacts};
use crate::address::{find_address, literal_address};
use crate::diagnostic::{command_in, status_in};
use crate::dsn::{
    DeliveryStatus, PerRecipient, decode_utf8_escapes, parse_delivery_status, typed_value,
};
use crate::mime::{parse_date, unfold};
use crate::model::{Action, FailureKind, StatusCode};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "rfc3464",
    claims,
    decode: |mail| mail.delivery_status(),
    markers: &[],
};

const DSN_TYPES: [&str; 2] = ["message/delivery-status", "message/global-delivery-status"];

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.message.parts().any(|p| {
        let content_type = p.content_type();
        DSN_TYPES.contains(&content_type) || (p.may_hold_text() && has_field_blocks(p.bytes()))
    })
}

/// Reads the DSN part(s) of a message. Readers use [`Incoming::delivery_status`], which keeps
/// the result, rather than calling this again.
pub(super) fn read(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let message = &mail.message;
    let mut status = DeliveryStatus::default();
    let mut found_part = false;
    for part in message.parts() {
        if DSN_TYPES.contains(&part.content_type()) {
            found_part = true;
            let one = parse_delivery_status(&part.text());
            merge(&mut status, one);
        }
    }
    if !found_part {
        // No DSN part: look for its field blocks in the text parts (broken MIME structure).
        for part in message
            .parts()
            .filter(|p| p.may_hold_text() && has_field_blocks(p.bytes()))
        {
            if let Some(block) = embedded_field_blocks(&part.text()) {
                merge(&mut status, parse_delivery_status(block));
            }
        }
    }
    if status.recipients.is_empty() {
        return None;
    }
    // One past the limit is enough for the parser to refuse the report.
    status
        .recipients
        .truncate(mail.max_recipients.saturating_add(1));
    // Each recipient's paragraph is looked up by scanning the whole text: past a budget of
    // bytes scanned, the lookups stop, so many recipients with a long text stay linear.
    let text = mail.text();
    let lookups = PARAGRAPH_SCAN_BUDGET / text.len().max(1);
    let mentions = Mentions::new(text);
    let recipients = status
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| recipient_facts(r, (i < lookups).then_some(&mentions)))
        .collect();
    Some(Decoded {
        format: FORMAT.name,
        reporting_mta: status
            .message
            .reporting_mta
            .as_deref()
            .map(|v| typed_value(v).1.to_string()),
        arrival_date: status.message.arrival_date.as_deref().map(parse_date),
        envelope_id: status.message.envelope_id,
        recipients,
    })
}

/// Mentions of a recipient looked at for its explanation and the SMTP command.
const MENTIONS: usize = 4;

/// True when the paragraph is a block of fields that names the recipient without explaining
/// anything: a summary of the original's headers (opening with `To:` or `Cc:`), the returned
/// original's own header (`Return-Path:`, `Received:`, ...), or a recipient's field block
/// written into the text rather than a part of its own.
fn is_field_block(paragraph: &str) -> bool {
    let line = paragraph.trim_start();
    [
        "to:",
        "cc:",
        "return-path:",
        "received:",
        "message-id:",
        "dkim-signature:",
        "final-recipient:",
        "original-recipient:",
        "reporting-mta:",
    ]
    .iter()
    .any(|name| {
        line.get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
    })
}

/// True when `paragraph` holds words besides `address` (not just the lines listing it, with
/// sendmail's `(expanded from: …)` notes). Each word is searched for once along the paragraph,
/// however often it recurs.
fn says_more_than(paragraph: &str, address: &str) -> bool {
    let words = [address, "expanded from:"];
    let find_from = |from: usize, word: &str| {
        paragraph
            .get(from..)
            .and_then(|rest| find_ascii_ci(rest, word))
            .map(|at| at + from)
    };
    let mut next = words.map(|word| find_from(0, word));
    let mut at = 0;
    loop {
        let upcoming = (0..words.len())
            .filter_map(|i| next[i].map(|position| (position, i)))
            .min();
        let end = upcoming.map_or(paragraph.len(), |(position, _)| position);
        if paragraph
            .get(at..end)
            .is_some_and(|between| between.bytes().any(|b| b.is_ascii_alphabetic()))
        {
            return true;
        }
        let Some((position, i)) = upcoming else {
            return false;
        };
        at = position + words[i].len();
        for (j, word) in words.iter().enumerate() {
            if next[j].is_some_and(|p| p < at) {
                next[j] = find_from(at, word);
            }
        }
    }
}

/// Bytes of text scanned for recipients' paragraphs, in all, before the lookups stop.
const PARAGRAPH_SCAN_BUDGET: usize = 64 * 1024 * 1024;

fn merge(into: &mut DeliveryStatus, from: DeliveryStatus) {
    let m = &mut into.message;
    m.reporting_mta = m.reporting_mta.take().or(from.message.reporting_mta);
    m.arrival_date = m.arrival_date.take().or(from.message.arrival_date);
    m.envelope_id = m.envelope_id.take().or(from.message.envelope_id);
    into.recipients.extend(from.recipients);
}

/// True when a part may hold DSN field blocks outside a DSN part (it names a
/// `Final-Recipient`); checked on the bytes, so a binary part is not converted to text first.
fn has_field_blocks(body: &[u8]) -> bool {
    find_ascii_ci_in_bytes(body, "final-recipient:").is_some()
}

/// The stretch of `text` that holds DSN field blocks, from the first `Reporting-MTA:` or
/// `Final-Recipient:` line (at the start of a line) to the next MIME boundary line.
fn embedded_field_blocks(text: &str) -> Option<&str> {
    let start = [
        "\nreporting-mta:",
        "\nfinal-recipient:",
        "\noriginal-recipient:",
    ]
    .iter()
    .filter_map(|marker| find_ascii_ci(text, marker).map(|p| p + 1))
    .min()
    .or_else(|| (find_ascii_ci(text, "reporting-mta:") == Some(0)).then_some(0))?;
    let rest = text.get(start..)?;
    let end = rest.find("\n--").unwrap_or(rest.len());
    let block = rest.get(..end)?;
    find_ascii_ci(block, "final-recipient:").map(|_| block)
}

/// Turns one recipient block into facts, reading the human-readable text about the recipient
/// for what the block leaves out.
fn recipient_facts(block: &PerRecipient, readable: Option<&Mentions<'_>>) -> RecipientFacts {
    let value = |field: &Option<String>| {
        field.as_deref().map(|v| {
            let (kind, value) = typed_value(v);
            match kind.as_deref() {
                Some("utf-8") => decode_utf8_escapes(value),
                _ => value.to_string(),
            }
        })
    };
    let [final_value, original_value] = [
        value(&block.final_recipient),
        value(&block.original_recipient),
    ];
    let [final_valid, original_valid] =
        [&final_value, &original_value].map(|v| v.as_deref().and_then(find_address));
    let literal = |v: &Option<String>| v.as_deref().and_then(literal_address);
    let original_recipient = original_valid.clone().or_else(|| literal(&original_value));
    // A valid address in either field, before one kept as written.
    let recipient = final_valid
        .or(original_valid)
        .or_else(|| literal(&final_value))
        .or_else(|| original_recipient.clone());
    let (diagnostic_type, diagnostic) = match block.diagnostic_code.as_deref() {
        Some(value) => {
            let (kind, text) = typed_value(value);
            let text = match kind.as_deref() {
                Some(k) if k.starts_with("utf-8") => decode_utf8_escapes(text),
                _ => text.to_string(),
            };
            (kind, Some(unfold(&text)).filter(|t| !t.is_empty()))
        }
        None => (None, None),
    };
    let mut facts = RecipientFacts {
        original_recipient,
        action: block.action.as_deref().and_then(Action::from_field),
        status: block.status.as_deref().and_then(status_in),
        diagnostic,
        diagnostic_type,
        remote_mta: block
            .remote_mta
            .as_deref()
            .map(|v| typed_value(v).1.to_string())
            .filter(|v| !v.is_empty()),
        last_attempt: block.last_attempt_date.as_deref().map(parse_date),
        will_retry_until: block.will_retry_until.as_deref().map(parse_date),
        recipient,
        ..RecipientFacts::default()
    };
    if let Some(address) = facts.recipient.as_deref()
        && let Some(readable) = readable
    {
        // A list of failed addresses may come before the session transcript that explains
        // them and names the command (`>>> RCPT TO:<a@b>`): a few mentions are looked at.
        let mentions: Vec<&str> = readable.paragraphs_about(address).take(MENTIONS).collect();
        if facts.diagnostic.is_none() {
            let explained = mentions
                .iter()
                .find(|p| says_more_than(p, address) && !is_field_block(p));
            facts.diagnostic = explained.map(|p| unfold(p));
        }
        facts.command = mentions.iter().find_map(|p| command_in(p));
    }
    facts.kind_hint = block
        .powermta_category
        .as_deref()
        .and_then(|category| powermta_kind(category, facts.status));
    if facts.diagnostic.is_none() {
        // `Status: 4.0.0 (host name lookup failure)`: the comment is all the explanation given.
        facts.diagnostic = block.status.as_deref().and_then(status_comment);
    }
    facts.complete_from_diagnostic();
    if facts
        .diagnostic_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("x-unix") || t.eq_ignore_ascii_case("x-local"))
    {
        // A local delivery program's exit status (`X-Unix; 75`, `X-LOCAL; 500
        // (err.nosuchuser)`), not an SMTP reply.
        facts.reply_code = None;
    }
    facts
}

/// What PowerMTA's bounce category establishes. Its `bad-mailbox` covers both a mailbox that
/// does not exist and one that is disabled; a status of `X.2.1` ("mailbox disabled") tells the
/// second apart.
fn powermta_kind(category: &str, status: Option<StatusCode>) -> Option<FailureKind> {
    let kind = match category.trim().to_ascii_lowercase().as_str() {
        "bad-mailbox" if status.is_some_and(|s| s.is(2, 1)) => FailureKind::Suspended,
        "bad-mailbox" => FailureKind::UserUnknown,
        "bad-domain" => FailureKind::HostUnknown,
        "inactive-mailbox" => FailureKind::Suspended,
        "quota-issues" => FailureKind::MailboxFull,
        "message-expired" => FailureKind::Expired,
        "no-answer-from-host" => FailureKind::NetworkError,
        "routing-errors" => FailureKind::SystemError,
        "policy-related" => FailureKind::PolicyViolation,
        "spam-related" => FailureKind::SpamDetected,
        "virus-related" => FailureKind::VirusDetected,
        "relaying-issues" => FailureKind::NoRelaying,
        "invalid-sender" => FailureKind::Rejected,
        _ => return None,
    };
    Some(kind)
}

/// The parenthesised comment of a `Status` field value, when it has one.
fn status_comment(value: &str) -> Option<String> {
    let (_, rest) = value.split_once('(')?;
    let comment = rest
        .rsplit_once(')')
        .map_or(rest, |(inside, _)| inside)
        .trim();
    (!comment.is_empty()).then(|| comment.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;
    use crate::model::SmtpCommand;

    fn decode_bytes(raw: &[u8]) -> Option<Decoded> {
        let view = MimeView::parse(raw)?;
        read(&Incoming::new(view.root()))
    }

    const POSTFIX_LIKE: &str = "From: MAILER-DAEMON@mx.example.org\n\
Subject: Undelivered Mail Returned to Sender\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"XX\"\n\
\n\
--XX\n\
Content-Type: text/plain\n\
\n\
<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <bob@example.net>:\n\
    Recipient address rejected: User unknown (in reply to RCPT TO command)\n\
\n\
--XX\n\
Content-Type: message/delivery-status\n\
\n\
Reporting-MTA: dns; mx.example.org\n\
Original-Envelope-Id: env-42\n\
Arrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\n\
\n\
Final-Recipient: rfc822; bob@example.net\n\
Original-Recipient: rfc822;bob@example.net\n\
Action: failed\n\
Status: 5.1.1\n\
Remote-MTA: dns; mx.example.net\n\
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected:\n    \
User unknown\n\
\n\
--XX--\n";

    #[test]
    fn status_comments_explain_when_nothing_else_does() {
        assert_eq!(
            status_comment("4.0.0 (example.net: host name lookup failure)").as_deref(),
            Some("example.net: host name lookup failure")
        );
        assert_eq!(status_comment("5.1.1"), None);
        assert_eq!(status_comment("5.0.0 ()"), None);
    }

    #[test]
    fn reads_the_transcript_after_the_list_of_addresses() {
        let raw = "From: MAILER-DAEMON@mx.example.org\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\
Content-Type: text/plain\n\n\
   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n\n\
   ----- Transcript of session follows -----\n>>> RCPT TO:<bob@example.net>\n\
<<< 553 Invalid recipient bob@example.net\n\n--b\n\
Content-Type: message/delivery-status\n\n\
Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; bob@example.net\n\
Action: failed\nStatus: 5.0.0\nX-PowerMTA-BounceCategory: bad-mailbox\n\n--b--\n";
        let decoded = decode_bytes(raw.as_bytes()).unwrap();
        let r = &decoded.recipients[0];
        assert_eq!(r.command, Some(SmtpCommand::Rcpt));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some(">>> RCPT TO:<bob@example.net> <<< 553 Invalid recipient bob@example.net")
        );
        assert_eq!(r.kind_hint, Some(FailureKind::UserUnknown));
    }

    #[test]
    fn a_summary_of_the_original_headers_explains_nothing() {
        let raw = "From: postmaster@mx.example.org\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\
Content-Type: text/plain\n\n\
This report relates to a message you sent with the following header fields:\n\n\
  To: bob@example.net\n  Subject: hello\n\n\
Your message cannot be delivered to the following recipients:\n\n\
  Recipient address: bob@example.net\n  Reason: Illegal host/domain name found\n\n--b\n\
Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n\
Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.4.4\n\n--b--\n";
        let decoded = decode_bytes(raw.as_bytes()).unwrap();
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("Recipient address: bob@example.net Reason: Illegal host/domain name found")
        );
    }

    #[test]
    fn a_valid_address_in_either_field_comes_before_one_kept_as_written() {
        let report = |final_recipient: &str| {
            format!(
                "From: MAILER-DAEMON@mx.example.org\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\
Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n\
Final-Recipient: rfc822; {final_recipient}\nOriginal-Recipient: rfc822;bob@example.net\n\
Action: failed\nStatus: 5.1.1\n\n--b--\n"
            )
        };
        let recipient = |raw: String| {
            decode_bytes(raw.as_bytes()).unwrap().recipients[0]
                .recipient
                .clone()
        };
        // A masked address is no address; a mistyped one is the one the mailer tried.
        assert_eq!(
            recipient(report("*****@*****")).as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            recipient(report("carol@example.net")).as_deref(),
            Some("carol@example.net")
        );
        let typo = report("carol@#example.net").replace("rfc822;bob@example.net", "rfc822;x");
        assert_eq!(recipient(typo).as_deref(), Some("carol@#example.net"));
    }

    #[test]
    fn a_list_of_expansions_says_nothing_more() {
        let list = "<bob@example.net>\nbob@example.net\n    (expanded from: <bob@example.net>)";
        assert!(!says_more_than(list, "bob@example.net"));
        assert!(says_more_than(
            "bob@example.net... User unknown",
            "bob@example.net"
        ));
        assert!(says_more_than("Mailbox full", "bob@example.net"));
        assert!(!says_more_than("", "bob@example.net"));
        // A long list of one address: read in one pass, not once per mention.
        let long = "<bob@example.net>\n".repeat(50_000);
        assert!(!says_more_than(&long, "bob@example.net"));
    }

    #[test]
    fn field_blocks_and_the_original_header_explain_nothing() {
        // A report with no MIME structure: its field block and the returned original's header
        // both name the recipient; neither is an explanation.
        let raw = "From: MAILER-DAEMON@mx.example.org\nSubject: Returned mail\n\n\
Your message could not be delivered.\n\n\
Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.0.0\n\n\
Return-Path: <alice@example.org>\nReceived: from a by b; Mon, 2 Mar 2026 10:00:00 +0000\n\
To: bob@example.net\nSubject: hi\n\nhello\n";
        let decoded = decode_bytes(raw.as_bytes()).unwrap();
        assert_eq!(decoded.recipients.len(), 1);
        assert_eq!(decoded.recipients[0].diagnostic, None);
    }

    #[test]
    fn powermta_categories_settle_the_reason() {
        let status = |s: &str| s.parse().ok();
        assert_eq!(
            powermta_kind("bad-mailbox", status("5.2.1")),
            Some(FailureKind::Suspended)
        );
        assert_eq!(
            powermta_kind("Quota-Issues", None),
            Some(FailureKind::MailboxFull)
        );
        assert_eq!(powermta_kind("other", None), None);
    }

    #[test]
    fn reads_a_dsn_part() {
        let decoded = decode_bytes(POSTFIX_LIKE.as_bytes()).unwrap();
        assert_eq!(decoded.reporting_mta.as_deref(), Some("mx.example.org"));
        assert_eq!(decoded.envelope_id.as_deref(), Some("env-42"));
        let r = &decoded.recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(r.action, Some(Action::Failed));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.diagnostic_type.as_deref(), Some("smtp"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown")
        );
        assert_eq!(r.command, Some(crate::model::SmtpCommand::Rcpt));
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.net"));
    }

    #[test]
    fn finds_field_blocks_when_the_mime_structure_is_broken() {
        // The boundary parameter is missing, so the parts cannot be told apart.
        let broken = POSTFIX_LIKE.replace("; boundary=\"XX\"", "");
        let decoded = decode_bytes(broken.as_bytes()).unwrap();
        assert_eq!(decoded.recipients.len(), 1);
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("bob@example.net")
        );
    }

    #[test]
    fn reads_rfc6533_utf8_recipients() {
        let raw = "From: postmaster@mx.example.org\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\
\n\
--b\n\
Content-Type: message/global-delivery-status\n\
\n\
Reporting-MTA: dns; mx.example.org\n\
\n\
Final-Recipient: utf-8; j\\x{F6}rg@example.de\n\
Action: failed\n\
Status: 5.2.2 (mailbox full)\n\
--b--\n";
        let decoded = decode_bytes(raw.as_bytes()).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("j\u{f6}rg@example.de")
        );
        assert_eq!(
            decoded.recipients[0]
                .status
                .map(|s| s.to_string())
                .as_deref(),
            Some("5.2.2")
        );
    }
}
