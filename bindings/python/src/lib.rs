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
    EmptyInputError, Failure, InputTooLargeError, MailbounceError, NotAMessageError, Outcome,
    guard_events, parse_guarded,
};
use model::{PyBounce, PyMailDate, PyOriginalMessage, PyReport};

/// The parser for an optional size limit.
fn parser(max_input_bytes: Option<usize>) -> Parser {
    match max_input_bytes {
        Some(limit) => Parser::new().max_input_bytes(limit),
        None => Parser::new(),
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
/// Raises `EmptyInputError` for empty input, `InputTooLargeError` when the input is larger than
/// `max_input_bytes` (32 MiB by default), and `NotAMessageError` when it has no mail header;
/// all three are `MailbounceError`s, which are `ValueError`s.
///
/// >>> report = mailbounce.parse(open("bounce.eml", "rb").read())
/// >>> [(b.recipient, b.kind.value, b.hard_bounce) for b in report.bounces]
/// [('nobody@example.net', 'userunknown', True)]
#[pyfunction]
#[pyo3(signature = (data, *, max_input_bytes = None))]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    max_input_bytes: Option<usize>,
) -> PyResult<PyReport> {
    let bytes = input_bytes(data)?;
    let parser = parser(max_input_bytes);
    let outcome = py.detach(|| parse_guarded(&parser, bytes));
    report(py, outcome)
}

/// Reads an email service provider's event payload (Amazon SES, SendGrid, Mailgun, Postmark,
/// SparkPost webhooks) and returns one `Report` per event, in order.
///
/// `data` is the decoded JSON (`dict` or `list`, as a web framework hands it over), or its
/// text as `str` or `bytes`. The provider is detected from the payload's shape. Raises
/// `MailbounceError` when the text is not JSON or holds no event of a known provider.
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
/// `parse`. Raises `OSError` when the file cannot be read.
#[pyfunction]
#[pyo3(signature = (path, *, max_input_bytes = None))]
fn parse_file(py: Python<'_>, path: PathBuf, max_input_bytes: Option<usize>) -> PyResult<PyReport> {
    let parser = parser(max_input_bytes);
    let outcome = py.detach(|| std::fs::read(&path).map(|raw| parse_guarded(&parser, &raw)))?;
    report(py, outcome)
}

/// Analyses many messages in parallel, with the GIL released, and returns one entry per item,
/// in order: a `Report`, or the `MailbounceError` that `parse` would have raised (returned in
/// its place, not raised).
///
/// `items` is an iterable of `bytes` or `str`. `threads` is the number of worker threads
/// (default: one per available core).
#[pyfunction]
#[pyo3(signature = (items, *, max_input_bytes = None, threads = None))]
fn parse_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    max_input_bytes: Option<usize>,
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
    let parser = parser(max_input_bytes);
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
    m.add("NotAMessageError", py.get_type::<NotAMessageError>())?;
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
