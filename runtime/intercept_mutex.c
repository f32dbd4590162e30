/*
 * intercept_mutex.c - mutex and condition variable interceptors.
 *
 * A successful lock acquires the mutex's sync object; unlock releases into
 * it before the real unlock (so the next owner finds the clock). A
 * condition wait is an unlock before blocking and a lock after waking, or
 * after being cancelled while waiting. Mutexes and condition variables are
 * memory too (sync.h): init and destroy write them, the other operations
 * read them atomically, before any release they do.
 */

#include "intercept.h"
#include "sync.h"

#include <errno.h>
#include <time.h>

static int locked_ok(int rc)
{
    return rc == 0 || rc == EOWNERDEAD;
}

static int is_robust(const pthread_mutex_t *m)
{
    return (m->__data.__kind & 16) != 0;
}

/* What m does when its owner locks it again (events.h). glibc marks a
 * destroyed mutex with kind -1 (every call then fails with EINVAL), which
 * is told to the tools here; relocking it fails too. */
static unsigned mutex_flags(struct crace_thread *t, const pthread_mutex_t *m, uintptr_t pc)
{
    int kind = m->__data.__kind;
    if (kind == -1) {
        if (t)
            ev_lock_invalid(t, (uintptr_t)m, pc);
        return EV_ERRORCHECK;
    }
    if ((kind & 3) == PTHREAD_MUTEX_RECURSIVE)
        return EV_RECURSIVE;
    return (kind & 3) == PTHREAD_MUTEX_ERRORCHECK ? EV_ERRORCHECK : 0;
}

/*
 * A thread that dies holding a robust mutex never unlocks it: the next
 * locker gets EOWNERDEAD. So each thread lists the robust mutexes it holds,
 * and thread_finish releases them as if unlocked (thread.c).
 */
static void robust_held(struct crace_thread *t, pthread_mutex_t *m)
{
    for (int i = 0; i < THREAD_ROBUST_MAX; i++) {
        if (!t->robust[i]) {
            t->robust[i] = (uintptr_t)m;
            return;
        }
    }
}

static void robust_released(struct crace_thread *t, pthread_mutex_t *m)
{
    for (int i = 0; i < THREAD_ROBUST_MAX; i++)
        if (t->robust[i] == (uintptr_t)m)
            t->robust[i] = 0;
}

static void after_lock(struct crace_thread *t, pthread_mutex_t *m, int rc, unsigned flags,
                       uintptr_t pc)
{
    if (!t || !locked_ok(rc))
        return;
    sync_lock_taken(t, (uintptr_t)m, flags, pc);
    if (is_robust(m))
        robust_held(t, m);
}

DECLARE_REAL(int, pthread_mutex_init, pthread_mutex_t *, const pthread_mutexattr_t *);
RT_EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    RESOLVE_REAL(pthread_mutex_init);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_written(m, sizeof *m, pc);
    int rc = REAL(pthread_mutex_init)(m, attr);
    if (t && rc == 0)
        sync_lock_created(t, (uintptr_t)m, pc);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_lock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_lock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    waiting(t, EV_WAIT_MUTEX, m, 0, mutex_flags(t, m, pc), pc);
    int rc = REAL(pthread_mutex_lock)(m);
    waited(t, !locked_ok(rc));
    after_lock(t, m, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_trylock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_trylock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    mutex_flags(t, m, pc);
    int rc = REAL(pthread_mutex_trylock)(m);
    after_lock(t, m, rc, EV_TRY, pc);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_timedlock, pthread_mutex_t *, const struct timespec *);
RT_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_mutex_timedlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    waiting(t, EV_WAIT_MUTEX, m, 0, EV_TIMED | mutex_flags(t, m, pc), pc);
    int rc = REAL(pthread_mutex_timedlock)(m, abstime);
    waited(t, !locked_ok(rc));
    after_lock(t, m, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_mutex_clocklock, pthread_mutex_t *, clockid_t, const struct timespec *);
