//! The status-code parser: `FromStr` and `Display` agree, and codes found in free text are
//! valid codes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailbounce::{StatusCode, fuzzing};

fuzz_target!(|text: &str| {
    if let Ok(code) = text.parse::<StatusCode>() {
        let shown = code.to_string();
        assert_eq!(shown.parse::<StatusCode>().ok(), Some(code), "{shown}");
    }
    for code in fuzzing::status_codes_in(text) {
        assert_eq!(code.to_string().parse::<StatusCode>().ok(), Some(code));
    }
    if let Some(reply) = fuzzing::reply_code_in(text) {
        assert!((200..600).contains(&reply), "reply code {reply}");
    }
});
