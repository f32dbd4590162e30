/*
 * intercept_string.c - string and memory functions of libc, checked as
 * range accesses of exactly the bytes they read or write (the functions
 * themselves run uninstrumented inside libc).
 */
#include "access.h"
#include "intercept.h"
#include "suppress.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The thread to check for, or NULL (runtime's own calls, ignored threads). */
static inline struct crace_thread *str_thread(void)
{
    struct crace_thread *t = rt_initialized ? crace_cur : 0;
    return (t && !t->in_rt && !t->ignore) ? t : 0;
}

/* Calls from a called_from_lib library (suppress.h) are not checked. */
static void rd(struct crace_thread *t, const void *p, size_t n, uintptr_t pc)
{
    if (!suppress_caller(pc))
        access_range(t, (uintptr_t)p, n, CELL_READ, pc);
}

static void wr(struct crace_thread *t, void *p, size_t n, uintptr_t pc)
{
    if (!suppress_caller(pc))
        access_range(t, (uintptr_t)p, n, 0, pc);
}

/* Length of a string with its terminator, bounded by max. */
static size_t str_span(const char *s, size_t max)
{
    size_t i = 0;
    while (i < max && s[i])
        i++;
    return i < max ? i + 1 : max;
}

/* Bytes compared by strcmp/strncmp: up to the first difference or NUL. */
static size_t cmp_span(const char *a, const char *b, size_t max)
{
    size_t i = 0;
    while (i < max && a[i] && a[i] == b[i])
        i++;
    return i < max ? i + 1 : max;
}

DECLARE_REAL(size_t, strlen, const char *);
RT_EXPORT size_t strlen(const char *s)
{
    RESOLVE_REAL(strlen);
    size_t n = REAL(strlen)(s);
    struct crace_thread *t = str_thread();
    if (t)
        rd(t, s, n + 1, RT_CALLER_PC());
    return n;
}

DECLARE_REAL(size_t, strnlen, const char *, size_t);
RT_EXPORT size_t strnlen(const char *s, size_t max)
{
    RESOLVE_REAL(strnlen);
    size_t n = REAL(strnlen)(s, max);
    struct crace_thread *t = str_thread();
    if (t)
        rd(t, s, n < max ? n + 1 : max, RT_CALLER_PC());
    return n;
}

DECLARE_REAL(int, strcmp, const char *, const char *);
RT_EXPORT int strcmp(const char *a, const char *b)
{
    RESOLVE_REAL(strcmp);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t n = cmp_span(a, b, (size_t)-1);
        rd(t, a, n, RT_CALLER_PC());
        rd(t, b, n, RT_CALLER_PC());
    }
    return REAL(strcmp)(a, b);
}

DECLARE_REAL(int, strncmp, const char *, const char *, size_t);
RT_EXPORT int strncmp(const char *a, const char *b, size_t max)
{
    RESOLVE_REAL(strncmp);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t n = cmp_span(a, b, max);
        rd(t, a, n, RT_CALLER_PC());
        rd(t, b, n, RT_CALLER_PC());
    }
    return REAL(strncmp)(a, b, max);
}

DECLARE_REAL(char *, strcpy, char *, const char *);
RT_EXPORT char *strcpy(char *d, const char *s)
{
    RESOLVE_REAL(strcpy);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t n = str_span(s, (size_t)-1);
        rd(t, s, n, RT_CALLER_PC());
        wr(t, d, n, RT_CALLER_PC());
    }
    return REAL(strcpy)(d, s);
}

DECLARE_REAL(char *, strncpy, char *, const char *, size_t);
RT_EXPORT char *strncpy(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(strncpy);
    struct crace_thread *t = str_thread();
    if (t) {
        rd(t, s, str_span(s, max), RT_CALLER_PC());
        wr(t, d, max, RT_CALLER_PC());
    }
    return REAL(strncpy)(d, s, max);
}

