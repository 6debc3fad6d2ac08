//! The compiled module of the `mailbounce` Python package (`mailbounce._mailbounce`).
//!
//! A thin face over the core: it reads Python inputs, runs [`mailbounce::Parser`] with the GIL
//! released, and wraps the results. The package's `__init__.py` re-exports what Python users
//! need; the enum classes are defined in `mailbounce/_enums.py` and built here from the core's
//! names.

mod errors;
mod model;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use mailbounce::{FailureKind, Parser};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use errors::{
    EmptyInputError, Failure, InputTooLargeError, LimitExceededError, MailbounceError,
    NotAMessageError, NotJsonError, Outcome, UnknownEventError, guard_events, parse_guarded,
};
use model::{PyBounce, PyMailDate, PyOriginalMessage, PyReport};

/// The limits a caller may set by keyword; `None` keeps the core's default.
#[derive(Debug, Clone, Copy, Default)]
struct Limits {
    /// `max_input_bytes`: the largest input, in bytes.
    max_input_bytes: Option<usize>,
    /// `max_mime_depth`: the deepest MIME nesting.
    max_mime_depth: Option<usize>,
    /// `max_parts`: the most MIME parts.
    max_parts: Option<usize>,
    /// `max_recipients`: the most recipient records in one report.
    max_recipients: Option<usize>,
    /// `max_header_line_bytes`: the longest header line, in bytes.
    max_header_line_bytes: Option<usize>,
}

impl Limits {
    /// The core parser with every limit that was given, and the defaults for the rest.
    fn parser(self) -> Parser {
        let mut parser = Parser::new();
        if let Some(limit) = self.max_input_bytes {
            parser = parser.max_input_bytes(limit);
        }
        if let Some(limit) = self.max_mime_depth {
            parser = parser.max_mime_depth(limit);
        }
        if let Some(limit) = self.max_parts {
            parser = parser.max_parts(limit);
        }
        if let Some(limit) = self.max_recipients {
            parser = parser.max_recipients(limit);
        }
        if let Some(limit) = self.max_header_line_bytes {
            parser = parser.max_header_line_bytes(limit);
        }
        parser
    }
}

/// The bytes of one input: `bytes` as they are, `str` as UTF-8.
fn input_bytes<'a>(item: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    if let Ok(bytes) = item.cast::<PyBytes>() {
        Ok(bytes.as_bytes())
    } else if let Ok(text) = item.cast::<PyString>() {
        Ok(text.to_str()?.as_bytes())
    } else {
        Err(PyTypeError::new_err(format!(
            "expected bytes or str, got {}",
            item.get_type().name()?
        )))
    }
}

/// Turns one outcome into a report, or raises its error.
fn report(py: Python<'_>, outcome: Outcome) -> PyResult<PyReport> {
    outcome
        .map(PyReport)
        .map_err(|failure| failure.to_pyerr(py))
}

/// Analyses one raw message (a whole email, headers included) and returns a `Report`.
///
/// `data` is `bytes` (as read from a file or socket) or `str`. A message that is not a delivery
/// notice still gives a `Report`, whose `notice` is `NoticeKind.NOT_A_NOTICE`.
///
/// The keyword-only limits refuse a message whole when it goes over them (`None` keeps the
/// default): `max_input_bytes` (32 MiB), `max_mime_depth` (64 levels of MIME nesting),
/// `max_parts` (10,000 MIME parts), `max_recipients` (20,000 recipients in one report) and
/// `max_header_line_bytes` (1 MiB in one header line).
///
/// Raises `EmptyInputError` for empty input, `InputTooLargeError` when the input is larger than
/// `max_input_bytes`, `LimitExceededError` when it goes over one of the other limits, and
/// `NotAMessageError` when it has no mail header; all are `MailbounceError`s, which are
/// `ValueError`s.
///
/// >>> report = mailbounce.parse(open("bounce.eml", "rb").read())
/// >>> [(b.recipient, b.kind.value, b.hard_bounce) for b in report.bounces]
/// [('nobody@example.net', 'userunknown', True)]
#[pyfunction]
#[pyo3(signature = (
    data,
    *,
    max_input_bytes = None,
    max_mime_depth = None,
    max_parts = None,
    max_recipients = None,
    max_header_line_bytes = None,
))]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    max_input_bytes: Option<usize>,
    max_mime_depth: Option<usize>,
    max_parts: Option<usize>,
    max_recipients: Option<usize>,
    max_header_line_bytes: Option<usize>,
) -> PyResult<PyReport> {
    let bytes = input_bytes(data)?;
    let parser = Limits {
        max_input_bytes,
        max_mime_depth,
        max_parts,
        max_recipients,
        max_header_line_bytes,
    }
    .parser();
    let outcome = py.detach(|| parse_guarded(&parser, bytes));
    report(py, outcome)
}

