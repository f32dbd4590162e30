/*
 * intercept_fd.c - file descriptors: the buffers of read/write-like calls
 * are range accesses, and each call uses its descriptor (fd.h): it reads
 * the descriptor's word, close writes it, and the calls that create one
 * write it fresh.
 *
 * A descriptor is also a channel: a write-like call releases on its key
 * before the data leaves, a successful read-like call acquires after the
 * data arrived. Both ends of a pipe or socketpair share one fresh key; an
 * eventfd has its own; files opened by name share the FILE key and sockets
 * the SOCKET key (their peers are not known). close() releases (the reader
 * of a pipe or socket sees the end of the data; not for files) and drops
 * the key, so a reused number carries no edge from its old life.
 *
 * sendmmsg/recvmmsg are sendmsg/recvmsg over a vector of messages; splice,
 * tee, sendfile and copy_file_range pass a channel's edge on to another.
 *
 * Sockets: connect() releases on one global CONNECT key that accept()
 * acquires (the connecting side's work happens before the accepted
 * connection's); shutdown() releases like a write (the peer reads the end
 * of the data). epoll_ctl releases on the epoll descriptor and epoll_wait
 * acquires it: the event's data (often a pointer to a connection's state)
 * was set up before it is handed to the waiter.
 */
#include "access.h"
#include "fd.h"
#include "intercept.h"
#include "suppress.h"
#include "sync.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* A call that returned a new descriptor fd (if it succeeded): fresh, with key. */
static int created(int fd, uintptr_t key, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (fd >= 0 && t)
        fd_created(t, fd, key, pc);
    return fd;
}

/* Both ends of a new pipe or socketpair share a fresh channel. */
static int pair_created(int r, const int fds[2], uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (r == 0 && t) {
        uintptr_t key = fd_new_chan();
        fd_created(t, fds[0], key, pc);
        fd_created(t, fds[1], key, pc);
    }
    return r;
}

/* The descriptor under stream f, read from the FILE itself: fileno() sets
 * errno for a stream without one (fmemopen), after the real call set it. */
static int stream_fd(FILE *f)
{
    return f ? f->_fileno : -1;
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

/* Before a read-like call: it uses fd. */
static struct crace_thread *reading(int fd, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_use(t, fd, pc);
    return t;
}

/* After it: the data arrived in buf (n >= 0: the call succeeded). */
static void have_read(struct crace_thread *t, int fd, void *buf, ssize_t n, uintptr_t pc)
{
    if (t && n >= 0) {
        fd_acquire(t, fd);
        buf_written(t, buf, n, pc);
    }
}

DECLARE_REAL(ssize_t, read, int, void *, size_t);
RT_EXPORT ssize_t read(int fd, void *buf, size_t n)
{
    RESOLVE_REAL(read);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(read)(fd, buf, n);
    have_read(t, fd, buf, r, pc);
    return r;
}

DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t);
static ssize_t do_pread(int fd, void *buf, size_t n, off_t off, uintptr_t pc)
{
    RESOLVE_REAL(pread);
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(pread)(fd, buf, n, off);
    have_read(t, fd, buf, r, pc);
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
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(readv)(fd, iov, cnt);
    if (t && r >= 0) {
        fd_acquire(t, fd);
        iov_written(t, iov, cnt, r, pc);
    }
    return r;
}

/* ---- writes ---- */

/* Before a write-like call: it uses fd, and its data leaves after this. */
static void writing(struct crace_thread *t, int fd, uintptr_t pc)
{
    fd_use(t, fd, pc);
    fd_release(t, fd);
}

DECLARE_REAL(ssize_t, write, int, const void *, size_t);
RT_EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
    RESOLVE_REAL(write);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, RT_CALLER_PC());
        writing(t, fd, RT_CALLER_PC());
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
        writing(t, fd, pc);
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
        writing(t, fd, RT_CALLER_PC());
    }
    return REAL(writev)(fd, iov, cnt);
}

