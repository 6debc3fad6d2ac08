//! Reading codes and the SMTP command out of a server's free-text answer.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{SmtpCommand, StatusCode};

/// The SMTP reply codes the RFCs define: RFC 5321, and for its extensions RFC 1985 (ETRN),
/// 2645 (ATRN), 4954 (AUTH), 5248 and 7504 (`521`, `556`). A number of that shape that is not
/// one of them (`522`, `541`) is not read as a reply code.
const DEFINED_REPLY_CODES: [u16; 44] = [
    211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 421, 422, 430, 432, 450, 451, 452, 453,
    454, 455, 458, 459, 500, 501, 502, 503, 504, 521, 523, 524, 525, 530, 533, 534, 535, 538, 550,
    551, 552, 553, 554, 555, 556,
];

/// The SMTP reply code of `text`: the first defined failure code (`4xx`, `5xx`) standing as a
/// word of its own; a positive one (`250`, `354`) only when the text holds no failure code, so
/// that a greeting line (`220-mx.example.org`) before a refusal is not taken for the answer.
pub(crate) fn reply_code_in(text: &str) -> Option<u16> {
    let mut positive = None;
    for at in reply_code_starts(text) {
        let Some(code) = text.get(at..at + 3).and_then(|c| c.parse::<u16>().ok()) else {
            continue;
        };
        if !DEFINED_REPLY_CODES.contains(&code) {
            continue;
        }
        if code >= 400 {
            return Some(code);
        }
        positive.get_or_insert(code);
    }
    positive
}

/// Where the first SMTP reply code standing as a word of its own begins in `text`: where a
/// server's own words start in a notice that wraps them in its explanation.
pub(crate) fn reply_code_start(text: &str) -> Option<usize> {
    reply_code_starts(text).next()
}

/// Where each number shaped like an SMTP reply code (`2xx`, `4xx`, `5xx`, second digit 0 to 5)
/// and standing as a word of its own begins in `text`, in order.
fn reply_code_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    // Only a `2`, `4` or `5` can start one: the search jumps from one to the next.
    memchr::memchr3_iter(b'2', b'4', b'5', bytes).filter(move |&i| {
        let Some(window) = bytes.get(i..i + 3) else {
            return false;
        };
        if !(window[1].is_ascii_digit() && window[2].is_ascii_digit() && window[1] <= b'5') {
            return false;
        }
        // A group inside an IPv6 address (`2800:220:1`) is not a reply code.
        let in_ipv6 = i >= 2
            && bytes[i - 1] == b':'
            && bytes[i - 2].is_ascii_hexdigit()
            && matches!(bytes.get(i + 3), Some(b':' | b']'));
        let starts_word = i == 0 || !(is_code_char(bytes[i - 1]) || in_ipv6);
        let ends_word = bytes
            .get(i + 3)
            .is_none_or(|&b| !is_code_char(b) || b == b'-');
        let ends_ok = ends_word && bytes.get(i + 3) != Some(&b'.');
        starts_word && ends_ok
    })
}

fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'#' | b'-' | b'_' | b'/' | b'=' | b'+')
}

/// The first RFC 3463 status code in `text` (`5.1.1`, `#4.2.2`, `(5.7.1)`), not counting
/// dotted numbers that are part of something longer such as an IP address or a version.
pub(crate) fn status_in(text: &str) -> Option<StatusCode> {
    status_codes_in(text).next()
}

/// Every RFC 3463 status code in `text`, in order.
pub(crate) fn status_codes_in(text: &str) -> impl Iterator<Item = StatusCode> + '_ {
    let bytes = text.as_bytes();
    // Only a `2`, `4` or `5` can start one: the search jumps from one to the next.
    memchr::memchr3_iter(b'2', b'4', b'5', bytes).filter_map(move |i| {
        if bytes.get(i + 1) != Some(&b'.') {
            return None;
        }
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.') {
            return None;
        }
        let mut end = i + 2;
        let mut dots = 1;
        while let Some(&b) = bytes.get(end) {
            if b.is_ascii_digit() {
                end += 1;
            } else if b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                dots += 1;
                end += 1;
            } else {
                break;
            }
        }
        if dots != 2 || bytes.get(end).is_some_and(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        text.get(i..end)?.parse().ok()
    })
}

