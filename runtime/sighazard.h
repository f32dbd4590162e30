/*
 * sighazard.h - hazards of asynchronous signal handlers (sighazard.c), a
 * tool of events.h (option report_signal_unsafe):
 *
 *   SIGNAL-UNSAFE CALL IN SIGNAL HANDLER   the handler calls a function
 *       that is not async-signal-safe: the malloc family (malloc, calloc,
 *       realloc, reallocarray, free, cfree, memalign, aligned_alloc,
 *       posix_memalign, valloc, pvalloc), stdio output and input (printf,
 *       fprintf, vprintf, vfprintf and their _chk forms, puts, fputs,
 *       fflush, fwrite, fread), and every blocking call the runtime knows
 *       (pthread_mutex_lock and the timed forms, rwlock and spinlock locks,
 *       condition waits, joins, sem_wait, barriers, pthread_once, mtx_lock,
 *       flockfile). sem_post, write(2) and the other async-signal-safe
 *       calls are not reported; snprintf and sprintf are not either (they
 *       take no lock).
 *   SIGNAL HANDLER SPOILS ERRNO   the handler returned with errno changed
 *       (as TSan, errno is set to a marker value before the handler runs
 *       and the interrupted code's value is put back if the handler left
 *       the marker in place).
 *
 * Asynchronous handlers only: not the handler of a fault the thread's own
 * instruction raised (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS) or
 * of SIGABRT, which cannot have interrupted a function at an arbitrary
 * point the way an asynchronous signal can (and usually ends the program).
 *
 * A hazard is noted in the handler and reported after it (when a thread
 * is created or ends, or at exit): making a report needs the allocator,
 * whose lock the interrupted code may hold.
 */
#ifndef CRACE_SIGHAZARD_H
#define CRACE_SIGHAZARD_H

#include "events.h"

extern const struct ev_tool sighazard_tool;

#endif
