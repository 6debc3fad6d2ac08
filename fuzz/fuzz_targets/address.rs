//! The address extractor: any text gives an address with a local part and a domain, or none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailbounce::fuzzing;

fuzz_target!(|text: &str| {
    if let Some(address) = fuzzing::find_address(text) {
        let (local, domain) = address.rsplit_once('@').expect("an address has an @");
        assert!(!local.is_empty() && !domain.is_empty(), "{address:?}");
        assert!(address.len() <= text.len() + 2, "{address:?} longer than its text");
    }
});
