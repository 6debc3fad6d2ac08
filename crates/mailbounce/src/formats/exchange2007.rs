//! Microsoft Exchange 2007 and later (Exchange Online included) when the non-delivery report
//! is plain text: a part for the sender ("Delivery has failed to these recipients or groups:",
//! each recipient with a sentence for people), then a part for administrators ("Diagnostic
//! information for administrators:") naming the generating server and, under each recipient
//! address on a line of its own, the server's reply:
//!
//! ```text
//! bob@example.net
//! #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##
//! mx.example.net #550 5.1.1 <bob@example.net>... User unknown ##
//! Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
//! ```
//!
//! The reply, not the sentence for people, is the recipient's diagnostic: the status and
//! reply code are read from it. A report whose administrators' part names no recipient is
//! left to the generic reader. Reports that carry a delivery-status part are read by the RFC
//! 3464 reader first.

use std::collections::HashMap;

use super::text::{leading_address, recipient_sections};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::diagnostic::{reply_code_in, status_in};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "exchange2007",
    claims,
    decode,
    markers: &ADMIN_HEADINGS,
};

/// The heading of the administrators' part, in the languages Exchange writes it.
const ADMIN_HEADINGS: [&str; 6] = [
    "Diagnostic information for administrators",
    "Informations de diagnostic pour les administrateurs",
    "Diagnoseinformationen für Administratoren",
    "Información de diagnóstico para administradores",
    "Informazioni di diagnostica per gli amministratori",
    "Diagnostisk information för administratörer",
];

/// Labels of the server that wrote the report, lowercased.
const GENERATING_SERVER: [&str; 6] = [
    "generating server",
    "serveur de génération",
    "generierender server",
    "servidor de generación",
    "server di generazione",
    "genererande server",
];

/// Labels of the server that refused the message, lowercased.
const RECEIVING_SERVER: [&str; 1] = ["receiving server"];

fn claims(mail: &Incoming<'_, '_>) -> bool {
    ADMIN_HEADINGS.iter().any(|h| mail.notice_has(h))
}

/// One recipient of the administrators' part.
struct Entry {
    address: String,
    /// The server's reply line, when one follows the address.
    reply: Option<String>,
    /// The receiving server named above the address.
    receiving: Option<String>,
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let text = mail.notice_text();
    let (human, admin) = split_at_heading(text)?;
    let mut reporting_mta = None;
    let mut receiving: Option<String> = None;
    let mut entries: Vec<Entry> = Vec::new();
    for line in admin.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(value) = labelled(line, &GENERATING_SERVER) {
            reporting_mta = reporting_mta.or_else(|| first_word(value));
            continue;
        }
        if let Some(value) = labelled(line, &RECEIVING_SERVER) {
            receiving = first_word(value);
            continue;
        }
        let alone = !line.contains(char::is_whitespace);
        if let Some(address) = leading_address(line).filter(|_| alone) {
            entries.push(Entry {
                address,
                reply: None,
                receiving: receiving.clone(),
            });
            continue;
        }
        if let Some(entry) = entries.last_mut().filter(|e| e.reply.is_none())
            && is_reply(line)
        {
            entry.reply = Some(line.to_string());
        }
    }
    if entries.is_empty() {
        return None;
    }
    let mut excluded = mail.message.addresses("From");
    excluded.extend(mail.message.addresses("To"));
    let sentences: HashMap<String, String> = recipient_sections(human, &excluded)
        .into_iter()
        .map(|section| (section.address.to_ascii_lowercase(), section.text))
        .collect();
    let recipients = entries
        .into_iter()
        .map(|entry| match entry.reply {
            Some(reply) => from_reply(entry.address, &reply, entry.receiving),
            None => {
                // No reply under the address: the sentence for people is all there is.
                let sentence = sentences
                    .get(&entry.address.to_ascii_lowercase())
                    .map_or("", String::as_str);
                RecipientFacts::from_text(entry.address, sentence)
            }
        })
        .collect();
    let mut decoded = Decoded::found(FORMAT.name, recipients)?;
    decoded.reporting_mta = reporting_mta;
    Some(decoded)
}

/// The text before the administrators' heading line and the text after it.
fn split_at_heading(text: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if ADMIN_HEADINGS.iter().any(|h| trimmed.starts_with(h)) {
            return Some((text.get(..offset)?, text.get(offset + line.len()..)?));
        }
        offset += line.len();
    }
    None
}

