/*
 * intercept_c11.c - C11 <threads.h>: threads, mutexes, condition variables
 * and call_once.
 *
 * glibc (2.34 and later) implements these on its pthread functions, but
 * calls them internally, not through the PLT: our pthread interceptors
 * never see a thrd_create or an mtx_lock. So each C11 function is
 * intercepted itself and does the same bookkeeping as its pthread
 * counterpart, through the runtime layer (thread.h, sync.h):
 *
 *  - thrd_create/join/detach/exit: thread_spawn_begin/end (the creator's
 *    happens-before edge, "Thread Tn created at:" pointing at the
 *    thrd_create call), thread_joined, thread_detached; thrd_exit marks the
 *    unwinding as pthread_exit does (intercept_sync.c's pthread_once).
 *  - mtx_*: a lock is an acquire of the mutex's sync object, an unlock a
 *    release before the real unlock, as for pthread mutexes; mtx_init is
 *    the lock's origin for reports. A recursive mutex unlocked by a thread
 *    that does not own it fails (thrd_error) and releases nothing.
 *  - cnd_wait/cnd_timedwait: an unlock before blocking and a lock after
 *    waking (also after a timeout: the mutex is held again). cnd_signal and
 *    cnd_broadcast make no edge of their own (the mutex carries it).
 *  - mutexes and condition variables are memory too, as their pthread
 *    counterparts (sync.h): init and destroy write the object, every other
 *    operation reads it, so e.g. a lock racing with mtx_init or a signal
 *    racing with cnd_destroy is a race on the object.
 *  - call_once is pthread_once on the same flag (glibc's once_flag is a
 *    pthread_once_t): the initialization happens before every return.
 *
 * thrd_current, thrd_equal, thrd_sleep, thrd_yield and tss_* need nothing: no edge (sleeping orders
 * nothing), and tss destructors run before the thread's end is recorded (thread.c), so they are
 * checked and ordered by a join like pthread ones.
 */
#include "intercept.h"
#include "sync.h"

#include <threads.h>

/* --- threads --- */

DECLARE_REAL(int, thrd_create, thrd_t *, thrd_start_t, void *);
RT_EXPORT int thrd_create(thrd_t *thr, thrd_start_t fn, void *arg)
{
    RESOLVE_REAL(thrd_create);
    struct crace_thread *cur = intercept_thread();
    if (!cur)
        return REAL(thrd_create)(thr, fn, arg);
    struct crace_thread *t = thread_spawn_begin(cur, RT_CALLER_PC(), 0, 0, fn, arg);
    /* glibc calls the start function as a pthread one and thrd_join turns
     * its void * result back into the int (thread_spawn_start does). */
    sigset_t saved;
    thread_spawn_mask(t, 0, &saved);
    int rc = REAL(thrd_create)(thr, (thrd_start_t)(void (*)(void))thread_spawn_start, t);
    thread_spawn_unmask(&saved);
    thread_spawn_end(cur, t, rc == thrd_success, rc == thrd_success ? (pthread_t)*thr : 0);
    return rc;
}

DECLARE_REAL(int, thrd_join, thrd_t, int *);
RT_EXPORT int thrd_join(thrd_t thr, int *res)
{
    RESOLVE_REAL(thrd_join);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread((pthread_t)thr) : 0;
    waiting(cur, EV_WAIT_JOIN, (void *)thr, (uintptr_t)t, 0, RT_CALLER_PC());
    int rc = waited(cur, REAL(thrd_join)(thr, res));
    if (rc == thrd_success && t)
        thread_joined(cur, t);
    return rc;
}

DECLARE_REAL(int, thrd_detach, thrd_t);
RT_EXPORT int thrd_detach(thrd_t thr)
{
    RESOLVE_REAL(thrd_detach);
    struct crace_thread *cur = intercept_thread();
    struct crace_thread *t = cur ? thread_by_pthread((pthread_t)thr) : 0;
    int rc = REAL(thrd_detach)(thr);
    if (rc == thrd_success && t)
        thread_detached(t);
    return rc;
}

