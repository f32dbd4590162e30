/*
 * intercept_sys.c - libc calls that fill a structure or buffer of the
 * caller's, or read a string of the caller's, outside the stdio and string
 * families: the clocks (clock_gettime, time, gettimeofday), the stat family,
 * getcwd, realpath, readlink(at), uname, gethostname, inet_pton/inet_ntop
 * and strptime. Each is a range read of what it reads and a range write of
 * what it writes, at the caller's pc (libc_access.h), after the call: the
 * sizes are only known then. They order nothing.
 */
#include "libc_access.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* A path argument the call reads (a string of the caller's). */
static void path_read(struct crace_thread *t, const char *path, uintptr_t pc)
{
    if (path)
        libc_read(t, path, str_span(path, PATH_MAX), pc);
}

/* ---- clocks ---- */

DECLARE_REAL(int, clock_gettime, clockid_t, struct timespec *);
RT_EXPORT int clock_gettime(clockid_t clk, struct timespec *ts)
{
    RESOLVE_REAL(clock_gettime);
    int r = REAL(clock_gettime)(clk, ts);
    struct crace_thread *t = r == 0 ? libc_thread() : 0;
    if (t)
        libc_write(t, ts, sizeof *ts, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(time_t, time, time_t *);
RT_EXPORT time_t time(time_t *out)
{
    RESOLVE_REAL(time);
    time_t r = REAL(time)(out);
    struct crace_thread *t = out ? libc_thread() : 0;
    if (t && r != (time_t)-1)
        libc_write(t, out, sizeof *out, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(int, gettimeofday, struct timeval *, void *);
RT_EXPORT int gettimeofday(struct timeval *tv, void *tz)
{
    RESOLVE_REAL(gettimeofday);
    int r = REAL(gettimeofday)(tv, tz);
    struct timeval *out = tv;
    __asm__("" : "+r"(out)); /* declared nonnull, yet NULL is allowed */
    struct crace_thread *t = (r == 0 && out) ? libc_thread() : 0;
    if (t)
        libc_write(t, tv, sizeof *tv, RT_CALLER_PC());
    return r;
}

/* ---- the stat family (glibc 2.33 exports these names; the 64 forms have
 * the same layout on 64-bit) ---- */

static int stat_done(int r, const char *path, struct stat *st, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        path_read(t, path, pc);
        if (r == 0)
            libc_write(t, st, sizeof *st, pc);
    }
    return r;
}

DECLARE_REAL(int, stat, const char *, struct stat *);
RT_EXPORT int stat(const char *path, struct stat *st)
{
    RESOLVE_REAL(stat);
    return stat_done(REAL(stat)(path, st), path, st, RT_CALLER_PC());
}

DECLARE_REAL(int, stat64, const char *, struct stat64 *);
RT_EXPORT int stat64(const char *path, struct stat64 *st)
{
    RESOLVE_REAL(stat64);
    return stat_done(REAL(stat64)(path, st), path, (struct stat *)st, RT_CALLER_PC());
}

DECLARE_REAL(int, lstat, const char *, struct stat *);
RT_EXPORT int lstat(const char *path, struct stat *st)
{
    RESOLVE_REAL(lstat);
    return stat_done(REAL(lstat)(path, st), path, st, RT_CALLER_PC());
}

DECLARE_REAL(int, lstat64, const char *, struct stat64 *);
RT_EXPORT int lstat64(const char *path, struct stat64 *st)
{
    RESOLVE_REAL(lstat64);
    return stat_done(REAL(lstat64)(path, st), path, (struct stat *)st, RT_CALLER_PC());
}

DECLARE_REAL(int, fstat, int, struct stat *);
RT_EXPORT int fstat(int fd, struct stat *st)
{
    RESOLVE_REAL(fstat);
    return stat_done(REAL(fstat)(fd, st), 0, st, RT_CALLER_PC());
}

DECLARE_REAL(int, fstat64, int, struct stat64 *);
RT_EXPORT int fstat64(int fd, struct stat64 *st)
{
    RESOLVE_REAL(fstat64);
    return stat_done(REAL(fstat64)(fd, st), 0, (struct stat *)st, RT_CALLER_PC());
}

DECLARE_REAL(int, fstatat, int, const char *, struct stat *, int);
RT_EXPORT int fstatat(int dir, const char *path, struct stat *st, int flags)
{
    RESOLVE_REAL(fstatat);
    return stat_done(REAL(fstatat)(dir, path, st, flags), path, st, RT_CALLER_PC());
}

DECLARE_REAL(int, fstatat64, int, const char *, struct stat64 *, int);
RT_EXPORT int fstatat64(int dir, const char *path, struct stat64 *st, int flags)
{
    RESOLVE_REAL(fstatat64);
    return stat_done(REAL(fstatat64)(dir, path, st, flags), path, (struct stat *)st,
                     RT_CALLER_PC());
}

/* ---- paths and names ---- */

DECLARE_REAL(char *, getcwd, char *, size_t);
RT_EXPORT char *getcwd(char *buf, size_t size)
{
    RESOLVE_REAL(getcwd);
    char *r = REAL(getcwd)(buf, size);
    struct crace_thread *t = (r && buf) ? libc_thread() : 0;
    if (t) /* buf NULL: glibc allocated the result, nobody else has it */
        libc_write(t, buf, str_span(buf, size), RT_CALLER_PC());
    return r;
}

DECLARE_REAL(char *, realpath, const char *, char *);
RT_EXPORT char *realpath(const char *path, char *resolved)
{
    RESOLVE_REAL(realpath);
    char *r = REAL(realpath)(path, resolved);
    struct crace_thread *t = libc_thread();
    if (t) {
        uintptr_t pc = RT_CALLER_PC();
        path_read(t, path, pc);
        if (r && resolved)
            libc_write(t, resolved, str_span(resolved, PATH_MAX), pc);
    }
    return r;
}

static ssize_t link_done(ssize_t n, const char *path, char *buf, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t) {
        path_read(t, path, pc);
        if (n > 0)
            libc_write(t, buf, (size_t)n, pc);
    }
    return n;
}

DECLARE_REAL(ssize_t, readlink, const char *, char *, size_t);
RT_EXPORT ssize_t readlink(const char *path, char *buf, size_t size)
{
    RESOLVE_REAL(readlink);
    return link_done(REAL(readlink)(path, buf, size), path, buf, RT_CALLER_PC());
}

DECLARE_REAL(ssize_t, readlinkat, int, const char *, char *, size_t);
RT_EXPORT ssize_t readlinkat(int dir, const char *path, char *buf, size_t size)
{
    RESOLVE_REAL(readlinkat);
    return link_done(REAL(readlinkat)(dir, path, buf, size), path, buf, RT_CALLER_PC());
}

DECLARE_REAL(int, uname, struct utsname *);
RT_EXPORT int uname(struct utsname *u)
{
    RESOLVE_REAL(uname);
    int r = REAL(uname)(u);
    struct crace_thread *t = r == 0 ? libc_thread() : 0;
    if (t)
        libc_write(t, u, sizeof *u, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(int, gethostname, char *, size_t);
RT_EXPORT int gethostname(char *name, size_t len)
{
    RESOLVE_REAL(gethostname);
    int r = REAL(gethostname)(name, len);
    struct crace_thread *t = r == 0 ? libc_thread() : 0;
    if (t)
        libc_write(t, name, str_span(name, len), RT_CALLER_PC());
    return r;
}

/* ---- conversions ---- */

static size_t inet_size(int af)
{
    return af == AF_INET6 ? sizeof(struct in6_addr) : af == AF_INET ? sizeof(struct in_addr) : 0;
}

DECLARE_REAL(int, inet_pton, int, const char *, void *);
RT_EXPORT int inet_pton(int af, const char *src, void *dst)
{
    RESOLVE_REAL(inet_pton);
    int r = REAL(inet_pton)(af, src, dst);
    struct crace_thread *t = libc_thread();
    if (t) {
        uintptr_t pc = RT_CALLER_PC();
        libc_read(t, src, str_span(src, 64), pc);
        if (r == 1)
            libc_write(t, dst, inet_size(af), pc);
    }
    return r;
}

DECLARE_REAL(const char *, inet_ntop, int, const void *, char *, socklen_t);
RT_EXPORT const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    RESOLVE_REAL(inet_ntop);
    const char *r = REAL(inet_ntop)(af, src, dst, size);
    struct crace_thread *t = libc_thread();
    if (t && r) {
        uintptr_t pc = RT_CALLER_PC();
        libc_read(t, src, inet_size(af), pc);
        libc_write(t, dst, str_span(dst, size), pc);
    }
    return r;
}

/* strptime fills only the fields its format names: the whole struct tm is
 * the caller's object all the same, written as one. */
DECLARE_REAL(char *, strptime, const char *, const char *, struct tm *);
RT_EXPORT char *strptime(const char *s, const char *fmt, struct tm *tm)
{
    RESOLVE_REAL(strptime);
    char *r = REAL(strptime)(s, fmt, tm);
    struct crace_thread *t = libc_thread();
    if (t) {
        uintptr_t pc = RT_CALLER_PC();
        libc_read(t, fmt, str_span(fmt, SIZE_MAX), pc);
        libc_read(t, s, r ? (size_t)(r - s) : str_span(s, SIZE_MAX), pc);
        if (r)
            libc_write(t, tm, sizeof *tm, pc);
    }
    return r;
}
