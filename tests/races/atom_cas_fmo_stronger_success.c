// atom_cas_fmo_stronger_success: a compare-exchange that succeeds has the
// success order, even when the failure order is stronger. T2 runs CAS
// 1 -> 2 (success relaxed, failure acquire) after T1's release store of 1
// (uninstr_sync): it succeeds, acquires nothing, and its payload read
// races with T1's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 39
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static atomic_int flag;
static int stored;

static void *producer(void *arg)
{
    payload = 42; /* RACY */
    atomic_store_explicit(&flag, 1, memory_order_release);
    crace_test_signal(&stored);
    return arg;
}

static void *consumer(void *arg)
{
    int expected = 1;
    long seen = 0;

    (void)arg;
    crace_test_wait(&stored);
    if (__atomic_compare_exchange_n((int *)&flag, &expected, 2, 0, __ATOMIC_RELAXED,
                                    __ATOMIC_ACQUIRE))
        seen = payload; /* RACY */
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