DECLARE_REAL(void, thrd_exit, int);
RT_EXPORT void thrd_exit(int res)
{
    RESOLVE_REAL(thrd_exit);
    struct crace_thread *cur = intercept_thread();
    if (cur)
        cur->exiting = 1;
    REAL(thrd_exit)(res);
    __builtin_unreachable();
}

/* --- mutexes --- */

DECLARE_REAL(int, mtx_init, mtx_t *, int);
RT_EXPORT int mtx_init(mtx_t *m, int type)
{
    RESOLVE_REAL(mtx_init);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_written(m, sizeof *m, pc);
    int rc = REAL(mtx_init)(m, type);
    if (t && rc == thrd_success)
        sync_lock_created(t, (uintptr_t)m, pc);
    return rc;
}

/* What m does when its owner locks it again (events.h): glibc's mtx_t is a
 * pthread_mutex_t, recursive for mtx_recursive, else a normal one; kind -1
 * marks a destroyed one (told to the tools; every call fails). */
static unsigned mtx_flags(struct crace_thread *t, const mtx_t *m, uintptr_t pc)
{
    int kind = ((const pthread_mutex_t *)(const void *)m)->__data.__kind;
    if (kind == -1) {
        if (t)
            ev_lock_invalid(t, (uintptr_t)m, pc);
        return EV_ERRORCHECK;
    }
    return (kind & 3) == PTHREAD_MUTEX_RECURSIVE ? EV_RECURSIVE : 0;
}

static int locked(struct crace_thread *t, mtx_t *m, int rc, unsigned flags, uintptr_t pc)
{
    if (t && rc == thrd_success)
        sync_lock_taken(t, (uintptr_t)m, flags, pc);
    return rc;
}

