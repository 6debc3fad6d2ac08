//! Testing a text for any of a fixed list of phrases in one search.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// A fixed list of phrases, searched for all at once: one SIMD scan of the text, where a
/// `contains` per phrase builds a searcher and scans the text again for each.
pub(crate) struct AnyPhrase {
    phrases: &'static [&'static str],
    /// Built on first use; `None` if it cannot be, and the phrases are then tried one by one.
    searcher: OnceLock<Option<AhoCorasick>>,
}

impl AnyPhrase {
    /// The list, for a `static`.
    pub(crate) const fn new(phrases: &'static [&'static str]) -> Self {
        AnyPhrase {
            phrases,
            searcher: OnceLock::new(),
        }
    }

    /// True when `text` contains one of the phrases (exactly as written: case matters).
    pub(crate) fn is_in(&self, text: &str) -> bool {
        let searcher = self.searcher.get_or_init(|| {
            AhoCorasick::builder()
                // Leftmost-first lets aho-corasick use its SIMD prefilter, which does the
                // scanning: an automaton quick to build is enough.
                .match_kind(MatchKind::LeftmostFirst)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(self.phrases)
                .ok()
        });
        match searcher {
            Some(searcher) => searcher.is_match(text),
            None => self.phrases.iter().any(|p| text.contains(p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_phrase_as_contains_would() {
        static SET: AnyPhrase = AnyPhrase::new(&["will retry", "gave up", "retry"]);
        for (text, want) in [
            ("we will retry later", true),
            ("it gave up", true),
            ("no retrying", true),
            ("Will Retry", false),
            ("", false),
        ] {
            assert_eq!(SET.is_in(text), want, "{text:?}");
        }
    }
}
