// atom_fence_exchange_fetch: fences around read-modify-writes. T1: payload,
// release fence, relaxed exchange of a 64-bit flag to 1. T2 polls with a
// relaxed fetch_or(0) until it reads nonzero, runs an acquire fence and
// reads the payload. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static long payload;
static atomic_long flag;

static void *producer(void *arg)
{
    payload = 42;
    atomic_thread_fence(memory_order_release);
    atomic_exchange_explicit(&flag, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_fetch_or_explicit(&flag, 0, memory_order_relaxed))
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
