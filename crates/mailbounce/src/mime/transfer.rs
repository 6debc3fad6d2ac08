//! Undoing a part's transfer encoding (RFC 2045 section 6) and its character set, on demand.
//!
//! Both decoders are lenient the way mail-parser's own MIME decoders are, so a body reads the
//! same whichever of the two decodes it: a quoted-printable `=` followed by something that is
//! not hex stays as written, a base64 body skips white space. Where mail-parser gives up on a
//! body (a second `=` inside an escape, a character outside base64), these return `None` and
//! the caller keeps the body as written.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;

/// A part's `Content-Transfer-Encoding`, as far as decoding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TransferEncoding {
    /// Nothing to undo (`7bit`, `8bit`, `binary`, unknown or absent).
    Identity,
    /// RFC 2045 section 6.7.
    QuotedPrintable,
    /// RFC 2045 section 6.8.
    Base64,
}

impl TransferEncoding {
    /// Reads a decoded `Content-Transfer-Encoding` value.
    pub(crate) fn from_value(value: &str) -> Self {
        let value = value.trim();
        if value.eq_ignore_ascii_case("base64") {
            TransferEncoding::Base64
        } else if value.eq_ignore_ascii_case("quoted-printable") {
            TransferEncoding::QuotedPrintable
        } else {
            TransferEncoding::Identity
        }
    }

    /// The decoded body, borrowed when there is nothing to undo; `None` when the body is not
    /// valid in its encoding. `ends_line` tells that a line end (left out of `body`) follows
    /// it, before the boundary: quoted-printable drops the white space before it.
    pub(crate) fn decode<'b>(self, body: &'b [u8], ends_line: bool) -> Option<Cow<'b, [u8]>> {
        match self {
            TransferEncoding::Identity => Some(Cow::Borrowed(body)),
            TransferEncoding::QuotedPrintable => quoted_printable(body, ends_line).map(Cow::Owned),
            TransferEncoding::Base64 => base64(body).map(Cow::Owned),
        }
    }
}

/// The value of one hex digit, or `None`.
fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Decodes quoted-printable text. Line ends come out as `\r\n` once a carriage return has
/// been seen, else as `\n`; white space at the end of a line is dropped; `=` at the end of a
/// line joins it to the next. `None` when an escape holds a second `=`. With `ends_line`, the
/// last line is ended too (its trailing white space dropped).
fn quoted_printable(body: &[u8], ends_line: bool) -> Option<Vec<u8>> {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Equals,
        FirstDigit(u8),
    }
    let mut out = Vec::with_capacity(body.len());
    let mut state = State::Plain;
    let mut trailing_space = 0;
    let mut line_end: &[u8] = b"\n";
    let mut previous = 0u8;
    let mut at = 0;
    while at < body.len() {
        if state == State::Plain {
            // A run of plain bytes up to the next one that means something is copied whole.
            let rest = body.get(at..).unwrap_or_default();
            let run_len = memchr::memchr3(b'=', b'\n', b'\r', rest).unwrap_or(rest.len());
            if run_len > 0 {
                let run = rest.get(..run_len).unwrap_or_default();
                out.extend_from_slice(run);
                let spaces = run
                    .iter()
                    .rev()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                trailing_space = if spaces == run_len {
                    trailing_space + spaces
                } else {
                    spaces
                };
                previous = run.last().copied().unwrap_or(previous);
                at += run_len;
                continue;
            }
        }
        let Some(&byte) = body.get(at) else {
            break;
        };
        at += 1;
        match byte {
            b'=' if state != State::Plain => return None,
            b'=' => state = State::Equals,
            b'\n' => {
                if state == State::Equals {
                    state = State::Plain;
                } else {
                    out.truncate(out.len().saturating_sub(trailing_space));
                    out.extend_from_slice(line_end);
                }
                trailing_space = 0;
            }
            b'\r' => line_end = b"\r\n",
            _ => match state {
                State::Plain => {
                    if byte.is_ascii_whitespace() {
                        trailing_space += 1;
                    } else {
                        trailing_space = 0;
                    }
                    out.push(byte);
                }
                State::Equals => match hex_value(byte) {
                    Some(high) => state = State::FirstDigit(high),
                    // White space after `=` is padding before a soft line break.
                    None if byte.is_ascii_whitespace() => {}
                    None => {
                        state = State::Plain;
                        out.extend_from_slice(&[b'=', byte]);
                        trailing_space = 0;
                    }
                },
                State::FirstDigit(high) => {
                    state = State::Plain;
                    match hex_value(byte) {
                        Some(low) => out.push((high << 4) | low),
                        None => out.extend_from_slice(&[b'=', previous, byte]),
                    }
                    trailing_space = 0;
                }
            },
        }
        previous = byte;
    }
    if ends_line && state == State::Plain {
        out.truncate(out.len().saturating_sub(trailing_space));
    }
    Some(out)
}

