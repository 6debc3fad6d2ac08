//! The cheap test that decides whether encoded enclosed messages are measured before the real
//! parse must flag every input where mail-parser opens one (it would recurse unmeasured).
//! Inputs stay under 8 KiB, small enough to parse without the guard.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    assert!(
        mailbounce::fuzzing::nesting_trigger_holds(data),
        "mail-parser opens an encoded message the trigger missed"
    );
});
