// atom_fence_acquire_cas_fail: a failed compare-exchange is a read, and an
// acquire fence after it pairs with the store it read. T1: payload,
// release store 1. T2 repeats a relaxed CAS 0 -> 0 while it succeeds; the
// first failure read T1's 1. Then an acquire fence and the payload read.
// No race.
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
    int expected = 0;

    (void)arg;
    while (atomic_compare_exchange_strong_explicit(&flag, &expected, 0, memory_order_relaxed,
                                                   memory_order_relaxed))
        sched_yield();
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
