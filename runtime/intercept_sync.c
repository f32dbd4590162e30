/*
 * intercept_sync.c - the other pthread and POSIX synchronization objects:
 * read-write locks, spinlocks, barriers, pthread_once and semaphores.
 *
 * Read-write locks use two sync objects: the lock's address carries what
 * writers release (readers and writers acquire it), address + 1 carries
 * what readers release (only writers acquire it), so readers do not order
 * each other.
 *
 * Every object is memory too (sync.h): init and destroy write it, the other
 * operations read it atomically, before any release they do.
 */
#include "intercept.h"
#include "sync.h"

#include <errno.h>
#include <semaphore.h>
#include <time.h>

static uintptr_t readers_key(pthread_rwlock_t *rw)
{
    return (uintptr_t)rw + 1;
}

static void rd_locked(struct crace_thread *t, pthread_rwlock_t *rw, int rc, unsigned flags,
                      uintptr_t pc)
{
    if (t && rc == 0)
        sync_lock_taken(t, (uintptr_t)rw, EV_READ | flags, pc);
}

static void wr_locked(struct crace_thread *t, pthread_rwlock_t *rw, int rc, unsigned flags,
                      uintptr_t pc)
{
    if (t && rc == 0) {
        sync_lock_taken(t, (uintptr_t)rw, flags, pc);
        sync_acquire(t, readers_key(rw));
    }
}

DECLARE_REAL(int, pthread_rwlock_init, pthread_rwlock_t *, const pthread_rwlockattr_t *);
RT_EXPORT int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
    RESOLVE_REAL(pthread_rwlock_init);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_written(rw, sizeof *rw, pc);
    int rc = REAL(pthread_rwlock_init)(rw, attr);
    if (t && rc == 0)
        sync_lock_created(t, (uintptr_t)rw, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_rdlock, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_rdlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_RDLOCK, rw, 0, 0, pc);
    int rc = waited(t, REAL(pthread_rwlock_rdlock)(rw));
    rd_locked(t, rw, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_tryrdlock, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_tryrdlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    int rc = REAL(pthread_rwlock_tryrdlock)(rw);
    rd_locked(t, rw, rc, EV_TRY, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_timedrdlock, pthread_rwlock_t *, const struct timespec *);
RT_EXPORT int pthread_rwlock_timedrdlock(pthread_rwlock_t *rw, const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_rwlock_timedrdlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_RDLOCK, rw, 0, EV_TIMED, pc);
    int rc = waited(t, REAL(pthread_rwlock_timedrdlock)(rw, abstime));
    rd_locked(t, rw, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_clockrdlock, pthread_rwlock_t *, clockid_t,
             const struct timespec *);
RT_EXPORT int pthread_rwlock_clockrdlock(pthread_rwlock_t *rw, clockid_t clk,
                                         const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_rwlock_clockrdlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_RDLOCK, rw, 0, EV_TIMED, pc);
    int rc = waited(t, REAL(pthread_rwlock_clockrdlock)(rw, clk, abstime));
    rd_locked(t, rw, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_wrlock, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_wrlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_WRLOCK, rw, 0, 0, pc);
    int rc = waited(t, REAL(pthread_rwlock_wrlock)(rw));
    wr_locked(t, rw, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_trywrlock, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_trywrlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    int rc = REAL(pthread_rwlock_trywrlock)(rw);
    wr_locked(t, rw, rc, EV_TRY, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_timedwrlock, pthread_rwlock_t *, const struct timespec *);
RT_EXPORT int pthread_rwlock_timedwrlock(pthread_rwlock_t *rw, const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_rwlock_timedwrlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_WRLOCK, rw, 0, EV_TIMED, pc);
    int rc = waited(t, REAL(pthread_rwlock_timedwrlock)(rw, abstime));
    wr_locked(t, rw, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_rwlock_clockwrlock, pthread_rwlock_t *, clockid_t,
             const struct timespec *);
RT_EXPORT int pthread_rwlock_clockwrlock(pthread_rwlock_t *rw, clockid_t clk,
                                         const struct timespec *abstime)
{
    RESOLVE_REAL(pthread_rwlock_clockwrlock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(rw, pc);
    waiting(t, EV_WAIT_WRLOCK, rw, 0, EV_TIMED, pc);
    int rc = waited(t, REAL(pthread_rwlock_clockwrlock)(rw, clk, abstime));
    wr_locked(t, rw, rc, 0, pc);
    return rc;
}

/* glibc records the writer's kernel thread id in the lock while write-held. */
DECLARE_REAL(int, pthread_rwlock_unlock, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_unlock);
    struct crace_thread *t = obj_used(rw, RT_CALLER_PC());
    if (t) {
        int writer = rw->__data.__cur_writer == t->os_tid;
        thread_lock_released(t, (uintptr_t)rw, RT_CALLER_PC());
        sync_release(t, writer ? (uintptr_t)rw : readers_key(rw));
    }
    return REAL(pthread_rwlock_unlock)(rw);
}

DECLARE_REAL(int, pthread_rwlock_destroy, pthread_rwlock_t *);
RT_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
    RESOLVE_REAL(pthread_rwlock_destroy);
    struct crace_thread *t = obj_written(rw, sizeof *rw, RT_CALLER_PC());
    if (t)
        ev_lock_destroy(t, (uintptr_t)rw, RT_CALLER_PC());
    int rc = REAL(pthread_rwlock_destroy)(rw);
    if (rc == 0 && t)
        sync_forget((uintptr_t)rw, 2);
    return rc;
}

/* Spinlocks: exactly like a mutex. */
static void spin_locked(struct crace_thread *t, pthread_spinlock_t *s, int rc, unsigned flags,
                        uintptr_t pc)
{
    if (t && rc == 0)
        sync_lock_taken(t, (uintptr_t)s, flags, pc);
}

DECLARE_REAL(int, pthread_spin_init, pthread_spinlock_t *, int);
RT_EXPORT int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
    RESOLVE_REAL(pthread_spin_init);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_written(s, sizeof *s, pc);
    int rc = REAL(pthread_spin_init)(s, pshared);
    if (t && rc == 0)
        sync_lock_created(t, (uintptr_t)s, pc);
    return rc;
}

