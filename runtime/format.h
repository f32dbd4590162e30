/*
 * format.h - reading printf and scanf format strings: which arguments a
 * format consumes, of which va_arg class, and which memory each conversion
 * reads (printf's %s) or writes (printf's %n, every assigning scanf
 * conversion). Pure parsing, no checks: the interceptors (intercept_printf.c,
 * intercept_scanf.c) turn a plan into range accesses.
 *
 * A parse stops at the first conversion it does not understand (a custom
 * printf specifier, a malformed one): the conversions before it are still
 * planned, later ones are not, and their arguments are never fetched.
 * Nothing is ever guessed: a conversion is only planned when the classes of
 * every argument before it are known, so fetching never misreads a va_list.
 */
#ifndef CRACE_FORMAT_H
#define CRACE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define FMT_MAX_CONV 64 /* conversions planned per format */
#define FMT_MAX_ARGS 64 /* arguments fetched per format */

/* How an argument is fetched from a va_list. */
enum fmt_class {
    FMT_UNKNOWN = 0, /* no conversion says (a gap in positional arguments) */
    FMT_INT,         /* int and narrower: va_arg(ap, int) */
    FMT_WORD,        /* long, long long, size_t, pointers: va_arg(ap, long) */
    FMT_DOUBLE,      /* va_arg(ap, double) */
    FMT_LDOUBLE,     /* va_arg(ap, long double) */
};

/* What a conversion does with its argument. */
enum fmt_use {
    FMT_NONE,      /* a value: no memory touched */
    FMT_STR,       /* printf %s: reads the string, up to the precision */
    FMT_WSTR,      /* printf %ls: reads the wide string (no precision) */
    FMT_WRITE,     /* writes `size` bytes (printf %n, scanf numbers, %p, %n) */
    FMT_SCAN_STR,  /* scanf %s, %[: writes the string stored (with its NUL) */
    FMT_SCAN_WSTR, /* scanf %ls, %l[: the same in wide characters */
    FMT_SCAN_CHARS /* scanf %c: writes `width` chars (wide: size 4) */
};

struct fmt_conv {
    int16_t arg;      /* index of its argument, or -1 */
    int16_t prec_arg; /* printf: index of a `.*` precision argument, or -1 */
    int32_t prec;     /* printf: literal precision, -1 if none */
    int32_t width;    /* scanf: maximum field width, -1 if none */
    uint8_t use;      /* enum fmt_use */
    uint8_t size;     /* FMT_WRITE: bytes written; FMT_SCAN_CHARS: 1 or 4 */
    uint8_t alloc;    /* scanf %m: the argument is a char ** to a new block */
    uint8_t assigns;  /* scanf: counted in the return value (not %n, not %*) */
    uint8_t n_clean;  /* scanf %n: nothing that can fail between it and the
                         previous assigning conversion (or the start) */
    int16_t n_before; /* scanf %n: assigning conversions before it */
};

struct fmt_plan {
    int nconv;
    struct fmt_conv conv[FMT_MAX_CONV];
    int nargs;                 /* arguments whose class is known, from 0 */
    uint8_t cls[FMT_MAX_ARGS]; /* enum fmt_class per argument index */
};

/* Plan a printf-family format. */
void fmt_plan_printf(const char *fmt, struct fmt_plan *plan);
/* Plan a scanf-family format; gnu_a: the pre-C99 sscanf, where %as, %aS
 * and %a[ allocate (like %m) instead of %a being a float conversion. */
void fmt_plan_scanf(const char *fmt, int gnu_a, struct fmt_plan *plan);
/* Fetch the plan's arguments from ap (a copy: it is consumed) into vals,
 * as unsigned words (doubles are skipped, stored as 0). */
void fmt_fetch(const struct fmt_plan *plan, va_list ap, uint64_t *vals);

#endif
