/*
 * internal.c - the runtime's own services: memory, locks, output and lookup
 * of the real libc functions behind interceptors.
 */

#include "rt.h"

#include <dlfcn.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Formatting for the runtime's own output. vsnprintf and snprintf are our
 * interceptors (they check the buffer as a program write), so an error path
 * that used them could need shadow memory or take runtime locks: rt_die
 * reporting that shadow memory cannot be reserved recursed through
 * vsnprintf -> range check -> shadow_region_create -> rt_die until the
 * stack overflowed. glibc exports its formatter under the internal name
 * __vsnprintf too (an alias of vsnprintf, GLIBC_2.2.5), which no
 * interceptor of ours carries (the fortified __vsnprintf_chk is one of
 * ours: intercept_printf.c), so this path never passes through our names,
 * as rt_memcpy does for memcpy.
 */
int __vsnprintf(char *s, size_t maxlen, const char *fmt, va_list ap);

int rt_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
    return __vsnprintf(buf, len, fmt, ap);
}

int rt_snprintf(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    return n;
}

static void out_of_memory(size_t n)
{
    char msg[96];
    int len = rt_snprintf(msg, sizeof msg, "crace: out of memory (%zu bytes)\n", n);
    rt_write(2, msg, len > 0 ? (size_t)len : 0);
    _exit(2);
}

void *rt_alloc(size_t n)
{
    void *p = __libc_calloc(1, n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *rt_realloc(void *p, size_t n)
{
    void *q = __libc_realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

void rt_free(void *p)
{
    __libc_free(p);
}

char *rt_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = __libc_malloc(n);
    if (!d)
        out_of_memory(n);
    rt_memcpy(d, s, n);
    return d;
}

void *rt_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
    long r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    return r < 0 && r > -4096 ? MAP_FAILED : (void *)r;
}

int rt_sys_munmap(void *addr, size_t len)
{
    return (int)syscall(SYS_munmap, addr, len);
}

void *rt_map(size_t n)
{
    void *p = rt_sys_mmap(NULL, n, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        out_of_memory(n);
    return p;
}

void rt_unmap(void *p, size_t n)
{
    rt_sys_munmap(p, n);
}

/* Runtime locks this thread holds or waits for; signals are deferred while
 * it is non-zero (signal.c). Only the thread itself touches it. */
__thread int rt_lock_depth __attribute__((tls_model("initial-exec")));
__thread int rt_signal_pending __attribute__((tls_model("initial-exec")));

void rt_signals_defer(void)
{
    rt_lock_depth++;
}

void rt_signals_undefer(void)
{
    if (--rt_lock_depth == 0 && rt_signal_pending && signal_deliver_pending)
        signal_deliver_pending();
}

void rt_lock_acquire(rt_lock *l)
{
    rt_signals_defer();
    for (int spins = 0;; spins++) {
        if (!__atomic_load_n(&l->locked, __ATOMIC_RELAXED) &&
            !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
            return;
        if (spins > 64)
            sched_yield();
        else
            __builtin_ia32_pause();
    }
}

void rt_lock_release(rt_lock *l)
{
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
    rt_signals_undefer();
}

void rt_write(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        long r = syscall(SYS_write, fd, buf, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        buf += r;
        n -= (size_t)r;
    }
}

void rt_vprintf(int fd, const char *fmt, va_list ap)
{
    char buf[2048];
    int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    rt_write(fd, buf, (size_t)n);
}

void rt_printf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rt_vprintf(fd, fmt, ap);
    va_end(ap);
}

void rt_die(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n > sizeof buf - 2)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    rt_write(2, "crace: ", 7);
    rt_write(2, buf, (size_t)n);
    _exit(2);
}

void *rt_real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f)
        rt_die("cannot find the real '%s' in libc", name);
    return f;
}

void *rt_real_versioned(const char *name, const char *version)
{
    void *f = dlvsym(RTLD_NEXT, name, version);
    return f ? f : rt_real(name);
}