DECLARE_REAL(int, pthread_spin_lock, pthread_spinlock_t *);
RT_EXPORT int pthread_spin_lock(pthread_spinlock_t *s)
{
    RESOLVE_REAL(pthread_spin_lock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(s, pc);
    waiting(t, EV_WAIT_SPIN, s, 0, 0, pc);
    int rc = waited(t, REAL(pthread_spin_lock)(s));
    spin_locked(t, s, rc, 0, pc);
    return rc;
}

DECLARE_REAL(int, pthread_spin_trylock, pthread_spinlock_t *);
RT_EXPORT int pthread_spin_trylock(pthread_spinlock_t *s)
{
    RESOLVE_REAL(pthread_spin_trylock);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(s, pc);
    int rc = REAL(pthread_spin_trylock)(s);
    spin_locked(t, s, rc, EV_TRY, pc);
    return rc;
}

DECLARE_REAL(int, pthread_spin_unlock, pthread_spinlock_t *);
RT_EXPORT int pthread_spin_unlock(pthread_spinlock_t *s)
{
    RESOLVE_REAL(pthread_spin_unlock);
    struct crace_thread *t = obj_used(s, RT_CALLER_PC());
    if (t) {
        thread_lock_released(t, (uintptr_t)s, RT_CALLER_PC());
        sync_release(t, (uintptr_t)s);
    }
    return REAL(pthread_spin_unlock)(s);
}

DECLARE_REAL(int, pthread_spin_destroy, pthread_spinlock_t *);
RT_EXPORT int pthread_spin_destroy(pthread_spinlock_t *s)
{
    RESOLVE_REAL(pthread_spin_destroy);
    struct crace_thread *t = obj_written(s, sizeof *s, RT_CALLER_PC());
    if (t)
        ev_lock_destroy(t, (uintptr_t)s, RT_CALLER_PC());
    int rc = REAL(pthread_spin_destroy)(s);
    if (rc == 0 && t)
        sync_forget((uintptr_t)s, 1);
    return rc;
}

/*
 * Barriers: a waiter's arrival releases into the barrier's current phase and
 * its departure acquires that same phase (sync_barrier_arrive/depart), so
 * all work before a phase's barrier happens before all work after it, and
 * nothing of the next phase leaks into a late departure. init tells the
 * number of waiters per phase; a barrier whose init was not seen takes it
 * from glibc's barrier (struct pthread_barrier: in, current_round, count).
 */
DECLARE_REAL(int, pthread_barrier_init, pthread_barrier_t *, const pthread_barrierattr_t *,
             unsigned);
RT_EXPORT int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr,
                                   unsigned count)
{
    RESOLVE_REAL(pthread_barrier_init);
    struct crace_thread *t = obj_written(b, sizeof *b, RT_CALLER_PC());
    int rc = REAL(pthread_barrier_init)(b, attr, count);
    if (rc == 0 && t)
        sync_barrier_init((uintptr_t)b, count);
    return rc;
}

