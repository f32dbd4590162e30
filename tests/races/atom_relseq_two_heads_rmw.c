// atom_relseq_two_heads_rmw: atom_relseq_two_heads where T1's last step is
// a relaxed fetch_add (2 -> 3) instead of a store: a read-modify-write
// continues every release sequence, T2's included, so T3's acquire load of
// 3 synchronizes with both T1 and T2. No race.
//
// EXPECT: none
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
    atomic_fetch_add_explicit(&stage, 1, memory_order_relaxed);
    crace_test_signal(&stored);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&stage, memory_order_relaxed) != 1)
        sched_yield();
    payload2 = 2;
    atomic_fetch_add_explicit(&stage, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&stage, memory_order_acquire) != 3)
        sched_yield();
    return (void *)(payload1 + payload2);
}

int main(void)
{
    pthread_t t1, t2, t3;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, relay, NULL);    /* CREATE */
    pthread_create(&t3, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, &seen);
    return seen == (void *)3L ? 0 : 1;
}
