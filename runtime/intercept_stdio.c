/*
 * intercept_stdio.c - stdio functions that read or write the caller's
 * buffers (fread and fwrite are in intercept_fd.c, formatted I/O in
 * intercept_printf.c and intercept_scanf.c), and the FILE lock the program
 * takes itself. The FILE, its buffer and its internal lock are stdio's:
 * never checked.
 *
 *   function                   reads                 writes
 *   puts(s), fputs(s, f),      s: len+1              -
 *   fputs_unlocked
 *   fgets(buf, n, f),          -                     buf: the line and its NUL
 *   fgets_unlocked, __fgets_chk                      (when it returned buf)
 *   getline(lp, np, f),        *lp, *np              *lp and *np when libc
 *   getdelim(lp, np, d, f)                           changed them; the line and
 *                                                    its NUL (result+1 bytes);
 *                                                    libc's realloc of the old
 *                                                    buffer is a free of it by
 *                                                    the caller (suppress.h)
 *   setvbuf(f, buf, mode, n),  -                     buf: n bytes (BUFSIZ for
 *   setbuf, setbuffer                                setbuf): the stream owns
 *                                                    and rewrites it from now on
 *   fputc, putc, fgetc, ...    -                     - (no buffer of the caller)
 *
 * Output calls (and fflush) release into the channel of the stream's file
 * descriptor and input calls acquire from it, as fwrite and fread do
 * (intercept_fd.c): a line written to a pipe with fputs and read with
 * fgets orders the writer before the reader. (fputc and putc make no edge
 * of their own: the fflush or next output call that follows them does.)
 *
 * flockfile/ftrylockfile and funlockfile order the threads that take a
 * FILE's lock, as a recursive mutex at the FILE's address would: the
 * program's own code touches the FILE under it (the getc_unlocked and
 * putc_unlocked macros update its pointers inline).
 */
#include "libc_access.h"
#include "sync.h"

#include <stdio.h>

DECLARE_REAL(int, puts, const char *);
RT_EXPORT int puts(const char *s)
{
    RESOLVE_REAL(puts);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    stream_release(stdout);
    return REAL(puts)(s);
}

DECLARE_REAL(int, fputs, const char *, FILE *);
RT_EXPORT int fputs(const char *s, FILE *f)
{
    RESOLVE_REAL(fputs);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    stream_release(f);
    return REAL(fputs)(s, f);
}

DECLARE_REAL(int, fputs_unlocked, const char *, FILE *);
RT_EXPORT int fputs_unlocked(const char *s, FILE *f)
{
    RESOLVE_REAL(fputs_unlocked);
    struct crace_thread *t = libc_thread();
    if (t)
        libc_read(t, s, str_span(s, (size_t)-1), RT_CALLER_PC());
    stream_release(f);
    return REAL(fputs_unlocked)(s, f);
}

/* fgets stored a line read from f (possibly cut at an embedded NUL: then
 * fewer bytes are claimed, never more) and its terminator. */
static void line_stored(FILE *f, char *r, char *buf, int n, uintptr_t pc)
{
    if (r)
        stream_acquire(f);
    struct crace_thread *t = libc_thread();
    if (t && r && n > 0)
        libc_write(t, buf, str_span(buf, (size_t)n), pc);
}

