//! The report and options handles, parsing, and the accessors.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::OnceLock;

use mailbounce::{Bounce, Parser, Report};

use crate::enums::{mb_failure_kind, mb_notice_kind, mb_permanence};
use crate::error::{Failure, item_at, mb_result, set_last_error};
use crate::guard::{guard, guard_result};
use crate::text::{opt_ptr, opt_to_c, to_c};

/// Settings for `mb_parse_with_options`. Create with `mb_options_new`, release with
/// `mb_options_free`. One handle may be used by several threads at once as long as none of
/// them changes it.
pub struct mb_options {
    /// The configured core parser.
    parser: Parser,
}

/// One analysed message. Created by `mb_parse` or `mb_parse_with_options`, released with
/// `mb_report_free`; or borrowed from an `mb_report_list` (`mb_report_list_get`), owned by the
/// list and released with it, never with `mb_report_free`.
///
/// Every string and `mb_bounce` pointer obtained from a report is owned by it and stays valid
/// until the report is freed. A report is never changed after creation, so several threads may
/// read it at once; freeing it must not race with reading it.
pub struct mb_report {
    /// The core's report, kept for the JSON form.
    report: Report,
    /// The notice kind.
    notice: mb_notice_kind,
    /// `Reporting-MTA`.
    reporting_mta: Option<CString>,
    /// The notice's own `From` address.
    from: Option<CString>,
    /// The notice's own subject.
    subject: Option<CString>,
    /// One record per affected recipient.
    bounces: Vec<mb_bounce>,
    /// The JSON form, built on first request (or why it could not be).
    json: OnceLock<Result<CString, String>>,
}

/// One affected recipient of a report, borrowed from it: obtained with `mb_report_bounce`,
/// valid until the report is freed, never freed on its own.
pub struct mb_bounce {
    /// The recipient address.
    recipient: Option<CString>,
    /// `Original-Recipient`.
    original_recipient: Option<CString>,
    /// The RFC 3464 action.
    action: Option<CString>,
    /// The enhanced status code.
    status: Option<CString>,
    /// The SMTP reply code, 0 when absent.
    reply_code: u16,
    /// The remote server's words.
    diagnostic: Option<CString>,
    /// The remote mail server.
    remote_mta: Option<CString>,
    /// The SMTP command refused.
    command: Option<CString>,
    /// The reason name.
    reason: CString,
    /// The failure kind.
    kind: mb_failure_kind,
    /// Whether the address is dead.
    hard_bounce: bool,
    /// Whether the failure will pass.
    permanence: mb_permanence,
    /// What the sender should do, snake_case.
    recommended_action: CString,
    /// Advice for a person.
    advice: CString,
    /// The rule that decided the kind.
    matched_rule: CString,
    /// The address probably meant, for a mistyped domain.
    suggested_recipient: Option<CString>,
}

impl From<&Bounce> for mb_bounce {
    fn from(bounce: &Bounce) -> Self {
        mb_bounce {
            recipient: opt_to_c(bounce.recipient.as_deref()),
            original_recipient: opt_to_c(bounce.original_recipient.as_deref()),
            action: bounce.action.map(|action| to_c(action.as_str())),
            status: bounce.status.map(|status| to_c(&status.to_string())),
            reply_code: bounce.reply_code.unwrap_or(0),
            diagnostic: opt_to_c(bounce.diagnostic.as_deref()),
            remote_mta: opt_to_c(bounce.remote_mta.as_deref()),
            command: bounce.command.map(|command| to_c(command.as_str())),
            reason: to_c(bounce.kind.reason()),
            kind: bounce.kind.into(),
            hard_bounce: bounce.hard_bounce,
            permanence: bounce.permanence.into(),
            recommended_action: to_c(bounce.recommended_action().as_str()),
            advice: to_c(&bounce.advice()),
            matched_rule: to_c(&bounce.matched_rule),
            suggested_recipient: opt_to_c(bounce.suggested_recipient.as_deref()),
        }
    }
}

