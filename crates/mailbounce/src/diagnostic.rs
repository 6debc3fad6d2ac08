//! Reading codes and the SMTP command out of a server's free-text answer.

use crate::model::{SmtpCommand, StatusCode};

/// The first SMTP reply code (`550`, `452`, …) standing as a word of its own in `text`.
pub(crate) fn reply_code_in(text: &str) -> Option<u16> {
    let at = reply_code_start(text)?;
    text.get(at..at + 3)?.parse().ok()
}

/// Where the first SMTP reply code standing as a word of its own begins in `text`: where a
/// server's own words start in a notice that wraps them in its explanation.
pub(crate) fn reply_code_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let window = &bytes[i..i + 3];
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
        if starts_word
            && ends_ok
            && matches!(window[0], b'2' | b'4' | b'5')
            && window[1].is_ascii_digit()
            && window[2].is_ascii_digit()
            && window[1] <= b'5'
        {
            return Some(i);
        }
        i += 1;
    }
    None
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
    (0..bytes.len()).filter_map(move |i| {
        if !matches!(bytes[i], b'2' | b'4' | b'5') || bytes.get(i + 1) != Some(&b'.') {
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
/// "in reply to RCPT TO command", "after end of data", ">>> MAIL FROM:<…>".
pub(crate) fn command_in(text: &str) -> Option<SmtpCommand> {
    // Servers fold their explanation over lines (`in reply to\n    RCPT TO command`).
    let mut lower = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !lower.is_empty() {
            lower.push(' ');
        }
        lower.push_str(word);
    }
    lower.make_ascii_lowercase();
    const MARKERS: [&str; 8] = [
        "in reply to ",
        "after ",
        ">>> ",
        "in response to ",
        "during ",
        "smtp command ",
        "smtp command: ",
        "smtp:",
    ];
    // Tags some servers append to their reply (`User unknown [RCPT_TO]`).
    const TAGS: [(&str, SmtpCommand); 2] = [
        ("[rcpt_to]", SmtpCommand::Rcpt),
        ("[mail_from]", SmtpCommand::Mail),
    ];
    let mut best: Option<(usize, SmtpCommand)> = TAGS
        .iter()
        .filter_map(|&(tag, command)| lower.find(tag).map(|at| (at, command)))
        .min_by_key(|&(at, _)| at);
    for marker in MARKERS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(marker) {
            let at = from + pos + marker.len();
            if let Some(command) = command_word_at(&lower[at..])
                && best.is_none_or(|(p, _)| at < p)
            {
                best = Some((at, command));
                break;
            }
            from = at;
        }
    }
    best.map(|(_, command)| command)
        .or_else(|| command_named_in(text))
}

/// The last SMTP command named as a word of its own, in capitals, in `text`
/// (`… RCPT TO:<a@b> … 550 …`): servers and relays quote the command they sent.
fn command_named_in(text: &str) -> Option<SmtpCommand> {
    const NAMES: [(&str, SmtpCommand); 7] = [
        ("RCPT TO", SmtpCommand::Rcpt),
        ("MAIL FROM", SmtpCommand::Mail),
        ("DATA", SmtpCommand::Data),
        ("BDAT", SmtpCommand::Bdat),
        ("EHLO", SmtpCommand::Ehlo),
        ("HELO", SmtpCommand::Helo),
        ("STARTTLS", SmtpCommand::StartTls),
    ];
    let bytes = text.as_bytes();
    let stands_alone = |at: usize, len: usize| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + len).copied();
        let part_of_word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_');
        !before.is_some_and(part_of_word) && !after.is_some_and(part_of_word)
    };
    NAMES
        .iter()
        .filter_map(|&(name, command)| {
            text.match_indices(name)
                .filter(|&(at, _)| stands_alone(at, name.len()))
                .map(|(at, _)| at)
                .last()
                .map(|at| (at, command))
        })
        .max_by_key(|&(at, _)| at)
        .map(|(_, command)| command)
}

/// The SMTP command that `text` starts with (`RCPT To:<…>`, `DATA`, `end of data`), in any
/// case.
pub(crate) fn command_at(text: &str) -> Option<SmtpCommand> {
    command_word_at(&text.trim_start().to_ascii_lowercase())
}

/// Reads the command that `text` (lowercase) starts with.
fn command_word_at(text: &str) -> Option<SmtpCommand> {
    let text = text.trim_start().trim_start_matches(['"', '\'']);
    let text = text.strip_prefix("the ").unwrap_or(text);
    let text = text.strip_prefix("end of ").unwrap_or(text);
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    match word.as_str() {
        "rcpt" => Some(SmtpCommand::Rcpt),
        "mail" => Some(SmtpCommand::Mail),
        "data" => Some(SmtpCommand::Data),
        "bdat" => Some(SmtpCommand::Bdat),
        "helo" => Some(SmtpCommand::Helo),
        "ehlo" => Some(SmtpCommand::Ehlo),
        "starttls" => Some(SmtpCommand::StartTls),
        "auth" => Some(SmtpCommand::Auth),
        "quit" => Some(SmtpCommand::Quit),
        "initial" if text.starts_with("initial connection") => Some(SmtpCommand::Conn),
        _ => None,
    }
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
}
