// atom_relseq_head_ended: a thread whose release sequence has ended is no
// head any more. T1 writes payload1 and release-stores 1; T2 writes
// payload2 and release-stores 2 (another thread's plain store: T1's
// sequence ends, T2's starts); T1 then relaxed-stores 3, which ends T2's
// and continues nothing of T1's. T3 acquire-loads 3 and synchronizes with
// nothing: both payload reads race. uninstr_sync orders the steps.
//
// EXPECT: race
// REPORTS: 2
// RACE-LINES: 28 54
// RACE-LINES: 40 55
// RACE-FUNCS: consumer
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload1;
static long payload2;
static atomic_int flag;
static int step1, step2, step3;

static void *first(void *arg)
{
    payload1 = 1; /* RACY */
    atomic_store_explicit(&flag, 1, memory_order_release);
    crace_test_signal(&step1);
    crace_test_wait(&step2);
    atomic_store_explicit(&flag, 3, memory_order_relaxed);
    crace_test_signal(&step3);
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&step1);
    payload2 = 2; /* RACY */
    atomic_store_explicit(&flag, 2, memory_order_release);
    crace_test_signal(&step2);
    return arg;
}

static void *consumer(void *arg)
{
    long a, b;

    (void)arg;
    crace_test_wait(&step3);
    while (atomic_load_explicit(&flag, memory_order_acquire) != 3)
        sched_yield();
    a = payload1; /* RACY */
    b = payload2; /* RACY */
    return (void *)(a + b);
}

int main(void)
{
    pthread_t t1, t2, t3;

    pthread_create(&t1, NULL, first, NULL);    /* CREATE */
    pthread_create(&t2, NULL, second, NULL);   /* CREATE */
    pthread_create(&t3, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    return 0;
}