impl From<Report> for mb_report {
    fn from(report: Report) -> Self {
        mb_report {
            notice: report.notice.into(),
            reporting_mta: opt_to_c(report.reporting_mta.as_deref()),
            from: opt_to_c(report.from.as_deref()),
            subject: opt_to_c(report.subject.as_deref()),
            bounces: report.bounces.iter().map(mb_bounce::from).collect(),
            json: OnceLock::new(),
            report,
        }
    }
}

/// Creates parser settings with the library's defaults: inputs up to 32 MiB, 64 levels of
/// MIME nesting, 10,000 MIME parts, 20,000 recipients in one report and header lines up to
/// 1 MiB.
///
/// Returns NULL only if the library failed internally. Release with `mb_options_free`.
#[unsafe(no_mangle)]
pub extern "C" fn mb_options_new() -> *mut mb_options {
    guard(ptr::null_mut(), || {
        Box::into_raw(Box::new(mb_options {
            parser: Parser::new(),
        }))
    })
}

/// Replaces the parser of `options` with `configure` applied to it: the body of every
/// `mb_options_set_*` function.
///
/// # Safety
///
/// `options` must be NULL or a live pointer from `mb_options_new` that no other thread uses
/// during the call.
unsafe fn configure(
    options: *mut mb_options,
    configure: impl FnOnce(Parser) -> Parser,
) -> mb_result {
    guard_result(|| {
        // SAFETY: the caller guarantees `options` is NULL or live and not used elsewhere.
        let options = unsafe { options.as_mut() }.ok_or_else(|| Failure::null("options"))?;
        options.parser = configure(options.parser.clone());
        Ok(())
    })
}

/// Sets the largest input accepted, in bytes (default 32 MiB); `mb_parse_with_options`
/// refuses larger inputs with `MB_RESULT_TOO_LARGE`.
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new` that no other thread uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_set_max_input_bytes(
    options: *mut mb_options,
    max_input_bytes: usize,
) -> mb_result {
    // SAFETY: the caller's promise for `options` is `configure`'s.
    unsafe { configure(options, |parser| parser.max_input_bytes(max_input_bytes)) }
}

/// Sets the deepest MIME nesting accepted (default 64): a multipart inside a multipart, or a
/// message enclosed in a message, is one level more. `mb_parse_with_options` refuses deeper
/// messages with `MB_RESULT_LIMIT_EXCEEDED`.
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new` that no other thread uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_set_max_mime_depth(
    options: *mut mb_options,
    max_mime_depth: usize,
) -> mb_result {
    // SAFETY: the caller's promise for `options` is `configure`'s.
    unsafe { configure(options, |parser| parser.max_mime_depth(max_mime_depth)) }
}

/// Sets the largest number of MIME parts accepted, containers and the parts of enclosed
/// messages included (default 10,000). `mb_parse_with_options` refuses messages with more
/// with `MB_RESULT_LIMIT_EXCEEDED`.
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new` that no other thread uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_set_max_parts(
    options: *mut mb_options,
    max_parts: usize,
) -> mb_result {
    // SAFETY: the caller's promise for `options` is `configure`'s.
    unsafe { configure(options, |parser| parser.max_parts(max_parts)) }
}

/// Sets the largest number of recipient records one report may hold (default 20,000).
/// `mb_parse_with_options` refuses a notice about more recipients with
/// `MB_RESULT_LIMIT_EXCEEDED`.
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new` that no other thread uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_set_max_recipients(
    options: *mut mb_options,
    max_recipients: usize,
) -> mb_result {
    // SAFETY: the caller's promise for `options` is `configure`'s.
    unsafe { configure(options, |parser| parser.max_recipients(max_recipients)) }
}

