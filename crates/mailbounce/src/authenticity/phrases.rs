//! The lure phrases of `lures.txt`, compiled once into one automaton.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The rule data, one `category  phrase` per line.
const LURES: &str = include_str!("lures.txt");

/// The families of lure phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Category {
    /// A call to act on a link or button.
    Action,
    /// "Your messages are held / pending".
    Held,
    /// Threats and deadlines.
    Urgency,
    /// Quota wording.
    Quota,
    /// A mail system's or vendor's display name.
    Sender,
}

impl Category {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "action" => Category::Action,
            "held" => Category::Held,
            "urgency" => Category::Urgency,
            "quota" => Category::Quota,
            "sender" => Category::Sender,
            _ => return None,
        })
    }
}

/// One phrase rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lure {
    pub(crate) category: Category,
    pub(crate) phrase: String,
}

/// Every phrase, in one automaton.
#[derive(Debug)]
pub(crate) struct LureSet {
    automaton: AhoCorasick,
    lures: Vec<Lure>,
}

/// A data line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadLine(pub(crate) String);

impl LureSet {
    /// Compiles `category  phrase` lines; blank lines and `#` comments are skipped.
    pub(crate) fn compile<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Self, BadLine> {
        let mut lures = Vec::new();
        for line in lines.into_iter().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || BadLine(line.to_string());
            let (name, phrase) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
            let category = Category::from_name(name).ok_or_else(bad)?;
            let phrase = phrase.trim().to_lowercase();
            if phrase.is_empty() {
                return Err(bad());
            }
            lures.push(Lure { category, phrase });
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(lures.iter().map(|l| l.phrase.as_str()))
            .map_err(|e| BadLine(e.to_string()))?;
        Ok(LureSet { automaton, lures })
    }

    /// The first phrase of each category found in `text` as whole words, in one pass.
    pub(crate) fn find(&self, text: &str) -> Vec<&Lure> {
        // Text with non-ASCII letters is lowercased fully, so "LIBÉRER" meets its phrase.
        let lowered;
        let text = if text.is_ascii() {
            text
        } else {
            lowered = text.to_lowercase();
            lowered.as_str()
        };
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let mut found: Vec<&Lure> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let Some(lure) = self.lures.get(m.pattern().as_usize()) else {
                continue;
            };
            let starts_clean = m.start() == 0 || !is_word(bytes[m.start() - 1]);
            let ends_clean = bytes.get(m.end()).is_none_or(|&b| !is_word(b));
            if starts_clean && ends_clean && !found.iter().any(|f| f.category == lure.category) {
                found.push(lure);
            }
        }
        found
    }
}

/// The compiled data; `None` only if the data file is malformed, which the tests rule out.
static LURE_SET: LazyLock<Option<LureSet>> = LazyLock::new(|| LureSet::compile(LURES.lines()).ok());

/// The first lure phrase of each category in `text`.
pub(crate) fn find_lures(text: &str) -> Vec<&'static Lure> {
    LURE_SET
        .as_ref()
        .map(|set| set.find(text))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_data_file_compiles() {
        if let Err(bad) = LureSet::compile(LURES.lines()) {
            panic!("bad lure line: {bad:?}");
        }
    }

    #[test]
    fn every_phrase_is_found_alone() {
        let set = LureSet::compile(LURES.lines()).unwrap();
        for lure in &set.lures {
            let found = set.find(&lure.phrase.to_uppercase());
            assert!(
                found.iter().any(|f| f.category == lure.category),
                "{:?} not found",
                lure.phrase
            );
        }
    }

    #[test]
    fn phrases_match_whole_words_in_every_language() {
        let cats =
            |text: &str| -> Vec<Category> { find_lures(text).iter().map(|l| l.category).collect() };
        assert_eq!(cats("Please CLICK HERE to release"), [Category::Action]);
        assert_eq!(cats("unclick heres"), []);
        assert_eq!(
            cats("Ihre Nachrichten werden gelöscht"),
            [Category::Urgency]
        );
        assert_eq!(cats("5 messages en attente"), [Category::Held]);
        assert_eq!(cats("Haga clic aquí"), [Category::Action]);
        assert_eq!(cats("mensagens pendentes"), [Category::Held]);
        assert_eq!(cats("Clicca qui"), [Category::Action]);
        assert_eq!(
            cats("messages held; will be deleted within 24 hours"),
            [Category::Held, Category::Urgency]
        );
    }
}