/// Reads an email service provider's event payload (Amazon SES, SendGrid, Mailgun, Postmark,
/// SparkPost webhooks) and returns one `Report` per event, in order.
///
/// `data` is the decoded JSON (`dict` or `list`, as a web framework hands it over), or its
/// text as `str` or `bytes`. The provider is detected from the payload's shape. Raises
/// `NotJsonError` when the text is not JSON and `UnknownEventError` when it holds no event
/// of a known provider (both `MailbounceError`s).
///
/// >>> [b.kind.value for r in mailbounce.parse_event(request.json) for b in r.bounces]
/// ['hostunknown']
#[pyfunction]
fn parse_event(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Vec<PyReport>> {
    let text;
    let bytes = if data.is_instance_of::<PyDict>() || data.is_instance_of::<PyList>() {
        let dumps = py.import("json")?.getattr("dumps")?;
        text = dumps.call1((data,))?.extract::<String>()?;
        text.as_bytes()
    } else {
        input_bytes(data)?
    };
    let outcome = py.detach(|| guard_events(bytes));
    outcome
        .map(|reports| reports.into_iter().map(PyReport).collect())
        .map_err(|failure| failure.to_pyerr(py))
}

/// Reads the file at `path` (a `str` or `os.PathLike`) and analyses it as one message, like
/// `parse`, with the same keyword-only limits and errors. Raises `OSError` when the file
/// cannot be read.
#[pyfunction]
#[pyo3(signature = (
    path,
    *,
    max_input_bytes = None,
    max_mime_depth = None,
    max_parts = None,
    max_recipients = None,
    max_header_line_bytes = None,
))]
fn parse_file(
    py: Python<'_>,
    path: PathBuf,
    max_input_bytes: Option<usize>,
    max_mime_depth: Option<usize>,
    max_parts: Option<usize>,
    max_recipients: Option<usize>,
    max_header_line_bytes: Option<usize>,
) -> PyResult<PyReport> {
    let parser = Limits {
        max_input_bytes,
        max_mime_depth,
        max_parts,
        max_recipients,
        max_header_line_bytes,
    }
    .parser();
    let outcome = py.detach(|| std::fs::read(&path).map(|raw| parse_guarded(&parser, &raw)))?;
    report(py, outcome)
}

/// Analyses many messages in parallel, with the GIL released, and returns one entry per item,
/// in order: a `Report`, or the `MailbounceError` that `parse` would have raised (returned in
/// its place, not raised).
///
/// `items` is an iterable of `bytes` or `str`. The limits are those of `parse`, applied to
/// each item. `threads` is the number of worker threads (default: one per available core).
#[pyfunction]
#[pyo3(signature = (
    items,
    *,
    max_input_bytes = None,
    max_mime_depth = None,
    max_parts = None,
    max_recipients = None,
    max_header_line_bytes = None,
    threads = None,
))]
#[expect(
    clippy::too_many_arguments,
    reason = "each keyword of the Python signature is one argument"
)]
fn parse_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    max_input_bytes: Option<usize>,
    max_mime_depth: Option<usize>,
    max_parts: Option<usize>,
    max_recipients: Option<usize>,
    max_header_line_bytes: Option<usize>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let objects = items.try_iter()?.collect::<PyResult<Vec<_>>>()?;
    let inputs = objects
        .iter()
        .map(input_bytes)
        .collect::<PyResult<Vec<_>>>()?;
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    let parser = Limits {
        max_input_bytes,
        max_mime_depth,
        max_parts,
        max_recipients,
        max_header_line_bytes,
    }
    .parser();
    let outcomes = py.detach(|| parse_all(&parser, &inputs, threads));
    let list = PyList::empty(py);
    for outcome in outcomes {
        match outcome {
            Ok(report) => list.append(PyReport(report))?,
            Err(failure) => list.append(failure.to_pyerr(py).into_value(py))?,
        }
    }
    Ok(list)
}