/* eventfd_read/write call the system directly inside libc. */
DECLARE_REAL(int, eventfd_read, int, eventfd_t *);
RT_EXPORT int eventfd_read(int fd, eventfd_t *value)
{
    RESOLVE_REAL(eventfd_read);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    int r = REAL(eventfd_read)(fd, value);
    if (r == 0)
        have_read(t, fd, value, sizeof *value, pc);
    return r;
}

DECLARE_REAL(int, eventfd_write, int, eventfd_t);
RT_EXPORT int eventfd_write(int fd, eventfd_t value)
{
    RESOLVE_REAL(eventfd_write);
    struct crace_thread *t = intercept_thread();
    if (t)
        writing(t, fd, RT_CALLER_PC());
    return REAL(eventfd_write)(fd, value);
}

/* ---- stdio buffers ---- */

DECLARE_REAL(size_t, fread, void *, size_t, size_t, FILE *);
RT_EXPORT size_t fread(void *p, size_t size, size_t n, FILE *f)
{
    ev_unsafe_call("fread", RT_CALLER_PC());
    RESOLVE_REAL(fread);
    uintptr_t pc = RT_CALLER_PC();
    int fd = stream_fd(f);
    struct crace_thread *t = reading(fd, pc);
    size_t r = REAL(fread)(p, size, n, f);
    if (r > 0)
        have_read(t, fd, p, (ssize_t)(r * size), pc);
    return r;
}

DECLARE_REAL(size_t, fwrite, const void *, size_t, size_t, FILE *);
RT_EXPORT size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    ev_unsafe_call("fwrite", RT_CALLER_PC());
    RESOLVE_REAL(fwrite);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, p, (ssize_t)(size * n), RT_CALLER_PC());
        writing(t, stream_fd(f), RT_CALLER_PC());
    }
    return REAL(fwrite)(p, size, n, f);
}

/* ---- moving data between descriptors ---- */

/*
 * splice, tee, sendfile and copy_file_range move data from fd_in to fd_out
 * inside the kernel: a read of fd_in and a write of fd_out in one call, so
 * what was released on fd_in's channel reaches whoever reads fd_out. The
 * edge is passed on twice: before the call (the data already waiting in
 * fd_in, whose writer released before writing it, must carry its clock to
 * fd_out before fd_out's reader can see it) and after (data that arrived
 * while the call blocked). The offsets the caller passes are read and
 * written by the call.
 */
static struct crace_thread *moving(int in, int out, uintptr_t pc)
{
    struct crace_thread *t = reading(in, pc);
    if (t) {
        fd_acquire(t, in);
        writing(t, out, pc);
    }
    return t;
}

static void moved(struct crace_thread *t, int in, int out, ssize_t r)
{
    if (t && r > 0) {
        fd_acquire(t, in);
        fd_release(t, out);
    }
}

static void offset_used(struct crace_thread *t, void *off, size_t size, ssize_t r, uintptr_t pc)
{
    if (t && off) {
        buf_read(t, off, (ssize_t)size, pc);
        if (r > 0)
            buf_written(t, off, (ssize_t)size, pc);
    }
}

DECLARE_REAL(ssize_t, splice, int, loff_t *, int, loff_t *, size_t, unsigned);
RT_EXPORT ssize_t splice(int in, loff_t *off_in, int out, loff_t *off_out, size_t n, unsigned flags)
{
    RESOLVE_REAL(splice);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = moving(in, out, pc);
    ssize_t r = REAL(splice)(in, off_in, out, off_out, n, flags);
    moved(t, in, out, r);
    offset_used(t, off_in, sizeof *off_in, r, pc);
    offset_used(t, off_out, sizeof *off_out, r, pc);
    return r;
}

