/*
 * Tests of the mailbounce C API, compiled against include/mailbounce.h and linked with the
 * shared or the static library. Prints one line per case and a closing "N passed, N failed"
 * line; exits non-zero when a case fails.
 *
 * Usage: test_mailbounce <directory of sample bounces>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailbounce.h"

static int passed;
static int failed;
static const char *samples;

/* Fails the current case (with the line and condition on stderr) when `cond` is false. */
#define EXPECT(cond)                                                                    \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "  %s:%d: expected %s\n", __FILE__, __LINE__, #cond);       \
            return 0;                                                                   \
        }                                                                               \
    } while (0)

/* True when both strings are non-NULL and equal. */
static int str_is(const char *actual, const char *expected) {
    return actual != NULL && strcmp(actual, expected) == 0;
}

/* True when `haystack` is non-NULL and contains `needle`. */
static int str_has(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Reads a file into a malloc'd buffer; NULL when it cannot be read. */
static uint8_t *read_path(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    uint8_t *data = NULL;
    size_t size = 0;
    uint8_t chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        uint8_t *grown = realloc(data, size + got);
        if (grown == NULL) {
            free(data);
            fclose(file);
            return NULL;
        }
        data = grown;
        memcpy(data + size, chunk, got);
        size += got;
    }
    fclose(file);
    *len = size;
    return data;
}

/* Reads a sample bounce (in the samples directory) into a malloc'd buffer; NULL on failure. */
static uint8_t *read_sample(const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", samples, name);
    return read_path(path, len);
}

/* Reads an ESP payload (in examples/esp, beside the samples directory); NULL on failure. */
static uint8_t *read_esp(const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/../esp/%s", samples, name);
    return read_path(path, len);
}

/* Parses a sample with the default settings; NULL (and a message) when that fails. */
static mb_report *parse_sample(const char *name) {
    size_t len = 0;
    uint8_t *data = read_sample(name, &len);
    if (data == NULL) {
        fprintf(stderr, "  cannot read %s/%s\n", samples, name);
        return NULL;
    }
    mb_report *report = NULL;
    mb_result result = mb_parse(data, len, &report);
    free(data);
    if (result != MB_RESULT_OK) {
        fprintf(stderr, "  %s: %s\n", name, mb_last_error_message());
        return NULL;
    }
    return report;
}

/* The first bounce of a report, or NULL. */
static const mb_bounce *first_bounce(const mb_report *report) {
    const mb_bounce *bounce = NULL;
    if (mb_report_bounce(report, 0, &bounce) != MB_RESULT_OK) {
        return NULL;
    }
    return bounce;
}

static int test_version(void) {
    const char *version = mb_version();
    EXPECT(version != NULL);
    EXPECT(strchr(version, '.') != NULL);
    return 1;
}

static int test_result_names(void) {
    EXPECT(str_is(mb_result_name(MB_RESULT_OK), "ok"));
    EXPECT(str_is(mb_result_name(MB_RESULT_NULL_ARGUMENT), "null argument"));
    EXPECT(str_is(mb_result_name(MB_RESULT_INDEX_OUT_OF_RANGE), "index out of range"));
    EXPECT(str_is(mb_result_name(MB_RESULT_PANIC), "panic caught"));
    EXPECT(str_is(mb_result_name(MB_RESULT_LIMIT_EXCEEDED), "limit exceeded"));
    EXPECT(str_is(mb_result_name(MB_RESULT_NOT_JSON), "not JSON"));
    EXPECT(str_is(mb_result_name(MB_RESULT_UNKNOWN_EVENT), "unknown event"));
    EXPECT(MB_RESULT_PANIC == 7 && MB_RESULT_LIMIT_EXCEEDED == 8); /* stable numbers */
    EXPECT(MB_RESULT_NOT_JSON == 9 && MB_RESULT_UNKNOWN_EVENT == 10);
    EXPECT(mb_result_name(999) == NULL);
    return 1;
}

static int test_failure_kind_names(void) {
    EXPECT(MB_FAILURE_KIND_COUNT == 36);
    EXPECT(str_is(mb_failure_kind_reason(MB_FAILURE_KIND_USERUNKNOWN), "userunknown"));
    EXPECT(str_is(mb_failure_kind_reason(MB_FAILURE_KIND_MAILBOXFULL), "mailboxfull"));
    EXPECT(str_is(mb_failure_kind_reason(MB_FAILURE_KIND_MESGTOOBIG), "mesgtoobig"));
    EXPECT(str_is(mb_failure_kind_reason(MB_FAILURE_KIND_UNDEFINED), "undefined"));
    EXPECT(mb_failure_kind_reason(MB_FAILURE_KIND_COUNT) == NULL);
    EXPECT(mb_failure_kind_reason(UINT32_MAX) == NULL);
    return 1;
}

