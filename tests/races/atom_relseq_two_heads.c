// atom_relseq_two_heads: two release sequences on one 64-bit stage, and a
// relaxed store by one head. T1 writes payload1 and release-stores 1; T2
// waits for it (relaxed), writes payload2 and moves the stage to 2 with a
// release fetch_add (its own sequence starts, T1's goes on). T1 waits for
// the 2 (relaxed) and relaxed-stores 3: its own sequence goes on, T2's
// ends (another thread's plain store). T3 starts after that
// (uninstr_sync) and acquire-loads 3: it synchronizes with T1 only, so its
// payload1 read is ordered and its payload2 read races with T2's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 42 56
// RACE-FUNCS: relay consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload1;
static long payload2;
static atomic_long stage;
static int stored;

static void *producer(void *arg)
{
    payload1 = 1;
    atomic_store_explicit(&stage, 1, memory_order_release);
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 2)
        sched_yield();
    atomic_store_explicit(&stage, 3, memory_order_relaxed);
    crace_test_signal(&stored);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
        sched_yield();
    payload2 = 2; /* RACY */
    atomic_fetch_add_explicit(&stage, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    long a, b;

    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&stage, memory_order_acquire) != 3)
        sched_yield();
    a = payload1;
    b = payload2; /* RACY */
    return (void *)(a + b);
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
