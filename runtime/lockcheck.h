/*
 * lockcheck.h - lock misuse and thread leaks (lockcheck.c), a tool of
 * events.h. Options report_mutex_bugs and report_thread_leaks.
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

extern const struct ev_tool lockcheck_tool;

#endif
