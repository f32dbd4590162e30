/*
 * test_internal.c - unit tests for runtime/internal.c's output paths:
 * rt_die, rt_printf and the out-of-memory exit format their message and
 * reach stderr without calling snprintf or vsnprintf. In a program built
 * with crace those names are our interceptors, which check the buffer and
 * may need shadow memory: rt_die reporting that shadow could not be
 * reserved recursed through them until the stack overflowed.
 *
 * This test defines snprintf and vsnprintf itself, like the runtime does;
 * in a child process about to exercise an error path they are "poisoned"
 * (a call exits with status 99 instead of formatting).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt.h"

static int poisoned; /* set in the child only */

int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
    if (poisoned)
        _exit(99);
    return __vsnprintf_chk(buf, len, 0, len, fmt, ap);
}

int snprintf(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    return n;
}

/* Run fn in a child with poisoned formatters and stderr on a pipe; return
 * its exit status and what it wrote. */
static int run_child(void (*fn)(void), char *out, size_t len)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 2);
        dup2(p[1], 1);
        poisoned = 1;
        fn();
        _exit(0);
    }
    close(p[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < len && (n = read(p[0], out + got, len - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = 0;
    close(p[0]);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static void die_shadow(void)
{
    rt_die("cannot reserve %lu MiB of shadow memory (vm.overcommit_memory=2?)", 4096ul);
}

static void test_die_prints_without_formatters(void **state)
{
    (void)state;
    char out[512];
    assert_int_equal(run_child(die_shadow, out, sizeof out), 2);
    assert_string_equal(
        out, "crace: cannot reserve 4096 MiB of shadow memory (vm.overcommit_memory=2?)\n");
}

static void die_long(void)
{
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    rt_die("%s", big);
}

static void test_die_cuts_long_messages(void **state)
{
    (void)state;
    static char out[4096];
    assert_int_equal(run_child(die_long, out, sizeof out), 2);
    assert_int_equal(strncmp(out, "crace: xxxx", 11), 0);
    assert_true(strlen(out) < 1100);
    assert_int_equal(out[strlen(out) - 1], '\n');
}

static void print_some(void)
{
    rt_printf(2, "crace: %d %s %p\n", 42, "ok", (void *)0x1234);
    char buf[16];
    int n = rt_snprintf(buf, sizeof buf, "%s-%u", "abcdefghijklmnop", 7u);
    rt_printf(2, "%d %s\n", n, buf);
}

static void test_printf_without_formatters(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(run_child(print_some, out, sizeof out), 0);
    assert_string_equal(out, "crace: 42 ok 0x1234\n18 abcdefghijklmno\n");
}

static void out_of_memory(void)
{
    rt_alloc((size_t)1 << 62);
}

static void test_out_of_memory_without_formatters(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(run_child(out_of_memory, out, sizeof out), 2);
    assert_string_equal(out, "crace: out of memory (4611686018427387904 bytes)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_die_prints_without_formatters),
        cmocka_unit_test(test_die_cuts_long_messages),
        cmocka_unit_test(test_printf_without_formatters),
        cmocka_unit_test(test_out_of_memory_without_formatters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