/// The value of a `Label: value` line whose label is one of `labels` (lowercased), the colon
/// standing right after the label or after a space (French typography).
fn labelled<'l>(line: &'l str, labels: &[&str]) -> Option<&'l str> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim().to_lowercase();
    labels.contains(&label.as_str()).then_some(value.trim())
}

/// The first word of a server field (`mx.example.net (192.0.2.1)` gives the name).
fn first_word(value: &str) -> Option<String> {
    value
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(['[', ']', '(', ')']).to_string())
        .filter(|w| !w.is_empty())
}

/// True when a line of the administrators' part holds a server's reply: a reply code or a
/// status code, or Exchange's "Remote Server … returned" wording.
fn is_reply(line: &str) -> bool {
    line.contains("Remote Server") || reply_code_in(line).is_some() || status_in(line).is_some()
}

/// A recipient's facts from its reply line. The codes are read from the server's own words
/// inside Exchange's framing; the diagnostic is the line, with the `#…##` frame taken off and
/// the host written before it kept as the remote MTA.
fn from_reply(address: String, line: &str, receiving: Option<String>) -> RecipientFacts {
    let (diagnostic, core, host) = match framed(line) {
        Some((host, inner)) => (unwrap_smtp(inner), unwrap_smtp(inner), host),
        None => {
            let core = quoted_reply(line).map_or(line, unwrap_smtp);
            (line, core, remote_server_at(line))
        }
    };
    let mut facts = RecipientFacts {
        recipient: Some(address),
        reply_code: reply_code_in(core),
        status: status_in(core),
        diagnostic: Some(diagnostic.to_string()).filter(|d| !d.is_empty()),
        remote_mta: host.map(str::to_string).or(receiving),
        ..RecipientFacts::default()
    };
    facts.complete_from_diagnostic();
    facts
}

/// Exchange 2007 and 2010 frame the reply as `[host ]#<reply> ##` (or `… #SMTP#`): the host
/// (when one is written) and the reply inside the frame.
fn framed(line: &str) -> Option<(Option<&str>, &str)> {
    let body = line
        .strip_suffix("#SMTP#")
        .or_else(|| line.strip_suffix("##"))?;
    let (host, inner) = body.split_once('#')?;
    let host = host.trim();
    let host = (!host.is_empty() && !host.contains(char::is_whitespace)).then_some(host);
    Some((host, inner.trim()))
}

/// The reply quoted in `Remote Server returned '…'` (or `Remote Server at host (ip) returned
/// '…'`).
fn quoted_reply(line: &str) -> Option<&str> {
    let after = line.split_once("returned")?.1;
    let start = after.find('\'')?;
    let end = after.rfind('\'')?;
    after.get(start + 1..end).map(str::trim)
}

/// The host in `Remote Server at host (ip) returned`.
fn remote_server_at(line: &str) -> Option<&str> {
    let after = line.split_once("Remote Server at ")?.1;
    after
        .split_whitespace()
        .next()
        .filter(|host| host.contains('.') && *host != "returned")
}