DECLARE_REAL(char *, strcat, char *, const char *);
RT_EXPORT char *strcat(char *d, const char *s)
{
    RESOLVE_REAL(strcat);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t dn = str_span(d, (size_t)-1), sn = str_span(s, (size_t)-1);
        rd(t, d, dn, RT_CALLER_PC());
        rd(t, s, sn, RT_CALLER_PC());
        wr(t, d + dn - 1, sn, RT_CALLER_PC());
    }
    return REAL(strcat)(d, s);
}

DECLARE_REAL(char *, strncat, char *, const char *, size_t);
RT_EXPORT char *strncat(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(strncat);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t dn = str_span(d, (size_t)-1), sn = str_span(s, max);
        size_t copied = (sn == max && (max == 0 || s[max - 1])) ? max : sn - 1;
        rd(t, d, dn, RT_CALLER_PC());
        rd(t, s, sn, RT_CALLER_PC());
        wr(t, d + dn - 1, copied + 1, RT_CALLER_PC());
    }
    return REAL(strncat)(d, s, max);
}

DECLARE_REAL(char *, strchr, const char *, int);
RT_EXPORT char *strchr(const char *s, int c)
{
    RESOLVE_REAL(strchr);
    char *r = REAL(strchr)(s, c);
    struct crace_thread *t = str_thread();
    if (t)
        rd(t, s, r ? (size_t)(r - s) + 1 : str_span(s, (size_t)-1), RT_CALLER_PC());
    return r;
}

