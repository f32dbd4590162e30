// atom_signal_fence_no_edge: atomic_signal_fence orders a thread with its
// own signal handlers only; it makes no edge between threads. atom_fence
// with signal fences: T2's payload read races with T1's write.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 19 31
// RACE-FUNCS: producer consumer
// RACE-ACCESS: read write
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_int flag;

static void *producer(void *arg)
{
    payload = 42; /* RACY */
    atomic_signal_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        sched_yield();
    atomic_signal_fence(memory_order_acquire);
    return (void *)payload; /* RACY */
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