/// The remote server's reply inside Exchange's relay form `<host #5.0.0 smtp;550 5.1.1 …>`: the
/// text after `smtp;`. Other text as it is.
fn unwrap_smtp(reply: &str) -> &str {
    let inner = reply
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(reply)
        .trim();
    inner
        .split_once("smtp;")
        .map_or(inner, |(_, after)| after.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(raw: &str) -> Option<Decoded> {
        super::super::decode_with(&FORMAT, raw)
    }

    /// A text-only report in Exchange's layout, with `admin` as the administrators' part.
    fn report(human: &str, admin: &str) -> String {
        format!(
            "From: postmaster@mail.example.org\nTo: alice@example.com\n\
Subject: Undeliverable: Quarterly figures\nContent-Type: text/plain; charset=utf-8\n\n\
Delivery has failed to these recipients or groups:\n\n{human}\n\n\n\n\
Diagnostic information for administrators:\n\nGenerating server: mail.example.org\n\n{admin}\n\n\
Original message headers:\n\nReceived: from laptop.example.com (192.0.2.10) by mail.example.org\n\
From: Alice <alice@example.com>\nTo: <bob@example.net>\nMessage-ID: <fig-1@example.com>\n"
        )
    }

    fn one(decoded: &Decoded) -> &RecipientFacts {
        let [r] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        r
    }

    #[test]
    fn reads_the_reply_under_the_address_not_the_sentence() {
        let raw = report(
            "bob@example.net\nThe e-mail address you typed couldn't be found. Check it and send again.",
            "bob@example.net\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
        );
        let decoded = decode_text(&raw).unwrap();
        assert_eq!(decoded.format, "exchange2007");
        assert_eq!(decoded.reporting_mta.as_deref(), Some("mail.example.org"));
        let r = one(&decoded);
        assert_eq!(r.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
        );
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        assert_eq!(r.remote_mta, None);
    }

    #[test]
    fn reads_remote_server_returned() {
        let raw = report(
            "Bob (bob@example.net)<mailto:bob@example.net>\nThe mailbox is full.",
            "bob@example.net\nRemote Server returned '552 5.2.2 Mailbox size limit exceeded'",
        );
        let r = one(&decode_text(&raw).unwrap()).clone();
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("Remote Server returned '552 5.2.2 Mailbox size limit exceeded'")
        );
        assert_eq!(r.reply_code, Some(552));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.2.2"));
    }

    #[test]
    fn reads_several_recipients_hosts_and_relayed_replies() {
        let raw = report(
            "bob@example.net\nNot found.\n\ncarol@example.net\nRefused.\n\ndan@example.net\nExpired.",
            "bob@example.net\nmx.example.net #550 5.1.1 <bob@example.net>... User unknown ##\n\n\
carol@example.net\nRemote Server returned '< #5.0.0 smtp;550 5.7.1 Refused by policy>'\n\n\
dan@example.net\n5/6/2024 8:05:56 AM - Remote Server at mx2.example.net (192.0.2.25) returned '550 4.4.7 QUEUE.Expired; message expired'",
        );
        let decoded = decode_text(&raw).unwrap();
        let [bob, carol, dan] = decoded.recipients.as_slice() else {
            panic!("{decoded:?}")
        };
        assert_eq!(
            bob.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>... User unknown")
        );
        assert_eq!(bob.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(bob.reply_code, Some(550));
        assert_eq!(
            carol.status.map(|s| s.to_string()).as_deref(),
            Some("5.7.1")
        );
        assert_eq!(carol.reply_code, Some(550));
        assert_eq!(dan.remote_mta.as_deref(), Some("mx2.example.net"));
        assert_eq!(dan.status.map(|s| s.to_string()).as_deref(), Some("4.4.7"));
    }

    #[test]
    fn falls_back_to_the_sentence_without_a_reply() {
        let raw = report(
            "bob@example.net\nThe recipient's mailbox is full.",
            "bob@example.net",
        );
        let r = one(&decode_text(&raw).unwrap()).clone();
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("The recipient's mailbox is full.")
        );
    }

    #[test]
    fn reads_a_german_report() {
        let raw = "From: postmaster@mail.example.org\nTo: alice@example.com\n\
Subject: Unzustellbar: Zahlen\nContent-Type: text/plain; charset=utf-8\n\n\
Fehler bei der Zustellung an diese Empfänger oder Gruppen:\n\nbob@example.net\n\
Die E-Mail-Adresse wurde nicht gefunden.\n\n\
Diagnoseinformationen für Administratoren:\n\nGenerierender Server: mail.example.org\n\n\
bob@example.net\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n";
        let decoded = decode_text(raw).unwrap();
        assert_eq!(decoded.reporting_mta.as_deref(), Some("mail.example.org"));
        assert_eq!(one(&decoded).reply_code, Some(550));
    }

    #[test]
    fn leaves_a_report_without_recipients_to_others() {
        let raw = report("Something failed.", "No details were recorded.");
        assert!(decode_text(&raw).is_none());
        let plain = "From: alice@example.com\nTo: bob@example.net\nSubject: notes\n\n\
Diagnostic information for administrators: see the wiki.\n";
        assert!(decode_text(plain).is_none());
    }

    #[test]
    fn the_whole_message_reads_through_this_reader() {
        let raw = report(
            "bob@example.net\nThe e-mail address you typed couldn't be found.",
            "bob@example.net\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
        );
        let report = crate::parse(raw.as_bytes()).unwrap();
        let [bounce] = report.bounces.as_slice() else {
            panic!("{report:?}")
        };
        assert_eq!(bounce.decoded_by, "exchange2007");
        assert_eq!(bounce.kind.reason(), "userunknown");
        assert_eq!(bounce.reply_code, Some(550));
        assert_eq!(report.reporting_mta.as_deref(), Some("mail.example.org"));
    }
}
