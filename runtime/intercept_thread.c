/*
 * intercept_thread.c - thread lifecycle interceptors: pthread_create, join
 * (plain, try, timed), detach, exit and naming.
 */

#include "intercept.h"

#include <errno.h>
#include <limits.h>
#include <time.h>

/*
 * The thread's end is recorded by a thread-specific-data destructor, not
 * when its function returns: the program's own TSD destructors run after
 * that and their accesses must still be checked. Ours re-arms itself so it
 * runs in the last destructor round, after the program's.
 */
static pthread_key_t finish_key;
static pthread_once_t finish_key_once = PTHREAD_ONCE_INIT;

static void finish_at_last_round(void *arg)
{
    struct crace_thread *t = arg;
    if (++t->exit_rounds < PTHREAD_DESTRUCTOR_ITERATIONS) {
        pthread_setspecific(finish_key, t);
        return;
    }
    thread_finish(t);
}

/* pthread_once itself is intercepted: call libc's directly. */
static int (*real_once)(pthread_once_t *, void (*)(void));
#define REAL_PTHREAD_ONCE(o, f)                                                                    \
    ((real_once ? 0 : (real_once = rt_real("pthread_once"), 0)), real_once(o, f))

static void make_finish_key(void)
{
    pthread_key_create(&finish_key, finish_at_last_round);
}

/*
 * Runs on the new thread: register it, then run the user's function.
 * It is the one runtime function that appears as a caller in user stacks;
 * its own section lets reports hide it even in stripped binaries.
 */
__attribute__((section("crace_text"), noinline)) static void *crace_thread_start(void *arg)
{
    struct crace_thread *t = arg;
    thread_start(t);
    pthread_setspecific(finish_key, t);
    void *ret = t->start_fn(t->start_arg);
    /* Not a tail call: the user function's caller must stay this function
     * (hidden in reports), not libc's start_thread. */
    __asm__ __volatile__("" : : : "memory");
    return ret;
}

DECLARE_REAL(int, pthread_create, pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
RT_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *),
                             void *arg)
{
    RESOLVE_REAL(pthread_create);
    struct crace_thread *cur = intercept_thread();
    if (!cur)
        return REAL(pthread_create)(th, attr, fn, arg);
    REAL_PTHREAD_ONCE(&finish_key_once, make_finish_key);
    struct crace_thread *t = thread_create(cur, RT_CALLER_PC());
    t->start_fn = fn;
    t->start_arg = arg;
    /* libc allocates the new thread's TLS blocks in here: they must go
     * through the malloc interceptor (recycled memory must look fresh), but
     * libc's writes to them are not the program's accesses (the child's
     * clock was taken already), so accesses are ignored, not bookkeeping. */
    cur->ignore++;
    int rc = REAL(pthread_create)(th, attr, crace_thread_start, t);
    cur->ignore--;
    if (rc != 0)
        thread_discard(t);
    else
        thread_set_pthread(t, *th);
    return rc;
}

static void after_join(struct crace_thread *cur, struct crace_thread *t, int rc)
{
    if (rc == 0 && t)
        thread_joined(cur, t);
}

DECLARE_REAL(int, pthread_join, pthread_t, void **);
RT_EXPORT int pthread_join(pthread_t th, void **ret)
{
    RESOLVE_REAL(pthread_join);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    int rc = REAL(pthread_join)(th, ret);
    if (cur)
        after_join(cur, t, rc);
    return rc;
}

DECLARE_REAL(int, pthread_tryjoin_np, pthread_t, void **);
RT_EXPORT int pthread_tryjoin_np(pthread_t th, void **ret)
{
    RESOLVE_REAL(pthread_tryjoin_np);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    int rc = REAL(pthread_tryjoin_np)(th, ret);
    if (cur)
        after_join(cur, t, rc);
    return rc;
}

DECLARE_REAL(int, pthread_timedjoin_np, pthread_t, void **, const struct timespec *);
RT_EXPORT int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_timedjoin_np);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    int rc = REAL(pthread_timedjoin_np)(th, ret, abstime);
    if (cur)
        after_join(cur, t, rc);
    return rc;
}

DECLARE_REAL(int, pthread_detach, pthread_t);
RT_EXPORT int pthread_detach(pthread_t th)
{
    RESOLVE_REAL(pthread_detach);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    int rc = REAL(pthread_detach)(th);
    if (rc == 0 && t)
        thread_detached(t);
    return rc;
}

/* Marks the unwinding that follows, for pthread_once (intercept_sync.c). */
DECLARE_REAL(void, pthread_exit, void *);
RT_EXPORT void pthread_exit(void *ret)
{
    RESOLVE_REAL(pthread_exit);
    struct crace_thread *cur = intercept_thread();
    if (cur)
        cur->exiting = 1;
    REAL(pthread_exit)(ret);
    __builtin_unreachable();
}

DECLARE_REAL(int, pthread_setname_np, pthread_t, const char *);
RT_EXPORT int pthread_setname_np(pthread_t th, const char *name)
{
    RESOLVE_REAL(pthread_setname_np);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    int rc = REAL(pthread_setname_np)(th, name);
    if (rc == 0 && t)
        thread_set_name(t, name);
    return rc;
}
