//! HTML as a person would read it: the text of a notice that arrives only as HTML (no plain
//! twin), with tags dropped, `<br>` and paragraph ends as line breaks, white space collapsed and
//! character references decoded. One pass over the bytes, jumping between `<` and `&` with
//! `memchr`: a long HTML notice costs little more than copying it.

/// Elements whose content is not shown: it is skipped up to the matching end tag.
const HIDDEN: [&str; 4] = ["head", "style", "script", "template"];

/// The text of `html`.
pub(crate) fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = Text::with_capacity(html.len());
    let mut at = 0;
    while at < bytes.len() {
        let Some(next) = memchr::memchr2(b'<', b'&', &bytes[at..]).map(|i| at + i) else {
            out.push_words(&html[at..]);
            break;
        };
        out.push_words(&html[at..next]);
        if bytes[next] == b'&' {
            let (decoded, used) = character_reference(&html[next..]);
            match decoded {
                Some(c) => out.push_char(c),
                None => out.push_words(&html[next..next + used]),
            }
            at = next + used;
            continue;
        }
        at = tag(html, next, &mut out);
    }
    out.finish()
}

/// Reads the markup starting at `start` (a `<`) and returns where the text resumes.
fn tag(html: &str, start: usize, out: &mut Text) -> usize {
    let bytes = html.as_bytes();
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return memchr::memmem::find(&bytes[start + 4..], b"-->")
            .map_or(bytes.len(), |i| start + 4 + i + 3);
    }
    let Some(end) = memchr::memchr(b'>', &bytes[start..]).map(|i| start + i) else {
        // An unclosed `<` is text.
        out.push_words(rest);
        return bytes.len();
    };
    let inner = &html[start + 1..end];
    let closing = inner.starts_with('/');
    let name_start = usize::from(closing);
    let name_end = inner[name_start..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/')
        .map_or(inner.len(), |i| name_start + i);
    let name = &inner[name_start..name_end];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        // `< 5` or `<>` is text, not markup.
        if inner.trim().is_empty() || !(closing || inner.starts_with('!') || inner.starts_with('?'))
        {
            out.push_words(&html[start..=end]);
        }
        return end + 1;
    }
    if name.eq_ignore_ascii_case("br") || (closing && name.eq_ignore_ascii_case("p")) {
        out.line_break();
    } else if !closing && let Some(hidden) = HIDDEN.iter().find(|h| name.eq_ignore_ascii_case(h)) {
        return skip_element(bytes, end + 1, hidden);
    }
    end + 1
}

/// Where the text resumes after the end tag of a hidden element whose content starts at `from`.
fn skip_element(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + i + 2;
        let matches = bytes
            .get(tag..tag + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if matches {
            return memchr::memchr(b'>', &bytes[tag..]).map_or(bytes.len(), |j| tag + j + 1);
        }
        at = tag;
    }
    bytes.len()
}

/// The character a reference at the start of `text` (`&amp;`, `&#233;`, `&#xE9;`) stands for,
/// and how many bytes it spans; `None` with the length of the `&` alone when it is not one.
fn character_reference(text: &str) -> (Option<char>, usize) {
    let body_end = text
        .bytes()
        .skip(1)
        .take(32)
        .position(|b| b == b';')
        .map(|i| i + 1);
    let Some(end) = body_end else {
        return (None, 1);
    };
    let body = &text[1..end];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        code.map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
    } else {
        named_reference(body)
    };
    match decoded {
        Some(c) => (Some(c), end + 1),
        None => (None, 1),
    }
}

/// The characters of the named references a notice is likely to use.
fn named_reference(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "copy" => '©',
        "reg" => '®',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "euro" => '€',
        _ => return None,
    };
    Some(c)
}

/// The text being built: words separated by one space, lines by one line break.
struct Text {
    out: String,
    /// White space was seen since the last word.
    pending_space: bool,
}

impl Text {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            pending_space: false,
        }
    }

    /// Adds running text, its white space collapsed.
    fn push_words(&mut self, text: &str) {
        let mut words = text.split(|c: char| c.is_ascii_whitespace());
        if let Some(first) = words.next()
            && !first.is_empty()
        {
            self.separate();
            self.out.push_str(first);
        }
        for word in words {
            self.pending_space = true;
            if !word.is_empty() {
                self.separate();
                self.out.push_str(word);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if c == ' ' || c == '\u{a0}' {
            self.pending_space = true;
        } else {
            self.separate();
            self.out.push(c);
        }
    }

    /// Writes the space owed before a word, unless at the start of a line.
    fn separate(&mut self) {
        if self.pending_space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.pending_space = false;
    }

    fn line_break(&mut self) {
        self.out.push('\n');
        self.pending_space = false;
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_markup_and_keeps_lines() {
        let html = "<html><head><title>x</title><style>p {color:red}</style></head>\n\
<body><p>Delivery   has failed<br>to these\nrecipients:</p>\
<!-- a comment <b> --><div>bob@example.net</div><script>var a = '<p>';</script></body></html>";
        assert_eq!(
            html_to_text(html),
            "Delivery has failed\nto these recipients:\nbob@example.net"
        );
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            html_to_text("&lt;bob@example.net&gt; &amp; caf&#233; &#xE9;&nbsp;x"),
            "<bob@example.net> & café é x"
        );
        // Not references: left as written.
        assert_eq!(html_to_text("AT&T & co; &bogus;"), "AT&T & co; &bogus;");
        assert_eq!(html_to_text("a < b and c <> d"), "a < b and c <> d");
    }

    #[test]
    fn survives_broken_markup() {
        for html in [
            "<",
            "<p",
            "&",
            "&#;",
            "&#x110000;",
            "<!--",
            "<style>",
            "</",
            "<br/",
        ] {
            let _ = html_to_text(html);
        }
        assert_eq!(html_to_text("<b>bold</b> text <i"), "bold text <i");
    }
}
