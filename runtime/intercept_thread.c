/*
 * intercept_thread.c - thread lifecycle interceptors: pthread_create, join
 * (plain, try, timed, clock), detach, exit and naming, and the creation steps that
 * thrd_create shares (intercept_c11.c). A thread's end is recorded by
 * thread.c (a TSD destructor armed when the thread starts).
 */

#include "intercept.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <time.h>

/*
 * Runs on the new thread: register it, then run the user's function.
 * It is the one runtime function that appears as a caller in user stacks;
 * its own section lets reports hide it even in stripped binaries.
 */
__attribute__((section("crace_text"), noinline)) static void *crace_thread_start(void *arg)
{
    struct crace_thread *t = arg;
    thread_start(t);
    if (t->start_unmask)
        pthread_sigmask(SIG_SETMASK, &t->start_mask, 0);
    void *ret =
        t->start_c11 ? (void *)(intptr_t)t->start_c11(t->start_arg) : t->start_fn(t->start_arg);
    /* Not a tail call: the user function's caller must stay this function
     * (hidden in reports), not libc's start_thread. */
    __asm__ __volatile__("" : : : "memory");
    return ret;
}

void *(*const thread_spawn_start)(void *) = crace_thread_start;

struct crace_thread *thread_spawn_begin(struct crace_thread *cur, uintptr_t pc, int detached,
                                        void *(*fn)(void *), int (*c11)(void *), void *arg)
{
    struct crace_thread *t = thread_create(cur, pc, detached);
    t->start_fn = fn;
    t->start_c11 = c11;
    t->start_arg = arg;
    /* libc allocates the new thread's TLS blocks in the real call: they must
     * go through the malloc interceptor (recycled memory must look fresh),
     * but libc's writes to them are not the program's accesses (the child's
     * clock was taken already), so accesses are ignored, not bookkeeping. */
    cur->ignore++;
    return t;
}

void thread_spawn_end(struct crace_thread *cur, struct crace_thread *t, int ok, pthread_t th)
{
    cur->ignore--;
    if (ok)
        thread_spawned(t, th);
    else
        thread_discard(t);
}

/* Whether attr gives the new thread a signal mask of its own (glibc 2.32's
 * pthread_attr_setsigmask_np): glibc installs it before our start function
 * runs, so there is nothing to restore (nor a way to close that window). */
static int attr_has_sigmask(const pthread_attr_t *attr)
{
#ifdef PTHREAD_ATTR_NO_SIGMASK_NP
    sigset_t set;
    return attr && pthread_attr_getsigmask_np(attr, &set) == 0;
#else
    (void)attr;
    return 0;
#endif
}

void thread_spawn_mask(struct crace_thread *t, const pthread_attr_t *attr, sigset_t *saved)
{
    sigset_t async;
    sigfillset(&async);
    /* A fault while blocked would kill the process instead of running the
     * program's handler: those stay open (they run at once anyway). */
    sigdelset(&async, SIGSEGV);
    sigdelset(&async, SIGBUS);
    sigdelset(&async, SIGILL);
    sigdelset(&async, SIGFPE);
    sigdelset(&async, SIGTRAP);
    sigdelset(&async, SIGSYS);
    pthread_sigmask(SIG_BLOCK, &async, saved);
    t->start_mask = *saved;
    t->start_unmask = !attr_has_sigmask(attr);
}

void thread_spawn_unmask(const sigset_t *saved)
{
    pthread_sigmask(SIG_SETMASK, saved, 0);
}

static int attr_detached(const pthread_attr_t *attr)
{
    int state = PTHREAD_CREATE_JOINABLE;
    return attr && pthread_attr_getdetachstate(attr, &state) == 0 &&
           state == PTHREAD_CREATE_DETACHED;
}

DECLARE_REAL(int, pthread_create, pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
RT_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *),
                             void *arg)
{
    RESOLVE_REAL(pthread_create);
    struct crace_thread *cur = intercept_thread();
    if (!cur)
        return REAL(pthread_create)(th, attr, fn, arg);
    struct crace_thread *t =
        thread_spawn_begin(cur, RT_CALLER_PC(), attr_detached(attr), fn, 0, arg);
    sigset_t saved;
    thread_spawn_mask(t, attr, &saved);
    int rc = REAL(pthread_create)(th, attr, crace_thread_start, t);
    thread_spawn_unmask(&saved);
    thread_spawn_end(cur, t, rc == 0, rc == 0 ? *th : 0);
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
    waiting(cur, EV_WAIT_JOIN, (void *)th, (uintptr_t)t, 0, RT_CALLER_PC());
    int rc = waited(cur, REAL(pthread_join)(th, ret));
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
    waiting(cur, EV_WAIT_JOIN, (void *)th, (uintptr_t)t, EV_TIMED, RT_CALLER_PC());
    int rc = waited(cur, REAL(pthread_timedjoin_np)(th, ret, abstime));
    if (cur)
        after_join(cur, t, rc);
    return rc;
}

/* glibc 2.31's join with a deadline on a chosen clock: a join when it
 * succeeds, nothing when it times out. */
DECLARE_REAL(int, pthread_clockjoin_np, pthread_t, void **, clockid_t, const struct timespec *);
RT_EXPORT int pthread_clockjoin_np(pthread_t th, void **ret, clockid_t clock,
                                   const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_clockjoin_np);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread(th) : 0;
    waiting(cur, EV_WAIT_JOIN, (void *)th, (uintptr_t)t, EV_TIMED, RT_CALLER_PC());
    int rc = waited(cur, REAL(pthread_clockjoin_np)(th, ret, clock, abstime));
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
    int rc = REAL(pthread_setname_np)(th, name);
    if (rc == 0 && cur)
        thread_set_name_of(th, name);
    return rc;
}
