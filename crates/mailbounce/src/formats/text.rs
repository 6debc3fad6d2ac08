//! Tools for reading the free text of notices: where the returned original begins, which lines
//! name a recipient, and the text that belongs to each.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::address::find_address;
use crate::lines::{lines, lines_inclusive};

/// Lines that introduce the returned original message (matched ASCII-case-insensitively at the
/// start of a trimmed line, after any run of dashes or equals signs).
const ORIGINAL_MARKERS: [&str; 19] = [
    "this is a copy of the message",
    "the header of the original message",
    "below this line is a copy of the message",
    "original message",
    "original message follows",
    "the original message",
    "a copy of the original message",
    "message header follows",
    "original message header",
    "returned message",
    "unsent message below",
    "undelivered message",
    "header of original message",
    "headers of the original",
    "content-type: message/rfc822",
    // The same separator in other languages ("-----Ursprüngliche Nachricht-----", "--- Mensaje
    // original adjunto.").
    "ursprüngliche nachricht",
    "message d'origine",
    "mensaje original",
    "messaggio originale",
];

/// Headings that introduce the original's headers when they stand alone on their line (a
/// colon after them, or a space and a colon, is allowed): Exchange's "Original message
/// headers:" in the languages it writes it. Matched ASCII-case-insensitively.
const ORIGINAL_HEADINGS: [&str; 6] = [
    "original message headers",
    "ursprüngliche nachrichtenkopfzeilen",
    "en-têtes de message d'origine",
    "encabezados del mensaje original",
    "intestazioni originali del messaggio",
    "ursprungshuvuden",
];

/// The byte offset where the returned original begins in a notice's text: a marker line, a
/// heading line, or the first block of three or more header lines (quoted with `>` or not)
/// that includes `Received:`, `Return-Path:`, `Message-Id:` or `DKIM-Signature:`. The text's
/// length when there is none.
pub(crate) fn original_start(text: &str) -> usize {
    let mut offset = 0;
    let mut header_run_start: Option<usize> = None;
    let mut header_run = 0;
    let mut header_run_strong = false;
    for line in lines_inclusive(text) {
        let trimmed = line.trim();
        let bare = trimmed.trim_start_matches(['-', '=', '*', '_', ' ', '>']);
        let marked = trimmed.len() > bare.len() || trimmed.starts_with("Original");
        if marked
            && ORIGINAL_MARKERS
                .iter()
                .any(|m| starts_with_ascii_ci(bare, m))
        {
            return offset;
        }
        if is_original_heading(trimmed) {
            return offset;
        }
        // A copy quoted line by line (`> Received: …`) is read like one that is not.
        let unquoted = line
            .strip_prefix('>')
            .map_or(line, |rest| rest.strip_prefix(' ').unwrap_or(rest));
        if let Some(name) = header_name(unquoted) {
            header_run_start.get_or_insert(offset);
            header_run += 1;
            header_run_strong |= ["received", "return-path", "message-id", "dkim-signature"]
                .iter()
                .any(|strong| name.eq_ignore_ascii_case(strong));
            if header_run >= 3
                && header_run_strong
                && let Some(start) = header_run_start
            {
                return start;
            }
        } else if !(unquoted.starts_with([' ', '\t']) && header_run > 0) {
            header_run_start = None;
            header_run = 0;
            header_run_strong = false;
        }
        offset += line.len();
    }
    text.len()
}

/// True when the trimmed line is one of [`ORIGINAL_HEADINGS`] alone, with or without a colon.
fn is_original_heading(line: &str) -> bool {
    let heading = line.strip_suffix(':').unwrap_or(line).trim_end();
    ORIGINAL_HEADINGS
        .iter()
        .any(|h| h.len() == heading.len() && starts_with_ascii_ci(heading, h))
}

/// True when `text` starts with `prefix` (given in lower case), ASCII-case-insensitively.
fn starts_with_ascii_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The byte offset of the first ASCII-case-insensitive occurrence of `needle` (in any case)
/// in `haystack`, without copying the haystack.
pub(crate) fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    find_ascii_ci_in_bytes(haystack.as_bytes(), needle)
}

/// [`find_ascii_ci`] over bytes that need not be UTF-8 (a binary part's body).
///
/// The search jumps between occurrences of the needle's rarest byte (in either case), so a
/// needle starting with a common letter does not stop at every word.
pub(crate) fn find_ascii_ci_in_bytes(hay: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let (offset, anchor) = needle
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|&(_, &b)| rarity(b))
        .map(|(i, &b)| (i, b))?;
    let found = |i: usize| {
        let start = i.checked_sub(offset)?;
        hay.get(start..start + needle.len())
            .filter(|window| window.eq_ignore_ascii_case(needle))
            .map(|_| start)
    };
    let (lower, upper) = (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase());
    if lower == upper {
        memchr::memchr_iter(anchor, hay).find_map(found)
    } else {
        memchr::memchr2_iter(lower, upper, hay).find_map(found)
    }
}

