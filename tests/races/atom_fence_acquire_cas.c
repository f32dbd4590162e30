// atom_fence_acquire_cas: an acquire fence pairs with any earlier atomic
// read, a successful relaxed compare-exchange included. T1: payload,
// release store 1. T2 spins on a relaxed CAS 1 -> 2 until it succeeds (it
// read T1's store), runs an acquire fence and reads the payload. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_int flag;

static void *producer(void *arg)
{
    payload = 42;
    atomic_store_explicit(&flag, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    int expected = 1;

    (void)arg;
    while (!atomic_compare_exchange_strong_explicit(&flag, &expected, 2, memory_order_relaxed,
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
