//! The panic barrier every exported function goes through.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{Failure, clear_last_error, mb_result, set_last_error};

/// Runs `body`, returning `on_panic` (and recording a message) if it panics, so that no panic
/// unwinds into C.
pub(crate) fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    // The body's state is dropped with the panic and nothing observes it afterwards, so
    // asserting unwind safety cannot expose a broken invariant.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        set_last_error(&panic_message(payload.as_ref()));
        on_panic
    })
}

/// Runs a fallible `body` for a function that returns `mb_result`: clears the last error,
/// and records the message of a failure or a caught panic.
pub(crate) fn guard_result(body: impl FnOnce() -> Result<(), Failure>) -> mb_result {
    clear_last_error();
    guard(mb_result::Panic, || match body() {
        Ok(()) => mb_result::Ok,
        Err(failure) => {
            set_last_error(&failure.message);
            failure.code
        }
    })
}

/// The text of a panic payload, for the last-error message.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("a panic inside mailbounce was caught: {detail}")
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;
    use crate::error::mb_last_error_message;

    fn last_error() -> String {
        // SAFETY: `mb_last_error_message` never returns NULL, and its string stays valid until
        // the next fallible call on this thread; it is copied at once.
        unsafe { CStr::from_ptr(mb_last_error_message()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn a_panic_becomes_the_panic_code() {
        let code = guard_result(|| panic!("boom"));
        assert_eq!(code, mb_result::Panic);
        assert!(last_error().contains("boom"), "{}", last_error());
    }

    #[test]
    fn a_panic_in_a_getter_gives_the_fallback() {
        assert_eq!(guard(7, || panic!("boom")), 7);
    }

    #[test]
    fn success_clears_the_last_error() {
        let code = guard_result(|| Err(Failure::null("out")));
        assert_eq!(code, mb_result::NullArgument);
        assert!(last_error().contains("out"));
        assert_eq!(guard_result(|| Ok(())), mb_result::Ok);
        assert_eq!(last_error(), "");
    }
}