/// How rarely a byte occurs in mail text, roughly: higher is rarer.
fn rarity(byte: u8) -> u8 {
    RARITY[usize::from(byte)]
}

/// [`rarity`] of every byte, worked out at compile time.
static RARITY: [u8; 256] = {
    // Letters from the most to the least common in English.
    const LETTERS: &[u8; 26] = b"etaoinsrhldcumfpgwybvkxjqz";
    let mut table = [20u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = match b {
            b' ' | b'\n' => 0,
            b'.' | b',' => 6,
            b'-' | b'0'..=b'9' => 10,
            b'/' | b'(' | b')' | b'<' | b'>' | b'@' | b'=' | b'_' => 14,
            // One a line in a block of fields, rare in running text.
            b':' => 19,
            _ => 20,
        };
        i += 1;
    }
    let mut rank = 0;
    while rank < LETTERS.len() {
        let letter = LETTERS[rank];
        table[letter as usize] = 2 + rank as u8;
        table[letter.to_ascii_uppercase() as usize] = 2 + rank as u8;
        rank += 1;
    }
    table
};

/// The field name when `line` looks like a header line (`Name: value`, name at column 0).
fn header_name(line: &str) -> Option<&str> {
    // A name is at most 40 bytes, so the colon is looked for there only, not along the line.
    let head = line
        .as_bytes()
        .get(..line.len().min(41))
        .unwrap_or_default();
    let colon = memchr::memchr(b':', head)?;
    let name = line.get(..colon)?;
    let ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && name.as_bytes()[0].is_ascii_alphabetic();
    ok.then_some(name)
}

/// The address a line begins with, when the line is about one recipient: the address alone,
/// in angle or square brackets, or followed by `:`, `...` or a space and its explanation.
/// Leading white space, quoting and list bullets are ignored.
pub(crate) fn leading_address(line: &str) -> Option<String> {
    let line = line
        .trim_start_matches([' ', '\t', '>', '*', '-', '•'])
        .trim();
    let first = line.split([' ', '\t']).next()?;
    let first = first
        .trim_end_matches([':', ',', ';'])
        .trim_end_matches("...");
    // `* [bob@example.net]: 550 …` (a list of the failed addresses in square brackets); an
    // address ending in a domain literal (`bob@[192.0.2.1]`) keeps its brackets.
    let (first, bare) = match first.strip_prefix('[').and_then(|f| f.strip_suffix(']')) {
        Some(inner) => (inner, inner),
        None => (first, first.trim_start_matches('<').trim_end_matches('>')),
    };
    if !bare.contains('@') || bare.starts_with('@') {
        return None;
    }
    find_address(first)
        .filter(|a| a.eq_ignore_ascii_case(bare) || a.eq_ignore_ascii_case(bare.trim_matches('"')))
}

/// The address a line ends with, after an explanation and a colon (`Unknown user: a@b`,
/// `Did not reach the following recipient: <a@b>`), with that explanation.
pub(crate) fn trailing_address(line: &str) -> Option<(String, &str)> {
    let (before, after) = line.trim().rsplit_once(": ")?;
    let after = after.trim().trim_end_matches('.');
    // The explanation is words, not a header name (`To: a@b`).
    if after.contains(char::is_whitespace)
        || before.contains('@')
        || !before.trim().contains(char::is_whitespace)
    {
        return None;
    }
    let bare = after.trim_start_matches('<').trim_end_matches('>');
    let address = find_address(after).filter(|a| a.eq_ignore_ascii_case(bare))?;
    Some((address, before.trim()))
}

/// The first address after `marker` in `text` (on the marker's line), with the text that
/// follows that line.
pub(crate) fn address_after<'t>(text: &'t str, marker: &str) -> Option<(String, &'t str)> {
    let at = text.find(marker)? + marker.len();
    let rest = text.get(at..)?;
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    Some((find_address(line)?, after))
}

