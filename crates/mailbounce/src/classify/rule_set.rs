//! A compiled set of phrase rules: one automaton over every phrase part, searched in one pass.
//!
//! A rule is a reason and a phrase; a phrase may have ordered parts (`mailbox ... full`). Parts
//! match case-insensitively as whole words. Among the rules whose parts all appear in order, the
//! one listed first wins.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::FailureKind;

/// The separator of ordered parts within one phrase.
const PART_SEPARATOR: &str = " ... ";

/// One phrase rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhraseRule {
    /// The reason the phrase stands for.
    pub(crate) kind: FailureKind,
    /// The phrase as written in the data file.
    pub(crate) phrase: String,
    /// Written `reason!`: the phrase settles the reason whatever SMTP command it answered (a
    /// server's report of its own directory lookup, not an answer in a session).
    pub(crate) decisive: bool,
    /// Indexes of its parts in the automaton, in order.
    parts: Vec<usize>,
}

/// A line of rule data that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadRule(pub(crate) String);

/// Rules compiled into one automaton.
#[derive(Debug)]
pub(crate) struct RuleSet {
    automaton: Option<AhoCorasick>,
    /// Every distinct phrase part, lowercase.
    part_texts: Vec<String>,
    rules: Vec<PhraseRule>,
    /// For each part, the rules that use it.
    rules_of_part: Vec<Vec<usize>>,
}

impl RuleSet {
    /// Compiles `reason  phrase` lines; blank lines and `#` comments are skipped.
    pub(crate) fn compile<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Self, BadRule> {
        let mut set = RuleSet {
            automaton: None,
            part_texts: Vec::new(),
            rules: Vec::new(),
            rules_of_part: Vec::new(),
        };
        for line in lines.into_iter().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (reason, phrase) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| BadRule(line.to_string()))?;
            let (reason, decisive) = match reason.strip_suffix('!') {
                Some(reason) => (reason, true),
                None => (reason, false),
            };
            let kind: FailureKind = reason.parse().map_err(|_| BadRule(line.to_string()))?;
            let phrase = phrase.trim().to_lowercase();
            let rule_index = set.rules.len();
            let mut parts = Vec::new();
            for part in phrase.split(PART_SEPARATOR).map(str::trim) {
                if part.is_empty() {
                    return Err(BadRule(line.to_string()));
                }
                let index = match set.part_texts.iter().position(|p| p == part) {
                    Some(index) => index,
                    None => {
                        set.part_texts.push(part.to_string());
                        set.rules_of_part.push(Vec::new());
                        set.part_texts.len() - 1
                    }
                };
                set.rules_of_part[index].push(rule_index);
                parts.push(index);
            }
            set.rules.push(PhraseRule {
                kind,
                phrase,
                decisive,
                parts,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&set.part_texts)
            .map_err(|e| BadRule(e.to_string()))?;
        set.automaton = Some(automaton);
        Ok(set)
    }

    /// The rules, in priority order.
    pub(crate) fn rules(&self) -> &[PhraseRule] {
        &self.rules
    }

    /// The highest-priority rule whose parts all appear, in order and as whole words, in `text`.
    pub(crate) fn find(&self, text: &str) -> Option<&PhraseRule> {
        self.find_index(text).map(|index| &self.rules[index])
    }

    /// Like [`RuleSet::find`], giving the rule's position in the set.
    pub(crate) fn find_index(&self, text: &str) -> Option<usize> {
        let (candidates, found) = self.candidates(text);
        candidates
            .into_iter()
            .find(|&index| parts_in_order(&self.rules[index].parts, &found))
    }

    /// The positions of every rule that matches `text`, highest priority first.
    pub(crate) fn matching(&self, text: &str) -> Vec<usize> {
        let (mut candidates, found) = self.candidates(text);
        candidates.retain(|&index| parts_in_order(&self.rules[index].parts, &found));
        candidates
    }

    /// The rules with at least one part in `text`, in priority order, and the whole-word
    /// occurrences of parts as (part, start, end), in order of their end.
    fn candidates(&self, text: &str) -> (Vec<usize>, Vec<(usize, usize, usize)>) {
        let Some(automaton) = self.automaton.as_ref() else {
            return (Vec::new(), Vec::new());
        };
        // Text with non-ASCII letters is lowercased fully, so "ПОЛЬЗОВАТЕЛЬ" meets its phrase.
        let lowered;
        let text = if text.is_ascii() {
            text
        } else {
            lowered = text.to_lowercase();
            lowered.as_str()
        };
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let part = m.pattern().as_usize();
            let phrase = self.part_texts[part].as_bytes();
            let starts_clean = !phrase.first().copied().is_some_and(is_word)
                || m.start() == 0
                || !is_word(bytes[m.start() - 1]);
            let ends_clean = !phrase.last().copied().is_some_and(is_word)
                || bytes.get(m.end()).is_none_or(|&b| !is_word(b));
            if starts_clean && ends_clean {
                found.push((part, m.start(), m.end()));
            }
        }
        let mut candidates: Vec<usize> = found
            .iter()
            .flat_map(|&(part, _, _)| self.rules_of_part[part].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        (candidates, found)
    }
}

/// True when each part occurs after the end of the previous one.
fn parts_in_order(parts: &[usize], found: &[(usize, usize, usize)]) -> bool {
    let mut after = 0;
    for &part in parts {
        let next = found
            .iter()
            .filter(|&&(p, start, _)| p == part && start >= after)
            .map(|&(_, _, end)| end)
            .min();
        match next {
            Some(end) => after = end,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lines: &str) -> RuleSet {
        RuleSet::compile(lines.lines()).unwrap()
    }

    #[test]
    fn earlier_rules_win_and_words_are_whole() {
        let rules = set("blocked  rbl\nuserunknown  user unknown\nmailboxfull  full");
        assert_eq!(
            rules.find("550 USER UNKNOWN").map(|r| r.kind),
            Some(FailureKind::UserUnknown)
        );
        assert_eq!(rules.find("the verbless text"), None);
        let both = rules.find("user unknown, listed in an RBL").unwrap();
        assert_eq!(both.kind, FailureKind::Blocked);
    }

    #[test]
    fn ordered_parts_must_appear_in_order() {
        let rules = set("mailboxfull  mailbox ... full");
        assert!(rules.find("the mailbox of this user is full").is_some());
        assert!(rules.find("full: mailbox").is_none());
        assert!(rules.find("mailbox").is_none());
    }

    #[test]
    fn non_ascii_text_is_lowercased() {
        let rules = set("userunknown  нет такого пользователя");
        assert!(rules.find("550 НЕТ ТАКОГО ПОЛЬЗОВАТЕЛЯ").is_some());
    }

    #[test]
    fn malformed_lines_are_refused() {
        assert!(RuleSet::compile(["nosuchreason  phrase"]).is_err());
        assert!(RuleSet::compile(["userunknown"]).is_err());
        assert!(RuleSet::compile(["userunknown  a ...  ... b"]).is_err());
    }
}
