//! Rust text to NUL-terminated C strings.

use std::ffi::{CString, c_char};

/// Converts text to a C string, replacing interior NULs (which C cannot hold) with U+FFFD.
pub(crate) fn to_c(text: &str) -> CString {
    let bytes = if text.contains('\0') {
        text.replace('\0', "\u{FFFD}").into_bytes()
    } else {
        text.as_bytes().to_vec()
    };
    // No NUL is left in `bytes`; the fallback keeps this function panic-free regardless.
    CString::new(bytes).unwrap_or_default()
}

/// Converts optional text to an optional C string.
pub(crate) fn opt_to_c(text: Option<&str>) -> Option<CString> {
    text.map(to_c)
}

/// The pointer C receives for an optional string: NULL when absent.
pub(crate) fn opt_ptr(text: Option<&CString>) -> *const c_char {
    text.map_or(std::ptr::null(), |text| text.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_nuls_are_replaced() {
        assert_eq!(to_c("a\0b").to_str().unwrap(), "a\u{FFFD}b");
        assert_eq!(to_c("plain").to_str().unwrap(), "plain");
        assert!(opt_ptr(None).is_null());
    }
}