DECLARE_REAL(char *, strrchr, const char *, int);
RT_EXPORT char *strrchr(const char *s, int c)
{
    RESOLVE_REAL(strrchr);
    struct crace_thread *t = str_thread();
    if (t)
        rd(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    return REAL(strrchr)(s, c);
}

DECLARE_REAL(char *, strstr, const char *, const char *);
RT_EXPORT char *strstr(const char *h, const char *n)
{
    RESOLVE_REAL(strstr);
    char *r = REAL(strstr)(h, n);
    struct crace_thread *t = str_thread();
    if (t) {
        size_t nn = str_span(n, (size_t)-1);
        rd(t, n, nn, RT_CALLER_PC());
        rd(t, h, r ? (size_t)(r - h) + nn - 1 : str_span(h, (size_t)-1), RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(int, memcmp, const void *, const void *, size_t);
RT_EXPORT int memcmp(const void *a, const void *b, size_t n)
{
    RESOLVE_REAL(memcmp);
    struct crace_thread *t = str_thread();
    if (t) {
        rd(t, a, n, RT_CALLER_PC());
        rd(t, b, n, RT_CALLER_PC());
    }
    return REAL(memcmp)(a, b, n);
}

/* bcmp only promises equal/unequal: memcmp answers that. */
RT_EXPORT int bcmp(const void *a, const void *b, size_t n) __attribute__((alias("memcmp")));

DECLARE_REAL(void *, memchr, const void *, int, size_t);
RT_EXPORT void *memchr(const void *s, int c, size_t n)
{
    RESOLVE_REAL(memchr);
    void *r = REAL(memchr)(s, c, n);
    struct crace_thread *t = str_thread();
    if (t)
        rd(t, s, r ? (size_t)((const char *)r - (const char *)s) + 1 : n, RT_CALLER_PC());
    return r;
}

/*
 * strdup/strndup read the source and write the new block. They allocate
 * through intercept_malloc_at, so that the block's allocation (and the
 * write that stamps it) is the program's call, not a malloc inside libc.
 */
static char *dup_n(struct crace_thread *t, const char *s, size_t span, uintptr_t pc)
{
    size_t n = span && !s[span - 1] ? span - 1 : span; /* without the terminator */
    rd(t, s, span, pc);
    char *d = intercept_malloc_at(n + 1, pc);
    if (!d)
        return 0;
    rt_memcpy(d, s, n);
    d[n] = 0;
    wr(t, d, n + 1, pc);
    return d;
}

DECLARE_REAL(char *, strdup, const char *);
RT_EXPORT char *strdup(const char *s)
{
    RESOLVE_REAL(strdup);
    struct crace_thread *t = str_thread();
    if (!t)
        return REAL(strdup)(s);
    return dup_n(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
}

DECLARE_REAL(char *, strndup, const char *, size_t);
RT_EXPORT char *strndup(const char *s, size_t max)
{
    RESOLVE_REAL(strndup);
    struct crace_thread *t = str_thread();
    if (!t)
        return REAL(strndup)(s, max);
    return dup_n(t, s, str_span(s, max), RT_CALLER_PC());
}

RT_EXPORT void bzero(void *d, size_t n)
{
    struct crace_thread *t = str_thread();
    if (t)
        wr(t, d, n, RT_CALLER_PC());
    rt_memset(d, 0, n);
}

RT_EXPORT void explicit_bzero(void *d, size_t n)
{
    struct crace_thread *t = str_thread();
    if (t)
        wr(t, d, n, RT_CALLER_PC());
    rt_memset(d, 0, n);
    __asm__ __volatile__("" : : "r"(d) : "memory");
}

/* Formatted output into memory: the bytes written (with the terminator) are
 * a write of the buffer. */
static void formatted(void *buf, size_t cap, int n, uintptr_t pc)
{
    struct crace_thread *t = str_thread();
    if (!t || n < 0 || cap == 0)
        return;
    size_t written = (size_t)n + 1 < cap ? (size_t)n + 1 : cap;
    wr(t, buf, written, pc);
}

DECLARE_REAL(int, vsnprintf, char *, size_t, const char *, va_list);
RT_EXPORT int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    RESOLVE_REAL(vsnprintf);
    int n = REAL(vsnprintf)(buf, cap, fmt, ap);
    formatted(buf, cap, n, RT_CALLER_PC());
    return n;
}

RT_EXPORT int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    RESOLVE_REAL(vsnprintf);
    va_list ap;
    va_start(ap, fmt);
    int n = REAL(vsnprintf)(buf, cap, fmt, ap);
    va_end(ap);
    formatted(buf, cap, n, RT_CALLER_PC());
    return n;
}

DECLARE_REAL(int, vsprintf, char *, const char *, va_list);
RT_EXPORT int vsprintf(char *buf, const char *fmt, va_list ap)
{
    RESOLVE_REAL(vsprintf);
    int n = REAL(vsprintf)(buf, fmt, ap);
    formatted(buf, (size_t)-1, n, RT_CALLER_PC());
    return n;
}

RT_EXPORT int sprintf(char *buf, const char *fmt, ...)
{
    RESOLVE_REAL(vsprintf);
    va_list ap;
    va_start(ap, fmt);
    int n = REAL(vsprintf)(buf, fmt, ap);
    va_end(ap);
    formatted(buf, (size_t)-1, n, RT_CALLER_PC());
    return n;
}

/*
 * Resolved at start-up, not on first use: the symbolizer calls strdup and
 * strcmp inside a dl_iterate_phdr callback, and a first-use dlsym there
 * deadlocks against a thread inside dlopen (pthread_exit loads libgcc_s).
 */
void intercept_string_init(void)
{
    suppress_init_libc();
    RESOLVE_REAL(strlen);
    RESOLVE_REAL(strnlen);
    RESOLVE_REAL(strcmp);
    RESOLVE_REAL(strncmp);
    RESOLVE_REAL(strcpy);
    RESOLVE_REAL(strncpy);
    RESOLVE_REAL(strcat);
    RESOLVE_REAL(strncat);
    RESOLVE_REAL(strchr);
    RESOLVE_REAL(strrchr);
    RESOLVE_REAL(strstr);
    RESOLVE_REAL(memcmp);
    RESOLVE_REAL(memchr);
    RESOLVE_REAL(strdup);
    RESOLVE_REAL(strndup);
    RESOLVE_REAL(vsnprintf);
    RESOLVE_REAL(vsprintf);
}
