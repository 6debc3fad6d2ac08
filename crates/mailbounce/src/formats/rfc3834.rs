//! Automatic replies (RFC 3834): out-of-office and vacation messages, and the replies of
//! auto-responders. One record, for the address that replied (the reply's `From`).
//!
//! An auto-reply is told from a bounce by what it lacks: it is not sent by a mail system
//! account, carries no delivery-status part and names no failed recipients (many bounces are
//! marked `Auto-Submitted: auto-replied` too).

use super::generic::has_failure_subject;
use super::{Decoded, Format, Incoming, RecipientFacts};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "rfc3834",
    claims: looks_like_auto_reply,
    decode,
    markers: &[],
};

/// Subject openings that auto-responders write, in English, German, French, Spanish, Italian,
/// Portuguese, Dutch, Swedish, Polish, Russian, Japanese and Chinese (matched on the
/// lowercased subject, after an opening bracket). Each is specific enough to decide alone.
const AUTO_REPLY_PREFIXES: [&str; 26] = [
    "automatic reply",
    // Exchange and Outlook: "Out of Office AutoReply: …", "Out of Office: …".
    "out of office autoreply",
    "out of office reply",
    "out of office:",
    "auto reply",
    "auto-reply",
    "autoreply",
    "auto response",
    "auto-response",
    "autoresponse",
    "automatische antwort",
    "réponse automatique",
    "respuesta automática",
    "respuesta automatica",
    "risposta automatica",
    "resposta automática",
    "resposta automatica",
    "automatisch antwoord",
    "automatiskt svar",
    "automatyczna odpowiedź",
    "автоматический ответ",
    "автоответ",
    "自動応答",
    "自動返信",
    "自动回复",
    "自動回覆",
];

/// Words of out-of-office subjects: enough together with an automatic-message header.
const AWAY_WORDS: [&str; 22] = [
    "out of office",
    "out of the office",
    "away from the office",
    "on vacation",
    "vacation reply",
    "on leave",
    "abwesenheit",
    "nicht im büro",
    "absence",
    "absent",
    "fuera de la oficina",
    "ausente",
    "fuori ufficio",
    "fuori sede",
    "fora do escritório",
    "afwezig",
    "buiten kantoor",
    "frånvaro",
    "вне офиса",
    "отпуск",
    "不在",
    "休假",
];

/// True when the message is an automatic reply rather than a delivery notice.
pub(crate) fn looks_like_auto_reply(mail: &Incoming<'_, '_>) -> bool {
    if mail.is_from_mail_system()
        || mail.has_header("X-Failed-Recipients")
        || mail.message.content_type_param("report-type").is_some()
        || mail.message.parts().any(|p| {
            let ct = p.content_type();
            ct.ends_with("delivery-status") || ct == crate::feedback::FEEDBACK_PART
        })
    {
        return false;
    }
    let subject = mail
        .message
        .header_text("Subject")
        .unwrap_or_default()
        .to_lowercase();
    let subject = subject.trim_start();
    let opening = subject.trim_start_matches(['[', '(']).trim_start();
    if AUTO_REPLY_PREFIXES.iter().any(|p| opening.starts_with(p)) {
        return true;
    }
    // Lotus Notes' out-of-office agent: "AUTO: Jane Doe is out of the office (returning …)".
    if subject.starts_with("auto:") && AWAY_WORDS.iter().any(|w| subject.contains(w)) {
        return true;
    }
    if has_failure_subject(mail) {
        return false;
    }
    let auto_replied = mail
        .header("Auto-Submitted")
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
    let marked = auto_replied
        || mail.has_header("X-Autoreply")
        || mail.has_header("X-Autorespond")
        || mail
            .header("Precedence")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("auto_reply"));
    if marked {
        return true;
    }
    // Weaker hints: an out-of-office subject on a message that says it is automatic.
    let automatic =
        mail.has_header("Auto-Submitted") || mail.has_header("X-Auto-Response-Suppress");
    let list_mail = mail.has_header("List-Id") || mail.has_header("List-Unsubscribe");
    automatic && !list_mail && AWAY_WORDS.iter().any(|w| subject.contains(w))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let sender = mail.message.addresses("From").into_iter().next()?;
    Some(Decoded {
        format: FORMAT.name,
        recipients: vec![RecipientFacts {
            recipient: Some(sender),
            ..RecipientFacts::default()
        }],
        ..Decoded::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn is_auto_reply(raw: &str) -> bool {
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        looks_like_auto_reply(&Incoming::new(view.root()))
    }

    #[test]
    fn subjects_in_many_languages() {
        for subject in [
            "Automatic reply: Invoice",
            "Automatische Antwort: Rechnung",
            "=?utf-8?q?R=C3=A9ponse_automatique=3A_Facture?=",
            "=?utf-8?b?0JDQstGC0L7QvtGC0LLQtdGCOiDQodGH0ZHRgg==?=",
            "=?utf-8?b?6Ieq5Yqo5Zue5aSNOiDlj5Hnpag=?=",
            "[Automatyczna =?utf-8?q?odpowied=C5=BA?=] Faktura",
            "AUTO: Jane Doe is out of the office (returning 05/01/2026)",
            "Out of Office AutoReply: Invoice",
            "Out of Office: Invoice",
        ] {
            let raw = format!("From: a@example.net\nSubject: {subject}\n\nAway.\n");
            assert!(is_auto_reply(&raw), "{subject}");
        }
    }

    #[test]
    fn headers_mark_auto_replies() {
        assert!(is_auto_reply(
            "From: a@example.net\nX-Autoreply: yes\nSubject: Thanks\n\nAway.\n"
        ));
        assert!(is_auto_reply(
            "From: a@example.net\nX-Auto-Response-Suppress: All\nSubject: Out of office\n\nAway.\n"
        ));
        // An out-of-office subject alone could be a person's own words, and so could "Auto:".
        assert!(!is_auto_reply(
            "From: a@example.net\nSubject: Auto: new car quotes\n\nSee attached.\n"
        ));
        assert!(!is_auto_reply(
            "From: a@example.net\nSubject: Out of office next week\n\nI'll be away.\n"
        ));
    }

    #[test]
    fn bounces_marked_auto_replied_are_not_auto_replies() {
        assert!(!is_auto_reply(
            "From: MAILER-DAEMON@mx.example.org\nAuto-Submitted: auto-replied\n\
Subject: Undelivered Mail Returned to Sender\n\nSorry.\n"
        ));
        assert!(!is_auto_reply(
            "From: robot@example.org\nAuto-Submitted: auto-replied\n\
Subject: Delivery failure\n\nSorry.\n"
        ));
    }

    #[test]
    fn the_record_is_the_replying_address() {
        let raw = "From: Dana <dana@example.net>\nAuto-Submitted: auto-replied\nSubject: Away\n\nBack Monday.\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let decoded = decode(&Incoming::new(view.root())).unwrap();
        assert_eq!(
            decoded.recipients[0].recipient.as_deref(),
            Some("dana@example.net")
        );
    }
}