RT_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clk,
                                      const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_mutex_clocklock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(m, pc);
    waiting(t, EV_WAIT_MUTEX, m, 0, EV_TIMED | mutex_flags(t, m, pc), pc);
    int rc = REAL(pthread_mutex_clocklock)(m, clk, abstime);
    waited(t, !locked_ok(rc));
    after_lock(t, m, rc, 0, pc);
    return rc;
}

/*
 * Would this unlock succeed? Error-checking, recursive and robust mutexes
 * refuse an unlock by a thread that does not own them (EPERM), and a
 * refused unlock releases nothing. glibc keeps the owner's kernel thread id
 * in the mutex. A normal mutex unlocks whoever calls.
 */
static int unlock_succeeds(const pthread_mutex_t *m, const struct crace_thread *t)
{
    int kind = m->__data.__kind;
    int checks_owner = (kind & 3) != PTHREAD_MUTEX_NORMAL || (kind & 16) /* robust */;
    return !checks_owner || m->__data.__owner == t->os_tid;
}

/* Releasing m: the read of m comes first, so that whoever takes m next is
 * ordered after it (and may destroy or free m). */
static void unlocking(struct crace_thread *t, pthread_mutex_t *m, uintptr_t pc)
{
    sync_obj_used(t, (uintptr_t)m, pc);
    thread_lock_released(t, (uintptr_t)m, pc);
    sync_release(t, (uintptr_t)m);
}

DECLARE_REAL(int, pthread_mutex_unlock, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_unlock);
    struct crace_thread *t = intercept_thread();
    uintptr_t pc = RT_CALLER_PC();
    if (t && m->__data.__kind != -1 && unlock_succeeds(m, t)) {
        unlocking(t, m, pc);
        if (is_robust(m))
            robust_released(t, m);
    } else if (t) {
        sync_obj_used(t, (uintptr_t)m, pc);
        if (m->__data.__kind == -1)
            mutex_flags(t, m, pc); /* destroyed: the tools are told */
        else
            ev_unlock_refused(t, (uintptr_t)m, mutex_flags(t, m, pc), pc);
    }
    return REAL(pthread_mutex_unlock)(m);
}

DECLARE_REAL(int, pthread_mutex_destroy, pthread_mutex_t *);
RT_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
    RESOLVE_REAL(pthread_mutex_destroy);
    struct crace_thread *t = obj_written(m, sizeof *m, RT_CALLER_PC());
    if (t)
        ev_lock_destroy(t, (uintptr_t)m, RT_CALLER_PC());
    int rc = REAL(pthread_mutex_destroy)(m);
    if (rc == 0 && t)
        sync_forget((uintptr_t)m, 1);
    return rc;
}

/*
 * Condition waits. The mutex is released before the real wait and taken
 * again after it. A thread cancelled inside the wait also leaves it holding
 * the mutex (glibc locks it again before running the cleanup handlers), so
 * a cleanup handler registered around the real call does the same
 * bookkeeping as a normal return: the handlers that follow run with the
 * mutex's clock acquired and the mutex listed as held. (In C the handler is
 * registered with a sigsetjmp buffer: it passes through our setjmp stub,
 * which only notes the buffer's shadow stack depth.)
 */
enum wait_kind { WAIT_PLAIN, WAIT_TIMED, WAIT_CLOCK };

struct cond_wait {
    enum wait_kind kind;
    uintptr_t pc;
    pthread_cond_t *c;
    pthread_mutex_t *m;
    clockid_t clk;
    const struct timespec *abstime;
    struct crace_thread *t;
};

