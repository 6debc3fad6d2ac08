//! The README's reason table says what the code says (it is printed by
//! `cargo run -p mailbounce-examples --example print_reasons`).

#![allow(clippy::unwrap_used)] // Test helpers may fail loudly.

#[test]
fn readme_lists_every_reason_as_the_code_describes_it() {
    let readme = include_str!("../../../README.md");
    for kind in mailbounce::FailureKind::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            kind.reason(),
            kind.recommended_action(),
            kind.description()
        );
        assert!(readme.contains(&row), "README lacks or misstates: {row}");
    }
}
