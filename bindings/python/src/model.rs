//! The Python face of the model: one frozen wrapper per core type, and the one place where a
//! core value becomes a Python value.
//!
//! Each wrapper holds the core value and converts a field when it is read. A new model field
//! needs one getter here and one line in `_mailbounce.pyi`; `to_dict` and `to_json` follow the
//! model's serde form, so they pick new fields up by themselves.

use mailbounce::{Bounce, MailDate, OriginalMessage, Report};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};
use serde::Serialize;

/// The Python module that defines the enum classes.
const ENUMS: &str = "mailbounce._enums";

static NOTICE_KIND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FAILURE_KIND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static PERMANENCE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RECOMMENDED_ACTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RESPONSIBILITY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The member of the Python enum `class` whose value is the core's name `value`.
fn member<'py>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<PyType>>,
    class: &str,
    value: &str,
) -> PyResult<Bound<'py, PyAny>> {
    cell.import(py, ENUMS, class)?.call1((value,))
}

/// The member of `mailbounce.RecommendedAction` named by the core's `value`.
pub fn recommended_action<'py>(py: Python<'py>, value: &str) -> PyResult<Bound<'py, PyAny>> {
    member(py, &RECOMMENDED_ACTION, "RecommendedAction", value)
}

/// Python's `repr` of an optional string (`'text'` or `None`).
fn repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    match text {
        Some(text) => Ok(PyString::new(py, text).repr()?.to_string()),
        None => Ok("None".to_string()),
    }
}

/// The model's serde form as plain Python values (dicts, lists, strings, numbers, `None`).
fn to_dict<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// The model's serde form as JSON text.
fn to_json(value: &impl Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One analysed message: the notice, the original it refers to, and one `Bounce` per affected
/// recipient. Returned by `parse`; immutable.
#[pyclass(frozen, eq, name = "Report", module = "mailbounce")]
#[derive(PartialEq)]
pub struct PyReport(pub Report);

#[pymethods]
impl PyReport {
    /// What kind of notice this is (a `NoticeKind`).
    #[getter]
    fn notice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, &NOTICE_KIND, "NoticeKind", self.0.notice.as_str())
    }

    /// The server that wrote the notice (`Reporting-MTA`, or the host named in the text).
    #[getter]
    fn reporting_mta(&self) -> Option<&str> {
        self.0.reporting_mta.as_deref()
    }

    /// When the reporting server received the original (`Arrival-Date`).
    #[getter]
    fn arrival_date(&self) -> Option<PyMailDate> {
        self.0.arrival_date.clone().map(PyMailDate)
    }

    /// The notice's own `From` address (`from` is a Python keyword, hence the underscore).
    #[getter]
    fn from_(&self) -> Option<&str> {
        self.0.from.as_deref()
    }

    /// The notice's own decoded `Subject`.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// The notice's own `Date`.
    #[getter]
    fn date(&self) -> Option<PyMailDate> {
        self.0.date.clone().map(PyMailDate)
    }

    /// The message that bounced, when the notice quotes or names it.
    #[getter]
    fn original(&self) -> Option<PyOriginalMessage> {
        self.0.original.clone().map(PyOriginalMessage)
    }

    /// One `Bounce` per affected recipient, in the order the notice lists them.
    #[getter]
    fn bounces(&self) -> Vec<PyBounce> {
        self.0.bounces.iter().cloned().map(PyBounce).collect()
    }

    /// True when the message is some kind of delivery notice.
    #[getter]
    fn is_notice(&self) -> bool {
        self.0.is_notice()
    }

    /// The bounces whose address is dead (hard bounces).
    #[getter]
    fn hard_bounces(&self) -> Vec<PyBounce> {
        self.0.hard_bounces().cloned().map(PyBounce).collect()
    }

    /// Where the notice itself was delivered (`Delivered-To`, `X-Original-To`, `To`).
    #[getter]
    fn notice_recipients(&self) -> Vec<String> {
        self.0.notice_recipients.clone()
    }

    /// The provider's event (`provider`, `event`, `event_id`, `message_id`, `timestamp`) for
    /// a report read from an ESP payload by `parse_event`; `None` otherwise.
    #[getter]
    fn esp<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0.esp.as_ref().map(|esp| to_dict(py, esp)).transpose()
    }

    /// A header of the returned original by name (any case), decoded; `None` when absent.
    fn original_header(&self, name: &str) -> Option<&str> {
        self.0.original_header(name)
    }

    /// What the VERP return path the notice was delivered to encodes: `("address", "ann@…")`,
    /// `("token", "7f3a")`, or `None`.
    fn verp_target(&self) -> Option<(&'static str, String)> {
        self.0.verp_target().map(|target| match target.address() {
            Some(address) => ("address", address.to_string()),
            None => ("token", target.as_str().to_string()),
        })
    }

    /// The report as plain Python values, in the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// The report as JSON text (enums as their string values, dates as `{text, timestamp}`).
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<Report notice={} from_={} subject={} bounces={}>",
            self.0.notice,
            repr(py, self.0.from.as_deref())?,
            repr(py, self.0.subject.as_deref())?,
            self.0.bounces.len()
        ))
    }
}

