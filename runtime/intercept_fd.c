/*
 * intercept_fd.c - file descriptors: the buffers of read/write-like calls
 * are range accesses, and an fd is a channel: data written into it happens
 * before a read that receives it.
 *
 * Each fd maps to a channel key (fd_chan). Both ends of a pipe or
 * socketpair share one fresh key; an eventfd has its own; files opened by
 * name share the FILE key and sockets the SOCKET key (their peers are not
 * known). A write-like call releases on the key before the data leaves, a
 * successful read-like call acquires after the data arrived. close() drops
 * the mapping, so a reused fd number carries no edge from its old life.
 * Keys live above the user address space, so they never meet a real
 * address in the sync table.
 */
#include "access.h"
#include "intercept.h"
#include "suppress.h"
#include "sync.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define FD_MAX (1u << 20)
#define CHAN_BASE 0xffff900000000000ull
#define CHAN_FILE (CHAN_BASE + 8)
#define CHAN_SOCKET (CHAN_BASE + 16)

/* fd -> channel key, 0 = none. Written by the thread that creates or closes
 * the fd; entries are whole words, read without a lock. */
static uintptr_t *fd_chan;
static uint64_t next_chan = 4; /* atomic counter of fresh channel keys */

static uintptr_t *chan_table(void)
{
    uintptr_t *tab = __atomic_load_n(&fd_chan, __ATOMIC_ACQUIRE);
    if (!tab) {
        uintptr_t *fresh = rt_map(FD_MAX * sizeof(uintptr_t));
        if (__atomic_compare_exchange_n(&fd_chan, &tab, fresh, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE))
            tab = fresh;
        else
            rt_unmap(fresh, FD_MAX * sizeof(uintptr_t));
    }
    return tab;
}

static uintptr_t new_chan(void)
{
    return CHAN_BASE + 8 * __atomic_fetch_add(&next_chan, 1, __ATOMIC_RELAXED);
}

static void set_chan(int fd, uintptr_t key)
{
    if (fd >= 0 && (unsigned)fd < FD_MAX)
        __atomic_store_n(&chan_table()[fd], key, __ATOMIC_RELAXED);
}

static uintptr_t get_chan(int fd)
{
    if (fd < 0 || (unsigned)fd >= FD_MAX)
        return 0;
    return __atomic_load_n(&chan_table()[fd], __ATOMIC_RELAXED);
}

/* A new descriptor fd (if the call succeeded) gets channel key. */
static int with_chan(int fd, uintptr_t key)
{
    if (fd >= 0 && intercept_thread())
        set_chan(fd, key);
    return fd;
}

/* Both ends of a new pipe or socketpair share a fresh channel. */
static int pair_chan(int r, const int fds[2])
{
    if (r == 0 && intercept_thread()) {
        uintptr_t key = new_chan();
        set_chan(fds[0], key);
        set_chan(fds[1], key);
    }
    return r;
}

/* Before a write-like call. */
static void fd_release(struct crace_thread *t, int fd)
{
    uintptr_t key = get_chan(fd);
    if (key)
        sync_release(t, key);
}

/* After a successful read-like call. */
static void fd_acquire(struct crace_thread *t, int fd)
{
    uintptr_t key = get_chan(fd);
    if (key)
        sync_acquire(t, key);
}

void intercept_fd_release(struct crace_thread *t, int fd)
{
    fd_release(t, fd);
}

void intercept_fd_acquire(struct crace_thread *t, int fd)
{
    fd_acquire(t, fd);
}

static void buf_read(struct crace_thread *t, const void *p, ssize_t n, uintptr_t pc)
{
    if (n > 0 && !suppress_caller(pc))
        access_range(t, (uintptr_t)p, (size_t)n, CELL_READ, pc);
}

static void buf_written(struct crace_thread *t, void *p, ssize_t n, uintptr_t pc)
{
    if (n > 0 && !suppress_caller(pc))
        access_range(t, (uintptr_t)p, (size_t)n, 0, pc);
}

static void iov_read(struct crace_thread *t, const struct iovec *iov, int cnt, uintptr_t pc)
{
    for (int i = 0; i < cnt; i++)
        buf_read(t, iov[i].iov_base, (ssize_t)iov[i].iov_len, pc);
}

/* The first n bytes landed in the iovecs. */
static void iov_written(struct crace_thread *t, const struct iovec *iov, int cnt, ssize_t n,
                        uintptr_t pc)
{
    for (int i = 0; i < cnt && n > 0; i++) {
        ssize_t part = (ssize_t)iov[i].iov_len < n ? (ssize_t)iov[i].iov_len : n;
        buf_written(t, iov[i].iov_base, part, pc);
        n -= part;
    }
}

/* ---- reads ---- */

