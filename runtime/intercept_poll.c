/*
 * intercept_poll.c - the readiness calls: poll, ppoll, select and pselect.
 * They are memory accesses of the caller's arrays, nothing more: the
 * kernel reads each pollfd's fd and events and writes its revents; select
 * reads and rewrites the descriptor sets it is given (the words that hold
 * the first nfds bits). They create no happens-before edge: the read that
 * follows readiness is the edge (intercept_fd.c), as in ThreadSanitizer.
 */
#include "libc_access.h"

#include <poll.h>
#include <signal.h>
#include <sys/select.h>

static void pollfds_read(struct crace_thread *t, const struct pollfd *fds, nfds_t n, uintptr_t pc)
{
    for (nfds_t i = 0; i < n; i++) {
        libc_read(t, &fds[i].fd, sizeof fds[i].fd, pc);
        libc_read(t, &fds[i].events, sizeof fds[i].events, pc);
    }
}

/* revents is written on every entry when the call succeeds (0 when not ready). */
static void pollfds_written(struct crace_thread *t, struct pollfd *fds, nfds_t n, int r,
                            uintptr_t pc)
{
    if (r < 0)
        return;
    for (nfds_t i = 0; i < n; i++)
        libc_write(t, &fds[i].revents, sizeof fds[i].revents, pc);
}

DECLARE_REAL(int, poll, struct pollfd *, nfds_t, int);
RT_EXPORT int poll(struct pollfd *fds, nfds_t n, int timeout)
{
    RESOLVE_REAL(poll);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = libc_thread();
    if (t)
        pollfds_read(t, fds, n, pc);
    int r = REAL(poll)(fds, n, timeout);
    if (t)
        pollfds_written(t, fds, n, r, pc);
    return r;
}

DECLARE_REAL(int, ppoll, struct pollfd *, nfds_t, const struct timespec *, const sigset_t *);
RT_EXPORT int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout,
                    const sigset_t *mask)
{
    RESOLVE_REAL(ppoll);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = libc_thread();
    if (t)
        pollfds_read(t, fds, n, pc);
    int r = REAL(ppoll)(fds, n, timeout, mask);
    if (t)
        pollfds_written(t, fds, n, r, pc);
    return r;
}

/* The bytes of an fd_set that the kernel reads and writes for nfds: whole
 * longs, as it copies them. */
static size_t fdset_bytes(int nfds)
{
    if (nfds <= 0)
        return 0;
    size_t bits = 8 * sizeof(long);
    size_t n = ((size_t)nfds + bits - 1) / bits * sizeof(long);
    return n < sizeof(fd_set) ? n : sizeof(fd_set);
}

static void fdsets_read(struct crace_thread *t, int nfds, fd_set *r, fd_set *w, fd_set *e,
                        uintptr_t pc)
{
    size_t n = fdset_bytes(nfds);
    if (r)
        libc_read(t, r, n, pc);
    if (w)
        libc_read(t, w, n, pc);
    if (e)
        libc_read(t, e, n, pc);
}

/* On success the kernel rewrites every set it was given. */
static void fdsets_written(struct crace_thread *t, int nfds, fd_set *r, fd_set *w, fd_set *e,
                           int rc, uintptr_t pc)
{
    size_t n = fdset_bytes(nfds);
    if (rc < 0)
        return;
    if (r)
        libc_write(t, r, n, pc);
    if (w)
        libc_write(t, w, n, pc);
    if (e)
        libc_write(t, e, n, pc);
}

DECLARE_REAL(int, select, int, fd_set *, fd_set *, fd_set *, struct timeval *);
RT_EXPORT int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout)
{
    RESOLVE_REAL(select);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = libc_thread();
    if (t)
        fdsets_read(t, nfds, r, w, e, pc);
    int rc = REAL(select)(nfds, r, w, e, timeout);
    if (t)
        fdsets_written(t, nfds, r, w, e, rc, pc);
    return rc;
}

DECLARE_REAL(int, pselect, int, fd_set *, fd_set *, fd_set *, const struct timespec *,
             const sigset_t *);
RT_EXPORT int pselect(int nfds, fd_set *r, fd_set *w, fd_set *e, const struct timespec *timeout,
                      const sigset_t *mask)
{
    RESOLVE_REAL(pselect);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = libc_thread();
    if (t)
        fdsets_read(t, nfds, r, w, e, pc);
    int rc = REAL(pselect)(nfds, r, w, e, timeout, mask);
    if (t)
        fdsets_written(t, nfds, r, w, e, rc, pc);
    return rc;
}
