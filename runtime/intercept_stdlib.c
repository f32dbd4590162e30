/*
 * intercept_stdlib.c - <stdlib.h> functions that read or write the
 * caller's memory: number parsing and sorting.
 *
 *   function                          reads                     writes
 *   strtol, strtoul, strtoll,         the string from its start *endptr (if
 *   strtoull, strtoq, strtouq,        through the byte that     endptr is not
 *   strtoimax, strtoumax, strtod,     ended the number (leading NULL)
 *   strtof, strtold                   space, sign, prefix and
 *                                     digits included)
 *   atoi, atol, atoll, atof           the same
 *   qsort, qsort_r(base, n, size)     -                         base: n * size
 *                                                               (elements move
 *                                                               inside libc)
 *
 * The parsers' extent is what they consumed, learnt from the end pointer
 * (taken from the real call with a local endptr when the caller passed
 * NULL): they read at least the byte after the last one consumed, and
 * nothing is claimed beyond it. qsort's comparator is the program's own,
 * instrumented code and checks its reads itself.
 */
#include "libc_access.h"

#include <inttypes.h>
#include <stdlib.h>

/* A parse of s that stopped at end: the bytes read, and *endptr written. */
static void parsed(const char *s, char *end, char **endptr, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, s, (size_t)(end - s) + 1, pc);
        if (endptr)
            libc_write(t, endptr, sizeof *endptr, pc);
    }
    if (endptr)
        *endptr = end;
}

/* One integer parser: the real call with a local end pointer, then the
 * checks (a report leaves errno as the real call set it: report.c). */
#define INT_PARSER(type, name)                                                                     \
    DECLARE_REAL(type, name, const char *, char **, int);                                          \
    RT_EXPORT type name(const char *s, char **endptr, int base)                                    \
    {                                                                                              \
        RESOLVE_REAL(name);                                                                        \
        char *end;                                                                                 \
        type r = REAL(name)(s, &end, base);                                                        \
        parsed(s, end, endptr, RT_CALLER_PC());                                                    \
        return r;                                                                                  \
    }

#define FLOAT_PARSER(type, name)                                                                   \
    DECLARE_REAL(type, name, const char *, char **);                                               \
    RT_EXPORT type name(const char *s, char **endptr)                                              \
    {                                                                                              \
        RESOLVE_REAL(name);                                                                        \
        char *end;                                                                                 \
        type r = REAL(name)(s, &end);                                                              \
        parsed(s, end, endptr, RT_CALLER_PC());                                                    \
        return r;                                                                                  \
    }

INT_PARSER(long, strtol)
INT_PARSER(unsigned long, strtoul)
INT_PARSER(long long, strtoll)
INT_PARSER(unsigned long long, strtoull)
INT_PARSER(long long, strtoq)
INT_PARSER(unsigned long long, strtouq)
INT_PARSER(intmax_t, strtoimax)
INT_PARSER(uintmax_t, strtoumax)
FLOAT_PARSER(double, strtod)
FLOAT_PARSER(float, strtof)
FLOAT_PARSER(long double, strtold)

/* atoi and friends are strtol(s, NULL, 10) and strtod(s, NULL). */
RT_EXPORT int atoi(const char *s)
{
    RESOLVE_REAL(strtol);
    char *end;
    long r = REAL(strtol)(s, &end, 10);
    parsed(s, end, 0, RT_CALLER_PC());
    return (int)r;
}

RT_EXPORT long atol(const char *s)
{
    RESOLVE_REAL(strtol);
    char *end;
    long r = REAL(strtol)(s, &end, 10);
    parsed(s, end, 0, RT_CALLER_PC());
    return r;
}

RT_EXPORT long long atoll(const char *s)
{
    RESOLVE_REAL(strtoll);
    char *end;
    long long r = REAL(strtoll)(s, &end, 10);
    parsed(s, end, 0, RT_CALLER_PC());
    return r;
}

RT_EXPORT double atof(const char *s)
{
    RESOLVE_REAL(strtod);
    char *end;
    double r = REAL(strtod)(s, &end);
    parsed(s, end, 0, RT_CALLER_PC());
    return r;
}

/* qsort permutes the array in place: a write of all of it. */
static void sorted(void *base, size_t n, size_t size, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    size_t bytes;
    if (t && !__builtin_mul_overflow(n, size, &bytes))
        libc_write(t, base, bytes, pc);
}

typedef int (*cmp_fn)(const void *, const void *);
typedef int (*cmp_r_fn)(const void *, const void *, void *);

DECLARE_REAL(void, qsort, void *, size_t, size_t, cmp_fn);
RT_EXPORT void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
    RESOLVE_REAL(qsort);
    REAL(qsort)(base, n, size, cmp);
    sorted(base, n, size, RT_CALLER_PC());
}

DECLARE_REAL(void, qsort_r, void *, size_t, size_t, cmp_r_fn, void *);
RT_EXPORT void qsort_r(void *base, size_t n, size_t size, cmp_r_fn cmp, void *arg)
{
    RESOLVE_REAL(qsort_r);
    REAL(qsort_r)(base, n, size, cmp, arg);
    sorted(base, n, size, RT_CALLER_PC());
}

void intercept_stdlib_init(void)
{
    RESOLVE_REAL(strtol);
    RESOLVE_REAL(strtoul);
    RESOLVE_REAL(strtoll);
    RESOLVE_REAL(strtoull);
    RESOLVE_REAL(strtoq);
    RESOLVE_REAL(strtouq);
    RESOLVE_REAL(strtoimax);
    RESOLVE_REAL(strtoumax);
    RESOLVE_REAL(strtod);
    RESOLVE_REAL(strtof);
    RESOLVE_REAL(strtold);
    RESOLVE_REAL(qsort);
    RESOLVE_REAL(qsort_r);
}
