/*
 * intercept_string.c - the string and memory functions of libc, checked as
 * range accesses of exactly the bytes they read or write, at the caller's
 * pc (the functions themselves run uninstrumented inside libc). memcpy,
 * memmove and memset are in intercept_mem.c, wide strings in
 * intercept_wide.c, number parsing in intercept_stdlib.c.
 *
 * "len" is the string's length, "+1" its terminator; a scan that stops at
 * a match reads the match too. Reads are checked before the call for
 * functions that only read; functions whose extent is only known from
 * their result are checked after it.
 *
 *   function               reads                           writes
 *   strlen(s)              s: len+1                        -
 *   strnlen(s, max)        s: min(len+1, max)              -
 *   strcmp, strcasecmp     both: up to the first difference or NUL, with it
 *   strncmp, strncasecmp   the same, at most max bytes
 *   strcoll(a, b)          the same as strcmp (the least any locale reads)
 *   strcpy, stpcpy(d, s)   s: len+1                        d: len+1
 *   strncpy, stpncpy       s: min(len+1, max)              d: max (NUL padded)
 *   strcat(d, s)           d: dlen+1, s: slen+1            d+dlen: slen+1
 *   strncat(d, s, max)     d: dlen+1, s: up to max or NUL  d+dlen: copied+1
 *   strchr, strchrnul      s: up to the match or NUL, with it
 *   strrchr(s, c)          s: len+1
 *   strstr(h, n)           n: len+1; h: to the match's end, or len+1
 *   strspn, strcspn(s, set) s: the span and the byte that ended it; set: len+1
 *   strpbrk(s, set)        s: up to the match or NUL, with it; set: len+1
 *   strtok_r(s, d, save)   *save when s is NULL; the string from where the
 *                          scan starts to the byte ending the token, with it;
 *                          d: len+1                        *save; the ending
 *                                                          delimiter (1 byte)
 *   strtok(s, d)           as strtok_r, with a hidden save pointer: libc's
 *                          (here the runtime's) state, not the caller's memory
 *   strsep(sp, d)          *sp; the string up to the delimiter or NUL, with
 *                          it; d: len+1                    *sp; the delimiter
 *   strxfrm(d, s, max)     s: len+1                        d: result+1, if it fit
 *   memcmp, bcmp(a, b, n)  both: n                         -
 *   memchr(s, c, n)        s: up to the match, or n        -
 *   memrchr(s, c, n)       s: from the match to the end, or n
 *   mempcpy(d, s, n)       s: n                            d: n
 *   memccpy(d, s, c, n)    s: up to c with it, or n        d: the same count
 *   strdup, strndup(s)     s: len+1 (bounded)              the new block
 *   bzero, explicit_bzero  -                               d: n
 *   strerror_r (GNU)       -                               buf: the message+1,
 *                                                          if it returned buf
 *   strerror_r (XSI)       -                               buf: the message+1,
 *                                                          at most buflen
 *   strerror(e)            -                               - (glibc returns a
 *                          constant string, or a thread-local buffer for an
 *                          unknown e: never memory another thread shares)
 */
#include "libc_access.h"

#include <string.h>

/* Bytes compared by strcmp/strncmp: up to the first difference or NUL. */
static size_t cmp_span(const char *a, const char *b, size_t max)
{
    size_t i = 0;
    while (i < max && a[i] && a[i] == b[i])
        i++;
    return i < max ? i + 1 : max;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The same for strcasecmp (ASCII folding: locales that fold more bytes
 * only read further, never less). */
static size_t casecmp_span(const char *a, const char *b, size_t max)
{
    size_t i = 0;
    while (i < max && a[i] && lower((unsigned char)a[i]) == lower((unsigned char)b[i]))
        i++;
    return i < max ? i + 1 : max;
}

DECLARE_REAL(size_t, strlen, const char *);
RT_EXPORT size_t strlen(const char *s)
{
    RESOLVE_REAL(strlen);
    size_t n = REAL(strlen)(s);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, n + 1, RT_CALLER_PC());
    return n;
}

