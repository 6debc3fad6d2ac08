//! Email service provider (ESP) webhook payloads: one JSON payload, a list of reports.

use std::ptr;

use crate::error::{Failure, item_at, mb_result};
use crate::guard::{guard, guard_result};
use crate::report::{input_bytes, mb_report};

/// The reports read from one ESP event payload, one per event, in the payload's order.
/// Created by `mb_parse_event`, released with `mb_report_list_free`.
///
/// Every `mb_report` obtained from a list with `mb_report_list_get` is owned by the list and
/// stays valid until the list is freed; so does everything obtained from such a report. A list
/// is never changed after creation, so several threads may read it at once; freeing it must
/// not race with reading it.
pub struct mb_report_list {
    /// The reports, in event order.
    reports: Vec<mb_report>,
}

/// Reads an email service provider's webhook payload (Amazon SES, SendGrid, Mailgun,
/// Postmark, SparkPost), the JSON text as received; the provider is detected from its shape.
/// Each event becomes one report, classified by the same rules as a bounce message (a batch
/// gives several; an event that says nothing about delivery, such as an open, gives a report
/// whose notice kind is `MB_NOTICE_KIND_NOT_A_NOTICE`). The provider, event type and the
/// provider's own label are in `mb_report_json`.
///
/// On success stores a new list in `*out` (release it with `mb_report_list_free`) and returns
/// `MB_RESULT_OK`. On failure stores NULL in `*out` (when `out` is not NULL) and returns
/// `MB_RESULT_EMPTY_INPUT`, `MB_RESULT_TOO_LARGE` (over 32 MiB), `MB_RESULT_NOT_JSON` (the
/// text is not valid JSON) or `MB_RESULT_UNKNOWN_EVENT` (valid JSON, but no event of a known
/// provider); `mb_last_error_message` gives the details.
///
/// # Safety
///
/// `json` must point to `len` readable bytes, or be NULL when `len` is 0 (an empty input).
/// `out` must be NULL (which gives `MB_RESULT_NULL_ARGUMENT`) or point to writable storage for
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_parse_event(
    json: *const u8,
    len: usize,
    out: *mut *mut mb_report_list,
) -> mb_result {
    guard_result(|| {
        // SAFETY: the caller guarantees `out` is NULL or points to writable storage.
        let out = unsafe { out.as_mut() }.ok_or_else(|| Failure::null("out"))?;
        *out = ptr::null_mut();
        // SAFETY: the caller guarantees `json` points to `len` readable bytes or is NULL.
        let input = unsafe { input_bytes(json, len, "json") }?;
        let reports = mailbounce::esp::parse_event(input)?;
        let list = mb_report_list {
            reports: reports.into_iter().map(mb_report::from).collect(),
        };
        *out = Box::into_raw(Box::new(list));
        Ok(())
    })
}

/// Reads a list handle.
///
/// # Safety
///
/// `list` must be NULL or a live list handle, and the returned reference must not outlive it.
unsafe fn list_ref<'a>(list: *const mb_report_list) -> Option<&'a mb_report_list> {
    // SAFETY: the caller guarantees `list` is NULL or live.
    unsafe { list.as_ref() }
}

/// The number of reports in the list (one per event); 0 when `list` is NULL.
///
/// # Safety
///
/// `list` must be NULL or a live pointer from `mb_parse_event`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_list_count(list: *const mb_report_list) -> usize {
    guard(0, || {
        // SAFETY: the caller guarantees `list` is NULL or live.
        unsafe { list_ref(list) }.map_or(0, |l| l.reports.len())
    })
}

/// Stores in `*out` the report at `index` (from 0 to `mb_report_list_count` minus one),
/// owned by the list and valid until it is freed: read it with the `mb_report_*` accessors,
/// never release it with `mb_report_free`. On failure stores NULL in `*out` (when `out` is
/// not NULL) and returns `MB_RESULT_NULL_ARGUMENT` or `MB_RESULT_INDEX_OUT_OF_RANGE`.
///
/// # Safety
///
/// `list` must be NULL or a live pointer from `mb_parse_event`; `out` must be NULL or point
/// to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_list_get(
    list: *const mb_report_list,
    index: usize,
    out: *mut *const mb_report,
) -> mb_result {
    guard_result(|| {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out.as_mut() }.ok_or_else(|| Failure::null("out"))?;
        *out = ptr::null();
        // SAFETY: the caller guarantees `list` is NULL or live.
        let list = unsafe { list_ref(list) }.ok_or_else(|| Failure::null("list"))?;
        *out = item_at(&list.reports, index, "report", "list")?;
        Ok(())
    })
}

/// Releases a list, its reports and everything obtained from them. Accepts NULL, which does
/// nothing.
///
/// # Safety
///
/// `list` must be NULL or a pointer from `mb_parse_event`. It must not be called twice on the
/// same pointer; the list, its reports and everything obtained from them must not be used
/// afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mb_report_list_free(list: *mut mb_report_list) {
    guard((), || {
        if !list.is_null() {
            // SAFETY: the pointer came from `Box::into_raw` in `mb_parse_event` and, by the
            // caller's promise, has not been freed yet.
            drop(unsafe { Box::from_raw(list) });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const SES: &[u8] = br#"{"notificationType": "Bounce",
      "bounce": {"bounceType": "Permanent", "bounceSubType": "General",
        "bouncedRecipients": [{"emailAddress": "ann@example.net", "status": "5.1.1"}]},
      "mail": {"messageId": "0100abc"}}"#;

    #[test]
    fn a_payload_gives_a_list_of_reports() {
        let mut list = ptr::null_mut();
        // SAFETY: `SES` is readable for its length and `list` is writable.
        let code = unsafe { mb_parse_event(SES.as_ptr(), SES.len(), &mut list) };
        assert_eq!(code, mb_result::Ok);
        // SAFETY: `list` is the live list just created.
        assert_eq!(unsafe { mb_report_list_count(list) }, 1);
        let mut report = ptr::null();
        // SAFETY: `list` is live and `report` writable.
        let code = unsafe { mb_report_list_get(list, 1, &mut report) };
        assert_eq!(code, mb_result::IndexOutOfRange);
        assert!(report.is_null());
        // SAFETY: `list` came from `mb_parse_event` and is freed once.
        unsafe { mb_report_list_free(list) };
    }

    #[test]
    fn not_json_and_no_known_event_have_their_own_codes() {
        let mut list = ptr::null_mut();
        for (input, expected) in [
            (&b"{}"[..], mb_result::UnknownEvent),
            (b"not json", mb_result::NotJson),
        ] {
            // SAFETY: `input` is readable for its length and `list` is writable.
            let code = unsafe { mb_parse_event(input.as_ptr(), input.len(), &mut list) };
            assert_eq!(code, expected);
            assert!(list.is_null());
        }
    }
}
