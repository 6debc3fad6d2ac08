//! Finding a mail address in a field value or a line of text.

/// Finds the first mail address in `text`: `<a@b>`, `"Name" <a@b>`, `a@b (comment)`,
/// `rfc822;a@b`, `a@b:`. Returns it without brackets, or `None` when there is none.
pub(crate) fn find_address(text: &str) -> Option<String> {
    // Every form below needs an `@`: a text without one is passed over in one scan.
    if !text.contains('@') {
        return None;
    }
    // An address in angle brackets is the most explicit form; prefer it.
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let inner = after[..close].trim();
        let inner = inner.strip_prefix("mailto:").unwrap_or(inner);
        if let Some(address) = valid(inner) {
            return Some(address);
        }
        rest = &after[close + 1..];
    }
    if let Some(address) = quoted_local_address(text) {
        return Some(address);
    }
    text.split(ends_address)
        .filter(|token| token.contains('@'))
        .find_map(|token| {
            let token = token.strip_prefix("mailto:").unwrap_or(token);
            let token = token.split_once(':').map_or(token, |(head, tail)| {
                // `rfc822:a@b` or `a@b:` — keep the side that holds the address.
                if head.contains('@') { head } else { tail }
            });
            valid(token.trim_end_matches(['.', ':']))
        })
}

/// The value of a field that holds nothing but an address (a DSN's `Final-Recipient`), as
/// written, when it is shaped like one without being valid (`bob@#example.net`): for when
/// [`find_address`] finds none. The mailer tried that address, and the sender needs to know
/// it to correct or remove it. A masked value (`****@****`) is not an address.
pub(crate) fn literal_address(value: &str) -> Option<String> {
    let literal = value
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    let (local, domain) = literal.split_once('@')?;
    let has_word = |part: &str| part.chars().any(char::is_alphanumeric);
    let shaped = has_word(local)
        && has_word(domain)
        && !domain.contains('@')
        && literal.len() <= 320
        && !literal.contains(|c: char| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c));
    shaped.then(|| literal.to_string())
}

/// True for a character that ends an address in running text: white space, brackets, quotes
/// and list punctuation.
pub(crate) fn ends_address(c: char) -> bool {
    c.is_whitespace() || "<>()[]\"',;".contains(c)
}

/// The first address in `text` whose local part is a quoted string (`"john..doe"@example.org`),
/// quotes kept: they are part of the address.
fn quoted_local_address(text: &str) -> Option<String> {
    let at = text.find("\"@")?;
    let open = text.get(..at)?.rfind('"')?;
    let end = text
        .get(at + 2..)?
        .find(ends_address)
        .map_or(text.len(), |p| at + 2 + p);
    valid(text.get(open..end)?.trim_end_matches(['.', ':']))
}

/// `Some(address)` when `candidate` is a plausible `local@domain` address.
fn valid(candidate: &str) -> Option<String> {
    let candidate = candidate.trim().trim_matches(['\'', '`']);
    let (local, domain) = candidate.rsplit_once('@')?;
    let local = local.trim_matches('"');
    let local_ok = !local.is_empty()
        && local.len() <= 128
        && !local.contains(['@', ' ', '\t'])
        && local.chars().all(|c| !c.is_control());
    let domain_ok = !domain.is_empty()
        && domain.len() <= 255
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with('-')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    if !(local_ok && domain_ok) {
        return None;
    }
    let quoted = candidate.len() > local.len() + domain.len() + 2;
    if quoted && candidate.starts_with('"') && candidate.contains("\"@") {
        return Some(candidate.to_string());
    }
    // Joined by hand: `format!` costs several times as much for three pieces.
    let mut address = String::with_capacity(local.len() + 1 + domain.len());
    address.push_str(local);
    address.push('@');
    address.push_str(domain);
    Some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_in_common_forms() {
        let cases = [
            ("<user@example.org>", "user@example.org"),
            ("\"Some One\" <user@example.org>", "user@example.org"),
            ("user@example.org (Some One)", "user@example.org"),
            ("rfc822;user@example.org", "user@example.org"),
            (
                "<user@example.org>: host mx.example.org said: 550",
                "user@example.org",
            ),
            ("user@example.org:", "user@example.org"),
            ("mailto:user@example.org", "user@example.org"),
            (
                "rfc822; \"john..doe\"@example.org",
                "\"john..doe\"@example.org",
            ),
            ("<\"john..doe\"@example.org>", "\"john..doe\"@example.org"),
            ("Delivery to user@example.org failed.", "user@example.org"),
            (
                "<j\u{f6}rg@b\u{fc}cher.example>",
                "j\u{f6}rg@b\u{fc}cher.example",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(find_address(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn keeps_an_address_shaped_value_as_written() {
        assert_eq!(
            literal_address(" <bob@#example.net> ").as_deref(),
            Some("bob@#example.net")
        );
        for value in [
            "",
            "bob",
            "@example.net",
            "bob@",
            "bob@#a@#b",
            "bob smith@example.net",
            "********@*******",
        ] {
            assert_eq!(literal_address(value), None, "{value}");
        }
    }

    #[test]
    fn rejects_non_addresses() {
        for text in [
            "",
            "no address here",
            "@example.org",
            "user@",
            "<>",
            "a@b@",
            "user@-bad",
        ] {
            assert_eq!(find_address(text), None, "{text}");
        }
    }
}
