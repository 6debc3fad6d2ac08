//! Whole-message analysis: any bytes give a report or a typed error, never a panic or a hang;
//! a report survives a JSON round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailbounce::authenticity::Context;
use mailbounce::{Parser, Report};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so one target covers both paths.
    let (choice, raw) = match data.split_first() {
        Some((&first, rest)) => (first, rest),
        None => (0, data),
    };
    let parser = if choice & 1 == 1 {
        Parser::new().authenticity(Context::new().our_domain("example.com").batv(true))
    } else {
        Parser::new()
    };
    let Ok(report) = parser.parse(raw) else {
        return;
    };
    let json = serde_json::to_string(&report).expect("a report serialises");
    let back: Report = serde_json::from_str(&json).expect("a report's JSON reads back");
    assert_eq!(back, report, "JSON round trip changed the report");
});
