//! The exception classes, and the one place where core errors and panics become them.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use mailbounce::{Error, Limit, Parser, Report};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    mailbounce,
    MailbounceError,
    PyValueError,
    "Base class of every error mailbounce raises; a subclass of ValueError."
);
create_exception!(
    mailbounce,
    EmptyInputError,
    MailbounceError,
    "The input was empty (or only white space)."
);
create_exception!(
    mailbounce,
    InputTooLargeError,
    MailbounceError,
    "The input is larger than the limit; `size` and `limit` are byte counts (int)."
);
create_exception!(
    mailbounce,
    LimitExceededError,
    MailbounceError,
    "The message goes over a limit on its shape; `limit` is its name (str), `max` the maximum (int)."
);
create_exception!(
    mailbounce,
    NotAMessageError,
    MailbounceError,
    "The input does not begin with a mail header, so it is not a mail message."
);
create_exception!(
    mailbounce,
    NotJsonError,
    MailbounceError,
    "An ESP event payload (`parse_event`) is not valid JSON."
);
create_exception!(
    mailbounce,
    UnknownEventError,
    MailbounceError,
    "The JSON given to `parse_event` holds no event of a known email service provider."
);

/// Why one input gave no report: the core refused it, or the core panicked (a bug).
#[derive(Debug)]
pub enum Failure {
    /// The core returned an error.
    Refused(Error),
    /// The core panicked; the text is the panic message.
    Panicked(String),
}

/// The result of analysing one input, before it becomes a Python object.
pub type Outcome = Result<Report, Failure>;

/// Runs the core on one input, turning a panic into [`Failure::Panicked`] so that no panic
/// crosses into Python.
pub fn parse_guarded(parser: &Parser, data: &[u8]) -> Outcome {
    guarded(|| parser.parse(data))
}

/// Reads an ESP event payload, turning a panic into [`Failure::Panicked`].
pub fn guard_events(data: &[u8]) -> Result<Vec<Report>, Failure> {
    match catch_unwind(AssertUnwindSafe(|| mailbounce::esp::parse_event(data))) {
        Ok(result) => result.map_err(Failure::Refused),
        Err(payload) => Err(Failure::Panicked(panic_text(payload.as_ref()))),
    }
}

/// Runs `analyse`, catching a panic.
fn guarded(analyse: impl FnOnce() -> Result<Report, Error>) -> Outcome {
    match catch_unwind(AssertUnwindSafe(analyse)) {
        Ok(result) => result.map_err(Failure::Refused),
        Err(payload) => Err(Failure::Panicked(panic_text(payload.as_ref()))),
    }
}

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_string()
    }
}

impl Failure {
    /// The Python exception for this failure: a `MailbounceError` or one of its subclasses.
    pub fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Refused(error @ Error::Empty) => EmptyInputError::new_err(error.to_string()),
            Failure::Refused(error @ Error::TooLarge { size, limit }) => {
                let err = InputTooLargeError::new_err(error.to_string());
                let value = err.value(py);
                match value
                    .setattr("size", size)
                    .and_then(|()| value.setattr("limit", limit))
                {
                    Ok(()) => err,
                    Err(other) => other,
                }
            }
            Failure::Refused(error @ Error::NotAMessage) => {
                NotAMessageError::new_err(error.to_string())
            }
            Failure::Refused(error @ Error::LimitExceeded { limit, max }) => {
                let err = LimitExceededError::new_err(error.to_string());
                let value = err.value(py);
                match value
                    .setattr("limit", limit_name(*limit))
                    .and_then(|()| value.setattr("max", max))
                {
                    Ok(()) => err,
                    Err(other) => other,
                }
            }
            Failure::Refused(error @ Error::NotJson { .. }) => {
                NotJsonError::new_err(error.to_string())
            }
            Failure::Refused(error @ Error::UnknownEvent) => {
                UnknownEventError::new_err(error.to_string())
            }
            // `Error` is `#[non_exhaustive]`: a variant added later, until it gets its own class.
            Failure::Refused(error) => MailbounceError::new_err(error.to_string()),
            Failure::Panicked(text) => MailbounceError::new_err(format!(
                "internal error in mailbounce (please report it): {text}"
            )),
        }
    }
}

/// The name of a limit as Python sees it: the keyword that sets it, without `max_`.
fn limit_name(limit: Limit) -> String {
    match limit {
        Limit::MimeDepth => "mime_depth".to_string(),
        Limit::Parts => "parts".to_string(),
        Limit::Recipients => "recipients".to_string(),
        Limit::HeaderLineBytes => "header_line_bytes".to_string(),
        // A limit added to the core later: its own description until it gets a keyword here.
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_failures() {
        let text = |outcome: Outcome| match outcome {
            Err(Failure::Panicked(text)) => text,
            other => format!("not a panic: {other:?}"),
        };
        assert_eq!(text(guarded(|| panic!("boom"))), "boom");
        assert_eq!(text(guarded(|| panic!("{}", 42))), "42");
    }

    #[test]
    fn core_errors_are_refusals() {
        let parser = Parser::new().max_input_bytes(4);
        assert!(matches!(
            parse_guarded(&parser, b"Subject: x\n\nbody"),
            Err(Failure::Refused(Error::TooLarge { .. }))
        ));
        assert!(matches!(
            parse_guarded(&parser, b""),
            Err(Failure::Refused(Error::Empty))
        ));
    }

    #[test]
    fn limit_names_are_the_keywords_without_max() {
        assert_eq!(limit_name(Limit::MimeDepth), "mime_depth");
        assert_eq!(limit_name(Limit::HeaderLineBytes), "header_line_bytes");
        let parser = Parser::new().max_recipients(0);
        let dsn = b"Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n";
        assert!(matches!(
            parse_guarded(&parser, dsn),
            Err(Failure::Refused(Error::LimitExceeded {
                limit: Limit::Recipients,
                max: 0
            }))
        ));
    }
}