/// Sets the longest header line accepted in any part's header, in bytes (default 1 MiB).
/// `mb_parse_with_options` refuses messages with a longer line with
/// `MB_RESULT_LIMIT_EXCEEDED`.
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new` that no other thread uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_set_max_header_line_bytes(
    options: *mut mb_options,
    max_header_line_bytes: usize,
) -> mb_result {
    // SAFETY: the caller's promise for `options` is `configure`'s.
    unsafe {
        configure(options, |parser| {
            parser.max_header_line_bytes(max_header_line_bytes)
        })
    }
}

/// Releases parser settings. Accepts NULL, which does nothing.
///
/// # Safety
///
/// `options` must be NULL or a pointer from `mb_options_new`. It must not be called twice on
/// the same pointer, nor used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_options_free(options: *mut mb_options) {
    guard((), || {
        if !options.is_null() {
            // SAFETY: the pointer came from `Box::into_raw` in `mb_options_new` and, by the
            // caller's promise, has not been freed yet.
            drop(unsafe { Box::from_raw(options) });
        }
    });
}

/// Analyses one raw message (a whole `.eml`, headers included) with the default settings.
///
/// On success stores a new report in `*out` (release it with `mb_report_free`) and returns
/// `MB_RESULT_OK`. On failure stores NULL in `*out` (when `out` is not NULL) and returns the
/// reason; `mb_last_error_message` describes it. A message that is not a delivery notice is no
/// failure: its report's notice kind is `MB_NOTICE_KIND_NOT_A_NOTICE`.
///
/// # Safety
///
/// `data` must point to `len` readable bytes, or be NULL when `len` is 0 (an empty input).
/// `out` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or point to writable storage for
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_parse(
    data: *const u8,
    len: usize,
    out: *mut *mut mb_report,
) -> mb_result {
    // SAFETY: the caller's promises for `data`, `len` and `out` are `parse_into`'s.
    guard_result(|| unsafe { parse_into(&Parser::new(), data, len, out) })
}

/// Like `mb_parse`, with settings from `mb_options_new` (limits on the input's size and
/// shape). A message over a limit gives `MB_RESULT_TOO_LARGE` (input size) or
/// `MB_RESULT_LIMIT_EXCEEDED` (nesting, parts, recipients, header line length).
///
/// # Safety
///
/// `options` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or a live pointer from
/// `mb_options_new`; `data`, `len` and `out` as for `mb_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_parse_with_options(
    options: *const mb_options,
    data: *const u8,
    len: usize,
    out: *mut *mut mb_report,
) -> mb_result {
    guard_result(|| {
        // SAFETY: `out` is NULL or writable, as the caller promises.
        if let Some(out) = unsafe { out.as_mut() } {
            *out = ptr::null_mut();
        }
        // SAFETY: the caller guarantees `options` is NULL or a live handle.
        let options = unsafe { options.as_ref() }.ok_or_else(|| Failure::null("options"))?;
        // SAFETY: the caller's promises for `data`, `len` and `out` are `parse_into`'s.
        unsafe { parse_into(&options.parser, data, len, out) }
    })
}

/// Parses `len` bytes at `data` with `parser` and stores the new report in `*out`.
///
/// # Safety
///
/// `data` must point to `len` readable bytes or be NULL with `len` 0; `out` must be NULL or
/// writable.
unsafe fn parse_into(
    parser: &Parser,
    data: *const u8,
    len: usize,
    out: *mut *mut mb_report,
) -> Result<(), Failure> {
    // SAFETY: the caller guarantees `out` is NULL or points to writable storage.
    let out = unsafe { out.as_mut() }.ok_or_else(|| Failure::null("out"))?;
    *out = ptr::null_mut();
    // SAFETY: the caller's promise for `data` and `len` is `input_bytes`'s.
    let input = unsafe { input_bytes(data, len, "data") }?;
    let report = parser.parse(input)?;
    *out = Box::into_raw(Box::new(mb_report::from(report)));
    Ok(())
}

/// The `len` bytes at `data` as a slice: empty when `len` is 0 (whatever `data` is), a
/// NULL-argument failure naming `argument` when `data` is NULL and `len` is not 0.
///
/// # Safety
///
/// `data` must point to `len` readable bytes that stay unchanged while the slice is used, or
/// be NULL.
pub(crate) unsafe fn input_bytes<'a>(
    data: *const u8,
    len: usize,
    argument: &str,
) -> Result<&'a [u8], Failure> {
    if len == 0 {
        Ok(&[])
    } else if data.is_null() {
        Err(Failure::null(argument))
    } else {
        // SAFETY: `data` is not NULL and, by the caller's promise, points to `len` readable
        // bytes that stay unchanged while the slice is used.
        Ok(unsafe { std::slice::from_raw_parts(data, len) })
    }
}