/// The text with one level of `>` quoting taken off when the notice reached us forwarded as
/// a quote (most of its non-empty lines start with `>`); the text itself otherwise.
pub(crate) fn dequoted(text: &str) -> Cow<'_, str> {
    let (mut quoted, mut other) = (0usize, 0usize);
    for line in lines(text).filter(|l| !l.trim().is_empty()) {
        if line.starts_with('>') {
            quoted += 1;
        } else {
            other += 1;
        }
    }
    if quoted <= other {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in lines(text) {
        let line = line
            .strip_prefix("> ")
            .or_else(|| line.strip_prefix('>'))
            .unwrap_or(line);
        out.push_str(line);
        out.push('\n');
    }
    Cow::Owned(out)
}

/// One recipient named in a notice's text, with the lines that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) address: String,
    /// The explanation: the rest of the recipient's line and the lines after it, up to the
    /// next recipient line. Recipients listed together share the explanation that follows.
    pub(crate) text: String,
}

/// Splits a notice's text into recipient sections, skipping `excluded` addresses (the notice's
/// own sender and addressee, mail system accounts).
pub(crate) fn recipient_sections(text: &str, excluded: &[String]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    // Recipients whose explanation has not started yet (listed one after another).
    let mut waiting = 0usize;
    for line in lines(text) {
        // The explanation may name its recipient again (`said: 550\n    <a@b>: User unknown`).
        let repeats_last = |address: &String| {
            sections
                .last()
                .is_some_and(|s| s.address.eq_ignore_ascii_case(address))
        };
        if let Some(address) = leading_address(line)
            .filter(|a| !is_excluded(a, excluded))
            .filter(|a| !repeats_last(a))
        {
            let rest = line
                .trim_start()
                .split_once([' ', '\t'])
                .map_or("", |(_, rest)| rest.trim());
            if sections.last().is_some_and(|s| s.text.trim().is_empty()) {
                waiting += 1;
            } else {
                waiting = 1;
            }
            sections.push(Section {
                address,
                text: rest.to_string(),
            });
            continue;
        }
        if sections.is_empty() {
            continue;
        }
        let from = sections.len() - waiting.max(1);
        for section in &mut sections[from..] {
            section.text.push('\n');
            section.text.push_str(line);
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    sections.retain(|s| seen.insert(s.address.to_ascii_lowercase()));
    sections
}

fn is_excluded(address: &str, excluded: &[String]) -> bool {
    let lower = address.to_ascii_lowercase();
    let local = lower.split('@').next().unwrap_or_default();
    matches!(local, "postmaster" | "mailer-daemon" | "root")
        || excluded.iter().any(|e| e.eq_ignore_ascii_case(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_where_the_original_begins() {
        let text = "Sorry.\n\n<a@example.net>: no\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <x@example.com>\n";
        assert_eq!(&text[original_start(text)..][..7], "--- Bel");
        let headers =
            "Failed.\n\nReceived: from a\n  by b\nFrom: x@example.com\nMessage-Id: <1@x>\n\nbody";
        assert_eq!(&headers[original_start(headers)..][..9], "Received:");
        let none = "Failed.\nTo: someone\nnothing else";
        assert_eq!(original_start(none), none.len());
        let quoted = "Mailbox full.\n\n> Received: from a (EHLO b)\n>       by c\n> From: x@example.com\n\
> Message-Id: <1@x>\n>\n> body";
        assert_eq!(&quoted[original_start(quoted)..][..11], "> Received:");
    }

    #[test]
    fn finds_separators_in_other_languages() {
        for separator in [
            "-----Ursprüngliche Nachricht-----",
            "-----Message d'origine-----",
            "-----Mensaje original-----",
            "--- Mensaje original adjunto.",
            "-----Messaggio originale-----",
        ] {
            let text = format!("Nicht zustellbar: bob@example.net\n\n{separator}\nVon: a\n");
            let start = original_start(&text);
            assert_eq!(
                text.get(start..start + 3),
                Some(&separator[..3]),
                "{separator}"
            );
        }
        // Without a frame the words are the notice's own sentence.
        let sentence = "Mensaje original no entregado a bob@example.net\n";
        assert_eq!(original_start(sentence), sentence.len());
    }

    #[test]
    fn finds_exchange_header_headings_in_other_languages() {
        for heading in [
            "Original message headers:",
            "Ursprüngliche Nachrichtenkopfzeilen:",
            "En-têtes de message d'origine :",
            "Encabezados del mensaje original:",
            "Intestazioni originali del messaggio:",
            "Ursprungshuvuden:",
        ] {
            let text =
                format!("bob@example.net\n#550 5.1.1 not found ##\n\n{heading}\n\nFrom: a\n");
            let start = original_start(&text);
            assert_eq!(
                text.get(start..),
                Some(&text[text.find(heading).unwrap()..])
            );
        }
        // A heading is the whole line, not a sentence that starts with its words.
        let sentence = "Encabezados del mensaje original adjuntos abajo, vea bob@example.net\n";
        assert_eq!(original_start(sentence), sentence.len());
    }

    #[test]
    fn finds_ignoring_ascii_case() {
        assert_eq!(
            find_ascii_ci("ab\nFINAL-Recipient: x", "final-recipient:"),
            Some(3)
        );
        assert_eq!(find_ascii_ci("final-recipient", "final-recipient:"), None);
        assert_eq!(
            find_ascii_ci("é final-recipient:", "final-recipient:"),
            Some(3)
        );
        assert_eq!(find_ascii_ci("", ""), None);
        // A needle that starts in upper case (an address as written) is found in any case.
        assert_eq!(
            find_ascii_ci("to bob@example.org:", "Bob@Example.org"),
            Some(3)
        );
        // The leftmost occurrence, whichever byte the search jumps between; a rare byte too
        // near the start of the text to end a match is passed over.
        assert_eq!(find_ascii_ci("pq mcafee MCAFEE", "McAfee"), Some(3));
        assert_eq!(find_ascii_ci("zz", "quiz"), None);
        assert_eq!(find_ascii_ci("QUIZ quiz", "quiz"), Some(0));
        assert_eq!(find_ascii_ci("a-b c-d", "c-d"), Some(4));
        assert_eq!(find_ascii_ci("x\u{e9}t\u{e9}", "\u{e9}t\u{e9}"), Some(1));
    }

    #[test]
    fn reads_recipient_lines() {
        assert_eq!(
            leading_address("  carol@example.net").as_deref(),
            Some("carol@example.net")
        );
        assert_eq!(
            leading_address("<bob@example.net>:").as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            leading_address("bob@example.net... User unknown").as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            leading_address("Remote host said: 550 <bob@example.net>"),
            None
        );
        assert_eq!(leading_address("To: bob@example.net"), None);
        assert_eq!(
            leading_address("\t* [bob@example.net]: 550 bob@example.net...over quota").as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(leading_address("[192.0.2.1]: connection refused"), None);
    }

    #[test]
    fn splits_sections_and_shares_explanations() {
        let text = "The following addresses failed:\n\n  a@example.net\n  b@example.net\n\n\
Technical details: 550 5.1.1 user unknown\n\n<c@example.org>:\nRemote host said: 552 mailbox full\n";
        let sections = recipient_sections(text, &[]);
        let addresses: Vec<&str> = sections.iter().map(|s| s.address.as_str()).collect();
        assert_eq!(
            addresses,
            ["a@example.net", "b@example.net", "c@example.org"]
        );
        assert!(sections[0].text.contains("550 5.1.1"));
        assert!(sections[1].text.contains("550 5.1.1"));
        assert!(!sections[1].text.contains("552"));
        assert!(sections[2].text.contains("552 mailbox full"));
    }

    #[test]
    fn an_explanation_may_name_its_recipient_again() {
        let text = "<a@example.net>: host\n    mx.example.net[192.0.2.1] said: 550\n\
                    <a@example.net>: User unknown\n";
        let sections = recipient_sections(text, &[]);
        let [only] = sections.as_slice() else {
            panic!("{sections:?}")
        };
        assert!(
            only.text.ends_with("<a@example.net>: User unknown"),
            "{only:?}"
        );
    }

    #[test]
    fn reads_addresses_at_the_end_of_a_line() {
        assert_eq!(
            trailing_address("Unknown user: bob@example.net"),
            Some(("bob@example.net".to_string(), "Unknown user"))
        );
        assert_eq!(
            trailing_address("Mailbox is full: <bob@example.net>.").map(|t| t.0),
            Some("bob@example.net".to_string())
        );
        assert_eq!(
            trailing_address("From: a@example.com said: b@example.net"),
            None
        );
        assert_eq!(trailing_address("Subject: hello there"), None);
        assert_eq!(trailing_address("To:      <bob@example.net>"), None);
    }

    #[test]
    fn takes_off_one_level_of_quoting() {
        let text =
            "Forwarded:\n\n> Final-Recipient: rfc822; a@example.net\n>> DATA\n> Action: failed\n";
        assert_eq!(
            dequoted(text),
            "Forwarded:\n\nFinal-Recipient: rfc822; a@example.net\n> DATA\nAction: failed\n"
        );
        assert!(matches!(
            dequoted("plain\n> one quote\nmore\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn leaves_out_mail_system_and_excluded_addresses() {
        let text = "postmaster@example.org\nsender@example.com\nbob@example.net\nno such user\n";
        let sections = recipient_sections(text, &["sender@example.com".to_string()]);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].address, "bob@example.net");
    }
}