static unsigned glibc_barrier_count(const pthread_barrier_t *b)
{
    return ((const unsigned *)b)[2];
}

DECLARE_REAL(int, pthread_barrier_wait, pthread_barrier_t *);
RT_EXPORT int pthread_barrier_wait(pthread_barrier_t *b)
{
    RESOLVE_REAL(pthread_barrier_wait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(b, pc);
    struct barrier_phase *phase = 0;
    if (t)
        phase = sync_barrier_arrive(t, (uintptr_t)b, glibc_barrier_count(b));
    waiting(t, EV_WAIT_BARRIER, b, 0, 0, pc);
    int rc = REAL(pthread_barrier_wait)(b);
    waited(t, rc == PTHREAD_BARRIER_SERIAL_THREAD ? 0 : rc);
    if (t)
        sync_barrier_depart(t, (uintptr_t)b, phase);
    return rc;
}

DECLARE_REAL(int, pthread_barrier_destroy, pthread_barrier_t *);
RT_EXPORT int pthread_barrier_destroy(pthread_barrier_t *b)
{
    RESOLVE_REAL(pthread_barrier_destroy);
    struct crace_thread *t = obj_written(b, sizeof *b, RT_CALLER_PC());
    int rc = REAL(pthread_barrier_destroy)(b);
    if (rc == 0 && t)
        sync_forget((uintptr_t)b, 1);
    return rc;
}

/*
 * pthread_once: the init routine runs on the calling thread, inside the real
 * pthread_once; a trampoline (with the routine in a thread-local, since the
 * routine takes no argument) releases on the once object when it finishes,
 * and every caller acquires after pthread_once returns.
 *
 * Calls made while a thread leaves through pthread_exit are not modelled:
 * they come from libgcc's unwinder initializing itself, and would order
 * every exiting thread after every other one.
 */
static __thread void (*once_routine)(void);
static __thread pthread_once_t *once_object;

__attribute__((section("crace_text"), noinline)) static void crace_once_trampoline(void)
{
    void (*routine)(void) = once_routine;
    pthread_once_t *obj = once_object;
    struct crace_thread *t = intercept_thread();
    waited(t, 0); /* this thread initializes: it runs, it does not wait */
    routine();
    if (t)
        sync_release(t, (uintptr_t)obj);
}

DECLARE_REAL(int, pthread_once, pthread_once_t *, void (*)(void));
RT_EXPORT int pthread_once(pthread_once_t *once, void (*routine)(void))
{
    RESOLVE_REAL(pthread_once);
    struct crace_thread *t = intercept_thread();
    if (!t || t->exiting)
        return REAL(pthread_once)(once, routine);
    void (*saved_routine)(void) = once_routine;
    pthread_once_t *saved_object = once_object;
    once_routine = routine;
    once_object = once;
    /* A thread that finds another initializing blocks in here until it is
     * done; the initializer itself ends its wait in the trampoline. */
    waiting(t, EV_WAIT_ONCE, once, 0, 0, RT_CALLER_PC());
    int rc = REAL(pthread_once)(once, crace_once_trampoline);
    if (t->wait.kind == EV_WAIT_ONCE)
        waited(t, rc);
    once_routine = saved_routine;
    once_object = saved_object;
    sync_acquire(t, (uintptr_t)once);
    return rc;
}

/* Semaphores: a post releases, a successful wait acquires. */
DECLARE_REAL(int, sem_init, sem_t *, int, unsigned);
RT_EXPORT int sem_init(sem_t *s, int pshared, unsigned value)
{
    RESOLVE_REAL(sem_init);
    obj_written(s, sizeof *s, RT_CALLER_PC());
    return REAL(sem_init)(s, pshared, value);
}

DECLARE_REAL(int, sem_post, sem_t *);
RT_EXPORT int sem_post(sem_t *s)
{
    RESOLVE_REAL(sem_post);
    struct crace_thread *t = obj_used(s, RT_CALLER_PC());
    if (t)
        sync_release(t, (uintptr_t)s);
    ev_wake(t, s, EV_WAKE_POST);
    return REAL(sem_post)(s);
}

static int sem_acquired(struct crace_thread *t, sem_t *s, int rc)
{
    if (t && rc == 0)
        sync_acquire(t, (uintptr_t)s);
    return rc;
}

DECLARE_REAL(int, sem_wait, sem_t *);
RT_EXPORT int sem_wait(sem_t *s)
{
    RESOLVE_REAL(sem_wait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(s, pc);
    waiting(t, EV_WAIT_SEM, s, 0, 0, pc);
    return sem_acquired(t, s, waited(t, REAL(sem_wait)(s)));
}

DECLARE_REAL(int, sem_trywait, sem_t *);
RT_EXPORT int sem_trywait(sem_t *s)
{
    RESOLVE_REAL(sem_trywait);
    struct crace_thread *t = obj_used(s, RT_CALLER_PC());
    return sem_acquired(t, s, REAL(sem_trywait)(s));
}

DECLARE_REAL(int, sem_timedwait, sem_t *, const struct timespec *);
RT_EXPORT int sem_timedwait(sem_t *s, const struct timespec *abstime)
{
    RESOLVE_REAL(sem_timedwait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(s, pc);
    waiting(t, EV_WAIT_SEM, s, 0, EV_TIMED, pc);
    return sem_acquired(t, s, waited(t, REAL(sem_timedwait)(s, abstime)));
}

DECLARE_REAL(int, sem_clockwait, sem_t *, clockid_t, const struct timespec *);
RT_EXPORT int sem_clockwait(sem_t *s, clockid_t clk, const struct timespec *abstime)
{
    RESOLVE_REAL(sem_clockwait);
    uintptr_t pc = RT_CALLER_PC();
    struct crace_thread *t = obj_used(s, pc);
    waiting(t, EV_WAIT_SEM, s, 0, EV_TIMED, pc);
    return sem_acquired(t, s, waited(t, REAL(sem_clockwait)(s, clk, abstime)));
}

DECLARE_REAL(int, sem_getvalue, sem_t *, int *);
RT_EXPORT int sem_getvalue(sem_t *s, int *value)
{
    RESOLVE_REAL(sem_getvalue);
    struct crace_thread *t = obj_used(s, RT_CALLER_PC());
    return sem_acquired(t, s, REAL(sem_getvalue)(s, value));
}

DECLARE_REAL(int, sem_destroy, sem_t *);
RT_EXPORT int sem_destroy(sem_t *s)
{
    RESOLVE_REAL(sem_destroy);
    struct crace_thread *t = obj_written(s, sizeof *s, RT_CALLER_PC());
    int rc = REAL(sem_destroy)(s);
    if (rc == 0 && t)
        sync_forget((uintptr_t)s, 1);
    return rc;
}
