// atom_release_sequence_broken: atom_release_sequence where T2 moves the
// flag from 1 to 2 with a relaxed STORE, not an RMW. A store by another
// thread ends T1's release sequence, so T3's acquire load of 2 syncs with
// nothing and its payload read races with T1's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 24 46
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static int payload;
static atomic_int stage;
static int relayed;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&stage, 1, memory_order_release);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
        sched_yield();
    atomic_store_explicit(&stage, 2, memory_order_relaxed);
    crace_test_signal(&relayed);
    return arg;
}

static void *consumer(void *arg)
{
    long seen;

    (void)arg;
    crace_test_wait(&relayed); /* never reads 1: that would sync with T1 */
    while (atomic_load_explicit(&stage, memory_order_acquire) != 2)
        sched_yield();
    seen = payload;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2, t3;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, relay, NULL);    /* CREATE */
    pthread_create(&t3, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    return 0;
}
