/*
 * test_format.c - unit tests for runtime/format.c: which arguments printf
 * and scanf formats consume, with which class, and what each conversion
 * reads or writes; fetching the arguments from a va_list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "format.h"

static struct fmt_plan plan;

static void printf_plan(const char *fmt)
{
    fmt_plan_printf(fmt, &plan);
}

static void scanf_plan(const char *fmt)
{
    fmt_plan_scanf(fmt, 0, &plan);
}

static void test_printf_values_and_strings(void **state)
{
    (void)state;
    printf_plan("x=%d s=%s n=%n %ld %c %p %%s");
    assert_int_equal(plan.nargs, 6);
    assert_int_equal(plan.cls[0], FMT_INT);
    assert_int_equal(plan.cls[1], FMT_WORD);
    assert_int_equal(plan.cls[2], FMT_WORD);
    assert_int_equal(plan.cls[3], FMT_WORD);
    assert_int_equal(plan.cls[4], FMT_INT);
    assert_int_equal(plan.cls[5], FMT_WORD);
    assert_int_equal(plan.nconv, 2);
    assert_int_equal(plan.conv[0].arg, 1);
    assert_int_equal(plan.conv[0].use, FMT_STR);
    assert_int_equal(plan.conv[0].prec, -1);
    assert_int_equal(plan.conv[1].arg, 2);
    assert_int_equal(plan.conv[1].use, FMT_WRITE);
    assert_int_equal(plan.conv[1].size, 4);
}

static void test_printf_precision(void **state)
{
    (void)state;
    printf_plan("%.3s|%.*s|%-8.s|%*.*s");
    assert_int_equal(plan.nargs, 7);
    assert_int_equal(plan.nconv, 4);
    assert_int_equal(plan.conv[0].arg, 0);
    assert_int_equal(plan.conv[0].prec, 3);
    assert_int_equal(plan.conv[1].prec_arg, 1);
    assert_int_equal(plan.conv[1].arg, 2);
    assert_int_equal(plan.cls[1], FMT_INT);
    assert_int_equal(plan.conv[2].arg, 3);
    assert_int_equal(plan.conv[2].prec, 0);
    assert_int_equal(plan.conv[3].prec_arg, 5);
    assert_int_equal(plan.conv[3].arg, 6);
    assert_int_equal(plan.cls[4], FMT_INT);
}

static void test_printf_floats_and_lengths(void **state)
{
    (void)state;
    printf_plan("%5.2f %Lg %hhn %hn %lln %zn %s %lc %ls %S");
    assert_int_equal(plan.cls[0], FMT_DOUBLE);
    assert_int_equal(plan.cls[1], FMT_LDOUBLE);
    assert_int_equal(plan.nargs, 10);
    assert_int_equal(plan.nconv, 7);
    assert_int_equal(plan.conv[0].size, 1);
    assert_int_equal(plan.conv[1].size, 2);
    assert_int_equal(plan.conv[2].size, 8);
    assert_int_equal(plan.conv[3].size, 8);
    assert_int_equal(plan.conv[4].use, FMT_STR);
    assert_int_equal(plan.cls[7], FMT_INT);
    assert_int_equal(plan.conv[5].use, FMT_WSTR);
    assert_int_equal(plan.conv[6].use, FMT_WSTR);
}

static void test_printf_positional(void **state)
{
    (void)state;
    printf_plan("%2$s %1$d %3$.*4$s %2$s");
    assert_int_equal(plan.nargs, 4);
    assert_int_equal(plan.cls[0], FMT_INT);
    assert_int_equal(plan.cls[1], FMT_WORD);
    assert_int_equal(plan.cls[2], FMT_WORD);
    assert_int_equal(plan.cls[3], FMT_INT);
    assert_int_equal(plan.nconv, 3);
    assert_int_equal(plan.conv[0].arg, 1);
    assert_int_equal(plan.conv[1].arg, 2);
    assert_int_equal(plan.conv[1].prec_arg, 3);
    assert_int_equal(plan.conv[2].arg, 1);
}

static void test_printf_stops_where_it_cannot_follow(void **state)
{
    (void)state;
    printf_plan("%s %y %s"); /* unknown conversion */
    assert_int_equal(plan.nconv, 1);
    assert_int_equal(plan.nargs, 1);
    printf_plan("%1$s %s"); /* mixed numbering */
    assert_int_equal(plan.nconv, 1);
    assert_int_equal(plan.nargs, 1);
    printf_plan("%2$s"); /* a gap: argument 1's class is unknown */
    assert_int_equal(plan.nargs, 0);
    printf_plan("%m %s %"); /* %m takes no argument; a lone % ends it */
    assert_int_equal(plan.nconv, 1);
    assert_int_equal(plan.conv[0].arg, 0);
}

