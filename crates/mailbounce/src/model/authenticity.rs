//! Whether a notice is what it claims to be: a verdict and the signals that led to it.

use std::fmt;

/// What the analysis concluded about a message that looks like a delivery notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Verdict {
    /// A real notice written by a mail system, with nothing that counts against it. Its
    /// records may be acted on.
    Genuine,
    /// A real notice about a message we did not send (someone forged our address): the
    /// records say nothing about our recipients. Never suppress an address on it.
    Backscatter,
    /// Something counts against it (a lure, an inconsistency): look before acting, and never
    /// suppress an address on it alone.
    Suspicious,
    /// A fake notice: phishing or malware dressed as a bounce. Do not act on it, do not
    /// click, report or delete it.
    Forged,
    /// Not enough evidence either way (a partial copy, or not a notice at all).
    Unknown,
}

impl Verdict {
    /// The snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Genuine => "genuine",
            Verdict::Backscatter => "backscatter",
            Verdict::Suspicious => "suspicious",
            Verdict::Forged => "forged",
            Verdict::Unknown => "unknown",
        }
    }

    /// True when the notice's records may be used to suppress or retry addresses.
    pub fn is_actionable(self) -> bool {
        matches!(self, Verdict::Genuine | Verdict::Unknown)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way one signal points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SignalOutcome {
    /// What a real notice (or, for context signals, mail we sent) would show.
    Pass,
    /// Counts against the notice (a lure, an inconsistency) or, for context signals, says the
    /// original was not ours.
    Fail,
    /// Observed, but pointing nowhere (the evidence was missing or ambiguous).
    Neutral,
}

impl SignalOutcome {
    /// The snake_case name, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalOutcome::Pass => "pass",
            SignalOutcome::Fail => "fail",
            SignalOutcome::Neutral => "neutral",
        }
    }
}

impl fmt::Display for SignalOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One observation that went into a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Signal {
    /// A stable snake_case name (`null_sender`, `lure_link`, …).
    pub name: String,
    /// Which way it points.
    pub outcome: SignalOutcome,
    /// How much it weighed in the verdict (0 when it only informs).
    pub weight: u8,
    /// What was seen: the header, phrase, link or file name.
    pub evidence: String,
}

/// The authenticity verdict for one message, with every signal that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Authenticity {
    /// The conclusion.
    pub verdict: Verdict,
    /// The signals observed, in the order they were checked.
    pub signals: Vec<Signal>,
}

impl Authenticity {
    /// The signals that counted against the message.
    pub fn failed(&self) -> impl Iterator<Item = &Signal> {
        self.signals
            .iter()
            .filter(|s| s.outcome == SignalOutcome::Fail)
    }
}