/// Releases a report and every string and bounce obtained from it. Accepts NULL, which does
/// nothing.
///
/// # Safety
///
/// `report` must be NULL or a pointer from `mb_parse`/`mb_parse_with_options` (never one
/// borrowed from an `mb_report_list`). It must not be called twice on the same pointer; the
/// report and everything obtained from it must not be used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_free(report: *mut mb_report) {
    guard((), || {
        if !report.is_null() {
            // SAFETY: the pointer came from `Box::into_raw` in `parse_into` and, by the
            // caller's promise, has not been freed yet.
            drop(unsafe { Box::from_raw(report) });
        }
    });
}

/// Reads a report handle for an accessor.
///
/// # Safety
///
/// `report` must be NULL or a live report handle, and the returned reference must not outlive
/// it.
unsafe fn report_ref<'a>(report: *const mb_report) -> Option<&'a mb_report> {
    // SAFETY: the caller guarantees `report` is NULL or live.
    unsafe { report.as_ref() }
}

/// Reads a bounce pointer for an accessor.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live, and the
/// returned reference must not outlive that report.
unsafe fn bounce_ref<'a>(bounce: *const mb_bounce) -> Option<&'a mb_bounce> {
    // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
    unsafe { bounce.as_ref() }
}

/// What kind of notice the message is. `MB_NOTICE_KIND_NOT_A_NOTICE` when `report` is NULL.
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_notice(report: *const mb_report) -> mb_notice_kind {
    guard(mb_notice_kind::NotANotice, || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        unsafe { report_ref(report) }.map_or(mb_notice_kind::NotANotice, |r| r.notice)
    })
}

/// The number of affected recipients (bounces) in the report; 0 when `report` is NULL.
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_bounce_count(report: *const mb_report) -> usize {
    guard(0, || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        unsafe { report_ref(report) }.map_or(0, |r| r.bounces.len())
    })
}

/// Stores in `*out` the bounce at `index` (from 0 to `mb_report_bounce_count` minus one),
/// owned by the report and valid until it is freed. On failure stores NULL in `*out` (when
/// `out` is not NULL) and returns `MB_RESULT_NULL_ARGUMENT` or `MB_RESULT_INDEX_OUT_OF_RANGE`.
///
/// # Safety
///
/// `report` must be NULL or a live report handle; `out` must be NULL or point to writable
/// storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_bounce(
    report: *const mb_report,
    index: usize,
    out: *mut *const mb_bounce,
) -> mb_result {
    guard_result(|| {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out.as_mut() }.ok_or_else(|| Failure::null("out"))?;
        *out = ptr::null();
        // SAFETY: the caller guarantees `report` is NULL or live.
        let report = unsafe { report_ref(report) }.ok_or_else(|| Failure::null("report"))?;
        *out = item_at(&report.bounces, index, "bounce", "report")?;
        Ok(())
    })
}

/// The server that wrote the notice (`Reporting-MTA`), or NULL when unknown or `report` is
/// NULL. Owned by the report.
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_reporting_mta(report: *const mb_report) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        opt_ptr(unsafe { report_ref(report) }.and_then(|r| r.reporting_mta.as_ref()))
    })
}

/// The notice's own `From` address, or NULL when absent or `report` is NULL. Owned by the
/// report.
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_from(report: *const mb_report) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        opt_ptr(unsafe { report_ref(report) }.and_then(|r| r.from.as_ref()))
    })
}

/// The notice's own decoded `Subject`, or NULL when absent or `report` is NULL. Owned by the
/// report.
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_subject(report: *const mb_report) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        opt_ptr(unsafe { report_ref(report) }.and_then(|r| r.subject.as_ref()))
    })
}

