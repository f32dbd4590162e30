/*
 * intercept_mutex.c - mutex and condition variable interceptors.
 *
 * A successful lock acquires the mutex's sync object; unlock releases into
 * it before the real unlock (so the next owner finds the clock). A
 * condition wait is an unlock before blocking and a lock after waking.
 */

#include "intercept.h"
#include "sync.h"

#include <errno.h>
#include <time.h>

static int locked_ok(int rc)
{
    return rc == 0 || rc == EOWNERDEAD;
}

DECLARE_REAL(int, pthread_mutex_lock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_lock);
    int rc = REAL(pthread_mutex_lock)(m);
    struct crace_thread *t = intercept_thread();
    if (t && locked_ok(rc))
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_trylock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_trylock);
    int rc = REAL(pthread_mutex_trylock)(m);
    struct crace_thread *t = intercept_thread();
    if (t && locked_ok(rc))
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_timedlock, pthread_mutex_t *, const struct timespec *);
RT_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_mutex_timedlock);
    int rc = REAL(pthread_mutex_timedlock)(m, abstime);
    struct crace_thread *t = intercept_thread();
    if (t && locked_ok(rc))
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_unlock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_unlock);
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)m);
    return REAL(pthread_mutex_unlock)(m);
}

DECLARE_REAL(int, pthread_mutex_destroy, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_destroy);
    int rc = REAL(pthread_mutex_destroy)(m);
    if (rc == 0 && intercept_thread())
        sync_forget((uintptr_t)m, 1);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_clocklock, pthread_mutex_t *, clockid_t, const struct timespec *);
RT_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clk,
                                      const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_mutex_clocklock);
    int rc = REAL(pthread_mutex_clocklock)(m, clk, abstime);
    struct crace_thread *t = intercept_thread();
    if (t && locked_ok(rc))
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

/* Condition variables: glibc versions them; the default is GLIBC_2.3.2. */
static int (*real_cond_wait)(pthread_cond_t *, pthread_mutex_t *);
static int (*real_cond_timedwait)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);

RT_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    if (unlikely(!real_cond_wait))
        real_cond_wait = rt_real_versioned("pthread_cond_wait", "GLIBC_2.3.2");
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)m);
    int rc = real_cond_wait(c, m);
    if (t)
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

RT_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                     const struct timespec *abstime)
{
    if (unlikely(!real_cond_timedwait))
        real_cond_timedwait = rt_real_versioned("pthread_cond_timedwait", "GLIBC_2.3.2");
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)m);
    int rc = real_cond_timedwait(c, m, abstime);
    if (t)
        sync_acquire(t, (uintptr_t)m);
    return rc;
}

DECLARE_REAL(int, pthread_cond_clockwait, pthread_cond_t *, pthread_mutex_t *, clockid_t,
             const struct timespec *);
RT_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clk,
                                     const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_cond_clockwait);
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)m);
    int rc = REAL(pthread_cond_clockwait)(c, m, clk, abstime);
    if (t)
        sync_acquire(t, (uintptr_t)m);
    return rc;
}
