/*
 * lockcheck.h - lock misuse and thread leaks (lockcheck.c), fed by
 * locktools.c. Options report_mutex_bugs and report_thread_leaks.
 *
 * Lock misuse, each its own report title:
 *   UNLOCK OF UNLOCKED MUTEX   an unlock of a lock no thread holds (any
 *                              kind of lock: mutex, read-write lock,
 *                              spinlock, a FILE's lock; also a condition
 *                              wait on a mutex the waiter does not hold)
 *   UNLOCK BY NON-OWNER        an unlock of a lock another thread holds
 *   DOUBLE LOCK                the owner of a lock that is not recursive
 *                              locks it again: a mutex (normal, default or
 *                              adaptive), a spinlock, or a read-write lock
 *                              it holds for reading taken for writing. The
 *                              call would never return: reported before the
 *                              real call, then the run ends (exit status
 *                              66), as for a deadlock. A timed call is
 *                              reported and goes on (it times out).
 *   DESTROY OF LOCKED MUTEX    a destroy of a lock some thread holds
 *   USE OF DESTROYED MUTEX     a lock, trylock or unlock of a mutex (pthread
 *                              or C11) after pthread_mutex_destroy/
 *                              mtx_destroy (glibc marks it destroyed; a
 *                              zero-filled mutex never initialized is a
 *                              valid one and is never reported)
 *   CONDITION VARIABLE WITH TWO MUTEXES   threads waiting on one condition
 *                              variable at once with different mutexes
 * Not reported: what an error-checking mutex refuses with an error code
 * (a relock: EDEADLK; an unlock by a thread that does not own it: EPERM),
 * and a read-write lock's relock that glibc refuses with EDEADLK (write
 * then read or write): the program asked for the error and may handle it.
 *
 * Thread leak: at exit, threads that finished but were never joined nor
 * detached, one report per place of creation.
 */
#ifndef CRACE_LOCKCHECK_H
#define CRACE_LOCKCHECK_H

#include "events.h"

/* The events that concern it (events.h), seen before lockstack records
 * them: */
void lockcheck_wait_begin(struct crace_thread *t); /* a double lock; a condition wait */
void lockcheck_wait_end(struct crace_thread *t);   /* of a condition wait */
/* t unlocks addr, which its lockstack does not list (released: the
 * unlock really happens, 0: the lock refused it): the report. */
void lockcheck_unheld(struct crace_thread *t, uintptr_t addr, uintptr_t pc, int released);
void lockcheck_unlock_refused(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc);
void lockcheck_destroy(struct crace_thread *t, uintptr_t addr, uintptr_t pc);
void lockcheck_invalid(struct crace_thread *t, uintptr_t addr, uintptr_t pc);
/* At exit: the thread leaks. */
void lockcheck_leaks(void);

/*
 * Locks unlocked by a thread that did not hold them, leaving their owner's
 * lockstack stale ("stolen"): while any is listed, each lock event of a
 * thread first drops its stale entries (lockcheck_unsteal; addr != 0: only
 * addr's, and 1 if it had one). One test of a global otherwise.
 */
extern int lockcheck_nstolen;
int lockcheck_unsteal(struct crace_thread *t, uintptr_t addr);
static inline int lockcheck_stale(struct crace_thread *t, uintptr_t addr)
{
    return unlikely(__atomic_load_n(&lockcheck_nstolen, __ATOMIC_RELAXED)) &&
           lockcheck_unsteal(t, addr);
}

#endif
