//! The phrase rules of `phrases.txt`, compiled once into one automaton.
//!
//! Every phrase is searched in a single pass over the text; among the phrases found as whole
//! words, the one listed first in the data file decides.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::FailureKind;

/// The rule data, one `reason  phrase` per line.
const PHRASES: &str = include_str!("phrases.txt");

/// One phrase rule.
#[derive(Debug)]
pub(crate) struct PhraseRule {
    pub(crate) kind: FailureKind,
    pub(crate) phrase: &'static str,
}

struct Matcher {
    automaton: AhoCorasick,
    rules: Vec<PhraseRule>,
}

/// Reads the data file. A malformed line is a bug in the crate, caught by the tests below.
fn rules() -> Vec<PhraseRule> {
    PHRASES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (reason, phrase) = line.split_once(char::is_whitespace)?;
            let kind = reason.parse().ok()?;
            Some(PhraseRule {
                kind,
                phrase: phrase.trim(),
            })
        })
        .collect()
}

static MATCHER: LazyLock<Option<Matcher>> = LazyLock::new(|| {
    let rules = rules();
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(rules.iter().map(|r| r.phrase))
        .ok()?;
    Some(Matcher { automaton, rules })
});

/// The highest-priority phrase rule found in `text` as whole words.
pub(crate) fn find_phrase(text: &str) -> Option<&'static PhraseRule> {
    let matcher = MATCHER.as_ref()?;
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    matcher
        .automaton
        .find_overlapping_iter(text)
        .filter(|m| {
            let phrase = matcher.rules[m.pattern().as_usize()].phrase.as_bytes();
            let starts_clean = !phrase.first().copied().is_some_and(is_word)
                || m.start() == 0
                || !is_word(bytes[m.start() - 1]);
            let ends_clean = !phrase.last().copied().is_some_and(is_word)
                || bytes.get(m.end()).is_none_or(|&b| !is_word(b));
            starts_clean && ends_clean
        })
        .map(|m| m.pattern().as_usize())
        .min()
        .map(|index| &matcher.rules[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_compiles() {
        let lines = PHRASES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .count();
        assert_eq!(
            rules().len(),
            lines,
            "a line names an unknown reason or has no phrase"
        );
        assert!(MATCHER.is_some());
    }

    #[test]
    fn every_phrase_is_reachable() {
        // Each phrase, standing alone, must decide its own reason: a rule shadowed by an
        // earlier, broader one of another reason would never fire.
        for rule in rules() {
            let found = find_phrase(rule.phrase).map(|r| r.kind);
            assert_eq!(found, Some(rule.kind), "{:?} is shadowed", rule.phrase);
        }
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let kind = |t: &str| find_phrase(t).map(|r| r.kind);
        assert_eq!(
            kind("550 5.1.1 User Unknown"),
            Some(FailureKind::UserUnknown)
        );
        assert_eq!(
            kind("452 4.2.2 Mailbox is FULL"),
            Some(FailureKind::MailboxFull)
        );
        // "rbl" inside a longer word is not the blocklist phrase.
        assert_eq!(kind("the verbless sentence"), None);
        assert_eq!(kind("listed on an RBL"), Some(FailureKind::Blocked));
    }

    #[test]
    fn earlier_lines_win() {
        // "sender address rejected" (rejected) is listed above "domain not found" (hostunknown).
        let rule = find_phrase("Sender address rejected: Domain not found").unwrap();
        assert_eq!(rule.kind, FailureKind::Rejected);
    }

    #[test]
    fn first_rule_set_reaches_common_kinds() {
        let cases = [
            ("smtp; 550 Host unknown", FailureKind::HostUnknown),
            ("554 Relay access denied", FailureKind::NoRelaying),
            (
                "552 Message size exceeds fixed limit",
                FailureKind::MessageTooLarge,
            ),
            (
                "554 5.7.1 Message rejected as spam",
                FailureKind::SpamDetected,
            ),
            ("550 Account has been suspended", FailureKind::Suspended),
            (
                "550 Client host rejected: listed in zen.example",
                FailureKind::Blocked,
            ),
            ("550 SPF check failed", FailureKind::AuthFailure),
            ("Retry timeout exceeded", FailureKind::Expired),
            ("550 Virus found in message", FailureKind::VirusDetected),
            ("550 Mail loop detected", FailureKind::SystemError),
        ];
        for (text, want) in cases {
            assert_eq!(find_phrase(text).map(|r| r.kind), Some(want), "{text}");
        }
    }
}