DECLARE_REAL(char *, fgets, char *, int, FILE *);
RT_EXPORT char *fgets(char *buf, int n, FILE *f)
{
    RESOLVE_REAL(fgets);
    char *r = REAL(fgets)(buf, n, f);
    line_stored(f, r, buf, n, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(char *, fgets_unlocked, char *, int, FILE *);
RT_EXPORT char *fgets_unlocked(char *buf, int n, FILE *f)
{
    RESOLVE_REAL(fgets_unlocked);
    char *r = REAL(fgets_unlocked)(buf, n, f);
    line_stored(f, r, buf, n, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(char *, __fgets_chk, char *, size_t, int, FILE *);
RT_EXPORT char *__fgets_chk(char *buf, size_t size, int n, FILE *f)
{
    RESOLVE_REAL(__fgets_chk);
    char *r = REAL(__fgets_chk)(buf, size, n, f);
    line_stored(f, r, buf, n, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(ssize_t, getdelim, char **, size_t *, int, FILE *);

static ssize_t do_getdelim(char **lp, size_t *np, int delim, FILE *f, uintptr_t pc)
{
    RESOLVE_REAL(getdelim);
    struct crace_thread *t = libc_thread();
    if (!t) {
        ssize_t r = REAL(getdelim)(lp, np, delim, f);
        if (r >= 0)
            stream_acquire(f);
        return r;
    }
    libc_read(t, lp, sizeof *lp, pc);
    libc_read(t, np, sizeof *np, pc);
    char *old = *lp;
    size_t old_n = *np;
    uintptr_t lent = suppress_lend_block((uintptr_t)old, pc);
    ssize_t r = REAL(getdelim)(lp, np, delim, f);
    suppress_unlend_block(lent);
    if (r >= 0)
        stream_acquire(f);
    if (*lp != old || *np != old_n) {
        libc_write(t, lp, sizeof *lp, pc);
        libc_write(t, np, sizeof *np, pc);
    }
    if (r >= 0 && *lp)
        libc_write(t, *lp, (size_t)r + 1, pc);
    return r;
}

RT_EXPORT ssize_t getdelim(char **lp, size_t *np, int delim, FILE *f)
{
    return do_getdelim(lp, np, delim, f, RT_CALLER_PC());
}

RT_EXPORT ssize_t getline(char **lp, size_t *np, FILE *f)
{
    return do_getdelim(lp, np, '\n', f, RT_CALLER_PC());
}

/* Flushing writes out what earlier output calls buffered. */
DECLARE_REAL(int, fflush, FILE *);
RT_EXPORT int fflush(FILE *f)
{
    RESOLVE_REAL(fflush);
    stream_release(f);
    return REAL(fflush)(f);
}

/* The stream takes buf over: a write of all of it by the caller. */
static void buffer_given(char *buf, size_t n, uintptr_t pc)
{
    struct crace_thread *t = libc_thread();
    if (t && buf)
        libc_write(t, buf, n, pc);
}

DECLARE_REAL(int, setvbuf, FILE *, char *, int, size_t);
RT_EXPORT int setvbuf(FILE *f, char *buf, int mode, size_t n)
{
    RESOLVE_REAL(setvbuf);
    int r = REAL(setvbuf)(f, buf, mode, n);
    if (r == 0 && mode != _IONBF)
        buffer_given(buf, n, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(void, setbuffer, FILE *, char *, size_t);
RT_EXPORT void setbuffer(FILE *f, char *buf, size_t n)
{
    RESOLVE_REAL(setbuffer);
    REAL(setbuffer)(f, buf, n);
    buffer_given(buf, n, RT_CALLER_PC());
}

RT_EXPORT void setbuf(FILE *f, char *buf)
{
    RESOLVE_REAL(setbuffer);
    REAL(setbuffer)(f, buf, BUFSIZ);
    buffer_given(buf, BUFSIZ, RT_CALLER_PC());
}

/* ---- the FILE lock ---- */

DECLARE_REAL(void, flockfile, FILE *);
RT_EXPORT void flockfile(FILE *f)
{
    RESOLVE_REAL(flockfile);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    waiting(t, EV_WAIT_MUTEX, f, 0, 0, pc);
    REAL(flockfile)(f);
    waited(t, 0);
    if (t)
        sync_lock_taken(t, (uintptr_t)f, 0, pc);
}

DECLARE_REAL(int, ftrylockfile, FILE *);
RT_EXPORT int ftrylockfile(FILE *f)
{
    RESOLVE_REAL(ftrylockfile);
    int r = REAL(ftrylockfile)(f);
    struct crace_thread *t = r == 0 ? intercept_thread() : 0;
    if (t)
        sync_lock_taken(t, (uintptr_t)f, EV_TRY, RT_CALLER_PC());
    return r;
}

DECLARE_REAL(void, funlockfile, FILE *);
RT_EXPORT void funlockfile(FILE *f)
{
    RESOLVE_REAL(funlockfile);
    struct crace_thread *t = intercept_thread();
    if (t) {
        thread_lock_released(t, (uintptr_t)f, RT_CALLER_PC());
        sync_release(t, (uintptr_t)f);
    }
    REAL(funlockfile)(f);
}

void intercept_stdio_init(void)
{
    RESOLVE_REAL(puts);
    RESOLVE_REAL(fputs);
    RESOLVE_REAL(fputs_unlocked);
    RESOLVE_REAL(fgets);
    RESOLVE_REAL(fgets_unlocked);
    RESOLVE_REAL(__fgets_chk);
    RESOLVE_REAL(getdelim);
    RESOLVE_REAL(fflush);
    RESOLVE_REAL(setvbuf);
    RESOLVE_REAL(setbuffer);
    RESOLVE_REAL(flockfile);
    RESOLVE_REAL(ftrylockfile);
    RESOLVE_REAL(funlockfile);
}
