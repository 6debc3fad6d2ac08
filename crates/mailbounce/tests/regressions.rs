//! Inputs the fuzz targets found (minimised), kept in `tests/regressions/`: each must give a
//! report or a typed error, never a panic across the API.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use std::path::Path;

fn regression(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `parse`: a nested message right after a boundary tripped a `debug_assert!` inside
/// mail-parser when it split messages; our own split reads it, in debug builds too.
#[test]
fn enclosed_message_closing_at_a_boundary() {
    let raw = regression("mail-parser-debug-assert.eml");
    assert!(mailbounce::parse(&raw).is_ok());
    let _ = mailbounce::Parser::new()
        .authenticity(mailbounce::authenticity::Context::new())
        .parse(&raw);
}

/// Every committed input, whatever it is, gives a result.
#[test]
fn every_committed_input_gives_a_result() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let _ = mailbounce::parse(&std::fs::read(entry.unwrap().path()).unwrap());
        seen += 1;
    }
    assert!(seen >= 1);
}
