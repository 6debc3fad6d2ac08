//! fml, the mailing-list manager (`X-MLServer: fml …`): its administrator's notices refuse
//! a post ("You are not a member of this mailing list <list@…>", a loop alert) and name the
//! list address affected.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;
use crate::model::FailureKind;

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "fml",
    claims,
    decode,
    markers: &[],
};

fn claims(mail: &Incoming<'_, '_>) -> bool {
    mail.header("X-MLServer")
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("fml"))
        && mail.sender_lower().contains("-admin@")
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    let (address, line) = mail
        .notice_text()
        .lines()
        .find_map(|line| Some((find_address(line)?, line.trim())))?;
    let mut facts = RecipientFacts::from_text(address, line);
    facts.kind_hint = kind_of_notice(line).or_else(|| kind_of_notice(mail.subject_lower()));
    Some(Decoded {
        format: FORMAT.name,
        recipients: vec![facts],
        ..Decoded::default()
    })
}

/// What fml's own wording of a refusal establishes (in its notice line or its subject).
fn kind_of_notice(text: &str) -> Option<FailureKind> {
    const NOTICES: [(&str, FailureKind); 10] = [
        // A post refused because its own headers would loop it.
        ("header may cause mail loop", FailureKind::Rejected),
        ("not a member", FailureKind::Rejected),
        ("not member", FailureKind::Rejected),
        ("reject mail", FailureKind::Rejected),
        ("reject spammers", FailureKind::Rejected),
        ("spam mail from a spammer", FailureKind::Rejected),
        ("duplicated message-id", FailureKind::SystemError),
        ("loop", FailureKind::SystemError),
        ("fml system error", FailureKind::SystemError),
        ("security alert", FailureKind::SecurityError),
    ];
    let lower = text.to_ascii_lowercase();
    NOTICES
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    #[test]
    fn names_the_list() {
        let raw = "From: team-admin@example.org\nSubject: You are not member (team ML)\n\
X-MLServer: fml [fml 4.0.3 release]\n\n\
You are not a member of this mailing list <team@example.org>.\n";
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        let r = &decode(&mail).unwrap().recipients[0];
        assert_eq!(r.recipient.as_deref(), Some("team@example.org"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("You are not a member of this mailing list <team@example.org>.")
        );
        assert_eq!(r.kind_hint, Some(FailureKind::Rejected));
    }

    #[test]
    fn notices_settle_the_reason() {
        assert_eq!(
            kind_of_notice("Duplicated Message-ID in <team@example.org>."),
            Some(FailureKind::SystemError)
        );
        assert_eq!(
            kind_of_notice("Security Alert (team ML)"),
            Some(FailureKind::SecurityError)
        );
        assert_eq!(kind_of_notice("hello"), None);
    }
}
