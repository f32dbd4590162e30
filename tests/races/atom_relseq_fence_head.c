// atom_relseq_fence_head: a relaxed store after a release fence heads a
// (hypothetical) release sequence carrying the fence's clock, which goes
// on through other threads' RMWs and the head thread's later stores. T1:
// payload, release fence, relaxed store 1. T2 waits for it (relaxed) and
// exchanges in 2 (relaxed RMW). T1 waits for the 2 (relaxed) and
// relaxed-stores 3. T3 starts after that (uninstr_sync), acquire-loads 3
// and reads the payload: it synchronizes with T1's fence. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload;
static atomic_int flag;
static int stored;

static void *producer(void *arg)
{
    payload = 42;
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    while (atomic_load_explicit(&flag, memory_order_relaxed) != 2)
        sched_yield();
    atomic_store_explicit(&flag, 3, memory_order_relaxed);
    crace_test_signal(&stored);
    return arg;
}

static void *relay(void *arg)
{
    while (atomic_load_explicit(&flag, memory_order_relaxed) != 1)
        sched_yield();
    atomic_exchange_explicit(&flag, 2, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    crace_test_wait(&stored);
    while (atomic_load_explicit(&flag, memory_order_acquire) != 3)
        sched_yield();
    return (void *)payload;
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
    return seen == (void *)42L ? 0 : 1;
}
