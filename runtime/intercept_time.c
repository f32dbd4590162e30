/*
 * intercept_time.c - time conversion functions: the caller's buffers they
 * read and write, and the static buffers some of them return.
 *
 * localtime, gmtime, ctime and asctime return libc's static buffers, one per
 * process (glibc: one struct tm shared by localtime and gmtime, one string
 * for asctime and ctime). Two threads calling them without ordering race on
 * that buffer exactly as if the caller wrote it: each call is checked as a
 * write of the returned buffer at the caller's pc, so the race is reported
 * at the program's lines. (strerror is not modelled so: glibc returns a
 * constant string, or a thread-local buffer for an unknown error number.)
 * libc's own state behind these calls (the zone data tzset loads, under its
 * internal lock) is not the caller's memory and is never checked.
 *
 *   function                  reads                        writes
 *   localtime, gmtime(tp)     *tp                          the static struct tm
 *   localtime_r, gmtime_r     *tp                          *res
 *   ctime(tp)                 *tp                          the static struct tm
 *                                                          and string (len+1)
 *   ctime_r(tp, buf)          *tp                          buf: len+1
 *   asctime(tm)               tm_sec..tm_wday              the static string
 *   asctime_r(tm, buf)        tm_sec..tm_wday              buf: len+1
 *   mktime, timegm(tm)        tm_sec..tm_isdst             *tm (normalized)
 *   strftime(s, max, f, tm)   f: len+1; the fields of *tm  s: result+1 (when it
 *                             its conversions use (below),   fit: result > 0)
 *                             tm_hour and tm_zone always;
 *                             %Z: the zone name
 */
#include "libc_access.h"

#include <stddef.h>
#include <time.h>

/* ---- struct tm fields ---- */

enum {
    F_SEC = 1 << 0,
    F_MIN = 1 << 1,
    F_HOUR = 1 << 2,
    F_MDAY = 1 << 3,
    F_MON = 1 << 4,
    F_YEAR = 1 << 5,
    F_WDAY = 1 << 6,
    F_YDAY = 1 << 7,
    F_ISDST = 1 << 8,
    F_GMTOFF = 1 << 9,
    F_ZONE = 1 << 10,
    F_ALL = (1 << 11) - 1,
    ZONE_NAME = 1 << 11, /* not a field: the string tm_zone points to */
};

static const struct {
    unsigned short off, size;
} tm_field[] = {
    {offsetof(struct tm, tm_sec), sizeof(int)},     {offsetof(struct tm, tm_min), sizeof(int)},
    {offsetof(struct tm, tm_hour), sizeof(int)},    {offsetof(struct tm, tm_mday), sizeof(int)},
    {offsetof(struct tm, tm_mon), sizeof(int)},     {offsetof(struct tm, tm_year), sizeof(int)},
    {offsetof(struct tm, tm_wday), sizeof(int)},    {offsetof(struct tm, tm_yday), sizeof(int)},
    {offsetof(struct tm, tm_isdst), sizeof(int)},   {offsetof(struct tm, tm_gmtoff), sizeof(long)},
    {offsetof(struct tm, tm_zone), sizeof(char *)},
};

/* Reads of the fields in mask, each one separately (unread fields between
 * them are not claimed). */
static void read_fields(struct crace_thread *t, const struct tm *tm, unsigned mask, uintptr_t pc)
{
    for (unsigned i = 0; i < sizeof tm_field / sizeof tm_field[0]; i++)
        if (mask & (1u << i))
            libc_read(t, (const char *)tm + tm_field[i].off, tm_field[i].size, pc);
}

/* The fields one strftime conversion reads (glibc's strftime_l.c). The
 * locale's formats (%c, %x, %X, %r, the E and O forms of them) and %s (it
 * copies the whole struct for mktime) read them all, and the zone name
 * (a locale's format may hold %Z). */