static void test_scanf_conversions(void **state)
{
    (void)state;
    scanf_plan("%d %5s %*d %hhx %lf %Lf %f %3c %c %[^,]%n %ms %p %lln");
    assert_int_equal(plan.nargs, 13);
    assert_int_equal(plan.nconv, 13);
    const struct fmt_conv *c = plan.conv;
    assert_int_equal(c[0].use, FMT_WRITE);
    assert_int_equal(c[0].size, 4);
    assert_int_equal(c[1].use, FMT_SCAN_STR);
    assert_int_equal(c[1].width, 5);
    assert_int_equal(c[1].arg, 1);
    assert_int_equal(c[2].size, 1);
    assert_int_equal(c[2].arg, 2); /* %*d took no argument */
    assert_int_equal(c[3].size, 8);
    assert_int_equal(c[4].size, 10);
    assert_int_equal(c[5].size, 4);
    assert_int_equal(c[6].use, FMT_SCAN_CHARS);
    assert_int_equal(c[6].width, 3);
    assert_int_equal(c[7].width, 1);
    assert_int_equal(c[8].use, FMT_SCAN_STR);
    assert_int_equal(c[9].use, FMT_WRITE); /* %n */
    assert_int_equal(c[9].assigns, 0);
    assert_int_equal(c[9].n_before, 9);
    assert_int_equal(c[9].n_clean, 1);
    assert_int_equal(c[10].alloc, 1);
    assert_int_equal(c[11].size, 8);
    assert_int_equal(c[12].n_before, 11);
    assert_int_equal(c[12].n_clean, 1);
}

static void test_scanf_n_after_what_can_fail(void **state)
{
    (void)state;
    scanf_plan("%d abc%n %d%%%n %*d%n");
    assert_int_equal(plan.nconv, 5);
    assert_int_equal(plan.conv[1].n_before, 1);
    assert_int_equal(plan.conv[1].n_clean, 0); /* the literal may not match */
    assert_int_equal(plan.conv[3].n_before, 2);
    assert_int_equal(plan.conv[3].n_clean, 0); /* %% may not match */
    assert_int_equal(plan.conv[4].n_clean, 0); /* nor %*d */
    scanf_plan(" %n");
    assert_int_equal(plan.conv[0].n_before, 0);
    assert_int_equal(plan.conv[0].n_clean, 1);
}

static void test_scanf_scanset_and_gnu_a(void **state)
{
    (void)state;
    scanf_plan("%[]x]%d");
    assert_int_equal(plan.nconv, 2);
    assert_int_equal(plan.conv[1].use, FMT_WRITE);
    scanf_plan("%[abc");
    assert_int_equal(plan.nconv, 0);
    scanf_plan("%as");
    assert_int_equal(plan.conv[0].use, FMT_WRITE); /* C99: %a is a float, then 's' literal */
    fmt_plan_scanf("%as", 1, &plan);
    assert_int_equal(plan.conv[0].use, FMT_SCAN_STR);
    assert_int_equal(plan.conv[0].alloc, 1);
}

static void fetch(uint64_t *vals, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fmt_plan_printf(fmt, &plan);
    fmt_fetch(&plan, ap, vals);
    va_end(ap);
}

static void test_fetch_classes(void **state)
{
    (void)state;
    uint64_t vals[FMT_MAX_ARGS];
    static char s[] = "str";
    static int n;
    fetch(vals, "%d %f %s %Lf %n %lld %.*s", -5, 1.5, s, (long double)2.5, &n, 7LL, 2, s);
    assert_int_equal(plan.nargs, 8);
    assert_int_equal((int64_t)vals[0], -5);
    assert_ptr_equal((void *)(uintptr_t)vals[2], s);
    assert_ptr_equal((void *)(uintptr_t)vals[4], &n);
    assert_int_equal(vals[5], 7);
    assert_int_equal(vals[6], 2);
    assert_ptr_equal((void *)(uintptr_t)vals[7], s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printf_values_and_strings),
        cmocka_unit_test(test_printf_precision),
        cmocka_unit_test(test_printf_floats_and_lengths),
        cmocka_unit_test(test_printf_positional),
        cmocka_unit_test(test_printf_stops_where_it_cannot_follow),
        cmocka_unit_test(test_scanf_conversions),
        cmocka_unit_test(test_scanf_n_after_what_can_fail),
        cmocka_unit_test(test_scanf_scanset_and_gnu_a),
        cmocka_unit_test(test_fetch_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
