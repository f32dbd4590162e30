// dl_race_then_deadlock: a data race, then a deadlock. Both reports, and
// the summary counts each kind, one line each, data races last.
//
// EXPECT: report
// WARNING: DATA RACE x1
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 25 36
// STDERR-HAS: Found 1 deadlock(s)
// STDERR-HAS: Found 1 data race(s)
// LINK: uninstr_sync
// TIMEOUT: 20
#include <pthread.h>

#include "uninstr_sync.h"

long counter; /* alone in its granule */
static int written;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *worker(void *arg)
{
    counter = 1; /* RACY */
    crace_test_signal(&written);
    pthread_mutex_lock(&m);
    pthread_cond_wait(&never, &m); /* BLOCKED */
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&written);
    counter = 2; /* RACY */
    pthread_join(t, NULL); /* BLOCKED */
    return 0;
}
