//! Authenticity verdicts over samples written for the purpose: fake notices modelled on
//! reported phishing campaigns (`authenticity/forged/`), real-looking bounces of mail we did
//! not send (`authenticity/backscatter/`), and real bounces of our own mail
//! (`authenticity/genuine/`), plus the project's example bounces.

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mailbounce::authenticity::Context;
use mailbounce::{Authenticity, Parser, SignalOutcome, Verdict};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/authenticity")
        .join(name)
}

fn samples(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files
}

/// What the sender of the test samples knows about its own mail.
fn our_context() -> Context {
    let sent: HashSet<&str> = [
        "n-2025-03-10-0001@mail.example.com",
        "n-2025-03-10-0002@mail.example.com",
        "n-2025-03-10-0003@mail.example.com",
        "inv-778@mail.example.com",
        "rechnung-5@mail.example.com",
    ]
    .into_iter()
    .collect();
    Context::new()
        .our_domain("example.com")
        .our_relay("smtp-out.example.com")
        .message_id_domain("mail.example.com")
        .sent_by_us(move |id| sent.contains(id))
        .batv(true)
        .verp_prefix("bounces")
}

fn verdicts(files: &[PathBuf], context: Context) -> Vec<(String, Authenticity)> {
    let parser = Parser::new().authenticity(context);
    files
        .iter()
        .map(|path| {
            let report = parser.parse(&std::fs::read(path).unwrap()).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, report.authenticity.unwrap())
        })
        .collect()
}

/// The share of `results` whose verdict is one of `wanted`, with the misses listed.
fn rate(results: &[(String, Authenticity)], wanted: &[Verdict]) -> (f64, Vec<String>) {
    let misses: Vec<String> = results
        .iter()
        .filter(|(_, a)| !wanted.contains(&a.verdict))
        .map(|(name, a)| format!("{name}: {} {:?}", a.verdict, a.signals))
        .collect();
    let hits = results.len() - misses.len();
    (hits as f64 / results.len() as f64, misses)
}

#[test]
fn forged_notices_are_caught() {
    let files = samples(&dir("forged"));
    assert!(files.len() >= 30, "only {} forged samples", files.len());
    let results = verdicts(&files, Context::new());
    let (caught, misses) = rate(&results, &[Verdict::Forged, Verdict::Suspicious]);
    let (forged, _) = rate(&results, &[Verdict::Forged]);
    println!(
        "forged samples: {} — forged or suspicious {caught:.3}, forged {forged:.3}",
        files.len()
    );
    assert!(
        caught >= 0.95,
        "caught {caught:.3}; missed:\n{}",
        misses.join("\n")
    );
}

#[test]
fn backscatter_is_recognised_with_context() {
    let files = samples(&dir("backscatter"));
    assert!(
        files.len() >= 10,
        "only {} backscatter samples",
        files.len()
    );
    let results = verdicts(&files, our_context());
    let (found, misses) = rate(&results, &[Verdict::Backscatter]);
    println!(
        "backscatter samples: {} — backscatter {found:.3}",
        files.len()
    );
    assert!(
        found >= 0.95,
        "found {found:.3}; missed:\n{}",
        misses.join("\n")
    );
    // Without context the same bounces are real notices: never forged.
    let alone = verdicts(&files, Context::new());
    let (kept, misses) = rate(&alone, &[Verdict::Genuine, Verdict::Unknown]);
    assert_eq!(kept, 1.0, "{}", misses.join("\n"));
}

#[test]
fn genuine_notices_are_kept() {
    let ours = verdicts(&samples(&dir("genuine")), our_context());
    let examples = samples(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/bounces"));
    let alone = verdicts(&examples, Context::new());
    let all: Vec<_> = ours.into_iter().chain(alone).collect();
    let (kept, misses) = rate(&all, &[Verdict::Genuine, Verdict::Unknown]);
    println!("genuine samples: {} — kept {kept:.3}", all.len());
    assert_eq!(kept, 1.0, "{}", misses.join("\n"));
    // Our own bounces are recognised as ours.
    for (name, authenticity) in all.iter().take(5) {
        assert_eq!(authenticity.verdict, Verdict::Genuine, "{name}");
    }
}

#[test]
fn every_verdict_names_its_signals() {
    let results = verdicts(&samples(&dir("forged")), Context::new());
    for (name, authenticity) in results {
        if authenticity.verdict == Verdict::Forged {
            assert!(
                authenticity
                    .failed()
                    .all(|s| !s.evidence.is_empty() && s.weight > 0),
                "{name}"
            );
            assert!(authenticity.failed().next().is_some(), "{name}");
        }
    }
}

#[test]
fn parse_does_not_compute_it_unless_asked() {
    let raw = std::fs::read(samples(&dir("forged")).remove(0)).unwrap();
    assert!(mailbounce::parse(&raw).unwrap().authenticity.is_none());
    let report = Parser::new()
        .authenticity(Context::new())
        .parse(&raw)
        .unwrap();
    let authenticity = report.authenticity.unwrap();
    assert!(
        authenticity
            .signals
            .iter()
            .any(|s| s.outcome == SignalOutcome::Fail)
    );
}
