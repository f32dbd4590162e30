/*
 * test_symbolize.c - unit tests for runtime/symbolize.c.
 *
 * Links symbolize.c alone. This file is built with -O0 -g; the inlining
 * case lives in symbolize_inline_helper.c, built with -O2 -g.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <string.h>
#include <unistd.h>

#include "symbolize.h"
#include "symbolize_inline_helper.h"

#define MAXF 8

int test_global_counter;
enum { GLOBAL_LINE = __LINE__ - 1 };

static char test_big_bss[1 << 20];
enum { BIG_BSS_LINE = __LINE__ - 1 };

static int ends_with(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

static const char *self_path(void)
{
    static char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static __attribute__((noinline)) uintptr_t return_address(int *out, int line)
{
    *out = line;
    return (uintptr_t)__builtin_return_address(0);
}

static __attribute__((noinline)) uintptr_t probe_caller(int *line)
{
    uintptr_t ra = return_address(line, __LINE__);

    return ra;
}

static __attribute__((noinline)) int *local_static(int *line)
{
    static int local_counter;

    *line = __LINE__ - 2;
    return &local_counter;
}

static void test_function_line(void **state)
{
    struct sym_frame f[MAXF];
    int line = 0, n;
    uintptr_t ra = probe_caller(&line);

    (void)state;
    n = sym_pc(ra - 1, f, MAXF);
    assert_int_equal(n, 1);
    assert_non_null(f[0].function);
    assert_string_equal(f[0].function, "probe_caller");
    assert_true(ends_with(f[0].file, "test_symbolize.c"));
    assert_int_equal(f[0].line, line);
    assert_true(f[0].func_start == (uintptr_t)probe_caller);
    assert_non_null(f[0].module);
    assert_string_equal(f[0].module, self_path());
    assert_true(f[0].module_offset < ra);
}

static void test_function_start(void **state)
{
    struct sym_frame f[MAXF];
    int n;

    (void)state;
    n = sym_pc((uintptr_t)probe_caller, f, MAXF);
    assert_int_equal(n, 1);
    assert_string_equal(f[0].function, "probe_caller");
    assert_true(f[0].func_start == (uintptr_t)probe_caller);
    assert_true(f[0].line > 0);
}

static void test_global(void **state)
{
    struct sym_global g;
    uintptr_t a = (uintptr_t)&test_global_counter;

    (void)state;
    assert_int_equal(sym_global(a + 2, &g), 1);
    assert_string_equal(g.name, "test_global_counter");
    assert_true(g.start == a);
    assert_int_equal(g.size, 4);
    assert_true(ends_with(g.file, "test_symbolize.c"));
    assert_int_equal(g.line, GLOBAL_LINE);
    assert_non_null(g.module);
}

static void test_global_bss_tail(void **state)
{
    struct sym_global g;
    uintptr_t a = (uintptr_t)test_big_bss;

    (void)state;
    assert_int_equal(sym_global(a + sizeof test_big_bss - 1, &g), 1);
    assert_string_equal(g.name, "test_big_bss");
    assert_true(g.start == a);
    assert_int_equal(g.size, sizeof test_big_bss);
    assert_int_equal(g.line, BIG_BSS_LINE);
}

static void test_function_static(void **state)
{
    struct sym_global g;
    int line = 0;
    uintptr_t a = (uintptr_t)local_static(&line);

    (void)state;
    assert_int_equal(sym_global(a, &g), 1);
    assert_string_equal(g.name, "local_counter");
    assert_true(g.start == a);
    assert_int_equal(g.size, sizeof(int));
    assert_true(ends_with(g.file, "test_symbolize.c"));
    assert_int_equal(g.line, line);
}

static void test_not_global(void **state)
{
    struct sym_global g;
    int on_stack = 0;

    (void)state;
    assert_int_equal(sym_global((uintptr_t)&on_stack, &g), 0);
    assert_int_equal(sym_global((uintptr_t)probe_caller, &g), 0);
    assert_int_equal(sym_global(0x10, &g), 0);
}

static void test_libc(void **state)
{
    struct sym_frame f[MAXF];
    void *libc = dlopen("libc.so.6", RTLD_NOLOAD | RTLD_LAZY);
    uintptr_t w;
    int n;

    (void)state;
    /* libc's own write, not an interposed one (sanitizers, the runtime). */
    assert_non_null(libc);
    w = (uintptr_t)dlsym(libc, "write");
    assert_true(w != 0);
    n = sym_pc(w, f, MAXF);
    assert_true(n >= 1);
    assert_non_null(f[0].module);
    assert_non_null(strstr(f[0].module, "libc"));
    assert_non_null(f[0].function);
    assert_non_null(strstr(f[0].function, "write"));
    assert_true(f[n - 1].func_start == w);
}

