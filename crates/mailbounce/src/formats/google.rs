//! Google's plain-text notices (Gmail, Google Workspace, Google Groups), sent by
//! `mailer-daemon@googlemail.com` with the failed addresses in `X-Failed-Recipients`.
//!
//! The remote server's words follow a marker line — `The error that the other server returned
//! was:`, `The response was:`, `The response from the remote server was:` — after Google's own
//! explanation (`Technical details of permanent failure: …`). Google Groups writes a localised
//! letter instead, naming the group in brackets; its reason is the paragraph that names it.
//! Notices that carry a DSN part are left to the RFC 3464 reader.

use std::collections::HashMap;

use super::text::recipient_sections;
use super::{Decoded, Format, Incoming, RecipientFacts};
use crate::address::{ends_address, find_address};
use crate::mime::unfold;
use crate::model::{Action, FailureKind, SmtpCommand};

/// The registry entry.
pub(super) const FORMAT: Format = Format {
    name: "google",
    claims,
    decode,
    markers: &[DETAILS_MARKER],
};

/// Lines after which the remote server's answer is quoted.
const ANSWER_MARKERS: [&str; 3] = [
    "The error that the other server returned was:",
    "The response from the remote server was:",
    "The response was:",
];

/// Google's own explanation, when there is no remote answer.
const DETAILS_MARKER: &str = "Technical details of ";

fn claims(mail: &Incoming<'_, '_>) -> bool {
    let from = mail.sender_lower();
    (from.contains("@googlemail.com") || from.contains("@google.com"))
        && (mail.has_header("X-Failed-Recipients") || mail.notice_has(DETAILS_MARKER))
}

fn decode(mail: &Incoming<'_, '_>) -> Option<Decoded> {
    if mail
        .delivery_status()
        .is_some_and(|d| !d.recipients.is_empty())
    {
        return None;
    }
    let text = mail.notice_text();
    let mut addresses: Vec<String> = mail
        .header("X-Failed-Recipients")
        .unwrap_or_default()
        .split(',')
        .filter_map(find_address)
        .collect();
    if addresses.is_empty() {
        // Delay warnings name the recipients only in the text.
        let mut excluded = mail.message.addresses("From");
        excluded.extend(mail.message.addresses("To"));
        addresses = recipient_sections(text, &excluded)
            .into_iter()
            .map(|section| section.address)
            .collect();
    }
    let recipients = if let [address] = addresses.as_slice() {
        let from = text.find(address.as_str()).unwrap_or(0);
        vec![facts(
            text,
            text.get(from..).unwrap_or(text),
            address.clone(),
            true,
        )]
    } else {
        // Many recipients: each is read in the stretch of text after where it is first named,
        // found in one pass, so that a long list stays linear.
        let mentions = first_mentions(text);
        addresses
            .into_iter()
            .map(|address| {
                let from = mentions
                    .get(&address.to_ascii_lowercase())
                    .copied()
                    .unwrap_or(0);
                let mut end = (from + STRETCH).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                facts(
                    text,
                    text.get(from..end).unwrap_or_default(),
                    address,
                    false,
                )
            })
            .collect()
    };
    Decoded::found(FORMAT.name, recipients)
}

/// Bytes read after a recipient's first mention when a notice names several.
const STRETCH: usize = 16 * 1024;

/// Where each address-shaped word of `text` first occurs, by its lowercased address.
fn first_mentions(text: &str) -> HashMap<String, usize> {
    let mut first = HashMap::new();
    let mut offset = 0;
    for word in text.split_inclusive(ends_address) {
        let bare = word.trim_end_matches(ends_address);
        if bare.contains('@') {
            first
                .entry(bare.trim_end_matches(['.', ':']).to_ascii_lowercase())
                .or_insert(offset);
        }
        offset += word.len();
    }
    first
}

/// What the notice says about one recipient, read in `about` (the text from where it is first
/// named); a lone recipient may take the whole text as its explanation.
fn facts(text: &str, about: &str, address: String, alone: bool) -> RecipientFacts {
    let server_words = ANSWER_MARKERS
        .iter()
        .find_map(|marker| paragraph_after(about, marker))
        .or_else(|| paragraph_after(about, DETAILS_MARKER).map(details));
    // A Groups letter (in whatever language) always means the same: the group does not
    // exist or the sender may not post to it. It is about one group.
    let group_letter = (server_words.is_none() && alone)
        .then(|| group_paragraph(text, &address))
        .flatten();
    let kind_hint = group_letter.is_some().then_some(FailureKind::Rejected);
    let whole = if alone { text } else { about };
    let diagnostic = server_words
        .or(group_letter)
        .unwrap_or_else(|| unfold(whole.trim()));
    let temporary = about.contains("Technical details of temporary failure");
    let mut facts = RecipientFacts {
        recipient: Some(address),
        action: Some(if temporary {
            Action::Delayed
        } else {
            Action::Failed
        }),
        remote_mta: remote_host(about),
        diagnostic: (!diagnostic.is_empty()).then_some(diagnostic),
        kind_hint,
        ..RecipientFacts::default()
    };
    facts.complete_from_diagnostic();
    if facts.command.is_none() {
        facts.command = facts.diagnostic.as_deref().and_then(session_state);
    }
    facts
}

