//! fml, the mailing-list manager (`X-MLServer: fml …`): its administrator's notices refuse
//! a post ("You are not a member of this mailing list <list@…>", a loop alert) and name the
//! list address affected.

use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::find_address;

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
    Some(Decoded {
        format: FORMAT.name,
        recipients: vec![RecipientFacts::from_text(address, line)],
        ..Decoded::default()
    })
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
    }
}