DECLARE_REAL(size_t, strnlen, const char *, size_t);
RT_EXPORT size_t strnlen(const char *s, size_t max)
{
    RESOLVE_REAL(strnlen);
    size_t n = REAL(strnlen)(s, max);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, n < max ? n + 1 : max, RT_CALLER_PC());
    return n;
}

DECLARE_REAL(int, strcmp, const char *, const char *);
RT_EXPORT int strcmp(const char *a, const char *b)
{
    RESOLVE_REAL(strcmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = cmp_span(a, b, (size_t)-1);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(strcmp)(a, b);
}

DECLARE_REAL(int, strncmp, const char *, const char *, size_t);
RT_EXPORT int strncmp(const char *a, const char *b, size_t max)
{
    RESOLVE_REAL(strncmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = cmp_span(a, b, max);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(strncmp)(a, b, max);
}

DECLARE_REAL(char *, strcpy, char *, const char *);
RT_EXPORT char *strcpy(char *d, const char *s)
{
    RESOLVE_REAL(strcpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = str_span(s, (size_t)-1);
        libc_read(t, s, n, RT_CALLER_PC());
        libc_write(t, d, n, RT_CALLER_PC());
    }
    return REAL(strcpy)(d, s);
}

DECLARE_REAL(char *, strncpy, char *, const char *, size_t);
RT_EXPORT char *strncpy(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(strncpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, str_span(s, max), RT_CALLER_PC());
        libc_write(t, d, max, RT_CALLER_PC());
    }
    return REAL(strncpy)(d, s, max);
}

DECLARE_REAL(char *, strcat, char *, const char *);
RT_EXPORT char *strcat(char *d, const char *s)
{
    RESOLVE_REAL(strcat);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t dn = str_span(d, (size_t)-1), sn = str_span(s, (size_t)-1);
        libc_read(t, d, dn, RT_CALLER_PC());
        libc_read(t, s, sn, RT_CALLER_PC());
        libc_write(t, d + dn - 1, sn, RT_CALLER_PC());
    }
    return REAL(strcat)(d, s);
}

DECLARE_REAL(char *, strncat, char *, const char *, size_t);
RT_EXPORT char *strncat(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(strncat);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t dn = str_span(d, (size_t)-1), sn = str_span(s, max);
        size_t copied = (sn == max && (max == 0 || s[max - 1])) ? max : sn - 1;
        libc_read(t, d, dn, RT_CALLER_PC());
        libc_read(t, s, sn, RT_CALLER_PC());
        libc_write(t, d + dn - 1, copied + 1, RT_CALLER_PC());
    }
    return REAL(strncat)(d, s, max);
}

DECLARE_REAL(char *, strchr, const char *, int);
RT_EXPORT char *strchr(const char *s, int c)
{
    RESOLVE_REAL(strchr);
    char *r = REAL(strchr)(s, c);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, r ? (size_t)(r - s) + 1 : str_span(s, (size_t)-1), RT_CALLER_PC());
    return r;
}

DECLARE_REAL(char *, strrchr, const char *, int);
RT_EXPORT char *strrchr(const char *s, int c)
{
    RESOLVE_REAL(strrchr);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    return REAL(strrchr)(s, c);
}

