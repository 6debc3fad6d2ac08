//! The general phrase rules of `phrases.txt`, compiled once.

use std::sync::LazyLock;

use super::rule_set::{PhraseRule, RuleSet};

/// The rule data, one `reason  phrase` per line.
const PHRASES: &str = include_str!("phrases.txt");

/// The compiled rules; `None` only if the data file is malformed, which the tests rule out.
static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| RuleSet::compile(PHRASES.lines()).ok());

/// The highest-priority phrase rule found in `text`.
pub(crate) fn find_phrase(text: &str) -> Option<&'static PhraseRule> {
    RULES.as_ref()?.find(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FailureKind;

    #[test]
    fn the_data_file_compiles() {
        if let Err(bad) = RuleSet::compile(PHRASES.lines()) {
            panic!("bad rule line: {bad:?}");
        }
    }

    #[test]
    fn every_phrase_is_reachable() {
        // Each phrase, standing alone, must decide its own reason: a rule shadowed by an
        // earlier, broader one of another reason would never fire.
        let rules = RULES.as_ref().unwrap();
        for rule in rules.rules() {
            let text = rule.phrase.replace(" ... ", " ");
            let found = find_phrase(&text).map(|r| r.kind);
            assert_eq!(found, Some(rule.kind), "{:?} is shadowed", rule.phrase);
        }
    }

    /// Our own short texts, one per phrase family.
    const CASES: &str = include_str!("phrase_cases.txt");

    #[test]
    fn phrase_families_reach_their_reasons() {
        let cases = CASES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        for line in cases {
            let (reason, text) = line.split_once(char::is_whitespace).unwrap();
            let want: FailureKind = reason.parse().unwrap();
            let text = text.trim();
            assert_eq!(find_phrase(text).map(|r| r.kind), Some(want), "{text}");
        }
    }
}
