// atom_relaxed: atom_release_acquire with a relaxed store and a relaxed
// load. T2 sees the flag, but relaxed operations create no happens-before
// edge, so T2's read of the payload races with T1's write. uninstr_sync
// makes T1 finish first (invisible to crace).
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 36
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static int payload;
static atomic_int ready;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&published);
    if (atomic_load_explicit(&ready, memory_order_relaxed))
        seen = payload;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