/// One affected recipient of a notice: who, what happened, why, and what the server said.
/// Immutable.
#[pyclass(frozen, eq, name = "Bounce", module = "mailbounce")]
#[derive(PartialEq)]
pub struct PyBounce(pub Bounce);

#[pymethods]
impl PyBounce {
    /// The recipient the notice is about (`Final-Recipient`, or the address in the text).
    #[getter]
    fn recipient(&self) -> Option<&str> {
        self.0.recipient.as_deref()
    }

    /// The address the sender originally gave (`Original-Recipient`).
    #[getter]
    fn original_recipient(&self) -> Option<&str> {
        self.0.original_recipient.as_deref()
    }

    /// The DSN action: "failed", "delayed", "delivered", "relayed" or "expanded".
    #[getter]
    fn action(&self) -> Option<&'static str> {
        self.0.action.map(|a| a.as_str())
    }

    /// The RFC 3463 enhanced status code as text, e.g. "5.1.1".
    #[getter]
    fn status(&self) -> Option<String> {
        self.0.status.map(|s| s.to_string())
    }

    /// The SMTP reply code, e.g. 550.
    #[getter]
    fn reply_code(&self) -> Option<u16> {
        self.0.reply_code
    }

    /// The remote server's words (or the reporting server's explanation), unfolded and decoded.
    #[getter]
    fn diagnostic(&self) -> Option<&str> {
        self.0.diagnostic.as_deref()
    }

    /// The type of the diagnostic ("smtp", "x-unix", ...), lowercase.
    #[getter]
    fn diagnostic_type(&self) -> Option<&str> {
        self.0.diagnostic_type.as_deref()
    }

    /// The remote mail server that answered, when named.
    #[getter]
    fn remote_mta(&self) -> Option<&str> {
        self.0.remote_mta.as_deref()
    }

    /// The SMTP command the remote server was answering ("RCPT", "DATA", ...).
    #[getter]
    fn command(&self) -> Option<&'static str> {
        self.0.command.map(|c| c.as_str())
    }

    /// When delivery was last attempted.
    #[getter]
    fn last_attempt(&self) -> Option<PyMailDate> {
        self.0.last_attempt.clone().map(PyMailDate)
    }

    /// Until when the server keeps retrying (delay notices).
    #[getter]
    fn will_retry_until(&self) -> Option<PyMailDate> {
        self.0.will_retry_until.clone().map(PyMailDate)
    }

    /// Why delivery failed, or what else happened (a `FailureKind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, &FAILURE_KIND, "FailureKind", self.0.kind.reason())
    }

    /// True when the address itself is dead: stop mailing it.
    #[getter]
    fn hard_bounce(&self) -> bool {
        self.0.hard_bounce
    }

    /// Whether the failure will pass (a `Permanence`).
    #[getter]
    fn permanence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, &PERMANENCE, "Permanence", self.0.permanence.as_str())
    }

    /// The feedback type of a complaint report ("abuse", "opt-out", ...).
    #[getter]
    fn feedback_type(&self) -> Option<&str> {
        self.0.feedback_type.as_deref()
    }

    /// The rule that decided `kind`, e.g. "status:5.2.2".
    #[getter]
    fn matched_rule(&self) -> &str {
        &self.0.matched_rule
    }

    /// Which reader decoded this record ("rfc3464", ...).
    #[getter]
    fn decoded_by(&self) -> &str {
        &self.0.decoded_by
    }

    /// For an unknown user or host: the address probably meant, when the domain looks mistyped.
    #[getter]
    fn suggested_recipient(&self) -> Option<&str> {
        self.0.suggested_recipient.as_deref()
    }

    /// What the sender should do about this record (a `RecommendedAction`).
    #[getter]
    fn recommended_action<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        recommended_action(py, self.0.recommended_action().as_str())
    }

    /// The email service provider's own category, for a record read from an ESP payload.
    #[getter]
    fn provider_label(&self) -> Option<&str> {
        self.0.provider_label.as_deref()
    }

    /// Whose side must act (a `Responsibility`).
    #[getter]
    fn responsibility<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(
            py,
            &RESPONSIBILITY,
            "Responsibility",
            self.0.responsibility().as_str(),
        )
    }

    /// The recommended suppression policy: a recipient-side permanent failure, or a complaint.
    #[getter]
    fn should_suppress(&self) -> bool {
        self.0.should_suppress()
    }

    /// Advice for the person who received the notice, in one or two sentences.
    #[getter]
    fn advice(&self) -> String {
        self.0.advice()
    }

    /// The bounce as plain Python values, in the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// The bounce as JSON text (enums as their string values, dates as `{text, timestamp}`).
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<Bounce recipient={} kind={} status={} reply_code={} hard_bounce={}>",
            repr(py, self.0.recipient.as_deref())?,
            self.0.kind,
            repr(py, self.0.status.map(|s| s.to_string()).as_deref())?,
            self.0
                .reply_code
                .map_or_else(|| "None".to_string(), |c| c.to_string()),
            if self.0.hard_bounce { "True" } else { "False" },
        ))
    }
}

