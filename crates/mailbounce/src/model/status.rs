//! RFC 3463 enhanced status codes (`5.1.1`, `4.2.2`, …).

use std::fmt;
use std::str::FromStr;

/// The class of an enhanced status code: its first digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StatusClass {
    /// `2.X.X`: the message was delivered or relayed.
    Success,
    /// `4.X.X`: a persistent transient failure; a later attempt may succeed.
    TransientFailure,
    /// `5.X.X`: a permanent failure; resending the same message will fail again.
    PermanentFailure,
}

impl StatusClass {
    /// The class digit: 2, 4 or 5.
    pub fn digit(self) -> u8 {
        match self {
            StatusClass::Success => 2,
            StatusClass::TransientFailure => 4,
            StatusClass::PermanentFailure => 5,
        }
    }

    /// The class for a digit, if the digit names one.
    pub fn from_digit(digit: u8) -> Option<Self> {
        match digit {
            2 => Some(StatusClass::Success),
            4 => Some(StatusClass::TransientFailure),
            5 => Some(StatusClass::PermanentFailure),
            _ => None,
        }
    }
}

/// An RFC 3463 enhanced status code: `class.subject.detail`.
///
/// Parsed from text, displayed back in the same form, and compared field by field:
///
/// ```
/// use mailbounce::{StatusCode, StatusClass};
///
/// let code: StatusCode = "5.1.1".parse().unwrap();
/// assert_eq!(code.class(), StatusClass::PermanentFailure);
/// assert_eq!((code.subject(), code.detail()), (1, 1));
/// assert_eq!(code.to_string(), "5.1.1");
/// assert!("6.1.1".parse::<StatusCode>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatusCode {
    class: StatusClass,
    subject: u16,
    detail: u16,
}

/// The largest subject or detail number accepted (RFC 3463 allows three digits).
const MAX_PART: u16 = 999;

impl StatusCode {
    /// Builds a code from its parts; `None` when subject or detail exceed three digits.
    pub fn new(class: StatusClass, subject: u16, detail: u16) -> Option<Self> {
        (subject <= MAX_PART && detail <= MAX_PART).then_some(StatusCode {
            class,
            subject,
            detail,
        })
    }

    /// The class: success, transient or permanent failure.
    pub fn class(self) -> StatusClass {
        self.class
    }

    /// The subject (second number): 1 addressing, 2 mailbox, 3 mail system, 4 network,
    /// 5 protocol, 6 content, 7 security.
    pub fn subject(self) -> u16 {
        self.subject
    }

    /// The detail (third number).
    pub fn detail(self) -> u16 {
        self.detail
    }

    /// True for the catch-all `X.0.0`, which says nothing beyond its class.
    pub fn is_generic(self) -> bool {
        self.subject == 0 && self.detail == 0
    }

    /// True when subject and detail equal the given pair, whatever the class.
    pub fn is(self, subject: u16, detail: u16) -> bool {
        self.subject == subject && self.detail == detail
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class.digit(), self.subject, self.detail)
    }
}

/// Why a string is not an enhanced status code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3463 status code: {0:?}")]
pub struct ParseStatusCodeError(pub String);

impl FromStr for StatusCode {
    type Err = ParseStatusCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseStatusCodeError(s.chars().take(40).collect());
        let mut parts = s.trim().split('.');
        let (Some(class), Some(subject), Some(detail), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        let class = match class.as_bytes() {
            [d] => StatusClass::from_digit(d.wrapping_sub(b'0')).ok_or_else(err)?,
            _ => return Err(err()),
        };
        let number = |p: &str| -> Option<u16> {
            let ok = (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| p.parse().ok()).flatten()
        };
        let (Some(subject), Some(detail)) = (number(subject), number(detail)) else {
            return Err(err());
        };
        StatusCode::new(class, subject, detail).ok_or_else(err)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for StatusCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for StatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        for text in ["2.0.0", "4.2.2", "5.1.1", "5.7.606", "5.1.10", "4.999.999"] {
            let code: StatusCode = text.parse().unwrap();
            assert_eq!(code.to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "", "5", "5.1", "5.1.1.1", "3.1.1", "5.1000.1", "5.a.1", "55.1.1", "5..1", "5.1.1 ",
        ] {
            let trimmed_ok = text == "5.1.1 ";
            assert_eq!(text.parse::<StatusCode>().is_ok(), trimmed_ok, "{text:?}");
        }
    }

    #[test]
    fn compares_by_class_then_numbers() {
        let a: StatusCode = "4.2.2".parse().unwrap();
        let b: StatusCode = "5.1.1".parse().unwrap();
        assert!(a < b);
        assert!(b.is(1, 1));
        assert!("5.0.0".parse::<StatusCode>().unwrap().is_generic());
    }
}