/// Analyses every input on up to `threads` threads; each takes the next input when it is
/// free, so long messages do not hold up a whole chunk. The results keep the input order.
fn parse_all(parser: &Parser, inputs: &[&[u8]], threads: usize) -> Vec<Outcome> {
    let threads = threads.min(inputs.len());
    if threads <= 1 {
        return inputs
            .iter()
            .map(|data| parse_guarded(parser, data))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Outcome>> =
        std::iter::repeat_with(|| None).take(inputs.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(data) = inputs.get(index) else {
                            break;
                        };
                        done.push((index, parse_guarded(parser, data)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (index, outcome) in worker.join().unwrap_or_default() {
                if let Some(slot) = slots.get_mut(index) {
                    *slot = Some(outcome);
                }
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.unwrap_or_else(|| Err(Failure::Panicked("a worker thread stopped".to_string())))
        })
        .collect()
}

/// The kind whose reason name is `reason`, or `ValueError`.
fn failure_kind(reason: &str) -> PyResult<FailureKind> {
    reason
        .parse()
        .map_err(|e: mailbounce::ParseFailureKindError| PyValueError::new_err(e.to_string()))
}

/// One plain-language sentence saying what the reason (e.g. "userunknown") means.
#[pyfunction]
fn kind_description(reason: &str) -> PyResult<&'static str> {
    Ok(failure_kind(reason)?.description())
}

/// Advice for the person who received a notice with this reason: what it means, what to do.
#[pyfunction]
fn kind_advice(reason: &str) -> PyResult<&'static str> {
    Ok(failure_kind(reason)?.advice())
}

/// What the sender should do about a record with this reason (a `RecommendedAction`).
#[pyfunction]
fn kind_recommended_action<'py>(py: Python<'py>, reason: &str) -> PyResult<Bound<'py, PyAny>> {
    model::recommended_action(py, failure_kind(reason)?.recommended_action().as_str())
}

/// The reason names of every `FailureKind`, in the core's order.
#[pyfunction]
fn failure_kinds() -> Vec<&'static str> {
    FailureKind::ALL.iter().map(|k| k.reason()).collect()
}

/// The module `mailbounce._mailbounce`.
#[pymodule]
fn _mailbounce(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyBounce>()?;
    m.add_class::<PyOriginalMessage>()?;
    m.add_class::<PyMailDate>()?;
    m.add("MailbounceError", py.get_type::<MailbounceError>())?;
    m.add("EmptyInputError", py.get_type::<EmptyInputError>())?;
    m.add("InputTooLargeError", py.get_type::<InputTooLargeError>())?;
    m.add("LimitExceededError", py.get_type::<LimitExceededError>())?;
    m.add("NotAMessageError", py.get_type::<NotAMessageError>())?;
    m.add("NotJsonError", py.get_type::<NotJsonError>())?;
    m.add("UnknownEventError", py.get_type::<UnknownEventError>())?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(parse_event, m)?)?;
    m.add_function(wrap_pyfunction!(kind_description, m)?)?;
    m.add_function(wrap_pyfunction!(kind_advice, m)?)?;
    m.add_function(wrap_pyfunction!(kind_recommended_action, m)?)?;
    m.add_function(wrap_pyfunction!(failure_kinds, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_all_keeps_the_input_order() {
        let inputs: Vec<Vec<u8>> = (0..50)
            .map(|i| match i % 3 {
                0 => Vec::new(),
                _ => format!("Subject: message {i}\n\nbody\n").into_bytes(),
            })
            .collect();
        let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let outcomes = parse_all(&Parser::new(), &slices, 3);
        assert_eq!(outcomes.len(), 50);
        for (i, outcome) in outcomes.iter().enumerate() {
            match outcome {
                Ok(report) => {
                    let expected = format!("message {i}");
                    assert_eq!(report.subject.as_deref(), Some(expected.as_str()));
                }
                Err(failure) => {
                    assert_eq!(i % 3, 0, "{failure:?}");
                    assert!(matches!(
                        failure,
                        Failure::Refused(mailbounce::Error::Empty)
                    ));
                }
            }
        }
    }
}