/// The identity of the message that bounced, as far as the notice quotes it. Immutable.
#[pyclass(frozen, eq, name = "OriginalMessage", module = "mailbounce")]
#[derive(PartialEq)]
pub struct PyOriginalMessage(pub OriginalMessage);

#[pymethods]
impl PyOriginalMessage {
    /// Its `Message-ID`, without angle brackets.
    #[getter]
    fn message_id(&self) -> Option<&str> {
        self.0.message_id.as_deref()
    }

    /// Its `From` address (`from` is a Python keyword, hence the underscore).
    #[getter]
    fn from_(&self) -> Option<&str> {
        self.0.from.as_deref()
    }

    /// Its `To` addresses.
    #[getter]
    fn to(&self) -> Vec<String> {
        self.0.to.clone()
    }

    /// Its decoded `Subject`.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// Its `Date`.
    #[getter]
    fn date(&self) -> Option<PyMailDate> {
        self.0.date.clone().map(PyMailDate)
    }

    /// The envelope id the sender gave (`ENVID`, reported as `Original-Envelope-Id`).
    #[getter]
    fn envelope_id(&self) -> Option<&str> {
        self.0.envelope_id.as_deref()
    }

    /// Every header of the original, in order, as `(name, value)` pairs.
    #[getter]
    fn headers(&self) -> Vec<(String, String)> {
        self.0.headers().to_vec()
    }

    /// The first header of the original named `name` (any case); `None` when absent.
    fn header(&self, name: &str) -> Option<&str> {
        self.0.header(name)
    }

    /// The original's identity as plain Python values, in the shape of `to_json()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// The original's identity as JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<OriginalMessage message_id={} subject={}>",
            repr(py, self.0.message_id.as_deref())?,
            repr(py, self.0.subject.as_deref())?,
        ))
    }
}

/// A date as the notice wrote it, with its moment in time when it could be read. Immutable;
/// `str()` gives the text.
#[pyclass(frozen, eq, name = "MailDate", module = "mailbounce")]
#[derive(PartialEq)]
pub struct PyMailDate(pub MailDate);

#[pymethods]
impl PyMailDate {
    /// The text of the field, unfolded.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// Seconds since the Unix epoch (UTC), when the text is an RFC 5322 date.
    #[getter]
    fn timestamp(&self) -> Option<i64> {
        self.0.timestamp
    }

    /// The moment as an aware `datetime` in UTC, when the text is an RFC 5322 date.
    #[getter]
    fn datetime<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some(timestamp) = self.0.timestamp else {
            return Ok(None);
        };
        let utc = UTC.get_or_try_init(py, || {
            PyResult::Ok(
                py.import("datetime")?
                    .getattr("timezone")?
                    .getattr("utc")?
                    .unbind(),
            )
        })?;
        let class = DATETIME.import(py, "datetime", "datetime")?;
        class
            .call_method1("fromtimestamp", (timestamp, utc.bind(py)))
            .map(Some)
    }

    /// The date as plain Python values: `{"text": ..., "timestamp": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __str__(&self) -> &str {
        &self.0.text
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<MailDate {} timestamp={}>",
            repr(py, Some(&self.0.text))?,
            self.0
                .timestamp
                .map_or_else(|| "None".to_string(), |t| t.to_string())
        ))
    }
}
