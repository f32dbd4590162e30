// atom_fence_cas_weak_both: fence to fence through compare-exchanges only.
// T1: payload, release fence, then a relaxed compare_exchange_weak loop
// that bumps a 64-bit counter 0 -> 1. T2 spins on a relaxed
// compare_exchange_weak 1 -> 2 until it succeeds (it read T1's 1), then
// runs an acquire fence and reads the payload. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_ullong counter;

static void *producer(void *arg)
{
    unsigned long long old = atomic_load_explicit(&counter, memory_order_relaxed);

    payload = 42;
    atomic_thread_fence(memory_order_release);
    while (!atomic_compare_exchange_weak_explicit(&counter, &old, old + 1, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
    return arg;
}

static void *consumer(void *arg)
{
    unsigned long long expected = 1;

    (void)arg;
    while (!atomic_compare_exchange_weak_explicit(&counter, &expected, 2, memory_order_relaxed,
                                                  memory_order_relaxed)) {
        expected = 1;
        sched_yield();
    }
    atomic_thread_fence(memory_order_acquire);
    return (void *)payload;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