DECLARE_REAL(char *, strstr, const char *, const char *);
RT_EXPORT char *strstr(const char *h, const char *n)
{
    RESOLVE_REAL(strstr);
    char *r = REAL(strstr)(h, n);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t nn = str_span(n, (size_t)-1);
        libc_read(t, n, nn, RT_CALLER_PC());
        libc_read(t, h, r ? (size_t)(r - h) + nn - 1 : str_span(h, (size_t)-1), RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(int, memcmp, const void *, const void *, size_t);
RT_EXPORT int memcmp(const void *a, const void *b, size_t n)
{
    RESOLVE_REAL(memcmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
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
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, r ? (size_t)((const char *)r - (const char *)s) + 1 : n, RT_CALLER_PC());
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
    libc_read(t, s, span, pc);
    char *d = intercept_malloc_at(n + 1, pc);
    if (!d)
        return 0;
    rt_memcpy(d, s, n);
    d[n] = 0;
    libc_write(t, d, n + 1, pc);
    return d;
}

DECLARE_REAL(char *, strdup, const char *);
RT_EXPORT char *strdup(const char *s)
{
    RESOLVE_REAL(strdup);
    struct crace_thread *t = libc_thread();
    if (!t)
        return REAL(strdup)(s);
    return dup_n(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
}

DECLARE_REAL(char *, strndup, const char *, size_t);
RT_EXPORT char *strndup(const char *s, size_t max)
{
    RESOLVE_REAL(strndup);
    struct crace_thread *t = libc_thread();
    if (!t)
        return REAL(strndup)(s, max);
    return dup_n(t, s, str_span(s, max), RT_CALLER_PC());
}

RT_EXPORT void bzero(void *d, size_t n)
{
    struct crace_thread *t = libc_thread();
    if (t)
        libc_write(t, d, n, RT_CALLER_PC());
    rt_memset(d, 0, n);
}

RT_EXPORT void explicit_bzero(void *d, size_t n)
{
    struct crace_thread *t = libc_thread();
    if (t)
        libc_write(t, d, n, RT_CALLER_PC());
    rt_memset(d, 0, n);
    __asm__ __volatile__("" : : "r"(d) : "memory");
}

DECLARE_REAL(int, strcasecmp, const char *, const char *);
RT_EXPORT int strcasecmp(const char *a, const char *b)
{
    RESOLVE_REAL(strcasecmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = casecmp_span(a, b, (size_t)-1);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(strcasecmp)(a, b);
}

DECLARE_REAL(int, strncasecmp, const char *, const char *, size_t);
RT_EXPORT int strncasecmp(const char *a, const char *b, size_t max)
{
    RESOLVE_REAL(strncasecmp);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = casecmp_span(a, b, max);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(strncasecmp)(a, b, max);
}

DECLARE_REAL(int, strcoll, const char *, const char *);
RT_EXPORT int strcoll(const char *a, const char *b)
{
    RESOLVE_REAL(strcoll);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = cmp_span(a, b, (size_t)-1);
        libc_read(t, a, n, RT_CALLER_PC());
        libc_read(t, b, n, RT_CALLER_PC());
    }
    return REAL(strcoll)(a, b);
}

DECLARE_REAL(size_t, strxfrm, char *, const char *, size_t);
RT_EXPORT size_t strxfrm(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(strxfrm);
    size_t r = REAL(strxfrm)(d, s, max);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
        if (r < max)
            libc_write(t, d, r + 1, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(char *, stpcpy, char *, const char *);
RT_EXPORT char *stpcpy(char *d, const char *s)
{
    RESOLVE_REAL(stpcpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t n = str_span(s, (size_t)-1);
        libc_read(t, s, n, RT_CALLER_PC());
        libc_write(t, d, n, RT_CALLER_PC());
    }
    return REAL(stpcpy)(d, s);
}

DECLARE_REAL(char *, stpncpy, char *, const char *, size_t);
RT_EXPORT char *stpncpy(char *d, const char *s, size_t max)
{
    RESOLVE_REAL(stpncpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, str_span(s, max), RT_CALLER_PC());
        libc_write(t, d, max, RT_CALLER_PC());
    }
    return REAL(stpncpy)(d, s, max);
}

DECLARE_REAL(char *, strchrnul, const char *, int);
RT_EXPORT char *strchrnul(const char *s, int c)
{
    RESOLVE_REAL(strchrnul);
    char *r = REAL(strchrnul)(s, c);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, (size_t)(r - s) + 1, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(size_t, strspn, const char *, const char *);
RT_EXPORT size_t strspn(const char *s, const char *set)
{
    RESOLVE_REAL(strspn);
    size_t r = REAL(strspn)(s, set);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, set, str_span(set, (size_t)-1), RT_CALLER_PC());
        libc_read(t, s, r + 1, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(size_t, strcspn, const char *, const char *);
RT_EXPORT size_t strcspn(const char *s, const char *set)
{
    RESOLVE_REAL(strcspn);
    size_t r = REAL(strcspn)(s, set);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, set, str_span(set, (size_t)-1), RT_CALLER_PC());
        libc_read(t, s, r + 1, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(char *, strpbrk, const char *, const char *);
RT_EXPORT char *strpbrk(const char *s, const char *set)
{
    RESOLVE_REAL(strpbrk);
    char *r = REAL(strpbrk)(s, set);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, set, str_span(set, (size_t)-1), RT_CALLER_PC());
        libc_read(t, s, r ? (size_t)(r - s) + 1 : str_span(s, (size_t)-1), RT_CALLER_PC());
    }
    return r;
}

/*
 * After strtok_r scanned from start and left *save at next: the bytes it
 * read, and the delimiter it overwrote with a NUL. glibc leaves next just
 * past that NUL, or at the string's terminator when no delimiter ended the
 * token (or there was no token).
 */
static void token_scanned(struct crace_thread *t, char *start, char *token, char *next,
                          uintptr_t pc)
{
    if (!start || !next)
        return;
    if (token && next > token && next[-1] == 0) {
        libc_read(t, start, (size_t)(next - start) - 1, pc);
        libc_write(t, next - 1, 1, pc);
    } else {
        libc_read(t, start, (size_t)(next - start) + 1, pc);
    }
}

DECLARE_REAL(char *, strtok_r, char *, const char *, char **);

static char *do_strtok_r(char *s, const char *delim, char **save, uintptr_t pc)
{
    RESOLVE_REAL(strtok_r);
    struct crace_thread *t = libc_thread();
    if (!t)
        return REAL(strtok_r)(s, delim, save);
    char *start = s ? s : *save;
    char *token = REAL(strtok_r)(s, delim, save);
    libc_read(t, delim, str_span(delim, (size_t)-1), pc);
    token_scanned(t, start, token, *save, pc);
    return token;
}

RT_EXPORT char *strtok_r(char *s, const char *delim, char **save)
{
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = libc_thread();
    if (t) {
        if (!s)
            libc_read(t, save, sizeof *save, pc);
        libc_write(t, save, sizeof *save, pc);
    }
    return do_strtok_r(s, delim, save, pc);
}

/* strtok's position between calls: the hidden state glibc keeps in a
 * static of its own, kept here instead so that the scan's start is known.
 * It is not the caller's memory (and, as in glibc, not thread-safe). */
static char *strtok_save;

RT_EXPORT char *strtok(char *s, const char *delim)
{
    return do_strtok_r(s, delim, &strtok_save, RT_CALLER_PC());
}

DECLARE_REAL(char *, strsep, char **, const char *);
RT_EXPORT char *strsep(char **sp, const char *delim)
{
    RESOLVE_REAL(strsep);
    struct crace_thread *t = libc_thread();
    if (!t)
        return REAL(strsep)(sp, delim);
    uintptr_t pc = RT_CALLER_PC();
    char *start = *sp;
    char *r = REAL(strsep)(sp, delim);
    libc_read(t, sp, sizeof *sp, pc);
    if (!start)
        return r;
    libc_read(t, delim, str_span(delim, (size_t)-1), pc);
    libc_write(t, sp, sizeof *sp, pc);
    if (*sp) { /* a delimiter ended the token: it is now a NUL */
        libc_read(t, start, (size_t)(*sp - start) - 1, pc);
        libc_write(t, *sp - 1, 1, pc);
    } else {
        libc_read(t, start, str_span(start, (size_t)-1), pc);
    }
    return r;
}

DECLARE_REAL(void *, memrchr, const void *, int, size_t);
RT_EXPORT void *memrchr(const void *s, int c, size_t n)
{
    RESOLVE_REAL(memrchr);
    void *r = REAL(memrchr)(s, c, n);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t from = r ? (size_t)((const char *)r - (const char *)s) : 0;
        libc_read(t, (const char *)s + from, n - from, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(void *, mempcpy, void *, const void *, size_t);
RT_EXPORT void *mempcpy(void *d, const void *s, size_t n)
{
    RESOLVE_REAL(mempcpy);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, n, RT_CALLER_PC());
        libc_write(t, d, n, RT_CALLER_PC());
    }
    return REAL(mempcpy)(d, s, n);
}

DECLARE_REAL(void *, memccpy, void *, const void *, int, size_t);
RT_EXPORT void *memccpy(void *d, const void *s, int c, size_t n)
{
    RESOLVE_REAL(memccpy);
    void *r = REAL(memccpy)(d, s, c, n);
    struct crace_thread *t = libc_thread();
    if (t) {
        size_t copied = r ? (size_t)((char *)r - (char *)d) : n;
        libc_read(t, s, copied, RT_CALLER_PC());
        libc_write(t, d, copied, RT_CALLER_PC());
    }
    return r;
}

/* GNU strerror_r returns either a constant message (buf untouched) or buf,
 * filled with "Unknown error N". */
DECLARE_REAL(char *, strerror_r, int, char *, size_t);
RT_EXPORT char *strerror_r(int e, char *buf, size_t len)
{
    RESOLVE_REAL(strerror_r);
    char *r = REAL(strerror_r)(e, buf, len);
    struct crace_thread *t = libc_thread();
    if (t && r == buf && len)
        libc_write(t, buf, str_span(buf, len), RT_CALLER_PC());
    return r;
}

/* The XSI form (what <string.h> gives without _GNU_SOURCE) always copies
 * the message, truncated to len bytes with its NUL. */
DECLARE_REAL(int, __xpg_strerror_r, int, char *, size_t);
RT_EXPORT int __xpg_strerror_r(int e, char *buf, size_t len)
{
    RESOLVE_REAL(__xpg_strerror_r);
    int r = REAL(__xpg_strerror_r)(e, buf, len);
    struct crace_thread *t = libc_thread();
    if (t && len)
        libc_write(t, buf, str_span(buf, len), RT_CALLER_PC());
    return r;
}

/*
 * Resolved at start-up, not on first use: the symbolizer calls strdup and
 * strcmp inside a dl_iterate_phdr callback, and a first-use dlsym there
 * deadlocks against a thread inside dlopen (pthread_exit loads libgcc_s).
 * The other libc interceptor files resolve theirs here too, and glibc's own
 * code ranges are found (suppress.h).
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
    RESOLVE_REAL(strcasecmp);
    RESOLVE_REAL(strncasecmp);
    RESOLVE_REAL(strcoll);
    RESOLVE_REAL(strxfrm);
    RESOLVE_REAL(stpcpy);
    RESOLVE_REAL(stpncpy);
    RESOLVE_REAL(strchrnul);
    RESOLVE_REAL(strspn);
    RESOLVE_REAL(strcspn);
    RESOLVE_REAL(strpbrk);
    RESOLVE_REAL(strtok_r);
    RESOLVE_REAL(strsep);
    RESOLVE_REAL(memrchr);
    RESOLVE_REAL(mempcpy);
    RESOLVE_REAL(memccpy);
    RESOLVE_REAL(strerror_r);
    RESOLVE_REAL(__xpg_strerror_r);
    intercept_printf_init();
    intercept_scanf_init();
    intercept_stdio_init();
    intercept_stdlib_init();
    intercept_time_init();
    intercept_wide_init();
}
