/*
 * test_options.c - unit tests for runtime/options.c (CRACE_OPTIONS).
 *
 * Links options.c and internal.c (rt_strdup).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "options.h"

static const char *const known[] = {"exitcode",          "halt_on_error", "log_path",
                                    "strip_path_prefix", "suppressions",  "history_size",
                                    "atexit_sleep_ms",   "verbosity",     "color",
                                    "log_root_pid"};
#define NKNOWN (sizeof known / sizeof known[0])

static char err[1024];

static int parse(const char *text)
{
    memset(err, 0, sizeof err);
    return options_parse(text, err, sizeof err);
}

static void assert_defaults(void)
{
    assert_int_equal(opt_exitcode, 66);
    assert_int_equal(opt_halt_on_error, 0);
    assert_null(opt_log_path);
    assert_non_null(opt_strip_path_prefix);
    assert_string_equal(opt_strip_path_prefix, "");
    assert_int_equal(opt_history_size, 1);
    assert_int_equal(opt_atexit_sleep_ms, 1000);
    assert_int_equal(opt_verbosity, 0);
}

static void assert_contains(const char *s, const char *needle)
{
    if (!strstr(s, needle))
        fail_msg("\"%s\" does not contain \"%s\"", s, needle);
}

static void test_defaults(void **state)
{
    (void)state;
    assert_int_equal(parse(NULL), 0);
    assert_defaults();
    assert_int_equal(parse(""), 0);
    assert_defaults();
    assert_int_equal(parse("  ,: \t\n"), 0);
    assert_defaults();
    options_reset();
    assert_defaults();
}

static void test_every_option_with_space_separators(void **state)
{
    (void)state;
    assert_int_equal(parse("exitcode=3 halt_on_error=1 log_path=/tmp/crace.log "
                           "strip_path_prefix=/build/src/ history_size=7 atexit_sleep_ms=0 "
                           "verbosity=3"),
                     0);
    assert_int_equal(opt_exitcode, 3);
    assert_int_equal(opt_halt_on_error, 1);
    assert_string_equal(opt_log_path, "/tmp/crace.log");
    assert_string_equal(opt_strip_path_prefix, "/build/src/");
    assert_int_equal(opt_history_size, 7);
    assert_int_equal(opt_atexit_sleep_ms, 0);
    assert_int_equal(opt_verbosity, 3);
    assert_string_equal(err, ""); /* no message on success */
}

static void test_other_separators(void **state)
{
    (void)state;
    assert_int_equal(parse("exitcode=5,history_size=0"), 0);
    assert_int_equal(opt_exitcode, 5);
    assert_int_equal(opt_history_size, 0);

    assert_int_equal(parse("verbosity=2:atexit_sleep_ms=250"), 0);
    assert_int_equal(opt_verbosity, 2);
    assert_int_equal(opt_atexit_sleep_ms, 250);

    assert_int_equal(parse("exitcode=7\thalt_on_error=true\nverbosity=1"), 0);
    assert_int_equal(opt_exitcode, 7);
    assert_int_equal(opt_halt_on_error, 1);
    assert_int_equal(opt_verbosity, 1);

    /* mixed, doubled, leading and trailing separators */
    assert_int_equal(parse(" ,exitcode=9 ,: history_size=3,, "), 0);
    assert_int_equal(opt_exitcode, 9);
    assert_int_equal(opt_history_size, 3);
}

static void test_each_parse_starts_from_defaults(void **state)
{
    (void)state;
    assert_int_equal(parse("exitcode=3 log_path=x verbosity=2"), 0);
    assert_int_equal(opt_exitcode, 3);
    assert_int_equal(parse("history_size=2"), 0);
    assert_int_equal(opt_exitcode, 66);
    assert_null(opt_log_path);
    assert_int_equal(opt_verbosity, 0);
    assert_int_equal(opt_history_size, 2);
    /* later settings win */
    assert_int_equal(parse("exitcode=1 exitcode=2"), 0);
    assert_int_equal(opt_exitcode, 2);
}

static void test_value_ranges(void **state)
{
    (void)state;
    assert_int_equal(parse("exitcode=0"), 0);
    assert_int_equal(opt_exitcode, 0);
    assert_int_equal(parse("exitcode=255"), 0);
    assert_int_equal(opt_exitcode, 255);
    assert_int_equal(parse("history_size=7"), 0);
    assert_int_equal(opt_history_size, 7);
    assert_int_equal(parse("atexit_sleep_ms=3600000"), 0);
    assert_int_equal(opt_atexit_sleep_ms, 3600000);
    assert_int_equal(parse("halt_on_error=false"), 0);
    assert_int_equal(opt_halt_on_error, 0);
    assert_int_equal(parse("halt_on_error=0"), 0);
    assert_int_equal(opt_halt_on_error, 0);
    assert_int_equal(parse("halt_on_error=1"), 0);
    assert_int_equal(opt_halt_on_error, 1);
    /* string values keep everything up to the next separator, '=' included */
    assert_int_equal(parse("log_path=a=b/c.log"), 0);
    assert_string_equal(opt_log_path, "a=b/c.log");
    assert_int_equal(parse("log_path=stdout"), 0);
    assert_string_equal(opt_log_path, "stdout");
}

