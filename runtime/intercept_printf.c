/*
 * intercept_printf.c - the printf family. libc formats without
 * instrumentation, so each call is checked here, at the caller's pc, once
 * the real function has returned successfully:
 *
 *   every function      reads the format string with its terminator;
 *                       reads each %s argument (up to its precision, with
 *                       the terminator if it comes first; NULL prints
 *                       "(null)" and reads nothing), each %ls argument;
 *                       writes each %n argument (1, 2, 4 or 8 bytes by
 *                       its length modifier)
 *   sprintf, vsprintf   also write the output and its terminator (n + 1)
 *   snprintf, vsnprintf also write min(n + 1, size) bytes of the output
 *   asprintf, vasprintf also write *strp (8 bytes) and the n + 1 bytes of
 *                       the new block (allocated inside libc: fresh memory,
 *                       suppress.h; the program owns it from here)
 *   printf, fprintf, dprintf and their v and fortified (__*_chk) forms
 *                       touch no other memory of the caller: the FILE and
 *                       its buffer are stdio's, locked by stdio itself; they
 *                       release into their descriptor's channel (as fwrite)
 *
 * A failed call (negative result) is not checked: glibc may have stopped
 * before reading the arguments. Arguments are read from a va_copy of the
 * caller's list (format.h), never guessed: a format crace cannot follow is
 * checked up to the first conversion it does not understand.
 *
 * libc's internal calls (vfprintf's strlen of a %s, printf's vfprintf) do
 * not go through the PLT, so nothing is checked twice; each entry point
 * calls the real v-function directly, never another interceptor, so the pc
 * is always the program's call site.
 */
#include "format.h"
#include "libc_access.h"

#include <stdio.h>

/* The reads and writes of a successful call's format and arguments. Each
 * entry point below calls the real v-function with ap and then checks with
 * a copy of the list taken before the call. */
static void check_args(struct crace_thread *t, const char *fmt, va_list args, uintptr_t pc)
{
    struct fmt_plan plan;
    uint64_t vals[FMT_MAX_ARGS];
    libc_read(t, fmt, str_span(fmt, (size_t)-1), pc);
    fmt_plan_printf(fmt, &plan);
    fmt_fetch(&plan, args, vals);
    for (int i = 0; i < plan.nconv; i++) {
        const struct fmt_conv *c = &plan.conv[i];
        if (c->arg >= plan.nargs || c->prec_arg >= plan.nargs)
            continue;
        const void *p = (const void *)(uintptr_t)vals[c->arg];
        int prec = c->prec_arg >= 0 ? (int)vals[c->prec_arg] : c->prec;
        if (!p)
            continue;
        if (c->use == FMT_STR)
            libc_read(t, p, str_span(p, prec < 0 ? (size_t)-1 : (size_t)prec), pc);
        else if (c->use == FMT_WSTR && prec < 0)
            libc_read(t, p, wcs_span(p, (size_t)-1), pc);
        else if (c->use == FMT_WRITE)
            libc_write(t, p, c->size, pc);
    }
}

/* After a call that returned n: its arguments, then its output buffer
 * (cap bytes available, (size_t)-1 when unbounded; 0 for a stream). */
static void after_call(const char *fmt, va_list args, int n, void *buf, size_t cap, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (!t || n < 0)
        return;
    check_args(t, fmt, args, pc);
    if (buf && cap)
        libc_write(t, buf, (size_t)n + 1 < cap ? (size_t)n + 1 : cap, pc);
}

/* asprintf: *strp and the new string. */
static void after_asprintf(const char *fmt, va_list args, int n, char **strp, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (!t || n < 0)
        return;
    check_args(t, fmt, args, pc);
    libc_write(t, strp, sizeof *strp, pc);
    libc_write(t, *strp, (size_t)n + 1, pc);
}

/* ---- into a buffer ---- */

DECLARE_REAL(int, vsnprintf, char *, size_t, const char *, va_list);
DECLARE_REAL(int, vsprintf, char *, const char *, va_list);
DECLARE_REAL(int, vasprintf, char **, const char *, va_list);
DECLARE_REAL(int, __vsnprintf_chk, char *, size_t, int, size_t, const char *, va_list);
DECLARE_REAL(int, __vsprintf_chk, char *, int, size_t, const char *, va_list);
DECLARE_REAL(int, __vasprintf_chk, char **, int, const char *, va_list);

