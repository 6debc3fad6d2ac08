//! The C entry points: `mb_parse` on any bytes (and `mb_parse_event` on those that open like a
//! JSON payload), every accessor read, everything freed.
#![no_main]

use std::ffi::CStr;
use std::ptr;

use libfuzzer_sys::fuzz_target;
use mailbounce_ffi::*;

/// Reads a string the library returned, checking it is NUL-terminated UTF-8 when not NULL.
fn read(text: *const std::ffi::c_char) {
    if !text.is_null() {
        // SAFETY: the library returns NULL or a NUL-terminated string owned by a live report
        // (or static); it is read at once, before the report is freed.
        let text = unsafe { CStr::from_ptr(text) };
        assert!(text.to_str().is_ok(), "the library returned invalid UTF-8");
    }
}

fuzz_target!(|data: &[u8]| {
    if data.first().is_some_and(|b| matches!(b, b'{' | b'[')) {
        parse_event(data);
    }
    let mut report: *mut mb_report = ptr::null_mut();
    // SAFETY: `data` is readable for its length and `report` is writable.
    let code = unsafe { mb_parse(data.as_ptr(), data.len(), &mut report) };
    if code != mb_result::Ok {
        assert!(report.is_null(), "a failed parse left a report");
        read(mb_last_error_message());
        return;
    }
    assert!(!report.is_null(), "a successful parse gave no report");
    // SAFETY: `report` is live until `mb_report_free` below.
    unsafe {
        read_report(report);
        mb_report_free(report);
    }
});

/// `mb_parse_event` on a payload: on success every report of the list is read, then the list
/// is freed; on failure the list pointer is NULL.
fn parse_event(data: &[u8]) {
    let mut list: *mut mb_report_list = ptr::null_mut();
    // SAFETY: `data` is readable for its length and `list` is writable.
    let code = unsafe { mb_parse_event(data.as_ptr(), data.len(), &mut list) };
    if code != mb_result::Ok {
        assert!(list.is_null(), "a failed event parse left a list");
        read(mb_last_error_message());
        return;
    }
    assert!(!list.is_null(), "a successful event parse gave no list");
    // SAFETY: `list` is live until `mb_report_list_free`; the reports it lends are read
    // before that.
    unsafe {
        let count = mb_report_list_count(list);
        for index in 0..=count {
            let mut report: *const mb_report = ptr::null();
            let code = mb_report_list_get(list, index, &mut report);
            if index == count {
                assert_eq!(code, mb_result::IndexOutOfRange);
                continue;
            }
            assert_eq!(code, mb_result::Ok);
            read_report(report);
        }
        mb_report_list_free(list);
    }
}

/// Reads every accessor of a report and of each of its bounces.
///
/// # Safety
/// `report` must be a live report.
unsafe fn read_report(report: *const mb_report) {
    // SAFETY: the caller guarantees `report` is live; every pointer read from it is used at
    // once.
    unsafe {
        let _ = mb_report_notice(report);
        read(mb_report_reporting_mta(report));
        read(mb_report_from(report));
        read(mb_report_subject(report));
        read(mb_report_json(report));
        let count = mb_report_bounce_count(report);
        for index in 0..=count {
            let mut bounce: *const mb_bounce = ptr::null();
            let code = mb_report_bounce(report, index, &mut bounce);
            if index == count {
                assert_eq!(code, mb_result::IndexOutOfRange);
                continue;
            }
            assert_eq!(code, mb_result::Ok);
            read(mb_bounce_recipient(bounce));
            read(mb_bounce_original_recipient(bounce));
            read(mb_bounce_action(bounce));
            read(mb_bounce_status(bounce));
            read(mb_bounce_diagnostic(bounce));
            read(mb_bounce_remote_mta(bounce));
            read(mb_bounce_command(bounce));
            read(mb_bounce_reason(bounce));
            read(mb_bounce_advice(bounce));
            read(mb_bounce_matched_rule(bounce));
            read(mb_bounce_suggested_recipient(bounce));
            let _ = (mb_bounce_reply_code(bounce), mb_bounce_kind(bounce));
            let _ = (mb_bounce_hard_bounce(bounce), mb_bounce_permanence(bounce));
            let _ = mb_bounce_recommended_action(bounce);
        }
    }
}
