//! VERP: return paths that carry the recipient (or a token naming them), so a bounce can be
//! matched to the subscriber even when the notice itself names nobody.

use std::fmt;

/// What a VERP return path encodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum VerpTarget {
    /// The original recipient's address (`bounces+alice=example.org@…` → `alice@example.org`).
    Address(String),
    /// An opaque token the sender put there to look the recipient up (`bounce-4f2a@…` →
    /// `4f2a`).
    Token(String),
}

impl VerpTarget {
    /// The decoded address or the token, as text.
    pub fn as_str(&self) -> &str {
        match self {
            VerpTarget::Address(text) | VerpTarget::Token(text) => text,
        }
    }

    /// The decoded address, when the return path carries one rather than a token.
    pub fn address(&self) -> Option<&str> {
        match self {
            VerpTarget::Address(address) => Some(address),
            VerpTarget::Token(_) => None,
        }
    }
}

impl fmt::Display for VerpTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Words that mark a local part as a bounce return path, before its `+` or `-` separator.
const BOUNCE_WORDS: [&str; 4] = ["bounces", "bounce", "verp", "return"];

/// Decodes a VERP return path (`local@domain`, angle brackets allowed).
///
/// Understood schemes, case-insensitively, after any BATV signature (`prvs=tag=`):
/// - `prefix+alice=example.org@…` (any prefix): the address `alice@example.org`;
/// - `list-bounces-alice=example.org@…` and `bounce-alice=example.org@…`: the same;
/// - `prefix+verp-TOKEN@…`, `bounces+TOKEN@…`, `bounce-TOKEN@…`: the token `TOKEN`.
///
/// `None` when the address carries neither.
///
/// ```
/// use mailbounce::verp::{decode, VerpTarget};
///
/// assert_eq!(
///     decode("bounces+alice=example.org@list.example.com"),
///     Some(VerpTarget::Address("alice@example.org".into()))
/// );
/// assert_eq!(
///     decode("bounce-7f3a9c@mail.example.com"),
///     Some(VerpTarget::Token("7f3a9c".into()))
/// );
/// assert_eq!(decode("alice@example.org"), None);
/// ```
pub fn decode(address: &str) -> Option<VerpTarget> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, _) = address.rsplit_once('@')?;
    let local = strip_batv(local);
    let lower = local.to_ascii_lowercase();
    if let Some((prefix, rest)) = local.split_once('+') {
        if let Some(target) = encoded_address(rest) {
            return Some(target);
        }
        let rest_lower = rest.to_ascii_lowercase();
        if rest_lower.starts_with("verp-") {
            return token(rest.get(5..)?);
        }
        if is_bounce_word(prefix) {
            return token(rest);
        }
        return None;
    }
    // `list-bounces-…`, `bounces-…`, `bounce-…`: what follows the bounce word and its dash.
    let rest = BOUNCE_WORDS.iter().find_map(|word| {
        let at = lower.find(&format!("{word}-"))?;
        let starts_word = at == 0 || lower[..at].ends_with(['-', '.', '_']);
        starts_word
            .then(|| local.get(at + word.len() + 1..))
            .flatten()
    })?;
    encoded_address(rest).or_else(|| token(rest))
}

/// `alice=example.org` → the address `alice@example.org` (the last `=` stands for the `@`).
fn encoded_address(text: &str) -> Option<VerpTarget> {
    let (user, domain) = text.rsplit_once('=')?;
    let valid = !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    valid.then(|| VerpTarget::Address(format!("{user}@{}", domain.to_ascii_lowercase())))
}

fn token(text: &str) -> Option<VerpTarget> {
    (!text.is_empty()).then(|| VerpTarget::Token(text.to_string()))
}

fn is_bounce_word(prefix: &str) -> bool {
    let lower = prefix.to_ascii_lowercase();
    BOUNCE_WORDS
        .iter()
        .any(|w| lower == *w || lower.ends_with(&format!("-{w}")))
}

/// `prvs=tag=local` (BATV) → `local`; other local parts unchanged.
fn strip_batv(local: &str) -> &str {
    let mut pieces = local.splitn(3, '=');
    match (pieces.next(), pieces.next(), pieces.next()) {
        (Some(scheme), Some(_), Some(rest))
            if ["prvs", "msprvs1", "btv1"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(scheme))
                && !rest.is_empty() =>
        {
            rest
        }
        _ => local,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> Option<VerpTarget> {
        Some(VerpTarget::Address(text.to_string()))
    }

    fn tok(text: &str) -> Option<VerpTarget> {
        Some(VerpTarget::Token(text.to_string()))
    }

    #[test]
    fn decodes_the_common_schemes() {
        assert_eq!(
            decode("bounces+alice=example.org@list.example.com"),
            address("alice@example.org")
        );
        assert_eq!(
            decode("<news-bounces+bob.smith=Example.NET@example.com>"),
            address("bob.smith@example.net")
        );
        assert_eq!(
            decode("list-bounces-mary-jane=example.org@example.com"),
            address("mary-jane@example.org")
        );
        assert_eq!(
            decode("bounce-carol=example.org@example.com"),
            address("carol@example.org")
        );
        assert_eq!(decode("news+verp-a1b2c3@example.com"), tok("a1b2c3"));
        assert_eq!(decode("bounce-4f2a-99@mail.example.com"), tok("4f2a-99"));
        assert_eq!(decode("bounces+8812@example.com"), tok("8812"));
        assert_eq!(
            decode("prvs=1234abcd=bounces+dan=example.org@example.com"),
            address("dan@example.org")
        );
    }

    #[test]
    fn ordinary_addresses_are_not_verp() {
        assert_eq!(decode("alice@example.org"), None);
        assert_eq!(decode("alice+news@example.org"), None);
        assert_eq!(decode("bouncer-fan@example.org"), None);
        assert_eq!(decode("bounces@example.org"), None);
        assert_eq!(decode("no-at-sign"), None);
        assert_eq!(decode("bounces+x=@example.org"), tok("x="));
    }
}
