//! Result codes and the thread-local message of the last error.

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};

use crate::text::to_c;

/// What a fallible function did. The numbers are stable: new codes are only ever added.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum mb_result {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// The input was empty (or only white space).
    EmptyInput = 2,
    /// The input was larger than the limit (`mb_options_set_max_input_bytes`).
    TooLarge = 3,
    /// The input does not begin with a mail header, so it is not a mail message.
    NotAMessage = 4,
    /// The input could not be analysed for another reason; see `mb_last_error_message`.
    InvalidInput = 5,
    /// An index was not below the number of items.
    IndexOutOfRange = 6,
    /// A bug inside the library was caught before it could reach the caller.
    Panic = 7,
    /// The message goes over one of the limits on its shape: MIME nesting, MIME parts,
    /// recipients or header line length (`mb_options_set_max_mime_depth`, …).
    LimitExceeded = 8,
    /// An ESP event payload (`mb_parse_event`) is not valid JSON.
    NotJson = 9,
    /// The JSON holds no event of a known email service provider (`mb_parse_event`).
    UnknownEvent = 10,
}

impl mb_result {
    /// Every code, in numeric order.
    const ALL: [mb_result; 11] = [
        mb_result::Ok,
        mb_result::NullArgument,
        mb_result::EmptyInput,
        mb_result::TooLarge,
        mb_result::NotAMessage,
        mb_result::InvalidInput,
        mb_result::IndexOutOfRange,
        mb_result::Panic,
        mb_result::LimitExceeded,
        mb_result::NotJson,
        mb_result::UnknownEvent,
    ];

    /// A short lowercase name for the code.
    fn name(self) -> &'static CStr {
        match self {
            mb_result::Ok => c"ok",
            mb_result::NullArgument => c"null argument",
            mb_result::EmptyInput => c"empty input",
            mb_result::TooLarge => c"input too large",
            mb_result::NotAMessage => c"not a mail message",
            mb_result::InvalidInput => c"invalid input",
            mb_result::IndexOutOfRange => c"index out of range",
            mb_result::Panic => c"panic caught",
            mb_result::LimitExceeded => c"limit exceeded",
            mb_result::NotJson => c"not JSON",
            mb_result::UnknownEvent => c"unknown event",
        }
    }
}

/// A failure on its way to the caller: the code to return and the message to record.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The code returned to C.
    pub(crate) code: mb_result,
    /// The text `mb_last_error_message` gives.
    pub(crate) message: String,
}

impl Failure {
    /// A failure with a code and a message.
    pub(crate) fn new(code: mb_result, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A NULL argument, named in the message.
    pub(crate) fn null(argument: &str) -> Self {
        Failure::new(
            mb_result::NullArgument,
            format!("the argument `{argument}` is NULL"),
        )
    }
}

/// The `index`th of `items`, or `MB_RESULT_INDEX_OUT_OF_RANGE` saying how many the `owner`
/// holds ("bounce index 3 is out of range: the report has 2 bounce(s)").
pub(crate) fn item_at<'a, T>(
    items: &'a [T],
    index: usize,
    item: &str,
    owner: &str,
) -> Result<&'a T, Failure> {
    items.get(index).ok_or_else(|| {
        Failure::new(
            mb_result::IndexOutOfRange,
            format!(
                "{item} index {index} is out of range: the {owner} has {} {item}(s)",
                items.len()
            ),
        )
    })
}

impl From<mailbounce::Error> for Failure {
    fn from(error: mailbounce::Error) -> Self {
        let code = match error {
            mailbounce::Error::Empty => mb_result::EmptyInput,
            mailbounce::Error::TooLarge { .. } => mb_result::TooLarge,
            mailbounce::Error::NotAMessage => mb_result::NotAMessage,
            mailbounce::Error::LimitExceeded { .. } => mb_result::LimitExceeded,
            mailbounce::Error::NotJson { .. } => mb_result::NotJson,
            mailbounce::Error::UnknownEvent => mb_result::UnknownEvent,
            // `Error` is `#[non_exhaustive]`: a variant added later, until it gets its own code.
            _ => mb_result::InvalidInput,
        };
        Failure::new(code, error.to_string())
    }
}

thread_local! {
    /// The message of the last failure on this thread; empty after a success.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// Records the message `mb_last_error_message` returns on this thread.
pub(crate) fn set_last_error(message: &str) {
    LAST_ERROR.with_borrow_mut(|last| *last = to_c(message));
}

/// Forgets the last message on this thread.
pub(crate) fn clear_last_error() {
    LAST_ERROR.with_borrow_mut(|last| {
        if !last.is_empty() {
            *last = CString::default();
        }
    });
}

/// The message of the last failure on the calling thread, or `""` when the last function
/// that returns `mb_result` succeeded. Never NULL.
///
/// The string is owned by the library. It stays valid until the next call, on the same
/// thread, of a function that returns `mb_result` (or of `mb_report_json`).
#[unsafe(no_mangle)]
pub extern "C" fn mb_last_error_message() -> *const c_char {
    crate::guard::guard(c"".as_ptr(), || {
        LAST_ERROR.with_borrow(|last| last.as_ptr())
    })
}

/// A short static description of a result code (`"ok"`, `"null argument"`, …), or NULL when
/// `code` is not an `mb_result` value.
#[unsafe(no_mangle)]
pub extern "C" fn mb_result_name(code: u32) -> *const c_char {
    crate::guard::guard(std::ptr::null(), || {
        mb_result::ALL
            .into_iter()
            .find(|result| *result as u32 == code)
            .map_or(std::ptr::null(), |result| result.name().as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_numbered_in_order() {
        for (number, code) in mb_result::ALL.into_iter().enumerate() {
            assert_eq!(code as usize, number);
        }
    }

    #[test]
    fn core_errors_map_to_their_codes() {
        let too_large = mailbounce::Error::TooLarge { size: 2, limit: 1 };
        assert_eq!(Failure::from(too_large).code, mb_result::TooLarge);
        assert_eq!(
            Failure::from(mailbounce::Error::Empty).code,
            mb_result::EmptyInput
        );
        assert_eq!(
            Failure::from(mailbounce::Error::NotAMessage).code,
            mb_result::NotAMessage
        );
        let too_deep = mailbounce::Error::LimitExceeded {
            limit: mailbounce::Limit::MimeDepth,
            max: 3,
        };
        assert_eq!(Failure::from(too_deep).code, mb_result::LimitExceeded);
        let not_json = mailbounce::Error::NotJson {
            reason: "expected value at line 1 column 1".to_string(),
        };
        assert_eq!(Failure::from(not_json).code, mb_result::NotJson);
        assert_eq!(
            Failure::from(mailbounce::Error::UnknownEvent).code,
            mb_result::UnknownEvent
        );
    }
}