DECLARE_REAL(ssize_t, read, int, void *, size_t);
RT_EXPORT ssize_t read(int fd, void *buf, size_t n)
{
    RESOLVE_REAL(read);
    ssize_t r = REAL(read)(fd, buf, n);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        buf_written(t, buf, r, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t);
static ssize_t do_pread(int fd, void *buf, size_t n, off_t off, uintptr_t pc)
{
    RESOLVE_REAL(pread);
    ssize_t r = REAL(pread)(fd, buf, n, off);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        buf_written(t, buf, r, pc);
    }
    return r;
}

RT_EXPORT ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    return do_pread(fd, buf, n, off, RT_CALLER_PC());
}

RT_EXPORT ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
    return do_pread(fd, buf, n, off, RT_CALLER_PC());
}

DECLARE_REAL(ssize_t, readv, int, const struct iovec *, int);
RT_EXPORT ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
    RESOLVE_REAL(readv);
    ssize_t r = REAL(readv)(fd, iov, cnt);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        iov_written(t, iov, cnt, r, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(ssize_t, recv, int, void *, size_t, int);
RT_EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    RESOLVE_REAL(recv);
    ssize_t r = REAL(recv)(fd, buf, n, flags);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        buf_written(t, buf, r, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *);
RT_EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from,
                           socklen_t *len)
{
    RESOLVE_REAL(recvfrom);
    ssize_t r = REAL(recvfrom)(fd, buf, n, flags, from, len);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        buf_written(t, buf, r, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(ssize_t, recvmsg, int, struct msghdr *, int);
RT_EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    RESOLVE_REAL(recvmsg);
    ssize_t r = REAL(recvmsg)(fd, msg, flags);
    struct crace_thread *t = intercept_thread();
    if (t && r >= 0) {
        fd_acquire(t, fd);
        iov_written(t, msg->msg_iov, (int)msg->msg_iovlen, r, RT_CALLER_PC());
    }
    return r;
}

/* ---- writes ---- */

DECLARE_REAL(ssize_t, write, int, const void *, size_t);
RT_EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
    RESOLVE_REAL(write);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, RT_CALLER_PC());
        fd_release(t, fd);
    }
    return REAL(write)(fd, buf, n);
}

DECLARE_REAL(ssize_t, pwrite, int, const void *, size_t, off_t);
static ssize_t do_pwrite(int fd, const void *buf, size_t n, off_t off, uintptr_t pc)
{
    RESOLVE_REAL(pwrite);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, pc);
        fd_release(t, fd);
    }
    return REAL(pwrite)(fd, buf, n, off);
}

RT_EXPORT ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    return do_pwrite(fd, buf, n, off, RT_CALLER_PC());
}

RT_EXPORT ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    return do_pwrite(fd, buf, n, off, RT_CALLER_PC());
}

DECLARE_REAL(ssize_t, writev, int, const struct iovec *, int);
RT_EXPORT ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    RESOLVE_REAL(writev);
    struct crace_thread *t = intercept_thread();
    if (t) {
        iov_read(t, iov, cnt, RT_CALLER_PC());
        fd_release(t, fd);
    }
    return REAL(writev)(fd, iov, cnt);
}

DECLARE_REAL(ssize_t, send, int, const void *, size_t, int);
RT_EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    RESOLVE_REAL(send);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, RT_CALLER_PC());
        fd_release(t, fd);
    }
    return REAL(send)(fd, buf, n, flags);
}

DECLARE_REAL(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t);
RT_EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to,
                         socklen_t len)
{
    RESOLVE_REAL(sendto);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, RT_CALLER_PC());
        fd_release(t, fd);
    }
    return REAL(sendto)(fd, buf, n, flags, to, len);
}

DECLARE_REAL(ssize_t, sendmsg, int, const struct msghdr *, int);
RT_EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    RESOLVE_REAL(sendmsg);
    struct crace_thread *t = intercept_thread();
    if (t) {
        iov_read(t, msg->msg_iov, (int)msg->msg_iovlen, RT_CALLER_PC());
        fd_release(t, fd);
    }
    return REAL(sendmsg)(fd, msg, flags);
}

/* eventfd_read/write call the system directly inside libc. */
DECLARE_REAL(int, eventfd_read, int, eventfd_t *);
RT_EXPORT int eventfd_read(int fd, eventfd_t *value)
{
    RESOLVE_REAL(eventfd_read);
    int r = REAL(eventfd_read)(fd, value);
    struct crace_thread *t = intercept_thread();
    if (t && r == 0) {
        fd_acquire(t, fd);
        buf_written(t, value, sizeof *value, RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(int, eventfd_write, int, eventfd_t);
RT_EXPORT int eventfd_write(int fd, eventfd_t value)
{
    RESOLVE_REAL(eventfd_write);
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_release(t, fd);
    return REAL(eventfd_write)(fd, value);
}

/* ---- stdio buffers ---- */

DECLARE_REAL(size_t, fread, void *, size_t, size_t, FILE *);
RT_EXPORT size_t fread(void *p, size_t size, size_t n, FILE *f)
{
    RESOLVE_REAL(fread);
    size_t r = REAL(fread)(p, size, n, f);
    struct crace_thread *t = intercept_thread();
    if (t && r > 0) {
        fd_acquire(t, fileno(f));
        buf_written(t, p, (ssize_t)(r * size), RT_CALLER_PC());
    }
    return r;
}

DECLARE_REAL(size_t, fwrite, const void *, size_t, size_t, FILE *);
RT_EXPORT size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    RESOLVE_REAL(fwrite);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, p, (ssize_t)(size * n), RT_CALLER_PC());
        fd_release(t, fileno(f));
    }
    return REAL(fwrite)(p, size, n, f);
}

