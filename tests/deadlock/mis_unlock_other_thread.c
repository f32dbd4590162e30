// mis_unlock_other_thread: T1 locks a mutex and waits; main unlocks it (a
// normal mutex lets it, but it is not main's to unlock). Reported with
// where T1 took it. T1 then takes another mutex, and m again, which is
// free now (main released it): no edge from m, which T1 no longer holds,
// and no double lock. main's `other` then m is no inversion.
//
// EXPECT: report
// WARNING: UNLOCK BY NON-OWNER x1
// FRAME-LINES: 22 37
// STDERR-HAS: which another thread holds, by main thread:
// STDERR-HAS: Mutex M1 acquired by thread T1 here:
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, other = PTHREAD_MUTEX_INITIALIZER;
static int locked, unlocked;

static void *holder(void *arg)
{
    pthread_mutex_lock(&m); /* FRAME */
    crace_test_signal(&locked);
    crace_test_wait(&unlocked);
    pthread_mutex_lock(&other); /* m is not held any more: no edge m -> other */
    pthread_mutex_unlock(&other);
    pthread_mutex_lock(&m); /* free again: no double lock */
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, holder, NULL); /* CREATE */
    crace_test_wait(&locked);
    pthread_mutex_unlock(&m); /* FRAME */
    crace_test_signal(&unlocked);
    pthread_join(t, NULL);
    /* `other` then m: no edge m -> other was made above */
    pthread_mutex_lock(&other);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&other);
    return 0;
}