DECLARE_REAL(ssize_t, tee, int, int, size_t, unsigned);
RT_EXPORT ssize_t tee(int in, int out, size_t n, unsigned flags)
{
    RESOLVE_REAL(tee);
    struct crace_thread *t = moving(in, out, RT_CALLER_PC());
    ssize_t r = REAL(tee)(in, out, n, flags);
    moved(t, in, out, r);
    return r;
}

DECLARE_REAL(ssize_t, sendfile, int, int, off_t *, size_t);
RT_EXPORT ssize_t sendfile(int out, int in, off_t *off, size_t n)
{
    RESOLVE_REAL(sendfile);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = moving(in, out, pc);
    ssize_t r = REAL(sendfile)(out, in, off, n);
    moved(t, in, out, r);
    offset_used(t, off, sizeof *off, r, pc);
    return r;
}
RT_EXPORT ssize_t sendfile64(int out, int in, off_t *off, size_t n)
    __attribute__((alias("sendfile")));

DECLARE_REAL(ssize_t, copy_file_range, int, loff_t *, int, loff_t *, size_t, unsigned);
RT_EXPORT ssize_t copy_file_range(int in, loff_t *off_in, int out, loff_t *off_out, size_t n,
                                  unsigned flags)
{
    RESOLVE_REAL(copy_file_range);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = moving(in, out, pc);
    ssize_t r = REAL(copy_file_range)(in, off_in, out, off_out, n, flags);
    moved(t, in, out, r);
    offset_used(t, off_in, sizeof *off_in, r, pc);
    offset_used(t, off_out, sizeof *off_out, r, pc);
    return r;
}

/* ---- creating, duplicating and closing descriptors ---- */

DECLARE_REAL(int, pipe, int *);
RT_EXPORT int pipe(int fds[2])
{
    RESOLVE_REAL(pipe);
    return pair_created(REAL(pipe)(fds), fds, RT_CALLER_PC());
}

DECLARE_REAL(int, pipe2, int *, int);
RT_EXPORT int pipe2(int fds[2], int flags)
{
    RESOLVE_REAL(pipe2);
    return pair_created(REAL(pipe2)(fds, flags), fds, RT_CALLER_PC());
}

DECLARE_REAL(int, socketpair, int, int, int, int *);
RT_EXPORT int socketpair(int domain, int type, int proto, int fds[2])
{
    RESOLVE_REAL(socketpair);
    return pair_created(REAL(socketpair)(domain, type, proto, fds), fds, RT_CALLER_PC());
}

DECLARE_REAL(int, eventfd, unsigned, int);
RT_EXPORT int eventfd(unsigned initval, int flags)
{
    RESOLVE_REAL(eventfd);
    return created(REAL(eventfd)(initval, flags), fd_new_chan(), RT_CALLER_PC());
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
    return created(REAL(open)(path, flags, mode), FD_CHAN_FILE, RT_CALLER_PC());
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
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    if (t && dir != AT_FDCWD)
        fd_use(t, dir, pc); /* a path relative to that directory */
    return created(REAL(openat)(dir, path, flags, mode), FD_CHAN_FILE, pc);
}

DECLARE_REAL(int, creat, const char *, mode_t);
RT_EXPORT int creat(const char *path, mode_t mode)
{
    RESOLVE_REAL(creat);
    return created(REAL(creat)(path, mode), FD_CHAN_FILE, RT_CALLER_PC());
}

DECLARE_REAL(int, dup, int);
RT_EXPORT int dup(int old)
{
    RESOLVE_REAL(dup);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_use(t, old, pc);
    return created(REAL(dup)(old), fd_chan(old), pc);
}

/*
 * fcntl uses its descriptor (a close racing with it is a race), and
 * F_DUPFD/F_DUPFD_CLOEXEC make a copy like dup: the copy shares the
 * original's channel, so a write through it pairs with a read of the other
 * end. The third argument is an int or a pointer depending on cmd; it is
 * passed on as a word either way, as the kernel's calling convention
 * allows. The runtime's own queries call real_fcntl directly.
 */