static void test_outside(void **state)
{
    struct sym_frame f[MAXF];

    (void)state;
    memset(f, 0xa5, sizeof f);
    assert_int_equal(sym_pc(0x10, f, MAXF), 1);
    assert_null(f[0].function);
    assert_null(f[0].file);
    assert_int_equal(f[0].line, 0);
    assert_null(f[0].module);
    assert_true(f[0].func_start == 0);
}

static void test_inlined(void **state)
{
    struct sym_frame f[MAXF];
    int callee_line = 0, call_line = 0, n;
    uintptr_t pc = inline_helper(&callee_line, &call_line);

    (void)state;
    n = sym_pc(pc - 1, f, MAXF);
    assert_int_equal(n, 2);
    assert_string_equal(f[0].function, "inline_callee");
    assert_true(ends_with(f[0].file, "symbolize_inline_helper.c"));
    assert_int_equal(f[0].line, callee_line);
    assert_string_equal(f[1].function, "inline_helper");
    assert_true(ends_with(f[1].file, "symbolize_inline_helper.c"));
    assert_int_equal(f[1].line, call_line);
    assert_true(f[0].func_start == (uintptr_t)inline_helper);
    assert_true(f[1].func_start == (uintptr_t)inline_helper);
    assert_ptr_equal(f[0].module, f[1].module);

    /* Room for one frame only: the innermost one. */
    assert_int_equal(sym_pc(pc - 1, f, 1), 1);
    assert_string_equal(f[0].function, "inline_callee");
}

static void test_invalidate(void **state)
{
    struct sym_frame a[MAXF], b[MAXF];
    int line;
    uintptr_t ra = probe_caller(&line);

    (void)state;
    assert_int_equal(sym_pc(ra - 1, a, MAXF), 1);
    sym_invalidate();
    assert_int_equal(sym_pc(ra - 1, b, MAXF), 1);
    /* Interned: same pointers, still valid after the re-report. */
    assert_ptr_equal(a[0].function, b[0].function);
    assert_ptr_equal(a[0].file, b[0].file);
    assert_ptr_equal(a[0].module, b[0].module);
    assert_int_equal(a[0].line, b[0].line);
}

/* A library loaded after the session exists is found without sym_invalidate. */
static void test_dlopen(void **state)
{
    struct sym_frame f[MAXF];
    void *h = dlopen("libm.so.6", RTLD_NOW);
    uintptr_t fn;

    (void)state;
    assert_non_null(h);
    fn = (uintptr_t)dlsym(h, "frexp");
    assert_true(fn != 0);
    assert_true(sym_pc(fn, f, MAXF) >= 1);
    assert_non_null(f[0].module);
    assert_non_null(strstr(f[0].module, "libm"));
    assert_non_null(f[0].function);
}

int main(void)
{
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outside),
        cmocka_unit_test(test_function_line),
        cmocka_unit_test(test_function_start),
        cmocka_unit_test(test_global),
        cmocka_unit_test(test_global_bss_tail),
        cmocka_unit_test(test_function_static),
        cmocka_unit_test(test_not_global),
        cmocka_unit_test(test_libc),
        cmocka_unit_test(test_inlined),
        cmocka_unit_test(test_dlopen),
        cmocka_unit_test(test_invalidate),
    };
    /* clang-format on */

    return cmocka_run_group_tests(tests, NULL, NULL);
}
