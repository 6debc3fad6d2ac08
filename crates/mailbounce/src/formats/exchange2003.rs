//! Microsoft Exchange 5.5 to 2003 (and its Internet Mail Connector / Service): "Your message …
//! did not reach the following recipient(s):", then one `address on date` line per recipient
//! with the reason and an `MSEXCH:` code indented below it. The section phrases are
//! translated by localised servers; the layout below them is not, so recipients are read by
//! layout.

use super::text::{find_ascii_ci, leading_address};
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::any_phrase::AnyPhrase;
use crate::lines::lines;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "exchange2003",
    claims,
    decode,
    markers: &[MSEXCH],
};

/// Phrases that introduce the list of failed recipients, lowercased, in the languages
/// Exchange was shipped in.
const MARKERS: [&str; 12] = [
    "did not reach the following recipient",
    "the following recipient(s) could not be reached",
    "n'a pas pu être remis aux destinataires suivants",
    "impossible de joindre le(s) destinataire(s) suivant(s)",
    "hat folgende empfänger nicht erreicht",
    "folgende empfänger konnten nicht erreicht werden",
    "non ha raggiunto i seguenti destinatari",
    "no llegó a los siguientes destinatarios",
    "não alcançou os seguintes destinatários",
    "heeft de volgende ontvangers niet bereikt",
    "nådde inte följande mottagare",
    "следующим получателям не доставлено",
];

/// The prefix of Exchange's own error codes.
const MSEXCH: &str = "MSEXCH:";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    let mailer = mail.header("X-Mailer").unwrap_or_default();
    if mail.has_header("X-MS-Embedded-Report")
        || mailer.contains("Internet Mail Service")
        || mailer.contains("Internet Mail Connector")
    {
        return true;
    }
    if mail.notice_has(MSEXCH) {
        return true;
    }
    // Every marker has an ASCII word in it; a text without any of those words cannot hold one,
    // which spares lowercasing the whole notice for the common case.
    let text = mail.notice_text();
    let ascii_hint = ["recipient", "destinat", "empf", "ontvanger", "mottagare"]
        .iter()
        .any(|w| find_ascii_ci(text, w).is_some());
    let cyrillic = !text.is_ascii();
    if !ascii_hint && !cyrillic {
        return false;
    }
    ANY_MARKER.is_in(mail.notice_lower())
}

static ANY_MARKER: AnyPhrase = AnyPhrase::new(&MARKERS);

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let mut recipients: Vec<RecipientFacts> = Vec::new();
    // The recipient being read and its reason lines.
    let mut current: Option<(String, Vec<&str>)> = None;
    // Inside the MTS-ID of the original, which may wrap over several lines.
    let mut in_mts_id = false;
    for line in lines(mail.notice_text()) {
        // The `To:` line of the summary above starts with its label, so it is no recipient line.
        if let Some(address) = leading_address(line) {
            recipients.extend(current.take().map(finish));
            current = Some((address, Vec::new()));
            in_mts_id = false;
            continue;
        }
        let Some((_, reason)) = current.as_mut() else {
            continue;
        };
        let trimmed = line.trim();
        in_mts_id = (in_mts_id || trimmed.contains("MTS-ID")) && !trimmed.contains("MSEXCH:");
        if trimmed.is_empty() {
            in_mts_id = false;
            recipients.extend(current.take().map(finish));
        } else if !in_mts_id {
            reason.push(trimmed);
        }
    }
    recipients.extend(current.map(finish));
    Decoded::found(FORMAT.name, recipients)
}

/// The facts of one recipient from its reason lines.
fn finish((address, reason): (String, Vec<&str>)) -> RecipientFacts {
    let text = reason.join(" ");
    let mut facts = RecipientFacts::from_text(address, &text);
    facts.kind_hint = msexch_code(&text).and_then(kind_of_code);
    facts
}

