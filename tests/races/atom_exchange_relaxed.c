// atom_exchange_relaxed: atom_exchange with relaxed exchanges on the 8-bit
// flag. T2 gets T1's 1 back, but relaxed RMWs do not synchronize, so T2's
// read of the payload races with T1's write. uninstr_sync makes T1 go
// first (invisible to crace).
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
static atomic_uchar flag;
static int published;

static void *producer(void *arg)
{
    payload = 42;
    atomic_exchange_explicit(&flag, 1, memory_order_relaxed);
    crace_test_signal(&published);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    crace_test_wait(&published);
    if (atomic_exchange_explicit(&flag, 0, memory_order_relaxed) == 1)
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