static unsigned conversion_fields(char c, char modifier)
{
    if (modifier == 'E' && (c == 'C' || c == 'y' || c == 'Y'))
        return F_ALL; /* the era: looked up from the whole date */
    switch (c) {
    case 'a':
    case 'A':
    case 'u':
    case 'w':
        return F_WDAY;
    case 'b':
    case 'B':
    case 'h':
    case 'm':
        return F_MON;
    case 'C':
    case 'y':
    case 'Y':
        return F_YEAR;
    case 'd':
    case 'e':
        return F_MDAY;
    case 'D':
    case 'F':
        return F_YEAR | F_MON | F_MDAY;
    case 'g':
    case 'G':
    case 'V':
    case 'U':
    case 'W':
        return F_YEAR | F_YDAY | F_WDAY;
    case 'H':
    case 'I':
    case 'k':
    case 'l':
    case 'p':
    case 'P':
        return F_HOUR;
    case 'j':
        return F_YDAY;
    case 'M':
        return F_MIN;
    case 'R':
        return F_HOUR | F_MIN;
    case 'S':
        return F_SEC;
    case 'T':
        return F_HOUR | F_MIN | F_SEC;
    case 'z':
        return F_ISDST | F_GMTOFF;
    case 'Z':
        return F_ISDST | F_ZONE | ZONE_NAME;
    case 'n':
    case 't':
    case '%':
        return 0;
    case 's':
        return F_ALL;
    case 'c':
    case 'x':
    case 'X':
    case 'r':
        return F_ALL | ZONE_NAME;
    default: /* copied out as it stands */
        return 0;
    }
}

/* The fields a strftime format reads. */
static unsigned format_fields(const char *f)
{
    unsigned mask = F_HOUR | F_ZONE; /* read on entry */
    while (*f) {
        if (*f++ != '%')
            continue;
        while (*f == '_' || *f == '-' || *f == '0' || *f == '^' || *f == '#')
            f++;
        while (*f >= '0' && *f <= '9')
            f++;
        char modifier = (*f == 'E' || *f == 'O') ? *f++ : 0;
        if (!*f)
            break;
        mask |= conversion_fields(*f++, modifier);
    }
    return mask;
}

/* The bytes of asctime's input: tm_sec through tm_wday. */
#define ASCTIME_READ (offsetof(struct tm, tm_wday) + sizeof(int))

/* ---- the functions ---- */

DECLARE_REAL(struct tm *, localtime, const time_t *);
DECLARE_REAL(struct tm *, gmtime, const time_t *);
DECLARE_REAL(struct tm *, localtime_r, const time_t *, struct tm *);
DECLARE_REAL(struct tm *, gmtime_r, const time_t *, struct tm *);
DECLARE_REAL(char *, asctime, const struct tm *);
DECLARE_REAL(char *, asctime_r, const struct tm *, char *);
DECLARE_REAL(char *, ctime_r, const time_t *, char *);
DECLARE_REAL(time_t, mktime, struct tm *);
DECLARE_REAL(time_t, timegm, struct tm *);
DECLARE_REAL(size_t, strftime, char *, size_t, const char *, const struct tm *);

/* A conversion of *tp into the struct tm r (static or the caller's). */
static struct tm *converted(const time_t *tp, struct tm *r, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, tp, sizeof *tp, pc);
        if (r)
            libc_write(t, r, sizeof *r, pc);
    }
    return r;
}

RT_EXPORT struct tm *localtime(const time_t *tp)
{
    RESOLVE_REAL(localtime);
    return converted(tp, REAL(localtime)(tp), RT_CALLER_PC());
}

RT_EXPORT struct tm *gmtime(const time_t *tp)
{
    RESOLVE_REAL(gmtime);
    return converted(tp, REAL(gmtime)(tp), RT_CALLER_PC());
}

RT_EXPORT struct tm *localtime_r(const time_t *tp, struct tm *res)
{
    RESOLVE_REAL(localtime_r);
    return converted(tp, REAL(localtime_r)(tp, res), RT_CALLER_PC());
}

