//! Turning command-line paths into a stream of messages: files, directories (Maildirs
//! included), mbox files split on their `From ` lines, and standard input.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Where a message came from: a path (`-` for stdin), and its position, from 1, when that
/// input holds several messages (an mbox) or events (an ESP batch). Shown as `path#N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path as given (`-` for stdin).
    pub path: String,
    /// The message's position in the input, when the input holds more than one.
    pub index: Option<usize>,
}

impl Source {
    /// A whole input: one message.
    pub fn whole(path: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            index: None,
        }
    }

    /// The `index`th message (from 1) of an input that holds several.
    pub fn nth(path: impl Into<String>, index: usize) -> Self {
        Source {
            path: path.into(),
            index: Some(index),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(index) => write!(f, "{}#{index}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// One message to analyse, or the reason it could not be read.
pub struct Input {
    /// Where it came from.
    pub source: Source,
    /// The raw message, or why reading failed.
    pub bytes: Result<Vec<u8>, String>,
}

/// Names of files that a directory walk passes over: documentation and data kept beside mail.
const SKIPPED_NAMES: [&str; 4] = ["readme", "license", "copying", "notice"];
const SKIPPED_EXTENSIONS: [&str; 8] = ["md", "json", "jsonl", "toml", "yaml", "yml", "py", "rs"];

/// Expands the command-line paths into the files to read, in a stable order: the paths in the
/// order given, each directory's entries sorted by name.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            out.push(Ok(path.clone()));
        } else {
            walk(path, &mut out);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, (PathBuf, String)>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.push(Err((dir.to_path_buf(), err.to_string())));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
            continue;
        }
        let stem = name.split('.').next().unwrap_or_default();
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let skipped = SKIPPED_NAMES.contains(&stem)
            || extension.is_some_and(|e| SKIPPED_EXTENSIONS.contains(&e.as_str()));
        if !skipped {
            out.push(Ok(path));
        }
    }
}

/// Reads one file (or stdin for `-`), calling `emit` once per message: once for a single
/// message, once per message for an mbox (streamed, never held whole).
pub fn read_messages(path: &Path, emit: &mut dyn FnMut(Input)) {
    let path_text = path.to_string_lossy().into_owned();
    let source = Source::whole(path_text.clone());
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(file) => Box::new(file),
            Err(err) => {
                emit(Input {
                    source,
                    bytes: Err(err.to_string()),
                });
                return;
            }
        }
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let is_mbox = match reader.fill_buf() {
        Ok(head) => head.starts_with(b"From "),
        Err(err) => {
            emit(Input {
                source,
                bytes: Err(err.to_string()),
            });
            return;
        }
    };
    if is_mbox {
        split_mbox(reader, &path_text, emit);
    } else {
        let mut bytes = Vec::new();
        let bytes = reader
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| e.to_string());
        emit(Input { source, bytes });
    }
}

/// Splits an mbox on its `From ` separator lines (a `From ` line after a blank line or at the
/// start, or a whole envelope line with its date anywhere: some writers leave out the blank
/// line), undoing the `>From ` quoting of the mboxrd convention.
fn split_mbox(mut reader: impl BufRead, source: &str, emit: &mut dyn FnMut(Input)) {
    let mut number = 0usize;
    let mut message: Vec<u8> = Vec::new();
    let mut line = Vec::new();
    let mut previous_blank = true;
    // A message is emitted when the next separator (or the end) is reached; an mbox holding a
    // single message is named by its path alone, like a plain message file.
    let mut flush = |message: &mut Vec<u8>, number: usize, last: bool| {
        if number > 0 {
            let source = if last && number == 1 {
                Source::whole(source)
            } else {
                Source::nth(source, number)
            };
            emit(Input {
                source,
                bytes: Ok(std::mem::take(message)),
            });
        }
    };
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                flush(&mut message, number, false);
                emit(Input {
                    source: Source::nth(source, number + 1),
                    bytes: Err(err.to_string()),
                });
                return;
            }
        }
        if line.starts_with(b"From ") && (previous_blank || is_envelope_line(&line)) {
            flush(&mut message, number, false);
            number += 1;
            previous_blank = false;
            continue;
        }
        previous_blank = line == b"\n" || line == b"\r\n";
        let quoted_from = line
            .iter()
            .position(|&b| b != b'>')
            .is_some_and(|p| p > 0 && line[p..].starts_with(b"From "));
        message.extend_from_slice(if quoted_from { &line[1..] } else { &line });
    }
    flush(&mut message, number, true);
}

/// True for a whole mbox envelope line: `From sender Thu Jul  2 12:05:05 2020`, the time as
/// `hh:mm:ss` and the year among the last two words (a time zone may follow it). Text that
/// merely starts with "From " has no such date.
fn is_envelope_line(line: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(line) else {
        return false;
    };
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let is_time = |w: &&str| {
        let b = w.as_bytes();
        b.len() == 8
            && b[2] == b':'
            && b[5] == b':'
            && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
    };
    let is_year = |w: &&str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    words.len() >= 6 && words.iter().skip(2).any(is_time) && words.iter().rev().take(2).any(is_year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_an_mbox_and_unquotes_from_lines() {
        let mbox = b"From a@example.org Mon Mar  2 10:00:00 2026\nSubject: one\n\n>From here\n\n\
From b@example.org Mon Mar  2 10:00:01 2026\nSubject: two\n\nbody\n";
        let mut got = Vec::new();
        split_mbox(&mbox[..], "box", &mut |input| got.push(input));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].source, Source::nth("box", 1));
        assert_eq!(
            got[0].bytes.as_deref().unwrap(),
            b"Subject: one\n\nFrom here\n\n"
        );
        assert_eq!(got[1].source, Source::nth("box", 2));
        assert_eq!(got[1].bytes.as_deref().unwrap(), b"Subject: two\n\nbody\n");
    }

    #[test]
    fn an_envelope_line_separates_without_a_blank_line_before_it() {
        let mbox = b"From a@example.org Mon Mar  2 10:00:00 2026\nSubject: one\n\nbody\n--b--\n\
From b@example.org  Mon Mar  2 10:00:01 2026\nSubject: two\n\nHello,\nFrom the team\nFrom now on\n";
        let mut got = Vec::new();
        split_mbox(&mbox[..], "box", &mut |input| got.push(input));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].source, Source::nth("box", 2));
        let second = got[1].bytes.as_ref().unwrap();
        assert!(second.ends_with(b"From the team\nFrom now on\n"));
        assert!(is_envelope_line(
            b"From MAILER-DAEMON Thu Jul  2 12:05:05 2020 -0400\n"
        ));
        assert!(!is_envelope_line(b"From the team at 12:05:05 every day\n"));
    }

    #[test]
    fn a_single_message_mbox_keeps_the_plain_path() {
        let mbox = b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\nSubject: one\n\nbody\n";
        let mut got = Vec::new();
        split_mbox(&mbox[..], "file.eml", &mut |input| got.push(input));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].source, Source::whole("file.eml"));
    }
}
