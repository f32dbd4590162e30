/*
 * libc_access.h - what the interceptors of libc's string, stdio, time and
 * conversion functions share: the thread to check for, the range checks of
 * the caller's memory at the caller's pc, and string spans measured by the
 * runtime itself (never by the intercepted libc names).
 *
 * Every such interceptor passes straight through when libc_thread() is NULL:
 * the runtime is not ready, the thread is unknown, inside the runtime
 * (in_rt: the runtime's own calls) or ignoring its accesses.
 */
#ifndef CRACE_LIBC_ACCESS_H
#define CRACE_LIBC_ACCESS_H

#include "access.h"
#include "fd.h"
#include "intercept.h"
#include "suppress.h"

#include <bits/types/FILE.h>
#include <bits/types/struct_FILE.h>
#include <wchar.h>

/* The thread to check for, or NULL to pass through. */
static inline struct crace_thread *libc_thread(void)
{
    struct crace_thread *t = likely(rt_initialized) ? thread_current() : 0;
    return (t && !t->in_rt && !t->ignore) ? t : 0;
}

/* A read / write of the caller's [p, p+n) by the call at pc. Calls from
 * glibc itself or a called_from_lib library are not checked (suppress.h). */
static inline void libc_read(struct crace_thread *t, const void *p, size_t n, uintptr_t pc)
{
    if (n && !suppress_caller(pc))
        access_range(t, (uintptr_t)p, n, CELL_READ, pc);
}

static inline void libc_write(struct crace_thread *t, const void *p, size_t n, uintptr_t pc)
{
    if (n && !suppress_caller(pc))
        access_range(t, (uintptr_t)p, n, 0, pc);
}

/* Output to / input from stream f: the happens-before of data through its
 * file descriptor (fd.h), as fwrite and fread have it. The
 * descriptor is read from the FILE itself: fileno() would set errno for a
 * stream without one (fmemopen), after the real call set it. */
static inline void stream_release(FILE *f)
{
    struct crace_thread *t = f ? intercept_thread() : 0;
    if (t)
        fd_release(t, f->_fileno);
}

static inline void stream_acquire(FILE *f)
{
    struct crace_thread *t = f ? intercept_thread() : 0;
    if (t)
        fd_acquire(t, f->_fileno);
}

/* Bytes of a string read up to and with its terminator, at most max. */
static inline size_t str_span(const char *s, size_t max)
{
    size_t i = 0;
    while (i < max && s[i])
        i++;
    return i < max ? i + 1 : max;
}

/* The same for a wide string, in bytes; max counts characters. */
static inline size_t wcs_span(const wchar_t *s, size_t max)
{
    size_t i = 0;
    while (i < max && s[i])
        i++;
    return (i < max ? i + 1 : max) * sizeof(wchar_t);
}

/* Resolve the real pointers of each interceptor file at start-up (all are
 * called from intercept_string_init). */
void intercept_printf_init(void);
void intercept_scanf_init(void);
void intercept_stdio_init(void);
void intercept_stdlib_init(void);
void intercept_time_init(void);
void intercept_wide_init(void);

#endif
