// mis_unlock_other_thread: T1 locks a mutex and waits; main unlocks it (a
// normal mutex lets it, but it is not main's to unlock). Reported with
// where T1 took it. T1 then ends without unlocking (main did).
//
// EXPECT: report
// WARNING: UNLOCK BY NON-OWNER x1
// FRAME-LINES: 20 31
// STDERR-HAS: which another thread holds, by main thread:
// STDERR-HAS: Mutex M1 acquired by thread T1 here:
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int locked, unlocked;

static void *holder(void *arg)
{
    pthread_mutex_lock(&m); /* FRAME */
    crace_test_signal(&locked);
    crace_test_wait(&unlocked);
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
    /* taken again after that: no stale owner, no report */
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    return 0;
}