DECLARE_REAL(int, fcntl, int, int, ...);
static int do_fcntl(int fd, int cmd, void *arg, uintptr_t pc)
{
    RESOLVE_REAL(fcntl);
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_use(t, fd, pc);
    int r = REAL(fcntl)(fd, cmd, arg);
    if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
        created(r, fd_chan(fd), pc);
    return r;
}

RT_EXPORT int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return do_fcntl(fd, cmd, arg, RT_CALLER_PC());
}

RT_EXPORT int fcntl64(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return do_fcntl(fd, cmd, arg, RT_CALLER_PC());
}

/* Whether fd is an open descriptor (the runtime's own query, not modelled). */
static int fd_is_open(int fd)
{
    RESOLVE_REAL(fcntl);
    return REAL(fcntl)(fd, F_GETFD) != -1;
}

/*
 * dup2/dup3 use `old` and, when new_fd is open, close it first: a write of
 * its word, like close. Then new_fd starts a new life as a copy of old.
 */
static void before_dup_onto(struct crace_thread *t, int old, int new_fd, uintptr_t pc)
{
    fd_use(t, old, pc);
    if (new_fd != old && fd_is_open(new_fd))
        fd_closing(t, new_fd, pc);
}

DECLARE_REAL(int, dup2, int, int);
RT_EXPORT int dup2(int old, int new_fd)
{
    RESOLVE_REAL(dup2);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    if (!t)
        return REAL(dup2)(old, new_fd);
    before_dup_onto(t, old, new_fd, pc);
    int r = REAL(dup2)(old, new_fd);
    if (r >= 0 && new_fd != old)
        fd_created(t, r, fd_chan(old), pc);
    return r;
}

DECLARE_REAL(int, dup3, int, int, int);
RT_EXPORT int dup3(int old, int new_fd, int flags)
{
    RESOLVE_REAL(dup3);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    if (!t)
        return REAL(dup3)(old, new_fd, flags);
    before_dup_onto(t, old, new_fd, pc);
    int r = REAL(dup3)(old, new_fd, flags);
    if (r >= 0)
        fd_created(t, r, fd_chan(old), pc);
    return r;
}

DECLARE_REAL(int, close, int);
RT_EXPORT int close(int fd)
{
    RESOLVE_REAL(close);
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_closing(t, fd, RT_CALLER_PC());
    return REAL(close)(fd);
}

/*
 * Closing a stream, a popen pipe or a directory closes its descriptor too.
 * These must be seen: the descriptor's next life may come from a call we
 * do not intercept, and must not meet the accesses of this one.
 */
static void stream_closing(int fd, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (t && fd >= 0)
        fd_closing(t, fd, pc);
}

DECLARE_REAL(int, fclose, FILE *);
RT_EXPORT int fclose(FILE *f)
{
    RESOLVE_REAL(fclose);
    stream_closing(stream_fd(f), RT_CALLER_PC());
    return REAL(fclose)(f);
}

DECLARE_REAL(int, pclose, FILE *);
RT_EXPORT int pclose(FILE *f)
{
    RESOLVE_REAL(pclose);
    stream_closing(stream_fd(f), RT_CALLER_PC());
    return REAL(pclose)(f);
}

DECLARE_REAL(int, closedir, DIR *);
RT_EXPORT int closedir(DIR *d)
{
    RESOLVE_REAL(closedir);
    DIR *dir = d;
    __asm__("" : "+r"(dir)); /* libc declares d nonnull; glibc still accepts NULL */
    stream_closing(dir ? dirfd(dir) : -1, RT_CALLER_PC());
    return REAL(closedir)(d);
}

/* ---- sockets ---- */

DECLARE_REAL(int, socket, int, int, int);
RT_EXPORT int socket(int domain, int type, int proto)
{
    RESOLVE_REAL(socket);
    return created(REAL(socket)(domain, type, proto), FD_CHAN_SOCKET, RT_CALLER_PC());
}

