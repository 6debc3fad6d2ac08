/*
 * Classifies one bounce message with the mailbounce C library.
 *
 *   cc classify.c -I bindings/c/include -L target/release -lmailbounce_ffi -o classify
 *   ./classify examples/bounces/postfix-user-unknown.eml
 *
 * Prints one line per affected recipient: address, reason, status, hard/soft, what to do.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mailbounce.h"

/* Reads a whole file into a malloc'd buffer; NULL when it cannot be read. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    unsigned char *data = NULL;
    size_t size = 0;
    size_t capacity = 0;
    int c;
    while ((c = fgetc(file)) != EOF) {
        if (size == capacity) {
            capacity = capacity ? capacity * 2 : 65536;
            unsigned char *grown = realloc(data, capacity);
            if (grown == NULL) {
                free(data);
                fclose(file);
                return NULL;
            }
            data = grown;
        }
        data[size++] = (unsigned char)c;
    }
    fclose(file);
    *len = size;
    return data;
}

/* Prints a string that may be NULL. */
static const char *or_dash(const char *text) {
    return text != NULL ? text : "-";
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s MESSAGE.eml\n", argv[0]);
        return 2;
    }
    size_t len = 0;
    unsigned char *data = read_file(argv[1], &len);
    if (data == NULL) {
        perror(argv[1]);
        return 1;
    }
    mb_report *report = NULL;
    mb_result result = mb_parse(data, len, &report);
    free(data);
    if (result != MB_RESULT_OK) {
        fprintf(stderr, "%s: %s (%s)\n", argv[1], mb_last_error_message(), mb_result_name(result));
        return 1;
    }
    size_t count = mb_report_bounce_count(report);
    if (count == 0) {
        printf("%s: no failed recipient\n", argv[1]);
    }
    for (size_t i = 0; i < count; i++) {
        const mb_bounce *bounce = NULL;
        if (mb_report_bounce(report, i, &bounce) != MB_RESULT_OK) {
            continue;
        }
        printf("%s\t%s\t%s\t%s\t%s\n", or_dash(mb_bounce_recipient(bounce)),
               mb_bounce_reason(bounce), or_dash(mb_bounce_status(bounce)),
               mb_bounce_hard_bounce(bounce) ? "hard" : "soft",
               mb_bounce_recommended_action(bounce));
    }
    mb_report_free(report);
    return 0;
}
