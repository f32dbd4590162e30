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

#include "events.h"
#include "sync.h"
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

/* The calling thread (or NULL), after its operation at pc read the
 * synchronization object at obj (sync.h: objects are memory). */
static inline struct crace_thread *obj_used(const volatile void *obj, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_obj_used(t, (uintptr_t)obj, pc);
    return t;
}

/* The same when the operation writes the object (init, destroy). */
static inline struct crace_thread *obj_written(const volatile void *obj, size_t size, uintptr_t pc)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_obj_written(t, (uintptr_t)obj, size, pc);
    return t;
}

/* Around a blocking call of t (NULL: nothing to do) on obj at pc: what it
 * waits for, for the tools (events.h); waited() passes the call's result
 * through, 0 meaning it got what it waited for. */
static inline void waiting(struct crace_thread *t, int kind, const volatile void *obj,
                           uintptr_t aux, unsigned flags, uintptr_t pc)
{
    if (t)
        ev_wait_begin(t, kind, (uintptr_t)obj, aux, flags, pc);
}

static inline int waited(struct crace_thread *t, int rc)
{
    if (t)
        ev_wait_end(t, rc == 0);
    return rc;
}

/* malloc on behalf of an interceptor: the block is recorded as allocated
 * (and written) at the program's call site pc (intercept_malloc.c). */
void *intercept_malloc_at(size_t n, uintptr_t pc);

/* Resolve the string functions' real pointers at start-up (init.c). */
void intercept_string_init(void);

#endif