/// The SMTP command a server's answer was given to, from the phrases servers use around it:
/// "in reply to RCPT TO command", "after end of data", ">>> MAIL FROM:<…>"; failing those,
/// the last command the text names in capitals.
pub(crate) fn command_in(text: &str) -> Option<SmtpCommand> {
    // Servers fold their explanation over lines (`in reply to\n    RCPT TO command`).
    let text: Cow<'_, str> = match joined_words(text) {
        Some(joined) => Cow::Owned(joined),
        None => Cow::Borrowed(text),
    };
    // The clues are lowercase, so a lowercased copy is searched: a search that need not fold
    // case skips ahead with SIMD. No clue can overlap another (a test checks), so a
    // left-to-right search meets every clue in order, and the first naming a command is the
    // earliest.
    let lower = text.to_ascii_lowercase();
    CLUE_SEARCH
        .as_ref()?
        .find_iter(&lower)
        .find_map(|m| match CLUES.get(m.pattern().as_usize())?.1 {
            Clue::Tag(command) => Some(command),
            Clue::Marker => command_at(text.get(m.end()..)?),
        })
        .or_else(|| command_named_in(&text))
}

/// The words of `text` joined by single spaces, when it is folded (it holds a line break, a
/// tab or two spaces in a row); `None` when it is not.
fn joined_words(text: &str) -> Option<String> {
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let bytes = text.as_bytes();
    let folded =
        memchr::memchr3(b'\n', b'\r', b'\t', bytes).is_some() || DOUBLE_SPACE.find(bytes).is_some();
    if !folded {
        return None;
    }
    let mut joined = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    Some(joined)
}

/// What a clue found in a server's text says about the command.
#[derive(Clone, Copy)]
enum Clue {
    /// A phrase the command follows (`in reply to `).
    Marker,
    /// A tag naming the command (`[RCPT_TO]`).
    Tag(SmtpCommand),
}

/// The clues and what each says, in lower case (matched in any case).
const CLUES: [(&str, Clue); 10] = [
    ("in reply to ", Clue::Marker),
    ("after ", Clue::Marker),
    (">>> ", Clue::Marker),
    ("in response to ", Clue::Marker),
    ("during ", Clue::Marker),
    ("smtp command ", Clue::Marker),
    ("smtp command: ", Clue::Marker),
    ("smtp:", Clue::Marker),
    // Tags some servers append to their reply (`User unknown [RCPT_TO]`).
    ("[rcpt_to]", Clue::Tag(SmtpCommand::Rcpt)),
    ("[mail_from]", Clue::Tag(SmtpCommand::Mail)),
];

/// [`CLUES`] in one automaton.
static CLUE_SEARCH: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        // Leftmost-first lets the search skip ahead with a SIMD prefilter.
        .match_kind(MatchKind::LeftmostFirst)
        .build(CLUES.iter().map(|(p, _)| p))
        .ok()
});

/// The last SMTP command named as a word of its own, in capitals, in `text`
/// (`… RCPT TO:<a@b> … 550 …`): servers and relays quote the command they sent.
fn command_named_in(text: &str) -> Option<SmtpCommand> {
    const NAMES: [&str; 7] = [
        "RCPT TO",
        "MAIL FROM",
        "DATA",
        "BDAT",
        "EHLO",
        "HELO",
        "STARTTLS",
    ];
    static AUTOMATON: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(NAMES).ok());
    let bytes = text.as_bytes();
    let part_of_word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_');
    AUTOMATON
        .as_ref()?
        .find_iter(text)
        .filter(|m| {
            let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
            !before.is_some_and(part_of_word) && !bytes.get(m.end()).is_some_and(part_of_word)
        })
        .last()
        .and_then(|m| SmtpCommand::from_word(NAMES[m.pattern().as_usize()]))
}