RT_EXPORT struct tm *gmtime_r(const time_t *tp, struct tm *res)
{
    RESOLVE_REAL(gmtime_r);
    return converted(tp, REAL(gmtime_r)(tp, res), RT_CALLER_PC());
}

/* asctime's text went into s (static or the caller's). */
static char *formatted(const struct tm *tm, char *s, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, tm, ASCTIME_READ, pc);
        if (s)
            libc_write(t, s, str_span(s, (size_t)-1), pc);
    }
    return s;
}

RT_EXPORT char *asctime(const struct tm *tm)
{
    RESOLVE_REAL(asctime);
    return formatted(tm, REAL(asctime)(tm), RT_CALLER_PC());
}

RT_EXPORT char *asctime_r(const struct tm *tm, char *buf)
{
    RESOLVE_REAL(asctime_r);
    return formatted(tm, REAL(asctime_r)(tm, buf), RT_CALLER_PC());
}

/* ctime(tp) is asctime(localtime(tp)) (C and POSIX define it so, and glibc
 * implements it so): done that way here, so that both static buffers it
 * writes are known. */
RT_EXPORT char *ctime(const time_t *tp)
{
    RESOLVE_REAL(localtime);
    RESOLVE_REAL(asctime);
    uintptr_t pc = RT_CALLER_PC();
    struct tm *tm = REAL(localtime)(tp);
    converted(tp, tm, pc);
    if (!tm)
        return 0;
    char *s = REAL(asctime)(tm);
    struct crace_thread *t = libc_thread();
    if (t && s)
        libc_write(t, s, str_span(s, (size_t)-1), pc);
    return s;
}

RT_EXPORT char *ctime_r(const time_t *tp, char *buf)
{
    RESOLVE_REAL(ctime_r);
    char *s = REAL(ctime_r)(tp, buf);
    struct crace_thread *t = libc_thread();
    if (t) {
        libc_read(t, tp, sizeof *tp, RT_CALLER_PC());
        if (s)
            libc_write(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    }
    return s;
}

/* mktime and timegm read the broken-down time and store it normalized. */
static time_t normalized(struct tm *tm, time_t r, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        read_fields(t, tm, F_SEC | F_MIN | F_HOUR | F_MDAY | F_MON | F_YEAR | F_ISDST, pc);
        if (r != (time_t)-1)
            libc_write(t, tm, sizeof *tm, pc);
    }
    return r;
}

RT_EXPORT time_t mktime(struct tm *tm)
{
    RESOLVE_REAL(mktime);
    return normalized(tm, REAL(mktime)(tm), RT_CALLER_PC());
}

RT_EXPORT time_t timegm(struct tm *tm)
{
    RESOLVE_REAL(timegm);
    return normalized(tm, REAL(timegm)(tm), RT_CALLER_PC());
}

RT_EXPORT size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
    RESOLVE_REAL(strftime);
    size_t r = REAL(strftime)(s, max, fmt, tm);
    struct crace_thread *t = libc_thread();
    if (!t)
        return r;
    uintptr_t pc = RT_CALLER_PC();
    unsigned mask = format_fields(fmt);
    libc_read(t, fmt, str_span(fmt, (size_t)-1), pc);
    read_fields(t, tm, mask, pc);
    if ((mask & ZONE_NAME) && tm->tm_zone)
        libc_read(t, tm->tm_zone, str_span(tm->tm_zone, (size_t)-1), pc);
    if (r > 0)
        libc_write(t, s, r + 1, pc);
    return r;
}

void intercept_time_init(void)
{
    RESOLVE_REAL(localtime);
    RESOLVE_REAL(gmtime);
    RESOLVE_REAL(localtime_r);
    RESOLVE_REAL(gmtime_r);
    RESOLVE_REAL(asctime);
    RESOLVE_REAL(asctime_r);
    RESOLVE_REAL(ctime_r);
    RESOLVE_REAL(mktime);
    RESOLVE_REAL(timegm);
    RESOLVE_REAL(strftime);
}
