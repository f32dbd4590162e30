// lock_cond_signal_destroy_race: T1 sets the predicate under the mutex but
// signals the condition variable after unlocking it. main, woken (or never
// asleep), sees the predicate and destroys the condition variable: nothing
// orders T1's signal before the destroy (uninstr_sync only puts it first in
// real time). The destroy writes the condition variable, the signal reads
// it: one race, on the condition variable.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 44 28
// RACE-ACCESS: write read
// STDERR-HAS: Location is global 'cond'
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

pthread_cond_t cond;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int ready;
static int signalled;

static void *signaller(void *arg)
{
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_mutex_unlock(&m);
    pthread_cond_signal(&cond); /* RACY */
    crace_test_signal(&signalled);
    return arg;
}

int main(void)
{
    pthread_t t;

    pthread_cond_init(&cond, NULL);
    pthread_create(&t, NULL, signaller, NULL); /* CREATE */
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&cond, &m);
    pthread_mutex_unlock(&m);
    crace_test_wait(&signalled);
    pthread_cond_destroy(&cond); /* RACY */
    pthread_join(t, NULL);
    return 0;
}