static int do_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(vsnprintf);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(vsnprintf)(buf, cap, fmt, ap);
    after_call(fmt, copy, n, buf, cap, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    return do_vsnprintf(buf, cap, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vsnprintf(buf, cap, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vsprintf(char *buf, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(vsprintf);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(vsprintf)(buf, fmt, ap);
    after_call(fmt, copy, n, buf, (size_t)-1, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return do_vsprintf(buf, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vsprintf(buf, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vasprintf(char **strp, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(vasprintf);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(vasprintf)(strp, fmt, ap);
    after_asprintf(fmt, copy, n, strp, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int vasprintf(char **strp, const char *fmt, va_list ap)
{
    return do_vasprintf(strp, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int asprintf(char **strp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vasprintf(strp, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

/* _FORTIFY_SOURCE forms: flag and the object size are passed on. */
static int do_vsnprintf_chk(char *buf, size_t cap, int flag, size_t len, const char *fmt,
                            va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(__vsnprintf_chk);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(__vsnprintf_chk)(buf, cap, flag, len, fmt, ap);
    after_call(fmt, copy, n, buf, cap, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int __vsnprintf_chk(char *buf, size_t cap, int flag, size_t len, const char *fmt,
                              va_list ap)
{
    return do_vsnprintf_chk(buf, cap, flag, len, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __snprintf_chk(char *buf, size_t cap, int flag, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vsnprintf_chk(buf, cap, flag, len, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vsprintf_chk(char *buf, int flag, size_t len, const char *fmt, va_list ap,
                           uintptr_t pc)
{
    RESOLVE_REAL(__vsprintf_chk);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(__vsprintf_chk)(buf, flag, len, fmt, ap);
    after_call(fmt, copy, n, buf, (size_t)-1, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int __vsprintf_chk(char *buf, int flag, size_t len, const char *fmt, va_list ap)
{
    return do_vsprintf_chk(buf, flag, len, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __sprintf_chk(char *buf, int flag, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vsprintf_chk(buf, flag, len, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vasprintf_chk(char **strp, int flag, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(__vasprintf_chk);
    va_list copy;
    va_copy(copy, ap);
    int n = REAL(__vasprintf_chk)(strp, flag, fmt, ap);
    after_asprintf(fmt, copy, n, strp, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int __vasprintf_chk(char **strp, int flag, const char *fmt, va_list ap)
{
    return do_vasprintf_chk(strp, flag, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __asprintf_chk(char **strp, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vasprintf_chk(strp, flag, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

/* ---- to a stream or a file descriptor ---- */

/* Output through fd orders this thread before its reader (fd.h);
 * streams do the same through stream_release. */
static void fd_written(int fd)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_release(t, fd);
}

DECLARE_REAL(int, vfprintf, FILE *, const char *, va_list);
DECLARE_REAL(int, vdprintf, int, const char *, va_list);
DECLARE_REAL(int, __vfprintf_chk, FILE *, int, const char *, va_list);
DECLARE_REAL(int, __vdprintf_chk, int, int, const char *, va_list);

static int do_vfprintf(FILE *f, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(vfprintf);
    va_list copy;
    va_copy(copy, ap);
    stream_release(f);
    int n = REAL(vfprintf)(f, fmt, ap);
    after_call(fmt, copy, n, 0, 0, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    return do_vfprintf(f, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int vprintf(const char *fmt, va_list ap)
{
    return do_vfprintf(stdout, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vfprintf(f, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

RT_EXPORT int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vfprintf(stdout, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vdprintf(int fd, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(vdprintf);
    va_list copy;
    va_copy(copy, ap);
    fd_written(fd);
    int n = REAL(vdprintf)(fd, fmt, ap);
    after_call(fmt, copy, n, 0, 0, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int vdprintf(int fd, const char *fmt, va_list ap)
{
    return do_vdprintf(fd, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vdprintf(fd, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(__vfprintf_chk);
    va_list copy;
    va_copy(copy, ap);
    stream_release(f);
    int n = REAL(__vfprintf_chk)(f, flag, fmt, ap);
    after_call(fmt, copy, n, 0, 0, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
    return do_vfprintf_chk(f, flag, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __vprintf_chk(int flag, const char *fmt, va_list ap)
{
    return do_vfprintf_chk(stdout, flag, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vfprintf_chk(f, flag, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

RT_EXPORT int __printf_chk(int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vfprintf_chk(stdout, flag, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

static int do_vdprintf_chk(int fd, int flag, const char *fmt, va_list ap, uintptr_t pc)
{
    RESOLVE_REAL(__vdprintf_chk);
    va_list copy;
    va_copy(copy, ap);
    fd_written(fd);
    int n = REAL(__vdprintf_chk)(fd, flag, fmt, ap);
    after_call(fmt, copy, n, 0, 0, pc);
    va_end(copy);
    return n;
}

RT_EXPORT int __vdprintf_chk(int fd, int flag, const char *fmt, va_list ap)
{
    return do_vdprintf_chk(fd, flag, fmt, ap, RT_CALLER_PC());
}

RT_EXPORT int __dprintf_chk(int fd, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = do_vdprintf_chk(fd, flag, fmt, ap, RT_CALLER_PC());
    va_end(ap);
    return n;
}

void intercept_printf_init(void)
{
    RESOLVE_REAL(vsnprintf);
    RESOLVE_REAL(vsprintf);
    RESOLVE_REAL(vasprintf);
    RESOLVE_REAL(__vsnprintf_chk);
    RESOLVE_REAL(__vsprintf_chk);
    RESOLVE_REAL(__vasprintf_chk);
    RESOLVE_REAL(vfprintf);
    RESOLVE_REAL(vdprintf);
    RESOLVE_REAL(__vfprintf_chk);
    RESOLVE_REAL(__vdprintf_chk);
}
