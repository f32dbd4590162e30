/*
 * rt.h - definitions shared by every part of the runtime: branch hints,
 * internal allocation, locks and raw output.
 *
 * The runtime is linked into the program under test and is never compiled
 * with -fsanitize=thread, so its own memory accesses are invisible to the
 * detector. It must also never reach its own interceptors by accident:
 * internal allocation goes straight to glibc's __libc_* entry points and
 * output goes through the raw write system call.
 */
#ifndef CRACE_RT_H
#define CRACE_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define RT_HIDDEN __attribute__((visibility("hidden")))
#define RT_EXPORT __attribute__((visibility("default")))
#define RT_NOINLINE __attribute__((noinline))
#define RT_CALLER_PC() ((uintptr_t)__builtin_return_address(0))

/* glibc's allocator, reached without passing through our malloc interceptor. */
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t m);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void __libc_free(void *p);

void *rt_alloc(size_t n); /* zeroed; aborts the process with a message on failure */
void *rt_realloc(void *p, size_t n);
void rt_free(void *p);
char *rt_strdup(const char *s);

/*
 * memcpy/memset/memmove for the runtime's own use. The plain names are our
 * interceptors (they check user memory), so the runtime calls glibc's
 * fortified entry points, which jump straight to the libc implementation.
 */
void *__memcpy_chk(void *d, const void *s, size_t n, size_t dlen);
void *__memset_chk(void *d, int c, size_t n, size_t dlen);
void *__memmove_chk(void *d, const void *s, size_t n, size_t dlen);
static inline void *rt_memcpy(void *d, const void *s, size_t n)
{
    return __memcpy_chk(d, s, n, (size_t)-1);
}
static inline void *rt_memset(void *d, int c, size_t n)
{
    return __memset_chk(d, c, n, (size_t)-1);
}
static inline void *rt_memmove(void *d, const void *s, size_t n)
{
    return __memmove_chk(d, s, n, (size_t)-1);
}

/* mmap/munmap as system calls: the plain names are our interceptors. */
void *rt_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
int rt_sys_munmap(void *addr, size_t len);

/* Large zero-filled, lazily populated mapping (traces, shadow stacks). */
void *rt_map(size_t n);
void rt_unmap(void *p, size_t n);

/*
 * A small spinlock for runtime tables. Held only for short table updates,
 * never across a call back into user code.
 */
typedef struct {
    int locked;
} rt_lock;
void rt_lock_acquire(rt_lock *l);
void rt_lock_release(rt_lock *l);
/* Signals arriving while a thread holds a runtime lock wait until it holds
 * none (signal.c); these two are that thread's bookkeeping. */
extern __thread int rt_lock_depth __attribute__((tls_model("initial-exec")));
extern __thread int rt_signal_pending __attribute__((tls_model("initial-exec")));
void signal_deliver_pending(void) __attribute__((weak)); /* absent in unit tests */
/* Defer asynchronous signals (as holding an rt_lock does) around runtime
 * state that a handler running the runtime again must not see half-updated;
 * the matching end delivers what arrived meanwhile. */
void rt_signals_defer(void);
void rt_signals_undefer(void);

/* snprintf/vsnprintf for the runtime's own use: never our interceptors
 * (which check the buffer), so safe on error paths and in any state. */
int rt_snprintf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rt_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);

/* Raw output to fd, formatted with rt_vsnprintf. */
void rt_write(int fd, const char *buf, size_t n);
void rt_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rt_vprintf(int fd, const char *fmt, va_list ap);
/* Print "crace: <msg>" to stderr and terminate with status 2 (bad input). */
void rt_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* The real libc functions behind our interceptors, resolved once. */
void *rt_real(const char *name);
void *rt_real_versioned(const char *name, const char *version);

/* Set once the runtime is ready (options parsed, main thread registered). */
extern int rt_initialized;
void rt_init(void);

#endif
