//! Input checks and line-ending normalisation, before any parsing.

use std::borrow::Cow;

use crate::Error;

/// Rejects empty and oversized input, and turns CRLF and lone CR line endings into LF so that
/// every later stage sees one form (the MIME parser does not understand lone CRs).
pub(crate) fn normalize(raw: &[u8], max_bytes: usize) -> Result<Cow<'_, [u8]>, Error> {
    if raw.len() > max_bytes {
        return Err(Error::TooLarge {
            size: raw.len(),
            limit: max_bytes,
        });
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if !raw.contains(&b'\r') {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\r' {
            if bytes.peek() == Some(&b'\n') {
                bytes.next();
            }
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
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
