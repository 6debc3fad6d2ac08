//! The committed header must be what the pinned cbindgen generates from the sources.
//!
//! Run with `MAILBOUNCE_BLESS=1` to rewrite `include/mailbounce.h` after changing the API.

use std::path::Path;

#[test]
fn committed_header_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).unwrap();
    // cbindgen follows the `mod` items of lib.rs to the other source files.
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/lib.rs"))
        .generate()
        .unwrap()
        .write(&mut generated);

    let header = root.join("include/mailbounce.h");
    if std::env::var_os("MAILBOUNCE_BLESS").is_some_and(|value| value == "1") {
        std::fs::write(&header, &generated).unwrap();
        return;
    }
    let committed = std::fs::read(&header).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `MAILBOUNCE_BLESS=1 cargo test -p mailbounce-ffi --test header` \
         and commit the result",
        header.display()
    );
}
