//! Shared helpers of the mailbounce benchmarks: loading the messages to measure.

use std::path::{Path, PathBuf};

/// The messages to measure: the shared development corpus when it sits beside the repository
/// (`../shared/corpus/sisimai`), otherwise the project's own samples in `examples/bounces`.
pub fn load_messages() -> (PathBuf, Vec<Vec<u8>>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus/sisimai");
    let dir = if corpus.is_dir() {
        corpus
    } else {
        root.join("examples/bounces")
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    paths.sort();
    let messages = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    (dir, messages)
}