/* A call that only uses fd (bind, listen, ...). */
static void using(int fd, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        fd_use(t, fd, pc);
}

DECLARE_REAL(int, connect, int, const struct sockaddr *, socklen_t);
RT_EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    RESOLVE_REAL(connect);
    struct crace_thread *t = intercept_thread();
    if (t) {
        fd_use(t, fd, RT_CALLER_PC());
        sync_release(t, FD_CHAN_CONNECT);
    }
    return REAL(connect)(fd, addr, len);
}

static int accepted(struct crace_thread *t, int fd, uintptr_t pc)
{
    if (t && fd >= 0) {
        sync_acquire(t, FD_CHAN_CONNECT);
        fd_created(t, fd, FD_CHAN_SOCKET, pc);
    }
    return fd;
}

DECLARE_REAL(int, accept, int, struct sockaddr *, socklen_t *);
RT_EXPORT int accept(int s, struct sockaddr *addr, socklen_t *len)
{
    RESOLVE_REAL(accept);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(s, pc);
    return accepted(t, REAL(accept)(s, addr, len), pc);
}

DECLARE_REAL(int, accept4, int, struct sockaddr *, socklen_t *, int);
RT_EXPORT int accept4(int s, struct sockaddr *addr, socklen_t *len, int flags)
{
    RESOLVE_REAL(accept4);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(s, pc);
    return accepted(t, REAL(accept4)(s, addr, len, flags), pc);
}

DECLARE_REAL(int, bind, int, const struct sockaddr *, socklen_t);
RT_EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    RESOLVE_REAL(bind);
    using(fd, RT_CALLER_PC());
    return REAL(bind)(fd, addr, len);
}

DECLARE_REAL(int, listen, int, int);
RT_EXPORT int listen(int fd, int backlog)
{
    RESOLVE_REAL(listen);
    using(fd, RT_CALLER_PC());
    return REAL(listen)(fd, backlog);
}

DECLARE_REAL(int, shutdown, int, int);
RT_EXPORT int shutdown(int fd, int how)
{
    RESOLVE_REAL(shutdown);
    struct crace_thread *t = intercept_thread();
    if (t)
        writing(t, fd, RT_CALLER_PC());
    return REAL(shutdown)(fd, how);
}

DECLARE_REAL(ssize_t, recv, int, void *, size_t, int);
RT_EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    RESOLVE_REAL(recv);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(recv)(fd, buf, n, flags);
    have_read(t, fd, buf, r, pc);
    return r;
}

DECLARE_REAL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *);
RT_EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from,
                           socklen_t *len)
{
    RESOLVE_REAL(recvfrom);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(recvfrom)(fd, buf, n, flags, from, len);
    have_read(t, fd, buf, r, pc);
    return r;
}

DECLARE_REAL(ssize_t, recvmsg, int, struct msghdr *, int);
RT_EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    RESOLVE_REAL(recvmsg);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    ssize_t r = REAL(recvmsg)(fd, msg, flags);
    if (t && r >= 0) {
        fd_acquire(t, fd);
        iov_written(t, msg->msg_iov, (int)msg->msg_iovlen, r, pc);
    }
    return r;
}

DECLARE_REAL(ssize_t, send, int, const void *, size_t, int);
RT_EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    RESOLVE_REAL(send);
    struct crace_thread *t = intercept_thread();
    if (t) {
        buf_read(t, buf, (ssize_t)n, RT_CALLER_PC());
        writing(t, fd, RT_CALLER_PC());
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
        writing(t, fd, RT_CALLER_PC());
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
        writing(t, fd, RT_CALLER_PC());
    }
    return REAL(sendmsg)(fd, msg, flags);
}

/*
 * sendmmsg/recvmmsg: sendmsg/recvmsg over a vector of messages. The kernel
 * writes each handled message's msg_len; recvmmsg fills the first msg_len
 * bytes of each received message's iovecs.
 */