/* glibc versions the condition variable functions; the default is GLIBC_2.3.2. */
#define RESOLVE_COND(name)                                                                         \
    do {                                                                                           \
        if (unlikely(!real_##name))                                                                \
            real_##name = rt_real_versioned(#name, "GLIBC_2.3.2");                                 \
    } while (0)
static int (*real_pthread_cond_wait)(pthread_cond_t *, pthread_mutex_t *);
static int (*real_pthread_cond_timedwait)(pthread_cond_t *, pthread_mutex_t *,
                                          const struct timespec *);
DECLARE_REAL(int, pthread_cond_clockwait, pthread_cond_t *, pthread_mutex_t *, clockid_t,
             const struct timespec *);

static int real_wait(const struct cond_wait *w)
{
    switch (w->kind) {
    case WAIT_PLAIN:
        RESOLVE_COND(pthread_cond_wait);
        return real_pthread_cond_wait(w->c, w->m);
    case WAIT_TIMED:
        RESOLVE_COND(pthread_cond_timedwait);
        return real_pthread_cond_timedwait(w->c, w->m, w->abstime);
    default:
        RESOLVE_REAL(pthread_cond_clockwait);
        return REAL(pthread_cond_clockwait)(w->c, w->m, w->clk, w->abstime);
    }
}

/* The mutex is ours again: after the wait returned, or cancelled in it. */
static void wait_relocked(void *arg)
{
    struct cond_wait *w = arg;
    waited(w->t, 0);
    sync_acquire(w->t, (uintptr_t)w->m);
    thread_lock_taken(w->t, (uintptr_t)w->m, 0, w->pc);
}

static int cond_wait(struct cond_wait *w, uintptr_t pc)
{
    w->t = intercept_thread();
    if (!w->t)
        return real_wait(w);
    w->pc = pc;
    sync_obj_used(w->t, (uintptr_t)w->c, pc);
    unlocking(w->t, w->m, pc);
    waiting(w->t, EV_WAIT_COND, w->c, (uintptr_t)w->m, w->kind == WAIT_PLAIN ? 0 : EV_TIMED, pc);
    int rc;
    pthread_cleanup_push(wait_relocked, w);
    rc = real_wait(w);
    pthread_cleanup_pop(0);
    wait_relocked(w);
    return rc;
}

RT_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    struct cond_wait w = {.kind = WAIT_PLAIN, .c = c, .m = m};
    return cond_wait(&w, RT_CALLER_PC());
}

RT_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                     const struct timespec *abstime)
{
    struct cond_wait w = {.kind = WAIT_TIMED, .c = c, .m = m, .abstime = abstime};
    return cond_wait(&w, RT_CALLER_PC());
}

RT_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clk,
                                     const struct timespec *abstime)
{
    struct cond_wait w = {.kind = WAIT_CLOCK, .c = c, .m = m, .clk = clk, .abstime = abstime};
    return cond_wait(&w, RT_CALLER_PC());
}

/* The rest of a condition variable's life: its memory only (signals are not
 * an ordering: a woken waiter is ordered by the mutex it takes again). */
static int (*real_pthread_cond_init)(pthread_cond_t *, const pthread_condattr_t *);
static int (*real_pthread_cond_destroy)(pthread_cond_t *);
static int (*real_pthread_cond_signal)(pthread_cond_t *);
static int (*real_pthread_cond_broadcast)(pthread_cond_t *);

RT_EXPORT int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    RESOLVE_COND(pthread_cond_init);
    obj_written(c, sizeof *c, RT_CALLER_PC());
    return real_pthread_cond_init(c, attr);
}

RT_EXPORT int pthread_cond_destroy(pthread_cond_t *c)
{
    RESOLVE_COND(pthread_cond_destroy);
    obj_written(c, sizeof *c, RT_CALLER_PC());
    return real_pthread_cond_destroy(c);
}

RT_EXPORT int pthread_cond_signal(pthread_cond_t *c)
{
    RESOLVE_COND(pthread_cond_signal);
    ev_wake(obj_used(c, RT_CALLER_PC()), c, EV_WAKE_SIGNAL);
    return real_pthread_cond_signal(c);
}

RT_EXPORT int pthread_cond_broadcast(pthread_cond_t *c)
{
    RESOLVE_COND(pthread_cond_broadcast);
    ev_wake(obj_used(c, RT_CALLER_PC()), c, EV_WAKE_BROADCAST);
    return real_pthread_cond_broadcast(c);
}
