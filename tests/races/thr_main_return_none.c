// thr_main_return_none: a worker increments `counter` under a mutex in an
// endless loop; main reads it under the same mutex and returns while the
// worker is still running (exit() ends it). All accesses are ordered by the
// mutex; the exit itself must not produce a report. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

long counter;
static int started;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
    crace_test_signal(&started);
    for (;;) {
        pthread_mutex_lock(&m);
        counter++;
        pthread_mutex_unlock(&m);
        sched_yield();
    }
    return arg;
}

int main(void)
{
    pthread_t t;
    long seen;

    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&started);
    pthread_mutex_lock(&m);
    seen = counter;
    pthread_mutex_unlock(&m);
    return seen > 0 ? 0 : 1;
}
