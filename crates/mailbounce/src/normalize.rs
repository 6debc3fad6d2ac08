//! Input checks and line-ending normalisation, before any parsing.

use std::borrow::Cow;

use crate::Error;

/// Rejects empty and oversized input, turns CRLF and lone CR line endings into LF so that
/// every later stage sees one form (the MIME parser does not understand lone CRs), and drops
/// blank lines before the header (some exporters and copies leave them; the parser would see
/// an empty header and no message).
pub(crate) fn normalize(raw: &[u8], max_bytes: usize) -> Result<Cow<'_, [u8]>, Error> {
    let unified = unify_line_ends(raw, max_bytes)?;
    let start = first_line_start(&unified);
    Ok(match unified {
        Cow::Borrowed(bytes) => Cow::Borrowed(bytes.get(start..).unwrap_or_default()),
        Cow::Owned(mut bytes) => {
            bytes.drain(..start);
            Cow::Owned(bytes)
        }
    })
}

/// Where the header begins: after the blank lines before it, when the first line that is
/// not blank is a header field (`Name: value`) or an mbox `From ` line. Otherwise 0, so that
/// text after blank lines stays a body without a header (no message).
fn first_line_start(bytes: &[u8]) -> usize {
    let first = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let line = bytes.get(first..).unwrap_or_default();
    let name_len = line
        .iter()
        .position(|&b| !(b.is_ascii_graphic() && b != b':'))
        .unwrap_or(line.len());
    let is_field = name_len > 0 && line.get(name_len) == Some(&b':');
    if !(is_field || line.starts_with(b"From ")) {
        return 0;
    }
    memchr::memrchr(b'\n', bytes.get(..first).unwrap_or_default()).map_or(0, |p| p + 1)
}

/// The size and emptiness checks, and LF line ends.
fn unify_line_ends(raw: &[u8], max_bytes: usize) -> Result<Cow<'_, [u8]>, Error> {
    if raw.len() > max_bytes {
        return Err(Error::TooLarge {
            size: raw.len(),
            limit: max_bytes,
        });
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if memchr::memchr(b'\r', raw).is_none() {
        return Ok(Cow::Borrowed(raw));
    }
    // Copies the runs between CRs whole, found with SIMD.
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = memchr::memchr(b'\r', rest) {
        out.extend_from_slice(rest.get(..at).unwrap_or_default());
        out.push(b'\n');
        let ending = if rest.get(at + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        rest = rest.get(at + ending..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_endings_become_lf() {
        let lf = normalize(b"a: 1\nb: 2\n\nbody\n", 100).unwrap();
        assert!(matches!(lf, Cow::Borrowed(_)));
        assert_eq!(normalize(b"a: 1\r\nb: 2\r\n\r\nbody\r\n", 100).unwrap(), lf);
        assert_eq!(normalize(b"a: 1\rb: 2\r\rbody\r", 100).unwrap(), lf);
        assert_eq!(normalize(b"a: 1\r\nb: 2\r\rbody\n", 100).unwrap(), lf);
    }

    #[test]
    fn blank_lines_before_the_header_are_dropped() {
        let lf = normalize(b"a: 1\n\nbody\n", 100).unwrap();
        assert_eq!(normalize(b"\n\na: 1\n\nbody\n", 100).unwrap(), lf);
        assert_eq!(
            normalize(b"\r\n \r\na: 1\r\n\r\nbody\r\n", 100).unwrap(),
            lf
        );
        // Leading white space on the first line itself is the parser's to read.
        assert_eq!(&*normalize(b"\n  a: 1\n", 100).unwrap(), b"  a: 1\n");
        // Words after blank lines are a body without a header, kept as they came.
        assert_eq!(
            &*normalize(b"\n\njust words\n", 100).unwrap(),
            b"\n\njust words\n"
        );
    }

    #[test]
    fn rejects_empty_and_oversized() {
        assert_eq!(normalize(b"", 10), Err(Error::Empty));
        assert_eq!(normalize(b" \r\n\t", 10), Err(Error::Empty));
        assert_eq!(
            normalize(b"0123456789A", 10),
            Err(Error::TooLarge {
                size: 11,
                limit: 10
            })
        );
    }
}
