//! The RFC 3464 field-block parser and the delivery-status reader on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailbounce::fuzzing;

fuzz_target!(|text: &str| {
    let blocks = fuzzing::field_blocks(text);
    let lines = text.lines().count();
    let fields: usize = blocks.iter().map(Vec::len).sum();
    assert!(fields <= lines, "more fields than lines");
    for (name, value) in blocks.iter().flatten() {
        assert!(!name.is_empty() && name.len() <= 64, "bad field name {name:?}");
        assert_eq!(value.trim(), value, "value not trimmed");
    }
    assert!(fuzzing::delivery_status_recipients(text) <= fields);
});