/// The eight-digit hexadecimal code in parentheses after an `MSEXCH:` line (`… 0 (000C05A6)
/// Unknown Recipient`).
fn msexch_code(text: &str) -> Option<&str> {
    let after = &text[text.find("MSEXCH:")?..];
    let open = after.find('(')?;
    let code = after.get(open + 1..open + 9)?;
    (code.bytes().all(|b| b.is_ascii_hexdigit()) && after[open + 9..].starts_with(')'))
        .then_some(code)
}

/// What Exchange's own error codes establish. Codes Exchange uses for several unrelated
/// errors (`000B099C`, `000B09AA`, `000B09B6`: the remote server's answer follows) are left to
/// the words.
fn kind_of_code(code: &str) -> Option<FailureKind> {
    let kind = match code.to_ascii_uppercase().as_str() {
        "000C05A6" => FailureKind::UserUnknown, // unknown recipient
        "000C0595" => FailureKind::Filtered,    // ambiguous recipient
        "00010256" | "000D06B5" => FailureKind::SystemError, // too many recipients; no proxy
        "00120270" => FailureKind::NetworkError, // too many hops
        "00050311" | "000502CC" => FailureKind::ContentError, // conversion to Internet format
        "000B0981" => FailureKind::SecurityError, // server does not support AUTH
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn decoded(raw: &str) -> Decoded {
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        decode(&mail).unwrap()
    }

    #[test]
    fn reads_recipients_and_reasons() {
        let raw = "From: System Administrator <postmaster@example.org>\n\
Subject: Undeliverable: hello\nX-MS-Embedded-Report:\n\n\
Your message\n\n  To:      bob@example.org\n  Subject: hello\n  Sent:    Mon, 3 Mar 2003 10:00:00 +0000\n\n\
did not reach the following recipient(s):\n\n\
bob@example.org on Mon, 3 Mar 2003 10:00:05 +0000\n\
    The recipient name is not recognized\n\
\tThe MTS-ID of the original message is: c=us;a= ;p=example\nsite;l=HOST0303031000\n\
    MSEXCH:IMS:EXAMPLE:SITE:HOST 0 (000C05A6) Unknown Recipient\n\
carol@example.org on Mon, 3 Mar 2003 10:00:05 +0000\n\
    The recipient name is not recognized\n";
        let decoded = decoded(raw);
        let got: Vec<_> = decoded
            .recipients
            .iter()
            .map(|r| (r.recipient.as_deref(), r.diagnostic.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("bob@example.org"),
                    Some(
                        "The recipient name is not recognized \
MSEXCH:IMS:EXAMPLE:SITE:HOST 0 (000C05A6) Unknown Recipient"
                    )
                ),
                (
                    Some("carol@example.org"),
                    Some("The recipient name is not recognized")
                ),
            ]
        );
        // The MSEXCH code settles the reason; without one the words decide.
        assert_eq!(
            decoded.recipients[0].kind_hint,
            Some(FailureKind::UserUnknown)
        );
        assert_eq!(decoded.recipients[1].kind_hint, None);
    }

    #[test]
    fn reads_exchange_error_codes() {
        assert_eq!(
            msexch_code("MSEXCH:IMS:A:B:C 0 (000C0595) Ambiguous"),
            Some("000C0595")
        );
        assert_eq!(kind_of_code("000c0595"), Some(FailureKind::Filtered));
        assert_eq!(msexch_code("MSEXCH:IMC:A:B:C (not a code)"), None);
        assert_eq!(msexch_code("no code (000C05A6)"), None);
        assert_eq!(kind_of_code("000B09AA"), None);
    }

    #[test]
    fn recognises_a_localised_notice() {
        let raw = "From: postmaster@example.org\nSubject: Unzustellbar: Hallo\n\
Content-Type: text/plain; charset=utf-8\n\n\
Ihre Nachricht hat folgende Empfänger nicht erreicht:\n\n\
bob@example.org am 03.03.2003 10:00\n    Der Empfängername wurde nicht erkannt\n";
        let decoded = decoded(raw);
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some("Der Empfängername wurde nicht erkannt")
        );
    }
}