static void test_unknown_key(void **state)
{
    (void)state;
    assert_int_equal(parse("bogus_key=1"), -1);
    assert_contains(err, "'bogus_key'");
    for (size_t i = 0; i < NKNOWN; i++)
        assert_contains(err, known[i]);
    assert_contains(err, "known: exitcode, halt_on_error, log_path, strip_path_prefix, "
                         "suppressions, history_size, atexit_sleep_ms, verbosity, color");

    /* after a valid pair, and without '=' */
    assert_int_equal(parse("exitcode=3 exitcodes=4"), -1);
    assert_contains(err, "'exitcodes'");
    assert_int_equal(parse("verbose"), -1);
    assert_contains(err, "'verbose'");
    /* a prefix of a known key is not that key */
    assert_int_equal(parse("exit=1"), -1);
    assert_contains(err, "'exit'");
    /* keys are case-sensitive */
    assert_int_equal(parse("EXITCODE=1"), -1);
    assert_contains(err, "'EXITCODE'");
}

static void check_bad(const char *text, const char *option, const char *value)
{
    assert_int_equal(parse(text), -1);
    assert_true(strlen(err) > 0);
    char quoted[64];
    snprintf(quoted, sizeof quoted, "'%s'", option);
    assert_contains(err, quoted);
    if (value) {
        snprintf(quoted, sizeof quoted, "'%s'", value);
        assert_contains(err, quoted);
    }
}

static void test_bad_values(void **state)
{
    (void)state;
    check_bad("exitcode=abc", "exitcode", "abc");
    assert_contains(err, "0..255");
    check_bad("exitcode=3x", "exitcode", "3x");
    check_bad("exitcode=256", "exitcode", "256");
    check_bad("exitcode=-1", "exitcode", "-1");
    check_bad("exitcode=99999999999999999999999", "exitcode", "99999999999999999999999");
    check_bad("history_size=8", "history_size", "8");
    assert_contains(err, "0..7");
    check_bad("history_size=-1", "history_size", "-1");
    check_bad("halt_on_error=2", "halt_on_error", "2");
    assert_contains(err, "0 or 1");
    check_bad("halt_on_error=yes", "halt_on_error", "yes");
    check_bad("verbosity=4", "verbosity", "4");
    check_bad("atexit_sleep_ms=-5", "atexit_sleep_ms", "-5");
    /* empty values */
    check_bad("exitcode=", "exitcode", "");
    check_bad("halt_on_error= verbosity=1", "halt_on_error", "");
    /* a bad value after good ones still fails */
    check_bad("verbosity=1 history_size=8", "history_size", "8");
}

static void test_missing_equals(void **state)
{
    (void)state;
    check_bad("exitcode", "exitcode", NULL);
    assert_contains(err, "needs a value");
    check_bad("halt_on_error verbosity=1", "halt_on_error", NULL);
    assert_contains(err, "needs a value");
    check_bad("verbosity=1,log_path", "log_path", NULL);
    /* a separator between key and '=' */
    check_bad("exitcode =3", "exitcode", NULL);
}

/* Quoted values hold separators: a log directory with spaces or colons. */
static void test_quoted_values(void **state)
{
    (void)state;
    assert_int_equal(parse("log_path=\"/tmp/a b:c,d/crace\" exitcode=3"), 0);
    assert_string_equal(opt_log_path, "/tmp/a b:c,d/crace");
    assert_int_equal(opt_exitcode, 3);
    assert_int_equal(parse("exitcode=4,log_path='/x \"y\"/z'"), 0);
    assert_string_equal(opt_log_path, "/x \"y\"/z");
    assert_int_equal(opt_exitcode, 4);
    /* the last of two settings wins (crace-test appends its own) */
    assert_int_equal(parse("log_path=/first report_format=json log_path='/second one'"), 0);
    assert_string_equal(opt_log_path, "/second one");
    assert_int_equal(opt_report_json, 1);
    assert_int_equal(parse("strip_path_prefix=\"\""), 0);
    assert_string_equal(opt_strip_path_prefix, "");
    check_bad("log_path=\"/tmp/a b", "log_path", NULL);
    assert_contains(err, "unclosed quote");
    check_bad("log_path='/tmp/a'b", "log_path", NULL);
    assert_contains(err, "after the closing quote");
    assert_int_equal(parse("log_root_pid=4321"), 0);
    assert_int_equal(opt_log_root_pid, 4321);
    check_bad("log_root_pid=-1", "log_root_pid", "-1");
    /* a quoted value is still checked */
    check_bad("exitcode='300'", "exitcode", "300");
}

static void test_small_error_buffer(void **state)
{
    (void)state;
    char small[16];
    memset(small, 'X', sizeof small);
    assert_int_equal(options_parse("bogus_key=1", small, sizeof small), -1);
    assert_true(memchr(small, 0, sizeof small) != NULL);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "unknown option ", 15);

    memset(small, 'X', sizeof small);
    assert_int_equal(options_parse("exitcode=abc", small, sizeof small), -1);
    assert_true(memchr(small, 0, sizeof small) != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_quoted_values),
        cmocka_unit_test(test_every_option_with_space_separators),
        cmocka_unit_test(test_other_separators),
        cmocka_unit_test(test_each_parse_starts_from_defaults),
        cmocka_unit_test(test_value_ranges),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_missing_equals),
        cmocka_unit_test(test_small_error_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
