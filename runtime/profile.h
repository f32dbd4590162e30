/*
 * profile.h - the mutex, block and thread ("goroutine") profiles, a tool
 * on the events of events.h, as Go's runtime/pprof defines them:
 *
 *   mutex      contention on locks (mutexes, rwlocks, spinlocks, C11
 *              mutexes, FILE locks): how long waiters waited, recorded at
 *              the stack of the thread that released the lock they waited
 *              for, 1 in mutex_profile_fraction events (scaled back up).
 *   block      where threads blocked (contended locks, condition waits,
 *              joins, semaphores, barriers, pthread_once) and for how long,
 *              at the blocking call's stack; about one event per
 *              block_profile_rate nanoseconds blocked (scaled back up).
 *   goroutine  every live thread's stack now, grouped, with its labels.
 *
 * Samples carry the thread's labels (labels.h) as string labels. Profiles
 * are written at exit (mutex_profile=PATH, block_profile=PATH,
 * goroutine_profile=PATH) and served over HTTP (pprof_http.h).
 */
#ifndef CRACE_PROFILE_H
#define CRACE_PROFILE_H

#include "events.h"
#include "pprof.h"

extern const struct ev_tool profile_tool;

enum profile_which { PROFILE_MUTEX, PROFILE_BLOCK, PROFILE_GOROUTINE };

/*
 * Profile `which` into out, in Go's forms: debug 0 = gzip'd profile.proto,
 * 1 = the legacy text form with counts, 2 = (goroutine) one stack per
 * thread with its state. seconds > 0 (mutex, block): what happened during
 * the next `seconds` seconds (the caller waits that long). In runtime
 * mode; any thread.
 */
void profile_render(enum profile_which which, int debug, int seconds, struct pbuf *out);

#endif