/// The SMTP stage of the "(state N)" that Gmail's older notices append to the remote
/// server's answer (`550 550 Address unknown (state 14).`): its client's state numbers for
/// AUTH (8, 9, 12), EHLO (13), RCPT (14) and DATA (15, 17, 18), as observed in such notices
/// and recorded by Sisimai's Gmail reader.
fn session_state(answer: &str) -> Option<SmtpCommand> {
    let at = answer.rfind("(state ")? + "(state ".len();
    let number = answer.get(at..)?.split(')').next()?.trim();
    match number.parse::<u8>().ok()? {
        8 | 9 | 12 => Some(SmtpCommand::Auth),
        13 => Some(SmtpCommand::Ehlo),
        14 => Some(SmtpCommand::Rcpt),
        15 | 17 | 18 => Some(SmtpCommand::Data),
        _ => None,
    }
}

/// The text after `marker` (on its line or the next lines) up to the next blank line.
fn paragraph_after(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)? + marker.len();
    let rest = text.get(at..)?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    let end = rest.find("\n\n").unwrap_or(rest.len());
    let paragraph = unfold(rest.get(..end)?.trim());
    (!paragraph.is_empty()).then_some(paragraph)
}

/// `permanent failure: Google tried …` without the failure-kind words before the colon.
fn details(paragraph: String) -> String {
    match paragraph.split_once("failure:") {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
        _ => paragraph,
    }
}

/// The paragraph of a Google Groups letter that names the group (by its local part), up to its
/// list of possible causes.
fn group_paragraph(text: &str, group: &str) -> Option<String> {
    let name = group.split('@').next().filter(|n| !n.is_empty())?;
    let named = |p: &str| {
        p.match_indices(name).any(|(at, _)| {
            p.get(..at)
                .and_then(|before| before.chars().next_back())
                .is_some_and(|c| "(（「\"'“«".contains(c))
        })
    };
    text.split("\n\n")
        .map(str::trim)
        .find(|p| named(p))
        .map(|p| {
            let end = p.find("\n *").or_else(|| p.find("\n*")).unwrap_or(p.len());
            unfold(p.get(..end).unwrap_or(p))
        })
}

/// `… for the recipient domain example.org by mx.example.org. [192.0.2.1].`
fn remote_host(text: &str) -> Option<String> {
    let end = text.find(". [")?;
    let head = text.get(..end)?;
    let start = head.rfind(" by ")? + 4;
    let host = head.get(start..)?;
    (host.contains('.') && !host.contains(char::is_whitespace)).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::MimeView;

    fn decode_text(failed: &str, body: &str) -> Decoded {
        let raw = format!(
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n\
X-Failed-Recipients: {failed}\nSubject: Delivery Status Notification (Failure)\n\n{body}"
        );
        let view = MimeView::parse(raw.as_bytes()).unwrap();
        let mail = Incoming::new(view.root());
        assert!(claims(&mail));
        decode(&mail).unwrap()
    }

    #[test]
    fn the_state_number_names_the_smtp_stage() {
        assert_eq!(
            session_state("550 550 Address unknown (state 14)."),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            session_state("554 554 5.7.0 Header error (state 18)."),
            Some(SmtpCommand::Data)
        );
        assert_eq!(session_state("550 Address unknown"), None);
        assert_eq!(session_state("550 (state 99)"), None);
        assert_eq!(session_state("550 (state x"), None);
    }

    #[test]
    fn reads_the_remote_answer_of_a_gmail_notice() {
        let decoded = decode_text(
            "bob@example.org",
            "Delivery to the following recipient failed permanently:\n\n     bob@example.org\n\n\
Technical details of permanent failure:\nGoogle tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.1].\n\n\
The error that the other server returned was:\n550 5.1.1 <bob@example.org>... User Unknown\n\n----- Original message -----\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.org>... User Unknown")
        );
        assert_eq!(r.remote_mta.as_deref(), Some("mx.example.org"));
        assert_eq!(r.reply_code, Some(550));
    }

    #[test]
    fn reads_google_details_and_retries() {
        let decoded = decode_text(
            "bob@example.org",
            "Delivery to the following recipient has been delayed:\n\n     bob@example.org\n\n\
Message will be retried for 2 more day(s)\n\n\
Technical details of temporary failure: \nThe recipient server did not accept our requests to connect.\n",
        );
        let r = &decoded.recipients[0];
        assert_eq!(r.action, Some(Action::Delayed));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("The recipient server did not accept our requests to connect.")
        );
    }

    #[test]
    fn reads_the_group_paragraph() {
        let decoded = decode_text(
            "team@groups.example.com",
            "Hello alice@example.net,\n\nWe're writing to let you know that the group you tried to contact (team) may not exist.\n * The group may have been removed.\n\nThanks,\n",
        );
        assert_eq!(
            decoded.recipients[0].diagnostic.as_deref(),
            Some(
                "We're writing to let you know that the group you tried to contact (team) may not exist."
            )
        );
    }
}