static int test_failure_kind_descriptions(void) {
    for (uint32_t kind = 0; kind < MB_FAILURE_KIND_COUNT; kind++) {
        const char *description = mb_failure_kind_description(kind);
        EXPECT(description != NULL && description[0] != '\0');
    }
    EXPECT(mb_failure_kind_description(MB_FAILURE_KIND_COUNT) == NULL);
    return 1;
}

static int test_postfix_user_unknown(void) {
    mb_report *report = parse_sample("postfix-user-unknown.eml");
    EXPECT(report != NULL);
    int ok = 0;
    const mb_bounce *bounce = first_bounce(report);
    if (mb_report_notice(report) == MB_NOTICE_KIND_FAILURE &&
        mb_report_bounce_count(report) == 1 && bounce != NULL &&
        str_is(mb_report_reporting_mta(report), "mx1.example.org") &&
        str_has(mb_report_from(report), "MAILER-DAEMON@mx1.example.org") &&
        str_has(mb_report_subject(report), "Undelivered") &&
        str_is(mb_bounce_recipient(bounce), "nobody@example.net") &&
        str_is(mb_bounce_original_recipient(bounce), "nobody@example.net") &&
        str_is(mb_bounce_action(bounce), "failed") &&
        str_is(mb_bounce_status(bounce), "5.1.1") && mb_bounce_reply_code(bounce) == 550 &&
        str_has(mb_bounce_diagnostic(bounce), "User unknown") &&
        str_is(mb_bounce_remote_mta(bounce), "mx.example.net") &&
        str_is(mb_bounce_command(bounce), "RCPT") &&
        str_is(mb_bounce_reason(bounce), "userunknown") &&
        mb_bounce_kind(bounce) == MB_FAILURE_KIND_USERUNKNOWN && mb_bounce_hard_bounce(bounce) &&
        mb_bounce_permanence(bounce) == MB_PERMANENCE_PERMANENT &&
        str_is(mb_bounce_recommended_action(bounce), "suppress_recipient") &&
        str_has(mb_bounce_advice(bounce), "address") &&
        str_has(mb_bounce_matched_rule(bounce), "userunknown") &&
        mb_bounce_suggested_recipient(bounce) == NULL) {
        ok = 1;
    }
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_exchange_mailbox_full(void) {
    mb_report *report = parse_sample("exchange-mailbox-full.eml");
    EXPECT(report != NULL);
    const mb_bounce *bounce = first_bounce(report);
    int ok = mb_report_notice(report) == MB_NOTICE_KIND_FAILURE && bounce != NULL &&
             str_is(mb_bounce_recipient(bounce), "full.box@example.net") &&
             str_is(mb_bounce_status(bounce), "5.2.2") &&
             str_is(mb_bounce_reason(bounce), "mailboxfull") &&
             mb_bounce_kind(bounce) == MB_FAILURE_KIND_MAILBOXFULL &&
             !mb_bounce_hard_bounce(bounce) &&
             str_is(mb_bounce_recommended_action(bounce), "retry_later");
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_delay_warning(void) {
    mb_report *report = parse_sample("delay-warning.eml");
    EXPECT(report != NULL);
    const mb_bounce *bounce = first_bounce(report);
    int ok = mb_report_notice(report) == MB_NOTICE_KIND_DELAY && bounce != NULL &&
             str_is(mb_bounce_action(bounce), "delayed") &&
             mb_bounce_permanence(bounce) == MB_PERMANENCE_TRANSIENT &&
             !mb_bounce_hard_bounce(bounce);
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_not_a_bounce(void) {
    mb_report *report = parse_sample("not-a-bounce.eml");
    EXPECT(report != NULL);
    int ok = mb_report_notice(report) == MB_NOTICE_KIND_NOT_A_NOTICE &&
             mb_report_bounce_count(report) == 0;
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_auto_reply_and_feedback(void) {
    mb_report *reply = parse_sample("auto-reply.eml");
    mb_report *feedback = parse_sample("feedback-report.eml");
    int ok = reply != NULL && feedback != NULL &&
             mb_report_notice(reply) == MB_NOTICE_KIND_AUTO_REPLY &&
             mb_report_notice(feedback) == MB_NOTICE_KIND_FEEDBACK;
    mb_report_free(reply);
    mb_report_free(feedback);
    EXPECT(ok);
    return 1;
}

static int test_mistyped_domain(void) {
    static const char dsn[] =
        "From: MAILER-DAEMON@mx.example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n"
        "\n"
        "--b\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.example.org\n"
        "\n"
        "Final-Recipient: rfc822; ann@gmial.com\n"
        "Action: failed\n"
        "Status: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"
        "--b--\n";
    mb_report *report = NULL;
    EXPECT(mb_parse((const uint8_t *)dsn, strlen(dsn), &report) == MB_RESULT_OK);
    const mb_bounce *bounce = first_bounce(report);
    int ok = bounce != NULL && str_is(mb_bounce_suggested_recipient(bounce), "ann@gmail.com") &&
             str_has(mb_bounce_advice(bounce), "ann@gmail.com");
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_index_out_of_range(void) {
    mb_report *report = parse_sample("postfix-user-unknown.eml");
    EXPECT(report != NULL);
    const mb_bounce *bounce = (const mb_bounce *)report; /* must be overwritten with NULL */
    mb_result past_end = mb_report_bounce(report, 1, &bounce);
    int ok = past_end == MB_RESULT_INDEX_OUT_OF_RANGE && bounce == NULL &&
             str_has(mb_last_error_message(), "out of range") &&
             mb_report_bounce(report, SIZE_MAX, &bounce) == MB_RESULT_INDEX_OUT_OF_RANGE;
    mb_report *empty = parse_sample("not-a-bounce.eml");
    ok = ok && empty != NULL &&
         mb_report_bounce(empty, 0, &bounce) == MB_RESULT_INDEX_OUT_OF_RANGE;
    mb_report_free(empty);
    mb_report_free(report);
    EXPECT(ok);
    return 1;
}

static int test_json(void) {
    mb_report *report = parse_sample("postfix-user-unknown.eml");
    EXPECT(report != NULL);
    const char *json = mb_report_json(report);
    int ok = json != NULL && json[0] == '{' && str_has(json, "\"notice\":\"failure\"") &&
             str_has(json, "\"userunknown\"") && str_has(json, "nobody@example.net") &&
             mb_report_json(report) == json; /* built once, owned by the report */
    mb_report_free(report);
    EXPECT(ok);
    EXPECT(mb_report_json(NULL) == NULL);
    return 1;
}

static int test_null_arguments(void) {
    static const uint8_t data[] = "From: a@example.com\n\nhello\n";
    mb_report *report = (mb_report *)data; /* must be overwritten with NULL */
    EXPECT(mb_parse(NULL, 5, &report) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(report == NULL);
    EXPECT(str_has(mb_last_error_message(), "data"));
    EXPECT(mb_parse(data, sizeof data - 1, NULL) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(str_has(mb_last_error_message(), "out"));
    EXPECT(mb_parse_with_options(NULL, data, sizeof data - 1, &report) ==
           MB_RESULT_NULL_ARGUMENT);
    EXPECT(str_has(mb_last_error_message(), "options"));
    EXPECT(mb_options_set_max_input_bytes(NULL, 10) == MB_RESULT_NULL_ARGUMENT);
    const mb_bounce *bounce = NULL;
    EXPECT(mb_report_bounce(NULL, 0, &bounce) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(bounce == NULL);
    return 1;
}

static int test_null_handles_in_accessors(void) {
    EXPECT(mb_report_notice(NULL) == MB_NOTICE_KIND_NOT_A_NOTICE);
    EXPECT(mb_report_bounce_count(NULL) == 0);
    EXPECT(mb_report_reporting_mta(NULL) == NULL);
    EXPECT(mb_report_from(NULL) == NULL);
    EXPECT(mb_report_subject(NULL) == NULL);
    EXPECT(mb_bounce_recipient(NULL) == NULL);
    EXPECT(mb_bounce_original_recipient(NULL) == NULL);
    EXPECT(mb_bounce_action(NULL) == NULL);
    EXPECT(mb_bounce_status(NULL) == NULL);
    EXPECT(mb_bounce_reply_code(NULL) == 0);
    EXPECT(mb_bounce_diagnostic(NULL) == NULL);
    EXPECT(mb_bounce_remote_mta(NULL) == NULL);
    EXPECT(mb_bounce_command(NULL) == NULL);
    EXPECT(mb_bounce_reason(NULL) == NULL);
    EXPECT(mb_bounce_kind(NULL) == MB_FAILURE_KIND_UNDEFINED);
    EXPECT(!mb_bounce_hard_bounce(NULL));
    EXPECT(mb_bounce_permanence(NULL) == MB_PERMANENCE_NOT_A_FAILURE);
    EXPECT(mb_bounce_recommended_action(NULL) == NULL);
    EXPECT(mb_bounce_advice(NULL) == NULL);
    EXPECT(mb_bounce_matched_rule(NULL) == NULL);
    EXPECT(mb_bounce_suggested_recipient(NULL) == NULL);
    return 1;
}

static int test_empty_input(void) {
    mb_report *report = NULL;
    EXPECT(mb_parse((const uint8_t *)"", 0, &report) == MB_RESULT_EMPTY_INPUT);
    EXPECT(report == NULL);
    EXPECT(str_has(mb_last_error_message(), "empty"));
    EXPECT(mb_parse(NULL, 0, &report) == MB_RESULT_EMPTY_INPUT);
    EXPECT(mb_parse((const uint8_t *)" \r\n\n", 4, &report) == MB_RESULT_EMPTY_INPUT);
    EXPECT(report == NULL);
    return 1;
}

static int test_not_a_message(void) {
    static const char words[] = "\n\njust some words, no header";
    mb_report *report = NULL;
    EXPECT(mb_parse((const uint8_t *)words, strlen(words), &report) == MB_RESULT_NOT_A_MESSAGE);
    EXPECT(report == NULL);
    EXPECT(str_has(mb_last_error_message(), "not a mail message"));
    return 1;
}

static int test_too_large_with_options(void) {
    size_t len = 0;
    uint8_t *data = read_sample("postfix-user-unknown.eml", &len);
    EXPECT(data != NULL);
    mb_options *options = mb_options_new();
    mb_report *report = NULL;
    int ok = options != NULL && mb_options_set_max_input_bytes(options, 100) == MB_RESULT_OK &&
             mb_parse_with_options(options, data, len, &report) == MB_RESULT_TOO_LARGE &&
             report == NULL && str_has(mb_last_error_message(), "limit of 100 bytes");
    /* The same input is accepted once the limit allows it. */
    ok = ok && mb_options_set_max_input_bytes(options, len) == MB_RESULT_OK &&
         mb_parse_with_options(options, data, len, &report) == MB_RESULT_OK &&
         mb_report_bounce_count(report) == 1;
    mb_report_free(report);
    mb_options_free(options);
    free(data);
    EXPECT(ok);
    return 1;
}

/* A DSN about two recipients: a multipart/report (one level of nesting, two MIME parts) whose
 * longest header line is 71 bytes. */
static const char two_recipients[] =
    "From: MAILER-DAEMON@mx.example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n"
    "\n"
    "--b\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "\n"
    "Final-Recipient: rfc822; ann@example.net\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "\n"
    "Final-Recipient: rfc822; bob@example.net\n"
    "Action: failed\n"
    "Status: 5.2.2\n"
    "--b--\n";

/* Parses `two_recipients` with one limit set by `set` to `value`; returns the result and
 * frees any report. Returns MB_RESULT_PANIC (which the library never gives here) when the
 * options cannot be made or set. */
static mb_result parse_with_limit(mb_result (*set)(mb_options *, size_t), size_t value) {
    mb_options *options = mb_options_new();
    if (options == NULL || set(options, value) != MB_RESULT_OK) {
        mb_options_free(options);
        return MB_RESULT_PANIC;
    }
    mb_report *report = (mb_report *)options; /* must be overwritten */
    mb_result result = mb_parse_with_options(options, (const uint8_t *)two_recipients,
                                             strlen(two_recipients), &report);
    if (result == MB_RESULT_OK) {
        result = mb_report_bounce_count(report) == 2 ? MB_RESULT_OK : MB_RESULT_INVALID_INPUT;
    } else if (report != NULL) {
        result = MB_RESULT_PANIC; /* a failure must leave NULL in *out */
    }
    mb_report_free(report);
    mb_options_free(options);
    return result;
}

static int test_max_mime_depth(void) {
    EXPECT(parse_with_limit(mb_options_set_max_mime_depth, 0) == MB_RESULT_LIMIT_EXCEEDED);
    EXPECT(str_has(mb_last_error_message(), "more than 0 levels of MIME nesting"));
    EXPECT(parse_with_limit(mb_options_set_max_mime_depth, 1) == MB_RESULT_OK);
    EXPECT(str_is(mb_last_error_message(), ""));
    return 1;
}

static int test_max_parts(void) {
    EXPECT(parse_with_limit(mb_options_set_max_parts, 1) == MB_RESULT_LIMIT_EXCEEDED);
    EXPECT(str_has(mb_last_error_message(), "more than 1 MIME parts"));
    EXPECT(parse_with_limit(mb_options_set_max_parts, 2) == MB_RESULT_OK);
    return 1;
}

static int test_max_recipients(void) {
    EXPECT(parse_with_limit(mb_options_set_max_recipients, 1) == MB_RESULT_LIMIT_EXCEEDED);
    EXPECT(str_has(mb_last_error_message(), "more than 1 recipients"));
    EXPECT(parse_with_limit(mb_options_set_max_recipients, 2) == MB_RESULT_OK);
    return 1;
}

static int test_max_header_line_bytes(void) {
    EXPECT(parse_with_limit(mb_options_set_max_header_line_bytes, 70) ==
           MB_RESULT_LIMIT_EXCEEDED);
    EXPECT(str_has(mb_last_error_message(), "more than 70 bytes in a header line"));
    EXPECT(parse_with_limit(mb_options_set_max_header_line_bytes, 71) == MB_RESULT_OK);
    return 1;
}

static int test_limit_setters_need_options(void) {
    EXPECT(mb_options_set_max_mime_depth(NULL, 1) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(str_has(mb_last_error_message(), "options"));
    EXPECT(mb_options_set_max_parts(NULL, 1) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(mb_options_set_max_recipients(NULL, 1) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(mb_options_set_max_header_line_bytes(NULL, 1) == MB_RESULT_NULL_ARGUMENT);
    return 1;
}

/* Parses an ESP payload from examples/esp; NULL (and a message) when that fails. */
static mb_report_list *parse_esp(const char *name) {
    size_t len = 0;
    uint8_t *data = read_esp(name, &len);
    if (data == NULL) {
        fprintf(stderr, "  cannot read %s/../esp/%s\n", samples, name);
        return NULL;
    }
    mb_report_list *list = NULL;
    mb_result result = mb_parse_event(data, len, &list);
    free(data);
    if (result != MB_RESULT_OK) {
        fprintf(stderr, "  %s: %s\n", name, mb_last_error_message());
        return NULL;
    }
    return list;
}

static int test_event_ses(void) {
    mb_report_list *list = parse_esp("ses-hard.json");
    EXPECT(list != NULL);
    const mb_report *report = NULL;
    const mb_bounce *bounce = NULL;
    int ok = mb_report_list_count(list) == 1 &&
             mb_report_list_get(list, 0, &report) == MB_RESULT_OK && report != NULL &&
             mb_report_notice(report) == MB_NOTICE_KIND_FAILURE &&
             mb_report_bounce(report, 0, &bounce) == MB_RESULT_OK &&
             str_is(mb_bounce_recipient(bounce), "ann@nowhere.example.net") &&
             str_is(mb_bounce_reason(bounce), "hostunknown") && mb_bounce_hard_bounce(bounce) &&
             str_has(mb_report_json(report), "\"provider_label\":\"Transient/General\"");
    mb_report_list_free(list);
    EXPECT(ok);
    return 1;
}

static int test_event_batch(void) {
    mb_report_list *list = parse_esp("sendgrid-batch.json");
    EXPECT(list != NULL);
    static const char *const reasons[] = {"userunknown", "blocked", "feedback"};
    int ok = mb_report_list_count(list) == 6;
    for (size_t i = 0; ok && i < 3; i++) {
        const mb_report *report = NULL;
        const mb_bounce *bounce = NULL;
        ok = mb_report_list_get(list, i, &report) == MB_RESULT_OK &&
             mb_report_bounce(report, 0, &bounce) == MB_RESULT_OK &&
             str_is(mb_bounce_reason(bounce), reasons[i]);
    }
    /* The last event is an open: a report with no record. */
    const mb_report *open = NULL;
    ok = ok && mb_report_list_get(list, 5, &open) == MB_RESULT_OK &&
         mb_report_notice(open) == MB_NOTICE_KIND_NOT_A_NOTICE &&
         mb_report_bounce_count(open) == 0;
    const mb_report *past_end = open; /* must be overwritten with NULL */
    ok = ok && mb_report_list_get(list, 6, &past_end) == MB_RESULT_INDEX_OUT_OF_RANGE &&
         past_end == NULL && str_has(mb_last_error_message(), "out of range");
    mb_report_list_free(list);
    EXPECT(ok);
    return 1;
}

static int test_event_errors(void) {
    static const char not_json[] = "Subject: a mail message, not JSON\n\nhello\n";
    static const char no_event[] = "{\"hello\": \"world\"}";
    mb_report_list *list = (mb_report_list *)not_json; /* must be overwritten with NULL */
    EXPECT(mb_parse_event((const uint8_t *)not_json, strlen(not_json), &list) ==
           MB_RESULT_NOT_JSON);
    EXPECT(list == NULL);
    EXPECT(str_has(mb_last_error_message(), "not valid JSON"));
    list = (mb_report_list *)no_event; /* must be overwritten with NULL */
    EXPECT(mb_parse_event((const uint8_t *)no_event, strlen(no_event), &list) ==
           MB_RESULT_UNKNOWN_EVENT);
    EXPECT(list == NULL);
    EXPECT(str_has(mb_last_error_message(), "no event of a known email service provider"));
    EXPECT(mb_parse_event(NULL, 0, &list) == MB_RESULT_EMPTY_INPUT);
    EXPECT(list == NULL);
    EXPECT(mb_parse_event(NULL, 5, &list) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(str_has(mb_last_error_message(), "json"));
    EXPECT(mb_parse_event((const uint8_t *)no_event, strlen(no_event), NULL) ==
           MB_RESULT_NULL_ARGUMENT);
    EXPECT(str_has(mb_last_error_message(), "out"));
    const mb_report *report = (const mb_report *)no_event; /* must be overwritten with NULL */
    EXPECT(mb_report_list_get(NULL, 0, &report) == MB_RESULT_NULL_ARGUMENT);
    EXPECT(report == NULL);
    EXPECT(mb_report_list_count(NULL) == 0);
    return 1;
}

static int test_success_clears_last_error(void) {
    mb_report *report = NULL;
    EXPECT(mb_parse(NULL, 0, &report) == MB_RESULT_EMPTY_INPUT);
    EXPECT(mb_last_error_message()[0] != '\0');
    report = parse_sample("not-a-bounce.eml");
    EXPECT(report != NULL);
    mb_report_free(report);
    EXPECT(str_is(mb_last_error_message(), ""));
    return 1;
}

static int test_free_null(void) {
    mb_report_free(NULL);
    mb_options_free(NULL);
    mb_report_list_free(NULL);
    return 1;
}

/* Runs one case and prints its line. */
static void run(const char *name, int (*test)(void)) {
    int ok = test();
    printf("%s - %s\n", ok ? "ok" : "FAIL", name);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <directory of sample bounces>\n", argv[0]);
        return 2;
    }
    samples = argv[1];
    run("version", test_version);
    run("result names", test_result_names);
    run("failure kind reasons", test_failure_kind_names);
    run("failure kind descriptions", test_failure_kind_descriptions);
    run("postfix-user-unknown.eml is userunknown, hard", test_postfix_user_unknown);
    run("exchange-mailbox-full.eml is mailboxfull, not hard", test_exchange_mailbox_full);
    run("delay-warning.eml is a transient delay", test_delay_warning);
    run("not-a-bounce.eml has no bounce", test_not_a_bounce);
    run("auto-reply.eml and feedback-report.eml", test_auto_reply_and_feedback);
    run("mistyped domain gets a suggested recipient", test_mistyped_domain);
    run("bounce index out of range", test_index_out_of_range);
    run("whole-report JSON", test_json);
    run("NULL arguments", test_null_arguments);
    run("NULL handles in accessors", test_null_handles_in_accessors);
    run("empty input", test_empty_input);
    run("input that is not a message", test_not_a_message);
    run("too large with options", test_too_large_with_options);
    run("MIME depth limit", test_max_mime_depth);
    run("MIME parts limit", test_max_parts);
    run("recipients limit", test_max_recipients);
    run("header line limit", test_max_header_line_bytes);
    run("limit setters need options", test_limit_setters_need_options);
    run("ESP event: SES payload", test_event_ses);
    run("ESP event: SendGrid batch", test_event_batch);
    run("ESP event: errors and NULL arguments", test_event_errors);
    run("success clears the last error", test_success_clears_last_error);
    run("freeing NULL", test_free_null);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
