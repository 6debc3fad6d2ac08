//! Entry points for the fuzz targets in `fuzz/`, behind the `fuzzing` feature.
//!
//! Thin wrappers that hand internal parsers to the fuzzers without making the parsers part of
//! the API. Not covered by semver: these may change or go away in any release.

use crate::model::StatusCode;

/// The field blocks of a delivery-status body, as `(name, unfolded value)` pairs per block.
pub fn field_blocks(text: &str) -> Vec<Vec<(String, String)>> {
    crate::dsn::field_blocks(text)
        .into_iter()
        .map(|block| {
            block
                .into_iter()
                .map(|f| (f.name.to_string(), f.value.into_owned()))
                .collect()
        })
        .collect()
}

/// The number of recipient records the RFC 3464 reader finds in a delivery-status body.
pub fn delivery_status_recipients(text: &str) -> usize {
    crate::dsn::parse_delivery_status(text).recipients.len()
}

/// The first mail address found in a field value or a line of text.
pub fn find_address(text: &str) -> Option<String> {
    crate::address::find_address(text)
}

/// Every RFC 3463 status code found in free text, in order.
pub fn status_codes_in(text: &str) -> Vec<StatusCode> {
    crate::diagnostic::status_codes_in(text).collect()
}

/// The first SMTP reply code found in free text.
pub fn reply_code_in(text: &str) -> Option<u16> {
    crate::diagnostic::reply_code_in(text)
}