DECLARE_REAL(int, mtx_lock, mtx_t *);
RT_EXPORT int mtx_lock(mtx_t *m)
{
    RESOLVE_REAL(mtx_lock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    waiting(t, EV_WAIT_MUTEX, m, 0, mtx_flags(t, m, pc), pc);
    return locked(t, m, waited(t, REAL(mtx_lock)(m)), 0, pc);
}

DECLARE_REAL(int, mtx_trylock, mtx_t *);
RT_EXPORT int mtx_trylock(mtx_t *m)
{
    RESOLVE_REAL(mtx_trylock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    mtx_flags(t, m, pc);
    return locked(t, m, REAL(mtx_trylock)(m), EV_TRY, pc);
}

DECLARE_REAL(int, mtx_timedlock, mtx_t *__restrict, const struct timespec *__restrict);
RT_EXPORT int mtx_timedlock(mtx_t *__restrict m, const struct timespec *__restrict ts)
{
    RESOLVE_REAL(mtx_timedlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    waiting(t, EV_WAIT_MUTEX, m, 0, EV_TIMED | mtx_flags(t, m, pc), pc);
    return locked(t, m, waited(t, REAL(mtx_timedlock)(m, ts)), 0, pc);
}

/*
 * glibc's mtx_t is a pthread_mutex_t: mtx_recursive is a recursive pthread
 * mutex, which refuses an unlock by a thread that does not own it (its
 * owner's kernel thread id is in the mutex); plain and timed ones are
 * normal mutexes (unlocking one you do not hold is undefined).
 */
static int unlock_succeeds(const mtx_t *m, const struct crace_thread *t)
{
    const pthread_mutex_t *pm = (const pthread_mutex_t *)(const void *)m;
    return (pm->__data.__kind & 3) != PTHREAD_MUTEX_RECURSIVE || pm->__data.__owner == t->os_tid;
}

static void unlocking(struct crace_thread *t, mtx_t *m, uintptr_t pc)
{
    thread_lock_released(t, (uintptr_t)m, pc);
    sync_release(t, (uintptr_t)m);
}

DECLARE_REAL(int, mtx_unlock, mtx_t *);
RT_EXPORT int mtx_unlock(mtx_t *m)
{
    RESOLVE_REAL(mtx_unlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    const pthread_mutex_t *pm = (const pthread_mutex_t *)(const void *)m;
    if (t && pm->__data.__kind != -1 && unlock_succeeds(m, t))
        unlocking(t, m, pc);
    else if (t && pm->__data.__kind == -1)
        mtx_flags(t, m, pc); /* destroyed: the tools are told */
    else if (t)
        ev_unlock_refused(t, (uintptr_t)m, 0, pc);
    return REAL(mtx_unlock)(m);
}

DECLARE_REAL(void, mtx_destroy, mtx_t *);
RT_EXPORT void mtx_destroy(mtx_t *m)
{
    RESOLVE_REAL(mtx_destroy);
    struct crace_thread *t = obj_written(m, sizeof *m, RT_CALLER_PC());
    if (t)
        ev_lock_destroy(t, (uintptr_t)m, RT_CALLER_PC());
    REAL(mtx_destroy)(m);
    if (t)
        sync_forget((uintptr_t)m, 1);
}

/* --- condition variables --- */

static struct crace_thread *before_wait(cnd_t *c, mtx_t *m, unsigned flags, uintptr_t pc)
{
    struct crace_thread *t = obj_used(c, pc);
    if (t) {
        sync_obj_used(t, (uintptr_t)m, pc);
        unlocking(t, m, pc);
    }
    waiting(t, EV_WAIT_COND, c, (uintptr_t)m, flags, pc);
    return t;
}

static int after_wait(struct crace_thread *t, mtx_t *m, int rc, uintptr_t pc)
{
    waited(t, rc);
    if (t) {
        sync_acquire(t, (uintptr_t)m);
        thread_lock_taken(t, (uintptr_t)m, 0, pc);
    }
    return rc;
}

DECLARE_REAL(int, cnd_wait, cnd_t *, mtx_t *);
RT_EXPORT int cnd_wait(cnd_t *c, mtx_t *m)
{
    RESOLVE_REAL(cnd_wait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = before_wait(c, m, 0, pc);
    return after_wait(t, m, REAL(cnd_wait)(c, m), pc);
}

DECLARE_REAL(int, cnd_timedwait, cnd_t *__restrict, mtx_t *__restrict,
             const struct timespec *__restrict);
RT_EXPORT int cnd_timedwait(cnd_t *__restrict c, mtx_t *__restrict m,
                            const struct timespec *__restrict ts)
{
    RESOLVE_REAL(cnd_timedwait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = before_wait(c, m, EV_TIMED, pc);
    return after_wait(t, m, REAL(cnd_timedwait)(c, m, ts), pc);
}

DECLARE_REAL(int, cnd_init, cnd_t *);
RT_EXPORT int cnd_init(cnd_t *c)
{
    RESOLVE_REAL(cnd_init);
    obj_written(c, sizeof *c, RT_CALLER_PC());
    return REAL(cnd_init)(c);
}

DECLARE_REAL(void, cnd_destroy, cnd_t *);
RT_EXPORT void cnd_destroy(cnd_t *c)
{
    RESOLVE_REAL(cnd_destroy);
    obj_written(c, sizeof *c, RT_CALLER_PC());
    REAL(cnd_destroy)(c);
}

DECLARE_REAL(int, cnd_signal, cnd_t *);
RT_EXPORT int cnd_signal(cnd_t *c)
{
    RESOLVE_REAL(cnd_signal);
    ev_wake(obj_used(c, RT_CALLER_PC()), c, EV_WAKE_SIGNAL);
    return REAL(cnd_signal)(c);
}

DECLARE_REAL(int, cnd_broadcast, cnd_t *);
RT_EXPORT int cnd_broadcast(cnd_t *c)
{
    RESOLVE_REAL(cnd_broadcast);
    ev_wake(obj_used(c, RT_CALLER_PC()), c, EV_WAKE_BROADCAST);
    return REAL(cnd_broadcast)(c);
}

/* --- call_once --- */

RT_EXPORT void call_once(once_flag *flag, void (*fn)(void))
{
    _Static_assert(sizeof(once_flag) == sizeof(pthread_once_t), "once_flag is a pthread_once_t");
    pthread_once((pthread_once_t *)(void *)flag, fn);
}
