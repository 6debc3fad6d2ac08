//! LF, CRLF and CR-only line endings give the same result, down to the JSON.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use std::path::Path;

fn with_endings(raw: &[u8], ending: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() * 2);
    for &b in raw {
        if b == b'\n' {
            out.extend_from_slice(ending);
        } else {
            out.push(b);
        }
    }
    out
}

#[test]
fn every_sample_reads_the_same_with_any_line_ending() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/bounces");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let lf = std::fs::read(&path).unwrap();
        assert!(
            !lf.contains(&b'\r'),
            "{} should be stored with LF endings",
            path.display()
        );
        let want = mailbounce::parse(&lf).unwrap();
        for ending in [&b"\r\n"[..], &b"\r"[..]] {
            let got = mailbounce::parse(&with_endings(&lf, ending)).unwrap();
            assert_eq!(got, want, "{} with {ending:?}", path.display());
            #[cfg(feature = "serde")]
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&want).unwrap()
            );
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} samples found");
}
