// atom_fence_pending_exact: an acquire fence pairs with the stores its
// thread's relaxed reads READ, not with whatever the objects hold at fence
// time. T1 writes payload1 and release-stores 1. T2 relaxed-loads the 1.
// Only then (uninstr_sync) T3 writes payload3 and release-stores 2. T2's
// acquire fence synchronizes with T1 only: its payload1 read is ordered,
// its payload3 read races with T3's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 35 53
// RACE-FUNCS: third reader
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "uninstr_sync.h"

static long payload1;
static long payload3;
static atomic_int flag;
static int first_done, read_done, third_done;

static void *first(void *arg)
{
    payload1 = 1;
    atomic_store_explicit(&flag, 1, memory_order_release);
    crace_test_signal(&first_done);
    return arg;
}

static void *third(void *arg)
{
    crace_test_wait(&read_done);
    payload3 = 3; /* RACY */
    atomic_store_explicit(&flag, 2, memory_order_release);
    crace_test_signal(&third_done);
    return arg;
}

static void *reader(void *arg)
{
    long a = 0, b = 0;

    (void)arg;
    crace_test_wait(&first_done);
    int v = atomic_load_explicit(&flag, memory_order_relaxed);
    crace_test_signal(&read_done);
    crace_test_wait(&third_done);
    atomic_thread_fence(memory_order_acquire);
    if (v == 1) {
        a = payload1;
        b = payload3; /* RACY */
    }
    return (void *)(a + b);
}

int main(void)
{
    pthread_t t1, t2, t3;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_create(&t3, NULL, third, NULL);  /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    return 0;
}