/// The SMTP command that `text` starts with (`RCPT To:<…>`, `DATA`, `end of data`), in any
/// case, after white space, quotes and a leading "the" or "end of".
pub(crate) fn command_at(text: &str) -> Option<SmtpCommand> {
    let strip = |text: &'_ str, prefix: &str| -> Option<usize> {
        text.get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| prefix.len())
    };
    let mut text = text.trim_start().trim_start_matches(['"', '\'']);
    for prefix in ["the ", "end of "] {
        if let Some(len) = strip(text, prefix) {
            text = &text[len..];
        }
    }
    if strip(text, "initial connection").is_some() {
        return Some(SmtpCommand::Conn);
    }
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(text.len());
    // Only "initial connection" names the connection stage; a bare "connect" does not.
    SmtpCommand::from_word(&text[..end]).filter(|&c| c != SmtpCommand::Conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reply_codes() {
        assert_eq!(reply_code_in("550 5.1.1 <a@b>: user unknown"), Some(550));
        assert_eq!(
            reply_code_in("host mx said: 452-4.2.2 over quota"),
            Some(452)
        );
        assert_eq!(reply_code_in("smtp; 554 rejected"), Some(554));
        assert_eq!(reply_code_in("from 192.0.2.550 x"), None);
        assert_eq!(reply_code_in("#5.1.1 no code"), None);
        assert_eq!(reply_code_in("size 5500 bytes"), None);
        assert_eq!(reply_code_in("ab550 x"), None);
        // A group of an IPv6 address is not a reply code.
        assert_eq!(
            reply_code_in("[2606:2800:220:1:248:1893:25c8:1946] timed out"),
            None
        );
        assert_eq!(reply_code_in("said: 550: : User unknown"), Some(550));
        assert_eq!(
            reply_code_in("ERROR_CODE :550, ERROR_CODE :5.1.1"),
            Some(550)
        );
        // A greeting before the refusal is not the answer; a positive code stands alone.
        assert_eq!(
            reply_code_in("220-mx.example.org 421 4.2.1 Service refused"),
            Some(421)
        );
        assert_eq!(reply_code_in("250 2.1.5 Ok"), Some(250));
        // Numbers no RFC defines as reply codes.
        assert_eq!(reply_code_in("542 bob@example.com Rejected"), None);
        assert_eq!(reply_code_in("522 5.2.0 Over quota, 550 later"), Some(550));
    }

    #[test]
    fn finds_status_codes() {
        let s = |t: &str| status_in(t).map(|c| c.to_string());
        assert_eq!(s("550 5.1.1 <a@b> unknown").as_deref(), Some("5.1.1"));
        assert_eq!(s("said: #4.2.2 mailbox full").as_deref(), Some("4.2.2"));
        assert_eq!(s("(5.7.606) banned").as_deref(), Some("5.7.606"));
        assert_eq!(s("address 192.5.1.1 refused"), None);
        assert_eq!(s("version 5.1.1.2 here"), None);
        assert_eq!(s("ends 5.2.2."), Some("5.2.2".to_string()));
    }

    #[test]
    fn clues_never_overlap() {
        // `command_in` relies on it: no clue holds another, and no clue's end can begin another.
        // It searches a lowercased text, so the clues are written in lower case.
        for (a, _) in CLUES {
            assert_eq!(a, a.to_ascii_lowercase());
            for (b, _) in CLUES {
                let (a, b) = (a.as_bytes(), b.as_bytes());
                if a != b {
                    assert!(!a.windows(b.len()).any(|w| w.eq_ignore_ascii_case(b)));
                }
                for k in 1..a.len().min(b.len() + 1) {
                    let (tail, head) = (&a[a.len() - k..], &b[..k]);
                    assert!(!tail.eq_ignore_ascii_case(head), "{a:?} / {b:?}");
                }
            }
        }
    }

    #[test]
    fn finds_commands() {
        assert_eq!(
            command_in("said: 550 no (in reply to RCPT TO command)"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            command_in("(in reply to end of DATA command)"),
            Some(SmtpCommand::Data)
        );
        assert_eq!(
            command_in("SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1"),
            Some(SmtpCommand::Mail)
        );
        assert_eq!(command_in(">>> DATA\n<<< 554 no"), Some(SmtpCommand::Data));
        // Postfix folds its explanation over lines.
        assert_eq!(
            command_in("User unknown (in reply to\n    RCPT TO command)"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            command_in("SMTP:RCPT host 192.0.2.1: 553 no such user"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            command_in("550 5.2.1 <a@b>... User Unknown [RCPT_TO]"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(
            command_in("server message 550 unknown user -------SMTP command DATA"),
            Some(SmtpCommand::Data)
        );
        assert_eq!(command_in("relayed via [mail.example.org]"), None);
        // A command quoted in capitals, the last one named.
        assert_eq!(
            command_in("sent MAIL FROM:<a@b>, then RCPT TO:<c@d>: 550 unknown"),
            Some(SmtpCommand::Rcpt)
        );
        assert_eq!(command_in("550 unknown user DATABASE@EXAMPLE.JP"), None);
        assert_eq!(command_in("the data was lost"), None);
        assert_eq!(command_in("no command here after all"), None);
    }

    #[test]
    fn joins_folded_words() {
        assert_eq!(joined_words("one line"), None);
        assert_eq!(joined_words("form\x0Cfeed"), None);
        for text in [
            "in reply to\n    RCPT TO command",
            "  two  spaces ",
            "\ttab\r\n",
            "caf\u{e9}\n\u{e9}t\u{e9}\x0C end",
            "\n",
        ] {
            let want = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(joined_words(text), Some(want), "{text:?}");
        }
    }
}
