//! The readers' marker phrases, found in a notice's text in one search.
//!
//! Each reader names in its [`Format::markers`] the phrases its `claims` looks for. Testing
//! them one `contains` at a time cost a scan of the text per phrase and per reader; here one
//! SIMD multi-phrase search finds where each of them first occurs.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::{FORMATS, Format};

/// Every reader's phrases, without repeats, and a searcher for all of them.
struct Phrases {
    phrases: Vec<&'static str>,
    /// `None` only if the searcher could not be built; the phrases are then searched one by one.
    searcher: Option<AhoCorasick>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut phrases: Vec<&'static str> = Vec::new();
    for phrase in FORMATS.iter().flat_map(|f: &Format| f.markers) {
        if !phrase.is_empty() && !phrases.contains(phrase) {
            phrases.push(phrase);
        }
    }
    // Leftmost-first searching lets aho-corasick use its SIMD (Teddy) searcher.
    let searcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        // The SIMD prefilter does the scanning: an automaton quick to build is enough.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&phrases)
        .ok();
    Phrases { phrases, searcher }
});

/// Where each registered phrase first occurs in one text.
pub(super) struct Markers {
    /// The byte offset of each phrase's first occurrence, in the order of [`PHRASES`].
    first: Vec<Option<usize>>,
}

impl Markers {
    /// Finds every registered phrase in `text`.
    pub(super) fn find(text: &str) -> Self {
        let all = &*PHRASES;
        let Some(searcher) = &all.searcher else {
            let first = all.phrases.iter().map(|p| text.find(p)).collect();
            return Markers { first };
        };
        let mut first = vec![None; all.phrases.len()];
        let bytes = text.as_bytes();
        let mut at = 0;
        // The searcher reports the leftmost phrase starting at or after `at`, and only one of
        // those starting there: restarting one byte on visits every position where some phrase
        // starts, in order, and each is checked for all the phrases starting at it.
        while let Some(found) = searcher.find(Input::new(bytes).span(at..bytes.len())) {
            let here = bytes.get(found.start()..).unwrap_or_default();
            for (slot, phrase) in first.iter_mut().zip(&all.phrases) {
                if slot.is_none() && here.starts_with(phrase.as_bytes()) {
                    *slot = Some(found.start());
                }
            }
            at = found.start() + 1;
        }
        Markers { first }
    }

    /// Whether `phrase` occurs in the first `len` bytes of the text: `Some` answer only for a
    /// registered phrase.
    pub(super) fn occurs_within(&self, phrase: &str, len: usize) -> Option<bool> {
        let index = PHRASES.phrases.iter().position(|p| *p == phrase)?;
        let first = self.first.get(index).copied()?;
        Some(first.is_some_and(|start| start + phrase.len() <= len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phrases_that_overlap_or_start_together() {
        let phrases: Vec<&str> = PHRASES.phrases.clone();
        assert!(phrases.len() >= 2, "readers register their phrases");
        // Every phrase, written once, with another phrase starting inside it.
        for (i, phrase) in phrases.iter().enumerate() {
            let other = phrases[(i + 1) % phrases.len()];
            let text = format!("x {phrase}{other} y");
            let markers = Markers::find(&text);
            assert_eq!(markers.occurs_within(phrase, text.len()), Some(true));
            assert_eq!(markers.occurs_within(other, text.len()), Some(true));
            assert_eq!(
                markers.occurs_within(phrase, 2 + phrase.len() - 1),
                Some(false)
            );
        }
        assert_eq!(Markers::find("").occurs_within("not registered", 0), None);
    }
}
