//! Reading the common address field without the general parser.
//!
//! Most `From` and `To` fields are one address, bare (`bob@example.org`) or after a plain or
//! quoted display name (`Mail Delivery System <MAILER-DAEMON@example.org>`). Such a field is
//! read here, to exactly what mail-parser's address parser gives (tests compare them); anything
//! else (other quoting, comments, encoded words, lists, groups, escapes, non-ASCII) is left to
//! it.

use super::tree::Mailbox;

/// The mailboxes of a simple address field, or `None` when the field is not simple and the
/// general parser must read it.
pub(crate) fn read(value: &[u8]) -> Option<Vec<Mailbox>> {
    // One pass: only ASCII without escapes, comments, lists, groups, encoded words or control
    // characters; quotes are counted.
    let mut previous = 0u8;
    let mut quotes = 0;
    for &byte in value {
        let special = matches!(byte, b'\\' | b'(' | b')' | b',' | b';' | b':');
        let control = byte < b' ' && !matches!(byte, b'\t' | b'\n' | b'\r');
        if special || control || !byte.is_ascii() || (previous == b'=' && byte == b'?') {
            return None;
        }
        quotes += usize::from(byte == b'"');
        previous = byte;
    }
    let text = std::str::from_utf8(value).ok()?;
    if quotes > 0 {
        return quoted_name(text, quotes);
    }
    let (name, address) = match (text.find('<'), text.find('>')) {
        (None, None) => {
            let mut tokens = tokens(text);
            let first = tokens.next();
            let more = tokens.next().is_some();
            match first {
                None => return Some(Vec::new()),
                Some(one) if !more && one.contains('@') && !one.contains([' ', '\t']) => {
                    return Some(vec![(None, Some(one.to_string()))]);
                }
                _ if text.contains('@') => return None,
                _ => (joined(text, " "), None),
            }
        }
        (Some(open), Some(close)) if open < close => {
            let before = text.get(..open)?;
            let inside = text.get(open + 1..close)?;
            let after = text.get(close + 1..)?;
            let more_brackets = inside.contains('<') || after.contains(['<', '>']);
            if more_brackets || !after.trim_ascii().is_empty() || before.contains('@') {
                return None;
            }
            // The tokens inside the brackets are joined without spaces, as mail-parser joins
            // them.
            (joined(before, " "), joined(inside, ""))
        }
        _ => return None,
    };
    if name.is_none() && address.is_none() {
        return Some(Vec::new());
    }
    Some(vec![(name, address)])
}

/// A display name in quotes before the address: `"Name" <address>`, the quotes on one line.
/// mail-parser keeps the quoted text exactly, spaces included.
fn quoted_name(text: &str, quotes: usize) -> Option<Vec<Mailbox>> {
    let rest = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let inner = rest.strip_prefix('"')?;
    let close = inner.find('"')?;
    let name = inner.get(..close)?;
    let after = inner
        .get(close + 1..)?
        .trim_start_matches([' ', '\t', '\r', '\n']);
    if quotes != 2 || name.contains(['\n', '\r']) || !after.starts_with('<') {
        return None;
    }
    let mut mailboxes = read(after.as_bytes())?;
    match mailboxes.as_mut_slice() {
        [(display, Some(_))] if display.is_none() => {
            *display = (!name.is_empty()).then(|| name.to_string());
            Some(mailboxes)
        }
        _ => None,
    }
}

/// mail-parser's tokens in simple text: they run on over spaces and end at line ends, so one
/// token per line, trimmed, with the spaces inside it kept.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    // No control character but tabs and line ends gets here, so ASCII trimming is exact.
    crate::lines::lines(text)
        .map(str::trim_ascii)
        .filter(|token| !token.is_empty())
}

/// The tokens of `text` joined by `separator`, or `None` when there are none.
fn joined(text: &str, separator: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for token in tokens(text) {
        match &mut out {
            Some(out) => {
                out.push_str(separator);
                out.push_str(token);
            }
            None => out = Some(token.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::HeaderValue;
    use mail_parser::parsers::MessageStream;

    /// What mail-parser's address parser makes of a field value.
    fn general(value: &str) -> Vec<Mailbox> {
        match MessageStream::new(value.as_bytes()).parse_address() {
            HeaderValue::Address(address) => address
                .iter()
                .map(|a| {
                    (
                        a.name().map(str::to_string),
                        a.address().map(str::to_string),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn simple_fields_read_as_the_general_parser_reads_them() {
        let simple = [
            " bob@example.org\n",
            " <bob@example.org>\n",
            " Mail Delivery System <MAILER-DAEMON@mx.example.org>\n",
            "  Mail   Delivery\n System\t<MAILER-DAEMON@mx.example.org>  \n",
            " < bob @ example.org >\n",
            " <bob@\n example.org>\n",
            " Mail\n Delivery <m@example.org>\n",
            " postmaster\n",
            " Undisclosed recipients\n",
            " Name <>\n",
            " \"Mail Delivery System\" <MAILER-DAEMON@mx.example.org>\n",
            " \" spaced \"\n <bob@example.org>\n",
            " \"\" <bob@example.org>\n",
            " <>\n",
            "\n",
            " \n",
        ];
        for value in simple {
            assert_eq!(read(value.as_bytes()), Some(general(value)), "{value:?}");
        }
    }

    /// Run by hand over a directory of messages (`MAILBOUNCE_SPLIT_DIR=dir cargo test ...`):
    /// every address field in them that is simple reads as the general parser reads it.
    #[test]
    fn on_a_directory_when_asked() {
        let Some(dir) = std::env::var_os("MAILBOUNCE_SPLIT_DIR") else {
            return;
        };
        let names = [
            "from:",
            "to:",
            "cc:",
            "reply-to:",
            "sender:",
            "return-path:",
        ];
        let mut failures = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).replace("\r\n", "\n");
            let lines: Vec<&str> = raw.split('\n').collect();
            for (i, line) in lines.iter().enumerate() {
                let lower = line.to_ascii_lowercase();
                let Some(name) = names.iter().find(|n| lower.starts_with(*n)) else {
                    continue;
                };
                let mut value = format!("{}\n", &line[name.len()..]);
                for next in &lines[i + 1..] {
                    if !next.starts_with([' ', '\t']) {
                        break;
                    }
                    value.push_str(next);
                    value.push('\n');
                }
                if let Some(simple) = read(value.as_bytes())
                    && simple != general(&value)
                {
                    failures.push(format!("{}: {value:?}", path.display()));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn other_fields_are_left_to_the_general_parser() {
        for value in [
            " \"Bob, Jr\" <bob@example.org>\n",
            " \"Bob\" \"Jr\" <bob@example.org>\n",
            " Bob \"Jr\" <bob@example.org>\n",
            " \"Bob\"\n",
            " a\x0cb@example.org\n",
            " a@example.org, b@example.org\n",
            " bob@example.org (Bob)\n",
            " =?utf-8?q?B=C3=B6b?= <bob@example.org>\n",
            " team: a@example.org;\n",
            " Bøb <bob@example.org>\n",
            " a@example.org b@example.org\n",
            " <a@example.org> trailing\n",
            " x@y <a@example.org>\n",
            " a > b\n",
        ] {
            assert_eq!(read(value.as_bytes()), None, "{value:?}");
        }
    }
}