static void mmsg_len_written(struct crace_thread *t, struct mmsghdr *vec, int n, uintptr_t pc)
{
    for (int i = 0; i < n; i++)
        buf_written(t, &vec[i].msg_len, sizeof vec[i].msg_len, pc);
}

DECLARE_REAL(int, sendmmsg, int, struct mmsghdr *, unsigned, int);
RT_EXPORT int sendmmsg(int fd, struct mmsghdr *vec, unsigned vlen, int flags)
{
    RESOLVE_REAL(sendmmsg);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = intercept_thread();
    if (t) {
        for (unsigned i = 0; i < vlen; i++)
            iov_read(t, vec[i].msg_hdr.msg_iov, (int)vec[i].msg_hdr.msg_iovlen, pc);
        writing(t, fd, pc);
    }
    int r = REAL(sendmmsg)(fd, vec, vlen, flags);
    if (t && r > 0)
        mmsg_len_written(t, vec, r, pc);
    return r;
}

DECLARE_REAL(int, recvmmsg, int, struct mmsghdr *, unsigned, int, struct timespec *);
RT_EXPORT int recvmmsg(int fd, struct mmsghdr *vec, unsigned vlen, int flags,
                       struct timespec *timeout)
{
    RESOLVE_REAL(recvmmsg);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(fd, pc);
    int r = REAL(recvmmsg)(fd, vec, vlen, flags, timeout);
    if (t && r > 0) {
        fd_acquire(t, fd);
        for (int i = 0; i < r; i++)
            iov_written(t, vec[i].msg_hdr.msg_iov, (int)vec[i].msg_hdr.msg_iovlen,
                        (ssize_t)vec[i].msg_len, pc);
        mmsg_len_written(t, vec, r, pc);
    }
    return r;
}

/* ---- epoll ---- */

DECLARE_REAL(int, epoll_create, int);
RT_EXPORT int epoll_create(int size)
{
    RESOLVE_REAL(epoll_create);
    return created(REAL(epoll_create)(size), fd_new_chan(), RT_CALLER_PC());
}

DECLARE_REAL(int, epoll_create1, int);
RT_EXPORT int epoll_create1(int flags)
{
    RESOLVE_REAL(epoll_create1);
    return created(REAL(epoll_create1)(flags), fd_new_chan(), RT_CALLER_PC());
}

DECLARE_REAL(int, epoll_ctl, int, int, int, struct epoll_event *);
RT_EXPORT int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    RESOLVE_REAL(epoll_ctl);
    struct crace_thread *t = intercept_thread();
    if (t) {
        fd_use(t, fd, RT_CALLER_PC());
        writing(t, epfd, RT_CALLER_PC());
    }
    return REAL(epoll_ctl)(epfd, op, fd, ev);
}

static int epoll_waited(struct crace_thread *t, int epfd, struct epoll_event *evs, int r,
                        uintptr_t pc)
{
    if (t && r >= 0) {
        fd_acquire(t, epfd);
        buf_written(t, evs, (ssize_t)r * (ssize_t)sizeof *evs, pc);
    }
    return r;
}

DECLARE_REAL(int, epoll_wait, int, struct epoll_event *, int, int);
RT_EXPORT int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout)
{
    RESOLVE_REAL(epoll_wait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(epfd, pc);
    return epoll_waited(t, epfd, evs, REAL(epoll_wait)(epfd, evs, max, timeout), pc);
}

DECLARE_REAL(int, epoll_pwait, int, struct epoll_event *, int, int, const sigset_t *);
RT_EXPORT int epoll_pwait(int epfd, struct epoll_event *evs, int max, int timeout,
                          const sigset_t *mask)
{
    RESOLVE_REAL(epoll_pwait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = reading(epfd, pc);
    return epoll_waited(t, epfd, evs, REAL(epoll_pwait)(epfd, evs, max, timeout, mask), pc);
}