/// The whole report as one JSON object (every field the library knows, including those with
/// no accessor of their own). Owned by the report; built on the first call.
///
/// Returns NULL when `report` is NULL, or when the JSON could not be built (then
/// `mb_last_error_message` says why).
///
/// # Safety
///
/// `report` must be NULL or a live report handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_json(report: *const mb_report) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `report` is NULL or live.
        let Some(report) = (unsafe { report_ref(report) }) else {
            return ptr::null();
        };
        let json = report.json.get_or_init(|| {
            serde_json::to_string(&report.report)
                .map(|json| to_c(&json))
                .map_err(|error| format!("the report could not be written as JSON: {error}"))
        });
        match json {
            Ok(json) => json.as_ptr(),
            Err(message) => {
                set_last_error(message);
                ptr::null()
            }
        }
    })
}

/// The recipient address, or NULL when the notice names none (or `bounce` is NULL).
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_recipient(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.recipient.as_ref()))
    })
}

/// The address the sender originally gave (`Original-Recipient`), or NULL when absent.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_original_recipient(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.original_recipient.as_ref()))
    })
}

/// What the server did (`"failed"`, `"delayed"`, `"delivered"`, `"relayed"`, `"expanded"`),
/// or NULL when the notice does not say.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_action(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.action.as_ref()))
    })
}

/// The enhanced status code (`"5.1.1"`), or NULL when the notice gives none.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_status(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.status.as_ref()))
    })
}

/// The SMTP reply code (`550`, `452`, …), or 0 when the notice gives none.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_reply_code(bounce: *const mb_bounce) -> u16 {
    guard(0, || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        unsafe { bounce_ref(bounce) }.map_or(0, |b| b.reply_code)
    })
}

/// The remote server's words (or the reporting server's explanation), or NULL when absent.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_diagnostic(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.diagnostic.as_ref()))
    })
}

/// The remote mail server that answered, or NULL when not named.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_remote_mta(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.remote_mta.as_ref()))
    })
}

/// The SMTP command the remote server was answering (`"RCPT"`, `"DATA"`, …), or NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_command(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.command.as_ref()))
    })
}

/// The reason name (`"userunknown"`, `"mailboxfull"`, …); NULL only when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_reason(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.map(|b| &b.reason))
    })
}

/// The reason as an enum value; `MB_FAILURE_KIND_UNDEFINED` when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_kind(bounce: *const mb_bounce) -> mb_failure_kind {
    guard(mb_failure_kind::Undefined, || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        unsafe { bounce_ref(bounce) }.map_or(mb_failure_kind::Undefined, |b| b.kind)
    })
}

/// True when the address itself is dead (unknown user or host, …): stop mailing it. False
/// when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_hard_bounce(bounce: *const mb_bounce) -> bool {
    guard(false, || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        unsafe { bounce_ref(bounce) }.is_some_and(|b| b.hard_bounce)
    })
}

/// Whether the failure will pass; `MB_PERMANENCE_NOT_A_FAILURE` when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_permanence(bounce: *const mb_bounce) -> mb_permanence {
    guard(mb_permanence::NotAFailure, || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        unsafe { bounce_ref(bounce) }.map_or(mb_permanence::NotAFailure, |b| b.permanence)
    })
}

/// What the sender should do, in snake_case (`"suppress_recipient"`, `"retry_later"`,
/// `"fix_sending_setup"`, `"fix_content"`, `"contact_recipient"`, `"review_manually"`,
/// `"stop_sending_complaint"`, `"no_action"`); NULL only when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_recommended_action(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.map(|b| &b.recommended_action))
    })
}

/// Advice for the person who received the notice, in English; NULL only when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_advice(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.map(|b| &b.advice))
    })
}

/// The rule that decided the reason (`"status:5.2.2"`, …), for explaining a result; NULL
/// only when `bounce` is NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_matched_rule(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.map(|b| &b.matched_rule))
    })
}

/// For an unknown user or host whose domain looks mistyped: the address probably meant
/// (`ann@gmial.com` → `"ann@gmail.com"`); otherwise NULL.
///
/// # Safety
///
/// `bounce` must be NULL or a pointer from `mb_report_bounce` whose report is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_bounce_suggested_recipient(bounce: *const mb_bounce) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: the caller guarantees `bounce` is NULL or points into a live report.
        opt_ptr(unsafe { bounce_ref(bounce) }.and_then(|b| b.suggested_recipient.as_ref()))
    })
}
