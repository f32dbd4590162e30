/*
 * intercept_wide.c - wide-character string functions, checked like their
 * narrow counterparts (intercept_string.c), in units of wchar_t:
 *
 *   function            reads                               writes
 *   wcslen(s)           s: len+1                            -
 *   wcsnlen(s, max)     s: min(len+1, max)                  -
 *   wcscmp(a, b)        both: up to the first difference or NUL, with it
 *   wcsncmp(a, b, max)  the same, at most max characters
 *   wcschr(s, c)        s: up to the match or NUL, with it  -
 *   wcscpy(d, s)        s: len+1                            d: len+1
 *   wcsncpy(d, s, max)  s: min(len+1, max)                  d: max (NUL padded)
 *   wcscat(d, s)        d: dlen+1, s: slen+1                d+dlen: slen+1
 */
#include "libc_access.h"

#include <wchar.h>

/* Characters compared by wcscmp/wcsncmp, in bytes. */
static size_t wcmp_span(const wchar_t *a, const wchar_t *b, size_t max)
{
    size_t i = 0;
    while (i < max && a[i] && a[i] == b[i])
        i++;
    return (i < max ? i + 1 : max) * sizeof(wchar_t);
}

DECLARE_REAL(size_t, wcslen, const wchar_t *);
RT_EXPORT size_t wcslen(const wchar_t *s)
{
    RESOLVE_REAL(wcslen);
    size_t n = REAL(wcslen)(s);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, (n + 1) * sizeof(wchar_t), RT_CALLER_PC());
    return n;
}

DECLARE_REAL(size_t, wcsnlen, const wchar_t *, size_t);
RT_EXPORT size_t wcsnlen(const wchar_t *s, size_t max)
{
    RESOLVE_REAL(wcsnlen);
    size_t n = REAL(wcsnlen)(s, max);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, (n < max ? n + 1 : max) * sizeof(wchar_t), RT_CALLER_PC());
    return n;
}

DECLARE_REAL(int, wcscmp, const wchar_t *, const wchar_t *);
RT_EXPORT int wcscmp(const wchar_t *a, const wchar_t *b)
{
    RESOLVE_REAL(wcscmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = wcmp_span(a, b, (size_t)-1);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(wcscmp)(a, b);
}

DECLARE_REAL(int, wcsncmp, const wchar_t *, const wchar_t *, size_t);
RT_EXPORT int wcsncmp(const wchar_t *a, const wchar_t *b, size_t max)
{
    RESOLVE_REAL(wcsncmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = wcmp_span(a, b, max);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(wcsncmp)(a, b, max);
}

DECLARE_REAL(wchar_t *, wcschr, const wchar_t *, wchar_t);
RT_EXPORT wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
    RESOLVE_REAL(wcschr);
    wchar_t *r = REAL(wcschr)(s, c);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, r ? (size_t)(r - s + 1) * sizeof(wchar_t) : wcs_span(s, (size_t)-1),
                  RT_CALLER_PC());
    return r;
}

DECLARE_REAL(wchar_t *, wcscpy, wchar_t *, const wchar_t *);
RT_EXPORT wchar_t *wcscpy(wchar_t *d, const wchar_t *s)
{
    RESOLVE_REAL(wcscpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = wcs_span(s, (size_t)-1);
        libc_read(t, s, n, RT_CALLER_PC());
        libc_write(t, d, n, RT_CALLER_PC());
    }
    return REAL(wcscpy)(d, s);
}

DECLARE_REAL(wchar_t *, wcsncpy, wchar_t *, const wchar_t *, size_t);
RT_EXPORT wchar_t *wcsncpy(wchar_t *d, const wchar_t *s, size_t max)
{
    RESOLVE_REAL(wcsncpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, wcs_span(s, max), RT_CALLER_PC());
        libc_write(t, d, max * sizeof(wchar_t), RT_CALLER_PC());
    }
    return REAL(wcsncpy)(d, s, max);
}

DECLARE_REAL(wchar_t *, wcscat, wchar_t *, const wchar_t *);
RT_EXPORT wchar_t *wcscat(wchar_t *d, const wchar_t *s)
{
    RESOLVE_REAL(wcscat);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t dn = wcs_span(d, (size_t)-1), sn = wcs_span(s, (size_t)-1);
        libc_read(t, d, dn, RT_CALLER_PC());
        libc_read(t, s, sn, RT_CALLER_PC());
        libc_write(t, (char *)d + dn - sizeof(wchar_t), sn, RT_CALLER_PC());
    }
    return REAL(wcscat)(d, s);
}

void intercept_wide_init(void)
{
    RESOLVE_REAL(wcslen);
    RESOLVE_REAL(wcsnlen);
    RESOLVE_REAL(wcscmp);
    RESOLVE_REAL(wcsncmp);
    RESOLVE_REAL(wcschr);
    RESOLVE_REAL(wcscpy);
    RESOLVE_REAL(wcsncpy);
    RESOLVE_REAL(wcscat);
}
