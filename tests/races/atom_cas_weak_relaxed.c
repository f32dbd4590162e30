// atom_cas_weak_relaxed: atom_cas_weak where the flag store and the weak
// CAS are both relaxed. T2's CAS takes T1's 1, but nothing synchronizes,
// so T2's read of the payload races with T1's write. uninstr_sync makes T1
// go first.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 23 39
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static int payload;
static atomic_int flag;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    int expected = 1;
    long seen;

    (void)arg;
    crace_test_wait(&published);
    while (!atomic_compare_exchange_weak_explicit(&flag, &expected, 2, memory_order_relaxed,
                                                  memory_order_relaxed))
        expected = 1;
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
