/*
 * intercept_scanf.c - the scanf family. libc converts without
 * instrumentation, so each call is checked here, at the caller's pc, after
 * the real function returned:
 *
 *   every function   reads the format string with its terminator; writes
 *                    the objects of the conversions that assigned: the
 *                    first r assigning conversions, r being the result
 *                    (none when it is EOF):
 *                      %d %i %o %u %x %n   1, 2, 4 or 8 bytes (hh h - l/ll/j/z/t/L)
 *                      %f %e %g %a         4 (float), 8 (l), 10 (L)
 *                      %p                  8
 *                      %s %[               the string stored, with its NUL
 *                      %ls %l[ %S          the same in wide characters
 *                      %c %lc %C           the field width (default 1) in
 *                                          chars or wide chars, no NUL
 *                      %m (allocating)     the char * (8 bytes), then the
 *                                          string or chars in the new block
 *                    %n (not counted in r) is written when the scan passed
 *                    it: a later assigning conversion succeeded, or all
 *                    before it did and nothing that can fail came between
 *   sscanf, vsscanf  also read the input string with its terminator
 *                    (glibc measures it before scanning)
 *   scanf, fscanf    nothing else: the FILE is stdio's (they acquire from
 *                    its descriptor's channel, as fread)
 *
 * <stdio.h> redirects the standard names to __isoc99_* in C99 and later
 * modes; both forms are intercepted (the plain ones are GNU's pre-C99 scanf,
 * where %as allocates).
 */
#include "format.h"
#include "libc_access.h"

/* Not <stdio.h>: it renames scanf and friends to their __isoc99_ forms,
 * and both sets of names are defined here. */
#include <bits/types/FILE.h>
extern FILE *stdin;
#define EOF (-1)

/* Did the scan reach this %n? */
static int n_written(const struct fmt_conv *c, int r)
{
    return c->n_before < r || (c->n_before == r && c->n_clean);
}

/* The bytes one assigning conversion stored through p. */
static void stored(struct crace_thread *t, const struct fmt_conv *c, void *p, uintptr_t pc)
{
    size_t width = c->width < 0 ? (size_t)-1 : (size_t)c->width + 1; /* with the NUL */
    if (c->alloc) {
        libc_write(t, p, sizeof(char *), pc);
        p = *(void **)p;
        if (!p)
            return;
    }
    switch (c->use) {
    case FMT_WRITE:
        libc_write(t, p, c->size, pc);
        break;
    case FMT_SCAN_STR:
        libc_write(t, p, str_span(p, width), pc);
        break;
    case FMT_SCAN_WSTR:
        libc_write(t, p, wcs_span(p, width), pc);
        break;
    case FMT_SCAN_CHARS:
        libc_write(t, p, (size_t)c->width * c->size, pc);
        break;
    }
}

/* After a call that returned r: the format, the input (sscanf: NULL for a
 * stream) and the stored objects. */
static void after_scan(const char *input, const char *fmt, int gnu_a, va_list args, int r,
                       uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (!t)
        return;
    libc_read(t, fmt, str_span(fmt, (size_t)-1), pc);
    if (input)
        libc_read(t, input, str_span(input, (size_t)-1), pc);
    if (r == EOF)
        return;
    struct fmt_plan plan;
    uint64_t vals[FMT_MAX_ARGS];
    fmt_plan_scanf(fmt, gnu_a, &plan);
    fmt_fetch(&plan, args, vals);
    int assigned = 0;
    for (int i = 0; i < plan.nconv; i++) {
        const struct fmt_conv *c = &plan.conv[i];
        int done = c->assigns ? assigned++ < r : n_written(c, r);
        if (done && c->arg < plan.nargs && vals[c->arg])
            stored(t, c, (void *)(uintptr_t)vals[c->arg], pc);
    }
}

DECLARE_REAL(int, vsscanf, const char *, const char *, va_list);
DECLARE_REAL(int, __isoc99_vsscanf, const char *, const char *, va_list);
DECLARE_REAL(int, vfscanf, FILE *, const char *, va_list);
DECLARE_REAL(int, __isoc99_vfscanf, FILE *, const char *, va_list);

static int do_vsscanf(const char *in, const char *fmt, va_list ap, int c99, uintptr_t pc)
{
    RESOLVE_REAL(vsscanf);
    RESOLVE_REAL(__isoc99_vsscanf);
    va_list copy;
    va_copy(copy, ap);
    int r = c99 ? REAL(__isoc99_vsscanf)(in, fmt, ap) : REAL(vsscanf)(in, fmt, ap);
    after_scan(in, fmt, !c99, copy, r, pc);
    va_end(copy);
    return r;
}

static int do_vfscanf(FILE *f, const char *fmt, va_list ap, int c99, uintptr_t pc)
{
    RESOLVE_REAL(vfscanf);
    RESOLVE_REAL(__isoc99_vfscanf);
    va_list copy;
    va_copy(copy, ap);
    int r = c99 ? REAL(__isoc99_vfscanf)(f, fmt, ap) : REAL(vfscanf)(f, fmt, ap);
    if (r != EOF)
        stream_acquire(f);
    after_scan(0, fmt, !c99, copy, r, pc);
    va_end(copy);
    return r;
}

RT_EXPORT int vsscanf(const char *in, const char *fmt, va_list ap)
{
    return do_vsscanf(in, fmt, ap, 0, RT_CALLER_PC());
}

RT_EXPORT int __isoc99_vsscanf(const char *in, const char *fmt, va_list ap)
{
    return do_vsscanf(in, fmt, ap, 1, RT_CALLER_PC());
}

RT_EXPORT int sscanf(const char *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vsscanf(in, fmt, ap, 0, RT_CALLER_PC());
    va_end(ap);
    return r;
}

RT_EXPORT int __isoc99_sscanf(const char *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vsscanf(in, fmt, ap, 1, RT_CALLER_PC());
    va_end(ap);
    return r;
}

RT_EXPORT int vfscanf(FILE *f, const char *fmt, va_list ap)
{
    return do_vfscanf(f, fmt, ap, 0, RT_CALLER_PC());
}

RT_EXPORT int __isoc99_vfscanf(FILE *f, const char *fmt, va_list ap)
{
    return do_vfscanf(f, fmt, ap, 1, RT_CALLER_PC());
}

RT_EXPORT int vscanf(const char *fmt, va_list ap)
{
    return do_vfscanf(stdin, fmt, ap, 0, RT_CALLER_PC());
}

RT_EXPORT int __isoc99_vscanf(const char *fmt, va_list ap)
{
    return do_vfscanf(stdin, fmt, ap, 1, RT_CALLER_PC());
}

RT_EXPORT int fscanf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vfscanf(f, fmt, ap, 0, RT_CALLER_PC());
    va_end(ap);
    return r;
}

RT_EXPORT int __isoc99_fscanf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vfscanf(f, fmt, ap, 1, RT_CALLER_PC());
    va_end(ap);
    return r;
}

RT_EXPORT int scanf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vfscanf(stdin, fmt, ap, 0, RT_CALLER_PC());
    va_end(ap);
    return r;
}

RT_EXPORT int __isoc99_scanf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = do_vfscanf(stdin, fmt, ap, 1, RT_CALLER_PC());
    va_end(ap);
    return r;
}

void intercept_scanf_init(void)
{
    RESOLVE_REAL(vsscanf);
    RESOLVE_REAL(__isoc99_vsscanf);
    RESOLVE_REAL(vfscanf);
    RESOLVE_REAL(__isoc99_vfscanf);
}