/// The six-bit value of a base64 character, or `None`.
fn base64_value(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Decodes base64 text, skipping white space and single hyphens. `=` ends a group early (so
/// concatenated encodings decode in turn); an unfinished last group is dropped. `None` on any
/// other character, or on `--` (a boundary line that was not one).
fn base64(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let mut group = 0u32;
    let mut count = 0;
    let mut previous = b'\n';
    for &byte in body {
        if let Some(value) = base64_value(byte) {
            group = (group << 6) | value;
            count += 1;
            if count == 4 {
                out.extend_from_slice(&group.to_be_bytes()[1..]);
                group = 0;
                count = 0;
            }
        } else {
            match byte {
                b'=' => {
                    match count {
                        2 => out.push((group >> 4) as u8),
                        3 => out.extend_from_slice(&((group >> 2) as u16).to_be_bytes()),
                        // A lone character carries less than a byte: mail-parser still keeps
                        // the six bits it has as one byte.
                        1 => out.push((group << 2) as u8),
                        _ => {}
                    }
                    group = 0;
                    count = 0;
                }
                b'\n' | b' ' | b'\t' | b'\r' => {}
                b'-' if previous != b'-' => {}
                _ => return None,
            }
        }
        previous = byte;
    }
    Some(out)
}

/// Text in a named character set as UTF-8: pure ASCII in a character set that keeps ASCII as
/// it is needs no converting; other text goes through mail-parser's decoder for the set, or
/// is read as UTF-8 (invalid sequences replaced) when the set is unknown.
pub(crate) fn to_utf8<'b>(bytes: Cow<'b, [u8]>, charset: Option<&str>) -> Cow<'b, str> {
    let decoder = charset
        .filter(|name| !(bytes.is_ascii() && keeps_ascii(name)))
        .and_then(|name| charset_decoder(name.as_bytes()));
    match (decoder, bytes) {
        (Some(decode), bytes) => match super::guarded(|| decode(&bytes)) {
            Some(text) => Cow::Owned(text),
            None => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
        },
        (None, Cow::Borrowed(bytes)) => super::lossy_utf8(bytes),
        (None, Cow::Owned(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => Cow::Owned(text),
            Err(error) => Cow::Owned(String::from_utf8_lossy(error.as_bytes()).into_owned()),
        },
    }
}

/// True for the character sets that read every ASCII byte as itself: ASCII, UTF-8, the
/// ISO 8859 and Windows single-byte sets, and the multi-byte sets whose lead bytes are all
/// above ASCII. (Not UTF-7, UTF-16/32, or the ISO 2022 and HZ sets, which give escapes in
/// ASCII.)
fn keeps_ascii(charset: &str) -> bool {
    const PREFIXES: [&str; 17] = [
        "us-ascii",
        "ascii",
        "utf-8",
        "utf8",
        "iso-8859",
        "iso8859",
        "iso_8859",
        "windows-",
        "cp125",
        "latin",
        "koi8",
        "shift_jis",
        "euc-",
        "gb2312",
        "gbk",
        "big5",
        "ks_c_5601",
    ];
    let name = charset.trim().as_bytes();
    PREFIXES.iter().any(|prefix| {
        name.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qp(text: &str) -> Option<String> {
        quoted_printable(text.as_bytes(), false).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    fn b64(text: &str) -> Option<Vec<u8>> {
        base64(text.as_bytes())
    }

    #[test]
    fn quoted_printable_reads_escapes_soft_breaks_and_lenient_equals() {
        assert_eq!(qp("caf=C3=A9 =\nau lait").as_deref(), Some("café au lait"));
        assert_eq!(qp("a  \nb").as_deref(), Some("a\nb"));
        assert_eq!(qp("a\r\nb=\r\nc").as_deref(), Some("a\r\nbc"));
        assert_eq!(qp("x=zy").as_deref(), Some("x=zy"));
        assert_eq!(qp("x=4zy").as_deref(), Some("x=4zy"));
        assert_eq!(qp("a=  \nb").as_deref(), Some("ab"));
        assert_eq!(qp("a==41"), None);
        let closed = quoted_printable(b"last line  ", true);
        assert_eq!(closed.as_deref(), Some(&b"last line"[..]));
    }

    #[test]
    fn base64_skips_white_space_and_stops_groups_at_padding() {
        assert_eq!(b64("aGVs\r\n bG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(b64("aGk=aGk=").as_deref(), Some(&b"hihi"[..]));
        assert_eq!(b64("aGVsbA").as_deref(), Some(&b"hel"[..]));
        assert_eq!(b64("a-GVs").as_deref(), Some(&b"hel"[..]));
        assert_eq!(b64("aGVs!"), None);
        assert_eq!(b64("aGVs\n--x"), None);
    }

    /// Both decoders against mail-parser's MIME decoders, on many random bodies made of the
    /// bytes that matter to them.
    #[test]
    fn decode_as_mail_parser_does() {
        use mail_parser::parsers::MessageStream;
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pick =
            |alphabet: &[u8], n: u64| alphabet.get((n % alphabet.len() as u64) as usize).copied();
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let qp_body: Vec<u8> = (0..len)
                .filter_map(|_| pick(b"=A3f\n\r \tx-", next()))
                .collect();
            let theirs = MessageStream::new(&qp_body).decode_quoted_printable_mime(b"");
            let ours = quoted_printable(&qp_body, false);
            if theirs.0 == usize::MAX {
                assert_eq!(ours, None, "{qp_body:?}");
            } else {
                assert_eq!(ours.as_deref(), Some(theirs.1.as_ref()), "{qp_body:?}");
            }
            let b64_body: Vec<u8> = (0..len)
                .filter_map(|_| pick(b"QUJD+/=\n -z!", next()))
                .collect();
            let theirs = MessageStream::new(&b64_body).decode_base64_mime(b"");
            let ours = base64(&b64_body);
            if theirs.0 == usize::MAX {
                assert_eq!(ours, None, "{b64_body:?}");
            } else {
                assert_eq!(ours.as_deref(), Some(theirs.1.as_ref()), "{b64_body:?}");
            }
        }
    }

    #[test]
    fn the_encoding_value_is_read_without_case() {
        assert_eq!(
            TransferEncoding::from_value(" BASE64 "),
            TransferEncoding::Base64
        );
        assert_eq!(
            TransferEncoding::from_value("Quoted-Printable"),
            TransferEncoding::QuotedPrintable
        );
        assert_eq!(
            TransferEncoding::from_value("7bit"),
            TransferEncoding::Identity
        );
    }

    #[test]
    fn ascii_skips_the_decoder_only_where_ascii_stays_ascii() {
        let text = |bytes: &[u8], charset| to_utf8(Cow::Borrowed(bytes), charset).into_owned();
        assert_eq!(text(b"plain", Some("iso-8859-1")), "plain");
        assert_eq!(text(&[0xe9], Some("ISO-8859-1")), "\u{e9}");
        assert_eq!(text(&[0xc3, 0xa9], None), "\u{e9}");
        assert!(!keeps_ascii("utf-7"));
        assert!(!keeps_ascii("iso-2022-jp"));
        assert!(keeps_ascii("Windows-1252"));
    }
}
