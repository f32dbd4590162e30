/*
 * watchdog.h - the runtime's own thread: it checks for deadlocks on a
 * timer (deadlock.c) and prints the thread dump on dump_signal (dump.c).
 *
 * It is invisible to the detector: it never registers as a program thread
 * (its crace_cur is a private record in runtime mode, so every interceptor
 * passes straight through), is never counted among the program's threads,
 * takes no part in happens-before and blocks every signal. It is started
 * lazily (watchdog_start: when the program gets a second thread or blocks
 * in a wait that may never end; at start-up with dump_signal); a fork
 * child has none until it needs one again.
 */
#ifndef CRACE_WATCHDOG_H
#define CRACE_WATCHDOG_H

#include <stdint.h>
#include <sys/types.h>

/* Start the watchdog unless it runs (one load when it does). Any program
 * thread outside the runtime's locks; not from a signal handler. */
void watchdog_start(void);
/* The last program thread is finishing: the watchdog returns, so that
 * glibc's exit-with-the-last-thread ends the process. */
void watchdog_stop(void);
/* Its kernel thread id (0: not running), to tell it from program threads. */
pid_t watchdog_tid(void);
/* Ask for a thread dump. Async-signal-safe (dump_signal's handler). */
void watchdog_request_dump(void);
/* Milliseconds on the monotonic clock. */
uint64_t watchdog_now_ms(void);

#endif