/* ---- creating, duplicating and closing descriptors ---- */

DECLARE_REAL(int, pipe, int *);
RT_EXPORT int pipe(int fds[2])
{
    RESOLVE_REAL(pipe);
    return pair_chan(REAL(pipe)(fds), fds);
}

DECLARE_REAL(int, pipe2, int *, int);
RT_EXPORT int pipe2(int fds[2], int flags)
{
    RESOLVE_REAL(pipe2);
    return pair_chan(REAL(pipe2)(fds, flags), fds);
}

DECLARE_REAL(int, socketpair, int, int, int, int *);
RT_EXPORT int socketpair(int domain, int type, int proto, int fds[2])
{
    RESOLVE_REAL(socketpair);
    return pair_chan(REAL(socketpair)(domain, type, proto, fds), fds);
}

DECLARE_REAL(int, eventfd, unsigned, int);
RT_EXPORT int eventfd(unsigned initval, int flags)
{
    RESOLVE_REAL(eventfd);
    return with_chan(REAL(eventfd)(initval, flags), new_chan());
}

DECLARE_REAL(int, socket, int, int, int);
RT_EXPORT int socket(int domain, int type, int proto)
{
    RESOLVE_REAL(socket);
    return with_chan(REAL(socket)(domain, type, proto), CHAN_SOCKET);
}

DECLARE_REAL(int, accept, int, struct sockaddr *, socklen_t *);
RT_EXPORT int accept(int s, struct sockaddr *addr, socklen_t *len)
{
    RESOLVE_REAL(accept);
    return with_chan(REAL(accept)(s, addr, len), CHAN_SOCKET);
}

DECLARE_REAL(int, accept4, int, struct sockaddr *, socklen_t *, int);
RT_EXPORT int accept4(int s, struct sockaddr *addr, socklen_t *len, int flags)
{
    RESOLVE_REAL(accept4);
    return with_chan(REAL(accept4)(s, addr, len, flags), CHAN_SOCKET);
}

/* open/openat/creat take an optional mode: read it only with O_CREAT/O_TMPFILE. */
static int needs_mode(int flags)
{
    return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE;
}

DECLARE_REAL(int, open, const char *, int, ...);
RT_EXPORT int open(const char *path, int flags, ...)
{
    RESOLVE_REAL(open);
    unsigned mode = 0;
    if (needs_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    return with_chan(REAL(open)(path, flags, mode), CHAN_FILE);
}

/* Same symbol as open on 64-bit glibc, exported under both names. */
RT_EXPORT int open64(const char *path, int flags, ...) __attribute__((alias("open")));

DECLARE_REAL(int, openat, int, const char *, int, ...);
RT_EXPORT int openat(int dir, const char *path, int flags, ...)
{
    RESOLVE_REAL(openat);
    unsigned mode = 0;
    if (needs_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    return with_chan(REAL(openat)(dir, path, flags, mode), CHAN_FILE);
}

DECLARE_REAL(int, creat, const char *, mode_t);
RT_EXPORT int creat(const char *path, mode_t mode)
{
    RESOLVE_REAL(creat);
    return with_chan(REAL(creat)(path, mode), CHAN_FILE);
}

DECLARE_REAL(int, dup, int);
RT_EXPORT int dup(int old)
{
    RESOLVE_REAL(dup);
    return with_chan(REAL(dup)(old), get_chan(old));
}

DECLARE_REAL(int, dup2, int, int);
RT_EXPORT int dup2(int old, int new_fd)
{
    RESOLVE_REAL(dup2);
    return with_chan(REAL(dup2)(old, new_fd), get_chan(old));
}

DECLARE_REAL(int, dup3, int, int, int);
RT_EXPORT int dup3(int old, int new_fd, int flags)
{
    RESOLVE_REAL(dup3);
    return with_chan(REAL(dup3)(old, new_fd, flags), get_chan(old));
}

DECLARE_REAL(int, close, int);
RT_EXPORT int close(int fd)
{
    RESOLVE_REAL(close);
    if (intercept_thread())
        set_chan(fd, 0);
    return REAL(close)(fd);
}
