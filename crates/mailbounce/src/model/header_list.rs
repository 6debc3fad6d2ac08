//! The header list of a returned original, decoded on first read.

use std::fmt;
use std::sync::{Arc, OnceLock};

/// Turns a raw header block into `(name, decoded value)` pairs, in order.
pub(crate) type HeaderDecoder = fn(&[u8]) -> Vec<(String, String)>;

/// The headers of a returned original, as `(name, decoded value)` pairs.
///
/// A parse keeps the original's raw header block (copied, at most the header of one part)
/// with the function that decodes it, and decodes on the first read, once: decoding every
/// header (encoded words, address lists, unfolding) was about 6% of a parse, and most callers
/// never read the list. The decoder is a plain function supplied by whoever keeps the block
/// ([`crate::original`], which decodes with the MIME view), so the model depends on no
/// parser. The block and its memo sit behind an [`Arc`]: clones share both, and a
/// [`OnceLock`] keeps the type `Send + Sync`.
///
/// Equality, `Debug` and serde see the decoded pairs only, never the representation.
#[derive(Clone)]
pub(crate) enum HeaderList {
    /// Pairs already decoded, given as such (ESP payloads, deserialisation, tests).
    Pairs(Vec<(String, String)>),
    /// A raw block, decoded when first read.
    Raw(Arc<RawBlock>),
}

/// A raw header block, its decoder and the memoised result.
pub(crate) struct RawBlock {
    bytes: Box<[u8]>,
    decode: HeaderDecoder,
    decoded: OnceLock<Vec<(String, String)>>,
}

impl HeaderList {
    /// A list to be decoded from `block` by `decode` on first read. `block` must hold at
    /// least one header (`decode` gives at least one pair), so that emptiness is known
    /// without decoding.
    pub(crate) fn raw(block: &[u8], decode: HeaderDecoder) -> Self {
        HeaderList::Raw(Arc::new(RawBlock {
            bytes: block.into(),
            decode,
            decoded: OnceLock::new(),
        }))
    }

    /// The decoded pairs, decoding the block on the first call.
    pub(crate) fn get(&self) -> &[(String, String)] {
        match self {
            HeaderList::Pairs(pairs) => pairs,
            HeaderList::Raw(block) => block.decoded.get_or_init(|| {
                let pairs = (block.decode)(&block.bytes);
                debug_assert!(!pairs.is_empty(), "a kept header block decoded to nothing");
                pairs
            }),
        }
    }

    /// True when there is no header, without decoding.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            HeaderList::Pairs(pairs) => pairs.is_empty(),
            // A kept block holds at least one header ([`HeaderList::raw`]).
            HeaderList::Raw(block) => block.decoded.get().is_some_and(Vec::is_empty),
        }
    }
}

impl Default for HeaderList {
    fn default() -> Self {
        HeaderList::Pairs(Vec::new())
    }
}

impl PartialEq for HeaderList {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for HeaderList {}

impl fmt::Debug for HeaderList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// Written as `(name, value)` pairs in two-element lists (`[["To", "a@b"]]`), the same in
/// every serde format (some turn tuples into something else than lists).
#[cfg(feature = "serde")]
impl serde::Serialize for HeaderList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let pairs = self.get();
        let mut seq = serializer.serialize_seq(Some(pairs.len()))?;
        for (name, value) in pairs {
            seq.serialize_element(&[name, value][..])?;
        }
        seq.end()
    }
}

/// Read back from what [`Serialize`](serde::Serialize) writes: a list of `[name, value]`.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for HeaderList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<(String, String)>::deserialize(deserializer).map(HeaderList::Pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(block: &[u8]) -> Vec<(String, String)> {
        String::from_utf8_lossy(block)
            .lines()
            .filter_map(|line| line.split_once(": "))
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }

    #[test]
    fn decodes_once_and_compares_decoded() {
        let raw = HeaderList::raw(b"To: a@b\nX-Id: 7\n", decode);
        assert!(!raw.is_empty());
        let copy = raw.clone();
        assert_eq!(raw.get(), [pair("To", "a@b"), pair("X-Id", "7")]);
        // The clone shares the memo.
        let HeaderList::Raw(block) = &copy else {
            panic!("a clone keeps the representation");
        };
        assert!(block.decoded.get().is_some());
        let pairs = HeaderList::Pairs(vec![pair("To", "a@b"), pair("X-Id", "7")]);
        assert_eq!(raw, pairs);
        assert_eq!(format!("{raw:?}"), format!("{pairs:?}"));
        assert!(HeaderList::default().is_empty());
    }
}
