//! Splitting text into lines with the SIMD `memchr` (the standard library's search for a
//! `char` goes a word at a time): the readers split every notice into lines, often more than
//! once.

/// The lines of `text` with their line feeds, as `split_inclusive('\n')` gives them.
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |at| at + 1);
        let (line, after) = rest.split_at(end);
        rest = after;
        Some(line)
    })
}

/// The lines of `text`, as [`str::lines`] gives them (without `\n` or `\r\n`), found like
/// [`lines_inclusive`].
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(text).map(|line| match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_as_the_standard_library_does() {
        for text in [
            "",
            "\n",
            "one",
            "one\n",
            "one\r\ntwo\n\nthree",
            "a\r\n\r\n\rb\r",
            "\n\nü\n",
        ] {
            let inclusive: Vec<&str> = lines_inclusive(text).collect();
            assert_eq!(inclusive, text.split_inclusive('\n').collect::<Vec<_>>());
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
        }
    }
}
