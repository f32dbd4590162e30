/*
 * intercept.h - helpers shared by the interceptors (intercept_*.c).
 *
 * An interceptor defines the libc name in the executable, which takes
 * precedence over libc for every caller (the executable exports it, see
 * libcrace.dynlist). It finds the real function once with dlsym(RTLD_NEXT).
 * It passes straight through when the runtime is not ready, the thread is
 * unknown or finished, or the call comes from inside the runtime (in_rt).
 */
#ifndef CRACE_INTERCEPT_H
#define CRACE_INTERCEPT_H

#include "thread.h"

/* Resolve the real function into a static pointer on first use. A benign
 * race: two threads may both resolve and store the same value. */
#define REAL(name) real_##name
#define DECLARE_REAL(ret, name, ...) static ret (*real_##name)(__VA_ARGS__)
#define RESOLVE_REAL(name)                                                                         \
    do {                                                                                           \
        if (unlikely(!real_##name))                                                                \
            real_##name = rt_real(#name);                                                          \
    } while (0)

/* The thread to do bookkeeping for, or NULL to pass through. */
static inline struct crace_thread *intercept_thread(void)
{
    if (unlikely(!rt_initialized))
        return 0;
    struct crace_thread *t = thread_current();
    return (t && !t->in_rt) ? t : 0;
}

/* malloc on behalf of an interceptor: the block is recorded as allocated
 * (and written) at the program's call site pc (intercept_malloc.c). */
void *intercept_malloc_at(size_t n, uintptr_t pc);

/* Data through file descriptor fd orders its writer before its reader
 * (intercept_fd.c): stdio's output calls release before writing, its input
 * calls acquire after a successful read. */
void intercept_fd_release(struct crace_thread *t, int fd);
void intercept_fd_acquire(struct crace_thread *t, int fd);

/* Resolve the string functions' real pointers at start-up (init.c). */
void intercept_string_init(void);

#endif
